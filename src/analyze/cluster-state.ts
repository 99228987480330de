import type { ClusterOptions, ClusterTuning } from "./cluster-tuning.js";
import { addFacts, type EventFacts, emptyFacts } from "./event-contradiction.js";
import type { CoreFacts } from "./event-features.js";
import { addProfile, addReport, type EventProfile, type ItemVector } from "./event-profile.js";
import { createTermStatistics, type TermStatistics } from "./term-statistics.js";

/** One event as the clusterer keeps it while it is recent. */
export interface EventState {
  readonly id: string;
  /** Its reports' vectors, summed per language. */
  profile: EventProfile;
  members: number;
  first: number | undefined;
  last: number | undefined;
  readonly indexed: Set<string>;
  /** Members carrying each anchor-kind term (names, dates, figures, specific concepts). */
  readonly anchorCounts: Map<string, number>;
  /** Item ids, so a merge can move them. */
  readonly items: string[];
  /** What its members' titles and first sentences state. */
  readonly facts: EventFacts;
  pruned: boolean;
}

/** Everything one clusterer knows: its settings, the term counts, the recent events and the index over them. */
export interface ClusterState {
  readonly options: ClusterOptions;
  readonly tuning: ClusterTuning;
  /** `options.windowHours` in milliseconds. */
  readonly windowMs: number;
  readonly stats: TermStatistics;
  readonly events: Map<string, EventState>;
  /** Live events carrying each anchor-kind term. */
  readonly eventsWith: Map<string, number>;
  /** Term → the events indexed under it, oldest first, bounded (see `index`). */
  readonly postings: Map<string, EventState[]>;
  readonly eventOfItem: Map<string, string>;
  /** Events placed into since the last settle. */
  readonly touched: Set<EventState>;
  /** The latest publication time seen; the prune cutoff follows it. */
  latest: number | undefined;
  /** Items placed or restored since the last prune. */
  sincePrune: number;
}

/** What placing a report into an event needs of it. */
export interface PlacedReport {
  readonly vector: ItemVector;
  /** Its key terms: the event is indexed under them. */
  readonly keys: readonly string[];
  /** Its anchor-kind terms, counted into the event's. */
  readonly anchors: readonly string[];
  readonly at: number | undefined;
  readonly facts: CoreFacts | undefined;
}

/** Every this many items, events older than two windows leave the index, so memory follows the window. */
const PRUNE_EVERY = 2000;
export const HOUR = 3_600_000;

export function createClusterState(options: ClusterOptions, tuning: ClusterTuning): ClusterState {
  return {
    options,
    tuning,
    windowMs: options.windowHours * HOUR,
    stats: createTermStatistics(tuning),
    events: new Map(),
    eventsWith: new Map(),
    postings: new Map(),
    eventOfItem: new Map(),
    touched: new Set(),
    latest: undefined,
    sincePrune: 0,
  };
}

/** A new, empty event, registered under its id. */
export function newEvent(state: ClusterState, id: string): EventState {
  const e: EventState = {
    id,
    profile: new Map(),
    members: 0,
    first: undefined,
    last: undefined,
    indexed: new Set(),
    anchorCounts: new Map(),
    items: [],
    facts: emptyFacts(),
    pruned: false,
  };
  state.events.set(id, e);
  return e;
}

/** Index the event under the terms it is not yet indexed under. */
function index(state: ClusterState, e: EventState, keys: Iterable<string>): void {
  const cap = state.tuning.postingsCap;
  for (const t of keys) {
    if (e.indexed.has(t)) continue;
    e.indexed.add(t);
    let list = state.postings.get(t);
    if (list === undefined) {
      list = [];
      state.postings.set(t, list);
    }
    list.push(e);
    // Trimmed in batches so the cost per add stays constant.
    if (list.length > 2 * cap) list.splice(0, list.length - cap);
  }
}

/** Add a report to an event: its facts, anchors, time, vector, key terms and id. */
export function place(state: ClusterState, itemId: string, e: EventState, report: PlacedReport): void {
  const { eventsWith } = state;
  addFacts(e.facts, report.facts);
  for (const t of report.anchors) {
    const n = e.anchorCounts.get(t);
    if (n === undefined) eventsWith.set(t, (eventsWith.get(t) ?? 0) + 1);
    e.anchorCounts.set(t, (n ?? 0) + 1);
  }
  const at = report.at;
  if (at !== undefined) {
    e.first = Math.min(e.first ?? at, at);
    e.last = Math.max(e.last ?? at, at);
  }
  addReport(e.profile, report.vector, state.tuning.profileTerms);
  e.members++;
  index(state, e, report.keys);
  e.items.push(itemId);
  state.eventOfItem.set(itemId, e.id);
}

/** Move everything of `from` into `into`: reports, anchors, facts, time span, index entries and items. */
export function merge(state: ClusterState, into: EventState, from: EventState): void {
  const { eventsWith } = state;
  addProfile(into.profile, from.profile, state.tuning.profileTerms);
  into.members += from.members;
  for (const [t, n] of from.anchorCounts) {
    // The term's live-event count drops by one when both carried it.
    if (into.anchorCounts.has(t)) eventsWith.set(t, (eventsWith.get(t) ?? 1) - 1);
    into.anchorCounts.set(t, (into.anchorCounts.get(t) ?? 0) + n);
  }
  if (from.first !== undefined) into.first = Math.min(into.first ?? from.first, from.first);
  if (from.last !== undefined) into.last = Math.max(into.last ?? from.last, from.last);
  addFacts(into.facts, from.facts);
  index(state, into, from.indexed);
  for (const item of from.items) {
    into.items.push(item);
    state.eventOfItem.set(item, into.id);
  }
  from.pruned = true;
  from.profile = new Map();
  state.events.delete(from.id);
}

/** Drop the term counts and the events older than two windows before the latest item, and their postings. */
function prune(state: ClusterState): void {
  if (state.latest === undefined) return;
  const { eventsWith, events, postings } = state;
  const cutoff = state.latest - 2 * state.windowMs;
  state.stats.forget(cutoff);
  for (const [id, e] of events) {
    if (e.last !== undefined && e.last < cutoff) {
      for (const t of e.anchorCounts.keys()) {
        const n = (eventsWith.get(t) ?? 1) - 1;
        if (n <= 0) eventsWith.delete(t);
        else eventsWith.set(t, n);
      }
      e.pruned = true;
      e.profile = new Map();
      events.delete(id);
    }
  }
  for (const [t, list] of postings) {
    const live = list.filter((e) => !e.pruned);
    if (live.length === 0) postings.delete(t);
    else if (live.length < list.length) postings.set(t, live);
  }
}

/** Whether the next `tick` prunes: what is to be settled must be settled first, or its events are gone. */
export const pruneDue = (state: ClusterState): boolean => state.sincePrune + 1 >= PRUNE_EVERY;

/** Note an item's time; every PRUNE_EVERY items, prune. */
export function tick(state: ClusterState, at: number | undefined): void {
  if (at !== undefined) state.latest = state.latest === undefined ? at : Math.max(state.latest, at);
  if (++state.sincePrune >= PRUNE_EVERY) {
    state.sincePrune = 0;
    prune(state);
  }
}
