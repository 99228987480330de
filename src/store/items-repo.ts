import type { Item } from "../domain/index.js";
import type { Db } from "./database.js";

/** An item before it has a database id. */
export type NewStoredItem = Omit<Item, "id">;

export interface ItemStore {
  /** The items whose guid, canonical URL and content hash are all unknown, in any source. */
  unknown(items: readonly NewStoredItem[]): NewStoredItem[];
  /**
   * Store a batch in one transaction (or as part of the caller's: store/ingest-store.ts). A
   * story already stored (same guid, URL or content hash, in any source), or repeated inside
   * the batch, is skipped: ingest is idempotent.
   */
  insertBatch(items: readonly NewStoredItem[]): { readonly inserted: number };
  count(): number;
}

/** An item's values in the order both stores' inserts list the columns (source_id … content_hash). */
export const itemValues = (i: NewStoredItem) =>
  [i.sourceId, i.guid, i.url, i.title, i.lead, i.text, i.lang, i.publishedAt, i.fetchedAt, i.contentHash] as const;

/** The same content hash, through the index on its first 16 characters (written exactly as indexed). */
const SAME_CONTENT = "substr(content_hash, 1, 16) = substr(?, 1, 16) AND content_hash = ?";

/**
 * The items table (001-initial.sql). Deduplication: unique indexes on guid and url, and the
 * content hash found by its prefix (002-content-hash-prefix.sql), then compared whole.
 */
export function createSqliteItemStore(db: Db): ItemStore {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO items (source_id, guid, url, title, lead, text, lang, published_at, fetched_at, content_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const known = db
    .prepare<[string, string, string, string], number>(
      `SELECT 1 FROM items WHERE guid = ? UNION ALL SELECT 1 FROM items WHERE url = ?
       UNION ALL SELECT 1 FROM items WHERE ${SAME_CONTENT} LIMIT 1`,
    )
    .pluck();
  const sameContent = db.prepare<[string, string], number>(`SELECT 1 FROM items WHERE ${SAME_CONTENT}`).pluck();
  const countAll = db.prepare<[], number>("SELECT COUNT(*) FROM items").pluck();
  const insertRows = (items: readonly NewStoredItem[]): number => {
    let inserted = 0;
    // Positional parameters: binding by name looks each one up per row.
    for (const i of items) {
      if (sameContent.get(i.contentHash, i.contentHash) !== undefined) continue;
      inserted += insert.run(...itemValues(i)).changes;
    }
    return inserted;
  };
  const insertAll = db.transaction(insertRows);
  return {
    unknown: (items) => items.filter((i) => known.get(i.guid, i.url, i.contentHash, i.contentHash) === undefined),
    // Inside a caller's transaction the rows simply join it: a savepoint per batch would copy
    // every index page the batch touches into a statement journal (twice the cost of the rows
    // themselves, bench/ingest), and a failure aborts the caller's whole transaction anyway.
    insertBatch: (items) => ({
      inserted: items.length === 0 ? 0 : db.inTransaction ? insertRows(items) : insertAll(items),
    }),
    count: () => countAll.get() ?? 0,
  };
}
