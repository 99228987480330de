import { foldDiacritics, normalizeVietnamese } from "../text/index.js";
import type { EntityDefinition } from "./lexicon.js";

const SYLLABLE = /[\p{L}\p{N}]+/gu;

/** One syllable of the text in the three forms matching needs. */
interface Token {
  readonly raw: string;
  readonly lower: string;
  readonly folded: string;
}

/** An entity found in a text: which one, through which alias, at which syllable. */
export interface TermHit {
  readonly entity: EntityDefinition;
  readonly alias: string;
  readonly position: number;
}

interface Pattern {
  readonly entity: EntityDefinition;
  readonly alias: string;
  readonly folded: readonly string[];
  /** One-syllable aliases are ambiguous once folded ("han" is Hàn and hạn): they match as written. */
  readonly exact?: { readonly form: string; readonly caseSensitive: boolean } | undefined;
}

function tokenize(text: string): Token[] {
  const raw = normalizeVietnamese(text).match(SYLLABLE) ?? [];
  return raw.map((r) => ({ raw: r, lower: r.toLowerCase(), folded: foldDiacritics(r) }));
}

/**
 * Finds lexicon entities in text, longest alias first, at syllable boundaries. Where two aliases
 * overlap, the longer one is read ("ông Kim" + "Kim Sung-han" is Kim Sung-han).
 */
export interface TermMatcher {
  match(text: string): TermHit[];
}

/** Compile the aliases of `entities` into a matcher; later entities never shadow a longer alias. */
export function createTermMatcher(entities: readonly EntityDefinition[]): TermMatcher {
  const byFirst = new Map<string, Pattern[]>();
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      const tokens = tokenize(alias);
      const first = tokens[0];
      if (first === undefined) continue;
      const exact =
        tokens.length === 1
          ? { form: first.raw === first.lower ? first.lower : first.raw, caseSensitive: first.raw !== first.lower }
          : undefined;
      const pattern: Pattern = { entity, alias, folded: tokens.map((t) => t.folded), exact };
      const list = byFirst.get(first.folded) ?? [];
      list.push(pattern);
      byFirst.set(first.folded, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.folded.length - a.folded.length);

  const matchesAt = (tokens: readonly Token[], i: number, p: Pattern): boolean => {
    if (p.exact !== undefined) {
      const t = tokens[i]!;
      return p.exact.caseSensitive ? t.raw === p.exact.form : t.lower === p.exact.form;
    }
    if (i + p.folded.length > tokens.length) return false;
    for (let k = 0; k < p.folded.length; k++) if (tokens[i + k]!.folded !== p.folded[k]) return false;
    return true;
  };

  const longestAt = (tokens: readonly Token[], i: number): Pattern | undefined =>
    byFirst.get(tokens[i]!.folded)?.find((p) => matchesAt(tokens, i, p));

  return {
    match(text) {
      const tokens = tokenize(text);
      const hits: TermHit[] = [];
      let i = 0;
      while (i < tokens.length) {
        const found = longestAt(tokens, i);
        if (found === undefined) {
          i++;
          continue;
        }
        const end = i + found.folded.length;
        // A longer alias starting inside this one wins: in "ông Kim Sung-han" the honorific "ông Kim"
        // yields to the full name, so a title before a name never stands for someone else.
        let overtaken = false;
        for (let j = i + 1; j < end && !overtaken; j++) {
          const inner = longestAt(tokens, j);
          overtaken = inner !== undefined && j + inner.folded.length > end && inner.folded.length > found.folded.length;
        }
        if (overtaken) {
          i++;
          continue;
        }
        hits.push({ entity: found.entity, alias: found.alias, position: i });
        i = end;
      }
      return hits;
    },
  };
}
