/**
 * The bilingual lexicon (config/lexicon.yaml) as analysis sees it: one concept per referent or
 * kind of thing, with its Vietnamese and English spellings, so an English and a Vietnamese report
 * of one event share terms. `src/config/lexicon.ts` validates the file into this shape; analysis
 * never reads files itself.
 */

/** What a concept is; decides its default role. */
export type ConceptKind =
  | "action"
  | "institution"
  | "title"
  | "weapon"
  | "place"
  | "border"
  | "site"
  | "person"
  | "named"
  | "country"
  | "topic";

/**
 * What naming a concept says about WHICH event a report is on:
 * specific: one referent few stories share (Jo Chol-su, Stockholm, Hwasong-19, the Panmunjom Declaration): evidence of the event;
 * recurring: one referent found in story after story (a country, a capital standing for its government, a head of state, a long-serving foreign minister): bridges languages, never evidence;
 * generic: a kind of thing or action (missile, summit, launch, condemn, foreign minister): bridges languages, weighs like a word, never evidence.
 */
export type ConceptRole = "specific" | "recurring" | "generic";

/** One entry of the lexicon: every spelling, in either language, stands for `id`. */
export interface Concept {
  readonly id: string;
  readonly kind: ConceptKind;
  readonly role: ConceptRole;
  readonly vi: readonly string[];
  readonly en: readonly string[];
  /** For a capital that stands for its government: that country's id. */
  readonly country?: string | undefined;
  /** For a venue: the places it lies in (Peace House: Panmunjom), which a report may name instead. */
  readonly within?: readonly string[] | undefined;
}
