import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DeliveryState, Platform, SourceFetchState } from "../../src/domain/index.js";
import { type HttpServer, type HttpServerOptions, startHttpServer } from "../../src/http/index.js";
import { type Db, openDatabase } from "../../src/store/database.js";
import { createSqliteHealthRepo } from "../../src/store/health-repo.js";
import { aDelivery, anEvent, anItem, aSource, aSubscription } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

const NOW = Date.parse("2026-11-22T03:00:00Z");
const SECRET = "123456:AAH-very-secret-bot-token";
const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function store(): Db {
  const db = openDatabase(join(tempDir(), "bantin.db"));
  cleanups.push(() => {
    if (db.open) db.close();
  });
  return db;
}

async function serve({
  db,
  ...options
}: Omit<HttpServerOptions, "port" | "store"> & { readonly db: Db }): Promise<
  HttpServer & { get(path: string): Promise<{ status: number; body: string }> }
> {
  const store = createSqliteHealthRepo(db);
  const server = await startHttpServer({ port: 0, host: "127.0.0.1", now: () => NOW, store, ...options });
  cleanups.push(() => server.close());
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
    return { status: res.status, body: await res.text() };
  };
  return { ...server, get };
}

function addSource(
  db: Db,
  id: string,
  fields: { lastSuccessAt?: number | null; failures?: number; status?: SourceFetchState["lastStatus"] },
) {
  aSource(db, {
    id,
    url: `https://example.test/${id}.rss?key=${SECRET}`,
    name: id,
    fetch: {
      consecutiveFailures: fields.failures ?? 0,
      lastStatus: fields.status ?? "ok",
      lastError: fields.status === "error" ? `HTTP 503 from https://example.test/?key=${SECRET}` : null,
      lastSuccessAt: fields.lastSuccessAt ?? null,
    },
  });
}

let itemsMade = 0;
function addItems(db: Db, sourceId: string, count: number): number[] {
  return Array.from({ length: count }, () => {
    const key = `${sourceId}-${++itemsMade}`;
    return anItem(db, {
      source: sourceId,
      guid: key,
      url: `https://example.test/${key}`,
      title: "Tiêu đề",
      publishedAt: NOW,
      contentHash: key,
    });
  });
}

/** One subscription per platform, with one delivery row in each state given. */
function addDeliveries(db: Db, byPlatform: Readonly<Partial<Record<Platform, readonly DeliveryState[]>>>) {
  const rows = Object.entries(byPlatform).flatMap(([platform, states]) => {
    const subscription = aSubscription(db, { platform: platform as Platform, chat: `chat-${platform}`, now: NOW });
    return (states ?? []).map((state) => ({ subscription, state }));
  });
  // Pending rows last: the others reach their state by being claimed, and a claim takes every due row.
  for (const row of [...rows.filter((r) => r.state !== "pending"), ...rows.filter((r) => r.state === "pending")]) {
    aDelivery(db, { ...row, now: NOW });
  }
}

