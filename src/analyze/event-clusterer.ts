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
/** Terms in more than this share of items (and more than COMMON_MIN of them) are not looked up: they weigh little and cost most. */
const COMMON_SHARE = 0.05;
const COMMON_MIN = 50;
/** Recent items kept per term; older ones fall out of the index (they are outside any sensible window). */
const POSTINGS_CAP = 400;
/** IDF prior: a term is treated as rare until the clusterer has seen enough items to know otherwise. */
const PRIOR_DOCS = 20;

interface Stored {
  readonly eventId: string;
  readonly vector: ReadonlyMap<string, number>;
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

  /** Similarity of a vector with each recent item sharing one of its uncommon terms, best per event. */
  const closestPerEvent = (vector: ReadonlyMap<string, number>): Map<string, number> => {
    const scores = new Map<number, number>();
    const common = Math.max(COMMON_MIN, COMMON_SHARE * docs);
    for (const [t, w] of vector) {
      if ((df.get(t) ?? 0) > common) continue;
      for (const idx of postings.get(t) ?? []) scores.set(idx, (scores.get(idx) ?? 0) + w * items[idx]!.vector.get(t)!);
    }
    // Single link: a story's later reports resemble its latest report more than its first.
    const perEvent = new Map<string, number>();
    for (const [idx, score] of scores) {
      const eventId = items[idx]!.eventId;
      perEvent.set(eventId, Math.max(perEvent.get(eventId) ?? 0, score));
    }
    return perEvent;
  };

  const chooseEvent = (vector: ReadonlyMap<string, number>, at: number | undefined): string | undefined => {
    const perEvent = closestPerEvent(vector);
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

  const place = (itemId: string, eventId: string, vector: ReadonlyMap<string, number>, at: number | undefined) => {
    const span = spans.get(eventId) ?? { first: undefined, last: undefined };
    if (at !== undefined) {
      span.first = span.first === undefined ? at : Math.min(span.first, at);
      span.last = span.last === undefined ? at : Math.max(span.last, at);
    }
    spans.set(eventId, span);
    const idx = items.length;
    items.push({ eventId, vector });
    itemIndex.set(itemId, idx);
    for (const t of vector.keys()) {
      const list = postings.get(t) ?? [];
      list.push(idx);
      // Trimmed in batches so the cost per add stays constant.
      if (list.length > 2 * POSTINGS_CAP) list.splice(0, list.length - POSTINGS_CAP);
      postings.set(t, list);
    }
  };

  return {
    observe,
    add(item) {
      observe(item.terms);
      const vector = vectorOf(item.terms);
      const eventId = chooseEvent(vector, item.publishedAt) ?? deps.newEventId(item.id);
      place(item.id, eventId, vector, item.publishedAt);
      return eventId;
    },
    restore(item, eventId) {
      observe(item.terms);
      place(item.id, eventId, vectorOf(item.terms), item.publishedAt);
    },
    eventOf(itemId) {
      const idx = itemIndex.get(itemId);
      return idx === undefined ? undefined : items[idx]!.eventId;
    },
  };
}
