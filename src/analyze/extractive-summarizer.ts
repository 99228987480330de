import { bigrams, normalizeText, splitSentences, syllables } from "../text/index.js";
import { cleanTitle } from "./headline.js";
import type { Summarizer, Summary, SummaryDoc, SummaryRequest } from "./summarizer.js";

/**
 * Page furniture, not news: headings of related-article boxes and navigation, wherever they sit
 * (as written, capitalised), and prompts that open a line. Words like "mới nhất" or "bình
 * luận" are ordinary inside a sentence ("vụ phóng mới nhất"), so those count only at the start.
 */
const FURNITURE_ANYWHERE =
  /(Tin liên quan|Bài viết cùng chủ đề|Cùng chuyên mục|Tin cùng chuyên mục|Bài đọc nhiều|Phiên bản di động|Trang chủ|Copyright|Bản quyền thuộc|Tải ứng dụng)/u;
const FURNITURE_START =
  /^(?:Tin liên quan|Đọc thêm|Xem thêm|Xem tiếp|Mới nhất|Chia sẻ|Bình luận|Đăng nhập|Theo dõi .{0,40}? trên|Liên hệ quảng cáo|Read more|Related|Sign up|Subscribe|Advertisement)/iu;
/** A photo or source credit in brackets: "(Ảnh: REUTERS)", "(Nguồn: Dreamstime)". */
const BRACKET_CREDIT = /\s*[([](?:Ảnh|Nguồn|Ảnh minh họa|Ảnh minh hoạ|Photo|Source|Video|Clip)\b[^)\]]{0,80}[)\]]/giu;
/** An unbracketed credit ending a caption: "… sáng nay - Ảnh: AFP". */
const INLINE_CREDIT = /(?:^|\s[-–—]\s|\s)(?:Ảnh|Nguồn|Photo)\s*:\s*/u;
/** "Theo vov.vn", "Nguồn: TTXVN" as the whole sentence. */
const SOURCE_LINE = /^(?:Theo|Nguồn|Source|According to)\s*:?\s*\S+(?:\s+\S+){0,4}\.?$/iu;

/** A caption before an inline credit is dropped, and the credit name after it (capitalised tokens). */
function dropInlineCredit(sentence: string): string {
  const match = INLINE_CREDIT.exec(sentence);
  if (match === null) return sentence;
  const rest = sentence.slice(match.index + match[0].length).split(/\s+/u);
  let i = 0;
  // Credit names are ALL-CAPS agencies ("AFP", "REUTERS", "TTXVN") or up to four capitalised words.
  while (i < rest.length && /^[\p{Lu}\p{N}./&]+[,;]?$/u.test(rest[i]!) && i < 6) i++;
  if (i === 0) while (i < rest.length && i < 4 && /^\p{Lu}/u.test(rest[i]!) && /^\p{Lu}/u.test(rest[i + 1] ?? "")) i++;
  return rest.slice(Math.max(i, 1)).join(" ");
}

/** The sentence as a reader should see it, or undefined when it is not news prose. */
export function cleanSentence(raw: string): string | undefined {
  let s = normalizeText(raw).replace(BRACKET_CREDIT, "");
  s = dropInlineCredit(s);
  s = cleanTitle(s);
  if (FURNITURE_ANYWHERE.test(s) || FURNITURE_START.test(s) || SOURCE_LINE.test(s)) return undefined;
  const words = s.split(" ");
  if (words.length < 6) return undefined;
  // Bylines and headline lists: mostly capitalised words and no verb-like lower-case run.
  const lower = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  if (lower / words.length < 0.35) return undefined;
  if (!/[\p{L}\p{N}"”’)…]$/u.test(s) && !/[.!?…]["”’)]?$/u.test(s)) return undefined;
  return s;
}

interface Candidate {
  readonly text: string;
  readonly docIndex: number;
  readonly position: number;
  readonly terms: readonly string[];
  readonly score: number;
}

/** Syllable pairs, plus single syllables marked with "#" so the two kinds never collide. */
function termsOf(text: string): string[] {
  const tokens = syllables(text);
  return [...new Set([...bigrams(tokens), ...tokens.map((t) => `#${t}`)])];
}

/**
 * Weight of each term: how many articles use it (minus a half, so one outlet's asides count
 * less than shared facts), doubled when a title uses it: titles name the event.
 */
function conceptWeights(docs: readonly SummaryDoc[], docsTerms: readonly (readonly string[])[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const terms of docsTerms) for (const t of new Set(terms)) weights.set(t, (weights.get(t) ?? 0) + 1);
  if (docs.length > 1) for (const [t, w] of weights) weights.set(t, w - 0.5);
  const titleTerms = new Set(docs.flatMap((d) => termsOf(d.title)));
  for (const [t, w] of weights) if (titleTerms.has(t)) weights.set(t, w * 2);
  return weights;
}

/**
 * Bonus by sentence position in its article. The first body sentences restate the sapo (the
 * outlet's teaser) with the names, numbers and places, so they edge it out; measured on
 * ktlab-dev (tuned on half the clusters, checked on the other half: scripts/eval/rouge.eval.ts).
 */
