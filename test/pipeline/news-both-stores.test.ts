import { join } from "node:path";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadSettings } from "../../src/config/index.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import { loadTopics } from "../../src/config/topics.js";
import { renderPlainText } from "../../src/digest/index.js";
import { runIngestPass } from "../../src/ingest/index.js";
import { analyzePending } from "../../src/pipeline/analyze-pending.js";
import { composeDigest, composeDigestFrom } from "../../src/pipeline/compose-digest.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteEventStore } from "../../src/store/events-repo.js";
import { createSqliteIngestStore } from "../../src/store/ingest-store.js";
import { portOf } from "../../src/store/port.js";
import { createPostgresDigestSource } from "../../src/store/postgres/digest-source.js";
import { createPostgresEventStore } from "../../src/store/postgres/event-store.js";
import { createPostgresIngestStore } from "../../src/store/postgres/ingest-store.js";
import { busyDay, serveBusyDay } from "../support/busy-day.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { useFeedServer } from "../support/feed-server.js";
import { TEST_SETTINGS } from "../support/ingest-harness.js";
import { migratedPool } from "../support/postgres-store.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const postgres = usePostgres();
const feedServer = useFeedServer();
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

const NOW = Date.parse("2026-12-01T12:00:00Z");
const H = 3_600_000;

const settings = loadSettings("absent.yaml");
const analysis = { topics: loadTopics(), concepts: loadLexicon(), settings, now: NOW };
const request = { topics: [], lang: "vi" as const, timezone: "Asia/Ho_Chi_Minh", since: NOW - 24 * H, minRelevance: 0 };

/** Which items each event holds, by item URL, as one sorted list of groups: comparable across stores. */
const partition = (rows: readonly { url: string; event_id: string }[]): string[][] => {
  const groups = new Map<string, string[]>();
  for (const r of rows) groups.set(r.event_id, [...(groups.get(r.event_id) ?? []), r.url]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
};
const MEMBERSHIP = "SELECT i.url, ei.event_id FROM items i JOIN event_items ei ON ei.item_id = i.id";

describe("the news pipeline on SQLite and on PostgreSQL", () => {
  it("ingests and analyses a busy day into the same events, and both give the same digest", async () => {
    const sources = serveBusyDay(await feedServer(), NOW);

    const db = openDatabase(join(tempDir(), "bantin.db"));
    const pool = await migratedPool(await postgres.createDatabase());
    pools.push(pool);
    const stores = [
      { ingest: createSqliteIngestStore(db), events: portOf(createSqliteEventStore(db)) },
      { ingest: createPostgresIngestStore(pool), events: createPostgresEventStore(pool) },
    ];
    for (const { ingest, events } of stores) {
      const report = await runIngestPass({ sources, store: ingest, settings: TEST_SETTINGS, now: () => NOW });
      expect(report.sources.reduce((n, s) => n + s.new, 0)).toBe(busyDay.items.length);
      const analysed = await analyzePending({ ...analysis, store: events });
      expect(analysed.analyzed).toBe(busyDay.items.length);
      // A second run finds nothing left to do.
      expect((await analyzePending({ ...analysis, store: events })).analyzed).toBe(0);
    }

    const fromSqlite = partition(db.prepare(MEMBERSHIP).all() as { url: string; event_id: string }[]);
    const fromPostgres = partition((await pool.query<{ url: string; event_id: string }>(MEMBERSHIP)).rows);
    expect(fromPostgres).toEqual(fromSqlite);
    // Not one event holding everything, nor every report alone.
    expect(fromSqlite.length).toBeGreaterThan(1);
    expect(fromSqlite.length).toBeLessThan(busyDay.items.length);

    const digestSqlite = renderPlainText(composeDigest(db, request, NOW));
    const digestPostgres = renderPlainText(await composeDigestFrom(createPostgresDigestSource(pool), request, NOW));
    expect(digestPostgres).toBe(digestSqlite);
    expect(digestSqlite).toContain("Báo A");
    db.close();
  });
});
