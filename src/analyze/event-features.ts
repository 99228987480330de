import type { ConceptRole, Lang } from "../domain/index.js";
import { splitSentences } from "../text/index.js";
import type { ConceptHit, ConceptMatcher } from "./concept-matcher.js";
import { datesIn, figuresIn, referenceDatesIn, weekdayDatesIn } from "./event-dates.js";
import { reportStatements, type Statement, statementsIn, tellsReaction } from "./event-statements.js";
import { type EventToken, eventTokens } from "./event-tokens.js";
import { STOPWORDS } from "./stopwords.js";

/**
 * What clustering compares: a text's terms with their field-weighted counts, and which of them
 * were written as proper names (specific evidence of who and where, unlike topic words).
 */
export type TermCounts = Map<string, number> & {
  readonly names?: ReadonlySet<string>;
  /** What the title and the lead's first sentence state: two reports stating different ones are two events. */
  readonly core?: CoreFacts;
};

/**
 * Facts of the kind one event has one of, as the title and the lead's first sentence state them
 * (the rest of a lead is background that other events share): the day it happened (d: terms), and
 * the specific weapons, places and named treaties, drills or meetings, by kind (e: terms).
 */
export interface CoreFacts {
  readonly dates: ReadonlySet<string>;
  /**
   * Days dated by weekday ("on Monday"), read from the publication time (see weekdayDatesIn):
   * compared only with other weekday dates, as the time a report was published and the dates it
   * writes out may come from different clocks (a re-dated archive, a feed's fetch time).
   */
  readonly weekdays: ReadonlySet<string>;
  readonly exclusive: ReadonlyMap<ExclusiveKind, ReadonlySet<string>>;
  /** The countries it names (a capital standing for its government counts as its country). */
  readonly countries: ReadonlySet<string>;
  /** What it says on the axes where an event has one answer (see event-statements). */
  readonly says: ReadonlySet<Statement>;
}

/** Kinds of specific concept of which an event has its own: a launch is of one missile, a summit in one place. */
export type ExclusiveKind = "weapon" | "place" | "site" | "named";
const PLACE_KINDS: ReadonlySet<string> = new Set(["place", "border"]);
const REFERENT_KINDS: ReadonlySet<string> = new Set(["country", "person"]);
const EXCLUSIVE_KINDS: ReadonlySet<string> = new Set<ExclusiveKind>(["weapon", "place", "site", "named"]);

interface MutableCore {
  readonly dates: Set<string>;
  readonly weekdays: Set<string>;
  readonly exclusive: Map<ExclusiveKind, Set<string>>;
  readonly countries: Set<string>;
  says: Set<Statement>;
}

