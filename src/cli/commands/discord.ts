import type { Command } from "commander";
import { type DiscordFailure, discordFailureDescriber } from "../../adapters/discord/discord-answer.js";
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
      // One retry, not the bot's three: a person is waiting at the terminal, and a PUT of the same
      // commands is harmless to repeat; a 5xx that lasts is reported for them to try again later.
      const rest = createDiscordRest({ token, api: env.DISCORD_API, retries: 1 });
      const describe = discordFailureDescriber(rest);
      try {
        const result = await registerDiscordCommands(rest, applicationId, options.guild);
        const where = result.scope === "global" ? "globally" : `in guild ${result.scope.guildId}`;
        ctx.out(`registered ${result.names.length} commands ${where}: ${result.names.map((n) => `/${n}`).join(" ")}`);
      } catch (error) {
        const api = `DISCORD_API: ${env.DISCORD_API ?? "unset, Discord's own"}`;
        throw new CommandError(`discord register: ${whatToDo(describe(error), api)}`);
      }
    });
}

/** One line: what came back from Discord, and what the person at the terminal can do about it. */
function whatToDo({ status, code, answer }: DiscordFailure, api: string): string {
  if (status === undefined) {
    const what = answer.startsWith("no answer")
      ? answer.replace("no answer", "no answer from Discord")
      : `the call to Discord failed: ${answer}`;
    return `${what}; check DISCORD_API and the network (${api})`;
  }
  // A 5xx, or a 429 that did not say how long to wait (a firewall's): nothing to fix but the hour.
  if (status >= 500 || status === 429) return `Discord answered ${answer}; try again later (${api})`;
  if (code === undefined) {
    return `Discord answered ${answer}, not Discord's own answer; check DISCORD_API and any proxy in between (${api})`;
  }
  const hint =
    status === 401
      ? "; check DISCORD_TOKEN"
      : status === 403 || status === 404
        ? "; check DISCORD_APPLICATION_ID and --guild"
        : "";
  return `Discord refused the commands: ${answer}${hint}`;
}
