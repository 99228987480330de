import type pg from "pg";
import { EMPTY_FETCH_STATE, type Source, type SourceFetchState } from "../../domain/index.js";
import type { Port } from "../port.js";
import { SELECT_SOURCES, type SourceRow, type SourceStore, toHealth, toRecord } from "../sources-repo.js";
import { inTransaction } from "./transaction.js";

type Queryable = pg.Pool | pg.PoolClient;

/** Each configured source's row: settings updated, fetch state kept; a new address drops its validators. */
const UPSERT = `INSERT INTO sources (id, url, name, lang, full_text, weight) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (id) DO UPDATE SET url = excluded.url, name = excluded.name, lang = excluded.lang,
    full_text = excluded.full_text, weight = excluded.weight,
    etag = CASE WHEN sources.url = excluded.url THEN sources.etag END,
    last_modified = CASE WHEN sources.url = excluded.url THEN sources.last_modified END`;

const RECORD_FETCH = `UPDATE sources SET etag = $2, last_modified = $3, consecutive_failures = $4, paused_until = $5,
  last_status = $6, last_error = $7, last_fetched_at = $8, last_success_at = $9 WHERE id = $1`;

const settingsOf = (s: Source) => [s.id, s.url, s.name, s.lang, s.fullText ? 1 : 0, s.weight];

/** Record a source's fetch state on `on` (a pool, or the client of the caller's transaction). */
export async function recordFetch(on: Queryable, id: Source["id"], s: SourceFetchState): Promise<void> {
  await on.query(RECORD_FETCH, [
    id,
    s.etag,
    s.lastModified,
    s.consecutiveFailures,
    s.pausedUntil,
    s.lastStatus,
    s.lastError,
    s.lastFetchedAt,
    s.lastSuccessAt,
  ]);
}

/** The sources table on PostgreSQL, as SQLite's source store offers it (row shapes shared with it). */
export function createPostgresSourceStore(pool: pg.Pool): Port<SourceStore> {
  return {
    upsert: (sources) =>
      inTransaction(pool, async (client) => {
        for (const s of sources) await client.query(UPSERT, settingsOf(s));
      }),
    async add(source) {
      const { rowCount } = await pool.query(
        "INSERT INTO sources (id, url, name, lang, full_text, weight) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        settingsOf(source),
      );
      return (rowCount ?? 0) === 1;
    },
    async remove(id) {
      const { rowCount } = await pool.query("DELETE FROM sources WHERE id = $1", [id]);
      return (rowCount ?? 0) === 1;
    },
    async list() {
      return (await pool.query<SourceRow>(`${SELECT_SOURCES} ORDER BY s.id COLLATE "C"`)).rows.map(toHealth);
    },
    async get(id) {
      const { rows } = await pool.query<SourceRow>(`${SELECT_SOURCES} WHERE s.id = $1`, [id]);
      return rows[0] === undefined ? undefined : toHealth(rows[0]);
    },
    async fetchState(id) {
      // Without the item count: ingest reads this for every source on every pass.
      const { rows } = await pool.query<Omit<SourceRow, "items">>("SELECT * FROM sources WHERE id = $1", [id]);
      return rows[0] === undefined ? EMPTY_FETCH_STATE : toRecord(rows[0]);
    },
    recordFetch: (id, state) => recordFetch(pool, id, state),
  };
}
