import type { TermCounts } from "./event-features.js";
import { COUNTRY_SYLLABLES } from "./stopwords.js";

export interface ClusterOptions {
  /** An item joins an event only within this many hours of the event's first or last item; settings.analysis.eventWindowHours. */
  readonly windowHours: number;
  /** Cosine similarity an item needs with an event's pooled profile to join it. */
  readonly threshold: number;
}

/** Tunables of the clusterer beyond the options (exported so the eval can sweep them). */
export interface ClusterTuning {
  /** Terms of an item kept for comparison: the strongest carry the event. */
  readonly itemTerms: number;
  /** Terms of an event's pooled profile: bounded so a long story costs no more than a short one. */
  readonly profileTerms: number;
  /** Rarest strong terms of an item looked up in the index (and indexed for its event). */
  readonly keyTerms: number;
  /** Share of the threshold an event must reach on the key terms alone to be a candidate. */
  readonly keyShare: number;
  /** Events whose full similarity is computed, best partial scores first. */
  readonly candidates: number;
  /** Recent events kept per index term. */
  readonly postingsCap: number;
  /** IDF prior: a term counts as seen in this many extra documents, so a small batch does not call everything rare. */
  readonly priorDocs: number;
  /** IDF of terms seen once is lowered to that of terms seen this many times: one-off noise must not dominate. */
  readonly minDf: number;
  /** IDF raised to this power: above 1, what a handful of reports share outweighs the topic's common vocabulary. */
  readonly idfPower: number;
  /**
   * Weight of a term no other item has (yet) relative to its IDF: it cannot match anything, so at
   * full weight it only dilutes a text's similarity with everything.
   */
  readonly unsharedWeight: number;
  /**
   * An item with more distinct terms than this is a long article: its own unshared terms are
   * mostly background (quotes, asides), so they are left out rather than damped.
   */
  readonly longTerms: number;
  /**
   * Threshold scale for a long article: many background terms lower its cosine with any event, so
   * the bar sits lower (a short lead's few terms are all on the event, or not).
   */
  readonly longThreshold: number;
  /**
   * Terms of a long article kept for comparison: past its strongest hundred or so, an article's
   * terms are its background (context, quotes, asides), shared with neighbouring stories as much
   * as with its own.
   */
  readonly longItemTerms: number;
  /**
   * A term is specific evidence (an anchor) only while at most this share of the documents seen
   * has it: a name every report of the topic carries ("Mỹ", "Seoul") says nothing about which event.
   */
  readonly anchorShare: number;
  /** However few documents were seen, a term in this many of them can still be an anchor. */
  readonly anchorMinDf: number;
  /**
   * Without a shared anchor an item still joins when its similarity reaches this multiple of the
   * threshold: text that names nobody (no capitals, dates or figures) must not be unable to join.
   */
  readonly unanchoredShare: number;
  /**
   * A name carried by this many other live events is no anchor: a leader or capital that recurs
   * across stories (one president in four events) tells none of them apart, however rare it is overall.
   */
  readonly anchorEvents: number;
  /**
   * An item this many times the threshold close to two events shows they are one story that
   * began as two (its first reports told it from different sides): the events merge. Incremental
   * placement cannot take back an early split any other way.
   */
  readonly mergeShare: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { windowHours: 72, threshold: 0.18 };
export const DEFAULT_CLUSTER_TUNING: ClusterTuning = {
  itemTerms: 160,
  profileTerms: 200,
  keyTerms: 12,
  keyShare: 0.05,
  candidates: 16,
  postingsCap: 64,
  priorDocs: 10,
  minDf: 2,
  idfPower: 1.5,
  unsharedWeight: 0.5,
  longTerms: 150,
  longThreshold: 0.9,
  longItemTerms: 100,
  anchorShare: 0.15,
  anchorMinDf: 3,
  unanchoredShare: 2,
  anchorEvents: 2,
  mergeShare: 1.6,
};

/** An item as the clusterer sees it: its id, when, and its terms. */
export interface ClusterInput {
  readonly id: string;
  /** Epoch milliseconds, when known; an item without time is taken to be within any window. */
  readonly publishedAt?: number | undefined;
  readonly terms: TermCounts;
}

/** Where an item went: the event it joined or started, and any events it showed to be the same story, now merged into it. */
export interface Placement {
  readonly eventId: string;
  /** Ids of events merged into `eventId`, their items now in it (the store must move them too). */
  readonly absorbed: readonly string[];
}

/**
 * Incremental, deterministic event clustering. A new item is compared with the pooled profiles
 * (summed term weights) of the recent events that share one of its rarest strong terms (an
 * inverted index from terms to events, bounded postings), so the cost per item stays flat
 * however large the store grows. Comparing with a profile rather than the closest single report
 * keeps chains of loosely related items apart while letting a paraphrase join through the
 * vocabulary of the whole story. An item very close to two events merges them (see mergeShare).
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
}

export interface ClustererDeps {
  /** The id of a new event, given the item that starts it (store: stable text ids; CLI: e1, e2…). */
  readonly newEventId: (firstItemId: string) => string;
}

