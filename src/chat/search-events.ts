import type { SearchCandidate } from "../store/search-repo.js";
import { foldedSyllables } from "../text/index.js";
import type { SearchHit } from "./reply.js";

/**
 * Recent events whose headline, title or lead hold every word of the query, compared on folded
 * syllables so "trieu tien" finds "Triều Tiên" (and "tien" does not find "tiếng").
 * One hit per event, newest first.
 */
export function searchEvents(query: string, candidates: readonly SearchCandidate[], limit: number): SearchHit[] {
  const words = [...new Set(foldedSyllables(query))];
  if (words.length === 0) return [];
  const phrase = ` ${words.join(" ")} `;
  const groups = new Map<string, { hit: SearchHit; phrase: boolean; articles: number }>();
  for (const c of candidates) {
    const tokens = foldedSyllables(`${c.eventHeadline ?? ""} ${c.title} ${c.lead}`);
    const set = new Set(tokens);
    if (!words.every((w) => set.has(w))) continue;
    const key = c.eventId ?? `item:${c.itemId}`;
    const group = groups.get(key);
    if (group !== undefined) {
      group.articles += 1;
      continue;
    }
    groups.set(key, {
      hit: {
        headline: c.eventHeadline ?? c.title,
        url: c.url,
        source: c.sourceName,
        publishedAt: c.publishedAt,
        articles: 1,
        ...(c.eventId === null ? {} : { eventId: c.eventId }),
      },
      phrase: ` ${tokens.join(" ")} `.includes(phrase),
      articles: 1,
    });
  }
  // Candidates arrive newest first; exact phrase matches go before scattered-word matches.
  return [...groups.values()]
    .sort((a, b) => Number(b.phrase) - Number(a.phrase))
    .slice(0, limit)
    .map((g) => ({ ...g.hit, articles: g.articles }));
}
