import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { renderPlainText } from "../../src/digest/index.js";
import { chatId, eventId } from "../../src/domain/index.js";
import { composeDigest, composeDigestFrom } from "../../src/pipeline/compose-digest.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteOutboxStore } from "../../src/store/outbox-repo.js";
import { createPostgresDigestSource } from "../../src/store/postgres/digest-source.js";
import { AdvisoryLockKey, BANTIN_LOCK_CLASS, useNumbersForInt8 } from "../../src/store/postgres/index.js";
import { busyDay, serveBusyDay, sourcesYaml } from "../support/busy-day.js";
import { seedNews } from "../support/chat-fixtures.js";
import { cli } from "../support/cli.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { useFeedServer } from "../support/feed-server.js";
import { testPool } from "../support/postgres-store.js";
import { anEvent, aSource, aSubscription } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

useNumbersForInt8();
const tempDir = useTempDir();
const postgres = usePostgres();
const feedServer = useFeedServer();
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});
const NOW = Date.now();

/** A store a user has run for a while: news in two languages, a chat, a briefing sent. */
function aUsedStore(): { path: string; sub: number } {
  const path = join(tempDir(), "bantin.db");
  const db = openDatabase(path);
  seedNews(db, NOW);
  aSource(db, { id: "yna", name: "Yonhap" });
  anEvent(db, {
    id: "talks",
    headline: "Hàn Quốc và Mỹ họp về hạt nhân Triều Tiên",
    topics: ["hat-nhan"],
    relevance: 0.9,
    reports: [
      { source: "vne", at: NOW - 3 * 3600_000, guid: "t1" },
      { source: "yna", at: NOW - 2 * 3600_000, guid: "t2", lang: "en", title: "Seoul, Washington hold nuclear talks" },
    ],
    summaries: [{ lang: "vi", summary: "Hai bên họp tại Seoul về chương trình hạt nhân của Triều Tiên." }],
  });
  const sub = aSubscription(db, { chat: "42", topics: ["hat-nhan"] });
  createSqliteOutboxStore(db).enqueue({
    subscriptionId: sub,
    platform: "telegram",
    chatId: chatId("42"),
    slot: "2026-12-01T07:00@Asia/Ho_Chi_Minh",
    kind: "briefing",
    document: "{}",
    parts: ["<b>Bản tin</b>", "<b>phần hai</b>"],
    events: [{ eventId: eventId("e1"), itemCount: 2 }],
    now: NOW - 3600_000,
  });
  db.close();
  return { path, sub };
}

