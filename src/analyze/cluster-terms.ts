/**
 * The kinds of term clustering compares, by prefix. Words and pairs are language-bound; the
 * rest (concepts of the bilingual lexicon, dates, figures) read the same in Vietnamese and
 * English, and so do proper names written in Latin letters ("Hwasong", "Choe Son Hui").
 */
export const TERM = {
  /** A syllable (Vietnamese) or word (English): `u:tên`. */
  word: "u:",
  /** Two adjacent syllables or words: `b:ten lua`. */
  pair: "b:",
  /** A day and month: `d:27-4`. */
  date: "d:",
  /** A number of two digits or more: `#:600`. */
  figure: "#:",
  /** A year: `y:2019`. */
  year: "y:",
  /** A specific concept, evidence of the event: `e:hwasong-19`. */
  specific: "e:",
  /** A recurring concept (a country, a president): weighs, anchors nothing. */
  recurring: "r:",
  /** A generic concept (launch, summit): weighs like a word, anchors nothing. */
  generic: "g:",
} as const;

const LANGUAGE_FREE = [TERM.date, TERM.figure, TERM.year, TERM.specific, TERM.recurring, TERM.generic];

/** Whether a term reads the same in both languages: compared across a language pair. */
export function isLanguageFree(term: string, names: ReadonlySet<string> | undefined): boolean {
  return LANGUAGE_FREE.some((p) => term.startsWith(p)) || names?.has(term) === true;
}

/** A term that names who, where or what (a specific concept or a proper name), not when or how many. */
export function namesSomething(term: string): boolean {
  return term.startsWith(TERM.specific) || term.startsWith(TERM.word) || term.startsWith(TERM.pair);
}

/**
 * Kinds of term that can name one event: dates, figures, specific concepts, and proper names
 * other than countries (`isCountryName`). Recurring and generic concepts weigh but anchor nothing.
 */
export function isAnchorKind(
  term: string,
  names: ReadonlySet<string> | undefined,
  isCountryName: (term: string) => boolean,
): boolean {
  if (term.startsWith(TERM.date) || term.startsWith(TERM.figure) || term.startsWith(TERM.specific)) return true;
  return names?.has(term) === true && !isCountryName(term);
}
