/**
 * Event clustering on sets shaped like a real news day: title + lead feed items, dozens of
 * stories in one window, Vietnamese and English. The held-out half is never tuned on.
 */
import { clusterItems } from "../../src/analyze/cluster-items.js";
import { pairwiseF1 } from "../../src/analyze/pairwise-f1.js";
import {
  asOneDay,
  crossLanguage,
  englishPositives,
  KTLAB_PATH,
  ktlabDocs,
  type LabelledItem,
  realDay,
  samples,
  seedLeads,
} from "../../test/fixtures/labelled/labelled-sets.js";
import type { EvalReport } from "../eval.js";
import { clusterLexicon } from "./cluster.eval.js";

export interface DayScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Of the true pairs whose two reports are in different languages, the share put together. */
  readonly crossRecall: number;
  readonly events: number;
  readonly items: number;
}

/** Pairwise scores and cross-language pair recall of clustering `items` as one batch. */
export function dayScore(items: readonly LabelledItem[]): DayScore {
  const result = clusterItems(
    items.map((i) => i.article),
    { lexicon: clusterLexicon },
  );
  const truth = new Map(items.map((i) => [i.article.id, i.event ?? i.article.id]));
  const score = pairwiseF1(result.eventOf, truth);
  let crossPairs = 0;
  let crossFound = 0;
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) {
      const x = items[a]!;
      const y = items[b]!;
      if (x.article.lang === y.article.lang || truth.get(x.article.id) !== truth.get(y.article.id)) continue;
      crossPairs++;
      if (result.eventOf.get(x.article.id) === result.eventOf.get(y.article.id)) crossFound++;
    }
  }
  return {
    ...score,
    crossRecall: crossPairs === 0 ? 1 : crossFound / crossPairs,
    events: result.events.length,
    items: items.length,
  };
}

const fmt = (s: DayScore) =>
  `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} · cross-language R ${s.crossRecall.toFixed(3)} (${s.items} items, ${s.events} events found)`;

/** One busy day, averaged over a few seeded datings (each event starts at its own moment of the day). */
function oneDayScore(items: readonly LabelledItem[], moveTextDates = false, seeds = [1, 2, 3]): DayScore {
  const scores = seeds.map((seed) => dayScore(asOneDay(items, seed, undefined, { moveTextDates })));
  const mean = (k: keyof DayScore) => scores.reduce((sum, s) => sum + s[k], 0) / scores.length;
  return {
    precision: mean("precision"),
    recall: mean("recall"),
    f1: mean("f1"),
    crossRecall: mean("crossRecall"),
    events: Math.round(mean("events")),
    items: items.length,
  };
}

export async function evaluate(): Promise<EvalReport> {
  const metrics: Record<string, number> = {};
  const lines: string[] = [];
  const report = (key: string, label: string, s: DayScore) => {
    lines.push(`${label}: ${fmt(s)}`);
    metrics[`${key}_precision`] = s.precision;
    metrics[`${key}_recall`] = s.recall;
    metrics[`${key}_f1`] = s.f1;
    metrics[`${key}_cross_recall`] = s.crossRecall;
  };
  const names = {
    tune: "real-day, tuning half",
    tune2: "real-day, second tuning set (15 events written after the first was tuned on)",
    tune3: "real-day, third tuning set (14 events and look-alikes, written after tune2)",
    tune4: "real-day, fourth tuning set (14 events and look-alikes, written after tune3)",
    tune5: "real-day, fifth tuning set (16 events and 6 look-alikes, written after tune4)",
    tune6: "real-day, sixth tuning set (14 events and 5 look-alikes, written after tune5; first measured F1 0.815)",
    heldout: "real-day, HELD OUT (never tuned on)",
  } as const;
  for (const half of ["tune", "tune2", "tune3", "tune4", "tune5", "tune6", "heldout"] as const) {
    const items = realDay(half);
    const name = names[half];
    report(`realday_${half}_dated`, `${name}, real dates`, dayScore(items));
    report(`realday_${half}_oneday`, `${name}, one busy day (3 datings)`, oneDayScore(items));
  }
  // A real day dates every report's news today: with the dates in titles and leads moved too,
  // they no longer keep apart events of different years, and what is left must.
  for (const half of ["tune", "tune2", "tune3", "tune4", "tune5", "tune6", "heldout"] as const) {
    report(
      `realday_${half}_oneday_moved`,
      `${names[half]}, one busy day, dates in text moved with it`,
      oneDayScore(realDay(half), true),
    );
  }
  report("samples", "the bundled offline samples (feed leads, their times)", dayScore(samples()));
  const undated = [...seedLeads(), ...englishPositives(), ...crossLanguage()];
  report("seeds_xl_oneday", "seeds + English positives + cross-language reports, one busy day", oneDayScore(undated));
  const sapo = ktlabDocs({ sapoOnly: true });
  if (sapo === undefined) lines.push(`ktlab-dev title + sapo: skipped, ${KTLAB_PATH} not found`);
  else report("ktlab_sapo", "ktlab-dev title + sapo only (its dates)", dayScore(sapo));
  return { title: "Event clustering on a real news day (pairwise)", lines, metrics };
}
