import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  chatId,
  EMPTY_FETCH_STATE,
  eventId,
  type IngestStore,
  type Lang,
  type SourceFetchState,
  type SubscriptionId,
  sourceId,
} from "../../src/domain/index.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteEventStore, type EventStore } from "../../src/store/events-repo.js";
import { createSqliteHealthRepo, type HealthRepo } from "../../src/store/health-repo.js";
import { createSqliteIngestStore } from "../../src/store/ingest-store.js";
import { createSqliteOutboxStore, type OutboxPort, outboxPort } from "../../src/store/outbox-repo.js";
import { type Port, portOf } from "../../src/store/port.js";
import { createPostgresEventStore } from "../../src/store/postgres/event-store.js";
import { createPostgresHealthRepo } from "../../src/store/postgres/health.js";
import { createPostgresIngestStore } from "../../src/store/postgres/ingest-store.js";
import { createPostgresOutboxStore } from "../../src/store/postgres/outbox-store.js";
import { createPostgresSearchRepo } from "../../src/store/postgres/search-repo.js";
import { createPostgresSourceHealthRepo } from "../../src/store/postgres/source-health.js";
import { createPostgresStoryRepo } from "../../src/store/postgres/story-repo.js";
import { createPostgresTelegramUpdateLog } from "../../src/store/postgres/telegram-updates.js";
import { createSqliteSearchRepo, type SearchRepo } from "../../src/store/search-repo.js";
import { createSqliteSourceHealthRepo, type SourceHealthRepo } from "../../src/store/source-health-repo.js";
import { createSqliteStoryRepo, type StoryRepo } from "../../src/store/story-repo.js";
import { createSqliteTelegramUpdateLog, type TelegramUpdateLog } from "../../src/store/telegram-updates-repo.js";
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

/** What the chat commands and the health endpoints read, the stores that write it, and a chat. */
interface Opened {
  readonly ingest: IngestStore;
  readonly events: Port<EventStore>;
  readonly outbox: OutboxPort;
  readonly search: Port<SearchRepo>;
  readonly stories: Port<StoryRepo>;
  readonly sourceHealth: Port<SourceHealthRepo>;
  readonly health: Port<HealthRepo>;
  /** A new update log on the same store, as another replica (or the next process) opens it. */
  readonly updateLog: () => Port<TelegramUpdateLog>;
  readonly sub: SubscriptionId;
}

/**
 * A database whose default collation is a dictionary's (ICU en-US), as a production server's
 * often is, unlike the test server's C: where SQLite orders by bytes, the queries must say so.
 */
async function aDictionaryOrderedDatabase(): Promise<string> {
  const url = new URL(await postgres.createDatabase());
  const name = `${url.pathname.slice(1)}_en_us`;
  const admin = new pg.Client({ connectionString: url.href });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.href;
}

const stores: Record<string, () => Promise<Opened>> = {
  SQLite: async () => {
    const db = openDatabase(join(tempDir(), "bantin.db"));
    return {
      ingest: createSqliteIngestStore(db),
      events: portOf(createSqliteEventStore(db)),
      outbox: outboxPort(createSqliteOutboxStore(db)),
      search: portOf(createSqliteSearchRepo(db)),
      stories: portOf(createSqliteStoryRepo(db)),
      sourceHealth: portOf(createSqliteSourceHealthRepo(db)),
      health: portOf(createSqliteHealthRepo(db)),
      updateLog: () => portOf(createSqliteTelegramUpdateLog(db)),
      sub: aSubscription(db, { chat: "100" }),
    };
  },
  PostgreSQL: async () => {
    const pool = await migratedPool(await aDictionaryOrderedDatabase());
    closers.push(() => pool.end());
    return {
      ingest: createPostgresIngestStore(pool),
      events: createPostgresEventStore(pool),
      outbox: createPostgresOutboxStore(pool, { workerId: "w1" }),
      search: createPostgresSearchRepo(pool),
      stories: createPostgresStoryRepo(pool),
      sourceHealth: createPostgresSourceHealthRepo(pool),
      health: createPostgresHealthRepo(pool),
      updateLog: () => createPostgresTelegramUpdateLog(pool),
      sub: await aPostgresSubscription(pool, "100"),
    };
  },
};

const H = 3_600_000;

interface Report {
  readonly n: number;
  readonly source: string;
  readonly at: number;
  readonly title: string;
  readonly lang?: Lang;
}

const item = ({ n, source: src, at, title, lang = "vi" }: Report) =>
  aNewItem(n, { sourceId: sourceId(src), publishedAt: at, title, lang });

