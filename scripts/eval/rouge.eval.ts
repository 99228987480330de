/**
 * ROUGE-1/2/L F1 at syllable level (NFC, lower case, tokens = \w+ with Unicode) for the
 * extractive summarizer, beside two baselines of the same length computed in the same run:
 * the lead of the earliest article and the round-robin lead (first sentence of each article in
 * turn, then the second …). Data: the external ktlab-dev corpus (two human references per
 * cluster) and our own references for the seed articles (test/fixtures/summaries).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { summarizeExtractive } from "../../src/analyze/extractive-summarizer.js";
import type { SummaryDoc } from "../../src/analyze/summarizer.js";
import { normalizeParagraphs, normalizeText, splitSentences } from "../../src/text/index.js";
import { KTLAB_CLUSTERS } from "../../test/support/corpora.js";
import type { EvalReport } from "../eval.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const KTLAB_FILE = KTLAB_CLUSTERS;
const FIXTURE_DIR = join(ROOT, "test", "fixtures", "summaries");
const MAX_CHARS = 300;

/** One evaluation case: the articles of an event and the human summaries to compare with. */
export interface RougeCase {
  readonly id: string;
  readonly docs: readonly SummaryDoc[];
  readonly refs: readonly string[];
}

export interface RougeScores {
  readonly r1: number;
  readonly r2: number;
  readonly rl: number;
}

/** ROUGE tokens as docs/vietnamese.md defines them: NFC, lower case, \w+ with Unicode. */
export function rougeTokens(text: string): string[] {
  return (
    text
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}_]+/gu) ?? []
  );
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(" ");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function f1(overlap: number, candidate: number, reference: number): number {
  if (overlap === 0 || candidate === 0 || reference === 0) return 0;
  const p = overlap / candidate;
  const r = overlap / reference;
  return (2 * p * r) / (p + r);
}

function rougeN(cand: readonly string[], ref: readonly string[], n: number): number {
  const c = ngramCounts(cand, n);
  const r = ngramCounts(ref, n);
  let overlap = 0;
  for (const [k, v] of c) overlap += Math.min(v, r.get(k) ?? 0);
  return f1(overlap, Math.max(cand.length - n + 1, 0), Math.max(ref.length - n + 1, 0));
}

function lcs(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 0; j < b.length; j++) cur[j + 1] = x === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, cur[j]!);
    prev = cur;
  }
  return prev[b.length]!;
}

/** ROUGE F1 of one candidate against several references: the mean over references. */
export function rouge(candidate: string, refs: readonly string[]): RougeScores {
  const cand = rougeTokens(candidate);
  const scores = refs.map((refText) => {
    const ref = rougeTokens(refText);
    return { r1: rougeN(cand, ref, 1), r2: rougeN(cand, ref, 2), rl: f1(lcs(cand, ref), cand.length, ref.length) };
  });
  const mean = (k: keyof RougeScores) => scores.reduce((s, x) => s + x[k], 0) / Math.max(scores.length, 1);
  return { r1: mean("r1"), r2: mean("r2"), rl: mean("rl") };
}

/** Cut at a word boundary to at most `chars` characters, so baselines match our length. */
function cutTo(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.slice(0, chars);
  const space = cut.lastIndexOf(" ");
  return space > 0 ? cut.slice(0, space) : cut;
}

function byTime(docs: readonly SummaryDoc[]): SummaryDoc[] {
  return [...docs].sort((a, b) => (a.publishedAt ?? 0) - (b.publishedAt ?? 0));
}

/** The first sentences of the earliest article. */
export function leadBaseline(docs: readonly SummaryDoc[], chars: number): string {
  const first = byTime(docs)[0];
  return cutTo(splitSentences(first?.text ?? "").join(" "), chars);
}

/** First sentence of each article in turn (earliest first), then the second, and so on. */
export function roundRobinBaseline(docs: readonly SummaryDoc[], chars: number): string {
  const sentences = byTime(docs).map((d) => splitSentences(d.text));
  const out: string[] = [];
  const longest = Math.max(0, ...sentences.map((s) => s.length));
  for (let i = 0; i < longest && out.join(" ").length < chars; i++) {
    for (const s of sentences) if (s[i] !== undefined) out.push(s[i]!);
  }
  return cutTo(out.join(" "), chars);
}

function parseVietnameseTime(time: string): number | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})/.exec(time);
  return m === null ? undefined : Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!, +m[4]!, +m[5]!);
}

interface KtlabCluster {
  cluster: number;
  docs: { id: string; title: string; sapo: string; time: string; link: string; body: string }[];
  refs: string[];
}

