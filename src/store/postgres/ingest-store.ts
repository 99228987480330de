import type pg from "pg";
import type { IngestStore, Item } from "../../domain/index.js";
import { itemValues } from "../items-repo.js";
import { createPostgresSourceStore, recordFetch } from "./source-store.js";
import { inTransaction } from "./transaction.js";

/** The same content hash, through the index on its first 16 characters (written exactly as indexed). */
const SAME_CONTENT = "substr(content_hash, 1, 16) = substr($1, 1, 16) AND content_hash = $1";

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
  const sources = createPostgresSourceStore(pool);
  return {
    upsertSources: (list) => sources.upsert(list),
    fetchState: (id) => sources.fetchState(id),
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
            const { rowCount } = await client.query(INSERT_ITEM, [...itemValues(i)]);
            inserted += rowCount ?? 0;
          }
          await recordFetch(client, f.id, f.state);
          counts.push(inserted);
        }
        return counts;
      }),
  };
}
