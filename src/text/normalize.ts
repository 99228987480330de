/**
 * Old-style tone placement ("hòa", mark on the first vowel) mapped to the new style
 * ("hoà") that VNDS and most current outlets use. Only at the end of a syllable: with a
 * final consonant ("hoàn", "tuyển") both styles agree, so nothing else is touched.
 */
const OLD_TO_NEW: Readonly<Record<string, string>> = {
  òa: "oà",
  óa: "oá",
  ỏa: "oả",
  õa: "oã",
  ọa: "oạ",
  òe: "oè",
  óe: "oé",
  ỏe: "oẻ",
  õe: "oẽ",
  ọe: "oẹ",
  ùy: "uỳ",
  úy: "uý",
  ủy: "uỷ",
  ũy: "uỹ",
  ụy: "uỵ",
};

const OLD_STYLE = new RegExp(
  `(${Object.keys(OLD_TO_NEW)
    .flatMap((k) => [k, k.toUpperCase(), k[0]!.toUpperCase() + k[1]])
    .join("|")})(?![\\p{L}\\p{M}])`,
  "gu",
);

function toNewStyle(pair: string): string {
  const lower = pair.toLowerCase();
  const mapped = OLD_TO_NEW[lower];
  if (mapped === undefined) return pair;
  // Keep the case of each letter in place.
  return [...mapped].map((ch, i) => (pair[i] === pair[i]!.toLowerCase() ? ch : ch.toUpperCase())).join("");
}

/** NFC plus one tone-mark convention: the same word always becomes the same string. */
export function normalizeVietnamese(s: string): string {
  return s.normalize("NFC").replace(OLD_STYLE, toNewStyle);
}

/** Control characters and zero-width marks that feeds leak into titles. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g;

/** Normalise text for storage and display: Vietnamese normalisation, invisible characters out, whitespace collapsed. */
export function normalizeText(s: string): string {
  return normalizeVietnamese(s).replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
}

/** Like normalizeText, but keeps paragraph breaks (blank-line separated) for article bodies. */
export function normalizeParagraphs(s: string): string {
  return normalizeVietnamese(s)
    .replace(INVISIBLE, "")
    .split(/\n\s*\n|\r\n\s*\r\n/u)
    .map((p) => p.replace(/\s+/gu, " ").trim())
    .filter((p) => p.length > 0)
    .join("\n\n");
}