/** The ktlab-dev clusters as evaluation cases (docs text = sapo + body), or [] when absent. */
export function loadKtlabCases(): RougeCase[] {
  if (!existsSync(KTLAB_FILE)) return [];
  return readFileSync(KTLAB_FILE, "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((line) => {
      const c = JSON.parse(line) as KtlabCluster;
      const docs = c.docs.map((d) => ({
        id: d.id,
        title: normalizeText(d.title),
        text: normalizeParagraphs(`${d.sapo} ${d.body}`),
        source: new URL(d.link).pathname.split("/")[3],
        publishedAt: parseVietnameseTime(d.time),
      }));
      return { id: String(c.cluster), docs, refs: c.refs.map(normalizeText) };
    });
}

interface SeedFixture {
  id: string;
  docs: { id: string; title: string; text: string }[];
  refs: string[];
}

/** Our reference summaries for events in the seed articles (test/fixtures/summaries/*.json). */
export function loadSeedCases(): RougeCase[] {
  if (!existsSync(FIXTURE_DIR)) return [];
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURE_DIR, f), "utf8")) as SeedFixture)
    .map((s) => ({
      id: s.id,
      docs: s.docs.map((d) => ({ id: d.id, title: normalizeText(d.title), text: normalizeParagraphs(d.text) })),
      refs: s.refs.map(normalizeText),
    }));
}

export interface RougeTable {
  readonly cases: number;
  readonly ours: RougeScores;
  readonly lead: RougeScores;
  readonly roundRobin: RougeScores;
  readonly meanChars: number;
}

/** Scores our summarizer and both baselines (cut to our length, case by case) on the same cases. */
export function scoreCases(cases: readonly RougeCase[], maxChars = MAX_CHARS): RougeTable {
  const sum = { ours: [0, 0, 0], lead: [0, 0, 0], roundRobin: [0, 0, 0] };
  let chars = 0;
  const add = (into: number[], s: RougeScores) => {
    into[0]! += s.r1;
    into[1]! += s.r2;
    into[2]! += s.rl;
  };
  for (const c of cases) {
    const summary = summarizeExtractive({ docs: c.docs, lang: "vi", maxChars }).text;
    chars += summary.length;
    add(sum.ours, rouge(summary, c.refs));
    add(sum.lead, rouge(leadBaseline(c.docs, summary.length), c.refs));
    add(sum.roundRobin, rouge(roundRobinBaseline(c.docs, summary.length), c.refs));
  }
  const n = Math.max(cases.length, 1);
  const mean = (v: number[]) => ({ r1: v[0]! / n, r2: v[1]! / n, rl: v[2]! / n });
  return {
    cases: cases.length,
    ours: mean(sum.ours),
    lead: mean(sum.lead),
    roundRobin: mean(sum.roundRobin),
    meanChars: chars / n,
  };
}

function line(name: string, s: RougeScores): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  return `  ${name.padEnd(22)} R1 ${pct(s.r1)}  R2 ${pct(s.r2)}  RL ${pct(s.rl)}`;
}

function describeTable(title: string, t: RougeTable): string[] {
  if (t.cases === 0) return [`${title}: data absent, skipped`];
  const gain = t.lead.r2 > 0 ? ((t.ours.r2 / t.lead.r2 - 1) * 100).toFixed(1) : "n/a";
  return [
    `${title}: ${t.cases} cases, mean summary ${t.meanChars.toFixed(0)} chars (max ${MAX_CHARS})`,
    line("extractive (ours)", t.ours),
    line("lead (earliest)", t.lead),
    line("round-robin lead", t.roundRobin),
    `  ROUGE-2 vs lead: ${gain}%`,
  ];
}

export async function evaluate(): Promise<EvalReport> {
  const ktlab = scoreCases(loadKtlabCases());
  const seeds = scoreCases(loadSeedCases());
  return {
    title: "Summaries: ROUGE F1 (syllables), ours vs same-length baselines",
    lines: [...describeTable("ktlab-dev", ktlab), ...describeTable("seed references", seeds)],
    metrics: {
      rouge_ktlab_r1: ktlab.ours.r1,
      rouge_ktlab_r2: ktlab.ours.r2,
      rouge_ktlab_rl: ktlab.ours.rl,
      rouge_ktlab_lead_r2: ktlab.lead.r2,
      rouge_ktlab_rr_r2: ktlab.roundRobin.r2,
      rouge_seed_r2: seeds.ours.r2,
      rouge_seed_lead_r2: seeds.lead.r2,
    },
  };
}
