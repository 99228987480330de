import { foldDiacritics } from "../text/index.js";

/** What a generated summary claims that its sources do not say. */
export type GroundingResult = { readonly ok: true } | { readonly ok: false; readonly unsupported: readonly string[] };

/** Numbers and dates as written in Vietnamese and English news: 105.000, 5,3, 27-28/2, 5/10/2019. */
const NUMBER = /\d+(?:[.,/-]\d+)*/gu;
/** Runs of capitalised words: names of people, places, bodies ("Stephen Biegun", "Kim Jong-un"). */
const NAME_RUN = /\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*/gu;

function digitsOf(n: string): string {
  return n.replace(/[.,]/g, "");
}

/** Every number token, its digits alone, and each of its parts ("27-28/2" → 27, 28, 2). */
function numbersIn(text: string): Set<string> {
  return new Set((text.match(NUMBER) ?? []).flatMap((n) => [n, digitsOf(n), ...n.split(/[/-]/)]));
}

/** A number is supported when the sources have it whole, or have each of its date parts. */
function isSupported(n: string, known: ReadonlySet<string>): boolean {
  return known.has(n) || known.has(digitsOf(n)) || n.split(/[/-]/).every((part) => known.has(part));
}

/** Words that open sentences or are capitalised by convention, not names. */
function isSentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index).trimEnd();
  return before === "" || /[.!?:…"“”]$/u.test(before);
}

/**
 * Checks that every number and every name in `summary` appears in the sources. An LLM that
 * invents a date, a figure or a person fails here, and the caller falls back to extraction.
 * Names compare on folded text ("Bình Nhưỡng" = "Binh Nhuong"); a sentence's first word alone
 * is not treated as a name, since Vietnamese capitalises it whatever it is.
 */
export function checkGrounding(summary: string, sources: readonly string[]): GroundingResult {
  const sourceText = sources.join("\n");
  const sourceNumbers = numbersIn(sourceText);
  const folded = ` ${foldDiacritics(sourceText).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  const unsupported: string[] = [];
  for (const n of summary.match(NUMBER) ?? []) {
    if (!isSupported(n, sourceNumbers)) unsupported.push(n);
  }
  for (const match of summary.matchAll(NAME_RUN)) {
    let words = match[0].split(/\s+/u);
    if (isSentenceStart(summary, match.index)) words = words.slice(1);
    if (words.length === 0) continue;
    const key = foldDiacritics(words.join(" "))
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
    if (key !== "" && !folded.includes(` ${key} `)) unsupported.push(words.join(" "));
  }
  return unsupported.length === 0 ? { ok: true } : { ok: false, unsupported: [...new Set(unsupported)] };
}
