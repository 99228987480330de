import type { Concept, Lang } from "../domain/index.js";
import { normalizeVietnamese } from "../text/index.js";

/**
 * A syllable as the concept matcher compares it: the comparison form (NFC, one tone-mark style)
 * lower-cased, and as written. Callers tokenise once and pass these in, so the spans found line
 * up with their own tokens.
 */
export interface MatchToken {
  /** Comparison form, lower case: "hoà", "kim", "jong". */
  readonly lower: string;
  /** As written, in the comparison form: "Hàn", "US". */
  readonly raw: string;
}

/** A concept found in a text: which one, over which tokens (end exclusive). */
export interface ConceptHit {
  readonly concept: Concept;
  readonly start: number;
  readonly end: number;
}

interface Pattern {
  readonly concept: Concept;
  readonly tokens: readonly string[];
  /** A one-syllable spelling with capitals is matched as written ("US" not "us", "Hàn" not "hàn"). */
  readonly exact: string | undefined;
}

/** Finds lexicon concepts in a token sequence, longest spelling first, in one language's spellings or both. */
export interface ConceptMatcher {
  /** Concepts of at most `maxTokens` syllables each (to look inside a longer one's span). */
  match(tokens: readonly MatchToken[], lang?: Lang, maxTokens?: number): ConceptHit[];
}

const SYLLABLE = /[\p{L}\p{N}]+/gu;

/**
 * Spellings are compared in the comparison form with their diacritics, not folded: news is
 * written with them, and folding makes different words one ("vệ tinh" satellite, "về tình").
 * A report is read with the spellings of its own language (English "ban" is not the Vietnamese
 * syllable of "ban hành"); a text of unknown language with both.
 */
export function createConceptMatcher(concepts: readonly Concept[]): ConceptMatcher {
  const byLang: Record<Lang, Map<string, Pattern[]>> = { vi: new Map(), en: new Map() };
  for (const concept of concepts) {
    for (const lang of ["vi", "en"] as const) {
      for (const spelling of concept[lang]) {
        const raw = normalizeVietnamese(spelling).match(SYLLABLE) ?? [];
        const first = raw[0];
        if (first === undefined) continue;
        const tokens = raw.map((t) => t.toLowerCase());
        const exact = raw.length === 1 && first !== first.toLowerCase() ? first : undefined;
        const list = byLang[lang].get(tokens[0]!) ?? [];
        if (!list.some((p) => p.concept === concept && p.tokens.join(" ") === tokens.join(" "))) {
          list.push({ concept, tokens, exact });
        }
        byLang[lang].set(tokens[0]!, list);
      }
    }
  }
  for (const index of Object.values(byLang)) {
    for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  const matchesAt = (tokens: readonly MatchToken[], i: number, p: Pattern): boolean => {
    if (p.exact !== undefined) return tokens[i]!.raw === p.exact;
    if (i + p.tokens.length > tokens.length) return false;
    for (let k = 0; k < p.tokens.length; k++) if (tokens[i + k]!.lower !== p.tokens[k]) return false;
    return true;
  };
  const longest = (
    tokens: readonly MatchToken[],
    i: number,
    lang: Lang | undefined,
    maxTokens: number,
  ): Pattern | undefined => {
    const langs = lang === undefined ? (["vi", "en"] as const) : [lang];
    let best: Pattern | undefined;
    for (const l of langs) {
      const found = byLang[l]
        .get(tokens[i]!.lower)
        ?.find((p) => p.tokens.length <= maxTokens && matchesAt(tokens, i, p));
      if (found !== undefined && (best === undefined || found.tokens.length > best.tokens.length)) best = found;
    }
    return best;
  };

  // A title and a full name that overlap are one mention: "President Moon Jae-in" is the title
  // spelling "President Moon" and the name "Moon Jae-in". Read as the title alone, the rest of the
  // name ("Jae in") is left over as words that join every story of the man.
  const spanOf = (
    tokens: readonly MatchToken[],
    i: number,
    found: Pattern,
    lang: Lang | undefined,
    maxTokens: number,
  ): number => {
    let end = i + found.tokens.length;
    for (let j = i + 1; j < end; j++) {
      const longer = longest(tokens, j, lang, maxTokens - (j - i));
      if (longer?.concept === found.concept) end = Math.max(end, j + longer.tokens.length);
    }
    return end;
  };

  return {
    match(tokens, lang, maxTokens = Number.POSITIVE_INFINITY) {
      const hits: ConceptHit[] = [];
      let i = 0;
      while (i < tokens.length) {
        const found = longest(tokens, i, lang, maxTokens);
        if (found === undefined) {
          i++;
          continue;
        }
        const end = spanOf(tokens, i, found, lang, maxTokens);
        hits.push({ concept: found.concept, start: i, end });
        i = end;
      }
      return hits;
    },
  };
}
