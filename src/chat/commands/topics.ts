import type { TopicId } from "../../domain/index.js";
import { foldDiacritics } from "../../text/index.js";
import type { CommandKit, CommandTable } from "../command-kit.js";
import type { ChatContext, Reply } from "../reply.js";

const ALL_WORDS = ["all", "tat-ca", "het"];

/** The chat's topic list with what it follows, as /topics and the topic buttons show it. */
export function topicsReply(kit: CommandKit, ctx: ChatContext): Reply {
  const sub = kit.subs.get(ctx);
  const lang = kit.langOf(ctx, sub);
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
export function toggleTopic(kit: CommandKit, topic: string, ctx: ChatContext): Reply[] {
  const parsed = kit.resolveTopics([topic]);
  if (!parsed.ok) return [kit.fromParsed(kit.langOf(ctx), parsed)];
  const current = kit.followed(kit.subs.get(ctx));
  const [id] = parsed.value;
  kit.setFollowed(
    ctx,
    current.includes(id as TopicId) ? current.filter((t) => t !== id) : [...current, ...parsed.value],
  );
  return [topicsReply(kit, ctx)];
}

/** /topics, /subscribe and /unsubscribe. */
export function topicCommands(kit: CommandKit): Pick<CommandTable, "topics" | "subscribe" | "unsubscribe"> {
  const { subs } = kit;
  return {
    topics: (_args, ctx) => [topicsReply(kit, ctx)],
    subscribe: (args, ctx) => {
      const lang = kit.langOf(ctx);
      if (args.length === 0) {
        kit.setFollowed(
          ctx,
          kit.deps.topics.map((t) => t.id),
        );
        return [kit.text(lang, "subscribed-all")];
      }
      const parsed = kit.resolveTopics(args);
      if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
      const sub = subs.get(ctx);
      const current = sub?.active === true && sub.topics.length > 0 ? sub.topics : [];
      kit.setFollowed(ctx, [...new Set([...current, ...parsed.value])]);
      const now = kit.followed(subs.get(ctx));
      return [kit.text(lang, "subscribed", { topics: kit.labels(lang, now) })];
    },
    unsubscribe: (args, ctx) => {
      const lang = kit.langOf(ctx);
      if (args.length === 0 || ALL_WORDS.includes(foldDiacritics(args.join("-")))) {
        kit.setFollowed(ctx, []);
        return [kit.text(lang, "unsubscribed-all")];
      }
      const parsed = kit.resolveTopics(args);
      if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
      const remaining = kit.followed(subs.get(ctx)).filter((id) => !parsed.value.includes(id));
      kit.setFollowed(ctx, remaining);
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
