import type { ArticleInput } from "../domain/index.js";
import {
  type ClusterOptions,
  type ClusterTuning,
  createEventClusterer,
  DEFAULT_CLUSTER_OPTIONS,
} from "./event-clusterer.js";
import { eventFeatures, type FeatureWeights, type TermCounts } from "./event-features.js";
import type { EventLexicon } from "./event-lexicon.js";

export interface ClusterItemsOptions extends Partial<ClusterOptions> {
  /** The lexicon as clustering reads it (aliases in two languages as one term); none: words alone. */
  readonly lexicon?: EventLexicon | undefined;
  /** Clusterer tunables; the defaults unless given (the eval sweeps them). */
  readonly tuning?: ClusterTuning | undefined;
  /** Feature weights; the defaults unless given (the eval sweeps them). */
  readonly features?: FeatureWeights | undefined;
}

export interface ClusteredEvent {
  /** e1, e2, … in the order their first item appears in the input. */
  readonly id: string;
  readonly itemIds: readonly string[];
}

export interface Clustering {
  /** Item id → event id, for every input item. */
  readonly eventOf: ReadonlyMap<string, string>;
  readonly events: readonly ClusteredEvent[];
}

/**
 * Group a batch of items into events, whatever their topic. Terms are weighed by the batch
 * (up to two windows ahead of each item), items are placed oldest first (input order without dates), so the result depends
 * only on the input.
 */
export function clusterItems(items: readonly ArticleInput[], options: ClusterItemsOptions = {}): Clustering {
  const settings: ClusterOptions = {
    windowHours: options.windowHours ?? DEFAULT_CLUSTER_OPTIONS.windowHours,
    threshold: options.threshold ?? DEFAULT_CLUSTER_OPTIONS.threshold,
  };
  let provisional = 0;
  const clusterer = createEventClusterer(settings, { newEventId: () => `p${++provisional}` }, options.tuning);
  const featuresOf = (item: ArticleInput) =>
    options.lexicon?.features(item, options.features) ??
    eventFeatures(
      { title: item.title, lead: item.lead, text: item.text, publishedAt: item.publishedAt },
      options.features,
    );
  // Features live from when an item is counted until it is placed: memory (and the collector's
  // work) follow the two-window stretch being read, not the length of the batch.
  const features = new Map<number, TermCounts>();
  const order = items.map((_, i) => i);
  order.sort((a, b) => (items[a]!.publishedAt ?? -Infinity) - (items[b]!.publishedAt ?? -Infinity) || a - b);
  // Terms are counted up to two windows ahead of the item being placed: the batch informs IDF,
  // yet the counts (and their cost) stay those of a bounded stretch of news however long the batch.
  const aheadMs = 2 * settings.windowHours * 3_600_000;
  let observed = 0;
  for (const i of order) {
    const at = items[i]!.publishedAt;
    while (observed < order.length) {
      const j = order[observed]!;
      const next = items[j]!.publishedAt;
      if (at !== undefined && next !== undefined && next > at + aheadMs) break;
      const terms = featuresOf(items[j]!);
      features.set(j, terms);
      clusterer.observe(terms, next);
      observed++;
    }
    clusterer.add({ id: `#${i}`, publishedAt: at, lang: items[i]!.lang, terms: features.get(i)! });
    features.delete(i);
  }
  clusterer.settle();
  const finalId = new Map<string, string>();
  const eventOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  items.forEach((item, i) => {
    // Where the item is now: a later item may have merged its first event into another.
    const p = clusterer.eventOf(`#${i}`)!;
    let id = finalId.get(p);
    if (id === undefined) {
      id = `e${finalId.size + 1}`;
      finalId.set(p, id);
      members.set(id, []);
    }
    eventOf.set(item.id, id);
    members.get(id)!.push(item.id);
  });
  return { eventOf, events: [...members].map(([id, itemIds]) => ({ id, itemIds })) };
}