/** The value of one series, e.g. `bantin_deliveries{platform="telegram",state="sent"}`. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/healthz", () => {
  it("answers 200 with the checks when the store answers, ingest is recent and adapters are connected", async () => {
    const db = store();
    addSource(db, "bao-mau", { lastSuccessAt: NOW - 90_000 });
    const server = await serve({ db, health: { adapters: () => ({ telegram: true, console: true }) } });
    const res = await server.get("/healthz");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      status: "ok",
      checks: {
        database: { ok: true },
        ingest: { ok: true, lastSuccessAgeSeconds: 90, maxAgeSeconds: 3600 },
        adapters: { ok: true, connected: { telegram: true, console: true } },
      },
    });
  });

  it("answers 503 once the database is closed", async () => {
    const db = store();
    addSource(db, "bao-mau", { lastSuccessAt: NOW - 1000 });
    const server = await serve({ db });
    db.close();
    const res = await server.get("/healthz");
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body).checks.database.ok).toBe(false);
  });

  it("answers 503 when no source was fetched successfully within the configured age", async () => {
    const db = store();
    addSource(db, "bao-mau", { lastSuccessAt: NOW - 2 * 3600_000 });
    addSource(db, "tin-mau", { lastSuccessAt: null, failures: 4, status: "error" });
    const server = await serve({ db, health: { maxIngestAgeSeconds: 1800 } });
    const res = await server.get("/healthz");
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body).checks.ingest).toEqual({ ok: false, lastSuccessAgeSeconds: 7200, maxAgeSeconds: 1800 });
  });

  it("gives a fresh start until the configured age to finish its first ingest", async () => {
    const db = store();
    let now = NOW;
    const server = await serve({ db, now: () => now, health: { maxIngestAgeSeconds: 600 } });
    expect((await server.get("/healthz")).status).toBe(200);
    now += 601_000;
    const late = await server.get("/healthz");
    expect(late.status).toBe(503);
    expect(JSON.parse(late.body).checks.ingest.lastSuccessAgeSeconds).toBeNull();
  });

  it("answers 503 when a configured adapter is disconnected", async () => {
    const db = store();
    addSource(db, "bao-mau", { lastSuccessAt: NOW });
    const server = await serve({ db, health: { adapters: () => ({ telegram: true, discord: false }) } });
    const res = await server.get("/healthz");
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body).checks.adapters).toEqual({ ok: false, connected: { telegram: true, discord: false } });
  });
});

describe("/metrics", () => {
  it("reports the store's figures at scrape time in Prometheus text", async () => {
    const db = store();
    addSource(db, "bao-mau", { lastSuccessAt: NOW - 120_000 });
    addSource(db, "tin-mau", { lastSuccessAt: NOW - 7200_000, failures: 3, status: "error" });
    const [first, second] = addItems(db, "bao-mau", 5);
    addItems(db, "tin-mau", 2);
    anEvent(db, { id: "e1", items: [first!] });
    anEvent(db, { id: "e2", items: [second!] });
    addDeliveries(db, {
      telegram: ["sent", "sent", "sent", "failed", "pending"],
      discord: ["sent", "pending", "sending"],
    });
    const server = await serve({ db });

    const res = await server.get("/metrics");
    expect(res.status).toBe(200);
    const m = res.body;
    expect(sample(m, 'bantin_items_ingested{source="bao-mau"}')).toBe(5);
    expect(sample(m, 'bantin_items_ingested{source="tin-mau"}')).toBe(2);
    expect(sample(m, 'bantin_source_consecutive_failures{source="tin-mau"}')).toBe(3);
    expect(sample(m, 'bantin_source_up{source="tin-mau",status="error"}')).toBe(0);
    expect(sample(m, 'bantin_source_up{source="bao-mau",status="ok"}')).toBe(1);
    expect(sample(m, "bantin_last_ingest_age_seconds")).toBe(120);
    expect(sample(m, "bantin_events")).toBe(2);
    expect(sample(m, 'bantin_deliveries{platform="telegram",state="sent"}')).toBe(3);
    expect(sample(m, 'bantin_deliveries{platform="telegram",state="failed"}')).toBe(1);
    expect(sample(m, 'bantin_deliveries{platform="discord",state="sent"}')).toBe(1);
    expect(sample(m, "bantin_outbox_depth")).toBe(3);
    expect(sample(m, "bantin_store_up")).toBe(1);
    expect(m).toMatch(/^process_cpu_user_seconds_total /m);
    expect(m).toMatch(/^nodejs_heap_size_used_bytes /m);

    addItems(db, "tin-mau", 1);
    expect(sample((await server.get("/metrics")).body, 'bantin_items_ingested{source="tin-mau"}')).toBe(3);
  });

  it("records command latency through the hook the chat core is given", async () => {
    const server = await serve({ db: store() });
    server.observeCommandLatency("digest", 180);
    server.observeCommandLatency("digest", 40);
    server.observeCommandLatency("subscribe", 3);
    const m = (await server.get("/metrics")).body;
    expect(sample(m, 'bantin_command_duration_seconds_count{command="digest"}')).toBe(2);
    expect(sample(m, 'bantin_command_duration_seconds_sum{command="digest"}')).toBeCloseTo(0.22);
    expect(sample(m, 'bantin_command_duration_seconds_bucket{le="0.05",command="digest"}')).toBe(1);
    expect(sample(m, 'bantin_command_duration_seconds_count{command="subscribe"}')).toBe(1);
  });

  it("keeps serving process metrics when the store is gone, flagged by bantin_store_up 0", async () => {
    const db = store();
    addSource(db, "bao-mau", {});
    addItems(db, "bao-mau", 1);
    const server = await serve({ db });
    db.close();
    const res = await server.get("/metrics");
    expect(res.status).toBe(200);
    expect(sample(res.body, "bantin_store_up")).toBe(0);
    expect(res.body).not.toContain("bantin_items_ingested{");
    expect(res.body).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it("keeps each server's series apart, so several can run in one process", async () => {
    const a = await serve({ db: store() });
    const b = await serve({ db: store() });
    a.observeCommandLatency("digest", 10);
    expect(sample((await a.get("/metrics")).body, 'bantin_command_duration_seconds_count{command="digest"}')).toBe(1);
    expect((await b.get("/metrics")).body).not.toContain('command="digest"');
  });
});

describe("the operator endpoints", () => {
  it("never show tokens or keys from source URLs or errors", async () => {
    const db = store();
    addSource(db, "bao-mau", { lastSuccessAt: NOW, failures: 2, status: "error" });
    const server = await serve({ db, health: { adapters: () => ({ telegram: true }) } });
    for (const path of ["/healthz", "/metrics"]) {
      const res = await server.get(path);
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toContain("key=");
    }
  });

  it("answers 404 elsewhere", async () => {
    const server = await serve({ db: store() });
    expect((await server.get("/")).status).toBe(404);
  });
});
