/**
 * Time to cluster N generated items (seeded, so every run clusters the same text): realistic
 * Vietnamese-length titles and leads, about four reports per event, spread over time so the
 * 72-hour window matters. Growth = time(100k) / time(10k); near 10 means flat cost per item.
 */
import { clusterItems } from "../src/analyze/cluster-items.js";
import type { ArticleInput } from "../src/domain/index.js";
import type { BenchOptions } from "./run.js";
import { seededRandom } from "./seeded-random.js";

const ONSETS = [
  "b",
  "c",
  "ch",
  "d",
  "đ",
  "g",
  "h",
  "kh",
  "l",
  "m",
  "n",
  "ng",
  "nh",
  "ph",
  "qu",
  "s",
  "t",
  "th",
  "tr",
  "v",
  "x",
];
const RIMES = [
  "a",
  "à",
  "ác",
  "ai",
  "an",
  "ăng",
  "âm",
  "ê",
  "iên",
  "inh",
  "oa",
  "ôi",
  "ơn",
  "ung",
  "ước",
  "uyên",
  "yết",
  "ành",
  "ổng",
  "ạn",
];

function vocabulary(rand: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(rand() * 2);
    const parts: string[] = [];
    for (let i = 0; i < n; i++)
      parts.push(ONSETS[Math.floor(rand() * ONSETS.length)]! + RIMES[Math.floor(rand() * RIMES.length)]!);
    words.add(parts.join(" "));
  }
  return [...words];
}

/** An event's own words are written as names, as the people and places that tell events apart are. */
const capitalised = (w: string) => w.replace(/(^|\s)(\p{L})/gu, (_, sp: string, c: string) => sp + c.toUpperCase());

/** N items: each event has its own few key words; every report mixes them with common words. */
export function generateItems(n: number, seed = 42): ArticleInput[] {
  const rand = seededRandom(seed);
  const common = vocabulary(rand, 400);
  const rare = vocabulary(rand, 30_000);
  const pick = (list: readonly string[]) => list[Math.floor(rand() * list.length)]!;
  const events = Math.ceil(n / 4);
  const keys = Array.from({ length: events }, () => Array.from({ length: 6 }, () => pick(rare)));
  const start = Date.UTC(2025, 0, 1);
  const spanMs = (n / 1000) * 24 * 3_600_000; // about 1,000 items a day
  const items: ArticleInput[] = [];
  for (let i = 0; i < n; i++) {
    const e = Math.floor(rand() * events);
    const sentence = (len: number) =>
      Array.from({ length: len }, () => (rand() < 0.35 ? capitalised(pick(keys[e]!)) : pick(common))).join(" ");
    items.push({
      id: `i${i}`,
      title: sentence(8),
      lead: `${sentence(14)}. ${sentence(12)}.`,
      text: "",
      publishedAt: start + Math.floor((e / events) * spanMs + rand() * 24 * 3_600_000),
    });
  }
  return items;
}

function timeClustering(n: number): number {
  const items = generateItems(n);
  const t0 = performance.now();
  clusterItems(items, { windowHours: 72 });
  return (performance.now() - t0) / 1000;
}

export async function bench({ quick }: BenchOptions): Promise<Record<string, number>> {
  const [small, large] = quick ? [1_000, 10_000] : [10_000, 100_000];
  timeClustering(Math.min(small, 2_000)); // warm-up: JIT, so the small run is not penalised
  const a = timeClustering(small);
  const b = timeClustering(large);
  return { cluster_10k_s: a, cluster_100k_s: b, cluster_growth: b / a };
}
