import { isSharedChat, silentLogger } from "../domain/index.js";
import { foldDiacritics } from "../text/index.js";
import type { CommandCore, CommandCoreDeps } from "./command-deps.js";
import { type CommandKit, type CommandTable, createCommandKit } from "./command-kit.js";
import { digestCommands } from "./commands/digest.js";
import { preferenceCommands } from "./commands/preferences.js";
import { scheduleCommands } from "./commands/schedule.js";
import { searchCommands } from "./commands/search.js";
import { statusCommands } from "./commands/status.js";
import { storyCommands } from "./commands/story.js";
import { toggleTopic, topicCommands } from "./commands/topics.js";
import { watchlistCommands } from "./commands/watchlist.js";
import { welcomeCommands } from "./commands/welcome.js";
import { closest } from "./edit-distance.js";
import { COMMANDS, type CommandName } from "./i18n.js";
import type { ChatContext, Reply } from "./reply.js";
import { createTokenBuckets } from "./token-bucket.js";

export type { CommandCore, CommandCoreDeps, OnDemandDigestRequest } from "./command-deps.js";

const SETTINGS_COMMANDS = new Set<CommandName>([
  "subscribe",
  "unsubscribe",
  "schedule",
  "timezone",
  "lang",
  "alerts",
  "watch",
  "unwatch",
  "mute",
  "unmute",
]);
const COMMAND_NAMES = COMMANDS.map((c) => c.name);

/** "/Subscribe@BantinBot my-trieu" → { command: "subscribe", args: ["my-trieu"] }. */
export function parseCommand(text: string): { command: string; args: string[] } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("/")) return undefined;
  const [head = "", ...args] = trimmed.split(/\s+/);
  return { command: foldDiacritics(head.slice(1).split("@")[0] ?? ""), args };
}

/** Every command, one feature file each (chat/commands/). */
function commandTable(kit: CommandKit): CommandTable {
  return {
    ...welcomeCommands(kit),
    ...topicCommands(kit),
    ...digestCommands(kit),
    ...searchCommands(kit),
    ...scheduleCommands(kit),
    ...preferenceCommands(kit),
    ...statusCommands(kit),
    ...watchlistCommands(kit),
    ...storyCommands(kit),
  };
}

/** An unknown command: in a group it may be meant for another bot, so only a likely typo of ours is answered. */
async function unknownCommand(kit: CommandKit, command: string, ctx: ChatContext): Promise<Reply[]> {
  const suggestion = closest(command, COMMAND_NAMES);
  if (ctx.chatType !== "private" && suggestion === undefined) return [];
  const params = { command, ...(suggestion === undefined ? {} : { suggestion: `/${suggestion}` }) };
  return [kit.error(await kit.langOf(ctx), "unknown-command", params)];
}

/**
 * The platform-neutral command core every adapter (Telegram, Discord, console) talks to: the
 * rate limit, the admin check for settings, and one apology instead of a stack trace.
 */
export function createCommandCore(deps: CommandCoreDeps): CommandCore {
  const logger = deps.logger ?? silentLogger;
  const kit = createCommandKit(deps);
  const commands = commandTable(kit);
  const take =
    deps.rateLimit === "off" ? undefined : createTokenBuckets(deps.rateLimit ?? { capacity: 6, refillPerSecond: 0.5 });

  const run = async (ctx: ChatContext, work: () => Promise<Reply[]> | Reply[]): Promise<Reply[]> => {
    try {
      return await work();
    } catch (cause) {
      // A bug or a broken store: logged for us, a short apology for the user, never a stack trace.
      logger.error({ err: cause, platform: ctx.platform, chatId: ctx.chatId }, "command failed");
      // The store may be what failed: the apology does not depend on reading it.
      const lang = await kit.langOf(ctx).catch(() => deps.defaults.lang);
      return [kit.error(lang, "internal")];
    }
  };

  const admitted = async (ctx: ChatContext): Promise<Reply[] | undefined> => {
    const verdict = take?.(`${ctx.platform}:${ctx.userId}`, deps.now());
    if (verdict === undefined || verdict.allowed) return undefined;
    return verdict.notify
      ? [kit.error(await kit.langOf(ctx), "slow-down", { seconds: verdict.retryAfterSeconds })]
      : [];
  };

  /** Undefined when the user may change this chat's settings, else the refusal to send. */
  const settingsRefusal = async (ctx: ChatContext): Promise<Reply[] | undefined> => {
    if (!isSharedChat(ctx.chatType)) return undefined;
    const admin = await ctx.isAdmin();
    if (admin === true) return undefined;
    return [kit.error(await kit.langOf(ctx), admin === "unknown" ? "admin-check-unavailable" : "admins-only")];
  };

  return {
    async handle(message, ctx) {
      const parsed = parseCommand(message);
      if (parsed === undefined)
        return ctx.chatType === "private" ? [kit.text(await kit.langOf(ctx), "not-a-command")] : [];
      const refused = await admitted(ctx);
      if (refused !== undefined) return refused;
      return run(ctx, async () => {
        const name = COMMAND_NAMES.find((c) => c === parsed.command);
        if (name === undefined) return await unknownCommand(kit, parsed.command, ctx);
        const refusal = SETTINGS_COMMANDS.has(name) ? await settingsRefusal(ctx) : undefined;
        return refusal ?? commands[name](parsed.args, ctx);
      });
    },
    async toggleTopic(topic, ctx) {
      const refused = await admitted(ctx);
      if (refused !== undefined) return refused;
      return run(ctx, async () => (await settingsRefusal(ctx)) ?? (await toggleTopic(kit, topic, ctx)));
    },
  };
}
