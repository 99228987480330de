import { type Lang, wallClock } from "../domain/index.js";
import { STORY_THREAD_WINDOW_MS, type StoryThreadLink } from "../domain/story-thread.js";
import type { StoryThreadCandidate, StoryTimeline } from "../store/story-repo.js";
import type { CommandCoreDeps } from "./command-deps.js";
import type { EarlierEventLine } from "./reply.js";

/**
 * The most recent events of the window read as candidates, should it hold more: reading names
 * costs about 55 µs a report (measured on the real-day set), so 1,500 events of three reports
 * keep one /story near a quarter of a second, the event loop's to share with every chat.
 */
const STORY_THREAD_POOL = 1500;

const two = (n: number) => String(n).padStart(2, "0");

/**
 * The thread's earlier events as /story lists them, in the order linking ranked them: the day
 * each began in the chat's zone, its headline in the chat's language when it was reported in it
 * (a summary's headline, else a report's title), its size, and the names it shares.
 */
export function threadLines(
  links: readonly StoryThreadLink[],
  candidates: readonly StoryThreadCandidate[],
  lang: Lang,
  timezone: string,
): EarlierEventLine[] {
  const byId = new Map(candidates.map((c) => [c.id as string, c]));
  return links.flatMap((link) => {
    const c = byId.get(link.eventId);
    if (c === undefined) return [];
    const day = wallClock(c.firstSeen, timezone);
    return [
      {
        when: `${two(day.day)}/${two(day.month)}`,
        headline: c.headlines[lang] ?? c.reports.find((r) => r.lang === lang)?.title ?? c.headline,
        reports: c.itemCount,
        outlets: c.outletCount,
        shared: link.shared.map((s) => s[lang]),
      },
    ];
  });
}

/** The earlier events of the story's thread, listed for the chat; none without a linker or reports. */
export async function earlierInThread(
  deps: Pick<CommandCoreDeps, "stories" | "storyThread">,
  timeline: StoryTimeline,
  lang: Lang,
  timezone: string,
): Promise<EarlierEventLine[]> {
  const first = timeline.reports[0];
  if (deps.storyThread === undefined || first === undefined) return [];
  const candidates = await deps.stories.threadCandidates({
    since: first.publishedAt - STORY_THREAD_WINDOW_MS,
    before: first.publishedAt,
    minRelevance: deps.storyThread.minRelevance,
    limit: STORY_THREAD_POOL,
  });
  const target = { id: timeline.eventId, firstSeen: first.publishedAt, reports: timeline.reports };
  return threadLines(deps.storyThread.earlier(target, candidates), candidates, lang, timezone);
}
