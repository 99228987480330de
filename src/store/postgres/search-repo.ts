import type pg from "pg";
import type { Port } from "../port.js";
import { SEARCH_SQL, type SearchCandidate, type SearchRepo } from "../search-repo.js";
import { numbered } from "./placeholders.js";

/**
 * The rows /search scans, on PostgreSQL: SQLite's statement as written. Its order is by
 * publication time and item id, both numbers, so no collation can reorder the hits.
 */
export function createPostgresSearchRepo(pool: pg.Pool): Port<SearchRepo> {
  const recent = numbered(SEARCH_SQL.recent);
  return {
    async recentItems(since, limit) {
      return (await pool.query<SearchCandidate>(recent, [since, limit])).rows;
    },
  };
}
