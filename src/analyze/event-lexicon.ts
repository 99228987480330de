import type { ArticleInput } from "../domain/index.js";
import { eventFeatures, type FeatureWeights, nameTerms, type TermCounts } from "./event-features.js";
import type { Lexicon } from "./lexicon.js";
import { createTermMatcher } from "./term-matcher.js";

/** How much of an item entity matching reads: the start of the body carries the event. */
const MATCHED_BODY_CHARS = 1500;

/**
 * What event clustering takes from the lexicon: one id per referent, so "Bình Nhưỡng" and
 * "Pyongyang" are one term, and the names of who recurs in story after story (a president), which
 * must not tell events apart. Topic vocabulary and sets of people give no id: two reports naming
 * "missiles", or two different US envoys, are not thereby one event.
 */
export interface EventLexicon {
  /** An item's clustering terms. */
  features(article: Pick<ArticleInput, "title" | "lead" | "text">, weights?: FeatureWeights): TermCounts;
}

/** Compile the lexicon once for clustering. */
export function createEventLexicon(lexicon: Lexicon): EventLexicon {
  const matcher = createTermMatcher(lexicon.entities);
  const recurringNames = new Set<string>();
  for (const e of lexicon.entities) {
    if (e.event !== "recurring" && e.event !== "recurring-set") continue;
    for (const alias of e.aliases) for (const t of nameTerms(alias)) recurringNames.add(t);
  }
  const idsIn = (text: string) => {
    const specific = new Set<string>();
    const recurring = new Set<string>();
    for (const { entity } of matcher.match(text)) {
      if (entity.event === "specific") specific.add(entity.id);
      else if (entity.event === "recurring") recurring.add(entity.id);
    }
    return { entityIds: [...specific], recurringIds: [...recurring] };
  };
  return {
    features: (a, weights) =>
      eventFeatures(
        {
          title: a.title,
          lead: a.lead,
          text: a.text,
          ...idsIn(`${a.title}\n${a.lead}\n${a.text.slice(0, MATCHED_BODY_CHARS)}`),
          recurringNames,
        },
        weights,
      ),
  };
}
