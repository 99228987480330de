import type { TermCounts } from "./event-features.js";

export interface ClusterOptions {
  /** Items further apart than this (from an event's first or last item) never join; settings.analysis.eventWindowHours. */
  readonly windowHours: number;
  /** Cosine similarity an item needs with an event's closest item to join it. */
  readonly threshold: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { windowHours: 72, threshold: 0.13 };

/** An item as the clusterer sees it: its id, when, and its terms. */
export interface ClusterInput {
  readonly id: string;
  /** Epoch milliseconds, when known; an item without time is taken to be within any window. */
  readonly publishedAt?: number | undefined;
  readonly terms: TermCounts;
}

/**
 * Incremental, deterministic event clustering. Each item is compared only with the recent items
 * that share one of its strongest terms (an inverted index with bounded postings), so the cost per
 * item stays flat however large the store grows.
 */
export interface EventClusterer {
  /** Count an item's terms for IDF without placing it (lets a batch weigh terms by the whole batch). */
  observe(terms: TermCounts): void;
  /** Place an item: the id of the event it joins, or of the new event it starts. */
  add(item: ClusterInput): string;
  /** Put an item back in the event it was stored in (rebuilding the recent window after a restart). */
  restore(item: ClusterInput, eventId: string): void;
  /** The event an item was placed in. */
  eventOf(itemId: string): string | undefined;
}

/** Terms of an item kept for comparison: the strongest ones carry the event (a long body has hundreds). */
const TOP_TERMS = 400;
/** Terms indexed and looked up per item: its strongest shared terms find its event's other reports. */
const KEY_TERMS = 24;
/** Candidates (by partial score over key terms) whose full cosine is computed. */
const CANDIDATES = 32;
/** Every this many items, index entries and vectors older than two windows are dropped, so memory follows the window, not the history. */
const PRUNE_EVERY = 2000;
/** Recent items kept per term; older ones fall out of the index (they are outside any sensible window). */
const POSTINGS_CAP = 100;
/** IDF prior: a term is treated as rare until the clusterer has seen enough items to know otherwise. */
const PRIOR_DOCS = 20;

interface Stored {
  readonly eventId: string;
  vector: ReadonlyMap<string, number>;
  readonly at: number | undefined;
}

interface EventSpan {
  first: number | undefined;
  last: number | undefined;
}

export interface ClustererDeps {
  /** The id of a new event, given the item that starts it (store: stable text ids; CLI: e1, e2…). */
  readonly newEventId: (firstItemId: string) => string;
}

/** Create an empty clusterer; rebuild one after a restart by adding the recent window's items in time order. */
export function createEventClusterer(options: ClusterOptions, deps: ClustererDeps): EventClusterer {
  const df = new Map<string, number>();
  let docs = 0;
  const items: Stored[] = [];
  const itemIndex = new Map<string, number>();
  const postings = new Map<string, number[]>();
  const spans = new Map<string, EventSpan>();
  const windowMs = options.windowHours * 3_600_000;
  const observed = new WeakSet<TermCounts>();

  const observe = (terms: TermCounts) => {
    if (observed.has(terms)) return;
    observed.add(terms);
    docs++;
    for (const t of terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  };

  const vectorOf = (terms: TermCounts): Map<string, number> => {
    const weighted: [string, number][] = [];
    for (const [t, c] of terms) {
      const idf = Math.log(1 + (docs + PRIOR_DOCS) / (df.get(t) ?? 1));
      weighted.push([t, (1 + Math.log(c)) * idf]);
    }
    weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = weighted.slice(0, TOP_TERMS);
    const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
    return new Map(top.map(([t, w]) => [t, w / norm]));
  };

  const withinWindow = (span: EventSpan, at: number | undefined): boolean => {
    if (at === undefined || span.first === undefined || span.last === undefined) return true;
    return at >= span.first - windowMs && at <= span.last + windowMs;
  };

  /**
   * Key terms: the heaviest ones, but terms seen in no other item rank last (they can match
   * nothing yet), so a long article's one-off words do not crowd out what it shares.
   */
  const keyTerms = (vector: ReadonlyMap<string, number>): string[] =>
    [...vector]
      .map(([t, w]): [string, number] => [t, (df.get(t) ?? 0) > 1 ? w : w / 4])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, KEY_TERMS)
      .map(([t]) => t);

  const cosine = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number => {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    let sum = 0;
    for (const [t, w] of small) sum += w * (large.get(t) ?? 0);
    return sum;
  };

  /** Cosine with the recent items sharing a key term (bounded work), best per event. */
  const closestPerEvent = (
    vector: ReadonlyMap<string, number>,
    keys: readonly string[],
    at: number | undefined,
  ): Map<string, number> => {
    const partial = new Map<number, number>();
    // Items arrive roughly in time order, so a posting list read from its end can stop at the
    // first item older than two windows: nothing before it can still be joined.
    const oldest = at === undefined ? undefined : at - 2 * windowMs;
    for (const t of keys) {
      const w = vector.get(t)!;
      const list = postings.get(t) ?? [];
      for (let k = list.length - 1; k >= 0; k--) {
        const idx = list[k]!;
        const other = items[idx]!;
        if (oldest !== undefined && other.at !== undefined && other.at < oldest) break;
        partial.set(idx, (partial.get(idx) ?? 0) + w * (other.vector.get(t) ?? 0));
      }
    }
    // Key terms carry most of the weight: a candidate far below the threshold on them cannot reach it.
    const floor = options.threshold / 4;
    const candidates = [...partial]
      .filter(([, p]) => p >= floor)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, CANDIDATES);
    // Single link: a story's later reports resemble its latest report more than its first.
    const perEvent = new Map<string, number>();
    for (const [idx] of candidates) {
      const other = items[idx]!;
      perEvent.set(other.eventId, Math.max(perEvent.get(other.eventId) ?? 0, cosine(vector, other.vector)));
    }
    return perEvent;
  };

