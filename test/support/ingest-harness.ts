import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Source, sourceId } from "../../src/domain/index.js";
import { type IngestDeps, type IngestReport, runIngestPass } from "../../src/ingest/index.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteIngestStore } from "../../src/store/ingest-store.js";
import { createSqliteItemStore } from "../../src/store/items-repo.js";
import { createSqliteSourceStore } from "../../src/store/sources-repo.js";

export const fixtureFeed = (name: string): Buffer => readFileSync(join("test/fixtures/feeds", name));

export function source(id: string, url: string, extra: Partial<Source> = {}): Source {
  return { id: sourceId(id), url, name: id, lang: "vi", fullText: false, weight: 1, ...extra };
}

/** Settings for tests: a short timeout so "never answers" ends quickly, a small body limit. */
export const TEST_SETTINGS = {
  timeoutMs: 1_000,
  maxBodyBytes: 64 * 1024,
  maxRedirects: 3,
  globalConcurrency: 4,
  pauseAfterFailures: 3,
  userAgent: "BantinTest/1 (+loopback)",
} as const;

/** A real SQLite file with the real stores, and one call to run a pass over it. */
export function ingestHarness(dir: string, overrides: Partial<IngestDeps> = {}) {
  const db = openDatabase(join(dir, "bantin.db"));
  const sourceStore = createSqliteSourceStore(db);
  const itemStore = createSqliteItemStore(db);
  let clock = Date.parse("2025-11-22T03:00:00Z");
  return {
    db,
    sourceStore,
    itemStore,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
    run: (sources: readonly Source[], more: Partial<IngestDeps> = {}): Promise<IngestReport> =>
      runIngestPass({
        sources,
        store: createSqliteIngestStore(db),
        settings: TEST_SETTINGS,
        now: () => clock,
        ...overrides,
        ...more,
      }),
    titles: (id: string): string[] =>
      db.prepare("SELECT title FROM items WHERE source_id = ? ORDER BY id").pluck().all(id) as string[],
  };
}
