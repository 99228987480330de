/**
 * Relevance precision and recall on every labelled set: the sets tuned on together, each
 * held-out set alone (never tuned on), and everything together, overall and per language.
 */
import { createRelevanceScorer } from "../../src/analyze/relevance.js";
import { loadSettings } from "../../src/config/settings.js";
import { loadTopics } from "../../src/config/topics.js";
import {
  crossLanguage,
  distractors,
  englishPositives,
  heldOutDistractors,
  type LabelledItem,
  REPO_ROOT,
  realDay,
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
const precision = (c: Confusion) => ratio(c.tp, c.tp + c.fp);
const recall = (c: Confusion) => ratio(c.tp, c.tp + c.fn);
const counts = (c: Confusion) => `tp ${c.tp}, fp ${c.fp}, fn ${c.fn}, tn ${c.tn}`;
const pr = (c: Confusion) => `precision ${precision(c).toFixed(3)}, recall ${recall(c).toFixed(3)} (${counts(c)})`;

/** The sets tuned on: everything labelled except the two held-out halves. */
export function tuningSets(): LabelledItem[] {
  return [...seedLeads(), ...distractors(), ...englishPositives(), ...crossLanguage(), ...realDay("tune")];
}

export async function evaluate(): Promise<EvalReport> {
  const threshold = loadSettings(`${REPO_ROOT}/config/bantin.yaml`).analysis.relevanceThreshold;
  const tuning = tuningSets();
  const heldOutLookAlikes = heldOutDistractors();
  const heldOutDay = realDay("heldout");
  // Written for clustering after relevance was tuned: relevance has never been tuned on them.
  const laterDays = [
    ...realDay("tune2"),
    ...realDay("tune3"),
    ...realDay("tune4"),
    ...realDay("tune5"),
    ...realDay("tune6"),
  ];
  const everything = [...tuning, ...heldOutLookAlikes, ...heldOutDay, ...laterDays];
  const t = confusion(tuning, threshold);
  const h = confusion(heldOutLookAlikes, threshold);
  const d = confusion(heldOutDay, threshold);
  const both = confusion([...heldOutLookAlikes, ...heldOutDay], threshold);
  const later = confusion(laterDays, threshold);
  const all = confusion(everything, threshold);
  const vi = confusion(
    everything.filter((i) => i.article.lang === "vi"),
    threshold,
  );
  const en = confusion(
    everything.filter((i) => i.article.lang === "en"),
    threshold,
  );
  const metrics = {
    relevance_precision: precision(all),
    relevance_recall: recall(all),
    relevance_tuning_precision: precision(t),
    relevance_tuning_recall: recall(t),
    relevance_heldout_false_positive_rate: ratio(h.fp, h.fp + h.tn),
    relevance_heldout_real_day_precision: precision(d),
    relevance_heldout_real_day_recall: recall(d),
    relevance_heldout_precision: precision(both),
    relevance_heldout_recall: recall(both),
    relevance_later_days_precision: precision(later),
    relevance_later_days_recall: recall(later),
    relevance_vi_precision: precision(vi),
    relevance_vi_recall: recall(vi),
    relevance_en_precision: precision(en),
    relevance_en_recall: recall(en),
  };
  return {
    title: `Relevance (threshold ${threshold})`,
    lines: [
      `tuning sets (${tuning.length}: seed leads, ${distractors().length} distractors, English positives, cross-language, real-day tune): ${pr(t)}`,
      `held out, never tuned on: look-alike distractors (${heldOutLookAlikes.length}): ${h.fp} kept wrongly, ${h.tn} dropped (false-positive rate ${metrics.relevance_heldout_false_positive_rate.toFixed(3)})`,
      `held out, never tuned on: real-day heldout (${heldOutDay.length}): ${pr(d)}`,
      `held out together (${heldOutLookAlikes.length + heldOutDay.length}): ${pr(both)}`,
      `real-day tune2 to tune6, never tuned on for relevance (${laterDays.length}): ${pr(later)}`,
      `everything labelled (${everything.length}): ${pr(all)}`,
      `  Vietnamese (${vi.tp + vi.fp + vi.fn + vi.tn}): ${pr(vi)}`,
      `  English (${en.tp + en.fp + en.fn + en.tn}): ${pr(en)}`,
      "errors on the tuning sets:",
      ...t.errors,
      "errors on the held-out sets (report them, never tune on them):",
      ...h.errors,
      ...d.errors,
      ...later.errors,
    ],
    metrics,
  };
}