const fetched = (lastSuccessAt: number): SourceFetchState => ({
  ...EMPTY_FETCH_STATE,
  lastStatus: "ok",
  lastFetchedAt: lastSuccessAt,
  lastSuccessAt,
});

/**
 * Four outlets (names that sort differently by bytes, ignoring ASCII case, and in a dictionary),
 * their reports and the events analysis made of them: a launch told by three outlets (a later
 * event merged into it), talks, and a report in no event yet. Yonhap's last fetch failed; RFA
 * was never fetched.
 */
async function aNewsDay({ ingest, events }: Opened): Promise<void> {
  await ingest.upsertSources([
    source("vne", "http://127.0.0.1/vne", { name: "VnExpress" }),
    source("yna", "http://127.0.0.1/yna", { name: "Yonhap", lang: "en" }),
    source("anm", "http://127.0.0.1/anm", { name: "an ninh" }),
    source("rfa", "http://127.0.0.1/rfa", { name: "Đài Á Châu Tự Do" }),
  ]);
  const reports: Report[] = [
    { n: 1, source: "vne", at: 10 * H, title: "Triều Tiên phóng tên lửa" },
    { n: 2, source: "yna", at: 11 * H, title: "N. Korea fires missile", lang: "en" },
    { n: 3, source: "anm", at: 12 * H, title: "Hàn Quốc họp khẩn" },
    { n: 4, source: "vne", at: 12 * H, title: "Đàm phán Mỹ - Triều" },
    { n: 5, source: "anm", at: 13 * H, title: "Giá xăng giảm" },
  ];
  const of = (src: string) => reports.filter((r) => r.source === src).map(item);
  await ingest.commit([
    { id: sourceId("vne"), items: of("vne"), state: fetched(13 * H) },
    {
      id: sourceId("yna"),
      items: of("yna"),
      state: {
        ...fetched(11 * H),
        consecutiveFailures: 2,
        pausedUntil: 15 * H,
        lastStatus: "error",
        lastError: "HTTP 503",
        lastFetchedAt: 14 * H,
      },
    },
    { id: sourceId("anm"), items: of("anm"), state: fetched(14 * H) },
  ]);
  const idOf = new Map((await events.unanalyzed(10)).map((a) => [a.title, a.id]));
  const analysis = (title: string, event: string, relevance: number) => ({
    itemId: idOf.get(title) ?? 0,
    relevance,
    topics: [],
    eventId: event,
    analyzedAt: 14 * H,
  });
  await events.saveAnalyses([
    analysis("Triều Tiên phóng tên lửa", "ev-launch", 0.9),
    analysis("N. Korea fires missile", "ev-launch-en", 0.9),
    analysis("Hàn Quốc họp khẩn", "ev-launch", 0.8),
    analysis("Đàm phán Mỹ - Triều", "ev-talks", 0.7),
  ]);
  await events.saveAnalyses([], [{ from: "ev-launch-en", into: "ev-launch" }]);
  await events.saveEventTexts("ev-launch", "Triều Tiên phóng tên lửa", []);
}

