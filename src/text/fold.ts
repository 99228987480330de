/**
 * The fold by definition: NFD, every combining mark out, đ→d, lower case. Tone placement
 * ("hòa"/"hoà") and NFC need no pass of their own: both only move or compose marks that
 * NFD splits off and this drops.
 */
function foldSlow(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/**
 * Per-character folds of the Latin blocks Vietnamese and European text use (U+0000–U+036F,
 * U+1E00–U+1EFF). Folding there is one character at a time: no character of these blocks
 * lower-cases by its context (that is Greek final sigma), and a mark folds to nothing alone
 * as after its base letter. Strings with anything else take foldSlow.
 */
const LATIN_END = 0x0370;
const EXTENDED_START = 0x1e00;
const EXTENDED_END = 0x1f00;
const LATIN = Array.from({ length: LATIN_END }, (_, c) => foldSlow(String.fromCharCode(c)));
const EXTENDED = Array.from({ length: EXTENDED_END - EXTENDED_START }, (_, c) =>
  foldSlow(String.fromCharCode(EXTENDED_START + c)),
);
// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is the whole range
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * Diacritic-insensitive key: "Triều Tiên" and "trieu tien" fold to the same string.
 * NFD drops tone and vowel marks, but đ (U+0111) does not decompose, so it is mapped by hand.
 * Ingest folds every title and lead, so the common cases (ASCII, Latin letters) skip ICU.
 */
export function foldDiacritics(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < LATIN_END) out += LATIN[c];
    else if (c >= EXTENDED_START && c < EXTENDED_END) out += EXTENDED[c - EXTENDED_START];
    else return foldSlow(s);
  }
  return out;
}
