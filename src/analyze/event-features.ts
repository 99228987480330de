import { foldedSyllables } from "../text/index.js";
import { STOPWORDS } from "./stopwords.js";

/** What clustering compares: a text's terms with their field-weighted counts. */
export type TermCounts = Map<string, number>;

/** The parts of an item clustering reads, each with how much it says about the event. */
export interface FeatureText {
  readonly title: string;
  readonly lead: string;
  readonly text: string;
  /** Canonical lexicon ids found in the item (bridges Vietnamese and English). */
  readonly entityIds: readonly string[];
}

const TITLE = 2;
const LEAD = 1.5;
const BODY = 1;
/** The start of the body carries the event; the rest drifts into background and boilerplate. */
const BODY_CHARS = 1500;
const ENTITY = 1.5;
/** Dates such as 5/10, 5-10, 4.10 (day and month) name the event's day across outlets. */
const DAY_MONTH = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?![\d/])/g;

function addText(counts: TermCounts, text: string, weight: number): void {
  const tokens = foldedSyllables(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Numbers are noise (105.000 → 105, 000) except years, which date the story.
    const content = !STOPWORDS.has(t) && (!/^\d+$/.test(t) || /^(19|20)\d\d$/.test(t));
    // Vietnamese syllables are ambiguous alone; a syllable pair approximates a word.
    if (content) counts.set(`u:${t}`, (counts.get(`u:${t}`) ?? 0) + weight * 0.5);
    const next = tokens[i + 1];
    if (next !== undefined && (content || !STOPWORDS.has(next)) && !(STOPWORDS.has(t) && STOPWORDS.has(next))) {
      counts.set(`b:${t} ${next}`, (counts.get(`b:${t} ${next}`) ?? 0) + weight);
    }
  }
  for (const m of text.matchAll(DAY_MONTH)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
      counts.set(`d:${day}/${month}`, (counts.get(`d:${day}/${month}`) ?? 0) + weight);
    }
  }
}

/** Term counts of an item: syllables, syllable pairs, day/month dates and lexicon entity ids. */
export function eventFeatures(input: FeatureText): TermCounts {
  const counts: TermCounts = new Map();
  addText(counts, input.title, TITLE);
  addText(counts, input.lead, LEAD);
  addText(counts, input.text.slice(0, BODY_CHARS), BODY);
  for (const id of input.entityIds) counts.set(`e:${id}`, (counts.get(`e:${id}`) ?? 0) + ENTITY);
  return counts;
}
