import type { ArticleInput, Relevance, RelevanceMatch, TopicId } from "../domain/index.js";
import { topicId } from "../domain/index.js";
import type { EntityDefinition, EntityRole, Lexicon, TopicDefinition } from "./lexicon.js";
import { createTermMatcher, type TermMatcher } from "./term-matcher.js";

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

interface Evidence {
  /** Per role, the summed weight of distinct entities (each counted at its best field). */
  readonly byRole: Readonly<Record<EntityRole, number>>;
  readonly entities: ReadonlyMap<string, { readonly entity: EntityDefinition; readonly weight: number }>;
  readonly matches: readonly RelevanceMatch[];
}

function gather(matcher: TermMatcher, article: ArticleInput): Evidence {
  const entities = new Map<string, { entity: EntityDefinition; weight: number }>();
  const matches: RelevanceMatch[] = [];
  const seen = new Set<string>();
  const fields: [Field, string][] = [
    ["title", article.title],
    ["lead", article.lead],
    ["text", article.text.slice(0, BODY_CHARS)],
  ];
  for (const [field, text] of fields) {
    for (const hit of matcher.match(text)) {
      const w = FIELD_WEIGHT[field];
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
  return { byRole, entities, matches };
}

/**
 * Logistic score from the evidence. The peninsula must be the subject (an anchor), diplomacy or
 * security vocabulary alone never suffices (Iran, Ukraine, US–China share it), South Korea counts
 * only with such vocabulary (else it is business, sport or K-pop), and look-alike signals pull
 * down, less so when the anchors are strong.
 */
function scoreEvidence(e: Evidence): number {
  const anchor = Math.min(e.byRole.anchor, 1.5);
  const korea = Math.min(e.byRole.korea, 1.5);
  const context = Math.min(e.byRole.context, 2);
  const present = Math.min(1, anchor + korea);
  const z =
    -2.2 +
    2.6 * anchor +
    2.0 * korea * Math.min(context, 1) +
    0.8 * context * present -
    (1.8 * e.byRole.offtopic) / (1 + anchor);
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
