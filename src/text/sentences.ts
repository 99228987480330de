import type { Lang } from "../domain/index.js";

/**
 * Abbreviations that end in a dot but do not end a sentence, matched on the word before the
 * dot (case-sensitive where Vietnamese uses case: "TP." is a city, "tp." is not a thing).
 * Vietnamese ones are counted in docs/vietnamese.md; English ones are the usual titles.
 */
const ABBREVIATIONS = new Set([
  // Vietnamese administrative units, titles and degrees.
  "TP",
  "Tp",
  "Q",
  "P",
  "TT",
  "GS",
  "PGS",
  "TS",
  "ThS",
  "Th.S",
  "BS",
  "KS",
  "NSƯT",
  "NSND",
  "T.Ư",
  "TW",
  "TX",
  "PV",
  "Tr",
  "tr",
  "St",
  // English.
  "Mr",
  "Mrs",
  "Ms",
  "Dr",
  "Prof",
  "Sr",
  "Jr",
  "Gen",
  "Lt",
  "Col",
  "Sen",
  "Rep",
  "Gov",
  "Pres",
  "No",
  "Nos",
  "vs",
  "etc",
  "e.g",
  "i.e",
  "U.S",
  "U.K",
  "U.N",
  "D.C",
  "Inc",
  "Corp",
  "Co",
  "Ltd",
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Sept",
  "Oct",
  "Nov",
  "Dec",
]);

/** Closing quotes and brackets that belong to the sentence they follow. */
const CLOSERS = "\"'”’»)]";
/** What may open a new sentence: a capital, a digit, an opening quote or bracket. */
const OPENER = /[\p{Lu}\p{N}"'“‘«([]/u;
/** End punctuation runs: ".", "!", "?", "…", "...", "?!" and the like. */
const END_RUN = /[.!?…]+/gu;

/** The word (letters, digits, dots, apostrophes) that ends right before index `end`. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && /[\p{L}\p{M}\p{N}.'’]/u.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

/** Whether a single dot after `word` is an abbreviation or an initial rather than a full stop. */
function isAbbreviation(word: string): boolean {
  if (word.length === 0) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // Chains: "PGS.TS." ends in a title, "U.S.A." is all initials; "TP.HCM." ends a sentence.
  const parts = word.split(".").filter((p) => p.length > 0);
  if (parts.length > 1 && ABBREVIATIONS.has(parts[parts.length - 1]!)) return true;
  if (parts.length > 1 && parts.every((p) => /^\p{Lu}$/u.test(p))) return true;
  // One capital letter is an initial ("ông Nguyễn Văn H.", "John F. Kennedy").
  return /^\p{Lu}$/u.test(word);
}

/**
 * Sentences of a Vietnamese (or English) text, trimmed, in order. Splits after ".", "!", "?",
 * "…" (with any closing quotes) when whitespace and a sentence opener follow, and at line
 * breaks; keeps abbreviations ("TP. Đà Nẵng", "PGS.TS"), initials, dotted numbers (105.000,
 * 22.10), decimals (5,3 / 5.3) and dates (2/10, 5-10) inside their sentence. `Intl.Segmenter`
 * splits "TAND TP. | Đà Nẵng", which is why this exists.
 */
export function splitSentences(text: string, _lang: Lang = "vi"): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n+/u)) splitParagraph(paragraph, out);
  return out;
}

function splitParagraph(paragraph: string, out: string[]): void {
  let start = 0;
  for (const match of paragraph.matchAll(END_RUN)) {
    const punct = match[0];
    let end = match.index + punct.length;
    while (end < paragraph.length && CLOSERS.includes(paragraph[end]!)) end++;
    const gap = /^\s+/u.exec(paragraph.slice(end));
    if (gap === null) continue;
    const next = paragraph[end + gap[0].length];
    if (next === undefined || !OPENER.test(next)) continue;
    if (punct === "." && end === match.index + 1 && isAbbreviation(wordBefore(paragraph, match.index))) continue;
    push(out, paragraph.slice(start, end));
    start = end + gap[0].length;
  }
  push(out, paragraph.slice(start));
}

function push(out: string[], sentence: string): void {
  const trimmed = sentence.trim();
  if (trimmed.length > 0) out.push(trimmed);
}
