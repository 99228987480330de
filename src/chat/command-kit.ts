import { followedTopics, type Lang, type TopicChange, type TopicId } from "../domain/index.js";
import type { StoredSubscription } from "../store/subscriptions-repo.js";
import { createTopicIndex, type Parsed } from "./arguments.js";
import type { CommandCoreDeps } from "./command-deps.js";
import type { CommandName, ErrorKey, MessageKey } from "./i18n.js";
import type { ChatContext, Reply, ReplyParams } from "./reply.js";

/** One command: its words after the name, who asked where; the replies, in order. */
export type CommandHandler = (args: string[], ctx: ChatContext) => Promise<Reply[]> | Reply[];
export type CommandTable = Record<CommandName, CommandHandler>;

/** What every command file shares: the chat's language, reply builders, and the chat's topic list. */
export interface CommandKit {
  readonly deps: CommandCoreDeps;
  readonly subs: CommandCoreDeps["subscriptions"];
  readonly resolveTopics: (words: readonly string[]) => Parsed<TopicId[]>;
  /** The chat's language: its setting, else the user's platform language, else the default. */
  langOf(ctx: ChatContext, sub?: StoredSubscription): Promise<Lang>;
  text(lang: Lang, key: MessageKey, params?: ReplyParams): Reply;
  error(lang: Lang, key: ErrorKey, params?: ReplyParams): Reply;
  /** The error reply for a failed parse, with its "did you mean" when there is one. */
  fromParsed(lang: Lang, parsed: Parsed<unknown> & { ok: false }): Reply;
  labels(lang: Lang, ids: readonly TopicId[]): string;
  ensure(ctx: ChatContext): Promise<StoredSubscription>;
  /** The topics a subscription receives: none when inactive, every topic when it follows all. */
  followed(sub: StoredSubscription | undefined): TopicId[];
  /** Applies a topic command to the chat's row as it stands (atomic in the store); the row after it. */
  changeTopics(ctx: ChatContext, change: TopicChange): Promise<StoredSubscription>;
}

export function createCommandKit(deps: CommandCoreDeps): CommandKit {
  const subs = deps.subscriptions;
  const allTopics = deps.topics.map((t) => t.id);
  const error = (lang: Lang, key: ErrorKey, params?: ReplyParams): Reply =>
    params === undefined ? { kind: "error", lang, key } : { kind: "error", lang, key, params };
  const ensure = async (ctx: ChatContext) => subs.ensure(ctx, ctx.chatType, deps.now());
  return {
    deps,
    subs,
    resolveTopics: createTopicIndex(deps.topics),
    async langOf(ctx, given) {
      const sub = given ?? (await subs.get(ctx));
      if (sub !== undefined) return sub.lang;
      const platformLang = ctx.language?.slice(0, 2).toLowerCase();
      return platformLang === "vi" || platformLang === "en" ? platformLang : deps.defaults.lang;
    },
    text: (lang, key, params) =>
      params === undefined ? { kind: "text", lang, key } : { kind: "text", lang, key, params },
    error,
    fromParsed: (lang, p) =>
      error(lang, p.key, { input: p.input, ...(p.suggestion === undefined ? {} : { suggestion: p.suggestion }) }),
    labels: (lang, ids) =>
      ids.length === 0 ? "—" : ids.map((id) => deps.topics.find((t) => t.id === id)?.label[lang] ?? id).join(", "),
    ensure,
    followed: (sub) => followedTopics(sub, allTopics),
    changeTopics: async (ctx, change) => subs.changeTopics(ctx, ctx.chatType, change, allTopics, deps.now()),
  };
}
