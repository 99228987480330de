import type { Db } from "./database.js";

/** One recent item with its event, as /search needs it; matching happens in chat/ on folded text. */
export interface SearchCandidate {
  readonly itemId: number;
  readonly eventId: string | null;
  readonly eventHeadline: string | null;
  readonly title: string;
  readonly lead: string;
  readonly url: string;
  readonly sourceName: string;
  readonly publishedAt: number;
}

export interface SearchRepo {
  /** Items published at or after `since`, newest first, at most `limit`. */
  recentItems(since: number, limit: number): SearchCandidate[];
}

/**
 * The statements /search runs, for both dialects (`?` placeholders). Aliases are quoted:
 * PostgreSQL folds an unquoted one to lower case (itemid), SQLite keeps it as written.
 */
export const SEARCH_SQL = {
  recent: `SELECT i.id AS "itemId", ei.event_id AS "eventId", NULLIF(e.headline, '') AS "eventHeadline",
            i.title AS title, i.lead AS lead, i.url AS url, s.name AS "sourceName", i.published_at AS "publishedAt"
       FROM items i
       JOIN sources s ON s.id = i.source_id
       LEFT JOIN event_items ei ON ei.item_id = i.id
       LEFT JOIN events e ON e.id = ei.event_id
      WHERE i.published_at >= ?
      ORDER BY i.published_at DESC, i.id DESC
      LIMIT ?`,
} as const;

/**
 * The rows /search scans. A scan of the recent window is enough at our volume (a few thousand
 * items a week); diacritic folding is done by the caller, so "trieu tien" finds "Triều Tiên"
 * without an FTS5 tokenizer that knows Vietnamese.
 */
export function createSqliteSearchRepo(db: Db): SearchRepo {
  const recent = db.prepare<[number, number], SearchCandidate>(SEARCH_SQL.recent);
  return { recentItems: (since, limit) => recent.all(since, limit) };
}
