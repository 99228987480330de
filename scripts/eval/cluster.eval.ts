/** Pairwise event-clustering precision, recall and F1 on the seed leads and on ktlab-dev mixed together. */
import { clusterItems } from "../../src/analyze/cluster-items.js";
import { pairwiseF1 } from "../../src/analyze/pairwise-f1.js";
import { createRelevanceScorer } from "../../src/analyze/relevance.js";
import { loadTopics } from "../../src/config/topics.js";
import {
  englishPositives,
  KTLAB_PATH,
  ktlabDocs,
  type LabelledItem,
  seedLeads,
} from "../../test/fixtures/labelled/labelled-sets.js";
import type { EvalReport } from "../eval.js";

export function clusterScore(items: readonly LabelledItem[]) {
  const scorer = createRelevanceScorer(loadTopics(), { threshold: 0.5 });
  const result = clusterItems(
    items.map((i) => i.article),
    { entityIds: (t) => scorer.entityIds(t) },
  );
  const truth = new Map(items.map((i) => [i.article.id, i.event ?? i.article.id]));
  return { score: pairwiseF1(result.eventOf, truth), events: result.events.length };
}

export async function evaluate(): Promise<EvalReport> {
  const seeds = clusterScore(seedLeads());
  const withEnglish = clusterScore([...seedLeads(), ...englishPositives()]);
  const docs = ktlabDocs();
  const ktlab = docs === undefined ? undefined : clusterScore(docs);
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
      `seed leads + English positives: ${fmt(withEnglish.score)}`,
      ktlab === undefined
        ? `ktlab-dev: skipped, ${KTLAB_PATH} not found`
        : `ktlab-dev (${docs!.length} docs, 60 clusters, ${ktlab.events} events found): ${fmt(ktlab.score)}`,
    ],
    metrics,
  };
}