/** The parts of an item clustering reads, each with how much it says about the event. */
export interface FeatureText {
  readonly title: string;
  readonly lead: string;
  readonly text: string;
  /** The report's language: its spellings are the ones the concept matcher reads it with. */
  readonly lang?: Lang | undefined;
  /**
   * The bilingual lexicon: a concept's spellings in either language become one term (e:, r:
   * or g: by its role) in place of their words, so "Bình Nhưỡng" and "Pyongyang" are one term.
   */
  readonly concepts?: ConceptMatcher | undefined;
  /** When it was published (epoch ms): what "on Monday" dates. */
  readonly publishedAt?: number | undefined;
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
  /** A specific concept (Jo Chol-su, Hwasong-19, Stockholm): evidence of the event. */
  readonly entity: number;
  /** A recurring concept (a country, a head of state): bridges languages, tells no event apart. */
  readonly recurring: number;
  /** A generic concept (launch, summit, foreign minister): bridges languages, weighs like a word. */
  readonly generic: number;
  /** A concept inside a longer one's spelling ("Moscow" in the Moscow conference), relative to its own weight. */
  readonly innerConcept: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = {
  title: 2,
  lead: 1.5,
  leadRest: 0.5,
  body: 1,
  bodySyllables: 1200,
  unigram: 0.1,
  functionPair: 0.5,
  name: 2,
  date: 3,
  figure: 1,
  entity: 3,
  recurring: 1,
  generic: 1,
  innerConcept: 0.5,
};

/** The term a concept gives, by its role: only specific ones (e:) can anchor an event. */
const CONCEPT_PREFIX: Readonly<Record<ConceptRole, string>> = { specific: "e:", recurring: "r:", generic: "g:" };

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

/** Words after a country that make it what is discussed: "the N.K. issue", "North Korea policy". */
const TOPIC_AFTER = new Set(["issue", "issues", "question", "problem", "policy"]);
/** What a country issues, the verb: "DPRK Issues Statement", "Japan issues J-Alert". */
const ISSUED = new Set(["statement", "statements", "warning", "warnings", "alert", "order", "decree", "ultimatum"]);
/**
 * Words before a country that make it what is discussed or acted on: "the denuclearization of
 * North Korea", "sanctions on Pyongyang", "vấn đề (hạt nhân) Triều Tiên", "trừng phạt Triều Tiên".
 */
const TOPIC_BEFORE =
  /\b(?:(?:denucleari[sz]ation|sanctions|issue|policy|threats?|provocations?|pressure) (?:of|on|against|about|over|from)|van de(?: \S+){0,2}|phi hat nhan hoa|trung phat|de doa tu)$/;

/**
 * Whether a country is named as what a meeting discusses rather than as a party to it: Yoon and
 * Vietnam's president agreeing on "the denuclearization of North Korea" are not a meeting with it.
 */
function namedAsTopic(tokens: readonly EventToken[], hit: ConceptHit): boolean {
  const after = tokens.slice(hit.end, hit.end + 2).map((t) => t.folded);
  const issuesSomething = (after[0] === "issue" || after[0] === "issues") && ISSUED.has(after[1] ?? "");
  if (
    (TOPIC_AFTER.has(after[0] ?? "") && !issuesSomething) ||
    (after[0] === "nuclear" && TOPIC_AFTER.has(after[1] ?? ""))
  )
    return true;
  const before = tokens
    .slice(Math.max(0, hit.start - 4), hit.start)
    .map((t) => t.folded)
    .join(" ");
  return TOPIC_BEFORE.test(before);
}

/**
 * The lexicon's concepts in a text, as terms by role; returns which tokens they spell, which
 * are then read as the concept alone: its term is the same in both languages.
 */
function readConcepts(
  tokens: readonly EventToken[],
  counts: TermCounts,
  weight: number,
  fw: FeatureWeights,
  source: Pick<FeatureText, "lang" | "concepts">,
  core: MutableCore | undefined,
): Uint8Array {
  const covered = new Uint8Array(tokens.length);
  const matcher = source.concepts;
  if (matcher === undefined) return covered;
  const addConcept = (hit: ConceptHit, w: number) => {
    const role = hit.concept.role;
    const term = `${CONCEPT_PREFIX[role]}${hit.concept.id}`;
    add(counts, term, w * (role === "specific" ? fw.entity : role === "recurring" ? fw.recurring : fw.generic));
    if (core === undefined) return;
    const country = hit.concept.kind === "country" ? hit.concept.id : hit.concept.country;
    if (country !== undefined && !namedAsTopic(tokens, hit)) core.countries.add(country);
    if (role !== "specific" || !EXCLUSIVE_KINDS.has(hit.concept.kind)) return;
    const kind = hit.concept.kind as ExclusiveKind;
    const set = core.exclusive.get(kind) ?? new Set<string>();
    set.add(term);
    // A venue is also the place it lies in: "Peace House" and "Panmunjom" tell one meeting.
    for (const w of hit.concept.within ?? []) set.add(`${CONCEPT_PREFIX.specific}${w}`);
    core.exclusive.set(kind, set);
  };
  for (const hit of matcher.match(tokens, source.lang)) {
    covered.fill(1, hit.start, hit.end);
    addConcept(hit, weight);
    // The concepts inside a longer one ("Moscow" and "non-proliferation" inside the Moscow
    // Non-Proliferation Conference) still count, lighter: a report naming the conference another
    // way shares them. A country or person in a place's name is not there: Latin America ("Mỹ
    // Latinh") is not the United States, nor is Kim Il Sung Square the man.
    if (hit.end - hit.start < 2) continue;
    const inside = tokens.slice(hit.start, hit.end);
    const inPlace = PLACE_KINDS.has(hit.concept.kind);
    for (const inner of matcher.match(inside, source.lang, hit.end - hit.start - 1)) {
      if (inner.concept === hit.concept || (inPlace && REFERENT_KINDS.has(inner.concept.kind))) continue;
      addConcept(inner, weight * fw.innerConcept);
    }
  }
  return covered;
}

/** Syllables and pairs of the tokens no concept spells, names among them. */
function readWords(
  tokens: readonly EventToken[],
  covered: Uint8Array,
  counts: TermCounts,
  names: Set<string>,
  weight: number,
  fw: FeatureWeights,
): void {
  let name = tokens.length > 0 && isName(tokens, 0);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.folded;
    const nextName = i + 1 < tokens.length && isName(tokens, i + 1);
    if (covered[i] === 0 && isContent(t)) {
      add(counts, `u:${t}`, weight * fw.unigram * (name ? fw.name : 1));
      if (name) names.add(`u:${t}`);
    }
    const next = tokens[i + 1];
    const pair = covered[i] === 0 && covered[i + 1] === 0 ? pairWeight(t, next, fw) : undefined;
    if (pair !== undefined) {
      const term = `b:${t} ${next!.folded}`;
      add(counts, term, weight * pair * (name && nextName ? fw.name : 1));
      if (name && nextName) names.add(term);
    }
    name = nextName;
  }
}

