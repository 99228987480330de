/** Pairwise event-clustering precision, recall and F1 on the seed leads and on ktlab-dev mixed together. */

import { seededRandom } from "../../bench/seeded-random.js";
import { clusterItems } from "../../src/analyze/cluster-items.js";
import { createEventLexicon } from "../../src/analyze/event-lexicon.js";
import { pairwiseF1 } from "../../src/analyze/pairwise-f1.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import {
  englishPositives,
  KTLAB_PATH,
  ktlabDocs,
  type LabelledItem,
  seedLeads,
} from "../../test/fixtures/labelled/labelled-sets.js";
import type { EvalReport } from "../eval.js";

/** The lexicon as clustering reads it, compiled once for every eval module. */
export const clusterLexicon = createEventLexicon(loadLexicon());
const lexicon = clusterLexicon;

export function clusterScore(items: readonly LabelledItem[], threshold?: number) {
  const result = clusterItems(
    items.map((i) => i.article),
    { lexicon, threshold },
  );
  const truth = new Map(items.map((i) => [i.article.id, i.event ?? i.article.id]));
  return { score: pairwiseF1(result.eventOf, truth), events: result.events.length };
}

const SWEEP = Array.from({ length: 11 }, (_, i) => 0.1 + 0.02 * i);

/**
 * An honest figure: the similarity threshold is chosen on the even-indexed events (in order of
 * first appearance) and the clustering is scored with it on the odd-indexed ones only.
 */
export function heldOutScore(items: readonly LabelledItem[]) {
  const label = (i: LabelledItem) => i.event ?? i.article.id;
  const order = [...new Set(items.map(label))];
  const even = new Set(order.filter((_, k) => k % 2 === 0));
  const tune = items.filter((i) => even.has(label(i)));
  const test = items.filter((i) => !even.has(label(i)));
  let best = SWEEP[0]!;
  let bestF1 = -1;
  for (const t of SWEEP) {
    const f1 = clusterScore(tune, t).score.f1;
    if (f1 > bestF1) {
      best = t;
      bestF1 = f1;
    }
  }
  return { threshold: best, tuneF1: bestF1, score: clusterScore(test, best).score };
}

const ORDERS = 8;

/**
 * The clusterer is incremental, so the order it reads undated items in matters. Scored over
 * ORDERS shuffles of the input with dates removed: mean, worst and best pairwise F1.
 */
export function orderScore(items: readonly LabelledItem[]) {
  const f1s: number[] = [];
  for (let k = 1; k <= ORDERS; k++) {
    const random = seededRandom(k);
    const shuffled = items
      .map((i) => ({ key: random(), item: { ...i, article: { ...i.article, publishedAt: undefined } } }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.item);
    f1s.push(clusterScore(shuffled).score.f1);
  }
  return { mean: f1s.reduce((a, b) => a + b, 0) / f1s.length, min: Math.min(...f1s), max: Math.max(...f1s) };
}

export async function evaluate(): Promise<EvalReport> {
  const seeds = clusterScore(seedLeads());
  const withEnglish = clusterScore([...seedLeads(), ...englishPositives()]);
  const docs = ktlabDocs();
  const ktlab = docs === undefined ? undefined : clusterScore(docs);
  const held = (items: readonly LabelledItem[]) => {
    const h = heldOutScore(items);
    const o = orderScore(items);
    return [
      `  held out (threshold ${h.threshold.toFixed(2)} tuned on even events, F1 ${h.tuneF1.toFixed(3)}; odd events): ${fmt(h.score)}`,
      `  undated, input shuffled ${ORDERS} ways: F1 mean ${o.mean.toFixed(3)} (worst ${o.min.toFixed(3)}, best ${o.max.toFixed(3)})`,
    ];
  };
  const fmt = (s: { precision: number; recall: number; f1: number }) =>
    `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`;
  const metrics: Record<string, number> = {
    cluster_seeds_precision: seeds.score.precision,
    cluster_seeds_recall: seeds.score.recall,
    cluster_seeds_f1: seeds.score.f1,
    cluster_seeds_en_f1: withEnglish.score.f1,
  };
  if (ktlab !== undefined) {
    metrics.cluster_ktlab_precision = ktlab.score.precision;
    metrics.cluster_ktlab_recall = ktlab.score.recall;
    metrics.cluster_ktlab_f1 = ktlab.score.f1;
  }
  return {
    title: "Event clustering (pairwise)",
    lines: [
      `seed leads (${seedLeads().length} lines, ${seeds.events} events found): ${fmt(seeds.score)}`,
      ...held(seedLeads()),
      `seed leads + English positives: ${fmt(withEnglish.score)}`,
      ...held([...seedLeads(), ...englishPositives()]),
      ...(ktlab === undefined
        ? [`ktlab-dev: skipped, ${KTLAB_PATH} not found`]
        : [
            `ktlab-dev (${docs!.length} docs, 60 clusters, ${ktlab.events} events found): ${fmt(ktlab.score)}`,
            ...held(docs!),
          ]),
    ],
    metrics,
  };
}
