import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sourceId } from "../../src/domain/index.js";
import { EMPTY_FETCH_STATE, type NewItem } from "../../src/ingest/index.js";
import { createIngestWriter } from "../../src/ingest/ingest-writer.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteIngestStore } from "../../src/store/ingest-store.js";
import { createSqliteItemStore } from "../../src/store/items-repo.js";
import { bundledMigrations } from "../../src/store/migrations.js";
import { createSqliteSourceStore } from "../../src/store/sources-repo.js";
import { source } from "../support/ingest-harness.js";
import { aNewItem } from "../support/new-item.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

const item = (id: string, n: number): NewItem => aNewItem(n, { sourceId: sourceId(id) });

function stores() {
  const db = openDatabase(join(tempDir(), "bantin.db"));
  const sourceStore = createSqliteSourceStore(db);
  sourceStore.upsert([source("a", "https://a.example/rss"), source("b", "https://b.example/rss")]);
  return { db, sourceStore, itemStore: createSqliteItemStore(db), ingest: createSqliteIngestStore(db) };
}

const fetched = { ...EMPTY_FETCH_STATE, lastStatus: "ok", etag: '"1"', lastFetchedAt: 5 } as const;

describe("ingest writer", () => {
  it("commits several sources' items and fetch states together once enough items wait", async () => {
    const { sourceStore, itemStore, ingest } = stores();
    const writer = createIngestWriter(ingest, 3);
    const a = writer.stage(sourceId("a"), [item("a", 1), item("a", 2)], fetched);
    expect(itemStore.count()).toBe(0);
    expect(sourceStore.fetchState(sourceId("a")).etag).toBeNull();
    const b = writer.stage(sourceId("b"), [item("b", 3), item("b", 1)], fetched);
    expect(await Promise.all([a, b])).toEqual([2, 1]);
    expect(itemStore.count()).toBe(3);
    expect(sourceStore.fetchState(sourceId("b")).etag).toBe('"1"');
  });

  it("a failed commit writes nothing of its group: no item, no source marked fetched", async () => {
    const { sourceStore, itemStore, ingest } = stores();
    const writer = createIngestWriter(ingest);
    const good = writer.stage(sourceId("a"), [item("a", 1)], fetched);
    // An item of a source without a row breaks the foreign key, and with it the whole group.
    const bad = writer.stage(sourceId("b"), [item("gone", 2)], fetched);
    await writer.flush();
    await expect(good).rejects.toThrow(/FOREIGN KEY/);
    await expect(bad).rejects.toThrow(/FOREIGN KEY/);
    expect(itemStore.count()).toBe(0);
    expect(sourceStore.fetchState(sourceId("a")).lastStatus).toBeNull();
  });
});

describe("deduplication by content", () => {
  const moved = (n: number, id = "b"): NewItem => ({
    ...item(id, n),
    guid: `moved-${n}`,
    url: `https://b.example/${n}`,
  });

  it("skips a story already stored under another guid and address, in any source, and in the same batch", async () => {
    const { itemStore, ingest } = stores();
    const writer = createIngestWriter(ingest);
    const first = writer.stage(sourceId("a"), [item("a", 1), item("a", 2)], fetched);
    await writer.flush();
    expect(await first).toBe(2);
    const again = writer.stage(
      sourceId("b"),
      [moved(1), moved(3), { ...moved(3), guid: "x", url: "https://b.example/x" }],
      fetched,
    );
    await writer.flush();
    expect(await again).toBe(1);
    expect(itemStore.unknown([moved(2), moved(4)]).map((i) => i.guid)).toEqual(["moved-4"]);
  });

  it("keeps deduplicating the items a store held before its upgrade", async () => {
    const path = join(tempDir(), "old.db");
    const old = openDatabase(path, { migrations: bundledMigrations().filter((m) => m.version === 1) });
    createSqliteSourceStore(old).upsert([source("a", "https://a.example/rss"), source("b", "https://b.example/rss")]);
    createSqliteItemStore(old).insertBatch([item("a", 1)]);
    old.close();
    const db = openDatabase(path);
    const itemStore = createSqliteItemStore(db);
    expect(itemStore.insertBatch([moved(1), moved(2)]).inserted).toBe(1);
    expect(itemStore.count()).toBe(2);
  });
});