function addText(
  counts: TermCounts,
  names: Set<string>,
  text: string,
  weight: number,
  limit: number,
  fw: FeatureWeights,
  source: Pick<FeatureText, "lang" | "concepts">,
  core?: MutableCore,
): { readonly says: Statement[]; readonly folded: string } {
  const tokens = eventTokens(text, limit);
  const covered = readConcepts(tokens, counts, weight, fw, source, core);
  readWords(tokens, covered, counts, names, weight, fw);
  // Dates and figures only from the part of the text that was read.
  const end = tokens.length < limit ? text : text.slice(0, limit * 7);
  // A cited document's date is evidence two reports share a story, not the day of their event.
  const dates = datesIn(end);
  const references = core === undefined || dates.length === 0 ? undefined : referenceDatesIn(end);
  for (const d of dates) {
    add(counts, d, weight * fw.date);
    if (references?.has(d) === false) core?.dates.add(d);
  }
  for (const f of figuresIn(end)) add(counts, f, weight * fw.figure);
  const folded = tokens.map((t) => t.folded).join(" ");
  // The first country a report names (its title's, for the lead) is who acts in it.
  return { says: core === undefined ? [] : statementsIn(folded, core.countries.values().next().value), folded };
}

/**
 * Term counts of an item: syllables (u:) and pairs (b:), names among them, dates (d:), figures
 * (#:), and concepts of the bilingual lexicon, specific (e:), recurring (r:) and generic (g:).
 */
export function eventFeatures(input: FeatureText, fw: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): TermCounts {
  const names = new Set<string>();
  const core: MutableCore = {
    dates: new Set(),
    weekdays: new Set(),
    exclusive: new Map(),
    countries: new Set(),
    says: new Set(),
  };
  const counts: TermCounts = Object.assign(new Map<string, number>(), { names, core });
  const title = addText(counts, names, input.title, fw.title, Number.POSITIVE_INFINITY, fw, input, core);
  const dateByWeekday = (sentence: string) => {
    if (input.publishedAt !== undefined)
      for (const d of weekdayDatesIn(sentence, input.publishedAt)) core.weekdays.add(d);
  };
  dateByWeekday(input.title);
  const actor = core.countries.values().next().value;
  let firstSays: Statement[] = [];
  splitSentences(input.lead).forEach((sentence, k) => {
    const first = k === 0;
    const { says } = addText(
      counts,
      names,
      sentence,
      fw.lead * (first ? 1 : fw.leadRest),
      Number.POSITIVE_INFINITY,
      fw,
      input,
      first ? core : undefined,
    );
    if (!first) return;
    firstSays = says;
    dateByWeekday(sentence);
  });
  addText(counts, names, input.text.slice(0, fw.bodySyllables * 8), fw.body, fw.bodySyllables, fw, input);
  core.says = reportStatements(title.says, firstSays);
  // "Seoul voices regret over the Council's failure", "Nhật Bản phản đối vụ phóng": who answers
  // an event is no party to it, so the reaction may join the event it answers. A title naming
  // one country ("Guterres condemns North Korea's launch") names the deed's, not the answer's.
  if (actor !== undefined && core.countries.size > 1 && tellsReaction(title.folded)) {
    core.countries.delete(actor);
    // The measure it answers is the deed's country's: "Nhật Bản phản đối việc Hàn Quốc rút khỏi GSOMIA".
    if (core.says.delete(`by:${actor}`)) core.says.add(`by:${core.countries.values().next().value}`);
  }
  return counts;
}
