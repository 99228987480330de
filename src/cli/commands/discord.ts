import type { Command } from "commander";
import { DiscordAPIError } from "discord.js";
import { createDiscordRest } from "../../adapters/discord/discord-rest.js";
import { registerDiscordCommands } from "../../adapters/discord/register-commands.js";
import { type CliContext, CommandError } from "../context.js";

export function registerDiscord(program: Command, ctx: CliContext): void {
  const discord = program.command("discord").description("Discord administration");
  discord
    .command("register")
    .description("register the slash commands, globally or in one guild")
    .option("--guild <id>", "register in this guild only (instant; global takes up to an hour)")
    .action(async (options: { guild?: string }) => {
      const env = ctx.env();
      const token = env.DISCORD_TOKEN;
      const applicationId = env.DISCORD_APPLICATION_ID;
      if (token === undefined || applicationId === undefined) {
        const missing: string[] = [];
        if (token === undefined) missing.push("DISCORD_TOKEN");
        if (applicationId === undefined) missing.push("DISCORD_APPLICATION_ID");
        throw new CommandError(
          `discord register needs ${missing.join(" and ")} (the bot token and application id from the Discord developer portal, in .env).`,
        );
      }
      if (options.guild !== undefined && !/^\d{17,20}$/.test(options.guild)) {
        throw new CommandError(`--guild: expected a guild id (a number of 17–20 digits), got "${options.guild}".`);
      }
      const rest = createDiscordRest({ token, api: env.DISCORD_API, retries: 1 });
      try {
        const result = await registerDiscordCommands(rest, applicationId, options.guild);
        const where = result.scope === "global" ? "globally" : `in guild ${result.scope.guildId}`;
        ctx.out(`registered ${result.names.length} commands ${where}: ${result.names.map((n) => `/${n}`).join(" ")}`);
      } catch (error) {
        if (error instanceof DiscordAPIError) {
          throw new CommandError(
            `Discord refused the commands: HTTP ${error.status}, code ${error.code}: ${error.message}`,
          );
        }
        throw error;
      }
    });
}
