import { isAnchorKind, isLanguageFree, namesSomething } from "./cluster-terms.js";
import { type ClusterOptions, type ClusterTuning, DEFAULT_CLUSTER_TUNING } from "./cluster-tuning.js";
import { addFacts, contradicts, type EventFacts, emptyFacts } from "./event-contradiction.js";
import type { CoreFacts, TermCounts } from "./event-features.js";
import {
  addProfile,
  addReport,
  type EventProfile,
  type ItemVector,
  profileSimilarity,
  reportSimilarity,
  strongestTerms,
  termSimilarity,
  termWeights,
  unitTop,
} from "./event-profile.js";
import { COUNTRY_SYLLABLES } from "./stopwords.js";
import { createTermStatistics } from "./term-statistics.js";

export {
  type ClusterOptions,
  type ClusterTuning,
  DEFAULT_CLUSTER_OPTIONS,
  DEFAULT_CLUSTER_TUNING,
} from "./cluster-tuning.js";

/** An item as the clusterer sees it: its id, when, its language, and its terms. */
export interface ClusterInput {
  readonly id: string;
  /** Epoch milliseconds, when known; an item without time is taken to be within any window. */
  readonly publishedAt?: number | undefined;
  /** The report's language; reports in another are compared on their language-free terms. */
  readonly lang?: string | undefined;
  readonly terms: TermCounts;
}

/** Where an item went: the event it joined or started, and any events it showed to be the same story, now merged into it. */
export interface Placement {
  readonly eventId: string;
  /** Ids of events merged into `eventId`, their items now in it (the store must move them too). */
  readonly absorbed: readonly string[];
}

/** One event merged into another. */
export interface EventMerge {
  readonly from: string;
  readonly into: string;
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
   * the merges in order; the surviving event is the older one.
   */
  settle(): readonly EventMerge[];
}

export interface ClustererDeps {
  /** The id of a new event, given the item that starts it (store: stable text ids; CLI: e1, e2…). */
  readonly newEventId: (firstItemId: string) => string;
}