for (const [name, open] of Object.entries(stores)) {
  describe(`the chat's stores on ${name}`, () => {
    it("/search scans the recent reports newest first, each with its event's headline when it has one", async () => {
      const opened = await open();
      await aNewsDay(opened);
      const hits = await opened.search.recentItems(11 * H, 10);
      // Two reports at 12:00: the one stored later comes first.
      expect(hits.map((h) => [h.title, h.sourceName, h.eventId, h.eventHeadline, h.publishedAt])).toEqual([
        ["Giá xăng giảm", "an ninh", null, null, 13 * H],
        ["Hàn Quốc họp khẩn", "an ninh", "ev-launch", "Triều Tiên phóng tên lửa", 12 * H],
        ["Đàm phán Mỹ - Triều", "VnExpress", "ev-talks", null, 12 * H],
        ["N. Korea fires missile", "Yonhap", "ev-launch", "Triều Tiên phóng tên lửa", 11 * H],
      ]);
      expect(hits[3]).toMatchObject({ url: "http://127.0.0.1/2", lead: "Lời dẫn 2", itemId: expect.any(Number) });
      expect((await opened.search.recentItems(0, 2)).map((h) => h.title)).toEqual([
        "Giá xăng giảm",
        "Hàn Quốc họp khẩn",
      ]);
      expect(await opened.search.recentItems(14 * H, 10)).toEqual([]);
    });

    it("/story tells a story oldest first, under the id it was shown by even after a merge", async () => {
      const opened = await open();
      await aNewsDay(opened);
      const launch = await opened.stories.timeline(eventId("ev-launch-en"));
      expect(launch).toMatchObject({ eventId: "ev-launch", headline: "Triều Tiên phóng tên lửa" });
      expect(launch?.reports).toEqual([
        {
          title: "Triều Tiên phóng tên lửa",
          lead: "Lời dẫn 1",
          url: "http://127.0.0.1/1",
          lang: "vi",
          outlet: "VnExpress",
          publishedAt: 10 * H,
        },
        {
          title: "N. Korea fires missile",
          lead: "Lời dẫn 2",
          url: "http://127.0.0.1/2",
          lang: "en",
          outlet: "Yonhap",
          publishedAt: 11 * H,
        },
        {
          title: "Hàn Quốc họp khẩn",
          lead: "Lời dẫn 3",
          url: "http://127.0.0.1/3",
          lang: "vi",
          outlet: "an ninh",
          publishedAt: 12 * H,
        },
      ]);
      // A merge of a merge: the story is found from its first id too.
      await opened.events.saveAnalyses([], [{ from: "ev-launch", into: "ev-talks" }]);
      expect((await opened.stories.timeline(eventId("ev-launch-en")))?.reports.map((r) => r.publishedAt)).toEqual([
        10 * H,
        11 * H,
        12 * H,
        12 * H,
      ]);
      expect(await opened.stories.timeline(eventId("ev-never"))).toBeUndefined();
    });

    it("/story numbers the last digest or alert the chat was given, whoever recorded it", async () => {
      const opened = await open();
      const { stories, outbox, sub } = opened;
      await aNewsDay(opened);
      expect(await stories.lastShown(sub)).toEqual([]);
      await outbox.enqueue({
        subscriptionId: sub,
        platform: "telegram",
        chatId: chatId("100"),
        slot: "2026-11-23T07:00@Asia/Ho_Chi_Minh",
        kind: "briefing",
        document: "{}",
        parts: ["x"],
        events: [
          { eventId: eventId("ev-talks"), itemCount: 1 },
          { eventId: eventId("ev-launch"), itemCount: 3 },
        ],
        now: 15 * H,
      });
      expect(await stories.lastShown(sub)).toEqual(["ev-talks", "ev-launch"]);
      await stories.rememberShown(sub, [eventId("ev-launch")], 16 * H);
      expect(await stories.lastShown(sub)).toEqual(["ev-launch"]);
    });

    it("/story weighs the window's events as earlier parts of a thread, newest first, ties in id order", async () => {
      const opened = await open();
      await aNewsDay(opened);
      // A summit first seen at the same hour as the talks, under an id that sorts before theirs by
      // bytes (Y before t), though after it in a dictionary's order.
      await opened.ingest.commit([
        {
          id: sourceId("vne"),
          items: [item({ n: 6, source: "vne", at: 12 * H, title: "Thượng đỉnh" })],
          state: fetched(14 * H),
        },
      ]);
      const summit = (await opened.events.unanalyzed(10)).find((a) => a.title === "Thượng đỉnh");
      await opened.events.saveAnalyses([
        { itemId: summit?.id ?? 0, relevance: 0.9, topics: [], eventId: "ev-Yalta", analyzedAt: 15 * H },
      ]);
      const text = (lang: string, method: string, headline: string, createdAt: number) => ({
        eventId: "ev-launch",
        lang,
        headline,
        method,
        inputHash: "h",
        summary: "",
        createdAt,
      });
      await opened.events.saveEventTexts("ev-launch", "Triều Tiên phóng tên lửa", [
        text("vi", "llm", "Triều Tiên phóng tên lửa đạn đạo", 1),
        text("vi", "extractive", "Triều Tiên phóng tên lửa", 2),
        text("en", "extractive", "North Korea fires a missile", 3),
      ]);
      const window = { since: 9 * H, before: 13 * H, minRelevance: 0.75, limit: 10 };
      const candidates = await opened.stories.threadCandidates(window);
      expect(candidates.map((c) => [c.id, c.firstSeen, c.itemCount, c.outletCount])).toEqual([
        ["ev-Yalta", 12 * H, 1, 1],
        ["ev-launch", 10 * H, 3, 3],
      ]);
      expect(candidates[1]?.headlines).toEqual({
        vi: "Triều Tiên phóng tên lửa đạn đạo",
        en: "North Korea fires a missile",
      });
      expect(candidates[1]?.reports).toEqual([
        { title: "Triều Tiên phóng tên lửa", lead: "Lời dẫn 1", lang: "vi" },
        { title: "N. Korea fires missile", lead: "Lời dẫn 2", lang: "en" },
        { title: "Hàn Quốc họp khẩn", lead: "Lời dẫn 3", lang: "vi" },
      ]);
      const allRelevant = { ...window, minRelevance: 0 };
      expect((await opened.stories.threadCandidates(allRelevant)).map((c) => c.id)).toEqual([
        "ev-Yalta",
        "ev-talks",
        "ev-launch",
      ]);
      expect((await opened.stories.threadCandidates({ ...allRelevant, limit: 1, since: 11 * H })).length).toBe(1);
      expect(await opened.stories.threadCandidates({ ...allRelevant, before: 10 * H })).toEqual([]);
    });

    it("/sources lists each source's health by name, ignoring case, and /status the last ingest", async () => {
      const opened = await open();
      expect(await opened.sourceHealth.lastIngestAt()).toBeNull();
      await aNewsDay(opened);
      const health = await opened.sourceHealth.all();
      // As SQLite's NOCASE: only A-Z fold, and Đ comes after every ASCII letter.
      expect(health.map((s) => s.name)).toEqual(["an ninh", "VnExpress", "Yonhap", "Đài Á Châu Tự Do"]);
      expect(health[2]).toEqual({
        id: "yna",
        name: "Yonhap",
        lang: "en",
        consecutiveFailures: 2,
        pausedUntil: 15 * H,
        lastStatus: "error",
        lastError: "HTTP 503",
        lastSuccessAt: 11 * H,
      });
      expect(await opened.sourceHealth.lastIngestAt()).toBe(14 * H);
    });

    it("/healthz and /metrics read the database's state", async () => {
      const opened = await open();
      const { health, outbox, sub } = opened;
      await expect(health.ping()).resolves.toBeUndefined();
      expect(await health.lastIngestSuccessAt()).toBeNull();
      await aNewsDay(opened);
      await outbox.enqueue({
        subscriptionId: sub,
        platform: "telegram",
        chatId: chatId("100"),
        slot: "2026-11-23T07:00@Asia/Ho_Chi_Minh",
        kind: "briefing",
        document: "{}",
        parts: ["one", "two"],
        events: [],
        now: 15 * H,
      });
      const [first] = await outbox.claimDue(15 * H, 1);
      await outbox.markSent(first?.id ?? 0, "m1", 15 * H);
      expect(await health.lastIngestSuccessAt()).toBe(14 * H);
      expect(await health.statistics()).toEqual({
        itemsBySource: [
          { sourceId: "anm", items: 2 },
          { sourceId: "vne", items: 2 },
          { sourceId: "yna", items: 1 },
        ],
        sources: [
          { sourceId: "anm", consecutiveFailures: 0, lastStatus: "ok", lastSuccessAt: 14 * H },
          { sourceId: "rfa", consecutiveFailures: 0, lastStatus: null, lastSuccessAt: null },
          { sourceId: "vne", consecutiveFailures: 0, lastStatus: "ok", lastSuccessAt: 13 * H },
          { sourceId: "yna", consecutiveFailures: 2, lastStatus: "error", lastSuccessAt: 11 * H },
        ],
        events: 2,
        deliveries: [
          { platform: "telegram", state: "pending", count: 1 },
          { platform: "telegram", state: "sent", count: 1 },
        ],
      });
    });

    it("a Telegram update is handled once, by one of two replicas handed it at once", async () => {
      const { updateLog } = await open();
      const [a, b] = [updateLog(), updateLog()];
      const answers = await Promise.all([a.firstSeen(7, H), b.firstSeen(7, H)]);
      expect(answers.sort()).toEqual([false, true]);
      expect(await updateLog().firstSeen(7, 2 * H)).toBe(false);
      expect(await a.firstSeen(8, 2 * H)).toBe(true);
    });

    it("forgets updates older than a day, on every 500th new one a log records", async () => {
      const { updateLog } = await open();
      const log = updateLog();
      expect(await log.firstSeen(1, 0)).toBe(true);
      const dayLater = 25 * H;
      expect(await log.firstSeen(2, 2 * H)).toBe(true);
      for (let id = 3; id < 500; id++) await log.firstSeen(id, dayLater);
      // 499 new so far: nothing pruned, so a redelivery of the first is still one.
      expect(await log.firstSeen(1, dayLater)).toBe(false);
      expect(await log.firstSeen(500, dayLater)).toBe(true);
      // The 500th pruned what was handled more than a day before it, and only that.
      expect(await log.firstSeen(1, dayLater)).toBe(true);
      expect(await log.firstSeen(2, dayLater)).toBe(false);
    });
  });
}
