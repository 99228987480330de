import type { SourceFetchState } from "./source-fetch-state.js";
import type { Item, Source } from "./types.js";

/** An item as ingest stores it, before it has a database id. */
type NewItem = Omit<Item, "id">;

/** One fetched source's result: the items it gave and its fetch state after the fetch. */
export interface SourceFetch {
  readonly id: Source["id"];
  readonly items: readonly NewItem[];
  readonly state: SourceFetchState;
}

/**
 * What ingest needs of the store: store/ingest-store.ts (SQLite) and store/postgres/ingest-store.ts
 * implement it
 * (a port of ingest, kept in the domain so the store need not import ingest). Asynchronous, so the same pass runs on either store; the writes of a group of
 * sources are one call (a unit of work), never a transaction callback across the port.
 */
export interface IngestStore {
  /** Make sure each configured source has a row, updating its settings and keeping its fetch state. */
  upsertSources(sources: readonly Source[]): Promise<void>;
  /** The fetch state; a source never fetched (or unknown) has the empty state. */
  fetchState(id: Source["id"]): Promise<SourceFetchState>;
  /** The items whose guid, canonical URL and content hash are all unknown (in any source). */
  unknown(items: readonly NewItem[]): Promise<NewItem[]>;
  /**
   * Store each source's items and its new fetch state in one transaction: all of it commits or
   * none does, so a source is never marked fetched without its items. A duplicate of a stored
   * item (or of one earlier in the group) is skipped. Resolves with the items inserted per source.
   */
  commit(fetches: readonly SourceFetch[]): Promise<number[]>;
}