interface EventState {
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

/** Every this many items, events older than two windows leave the index, so memory follows the window. */
const PRUNE_EVERY = 2000;
/** Reports whose language is not known form a language of their own. */
const UNKNOWN_LANG = "?";
const HOUR = 3_600_000;

const isCountryName = (t: string) =>
  t
    .slice(2)
    .split(/[ -]/)
    .every((s) => COUNTRY_SYLLABLES.has(s));

/** Create an empty clusterer; rebuild one after a restart by restoring the recent window's items in time order. */
export function createEventClusterer(
  options: ClusterOptions,
  deps: ClustererDeps,
  tuning: ClusterTuning = DEFAULT_CLUSTER_TUNING,
): EventClusterer {
  const stats = createTermStatistics(tuning);
  const events = new Map<string, EventState>();
  /** Live events carrying each anchor-kind term. */
  const eventsWith = new Map<string, number>();
  const postings = new Map<string, EventState[]>();
  const eventOfItem = new Map<string, string>();
  /** Events placed into since the last settle. */
  const touched = new Set<EventState>();
  const windowMs = options.windowHours * HOUR;
  const cross = tuning.crossLanguage;

  /**
   * A shared anchor-kind term is evidence for this event only if few documents and few other
   * events carry it: a name found all over the topic ("Mỹ", "Seoul") or in story after story
   * (a president) says nothing about which event. `namesOnly`: dates and figures do not count.
   */
  const anchoredIn = (e: EventState, anchors: readonly string[], namesOnly: boolean): boolean => {
    const allowance = Math.max(tuning.anchorMinDf, tuning.anchorShare * stats.docs());
    for (const t of anchors) {
      if (namesOnly && !namesSomething(t)) continue;
      const inside = e.anchorCounts.get(t);
      if (inside === undefined || stats.df(t) - inside > allowance) continue;
      if ((eventsWith.get(t) ?? 1) - 1 < tuning.anchorEvents) return true;
    }
    return false;
  };
  /** Whether two events share an anchor few other documents and events carry. */
  const shareAnchor = (a: EventState, b: EventState): boolean => {
    const allowance = Math.max(tuning.anchorMinDf, tuning.anchorShare * stats.docs());
    const [small, large] = a.anchorCounts.size <= b.anchorCounts.size ? [a, b] : [b, a];
    for (const [t, n] of small.anchorCounts) {
      const m = large.anchorCounts.get(t);
      if (m === undefined || stats.df(t) - n - m > allowance) continue;
      if ((eventsWith.get(t) ?? 2) - 2 < tuning.anchorEvents) return true;
    }
    return false;
  };

  const vectorOf = (item: ClusterInput): ItemVector => {
    const terms = item.terms;
    const long = terms.size > tuning.longTerms;
    const unshared = long ? 0 : tuning.unsharedWeight;
    const weighted: [string, number][] = [];
    for (const [t, c] of terms) {
      const w = stats.idf(t, unshared);
      if (w > 0) weighted.push([t, (1 + Math.log(1 + c)) * w]);
    }
    const n = long ? tuning.longItemTerms : tuning.itemTerms;
    const full = unitTop(weighted, n);
    // Only terms strong enough for the full vector are compared across languages too.
    const shared: [string, number][] = [];
    for (const [t, w] of full) if (isLanguageFree(t, terms.names)) shared.push([t, w]);
    return { lang: item.lang ?? UNKNOWN_LANG, full, shared: unitTop(shared, n) };
  };

  /** Strongest terms another item also has (a term seen once can find nothing), rarest breaking ties. */
  const keyTermsOf = (vector: ReadonlyMap<string, number>, n: number): string[] => {
    const keys: string[] = [];
    for (const t of vector.keys()) {
      if (stats.df(t) > 1) keys.push(t);
      if (keys.length >= n) return keys;
    }
    for (const t of vector.keys()) {
      if (stats.df(t) <= 1) keys.push(t);
      if (keys.length >= n) break;
    }
    return keys;
  };
  /**
   * The report's own key terms and its strongest language-free ones, which find its events in
   * other languages (half as many: most are among its own keys already).
   */
  const keysOf = (v: ItemVector): string[] => {
    const keys = keyTermsOf(v.full, tuning.keyTerms);
    for (const t of keyTermsOf(v.shared, Math.ceil(tuning.keyTerms / 2))) if (!keys.includes(t)) keys.push(t);
    return keys;
  };

  const inWindow = (e: EventState, at: number | undefined): boolean => {
    if (at === undefined || e.first === undefined || e.last === undefined) return true;
    return at >= e.first - windowMs && at <= e.last + windowMs;
  };

  /** Recent events sharing a key term, with the average similarity the key terms alone give them. */
  const partialScores = (vector: ItemVector, keys: readonly string[], at: number | undefined) => {
    const partial = new Map<EventState, number>();
    for (const t of keys) {
      const list = postings.get(t);
      if (list === undefined) continue;
      const weights = termWeights(vector, t, cross);
      for (let k = list.length - 1; k >= Math.max(0, list.length - tuning.postingsCap); k--) {
        const e = list[k]!;
        if (e.pruned || !inWindow(e, at)) continue;
        partial.set(e, (partial.get(e) ?? 0) + termSimilarity(weights, t, e.profile) / e.members);
      }
    }
    return partial;
  };

  /** The report's average similarity with the event, if the event may take it; else undefined. */
  const admitted = (
    e: EventState,
    vector: ItemVector,
    at: number | undefined,
    anchors: readonly string[],
    threshold: number,
    facts: CoreFacts | undefined,
  ): number | undefined => {
    if (contradicts(facts, e.facts, tuning.dateSlackDays)) return undefined;
    const score = reportSimilarity(vector, e.profile, cross) / e.members;
    // A day after an event began, what comes is its follow-up (a Council meeting after a launch):
    // it joins only on a name or thing the event's reports name, not on a date or the topic.
    const late = at !== undefined && e.first !== undefined && at - e.first > tuning.lateHours * HOUR;
    const anchored = anchoredIn(e, anchors, late);
    if (late && !anchored) return undefined;
    // Topic words alone make two reports one event only when they agree closely; otherwise they
    // must share a specific anchor, and with one the bar is lower.
    if (!anchored && score < threshold * tuning.unanchoredShare) return undefined;
    return score >= (anchored ? threshold * tuning.anchoredShare : threshold) ? score : undefined;
  };

  const chooseEvent = (
    vector: ItemVector,
    keys: readonly string[],
    at: number | undefined,
    anchors: readonly string[],
    threshold: number,
    facts: CoreFacts | undefined,
  ) => {
    // Key terms carry much of an item's weight: an event far below the threshold on them cannot reach it.
    const floor = threshold * tuning.keyShare;
    const candidates = [...partialScores(vector, keys, at)]
      .filter(([, p]) => p >= floor)
      .sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : 1))
      .slice(0, tuning.candidates);
    let best: EventState | undefined;
    let bestScore = 0;
    const close: EventState[] = [];
    for (const [e] of candidates) {
      const score = admitted(e, vector, at, anchors, threshold, facts);
      if (score === undefined) continue;
      if (score >= threshold * tuning.mergeShare) close.push(e);
      // Equal scores go to the smaller id, so replays agree.
      if (best === undefined || score > bestScore || (score === bestScore && e.id < best.id)) {
        best = e;
        bestScore = score;
      }
    }
    return { best, close: close.filter((e) => e !== best).sort((a, b) => (a.id < b.id ? -1 : 1)) };
  };

  const index = (e: EventState, keys: Iterable<string>) => {
    for (const t of keys) {
      if (e.indexed.has(t)) continue;
      e.indexed.add(t);
      let list = postings.get(t);
      if (list === undefined) {
        list = [];
        postings.set(t, list);
      }
      list.push(e);
      // Trimmed in batches so the cost per add stays constant.
      if (list.length > 2 * tuning.postingsCap) list.splice(0, list.length - tuning.postingsCap);
    }
  };

  const place = (
    itemId: string,
    e: EventState,
    vector: ItemVector,
    keys: readonly string[],
    anchors: readonly string[],
    at: number | undefined,
    facts: CoreFacts | undefined,
  ) => {
    addFacts(e.facts, facts);
    for (const t of anchors) {
      const n = e.anchorCounts.get(t);
      if (n === undefined) eventsWith.set(t, (eventsWith.get(t) ?? 0) + 1);
      e.anchorCounts.set(t, (n ?? 0) + 1);
    }
    if (at !== undefined) {
      e.first = Math.min(e.first ?? at, at);
      e.last = Math.max(e.last ?? at, at);
    }
    addReport(e.profile, vector, tuning.profileTerms);
    e.members++;
    index(e, keys);
    e.items.push(itemId);
    eventOfItem.set(itemId, e.id);
  };

  /** Move everything of `from` into `into`: reports, anchors, facts, time span, index entries and items. */
  const merge = (into: EventState, from: EventState) => {
    addProfile(into.profile, from.profile, tuning.profileTerms);
    into.members += from.members;
    for (const [t, n] of from.anchorCounts) {
      // The term's live-event count drops by one when both carried it.
      if (into.anchorCounts.has(t)) eventsWith.set(t, (eventsWith.get(t) ?? 1) - 1);
      into.anchorCounts.set(t, (into.anchorCounts.get(t) ?? 0) + n);
    }
    if (from.first !== undefined) into.first = Math.min(into.first ?? from.first, from.first);
    if (from.last !== undefined) into.last = Math.max(into.last ?? from.last, from.last);
    addFacts(into.facts, from.facts);
    index(into, from.indexed);
    for (const item of from.items) {
      into.items.push(item);
      eventOfItem.set(item, into.id);
    }
    from.pruned = true;
    from.profile = new Map();
    events.delete(from.id);
  };

  const newEvent = (id: string): EventState => {
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
    events.set(id, e);
    return e;
  };

  const spansMeet = (a: EventState, b: EventState): boolean =>
    a.first === undefined || b.first === undefined || a.last === undefined || b.last === undefined
      ? true
      : a.first <= b.last + windowMs && b.first <= a.last + windowMs;
  const older = (a: EventState, b: EventState): boolean =>
    (a.first ?? 0) < (b.first ?? 0) || ((a.first ?? 0) === (b.first ?? 0) && a.id < b.id);
  /** The events close enough to merge with `a`, found through its strongest terms' postings. */
  const settleCandidates = (a: EventState): { other: EventState; score: number }[] => {
    const found = new Set<EventState>();
    for (const t of strongestTerms(a.profile, tuning.keyTerms)) {
      for (const e of postings.get(t) ?? []) if (e !== a && !e.pruned) found.add(e);
    }
    const out: { other: EventState; score: number }[] = [];
    for (const b of found) {
      if (!spansMeet(a, b) || contradicts(a.facts, b.facts, tuning.dateSlackDays)) continue;
      const score = profileSimilarity(a.profile, b.profile, cross) / (a.members * b.members);
      if (score < options.threshold * tuning.settleShare) continue;
      if (score < options.threshold * tuning.unanchoredShare && !shareAnchor(a, b)) continue;
      out.push({ other: b, score });
    }
    return out;
  };
  const settle = (): EventMerge[] => {
    const merges: EventMerge[] = [];
    type Pair = { readonly a: EventState; readonly b: EventState; readonly score: number };
    let pairs: Pair[] = [];
    for (const a of touched) {
      if (!a.pruned) for (const { other, score } of settleCandidates(a)) pairs.push({ a, b: other, score });
    }
    touched.clear();
    const byScore = (x: Pair, y: Pair) => y.score - x.score || (x.a.id + x.b.id < y.a.id + y.b.id ? -1 : 1);
    while (pairs.length > 0) {
      pairs.sort(byScore);
      const next = pairs.find((p) => !p.a.pruned && !p.b.pruned);
      if (next === undefined) break;
      const [into, from] = older(next.a, next.b) ? [next.a, next.b] : [next.b, next.a];
      merge(into, from);
      merges.push({ from: from.id, into: into.id });
      // The merged event's neighbours are scored again; pairs with the absorbed one are stale.
      pairs = pairs.filter((p) => !p.a.pruned && !p.b.pruned && p.a !== into && p.b !== into);
      for (const { other, score } of settleCandidates(into)) pairs.push({ a: into, b: other, score });
    }
    return merges;
  };

  let latest: number | undefined;
  let sincePrune = 0;
  const prune = () => {
    if (latest === undefined) return;
    const cutoff = latest - 2 * windowMs;
    stats.forget(cutoff);
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
  };
  const tick = (at: number | undefined) => {
    if (at !== undefined) latest = latest === undefined ? at : Math.max(latest, at);
    if (++sincePrune >= PRUNE_EVERY) {
      sincePrune = 0;
      prune();
    }
  };
  const anchorsOf = (vector: ItemVector, names: ReadonlySet<string> | undefined) =>
    [...vector.full.keys()].filter((t) => isAnchorKind(t, names, isCountryName));

  return {
    observe: (terms, at) => stats.observe(terms, at),
    add(item) {
      tick(item.publishedAt);
      stats.observe(item.terms, item.publishedAt);
      const vector = vectorOf(item);
      const keys = keysOf(vector);
      const anchors = anchorsOf(vector, item.terms.names);
      const threshold = options.threshold * (item.terms.size > tuning.longTerms ? tuning.longThreshold : 1);
      const facts = item.terms.core;
      const { best, close } = chooseEvent(vector, keys, item.publishedAt, anchors, threshold, facts);
      const e = best ?? newEvent(deps.newEventId(item.id));
      place(item.id, e, vector, keys, anchors, item.publishedAt, facts);
      touched.add(e);
      // Two events the report is close to merge only when neither states what the other cannot be.
      const merged = close.filter((other) => !contradicts(other.facts, e.facts, tuning.dateSlackDays));
      for (const other of merged) merge(e, other);
      return { eventId: e.id, absorbed: merged.map((o) => o.id) };
    },
    restore(item, eventId) {
      tick(item.publishedAt);
      stats.observe(item.terms, item.publishedAt);
      const vector = vectorOf(item);
      const e = events.get(eventId) ?? newEvent(eventId);
      place(item.id, e, vector, keysOf(vector), anchorsOf(vector, item.terms.names), item.publishedAt, item.terms.core);
    },
    eventOf: (itemId) => eventOfItem.get(itemId),
    settle,
  };
}
