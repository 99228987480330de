import type { EventId } from "../../domain/index.js";
import type { CommandKit, CommandTable } from "../command-kit.js";
import type { ChatContext, Reply } from "../reply.js";
import { searchEvents } from "../search-events.js";
import { earlierInThread } from "../story-thread-lines.js";
import { storyLines } from "../story-timeline.js";

const STORY_SEARCH_MS = 30 * 24 * 3600_000;
const STORY_SEARCH_POOL = 5000;

/** The event `/story` means: entry n of the chat's last digest or alert, or the best match for words. */
async function storyEvent(kit: CommandKit, args: string[], ctx: ChatContext): Promise<EventId | Reply> {
  const lang = await kit.langOf(ctx);
  const words = args.join(" ").trim();
  if (words === "") return kit.error(lang, "missing-story");
  if (/^\d+$/.test(words)) {
    const sub = await kit.subs.get(ctx);
    const shown = sub === undefined ? [] : await kit.deps.stories.lastShown(sub.id);
    if (shown.length === 0) return kit.error(lang, "story-no-digest");
    const event = shown[Number(words) - 1];
    return event ?? kit.error(lang, "story-bad-number", { input: words, max: shown.length });
  }
  const now = kit.deps.now();
  const recent = await kit.deps.search.recentItems(now - STORY_SEARCH_MS, STORY_SEARCH_POOL);
  const hit = searchEvents(words, recent, 20).find((h) => h.eventId !== undefined);
  return hit?.eventId === undefined ? kit.error(lang, "story-not-found", { input: words }) : (hit.eventId as EventId);
}

/** /story <n|words>: how one story developed, report by report, in the chat's zone. */
export function storyCommands(kit: CommandKit): Pick<CommandTable, "story"> {
  return {
    story: async (args, ctx) => {
      const event = await storyEvent(kit, args, ctx);
      if (typeof event !== "string") return [event];
      const sub = await kit.subs.get(ctx);
      const lang = await kit.langOf(ctx, sub);
      const timeline = await kit.deps.stories.timeline(event);
      if (timeline === undefined || timeline.reports.length === 0) return [kit.error(lang, "story-gone")];
      const timezone = (sub ?? (await kit.ensure(ctx))).timezone;
      // Headed in the chat's language when a report in it exists, as digests are.
      const headline = timeline.reports.find((r) => r.lang === lang)?.title ?? timeline.headline;
      const earlier = await earlierInThread(kit.deps, timeline, lang, timezone);
      return [{ kind: "story", lang, headline, lines: storyLines(timeline, lang, timezone), earlier }];
    },
  };
}