  const chooseEvent = (
    vector: ReadonlyMap<string, number>,
    keys: readonly string[],
    at: number | undefined,
  ): string | undefined => {
    const perEvent = closestPerEvent(vector, keys, at);
    let best: { eventId: string; score: number } | undefined;
    // Sorted ids make ties resolve the same way on every replay.
    for (const eventId of [...perEvent.keys()].sort()) {
      const score = perEvent.get(eventId)!;
      if (score < options.threshold || (best !== undefined && score <= best.score)) continue;
      if (!withinWindow(spans.get(eventId)!, at)) continue;
      best = { eventId, score };
    }
    return best?.eventId;
  };

  const place = (
    itemId: string,
    eventId: string,
    vector: ReadonlyMap<string, number>,
    keys: readonly string[],
    at: number | undefined,
  ) => {
    const span = spans.get(eventId) ?? { first: undefined, last: undefined };
    if (at !== undefined) {
      span.first = span.first === undefined ? at : Math.min(span.first, at);
      span.last = span.last === undefined ? at : Math.max(span.last, at);
    }
    spans.set(eventId, span);
    const idx = items.length;
    items.push({ eventId, vector, at });
    itemIndex.set(itemId, idx);
    for (const t of keys) {
      const list = postings.get(t) ?? [];
      list.push(idx);
      // Trimmed in batches so the cost per add stays constant.
      if (list.length > 2 * POSTINGS_CAP) list.splice(0, list.length - POSTINGS_CAP);
      postings.set(t, list);
    }
  };

  let latest: number | undefined;
  let sincePrune = 0;
  let pruned = 0;
  const EMPTY: ReadonlyMap<string, number> = new Map();
  const prune = () => {
    if (latest === undefined) return;
    const cutoff = latest - 2 * windowMs;
    for (const [t, list] of postings) {
      const last = items[list[list.length - 1]!]!;
      if (last.at !== undefined && last.at < cutoff) postings.delete(t);
    }
    // Items are in arrival order, which is close to time order: stop at the first recent one.
    while (pruned < items.length) {
      const old = items[pruned]!;
      if (old.at === undefined || old.at >= cutoff) break;
      old.vector = EMPTY;
      pruned++;
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
      observe(item.terms);
      const vector = vectorOf(item.terms);
      const keys = keyTerms(vector);
      const eventId = chooseEvent(vector, keys, item.publishedAt) ?? deps.newEventId(item.id);
      place(item.id, eventId, vector, keys, item.publishedAt);
      return eventId;
    },
    restore(item, eventId) {
      tick(item.publishedAt);
      observe(item.terms);
      const vector = vectorOf(item.terms);
      place(item.id, eventId, vector, keyTerms(vector), item.publishedAt);
    },
    eventOf(itemId) {
      const idx = itemIndex.get(itemId);
      return idx === undefined ? undefined : items[idx]!.eventId;
    },
  };
}
