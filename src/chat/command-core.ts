import type { DigestDocument, Lang, Logger, Topic, TopicId } from "../domain/index.js";
import { silentLogger } from "../domain/index.js";
import type { ChatStateRepo } from "../store/chat-state-repo.js";
import type { SearchRepo } from "../store/search-repo.js";
import type { StoredSubscription, SubscriptionStore } from "../store/subscriptions-repo.js";
import { foldDiacritics } from "../text/index.js";
import {
  createTopicIndex,
  type DigestWindow,
  type Parsed,
  parseLang,
  parseOnOff,
  parseTimes,
  parseTimezone,
  parseWindow,
} from "./arguments.js";
import { closest } from "./edit-distance.js";
import { COMMANDS, type CommandName, type ErrorKey, type MessageKey } from "./i18n.js";
import { formatLocalDateTime, nextBriefingAt } from "./local-time.js";
import type { ChatContext, Reply, ReplyParams, SourceLine } from "./reply.js";
import { searchEvents } from "./search-events.js";
import { createTokenBuckets, type TokenBucketOptions } from "./token-bucket.js";

/** What /digest asks for; the composition root turns it into the digest module's request. */
export interface OnDemandDigestRequest {
  readonly subscription: StoredSubscription | undefined;
  /** Empty means all topics. */
  readonly topics: readonly TopicId[];
  readonly since: DigestWindow;
  readonly lang: Lang;
}

export interface CommandCoreDeps {
  readonly subscriptions: SubscriptionStore;
  readonly search: SearchRepo;
  readonly chatState: ChatStateRepo;
  readonly topics: readonly Topic[];
  readonly composeDigest: (request: OnDemandDigestRequest, now: number) => DigestDocument | Promise<DigestDocument>;
  readonly defaults: { readonly lang: Lang; readonly since: DigestWindow };
  readonly now: () => number;
  /** Per-user command rate; "off" for the local console, whose only user runs the bot. */
  readonly rateLimit?: TokenBucketOptions | "off";
  readonly logger?: Logger;
}

export interface CommandCore {
  /** One incoming message; the replies to send, in order (none for chatter that is not for us). */
  handle(text: string, ctx: ChatContext): Promise<Reply[]>;
  /** A tap on a topic button: flips it for this chat and answers with the updated topic list. */
  toggleTopic(topic: string, ctx: ChatContext): Promise<Reply[]>;
}

const SETTINGS_COMMANDS = new Set<CommandName>(["subscribe", "unsubscribe", "schedule", "timezone", "lang", "alerts"]);
const COMMAND_NAMES = COMMANDS.map((c) => c.name);
const SEARCH_WINDOW_MS = 7 * 24 * 3600_000;
const MAX_TIMES = 6;

/** "/Subscribe@BantinBot my-trieu" → { command: "subscribe", args: ["my-trieu"] }. */
export function parseCommand(text: string): { command: string; args: string[] } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("/")) return undefined;
  const [head = "", ...args] = trimmed.split(/\s+/);
  return { command: foldDiacritics(head.slice(1).split("@")[0] ?? ""), args };
}