interface EventState {
  readonly id: string;
  /** Summed member vectors (the pooled profile), trimmed to the strongest terms when it outgrows its bound. */
  sum: Map<string, number>;
  /** Euclidean length of `sum`, so similarity needs no normalised copy. */
  norm: number;
  first: number | undefined;
  last: number | undefined;
  readonly indexed: Set<string>;
  /** Members carrying each anchor-kind term (names, dates, figures, entities). */
  readonly anchorCounts: Map<string, number>;
  /** Item ids, so a merge can move them. */
  readonly members: string[];
  pruned: boolean;
}

/** Every this many items, events older than two windows leave the index, so memory follows the window. */
const PRUNE_EVERY = 2000;

const byWeightThenTerm = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

function unitTop(entries: [string, number][], n: number): Map<string, number> {
  entries.sort(byWeightThenTerm);
  const top = entries.length > n ? entries.slice(0, n) : entries;
  let norm = 0;
  for (const [, w] of top) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  return new Map(top.map(([t, w]) => [t, w / norm]));
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) sum += w * o;
  }
  return sum;
}

/** Create an empty clusterer; rebuild one after a restart by restoring the recent window's items in time order. */
export function createEventClusterer(
  options: ClusterOptions,
  deps: ClustererDeps,
  tuning: ClusterTuning = DEFAULT_CLUSTER_TUNING,
): EventClusterer {
  const df = new Map<string, number>();
  let docs = 0;
  /** Counted items with their time (set when placed, if not known when observed), oldest leave at pruning. */
  const counted: { readonly terms: readonly string[]; at: number | undefined }[] = [];
  const observed = new WeakMap<TermCounts, { readonly terms: readonly string[]; at: number | undefined }>();
  const events = new Map<string, EventState>();
  /** Live events carrying each anchor-kind term. */
  const eventsWith = new Map<string, number>();
  const postings = new Map<string, EventState[]>();
  const eventOfItem = new Map<string, string>();
  const windowMs = options.windowHours * 3_600_000;

  const observe = (terms: TermCounts, at?: number) => {
    const seen = observed.get(terms);
    if (seen !== undefined) {
      seen.at ??= at;
      return;
    }
    const entry = { terms: [...terms.keys()], at };
    observed.set(terms, entry);
    counted.push(entry);
    docs++;
    for (const t of entry.terms) df.set(t, (df.get(t) ?? 0) + 1);
  };
  /** Forget the counts of items published before `cutoff` (items without time stay counted). */
  const forgetCounts = (cutoff: number) => {
    let kept = 0;
    for (const entry of counted) {
      if (entry.at !== undefined && entry.at < cutoff) {
        docs--;
        for (const t of entry.terms) {
          const n = (df.get(t) ?? 1) - 1;
          if (n <= 0) df.delete(t);
          else df.set(t, n);
        }
      } else counted[kept++] = entry;
    }
    counted.length = kept;
  };

  const idf = (t: string, unshared: number) => {
    const n = df.get(t) ?? 1;
    if (n <= 1 && unshared === 0) return 0;
    const w = Math.log(1 + (docs + tuning.priorDocs) / Math.max(n, tuning.minDf)) ** tuning.idfPower;
    return n > 1 ? w : w * unshared;
  };

  /**
   * Kinds of term that can name one event: dates, figures, specific lexicon entities, and proper
   * names other than countries. (Recurring entities, r:, weigh in the similarity but anchor nothing.)
   */
  const anchorKind = (t: string, names: ReadonlySet<string> | undefined): boolean => {
    const kind = t.charCodeAt(0);
    // d: dates, #: figures, e: specific entities
    if (kind === 100 || kind === 35 || kind === 101) return true;
    if (names?.has(t) !== true) return false;
    return !t
      .slice(2)
      .split(/[ -]/)
      .every((s) => COUNTRY_SYLLABLES.has(s));
  };
  /**
   * A shared anchor-kind term is evidence for this event only if few documents and few other
   * events carry it: a name found all over the topic ("Mỹ", "Seoul") or in story after story
   * (a president) says nothing about which event.
   */
  const anchoredIn = (e: EventState, anchors: readonly string[]): boolean => {
    const allowance = Math.max(tuning.anchorMinDf, tuning.anchorShare * docs);
    for (const t of anchors) {
      const inside = e.anchorCounts.get(t);
      if (inside === undefined || (df.get(t) ?? 0) - inside > allowance) continue;
      if ((eventsWith.get(t) ?? 1) - 1 < tuning.anchorEvents) return true;
    }
    return false;
  };

  const vectorOf = (terms: TermCounts): Map<string, number> => {
    const weighted: [string, number][] = [];
    const unshared = terms.size > tuning.longTerms ? 0 : tuning.unsharedWeight;
    for (const [t, c] of terms) {
      const w = idf(t, unshared);
      if (w > 0) weighted.push([t, (1 + Math.log(1 + c)) * w]);
    }
    return unitTop(weighted, terms.size > tuning.longTerms ? tuning.longItemTerms : tuning.itemTerms);
  };

  /** Strongest terms another item also has (a term seen once can find nothing), rarest breaking ties. */
  const keyTerms = (vector: ReadonlyMap<string, number>): string[] => {
    const keys: string[] = [];
    for (const t of vector.keys()) {
      if ((df.get(t) ?? 0) > 1) keys.push(t);
      if (keys.length >= tuning.keyTerms) return keys;
    }
    for (const t of vector.keys()) {
      if ((df.get(t) ?? 0) <= 1) keys.push(t);
      if (keys.length >= tuning.keyTerms) break;
    }
    return keys;
  };

  const inWindow = (e: EventState, at: number | undefined): boolean => {
    if (at === undefined || e.first === undefined || e.last === undefined) return true;
    return at >= e.first - windowMs && at <= e.last + windowMs;
  };

  /** Recent events sharing a key term, with the similarity the key terms alone give them. */
  const partialScores = (vector: ReadonlyMap<string, number>, keys: readonly string[], at: number | undefined) => {
    const partial = new Map<EventState, number>();
    for (const t of keys) {
      const list = postings.get(t) ?? [];
      const w = vector.get(t)!;
      for (let k = list.length - 1; k >= Math.max(0, list.length - tuning.postingsCap); k--) {
        const e = list[k]!;
        if (e.pruned || !inWindow(e, at)) continue;
        partial.set(e, (partial.get(e) ?? 0) + (w * (e.sum.get(t) ?? 0)) / e.norm);
      }
    }
    return partial;
  };

  const chooseEvent = (
    vector: ReadonlyMap<string, number>,
    keys: readonly string[],
    at: number | undefined,
    anchors: readonly string[],
    threshold: number,
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
      const score = cosine(vector, e.sum) / e.norm;
      // Topic words alone make two reports one event only when they agree closely; otherwise they must share a specific anchor.
      if (score < threshold * tuning.unanchoredShare && !anchoredIn(e, anchors)) continue;
      if (score >= threshold * tuning.mergeShare) close.push(e);
      // Equal scores go to the smaller id, so replays agree.
      if (score >= threshold && (best === undefined || score > bestScore || (score === bestScore && e.id < best.id))) {
        best = e;
        bestScore = score;
      }
    }
    return { best, close: close.filter((e) => e !== best).sort((a, b) => (a.id < b.id ? -1 : 1)) };
  };

  const index = (e: EventState, keys: readonly string[]) => {
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

  const addToProfile = (e: EventState, vector: ReadonlyMap<string, number>) => {
    for (const [t, w] of vector) e.sum.set(t, (e.sum.get(t) ?? 0) + w);
    // Trimmed in batches (amortised constant cost); the profile keeps its strongest terms.
    if (e.sum.size > 2 * tuning.profileTerms)
      e.sum = new Map([...e.sum].sort(byWeightThenTerm).slice(0, tuning.profileTerms));
    let norm = 0;
    for (const w of e.sum.values()) norm += w * w;
    e.norm = Math.sqrt(norm) || 1;
  };

  const place = (
    itemId: string,
    e: EventState,
    vector: ReadonlyMap<string, number>,
    keys: readonly string[],
    anchors: readonly string[],
    at?: number,
  ) => {
    for (const t of anchors) {
      const n = e.anchorCounts.get(t);
      if (n === undefined) eventsWith.set(t, (eventsWith.get(t) ?? 0) + 1);
      e.anchorCounts.set(t, (n ?? 0) + 1);
    }
    if (at !== undefined) {
      e.first = Math.min(e.first ?? at, at);
      e.last = Math.max(e.last ?? at, at);
    }
    addToProfile(e, vector);
    index(e, keys);
    e.members.push(itemId);
    eventOfItem.set(itemId, e.id);
  };

  /** Move everything of `from` into `into`: profile, anchors, time span, index entries and items. */
  const merge = (into: EventState, from: EventState) => {
    addToProfile(into, from.sum);
    for (const [t, n] of from.anchorCounts) {
      // The term's live-event count drops by one when both carried it.
      if (into.anchorCounts.has(t)) eventsWith.set(t, (eventsWith.get(t) ?? 1) - 1);
      into.anchorCounts.set(t, (into.anchorCounts.get(t) ?? 0) + n);
    }
    if (from.first !== undefined) into.first = Math.min(into.first ?? from.first, from.first);
    if (from.last !== undefined) into.last = Math.max(into.last ?? from.last, from.last);
    index(into, [...from.indexed]);
    for (const item of from.members) {
      into.members.push(item);
      eventOfItem.set(item, into.id);
    }
    from.pruned = true;
    from.sum = new Map();
    events.delete(from.id);
  };

  const newEvent = (id: string): EventState => {
    const e: EventState = {
      id,
      sum: new Map(),
      norm: 1,
      first: undefined,
      last: undefined,
      indexed: new Set(),
      anchorCounts: new Map(),
      members: [],
      pruned: false,
    };
    events.set(id, e);
    return e;
  };

  let latest: number | undefined;
  let sincePrune = 0;
  const prune = () => {
    if (latest === undefined) return;
    const cutoff = latest - 2 * windowMs;
    forgetCounts(cutoff);
    for (const [id, e] of events) {
      if (e.last !== undefined && e.last < cutoff) {
        for (const t of e.anchorCounts.keys()) {
          const n = (eventsWith.get(t) ?? 1) - 1;
          if (n <= 0) eventsWith.delete(t);
          else eventsWith.set(t, n);
        }
        e.pruned = true;
        e.sum = new Map();
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

  return {
    observe,
    add(item) {
      tick(item.publishedAt);
      observe(item.terms, item.publishedAt);
      const vector = vectorOf(item.terms);
      const keys = keyTerms(vector);
      const anchors = [...vector.keys()].filter((t) => anchorKind(t, item.terms.names));
      const threshold = options.threshold * (item.terms.size > tuning.longTerms ? tuning.longThreshold : 1);
      const { best, close } = chooseEvent(vector, keys, item.publishedAt, anchors, threshold);
      const e = best ?? newEvent(deps.newEventId(item.id));
      place(item.id, e, vector, keys, anchors, item.publishedAt);
      for (const other of close) merge(e, other);
      return { eventId: e.id, absorbed: close.map((o) => o.id) };
    },
    restore(item, eventId) {
      tick(item.publishedAt);
      observe(item.terms, item.publishedAt);
      const vector = vectorOf(item.terms);
      const anchors = [...vector.keys()].filter((t) => anchorKind(t, item.terms.names));
      place(item.id, events.get(eventId) ?? newEvent(eventId), vector, keyTerms(vector), anchors, item.publishedAt);
    },
    eventOf: (itemId) => eventOfItem.get(itemId),
  };
}
