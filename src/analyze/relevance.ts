import type { ArticleInput, Relevance, RelevanceMatch, TopicId } from "../domain/index.js";
import { topicId } from "../domain/index.js";
import type { EntityDefinition, EntityRole, Lexicon, TopicDefinition } from "./lexicon.js";
import { createTermMatcher, type TermHit, type TermMatcher } from "./term-matcher.js";

type Field = RelevanceMatch["field"];

/** Title and lead say what an article is about; the body also mentions what it is not about. */
const FIELD_WEIGHT: Readonly<Record<Field, number>> = { title: 1, lead: 0.9, text: 0.35 };
/** Only the start of a long body is read: far down, mentions are background, not subject. */
const BODY_CHARS = 4000;

export interface RelevanceOptions {
  /** settings.analysis.relevanceThreshold */
  readonly threshold: number;
}

/** A compiled lexicon: build once, score many items. */
export interface RelevanceScorer {
  score(article: ArticleInput): Relevance;
}

/**
 * Offtopic entities in this group are look-alikes by subject (a film, a dish, a match, a shop):
 * only diplomacy or security context outweighs them, never the peninsula's names, which such
 * stories carry as an attribute ("a North Korean defector's bakery", "Vietnam's Korean coach").
 * Other offtopic entities are other theatres sharing the vocabulary (Iran, Ukraine) or markets,
 * which a strong anchor outweighs.
 */
const LIFESTYLE_GROUP = "lifestyle";

interface Evidence {
  /** Per role, the summed weight of distinct entities (each counted at its best field). */
  readonly byRole: Readonly<Record<EntityRole, number>>;
  /**
   * The part of byRole.offtopic that is lifestyle (see LIFESTYLE_GROUP) in the title or lead: a
   * lifestyle word far into the body is background, weighed like any other look-alike signal.
   */
  readonly lifestyle: number;
  readonly entities: ReadonlyMap<string, { readonly entity: EntityDefinition; readonly weight: number }>;
  readonly matches: readonly RelevanceMatch[];
}

const isLifestyle = (entity: EntityDefinition) => entity.role === "offtopic" && entity.groups.includes(LIFESTYLE_GROUP);

/**
 * The fields whose evidence counts. The headline (the title, or the lead when there is none) says
 * what a story is about: when it names a lifestyle subject and no diplomacy or security, the lead
 * and body describe that subject (a film's plot, a defector's past, a coach's squad), so their
 * peninsula names and security words are not evidence of peninsula news.
 */
function fieldsToRead(matcher: TermMatcher, article: ArticleInput): [Field, TermHit[]][] {
  const fields: [Field, string][] = [
    ["title", article.title],
    ["lead", article.lead],
    ["text", article.text.slice(0, BODY_CHARS)],
  ];
  const read = fields
    .filter(([, text]) => text.trim() !== "")
    .map(([field, text]): [Field, TermHit[]] => [field, matcher.match(text)]);
  const headline = read[0];
  if (headline === undefined) return read;
  const [, hits] = headline;
  const lifestyleFramed = hits.some((h) => isLifestyle(h.entity)) && !hits.some((h) => h.entity.role === "context");
  return lifestyleFramed ? [headline] : read;
}

function gather(matcher: TermMatcher, article: ArticleInput): Evidence {
  const entities = new Map<string, { entity: EntityDefinition; weight: number }>();
  const headlineLifestyle = new Map<string, number>();
  const matches: RelevanceMatch[] = [];
  const seen = new Set<string>();
  for (const [field, hits] of fieldsToRead(matcher, article)) {
    for (const hit of hits) {
      const w = FIELD_WEIGHT[field];
      if (field !== "text" && isLifestyle(hit.entity)) {
        headlineLifestyle.set(hit.entity.id, Math.max(headlineLifestyle.get(hit.entity.id) ?? 0, w));
      }
      const prev = entities.get(hit.entity.id);
      // A repeated entity adds a little: three body mentions are more than one, but not a title.
      if (prev === undefined) entities.set(hit.entity.id, { entity: hit.entity, weight: w });
      else prev.weight = Math.min(1.3, Math.max(prev.weight, w) + 0.1 * Math.min(prev.weight, w));
      const key = `${field}\u0000${hit.alias}`;
      if (!seen.has(key)) {
        seen.add(key);
        matches.push({ term: hit.alias, field });
      }
    }
  }
  const byRole: Record<EntityRole, number> = { anchor: 0, korea: 0, context: 0, actor: 0, offtopic: 0 };
  for (const { entity, weight } of entities.values()) byRole[entity.role] += weight;
  let lifestyle = 0;
  for (const w of headlineLifestyle.values()) lifestyle += w;
  return { byRole, lifestyle, entities, matches };
}

/**
 * Logistic score from the evidence. The peninsula must be the subject (an anchor), diplomacy or
 * security vocabulary alone never suffices (Iran, Ukraine, US–China share it), South Korea and
 * other weak names count only with such vocabulary (else it is business, sport or K-pop), and
 * look-alike signals pull down: other theatres and markets less so when the anchors are strong,
 * lifestyle subjects less so only when diplomacy or security is also the story.
 */
function scoreEvidence(e: Evidence): number {
  const anchor = Math.min(e.byRole.anchor, 1.5);
  const korea = Math.min(e.byRole.korea, 1.5);
  const context = Math.min(e.byRole.context, 2);
  const present = Math.min(1, anchor + korea);
  const elsewhere = e.byRole.offtopic - e.lifestyle;
  const z =
    -2.2 +
    2.6 * anchor +
    2.0 * korea * Math.min(context, 1) +
    0.8 * context * present -
    (1.8 * elsewhere) / (1 + anchor) -
    (2.5 * e.lifestyle) / (1 + 2 * context);
  return 1 / (1 + Math.exp(-z));
}

function topicsOf(topics: readonly TopicDefinition[], e: Evidence): TopicId[] {
  const present = new Set<string>();
  for (const { entity } of e.entities.values()) {
    present.add(entity.id);
    for (const g of entity.groups) present.add(g);
  }
  return topics
    .filter(
      (t) =>
        t.any.some((r) => present.has(r)) || (t.all.length > 0 && t.all.every((l) => l.some((r) => present.has(r)))),
    )
    .map((t) => topicId(t.id));
}

/** Compile the lexicon into a scorer: relevance in [0, 1], the matched terms by field, and topics. */
export function createRelevanceScorer(lexicon: Lexicon, options: RelevanceOptions): RelevanceScorer {
  const matcher = createTermMatcher(lexicon.entities);
  return {
    score(article) {
      const evidence = gather(matcher, article);
      const score = Math.round(scoreEvidence(evidence) * 1000) / 1000;
      const relevant = score >= options.threshold;
      return { score, relevant, topics: relevant ? topicsOf(lexicon.topics, evidence) : [], matches: evidence.matches };
    },
  };
}
