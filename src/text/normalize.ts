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

/** A character an old-style pair starts with; text without one (most of it) skips OLD_STYLE. */
const OLD_STYLE_START = /[òóỏõọùúủũụÒÓỎÕỌÙÚỦŨỤ]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is the whole range
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * The comparison form: NFC plus one tone-mark convention, so the same word always becomes the
 * same string. For matching, search, dedupe and clustering only: what a reader sees keeps the
 * outlet's own spelling ({@link normalizeText}), since a journalist quoting a headline needs the
 * words the outlet printed.
 */
export function normalizeVietnamese(s: string): string {
  if (ASCII.test(s)) return s;
  const nfc = s.normalize("NFC");
  return OLD_STYLE_START.test(nfc) ? nfc.replace(OLD_STYLE, toNewStyle) : nfc;
}

/** Control characters and zero-width marks that feeds leak into titles. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g;

const HAS_INVISIBLE = new RegExp(INVISIBLE.source);

function withoutInvisible(s: string): string {
  return HAS_INVISIBLE.test(s) ? s.replace(INVISIBLE, "") : s;
}

/** Whitespace the collapse would change: anything but a space, or two in a row. Most titles and leads have none. */
const IRREGULAR_SPACE = /[^\S ]| {2}/;

/** NFC, without the cost of normalising the ASCII most English text is. */
function nfc(s: string): string {
  return ASCII.test(s) ? s : s.normalize("NFC");
}

/**
 * Normalise text for storage and display: NFC (about 5% of crawled Vietnamese arrives
 * decomposed), invisible characters out, whitespace collapsed. Tone-mark style stays as the
 * outlet wrote it ("hòa" stays "hòa"); comparisons go through {@link normalizeVietnamese}.
 */
export function normalizeText(s: string): string {
  const visible = withoutInvisible(nfc(s));
  return (IRREGULAR_SPACE.test(visible) ? visible.replace(/\s+/gu, " ") : visible).trim();
}

/** Like normalizeText, but keeps paragraph breaks (blank-line separated) for article bodies. */
export function normalizeParagraphs(s: string): string {
  return withoutInvisible(nfc(s))
    .split(/\n\s*\n|\r\n\s*\r\n/u)
    .map((p) => p.replace(/\s+/gu, " ").trim())
    .filter((p) => p.length > 0)
    .join("\n\n");
}
