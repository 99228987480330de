import type { ArticleInput, Concept } from "../domain/index.js";
import { createConceptMatcher } from "./concept-matcher.js";
import { eventFeatures, type FeatureWeights, type TermCounts } from "./event-features.js";

/**
 * What event clustering takes from the bilingual lexicon (config/lexicon.yaml): one term per
 * concept whichever language or spelling names it, so an English report and a Vietnamese one of
 * the same event share their names, places, weapons and actions. A concept's role decides what
 * its term may do: a specific one (Jo Chol-su, Hwasong-19) is evidence of the event, a recurring
 * one (a country, a president) and a generic one (missile, summit) weigh but anchor nothing.
 */
export interface EventLexicon {
  /** An item's clustering terms, read with the spellings of its language. */
  features(
    article: Pick<ArticleInput, "title" | "lead" | "text" | "lang" | "publishedAt">,
    weights?: FeatureWeights,
  ): TermCounts;
}

/** Compile the lexicon once for clustering. */
export function createEventLexicon(concepts: readonly Concept[]): EventLexicon {
  const matcher = createConceptMatcher(concepts);
  return {
    features: (a, weights) =>
      eventFeatures(
        { title: a.title, lead: a.lead, text: a.text, lang: a.lang, concepts: matcher, publishedAt: a.publishedAt },
        weights,
      ),
  };
}
