import type { IngestStore } from "../domain/index.js";
import type { Db } from "./database.js";
import { createSqliteItemStore } from "./items-repo.js";
import { createSqliteSourceStore } from "./sources-repo.js";

/**
 * Ingest's port on SQLite: synchronous inside, one transaction per commit, so a group of
 * sources is still written with one commit (bench/ingest measures it).
 */
export function createSqliteIngestStore(db: Db): IngestStore {
  const sources = createSqliteSourceStore(db);
  const items = createSqliteItemStore(db);
  const commitAll = db.transaction((fetches: Parameters<IngestStore["commit"]>[0]) =>
    fetches.map((f) => {
      const { inserted } = items.insertBatch(f.items);
      sources.recordFetch(f.id, f.state);
      return inserted;
    }),
  );
  return {
    upsertSources: async (list) => sources.upsert(list),
    fetchState: async (id) => sources.fetchState(id),
    unknown: async (list) => items.unknown(list),
    commit: async (fetches) => commitAll(fetches),
  };
}
