import type { Source } from "../domain/index.js";
import type { SourceFetchState } from "./fetch-policy.js";
import type { NewItem } from "./normalize-item.js";

/** What ingest needs from the source store (store/sources-repo.ts implements it). */
export interface IngestSourceStore {
  /** Make sure each configured source has a row, updating its settings and keeping its fetch state. */
  upsert(sources: readonly Source[]): void;
  fetchState(id: Source["id"]): SourceFetchState;
  recordFetch(id: Source["id"], state: SourceFetchState): void;
}

/** What ingest needs from the item store (store/items-repo.ts implements it). */
export interface IngestItemStore {
  /** The items whose guid, canonical URL and content hash are all unknown (in any source). */
  unknown(items: readonly NewItem[]): NewItem[];
  /** Store a batch in one transaction; a duplicate of a stored item (or of one earlier in the batch) is skipped. */
  insertBatch(items: readonly NewItem[]): { readonly inserted: number };
  /** Run `work` in one write transaction: what it writes commits together or not at all. */
  transaction<T>(work: () => T): T;
}
