import { normalizeVietnamese } from "./normalize.js";

/**
 * Diacritic-insensitive key: "Triều Tiên" and "trieu tien" fold to the same string.
 * NFD drops tone and vowel marks, but đ (U+0111) does not decompose, so it is mapped by hand.
 */
export function foldDiacritics(s: string): string {
  return normalizeVietnamese(s)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}
