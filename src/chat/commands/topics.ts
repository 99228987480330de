import type { TopicId } from "../../domain/index.js";
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
  const current = kit.followed(await kit.subs.get(ctx));
  const [id] = parsed.value;
  await kit.setFollowed(
    ctx,
    current.includes(id as TopicId) ? current.filter((t) => t !== id) : [...current, ...parsed.value],
  );
  return [await topicsReply(kit, ctx)];
}

/** /topics, /subscribe and /unsubscribe. */
export function topicCommands(kit: CommandKit): Pick<CommandTable, "topics" | "subscribe" | "unsubscribe"> {
  const { subs } = kit;
  return {
    topics: async (_args, ctx) => [await topicsReply(kit, ctx)],
    subscribe: async (args, ctx) => {
      const lang = await kit.langOf(ctx);
      if (args.length === 0) {
        await kit.setFollowed(
          ctx,
          kit.deps.topics.map((t) => t.id),
        );
        return [kit.text(lang, "subscribed-all")];
      }
      const parsed = kit.resolveTopics(args);
      if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
      const sub = await subs.get(ctx);
      const current = sub?.active === true && sub.topics.length > 0 ? sub.topics : [];
      await kit.setFollowed(ctx, [...new Set([...current, ...parsed.value])]);
      const now = kit.followed(await subs.get(ctx));
      return [kit.text(lang, "subscribed", { topics: kit.labels(lang, now) })];
    },
    unsubscribe: async (args, ctx) => {
      const lang = await kit.langOf(ctx);
      if (args.length === 0 || ALL_WORDS.includes(foldDiacritics(args.join("-")))) {
        await kit.setFollowed(ctx, []);
        return [kit.text(lang, "unsubscribed-all")];
      }
      const parsed = kit.resolveTopics(args);
      if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
      const remaining = kit.followed(await subs.get(ctx)).filter((id) => !parsed.value.includes(id));
      await kit.setFollowed(ctx, remaining);
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
