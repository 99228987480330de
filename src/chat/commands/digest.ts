import { parseWindow } from "../arguments.js";
import type { CommandKit, CommandTable } from "../command-kit.js";

/** /digest [topics…] [24h|3d|7d]: the digest right now. */
export function digestCommands(kit: CommandKit): Pick<CommandTable, "digest"> {
  return {
    digest: async (args, ctx) => {
      const sub = await kit.subs.get(ctx);
      const lang = await kit.langOf(ctx, sub);
      let since = kit.deps.defaults.since;
      const topicWords: string[] = [];
      for (const arg of args) {
        const window = parseWindow(arg);
        if (window === undefined) topicWords.push(arg);
        else if (!window.ok) return [kit.fromParsed(lang, window)];
        else since = window.value;
      }
      const parsed = topicWords.length === 0 ? undefined : kit.resolveTopics(topicWords);
      if (parsed !== undefined && !parsed.ok) return [kit.fromParsed(lang, parsed)];
      const topics = parsed?.value ?? (sub?.active === true ? sub.topics : []);
      const now = kit.deps.now();
      const doc = await kit.deps.composeDigest({ subscription: sub, topics, since, lang }, now);
      // So that "/story 2" right after means this digest's second entry.
      if (doc.entries.length > 0) {
        await kit.deps.stories.rememberShown(
          (await kit.ensure(ctx)).id,
          doc.entries.map((e) => e.eventId),
          now,
        );
      }
      return [{ kind: "digest", doc }];
    },
  };
}
