import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chatId, eventId, type IngestStore, type SubscriptionId, sourceId } from "../../src/domain/index.js";
import { contentHash, EMPTY_FETCH_STATE } from "../../src/ingest/index.js";
import { type AlertEventSource, createSqliteAlertEventSource } from "../../src/store/alert-events-repo.js";
import { type BriefingEditStore, createSqliteBriefingEditStore } from "../../src/store/briefing-edits-repo.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteEventStore, type EventStore } from "../../src/store/events-repo.js";
import { createSqliteIngestStore } from "../../src/store/ingest-store.js";
import { createSqliteOutboxStore, type OutboxPort, outboxPort } from "../../src/store/outbox-repo.js";
import { type Port, portOf } from "../../src/store/port.js";
import { createPostgresAlertEventSource } from "../../src/store/postgres/alert-events.js";
import { createPostgresBriefingEditStore } from "../../src/store/postgres/briefing-edits.js";
import { createPostgresEventStore } from "../../src/store/postgres/event-store.js";
import { createPostgresIngestStore } from "../../src/store/postgres/ingest-store.js";
import { createPostgresOutboxStore } from "../../src/store/postgres/outbox-store.js";
import { createPostgresSchedulerCursor } from "../../src/store/postgres/scheduler-cursor.js";
import { createSqliteSchedulerCursor, type SchedulerCursor } from "../../src/store/scheduler-cursor-repo.js";
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

/** What the scheduler reads and writes besides subscriptions, on one store. */
interface Opened {
  readonly cursor: Port<SchedulerCursor>;
  readonly alerts: Port<AlertEventSource>;
  readonly edits: Port<BriefingEditStore>;
  readonly outbox: OutboxPort;
  readonly ingest: IngestStore;
  readonly events: Port<EventStore>;
  readonly sub: SubscriptionId;
}

const stores: Record<string, () => Promise<Opened>> = {
  SQLite: async () => {
    const db = openDatabase(join(tempDir(), "bantin.db"));
    return {
      cursor: portOf(createSqliteSchedulerCursor(db)),
      alerts: portOf(createSqliteAlertEventSource(db)),
      edits: portOf(createSqliteBriefingEditStore(db)),
      outbox: outboxPort(createSqliteOutboxStore(db)),
      ingest: createSqliteIngestStore(db),
      events: portOf(createSqliteEventStore(db)),
      sub: aSubscription(db, { chat: "7" }),
    };
  },
  PostgreSQL: async () => {
    const pool = await migratedPool(await postgres.createDatabase());
    closers.push(() => pool.end());
    return {
      cursor: createPostgresSchedulerCursor(pool),
      alerts: createPostgresAlertEventSource(pool),
      edits: createPostgresBriefingEditStore(pool),
      outbox: createPostgresOutboxStore(pool, { workerId: "w1" }),
      ingest: createPostgresIngestStore(pool),
      events: createPostgresEventStore(pool),
      sub: await aPostgresSubscription(pool, "7"),
    };
  },
};

const H = 3_600_000;

/** Two events: a launch told by two outlets in two languages (a later event merged into it), and a meeting. */
async function twoEvents({ ingest, events }: Opened): Promise<void> {
  await ingest.upsertSources([
    source("vne", "http://127.0.0.1/vne", { name: "VnExpress" }),
    source("yna", "http://127.0.0.1/yna", { name: "Yonhap", lang: "en" }),
  ]);
  const report = (n: number, src: string, lang: "vi" | "en", at: number) =>
    aNewItem(n, {
      sourceId: sourceId(src),
      lang,
      publishedAt: at,
      lead: `Lời dẫn ${n}`,
      contentHash: contentHash(`Tin ${n}`, ""),
    });
  await ingest.commit([
    {
      id: sourceId("vne"),
      items: [report(1, "vne", "vi", 10 * H), report(3, "vne", "vi", 12 * H)],
      state: EMPTY_FETCH_STATE,
    },
    { id: sourceId("yna"), items: [report(2, "yna", "en", 11 * H)], state: EMPTY_FETCH_STATE },
  ]);
  const [a, b, c] = (await events.unanalyzed(10)).map((p) => p.id) as [number, number, number];
  const at = 13 * H;
  await events.saveAnalyses([
    { itemId: a, relevance: 0.9, topics: ["ten-lua"], eventId: "ev-launch", analyzedAt: at },
    { itemId: b, relevance: 0.9, topics: ["ten-lua"], eventId: "ev-launch-en", analyzedAt: at },
    { itemId: c, relevance: 0.8, topics: ["dam-phan"], eventId: "ev-talks", analyzedAt: at },
  ]);
  await events.saveAnalyses([], [{ from: "ev-launch-en", into: "ev-launch" }]);
  const text = (lang: string, method: string, summary: string, createdAt: number) => ({
    eventId: "ev-launch",
    lang,
    headline: `${lang} headline`,
    method,
    inputHash: "h",
    summary,
    createdAt,
  });
  await events.saveEventTexts("ev-launch", "vi headline", [
    text("vi", "extractive", "older extractive", 1),
    text("vi", "llm", "the llm summary", 0),
    text("en", "extractive", "english summary", 2),
  ]);
}

