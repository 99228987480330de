import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type IngestStore, sourceId } from "../../src/domain/index.js";
import { EMPTY_FETCH_STATE, runIngestPass } from "../../src/ingest/index.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteIngestStore } from "../../src/store/ingest-store.js";
import { type Port, portOf } from "../../src/store/port.js";
import { createPostgresIngestStore } from "../../src/store/postgres/ingest-store.js";
import { createPostgresSourceStore } from "../../src/store/postgres/source-store.js";
import { createSqliteSourceStore, type SourceStore } from "../../src/store/sources-repo.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { useFeedServer } from "../support/feed-server.js";
import { fixtureFeed, source, TEST_SETTINGS } from "../support/ingest-harness.js";
import { aNewItem } from "../support/new-item.js";
import { migratedPool } from "../support/postgres-store.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const postgres = usePostgres();
const feedServer = useFeedServer();
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

/** The ingest port and a way to read back what it stored, on one store. */
interface Opened {
  readonly store: IngestStore;
  readonly sources: Port<SourceStore>;
  readonly titles: () => Promise<string[]>;
}

const stores: Record<string, () => Promise<Opened>> = {
  SQLite: async () => {
    const db = openDatabase(join(tempDir(), "bantin.db"));
    return {
      store: createSqliteIngestStore(db),
      sources: portOf(createSqliteSourceStore(db)),
      titles: async () => db.prepare("SELECT title FROM items ORDER BY title").pluck().all() as string[],
    };
  },
  PostgreSQL: async () => {
    const pool = await migratedPool(await postgres.createDatabase());
    closers.push(() => pool.end());
    return {
      store: createPostgresIngestStore(pool),
      sources: createPostgresSourceStore(pool),
      titles: async () =>
        (await pool.query<{ title: string }>("SELECT title FROM items ORDER BY title")).rows.map((r) => r.title),
    };
  },
};

const RSS = { "content-type": "application/rss+xml; charset=utf-8" };

const item = aNewItem;

const fetched = { ...EMPTY_FETCH_STATE, lastStatus: "ok", etag: '"1"', lastFetchedAt: 5 } as const;

for (const [name, open] of Object.entries(stores)) {
  describe(`ingest on ${name}`, () => {
    it("a pass over loopback feeds stores each story once, and a second pass adds nothing", async () => {
      const server = await feedServer();
      server.route("/vn.rss", { headers: RSS, body: fixtureFeed("vn-world.rss") });
      server.route("/mirror.rss", { headers: RSS, body: fixtureFeed("vn-world.rss") });
      server.route("/en.atom", {
        headers: { "content-type": "application/atom+xml" },
        body: fixtureFeed("en-korea.atom"),
      });
      const { store, titles } = await open();
      const sources = [
        source("vn", server.url("/vn.rss")),
        source("mirror", server.url("/mirror.rss")),
        source("en", server.url("/en.atom"), { lang: "en" }),
      ];
      const first = await runIngestPass({ sources, store, settings: TEST_SETTINGS });
      expect(first.sources.map((s) => s.status)).toEqual(["ok", "ok", "ok"]);
      expect(first.sources.reduce((n, s) => n + s.new, 0)).toBe(5);
      expect(await titles()).toContain("Hàn Quốc kêu gọi hòa bình trên bán đảo");
      const second = await runIngestPass({ sources, store, settings: TEST_SETTINGS });
      expect(second.sources.map((s) => s.new)).toEqual([0, 0, 0]);
      expect(await titles()).toHaveLength(5);
      expect((await store.fetchState(sourceId("vn"))).lastStatus).toBe("ok");
    });

    it("skips a story stored under another guid and address, and its repeat inside one group", async () => {
      const { store, titles } = await open();
      await store.upsertSources([source("a", "https://a.example/rss")]);
      expect(await store.commit([{ id: sourceId("a"), items: [item(1), item(2)], state: fetched }])).toEqual([2]);
      const moved = (n: number, tag: string) => item(n, { guid: `${tag}-${n}`, url: `https://b.example/${tag}/${n}` });
      expect(await store.unknown([moved(1, "x"), moved(3, "x")])).toEqual([moved(3, "x")]);
      expect(
        await store.commit([
          { id: sourceId("a"), items: [moved(1, "x"), moved(3, "x")], state: fetched },
          { id: sourceId("a"), items: [moved(3, "y")], state: fetched },
        ]),
      ).toEqual([1, 0]);
      expect(await titles()).toEqual(["Tin 1", "Tin 2", "Tin 3"]);
      expect(await store.fetchState(sourceId("a"))).toMatchObject({ etag: '"1"', lastFetchedAt: 5 });
    });

    it("a failed commit writes nothing of its group: no item, no source marked fetched", async () => {
      const { store, titles } = await open();
      await store.upsertSources([source("a", "https://a.example/rss")]);
      // An item of a source without a row breaks the foreign key, and with it the whole group.
      await expect(
        store.commit([
          { id: sourceId("a"), items: [item(1)], state: fetched },
          { id: sourceId("a"), items: [item(2, { sourceId: sourceId("gone") })], state: fetched },
        ]),
      ).rejects.toThrow(/foreign key/i);
      expect(await titles()).toEqual([]);
      expect(await store.fetchState(sourceId("a"))).toEqual(EMPTY_FETCH_STATE);
    });

    it("sources list in id order with their item counts; add refuses a taken id; remove deletes its items too", async () => {
      const { store, sources, titles } = await open();
      expect(await sources.add(source("b", "https://b.example/rss"))).toBe(true);
      expect(await sources.add(source("a", "https://a.example/rss", { lang: "en", fullText: true }))).toBe(true);
      expect(await sources.add(source("a", "https://other.example/rss"))).toBe(false);
      await store.commit([{ id: sourceId("a"), items: [item(1), item(2)], state: fetched }]);
      expect((await sources.list()).map((s) => [s.id, s.items, s.lang, s.fullText, s.etag])).toEqual([
        ["a", 2, "en", true, '"1"'],
        ["b", 0, "vi", false, null],
      ]);
      expect(await sources.get(sourceId("a"))).toMatchObject({ url: "https://a.example/rss", lastFetchedAt: 5 });
      expect(await sources.get(sourceId("nope"))).toBeUndefined();
      expect(await sources.remove(sourceId("a"))).toBe(true);
      expect(await sources.remove(sourceId("a"))).toBe(false);
      expect(await titles()).toEqual([]);
    });

    it("a source's new address drops its validators; its fetch state otherwise survives an upsert", async () => {
      const { store } = await open();
      await store.upsertSources([source("a", "https://a.example/rss")]);
      await store.commit([{ id: sourceId("a"), items: [], state: { ...fetched, consecutiveFailures: 2 } }]);
      await store.upsertSources([source("a", "https://a.example/rss", { name: "A" })]);
      expect(await store.fetchState(sourceId("a"))).toMatchObject({ etag: '"1"', consecutiveFailures: 2 });
      await store.upsertSources([source("a", "https://a.example/new.rss")]);
      expect(await store.fetchState(sourceId("a"))).toMatchObject({ etag: null, consecutiveFailures: 2 });
    });
  });
}
