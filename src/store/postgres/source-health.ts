import type pg from "pg";
import type { Port } from "../port.js";
import { LAST_INGEST_SQL, SOURCE_HEALTH_SQL, type SourceHealth, type SourceHealthRepo } from "../source-health-repo.js";

/**
 * SQLite's `ORDER BY name COLLATE NOCASE, id`: NOCASE folds only ASCII A-Z, then compares bytes.
 * lower() under the "C" collation folds only ASCII too (whatever the database's locale), and "C"
 * compares bytes, so "an ninh" comes before "BBC" and "Đài" after both, as on SQLite.
 */
const BY_NAME = `ORDER BY lower(name COLLATE "C"), id COLLATE "C"`;

/** Every source's fetch health and the last ingest, on PostgreSQL, as SQLite's repo reads them. */
export function createPostgresSourceHealthRepo(pool: pg.Pool): Port<SourceHealthRepo> {
  return {
    async all() {
      return (await pool.query<SourceHealth>(`${SOURCE_HEALTH_SQL} ${BY_NAME}`)).rows;
    },
    async lastIngestAt() {
      const { rows } = await pool.query<{ at: number | null }>(LAST_INGEST_SQL);
      return rows[0]?.at ?? null;
    },
  };
}
