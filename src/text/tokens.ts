import { foldDiacritics } from "./fold.js";
import { normalizeVietnamese } from "./normalize.js";

const SYLLABLE = /[\p{L}\p{N}]+/gu;

/** Lower-cased NFC syllables (Vietnamese words are one to three space-separated syllables). */
export function syllables(s: string): string[] {
  return normalizeVietnamese(s).toLowerCase().match(SYLLABLE) ?? [];
}

/** Folded syllables: no diacritics, đ→d, lower case. Hyphens and punctuation split ("Jong-un" → "jong", "un"). */
export function foldedSyllables(s: string): string[] {
  return foldDiacritics(s).match(SYLLABLE) ?? [];
}

/** Adjacent pairs joined by a space: syllable bigrams stand in for Vietnamese word segmentation. */
export function bigrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}
