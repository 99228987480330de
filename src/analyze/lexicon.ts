/**
 * The editorial lexicon (config/topics.yaml) as analysis sees it. `src/config/topics.ts` validates
 * the file into this shape; analysis never reads files itself.
 */

/** What a match of an entity says about relevance (see config/topics.yaml for the meaning of each). */
export type EntityRole = "anchor" | "korea" | "context" | "actor" | "offtopic";

export interface EntityDefinition {
  /** Canonical id: every alias, in any language, stands for this id. */
  readonly id: string;
  readonly role: EntityRole;
  /** Names topic rules refer to ("dprk", "us", "missile"). */
  readonly groups: readonly string[];
  readonly aliases: readonly string[];
}

export interface TopicDefinition {
  readonly id: string;
  readonly label: { readonly vi: string; readonly en: string };
  readonly description: { readonly vi: string; readonly en: string };
  readonly weight: number;
  /** Any one of these entity ids or groups tags the topic. */
  readonly any: readonly string[];
  /** Otherwise every inner list must be met by at least one of its entity ids or groups. */
  readonly all: readonly (readonly string[])[];
}

export interface Lexicon {
  readonly topics: readonly TopicDefinition[];
  readonly entities: readonly EntityDefinition[];
}