describe("db copy and db migrate on PostgreSQL", () => {
  it("copies a SQLite store into an empty PostgreSQL, and both give the same digest", async () => {
    const { path, sub } = aUsedStore();
    const url = await postgres.createDatabase();
    const copied = await cli(["db", "copy", "--to", url, "--db", path]);
    expect(copied.code).toBe(0);
    expect(copied.stdout).toMatch(/^copied .+ to postgres:\/\/.+: 21 rows \(.+\)\n$/);
    expect(copied.stdout).toContain("sources 3");
    expect(copied.stdout).toContain("deliveries 2");

    const sqlite = openDatabase(path);
    const pool = testPool(url, 2);
    pools.push(pool);
    for (const table of [
      "sources",
      "items",
      "events",
      "event_items",
      "summaries",
      "subscriptions",
      "digests",
      "deliveries",
      "sent_events",
    ]) {
      const expected = (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect([table, rows[0]?.n]).toEqual([table, expected]);
    }
    const request = {
      topics: [],
      lang: "vi" as const,
      timezone: "Asia/Ho_Chi_Minh",
      since: NOW - 24 * 3600_000,
      minRelevance: 0,
    };
    for (const subscriptionId of [undefined, sub]) {
      const fromSqlite = composeDigest(sqlite, { ...request, subscriptionId }, NOW);
      const fromPostgres = await composeDigestFrom(
        createPostgresDigestSource(pool),
        { ...request, subscriptionId },
        NOW,
      );
      expect(renderPlainText(fromPostgres)).toBe(renderPlainText(fromSqlite));
    }
    // Not two empty digests: both show the talks, with the English outlet among the sources.
    const shown = renderPlainText(composeDigest(sqlite, request, NOW));
    expect(shown).toContain("Hàn Quốc và Mỹ họp về hạt nhân Triều Tiên");
    expect(shown).toContain("Yonhap");
    sqlite.close();

    // New rows continue after the copied ids.
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO subscriptions (platform, chat_id, chat_type, topics, times, timezone, lang, alerts, active, created_at, updated_at)
       VALUES ('telegram', '43', 'private', '[]', '[]', 'UTC', 'vi', 0, 1, 0, 0) RETURNING id`,
    );
    expect(rows[0]?.id).toBeGreaterThan(sub);

    const again = await cli(["db", "copy", "--to", url, "--db", path]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /the target database is not empty \(\w+ has \d+ rows\): db copy needs an empty database/,
    );
  });

  it("db migrate with BANTIN_DATABASE_URL migrates PostgreSQL; db backup, for SQLite files, refuses clearly", async () => {
    const url = await postgres.createDatabase();
    const migrated = await cli(["db", "migrate"], { BANTIN_DATABASE_URL: url });
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^postgres:\/\/.+: schema version \d+\n$/);
    const backup = await cli(["db", "backup", join(tempDir(), "copy.db")], { BANTIN_DATABASE_URL: url });
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain("`db backup` runs on SQLite only");
    const wrong = await cli(["db", "migrate"], { BANTIN_DATABASE_URL: "mysql://db/bantin" });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("BANTIN_DATABASE_URL: expected a PostgreSQL URL");
    const unreachable = await cli(["db", "migrate"], {
      BANTIN_DATABASE_URL: "postgres://bantin:secret@127.0.0.1:1/bantin",
    });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/cannot connect to postgres:\/\/bantin:\*\*\*@127\.0\.0\.1:1\/bantin: /);
    const noDigest = await cli(["digest"], { BANTIN_DATABASE_URL: "postgres://bantin:secret@127.0.0.1:1/bantin" });
    expect(noDigest.code).toBe(2);
    expect(noDigest.stderr).toMatch(/cannot connect to postgres:\/\/bantin:\*\*\*@127\.0\.0\.1:1\/bantin: /);
    expect(noDigest.stderr).not.toMatch(/at .+\.ts:\d+/);
  });

  it("ingest --once leaves analysis to a bot active on the same database, and says so", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), sourcesYaml(serveBusyDay(await feedServer(), Date.now())));
    const url = await postgres.createDatabase();
    const pool = testPool(url, 2);
    pools.push(pool);
    // An active bot holds the leader lock; this test plays it.
    const bot = await pool.connect();
    await bot.query("SELECT pg_advisory_lock($1::int, $2::int)", [BANTIN_LOCK_CLASS, AdvisoryLockKey.leader]);
    const env = { BANTIN_DATABASE_URL: url, BANTIN_SOURCES: join(dir, "sources.yaml"), LOG_LEVEL: "warn" };
    const ingested = await cli(["ingest", "--once"], env);
    bot.release(true);
    expect(ingested.code, ingested.stderr).toBe(0);
    expect(ingested.stdout + ingested.stderr).toContain("a bot is active on this database");
    const { rows } = await pool.query<{ stored: number; analysed: number }>(
      "SELECT count(*)::int AS stored, count(analyzed_at)::int AS analysed FROM items",
    );
    expect(rows[0]).toEqual({ stored: busyDay.items.length, analysed: 0 });
  });

  // Seven CLI runs, each a fresh process: more than the default 30 s on a loaded machine.
  it("ingest --once, sources list and digest run on PostgreSQL when BANTIN_DATABASE_URL is set, as they do on SQLite", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), sourcesYaml(serveBusyDay(await feedServer(), Date.now())));
    const url = await postgres.createDatabase();
    const onPostgres = { BANTIN_DATABASE_URL: url, BANTIN_SOURCES: join(dir, "sources.yaml") };
    const onSqlite = { BANTIN_DB: join(dir, "bantin.db"), BANTIN_SOURCES: join(dir, "sources.yaml") };
    for (const env of [onPostgres, onSqlite]) {
      const ingested = await cli(["ingest", "--once", "--json"], env);
      expect(ingested.code, ingested.stderr).toBe(0);
      const report = JSON.parse(ingested.stdout) as { sources: { new: number }[] };
      expect(report.sources.reduce((n, s) => n + s.new, 0)).toBe(busyDay.items.length);
    }
    const pool = testPool(url, 1);
    pools.push(pool);
    const { rows } = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM items WHERE analyzed_at IS NOT NULL",
    );
    expect(rows[0]?.n).toBe(busyDay.items.length);
    // The sources' health as ingest left it, read from the shared database.
    const listed = await cli(["sources", "list", "--json"], onPostgres);
    expect(listed.code, listed.stderr).toBe(0);
    const health = (JSON.parse(listed.stdout) as { sources: { id: string; lastStatus: string; items: number }[] })
      .sources;
    expect(health.map((s) => s.lastStatus)).toEqual(Object.keys(busyDay.outlets).map(() => "ok"));
    expect(health.reduce((n, s) => n + s.items, 0)).toBe(busyDay.items.length);
    // The same list as SQLite's, but for when each store's pass ran.
    const untimed = (json: string) => json.replace(/"(lastFetchedAt|lastSuccessAt)":\d+/g, '"$1":0');
    expect(untimed(listed.stdout)).toBe(untimed((await cli(["sources", "list", "--json"], onSqlite)).stdout));
    for (const lang of ["vi", "en"]) {
      const fromPostgres = await cli(["digest", "--since", "24h", "--lang", lang], onPostgres);
      const fromSqlite = await cli(["digest", "--since", "24h", "--lang", lang], onSqlite);
      expect(fromPostgres.code).toBe(0);
      expect(fromPostgres.stdout).toBe(fromSqlite.stdout);
      expect(fromPostgres.stdout).toContain("Hwasong-19");
    }
  }, 90_000);
});