const POSITION_BONUS = [1.3, 1.5, 1.4, 1.3, 1.2, 1.1];

function candidatesOf(docs: readonly SummaryDoc[], lang: SummaryRequest["lang"]): Candidate[][] {
  const titles = new Set(docs.map((d) => cleanTitle(d.title).toLowerCase()));
  return docs.map((doc, docIndex) => {
    const out: Candidate[] = [];
    for (const raw of splitSentences(doc.text, lang)) {
      const text = cleanSentence(raw);
      // A headline repeated in the page body is not a sentence of the article.
      if (text === undefined || titles.has(text.toLowerCase().replace(/[.!?…]+$/u, ""))) continue;
      out.push({ text, docIndex, position: out.length, terms: termsOf(text), score: 0 });
    }
    return out;
  });
}

function coverage(chosen: readonly Candidate[], weights: ReadonlyMap<string, number>): number {
  const seen = new Set<string>();
  let total = 0;
  for (const c of chosen) {
    const bonus = POSITION_BONUS[c.position] ?? 1;
    for (const t of c.terms) {
      if (seen.has(t)) continue;
      seen.add(t);
      total += (weights.get(t) ?? 0) * bonus;
    }
  }
  return total;
}

/**
 * Two sentences with the same content (one outlet's "the US asked the Council to meet on the
 * launch", another's "at the US's request the Council met on the launch") make a summary that
 * says one thing twice: past this share of the shorter one's syllable pairs, the pair is refused.
 */
const SAME_CONTENT_SHARE = 0.5;

function sameContent(a: Candidate, b: Candidate): boolean {
  const pairs = (c: Candidate) => c.terms.filter((t) => !t.startsWith("#"));
  const [small, large] = [pairs(a), pairs(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (small.length === 0) return false;
  const other = new Set(large);
  return small.filter((t) => other.has(t)).length / small.length >= SAME_CONTENT_SHARE;
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, "")}…`;
}

/**
 * One or two sentences (at most `maxChars`) that best cover what the articles share: each
 * syllable pair weighs as many articles as use it, lead sentences get a bonus, and a pair of
 * sentences counts shared pairs once (so a second sentence must add something new) and is never
 * two sentences with the same content (see SAME_CONTENT_SHARE). Captions,
 * credits, bylines and page furniture never qualify. Deterministic: same input, same output.
 */
export function summarizeExtractive(req: SummaryRequest): Summary {
  const perDoc = candidatesOf(req.docs, req.lang);
  const weights = conceptWeights(
    req.docs,
    perDoc.map((cs) => cs.flatMap((c) => c.terms)),
  );
  const all = perDoc
    .flat()
    .map((c) => ({ ...c, score: coverage([c], weights) }))
    .sort((a, b) => b.score - a.score || a.position - b.position || a.docIndex - b.docIndex);
  if (all.length === 0) return fallbackSummary(req);
  const fitting = all.filter((c) => c.text.length <= req.maxChars).slice(0, 24);
  if (fitting.length === 0) return build([{ ...all[0]!, text: truncate(all[0]!.text, req.maxChars) }], req);
  let best: Candidate[] = [fitting[0]!];
  let bestScore = fitting[0]!.score;
  for (let i = 0; i < fitting.length; i++) {
    for (let j = i + 1; j < fitting.length; j++) {
      const a = fitting[i]!;
      const b = fitting[j]!;
      if (a.text.length + b.text.length + 1 > req.maxChars || sameContent(a, b)) continue;
      const score = coverage([a, b], weights);
      if (score > bestScore) {
        best = [a, b];
        bestScore = score;
      }
    }
  }
  return build(best, req);
}

function build(chosen: readonly Candidate[], req: SummaryRequest): Summary {
  // Earlier-in-article first: leads set the scene that later sentences build on.
  const ordered = [...chosen].sort((a, b) => {
    const ta = req.docs[a.docIndex]?.publishedAt ?? 0;
    const tb = req.docs[b.docIndex]?.publishedAt ?? 0;
    return a.position - b.position || ta - tb || a.docIndex - b.docIndex;
  });
  const citedIds = [...new Set(ordered.map((c) => req.docs[c.docIndex]!.id))];
  return { text: ordered.map((c) => c.text).join(" "), citedIds, method: "extractive" };
}

/** No prose sentence at all (a bare headline item): the first title stands in, truncated. */
function fallbackSummary(req: SummaryRequest): Summary {
  const doc = req.docs.find((d) => cleanTitle(d.title).length > 0);
  if (doc === undefined) return { text: "", citedIds: [], method: "extractive" };
  return { text: truncate(cleanTitle(doc.title), req.maxChars), citedIds: [doc.id], method: "extractive" };
}

/** The offline summarizer behind the common interface. */
export function createExtractiveSummarizer(): Summarizer {
  return { summarize: async (request) => summarizeExtractive(request) };
}
