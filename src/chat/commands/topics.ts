import { foldDiacritics } from "../../text/index.js";
import type { CommandKit, CommandTable } from "../command-kit.js";
import type { ChatContext, Reply } from "../reply.js";

const ALL_WORDS = ["all", "tat-ca", "het"];

/** The chat's topic list with what it follows, as /topics and the topic buttons show it. */
export async function topicsReply(kit: CommandKit, ctx: ChatContext): Promise<Reply> {
  const sub = await kit.subs.get(ctx);
  const lang = await kit.langOf(ctx, sub);
  const on = new Set(kit.followed(sub));
  return {
    kind: "topics",
    lang,
    active: sub?.active ?? false,
    topics: kit.deps.topics.map((t) => ({
      id: t.id,
      label: t.label[lang],
      description: t.description[lang],
      subscribed: on.has(t.id),
    })),
  };
}

/** A tap on a topic button: follow it if the chat did not, else stop. */
export async function toggleTopic(kit: CommandKit, topic: string, ctx: ChatContext): Promise<Reply[]> {
  const parsed = kit.resolveTopics([topic]);
  if (!parsed.ok) return [kit.fromParsed(await kit.langOf(ctx), parsed)];
  const [id] = parsed.value;
  if (id !== undefined) await kit.changeTopics(ctx, { kind: "toggle", topic: id });
  return [await topicsReply(kit, ctx)];
}

/** /topics, /subscribe and /unsubscribe. */
export function topicCommands(kit: CommandKit): Pick<CommandTable, "topics" | "subscribe" | "unsubscribe"> {
  return {
    topics: async (_args, ctx) => [await topicsReply(kit, ctx)],
    subscribe: async (args, ctx) => {
      const lang = await kit.langOf(ctx);
      if (args.length === 0) {
        await kit.changeTopics(ctx, { kind: "all" });
        return [kit.text(lang, "subscribed-all")];
      }
      const parsed = kit.resolveTopics(args);
      if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
      const sub = await kit.changeTopics(ctx, { kind: "follow", topics: parsed.value });
      return [kit.text(lang, "subscribed", { topics: kit.labels(lang, kit.followed(sub)) })];
    },
    unsubscribe: async (args, ctx) => {
      const lang = await kit.langOf(ctx);
      if (args.length === 0 || ALL_WORDS.includes(foldDiacritics(args.join("-")))) {
        await kit.changeTopics(ctx, { kind: "none" });
        return [kit.text(lang, "unsubscribed-all")];
      }
      const parsed = kit.resolveTopics(args);
      if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
      const remaining = kit.followed(await kit.changeTopics(ctx, { kind: "unfollow", topics: parsed.value }));
      if (remaining.length === 0) return [kit.text(lang, "unsubscribed-all")];
      return [
        kit.text(lang, "unsubscribed", {
          topics: kit.labels(lang, parsed.value),
          remaining: kit.labels(lang, remaining),
        }),
      ];
    },
  };
}
