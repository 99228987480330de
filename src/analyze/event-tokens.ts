import { foldDiacritics, normalizeVietnamese } from "../text/index.js";

/** A syllable as clustering reads it: folded form, whether it was written capitalised, and what precedes it. */
export interface EventToken {
  /** Folded: no diacritics, đ→d, lower case. */
  readonly folded: string;
  /** As written, in the comparison form (NFC, one tone-mark style): the concept matcher reads it. */
  readonly raw: string;
  /** `raw` in lower case. */
  readonly lower: string;
  /** Written with a capital first letter (a proper-name syllable unless it opens a sentence). */
  readonly capital: boolean;
  /** Only spaces or one hyphen separate it from the previous token (no punctuation between). */
  readonly joined: boolean;
  /** First token of the text or of a sentence. */
  readonly opensSentence: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
const SENTENCE_END = /[.!?:;…\n"“”'‘’()[\]]/u;

/**
 * Folding is the costly step and news has a small syllable vocabulary, so folded forms are
 * remembered (bounded, and a pure function of the syllable, so results never depend on history).
 */
const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 100_000;

function fold(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    f = foldDiacritics(word);
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    foldCache.set(word, f);
  }
  return f;
}

/** The first `limit` syllables of a text with their case and the punctuation around them. */
export function eventTokens(text: string, limit = Number.POSITIVE_INFINITY): EventToken[] {
  const out: EventToken[] = [];
  const normalized = normalizeVietnamese(text);
  let end = 0;
  for (const m of normalized.matchAll(WORD)) {
    if (out.length >= limit) break;
    const word = m[0];
    const gap = normalized.slice(end, m.index);
    end = m.index + word.length;
    const first = word[0]!;
    out.push({
      folded: fold(word),
      raw: word,
      lower: word.toLowerCase(),
      capital: first !== first.toLowerCase(),
      joined: out.length > 0 && (/^\s+$/u.test(gap) || gap === "-"),
      opensSentence: out.length === 0 || SENTENCE_END.test(gap),
    });
  }
  return out;
}
