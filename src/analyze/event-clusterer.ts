import { chooseEvent } from "./cluster-linkage.js";
import { type EventMerge, settle } from "./cluster-settle.js";
import { createClusterState, merge, newEvent, place, pruneDue, tick } from "./cluster-state.js";
import { type ClusterOptions, type ClusterTuning, DEFAULT_CLUSTER_TUNING } from "./cluster-tuning.js";
import { type ClusterInput, reportOf } from "./cluster-vectors.js";
import { eventsContradict } from "./event-contradiction.js";
import type { TermCounts } from "./event-features.js";

export type { EventMerge } from "./cluster-settle.js";
export {
  type ClusterOptions,
  type ClusterTuning,
  DEFAULT_CLUSTER_OPTIONS,
  DEFAULT_CLUSTER_TUNING,
} from "./cluster-tuning.js";
export type { ClusterInput } from "./cluster-vectors.js";

/** Where an item went: the event it joined or started, and any events it showed to be the same story, now merged into it. */
export interface Placement {
  readonly eventId: string;
  /** Ids of events merged into `eventId`, their items now in it (the store must move them too). */
  readonly absorbed: readonly string[];
}

/**
 * Incremental, deterministic event clustering, average linkage in one pass. A new item is
 * compared with the recent events that share one of its rarest strong terms (an inverted index
 * from terms to events, bounded postings), so the cost per item stays flat however large the
 * store grows. Its score with an event is its average cosine with the event's reports: with the
 * reports in its own language on all terms, with the others on the terms both languages share
 * (see event-profile). Chains of loosely related items stay apart, and a big story is no easier
 * to join than a small one. A report that states a different date, weapon, place or named
 * treaty than an event's reports never joins it. An item very close to two events merges them
 * (see mergeShare), and `settle` merges young events that turn out as close as one event's
 * reports are.
 */
export interface EventClusterer {
  /**
   * Count an item's terms for IDF without placing it (lets a batch weigh terms by the whole batch).
   * Counts of items older than two windows are dropped again, so IDF follows the recent news.
   */
  observe(terms: TermCounts, publishedAt?: number): void;
  /** Place an item: the event it joins or starts, and the events it merges into that one. */
  add(item: ClusterInput): Placement;
  /** Put an item back in the event it was stored in (rebuilding the recent window after a restart). */
  restore(item: ClusterInput, eventId: string): void;
  /** The event an item is in now (after any merges). */
  eventOf(itemId: string): string | undefined;
  /**
   * Merge the events placed into since the last settle with the events they are as close to as
   * the reports of one event are to each other (average similarity of their reports), closest
   * pair first: placing reports one at a time cannot see that two young events are one. Returns
   * the merges in order (with those a long batch settled before dropping its oldest events); the
   * surviving event is the older one, or the story a lone report joins.
   */
  settle(): readonly EventMerge[];
}

export interface ClustererDeps {
  /** The id of a new event, given the item that starts it (store: stable text ids; CLI: e1, e2…). */
  readonly newEventId: (firstItemId: string) => string;
}

/**
 * Create an empty clusterer; rebuild one after a restart by restoring the recent window's items
 * in time order. The parts: cluster-vectors reads an item into weighted terms, key terms and
 * anchors; cluster-linkage finds and scores the events it may join; cluster-state places it and
 * merges events; cluster-settle merges young events that turn out to be one.
 */
export function createEventClusterer(
  options: ClusterOptions,
  deps: ClustererDeps,
  tuning: ClusterTuning = DEFAULT_CLUSTER_TUNING,
): EventClusterer {
  const state = createClusterState(options, tuning);
  const { stats } = state;
  // Merges settled before a prune (a batch longer than the prune interval), reported by the next settle.
  const early: EventMerge[] = [];
  return {
    observe: (terms, at) => stats.observe(terms, at),
    add(item) {
      if (pruneDue(state)) early.push(...settle(state));
      tick(state, item.publishedAt);
      stats.observe(item.terms, item.publishedAt);
      const report = reportOf(state, item);
      const threshold = options.threshold * (item.terms.size > tuning.longTerms ? tuning.longThreshold : 1);
      const { best, close } = chooseEvent(state, report, threshold);
      const e = best ?? newEvent(state, deps.newEventId(item.id));
      place(state, item.id, e, report);
      state.touched.add(e);
      // Two events the report is close to merge only when neither states what the other cannot be.
      const merged = close.filter((other) => !eventsContradict(other.facts, e.facts, tuning.dateSlackDays));
      for (const other of merged) merge(state, e, other);
      return { eventId: e.id, absorbed: merged.map((o) => o.id) };
    },
    restore(item, eventId) {
      tick(state, item.publishedAt);
      stats.observe(item.terms, item.publishedAt);
      const report = reportOf(state, item);
      place(state, item.id, state.events.get(eventId) ?? newEvent(state, eventId), report);
    },
    eventOf: (itemId) => state.eventOfItem.get(itemId),
    settle: () => {
      const merges = [...early, ...settle(state)];
      early.length = 0;
      return merges;
    },
  };
}
