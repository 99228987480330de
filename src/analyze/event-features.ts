import { splitSentences } from "../text/index.js";
import { datesIn, figuresIn } from "./event-dates.js";
import { type EventToken, eventTokens } from "./event-tokens.js";
import { STOPWORDS } from "./stopwords.js";

/**
 * What clustering compares: a text's terms with their field-weighted counts, and which of them
 * were written as proper names (specific evidence of who and where, unlike topic words).
 */
export type TermCounts = Map<string, number> & { readonly names?: ReadonlySet<string> };

/** The parts of an item clustering reads, each with how much it says about the event. */
export interface FeatureText {
  readonly title: string;
  readonly lead: string;
  readonly text: string;
  /** Canonical ids of specific lexicon entities in the item (bridges Vietnamese and English). */
  readonly entityIds: readonly string[];
  /** Canonical ids of recurring lexicon entities (countries, capitals): they bridge languages but anchor nothing. */
  readonly recurringIds?: readonly string[] | undefined;
  /** Name terms that recur across stories (heads of state): weighed as names, but no evidence of which event. */
  readonly recurringNames?: ReadonlySet<string> | undefined;
}

/** Tunable weights of the feature kinds (exported so the eval can sweep them). */
export interface FeatureWeights {
  readonly title: number;
  readonly lead: number;
  /**
   * Lead sentences after the first, relative to the first: news states the event first and
   * then the background (an earlier launch, the summit it may lead to), which other events share.
   */
  readonly leadRest: number;
  readonly body: number;
  /** Syllables of the body read: its start carries the event, the rest drifts into background. */
  readonly bodySyllables: number;
  /** A single syllable is ambiguous in Vietnamese; a pair approximates a word. */
  readonly unigram: number;
  /** A pair with one function syllable ("của Google") is half a word at best. */
  readonly functionPair: number;
  /** Proper names (capitalised syllables not opening a sentence) say who and where. */
  readonly name: number;
  readonly date: number;
  readonly figure: number;
  readonly entity: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = {
  title: 2,
  lead: 1.5,
  leadRest: 0.5,
  body: 1,
  bodySyllables: 1200,
  unigram: 0.5,
  functionPair: 0.5,
  name: 2,
  date: 3,
  figure: 1,
  entity: 1.5,
};

const add = (counts: TermCounts, term: string, w: number) => counts.set(term, (counts.get(term) ?? 0) + w);

/** A capitalised syllable is part of a name unless it merely opens a sentence ("Các", "Theo"). */
function isName(tokens: readonly EventToken[], i: number): boolean {
  const t = tokens[i]!;
  if (!t.capital) return false;
  if (!t.opensSentence) return true;
  const next = tokens[i + 1];
  return next?.joined === true && next.capital;
}

const isContent = (t: string) => !STOPWORDS.has(t) && !/^\d/.test(t);

/** Weight of the pair `t next` as a word (undefined when it is no word: punctuation between, a number, two function syllables). */
function pairWeight(t: string, next: EventToken | undefined, fw: FeatureWeights): number | undefined {
  if (next?.joined !== true || /^\d/.test(t) || /^\d/.test(next.folded)) return undefined;
  const content = [isContent(t), isContent(next.folded)];
  if (!content[0] && !content[1]) return undefined;
  return content[0] && content[1] ? 1 : fw.functionPair;
}

function addText(
  counts: TermCounts,
  names: Set<string>,
  recurring: ReadonlySet<string>,
  text: string,
  weight: number,
  limit: number,
  fw: FeatureWeights,
): void {
  const tokens = eventTokens(text, limit);
  let name = tokens.length > 0 && isName(tokens, 0);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.folded;
    const nextName = i + 1 < tokens.length && isName(tokens, i + 1);
    if (isContent(t)) {
      add(counts, `u:${t}`, weight * fw.unigram * (name ? fw.name : 1));
      if (name && !recurring.has(`u:${t}`)) names.add(`u:${t}`);
    }
    const next = tokens[i + 1];
    const pair = pairWeight(t, next, fw);
    if (pair !== undefined) {
      const term = `b:${t} ${next!.folded}`;
      add(counts, term, weight * pair * (name && nextName ? fw.name : 1));
      if (name && nextName && !recurring.has(term)) names.add(term);
    }
    name = nextName;
  }
  // Dates and figures only from the part of the text that was read.
  const end = tokens.length < limit ? text : text.slice(0, limit * 7);
  for (const d of datesIn(end)) add(counts, d, weight * fw.date);
  for (const f of figuresIn(end)) add(counts, f, weight * fw.figure);
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The name terms a phrase gives wherever it stands in a text (capitalised syllables and pairs of
 * them), to recognise a lexicon alias among an item's names.
 */
export function nameTerms(phrase: string): string[] {
  const tokens = eventTokens(phrase);
  const terms: string[] = [];
  tokens.forEach((t, i) => {
    if (!t.capital) return;
    if (isContent(t.folded)) terms.push(`u:${t.folded}`);
    const next = tokens[i + 1];
    if (next?.capital === true && pairWeight(t.folded, next, DEFAULT_FEATURE_WEIGHTS) !== undefined)
      terms.push(`b:${t.folded} ${next.folded}`);
  });
  return terms;
}

/**
 * Term counts of an item: syllables (u:) and pairs (b:), names among them, dates (d:), figures (#:),
 * and lexicon ids, specific (e:) and recurring (r:).
 */
export function eventFeatures(input: FeatureText, fw: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): TermCounts {
  const names = new Set<string>();
  const recurring = input.recurringNames ?? NONE;
  const counts: TermCounts = Object.assign(new Map<string, number>(), { names });
  addText(counts, names, recurring, input.title, fw.title, Number.POSITIVE_INFINITY, fw);
  splitSentences(input.lead).forEach((sentence, k) => {
    addText(counts, names, recurring, sentence, fw.lead * (k === 0 ? 1 : fw.leadRest), Number.POSITIVE_INFINITY, fw);
  });
  addText(counts, names, recurring, input.text.slice(0, fw.bodySyllables * 8), fw.body, fw.bodySyllables, fw);
  for (const id of input.entityIds) add(counts, `e:${id}`, fw.entity);
  for (const id of input.recurringIds ?? []) add(counts, `r:${id}`, fw.entity);
  return counts;
}
