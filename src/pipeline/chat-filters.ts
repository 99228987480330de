import { createFilterMatcher, type FilterMatcher, NO_FILTERS } from "../digest/index.js";
import type { Concept, SubscriptionId } from "../domain/index.js";
import type { ChatFilterStore } from "../store/chat-filters-repo.js";
import type { EitherStore } from "../store/port.js";

/**
 * A chat's watches and mutes as a matcher over event text, with the bilingual lexicon's
 * spellings; no subscription, or none set, matches nothing.
 */
export async function chatFilterMatcher(
  store: EitherStore<Pick<ChatFilterStore, "list">>,
  subscriptionId: SubscriptionId | undefined,
  concepts: readonly Concept[],
): Promise<FilterMatcher> {
  if (subscriptionId === undefined) return NO_FILTERS;
  const filters = await store.list(subscriptionId);
  return filters.length === 0 ? NO_FILTERS : createFilterMatcher(filters, concepts);
}
