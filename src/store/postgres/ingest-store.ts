import type pg from "pg";
import { EMPTY_FETCH_STATE, type IngestStore, type Item, type SourceFetchState } from "../../domain/index.js";
import { inTransaction } from "./transaction.js";

/** The same content hash, through the index on its first 16 characters (written exactly as indexed). */
const SAME_CONTENT = "substr(content_hash, 1, 16) = substr($1, 1, 16) AND content_hash = $1";

interface FetchStateRow {
  etag: string | null;
  last_modified: string | null;
  consecutive_failures: number;
  paused_until: number | null;
  last_status: SourceFetchState["lastStatus"];
  last_error: string | null;
  last_fetched_at: number | null;
  last_success_at: number | null;
}

/** Each configured source's row: settings updated, fetch state kept; a new address drops its validators. */
const UPSERT_SOURCE = `INSERT INTO sources (id, url, name, lang, full_text, weight) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (id) DO UPDATE SET url = excluded.url, name = excluded.name, lang = excluded.lang,
    full_text = excluded.full_text, weight = excluded.weight,
    etag = CASE WHEN sources.url = excluded.url THEN sources.etag END,
    last_modified = CASE WHEN sources.url = excluded.url THEN sources.last_modified END`;

const RECORD_FETCH = `UPDATE sources SET etag = $2, last_modified = $3, consecutive_failures = $4, paused_until = $5,
  last_status = $6, last_error = $7, last_fetched_at = $8, last_success_at = $9 WHERE id = $1`;

const INSERT_ITEM = `INSERT INTO items (source_id, guid, url, title, lead, text, lang, published_at, fetched_at, content_hash)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
   WHERE NOT EXISTS (SELECT 1 FROM items WHERE substr(content_hash, 1, 16) = substr($10, 1, 16) AND content_hash = $10)
  ON CONFLICT DO NOTHING`;

async function isKnown(client: pg.ClientBase | pg.Pool, item: Omit<Item, "id">): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM items WHERE guid = $2 UNION ALL SELECT 1 FROM items WHERE url = $3
     UNION ALL SELECT 1 FROM items WHERE ${SAME_CONTENT} LIMIT 1`,
    [item.contentHash, item.guid, item.url],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Ingest's port on PostgreSQL. A group of sources commits in one transaction, as on SQLite.
 * Two replicas writing the same story at once cannot both store it: the unique guid and URL
 * keys settle that (ON CONFLICT DO NOTHING); the content hash, not unique, is checked before
 * each insert, which the leader's single ingest keeps free of races.
 */
export function createPostgresIngestStore(pool: pg.Pool): IngestStore {
  return {
    upsertSources: (sources) =>
      inTransaction(pool, async (client) => {
        for (const s of sources) {
          await client.query(UPSERT_SOURCE, [s.id, s.url, s.name, s.lang, s.fullText ? 1 : 0, s.weight]);
        }
      }),
    async fetchState(id) {
      const { rows } = await pool.query<FetchStateRow>("SELECT * FROM sources WHERE id = $1", [id]);
      const row = rows[0];
      if (row === undefined) return EMPTY_FETCH_STATE;
      return {
        etag: row.etag,
        lastModified: row.last_modified,
        consecutiveFailures: row.consecutive_failures,
        pausedUntil: row.paused_until,
        lastStatus: row.last_status,
        lastError: row.last_error,
        lastFetchedAt: row.last_fetched_at,
        lastSuccessAt: row.last_success_at,
      };
    },
    async unknown(items) {
      const known = await Promise.all(items.map((i) => isKnown(pool, i)));
      return items.filter((_, k) => !known[k]);
    },
    commit: (fetches) =>
      inTransaction(pool, async (client) => {
        const counts: number[] = [];
        for (const f of fetches) {
          let inserted = 0;
          for (const i of f.items) {
            const { rowCount } = await client.query(INSERT_ITEM, [
              i.sourceId,
              i.guid,
              i.url,
              i.title,
              i.lead,
              i.text,
              i.lang,
              i.publishedAt,
              i.fetchedAt,
              i.contentHash,
            ]);
            inserted += rowCount ?? 0;
          }
          const s = f.state;
          await client.query(RECORD_FETCH, [
            f.id,
            s.etag,
            s.lastModified,
            s.consecutiveFailures,
            s.pausedUntil,
            s.lastStatus,
            s.lastError,
            s.lastFetchedAt,
            s.lastSuccessAt,
          ]);
          counts.push(inserted);
        }
        return counts;
      }),
  };
}
