/**
 * `npm run eval:errors`: where clustering goes wrong on the real-day TUNING sets, for whoever
 * works on it next: each labelled event split over several found events (with its reports), each
 * found event mixing labels, and the wrong pairs of one busy day counted by the two labels they
 * join (on a busy day as dated, and with the dates titles and leads give moved with it). The held-out half is left out on purpose: reading its errors is tuning on it.
 */
import { clusterItems } from "../src/analyze/cluster-items.js";
import { asOneDay, type LabelledItem, realDay } from "../test/fixtures/labelled/labelled-sets.js";
import { clusterLexicon } from "./eval/cluster.eval.js";

const label = (i: LabelledItem) => i.event ?? i.article.id;
const eventsOf = (items: readonly LabelledItem[]) =>
  clusterItems(
    items.map((i) => i.article),
    { lexicon: clusterLexicon },
  ).eventOf;

function splitsAndMixes(items: readonly LabelledItem[]): string[] {
  const eventOf = eventsOf(items);
  const found = (i: LabelledItem) => eventOf.get(i.article.id) ?? "?";
  const labelsIn = new Map<string, Set<string>>();
  for (const i of items) labelsIn.set(found(i), (labelsIn.get(found(i)) ?? new Set()).add(label(i)));
  const out: string[] = [];
  for (const l of new Set(items.map(label))) {
    const reports = items.filter((i) => label(i) === l);
    const events = new Set(reports.map(found));
    const mixed = [...events].some((e) => (labelsIn.get(e)?.size ?? 0) > 1);
    if (events.size === 1 && !mixed) continue;
    out.push(`${l}: ${reports.length} reports in ${events.size} found events`);
    for (const i of reports) {
      const others = [...(labelsIn.get(found(i)) ?? [])].filter((x) => x !== l);
      const when = i.article.publishedAt === undefined ? "undated" : new Date(i.article.publishedAt).toISOString();
      const mix = others.length > 0 ? `  (mixed with ${others.join(", ")})` : "";
      out.push(`  ${found(i).padEnd(4)} ${i.article.lang} ${when.slice(0, 16)} ${i.article.title.slice(0, 90)}${mix}`);
    }
  }
  return out;
}

function wrongPairs(items: readonly LabelledItem[], seeds: readonly number[], moveTextDates = false): string[] {
  const counts = new Map<string, number>();
  for (const seed of seeds) {
    const day = asOneDay(items, seed, undefined, { moveTextDates });
    const eventOf = eventsOf(day);
    for (let a = 0; a < day.length; a++) {
      for (let b = a + 1; b < day.length; b++) {
        const x = day[a]!;
        const y = day[b]!;
        if (label(x) === label(y) || eventOf.get(x.article.id) !== eventOf.get(y.article.id)) continue;
        const key = [label(x), label(y)].sort().join(" + ");
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const total = [...counts.values()].reduce((n, c) => n + c, 0);
  return [
    `${total} wrong pairs over ${seeds.length} datings, by the labels they join:`,
    ...[...counts].sort((p, q) => q[1] - p[1]).map(([k, n]) => `${String(n).padStart(4)}  ${k}`),
  ];
}

const lines = (["tune", "tune2", "tune3", "tune4", "tune5", "tune6"] as const).flatMap((set) => [
  `## Real-day ${set}, real dates: split and mixed events`,
  ...splitsAndMixes(realDay(set)),
  "",
  `## Real-day ${set}, one busy day (datings 1-3): wrong pairs`,
  ...wrongPairs(realDay(set), [1, 2, 3]),
  "",
  `## Real-day ${set}, one busy day with the dates in text moved (datings 1-3): wrong pairs`,
  ...wrongPairs(realDay(set), [1, 2, 3], true),
  "",
]);
process.stdout.write(`${lines.join("\n")}\n`);
