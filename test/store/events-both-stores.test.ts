import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type IngestStore, sourceId } from "../../src/domain/index.js";
import { EMPTY_FETCH_STATE } from "../../src/ingest/index.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteEventStore, type EventStore } from "../../src/store/events-repo.js";
import { createSqliteIngestStore } from "../../src/store/ingest-store.js";
import { type Port, portOf } from "../../src/store/port.js";
import { createPostgresEventStore } from "../../src/store/postgres/event-store.js";
import { createPostgresIngestStore } from "../../src/store/postgres/ingest-store.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { source } from "../support/ingest-harness.js";
import { aNewItem } from "../support/new-item.js";
import { aPostgresSubscription, migratedPool } from "../support/postgres-store.js";
import { aSubscription } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const postgres = usePostgres();
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

type Row = Record<string, unknown>;

/** The stores under test, a chat's subscription, and plain SQL on the tables they write (rows read, or none). */
interface Opened {
  readonly ingest: IngestStore;
  readonly events: Port<EventStore>;
  readonly sub: number;
  readonly rows: (sql: string) => Promise<Row[]>;
}

const stores: Record<string, () => Promise<Opened>> = {
  SQLite: async () => {
    const db = openDatabase(join(tempDir(), "bantin.db"));
    return {
      ingest: createSqliteIngestStore(db),
      events: portOf(createSqliteEventStore(db)),
      sub: aSubscription(db, { chat: "1" }),
      rows: async (sql) => {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all() as Row[];
        statement.run();
        return [];
      },
    };
  },
  PostgreSQL: async () => {
    const pool = await migratedPool(await postgres.createDatabase());
    closers.push(() => pool.end());
    return {
      ingest: createPostgresIngestStore(pool),
      events: createPostgresEventStore(pool),
      sub: await aPostgresSubscription(pool, "1"),
      rows: async (sql) => (await pool.query<Row>(sql)).rows,
    };
  },
};

const H = 3_600_000;

async function threeReports(ingest: IngestStore): Promise<void> {
  await ingest.upsertSources([source("vov", "http://127.0.0.1/vov"), source("yna", "http://127.0.0.1/yna")]);
  const report = (n: number, src: string, at: number) => aNewItem(n, { sourceId: sourceId(src), publishedAt: at });
  await ingest.commit([
    { id: sourceId("vov"), items: [report(1, "vov", 1 * H), report(2, "vov", 2 * H)], state: EMPTY_FETCH_STATE },
    { id: sourceId("yna"), items: [report(3, "yna", 3 * H)], state: EMPTY_FETCH_STATE },
  ]);
}

for (const [name, open] of Object.entries(stores)) {
  describe(`events on ${name}`, () => {
    it("records analyses, keeps each event's aggregates, and a merge carries items, sent marks and earlier merges", async () => {
      const { ingest, events, sub, rows } = await open();
      await threeReports(ingest);
      const pending = await events.unanalyzed(10);
      expect(pending.map((p) => p.title)).toEqual(["Tin 1", "Tin 2", "Tin 3"]);
      const [a, b, c] = pending.map((p) => p.id) as [number, number, number];
      const at = 4 * H;
      await events.saveAnalyses([
        { itemId: a, relevance: 0.9, topics: ["hat-nhan"], eventId: "ev-a", analyzedAt: at },
        { itemId: b, relevance: 0.4, topics: ["my-trieu"], eventId: "ev-b", analyzedAt: at },
        { itemId: c, relevance: 0.7, topics: ["hat-nhan"], eventId: "ev-c", analyzedAt: at },
      ]);
      expect(await events.unanalyzed(10)).toEqual([]);
      expect((await events.recentAnalyzed(2 * H)).map((r) => [r.title, r.eventId])).toEqual([
        ["Tin 2", "ev-b"],
        ["Tin 3", "ev-c"],
      ]);
      // A chat was shown ev-b; an earlier merge had folded ev-old into ev-b.
      const sent = `INSERT INTO sent_events (subscription_id, event_id, item_count, sent_at) VALUES (${sub}, 'ev-b', 1, 1)`;
      await rows(sent);
      await rows("INSERT INTO event_merges (from_id, into_id, merged_at) VALUES ('ev-old', 'ev-b', 1)");

      await events.saveAnalyses([], [{ from: "ev-b", into: "ev-a" }]);
      expect((await events.eventItems("ev-a")).map((r) => r.title)).toEqual(["Tin 1", "Tin 2"]);
      expect(await events.eventItems("ev-b")).toEqual([]);
      expect(
        await rows(
          "SELECT id, item_count, outlet_count, relevance, topics, first_seen, last_seen FROM events ORDER BY id",
        ),
      ).toEqual([
        {
          id: "ev-a",
          item_count: 2,
          outlet_count: 1,
          relevance: 0.9,
          topics: '["hat-nhan","my-trieu"]',
          first_seen: 1 * H,
          last_seen: 2 * H,
        },
        {
          id: "ev-c",
          item_count: 1,
          outlet_count: 1,
          relevance: 0.7,
          topics: '["hat-nhan"]',
          first_seen: 3 * H,
          last_seen: 3 * H,
        },
      ]);
      expect(await rows("SELECT event_id, item_count FROM sent_events")).toEqual([{ event_id: "ev-a", item_count: 1 }]);
      expect(await rows("SELECT from_id, into_id FROM event_merges ORDER BY from_id")).toEqual([
        { from_id: "ev-b", into_id: "ev-a" },
        { from_id: "ev-old", into_id: "ev-a" },
      ]);
    });

    it("stores an event's headline and replaces a language's summary", async () => {
      const { ingest, events, rows } = await open();
      await threeReports(ingest);
      const [first] = await events.unanalyzed(1);
      await events.saveAnalyses([{ itemId: first!.id, relevance: 1, topics: [], eventId: "ev", analyzedAt: 1 }]);
      const text = {
        eventId: "ev",
        lang: "vi",
        headline: "Tin 1",
        method: "extractive",
        inputHash: "h1",
        summary: "Một",
        createdAt: 1,
      };
      await events.saveEventTexts("ev", "Tin 1", [text]);
      await events.saveEventTexts("ev", "Tin 1 (mới)", [{ ...text, inputHash: "h2", summary: "Hai", createdAt: 2 }]);
      expect(await rows("SELECT headline FROM events")).toEqual([{ headline: "Tin 1 (mới)" }]);
      expect(await rows("SELECT lang, summary, input_hash FROM summaries")).toEqual([
        { lang: "vi", summary: "Hai", input_hash: "h2" },
      ]);
    });
  });
}
