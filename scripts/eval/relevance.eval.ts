/**
 * Relevance precision and recall on the labelled sets: seed leads, look-alike distractors
 * (tuning part and held-out part reported apart) and English positives.
 */
import { createRelevanceScorer } from "../../src/analyze/relevance.js";
import { loadSettings } from "../../src/config/settings.js";
import { loadTopics } from "../../src/config/topics.js";
import {
  distractors,
  englishPositives,
  heldOutDistractors,
  type LabelledItem,
  REPO_ROOT,
  seedLeads,
} from "../../test/fixtures/labelled/labelled-sets.js";
import type { EvalReport } from "../eval.js";

interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  errors: string[];
}

export function confusion(items: readonly LabelledItem[], threshold = 0.5): Confusion {
  const scorer = createRelevanceScorer(loadTopics(), { threshold });
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0, errors: [] };
  for (const item of items) {
    const r = scorer.score(item.article);
    if (r.relevant && item.relevant) c.tp++;
    else if (r.relevant) {
      c.fp++;
      c.errors.push(`  FP ${item.article.id} ${r.score} ${(item.article.title || item.article.lead).slice(0, 70)}`);
    } else if (item.relevant) {
      c.fn++;
      c.errors.push(`  FN ${item.article.id} ${r.score} ${(item.article.title || item.article.lead).slice(0, 70)}`);
    } else c.tn++;
  }
  return c;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export async function evaluate(): Promise<EvalReport> {
  const threshold = loadSettings(`${REPO_ROOT}/config/bantin.yaml`).analysis.relevanceThreshold;
  const tuning = [...seedLeads(), ...distractors(), ...englishPositives()];
  const heldOut = heldOutDistractors();
  const t = confusion(tuning, threshold);
  const h = confusion(heldOut, threshold);
  const all = confusion([...tuning, ...heldOut], threshold);
  const metrics = {
    relevance_precision: ratio(all.tp, all.tp + all.fp),
    relevance_recall: ratio(all.tp, all.tp + all.fn),
    relevance_tuning_precision: ratio(t.tp, t.tp + t.fp),
    relevance_tuning_recall: ratio(t.tp, t.tp + t.fn),
    relevance_heldout_false_positive_rate: ratio(h.fp, h.fp + h.tn),
  };
  return {
    title: `Relevance (threshold ${threshold})`,
    lines: [
      `tuning set (${tuning.length} items: seed leads, ${distractors().length} distractors, English positives): precision ${metrics.relevance_tuning_precision.toFixed(3)}, recall ${metrics.relevance_tuning_recall.toFixed(3)}`,
      `held-out distractors (${heldOut.length}, never tuned on): ${h.fp} kept wrongly, ${h.tn} dropped (false-positive rate ${metrics.relevance_heldout_false_positive_rate.toFixed(3)})`,
      `all together: precision ${metrics.relevance_precision.toFixed(3)}, recall ${metrics.relevance_recall.toFixed(3)} (tp ${all.tp}, fp ${all.fp}, fn ${all.fn}, tn ${all.tn})`,
      ...all.errors,
    ],
    metrics,
  };
}
