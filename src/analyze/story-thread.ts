import type { Concept } from "../domain/concepts.js";
import {
  type FindEarlierInThread,
  MAX_STORY_THREAD_EVENTS,
  type SharedName,
  STORY_THREAD_WINDOW_MS,
  type StoryThreadEvent,
  type StoryThreadLink,
} from "../domain/story-thread.js";
import { TERM } from "./cluster-terms.js";
import { createEventLexicon } from "./event-lexicon.js";

export interface StoryThreads {
  /** The specific concepts (lexicon ids) an event's reports name in their titles and leads. */
  namesOf(event: Pick<StoryThreadEvent, "reports">): ReadonlySet<string>;
  /**
   * The candidates that began before the target's first report, at most STORY_THREAD_WINDOW_MS before
   * it, and name a specific concept it names too: most shared names first, then the most recent.
   */
  readonly earlier: FindEarlierInThread;
}

/**
 * Threads link events by what the lexicon calls specific (a person, a venue, a named process or
 * weapon: Biegun, Yongbyon, the Hanoi summit, Hwasong-17), read the way clustering reads them,
 * so a spelling in either language is one name. Countries, capitals, heads of state and topic
 * words are in every story and would tie everything to everything. A lead's background counts:
 * "ahead of the Hanoi summit" is exactly what ties preparation talks to the summit.
 */
export function createStoryThreads(concepts: readonly Concept[]): StoryThreads {
  const lexicon = createEventLexicon(concepts);
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const namesOf = (event: Pick<StoryThreadEvent, "reports">): Set<string> => {
    const names = new Set<string>();
    for (const r of event.reports) {
      const terms = lexicon.features({ title: r.title, lead: r.lead, text: "", lang: r.lang });
      for (const term of terms.keys()) if (term.startsWith(TERM.specific)) names.add(term.slice(TERM.specific.length));
    }
    return names;
  };
  const sharedName = (id: string): SharedName => {
    const c = byId.get(id);
    return { id, vi: c?.vi[0] ?? id, en: c?.en[0] ?? id };
  };
  const earlier = (target: StoryThreadEvent, candidates: readonly StoryThreadEvent[]): StoryThreadLink[] => {
    const own = namesOf(target);
    if (own.size === 0) return [];
    const from = target.firstSeen - STORY_THREAD_WINDOW_MS;
    const found: { link: StoryThreadLink; firstSeen: number }[] = [];
    for (const c of candidates) {
      if (c.id === target.id || c.firstSeen >= target.firstSeen || c.firstSeen < from) continue;
      const shared = [...namesOf(c)].filter((n) => own.has(n)).sort();
      if (shared.length > 0)
        found.push({ link: { eventId: c.id, shared: shared.map(sharedName) }, firstSeen: c.firstSeen });
    }
    found.sort((a, b) => b.link.shared.length - a.link.shared.length || b.firstSeen - a.firstSeen);
    return found.slice(0, MAX_STORY_THREAD_EVENTS).map((f) => f.link);
  };
  return { namesOf, earlier };
}
