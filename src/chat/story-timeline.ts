import { detectStrongSignals } from "../digest/index.js";
import { type Lang, type StrongSignal, wallClock } from "../domain/index.js";
import type { StoryTimeline } from "../store/story-repo.js";
import type { StoryLine } from "./reply.js";

const two = (n: number) => String(n).padStart(2, "0");

/** "22/11 07:05" in the chat's zone: a timeline reads by day and minute. */
function shortLocal(epoch: number, timezone: string): string {
  const t = wallClock(epoch, timezone);
  return `${two(t.day)}/${two(t.month)} ${two(t.hour)}:${two(t.minute)}`;
}

/**
 * An event's reports, oldest first, each with what it added to the story: an outlet not heard
 * before it (after the first report), and happenings (a launch, a summit, sanctions…) no earlier
 * report named. Dates in the chat's zone; a report in the other language is marked with it.
 */
export function storyLines(timeline: StoryTimeline, lang: Lang, timezone: string): StoryLine[] {
  const outlets = new Set<string>();
  const signals = new Set<StrongSignal>();
  return timeline.reports.map((r, i) => {
    const newOutlet = !outlets.has(r.outlet);
    outlets.add(r.outlet);
    const newSignals = detectStrongSignals(r.title).filter((s) => !signals.has(s));
    for (const s of newSignals) signals.add(s);
    const first = i === 0;
    return {
      when: shortLocal(r.publishedAt, timezone),
      outlet: r.outlet,
      ...(r.lang === lang ? {} : { lang: r.lang }),
      title: r.title,
      url: r.url,
      newOutlet: !first && newOutlet,
      newSignals: first ? [] : newSignals,
    };
  });
}