for (const [name, open] of Object.entries(stores)) {
  describe(`the scheduler's stores on ${name}`, () => {
    it("keeps each job's cursor", async () => {
      const { cursor } = await open();
      expect(await cursor.read("briefing")).toBeUndefined();
      await cursor.write("briefing", 1_700_000_000_000);
      await cursor.write("briefing", 1_700_000_060_000);
      await cursor.write("weekly", 5);
      expect(await cursor.read("briefing")).toBe(1_700_000_060_000);
      expect(await cursor.read("weekly")).toBe(5);
    });

    it("gives alerts each recent event with its reports oldest first, its best text per language and its former ids", async () => {
      const opened = await open();
      await twoEvents(opened);
      const recent = await opened.alerts.recentEvents(11 * H);
      expect(recent.map((e) => [e.eventId, e.itemCount, e.formerIds])).toEqual([
        ["ev-launch", 2, ["ev-launch-en"]],
        ["ev-talks", 1, []],
      ]);
      const launch = recent[0]!;
      expect(launch.reports.map((r) => [r.sourceName, r.lang, r.title])).toEqual([
        ["VnExpress", "vi", "Tin 1"],
        ["Yonhap", "en", "Tin 2"],
      ]);
      expect(launch.texts.map((t) => [t.lang, t.summary])).toEqual([
        ["en", "english summary"],
        ["vi", "the llm summary"],
      ]);
      expect(launch.topics).toEqual(["ten-lua"]);
      expect((await opened.alerts.recentEvents(13 * H)).map((e) => e.eventId)).toEqual([]);
    });

    it("lists briefings once every part was sent, and queues edits that replace an older waiting one", async () => {
      const { outbox, edits, sub } = await open();
      await outbox.enqueue({
        subscriptionId: sub,
        platform: "telegram",
        chatId: chatId("7"),
        slot: "2026-12-01T07:00@Asia/Ho_Chi_Minh",
        kind: "briefing",
        document: '{"v":1}',
        parts: ["one", "two"],
        events: [{ eventId: eventId("ev-launch"), itemCount: 2 }],
        now: 1_000,
      });
      const [first] = await outbox.claimDue(2_000, 10);
      await outbox.markSent(first!.id, "m1", 2_001);
      expect(await edits.sentSince(0)).toEqual([]);
      const [second] = await outbox.claimDue(2_002, 10);
      await outbox.markSent(second!.id, "m2", 2_003);
      const [sent] = await edits.sentSince(0);
      expect(sent).toMatchObject({ subscriptionId: sub, createdAt: 1_000, document: '{"v":1}' });
      expect(sent!.parts).toEqual([
        { deliveryId: first!.id, part: 0 },
        { deliveryId: second!.id, part: 1 },
      ]);
      expect(await edits.sentSince(1_001)).toEqual([]);

      const edit = (document: string, payload: string, now: number) =>
        edits.enqueueEdits({ digestId: sent!.digestId, document, parts: [{ deliveryId: second!.id, payload }], now });
      await edit('{"v":2}', "two, grown", 3_000);
      await edit('{"v":3}', "two, grown again", 3_001);
      // The first edit is superseded; the second goes out, replacing the message part two was.
      const [queued, ...rest] = await outbox.claimDue(4_000, 10);
      expect(rest).toEqual([]);
      expect(queued).toMatchObject({
        payload: "two, grown again",
        part: 1,
        edit: { messageId: "m2", firstPartId: "m1" },
      });
      expect(queued!.dedupeKey).toMatch(/:edit2$/);
      expect(await outbox.countByState()).toEqual({ pending: 0, sending: 1, sent: 2, failed: 1 });
      expect((await edits.sentSince(0))[0]?.document).toBe('{"v":3}');
    });
  });
}
