import { type REST, Routes } from "discord.js";
import { UnexpectedDiscordAnswer } from "./discord-answer.js";
import { discordSlashCommands } from "./slash-commands.js";

/** Where the commands went and how many. */
export interface RegisteredCommands {
  readonly scope: "global" | { readonly guildId: string };
  readonly names: readonly string[];
}

/**
 * Replace the application's slash commands with Bantin's (a bulk overwrite, so renamed or
 * removed commands disappear). In one guild they apply at once; globally within about an hour.
 * Rejects with discord.js's error, or UnexpectedDiscordAnswer when a success is not the list.
 */
export async function registerDiscordCommands(
  rest: REST,
  applicationId: string,
  guildId?: string | undefined,
): Promise<RegisteredCommands> {
  const body = discordSlashCommands();
  const route =
    guildId === undefined
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, guildId);
  const registered = (await rest.put(route, { body })) as unknown;
  if (!Array.isArray(registered)) {
    throw new UnexpectedDiscordAnswer("an answer that is not the list of commands", { method: "PUT", path: route });
  }
  return {
    scope: guildId === undefined ? "global" : { guildId },
    names: registered.map((c: { name?: unknown }) => String(c.name)),
  };
}