/** The platform-neutral command core every adapter (Telegram, Discord, console) talks to. */
export function createCommandCore(deps: CommandCoreDeps): CommandCore {
  const logger = deps.logger ?? silentLogger;
  const resolveTopics = createTopicIndex(deps.topics);
  const take =
    deps.rateLimit === "off" ? undefined : createTokenBuckets(deps.rateLimit ?? { capacity: 6, refillPerSecond: 0.5 });
  const subs = deps.subscriptions;

  const langOf = (ctx: ChatContext, sub = subs.get(ctx.platform, ctx.chatId)): Lang => {
    if (sub !== undefined) return sub.lang;
    const platformLang = ctx.language?.slice(0, 2).toLowerCase();
    return platformLang === "vi" || platformLang === "en" ? platformLang : deps.defaults.lang;
  };
  const text = (lang: Lang, key: MessageKey, params?: ReplyParams): Reply =>
    params === undefined ? { kind: "text", lang, key } : { kind: "text", lang, key, params };
  const error = (lang: Lang, key: ErrorKey, params?: ReplyParams): Reply =>
    params === undefined ? { kind: "error", lang, key } : { kind: "error", lang, key, params };
  const fromParsed = (lang: Lang, p: Parsed<unknown> & { ok: false }): Reply =>
    error(lang, p.key, { input: p.input, ...(p.suggestion === undefined ? {} : { suggestion: p.suggestion }) });
  const labels = (lang: Lang, ids: readonly TopicId[]): string =>
    ids.length === 0 ? "—" : ids.map((id) => deps.topics.find((t) => t.id === id)?.label[lang] ?? id).join(", ");
  const ensure = (ctx: ChatContext) => subs.ensure(ctx.platform, ctx.chatId, ctx.chatType, deps.now());
  const followed = (sub: StoredSubscription | undefined): TopicId[] => {
    if (sub === undefined || !sub.active) return [];
    return sub.topics.length === 0 ? deps.topics.map((t) => t.id) : [...sub.topics];
  };

  const topicsReply = (ctx: ChatContext): Reply => {
    const sub = subs.get(ctx.platform, ctx.chatId);
    const lang = langOf(ctx, sub);
    const on = new Set(followed(sub));
    return {
      kind: "topics",
      lang,
      active: sub?.active ?? false,
      topics: deps.topics.map((t) => ({
        id: t.id,
        label: t.label[lang],
        description: t.description[lang],
        subscribed: on.has(t.id),
      })),
    };
  };

  /** Sets the chat's topic list; an empty result means the chat follows nothing, so it is deactivated. */
  const setFollowed = (ctx: ChatContext, topics: readonly TopicId[]) => {
    const now = deps.now();
    ensure(ctx);
    if (topics.length === 0) {
      subs.deactivate(ctx.platform, ctx.chatId, "unsubscribed", now);
      return;
    }
    const all = deps.topics.every((t) => topics.includes(t.id));
    subs.setTopics(ctx.platform, ctx.chatId, all ? [] : topics, now);
    subs.reactivate(ctx.platform, ctx.chatId, now);
  };

  const commands: Record<CommandName, (args: string[], ctx: ChatContext) => Promise<Reply[]> | Reply[]> = {
    start: (_args, ctx) => {
      const sub = subs.get(ctx.platform, ctx.chatId);
      const lang = langOf(ctx, sub);
      // Only a platform refusal is undone by /start; a chat that unsubscribed stays unsubscribed.
      if (sub !== undefined && (sub.deactivatedReason === "blocked" || sub.deactivatedReason === "chat-not-found")) {
        subs.reactivate(ctx.platform, ctx.chatId, deps.now());
        return [text(lang, "reactivated"), { kind: "help", lang, intro: false }];
      }
      return [{ kind: "help", lang, intro: true }];
    },
    help: (_args, ctx) => [{ kind: "help", lang: langOf(ctx), intro: true }],
    topics: (_args, ctx) => [topicsReply(ctx)],
    subscribe: (args, ctx) => {
      const lang = langOf(ctx);
      if (args.length === 0) {
        setFollowed(
          ctx,
          deps.topics.map((t) => t.id),
        );
        return [text(lang, "subscribed-all")];
      }
      const parsed = resolveTopics(args);
      if (!parsed.ok) return [fromParsed(lang, parsed)];
      const sub = subs.get(ctx.platform, ctx.chatId);
      const current = sub?.active === true && sub.topics.length > 0 ? sub.topics : [];
      setFollowed(ctx, [...new Set([...current, ...parsed.value])]);
      return [text(lang, "subscribed", { topics: labels(lang, followed(subs.get(ctx.platform, ctx.chatId))) })];
    },
    unsubscribe: (args, ctx) => {
      const lang = langOf(ctx);
      const all = args.length === 0 || ["all", "tat-ca", "het"].includes(foldDiacritics(args.join("-")));
      if (all) {
        setFollowed(ctx, []);
        return [text(lang, "unsubscribed-all")];
      }
      const parsed = resolveTopics(args);
      if (!parsed.ok) return [fromParsed(lang, parsed)];
      const remaining = followed(subs.get(ctx.platform, ctx.chatId)).filter((id) => !parsed.value.includes(id));
      setFollowed(ctx, remaining);
      if (remaining.length === 0) return [text(lang, "unsubscribed-all")];
      return [text(lang, "unsubscribed", { topics: labels(lang, parsed.value), remaining: labels(lang, remaining) })];
    },
    digest: async (args, ctx) => {
      const sub = subs.get(ctx.platform, ctx.chatId);
      const lang = langOf(ctx, sub);
      let since = deps.defaults.since;
      const topicWords: string[] = [];
      for (const arg of args) {
        const window = parseWindow(arg);
        if (window === undefined) topicWords.push(arg);
        else if (!window.ok) return [fromParsed(lang, window)];
        else since = window.value;
      }
      const parsed = topicWords.length === 0 ? undefined : resolveTopics(topicWords);
      if (parsed !== undefined && !parsed.ok) return [fromParsed(lang, parsed)];
      const topics = parsed?.value ?? (sub?.active === true ? sub.topics : []);
      const doc = await deps.composeDigest({ subscription: sub, topics, since, lang }, deps.now());
      return [{ kind: "digest", doc }];
    },
    search: (args, ctx) => {
      const lang = langOf(ctx);
      const query = args.join(" ");
      if (foldDiacritics(query).replace(/[^\p{L}\p{N}]/gu, "") === "") return [error(lang, "missing-query")];
      const now = deps.now();
      const hits = searchEvents(query, deps.search.recentItems(now - SEARCH_WINDOW_MS, 5000), 5);
      return [{ kind: "search", lang, query, hits }];
    },
    schedule: (args, ctx) => {
      const lang = langOf(ctx);
      const sub = ensure(ctx);
      if (args.length === 1 && ["off", "tat", "none"].includes(foldDiacritics(args[0] ?? ""))) {
        subs.setTimes(ctx.platform, ctx.chatId, [], deps.now());
        return [text(lang, "schedule-off")];
      }
      const parsed = parseTimes(args, MAX_TIMES);
      if (!parsed.ok)
        return [
          parsed.key === "too-many-times" ? error(lang, parsed.key, { max: MAX_TIMES }) : fromParsed(lang, parsed),
        ];
      subs.setTimes(ctx.platform, ctx.chatId, parsed.value, deps.now());
      return [text(lang, "schedule-set", { times: parsed.value.join(", "), timezone: sub.timezone })];
    },
    timezone: (args, ctx) => {
      const lang = langOf(ctx);
      const parsed = parseTimezone(args);
      if (!parsed.ok) return [fromParsed(lang, parsed)];
      ensure(ctx);
      subs.setTimezone(ctx.platform, ctx.chatId, parsed.value, deps.now());
      return [text(lang, "timezone-set", { timezone: parsed.value })];
    },
    lang: (args, ctx) => {
      const parsed = parseLang(args);
      if (!parsed.ok) return [fromParsed(langOf(ctx), parsed)];
      ensure(ctx);
      subs.setLang(ctx.platform, ctx.chatId, parsed.value, deps.now());
      return [text(parsed.value, "lang-set")];
    },
    alerts: (args, ctx) => {
      const lang = langOf(ctx);
      const parsed = parseOnOff(args);
      if (!parsed.ok) return [fromParsed(lang, parsed)];
      ensure(ctx);
      subs.setAlerts(ctx.platform, ctx.chatId, parsed.value, deps.now());
      return [text(lang, parsed.value ? "alerts-on" : "alerts-off")];
    },
    sources: (_args, ctx) => {
      const now = deps.now();
      const sources = deps.chatState.sourceHealth().map(
        (s): SourceLine => ({
          name: s.name,
          health:
            s.pausedUntil !== null && s.pausedUntil > now
              ? "paused"
              : s.consecutiveFailures > 0
                ? "failing"
                : s.lastSuccessAt === null
                  ? "never-fetched"
                  : "ok",
          lastSuccessAt: s.lastSuccessAt,
          lastError: s.lastError,
        }),
      );
      return [{ kind: "sources", lang: langOf(ctx), sources }];
    },
    status: (_args, ctx) => {
      const sub = subs.get(ctx.platform, ctx.chatId);
      const lang = langOf(ctx, sub);
      const now = deps.now();
      const stored = sub ?? ensure(ctx);
      const next = stored.active ? nextBriefingAt(stored.times, stored.timezone, now) : null;
      return [
        {
          kind: "status",
          lang,
          active: stored.active,
          topics: stored.active && stored.topics.length > 0 ? stored.topics.map((id) => labels(lang, [id])) : [],
          times: stored.times,
          timezone: stored.timezone,
          alerts: stored.alerts,
          nextBriefing: next === null ? null : formatLocalDateTime(next, stored.timezone, lang),
          lastIngestAt: deps.chatState.lastIngestAt(),
          now,
        },
      ];
    },
  };

  const run = async (ctx: ChatContext, work: () => Promise<Reply[]> | Reply[]): Promise<Reply[]> => {
    try {
      return await work();
    } catch (cause) {
      // A bug or a broken store: logged for us, a short apology for the user, never a stack trace.
      logger.error({ err: cause, platform: ctx.platform, chatId: ctx.chatId }, "command failed");
      return [error(langOf(ctx), "internal")];
    }
  };

  const admitted = (ctx: ChatContext): Reply[] | undefined => {
    const verdict = take?.(`${ctx.platform}:${ctx.userId}`, deps.now());
    if (verdict === undefined || verdict.allowed) return undefined;
    return verdict.notify ? [error(langOf(ctx), "slow-down", { seconds: verdict.retryAfterSeconds })] : [];
  };

  /** Undefined when the user may change this chat's settings, else the refusal to send. */
  const settingsRefusal = async (ctx: ChatContext): Promise<Reply[] | undefined> => {
    if (ctx.chatType !== "group" && ctx.chatType !== "supergroup") return undefined;
    const admin = await ctx.isAdmin();
    if (admin === true) return undefined;
    return [error(langOf(ctx), admin === "unknown" ? "admin-check-unavailable" : "admins-only")];
  };

  return {
    async handle(message, ctx) {
      const parsed = parseCommand(message);
      if (parsed === undefined) return ctx.chatType === "private" ? [text(langOf(ctx), "not-a-command")] : [];
      const refused = admitted(ctx);
      if (refused !== undefined) return refused;
      return run(ctx, async () => {
        const name = COMMAND_NAMES.find((c) => c === parsed.command);
        if (name === undefined) {
          // In a group the command may be meant for another bot: answer only a likely typo of ours.
          const suggestion = closest(parsed.command, COMMAND_NAMES);
          if (ctx.chatType !== "private" && suggestion === undefined) return [];
          const params = {
            command: parsed.command,
            ...(suggestion === undefined ? {} : { suggestion: `/${suggestion}` }),
          };
          return [error(langOf(ctx), "unknown-command", params)];
        }
        const refusal = SETTINGS_COMMANDS.has(name) ? await settingsRefusal(ctx) : undefined;
        return refusal ?? commands[name](parsed.args, ctx);
      });
    },
    async toggleTopic(topic, ctx) {
      const refused = admitted(ctx);
      if (refused !== undefined) return refused;
      return run(ctx, async () => {
        const refusal = await settingsRefusal(ctx);
        if (refusal !== undefined) return refusal;
        const parsed = resolveTopics([topic]);
        if (!parsed.ok) return [fromParsed(langOf(ctx), parsed)];
        const current = followed(subs.get(ctx.platform, ctx.chatId));
        const [id] = parsed.value;
        setFollowed(
          ctx,
          current.includes(id as TopicId) ? current.filter((t) => t !== id) : [...current, ...parsed.value],
        );
        return [topicsReply(ctx)];
      });
    },
  };
}
