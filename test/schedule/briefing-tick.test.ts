import { describe, expect, it } from "vitest";
import type { Logger, Subscription } from "../../src/domain/index.js";
import { type BuildBriefing, runBriefingTick } from "../../src/schedule/briefing-tick.js";
import type { Db } from "../../src/store/database.js";
import { createSqliteOutboxStore } from "../../src/store/outbox-repo.js";
import { createSqliteSchedulerCursor } from "../../src/store/scheduler-cursor-repo.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { aStore, aSubscription } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const utc = (iso: string) => Date.parse(iso);

function recordingLogger(lines: { msg: string; fields: object }[]): Logger {
  const log = (fields: object | string, msg?: string) =>
    typeof fields === "string" ? lines.push({ msg: fields, fields: {} }) : lines.push({ msg: msg ?? "", fields });
  const logger: Logger = { error: log, warn: log, info: log, debug: log, child: () => logger };
  return logger;
}

const build: BuildBriefing = (sub, slot) => ({
  document: JSON.stringify({ sub: sub.id, slot: slot.key }),
  parts: [`briefing ${slot.key}`],
  events: [],
});

function world(db: Db, overrides: { build?: BuildBriefing; logger?: Logger } = {}) {
  const subscriptions = createSqliteSubscriptionStore(db, {
    timezone: "Asia/Ho_Chi_Minh",
    lang: "vi",
    times: ["07:00"],
  });
  const outbox = createSqliteOutboxStore(db);
  const cursor = createSqliteSchedulerCursor(db);
  const deps = {
    outbox,
    cursor,
    subscriptions: subscriptions as { listActive(): Subscription[] },
    build: overrides.build ?? build,
    graceHours: 6,
    logger: overrides.logger ?? recordingLogger([]),
  };
  return { outbox, cursor, tick: (now: number) => runBriefingTick(deps, now) };
}

const digestSlots = (db: Db) =>
  db.prepare("SELECT subscription_id AS sub, slot FROM digests ORDER BY id").all() as { sub: number; slot: string }[];

describe("the briefing tick", () => {
  it("builds the 07:00 briefing once, even when a crash makes the same tick run again", async () => {
    const db = aStore(tempDir());
    const sub = aSubscription(db, { chat: "100", times: ["07:00"] });
    const w = world(db);
    await w.tick(utc("2026-11-22T23:59:00Z"));
    expect(await w.tick(utc("2026-11-23T00:00:00Z"))).toMatchObject({ enqueued: 1 });
    // The process died before saving its cursor: the restarted tick sees the same slot again.
    w.cursor.write("briefing", utc("2026-11-22T23:59:00Z"));
    expect(await w.tick(utc("2026-11-23T00:00:30Z"))).toMatchObject({ enqueued: 0, existing: 1 });
    expect(await w.tick(utc("2026-11-23T00:01:30Z"))).toMatchObject({ enqueued: 0, existing: 0 });
    expect(digestSlots(db)).toEqual([{ sub, slot: "2026-11-23T07:00@Asia/Ho_Chi_Minh" }]);
    db.close();
  });

  it("after downtime, a briefing missed by less than the grace period is sent late once; an older one is skipped and logged", async () => {
    const db = aStore(tempDir());
    const recent = aSubscription(db, { chat: "100", times: ["07:00"] });
    aSubscription(db, { chat: "200", times: ["02:00"] });
    const lines: { msg: string; fields: object }[] = [];
    const w = world(db, { logger: recordingLogger(lines) });
    await w.tick(utc("2026-11-22T18:00:00Z")); // 01:00 local, then the machine is down until 10:00 local
    expect(await w.tick(utc("2026-11-23T03:00:00Z"))).toMatchObject({ enqueued: 1, stale: 1 });
    expect(await w.tick(utc("2026-11-23T03:01:00Z"))).toMatchObject({ enqueued: 0, stale: 0 });
    expect(digestSlots(db)).toEqual([{ sub: recent, slot: "2026-11-23T07:00@Asia/Ho_Chi_Minh" }]);
    expect(lines.find((l) => l.msg.startsWith("briefing skipped"))?.fields).toMatchObject({
      slot: "2026-11-23T02:00@Asia/Ho_Chi_Minh",
      lateMinutes: 480,
    });
    db.close();
  });

  it("a first start at 10:00 does not send the 07:00 briefing of a bot that never ran before", async () => {
    const db = aStore(tempDir());
    aSubscription(db, { chat: "100", times: ["07:00"] });
    expect(await world(db).tick(utc("2026-11-23T03:00:00Z"))).toMatchObject({ enqueued: 0, stale: 0 });
    db.close();
  });

  it("a briefing that fails to build is tried again by the next tick", async () => {
    const db = aStore(tempDir());
    aSubscription(db, { chat: "100", times: ["07:00"] });
    let failures = 1;
    const flaky: BuildBriefing = (sub, slot, now) => {
      if (failures-- > 0) throw new Error("store busy");
      return build(sub, slot, now);
    };
    const w = world(db, { build: flaky });
    await w.tick(utc("2026-11-22T23:59:00Z"));
    expect(await w.tick(utc("2026-11-23T00:00:00Z"))).toMatchObject({ enqueued: 0, failed: 1 });
    expect(await w.tick(utc("2026-11-23T00:01:00Z"))).toMatchObject({ enqueued: 1 });
    db.close();
  });

  it("a chat with a weekly briefing gets it on its day, besides the daily ones", async () => {
    const db = aStore(tempDir());
    const sub = aSubscription(db, { chat: "100", times: ["07:00"], weekly: "sun 19:00" });
    const w = world(db);
    await w.tick(utc("2026-11-22T11:59:00Z")); // Sunday 18:59 in Hanoi
    expect(await w.tick(utc("2026-11-22T12:00:00Z"))).toMatchObject({ enqueued: 1 });
    expect(digestSlots(db)).toEqual([{ sub, slot: "weekly:2026-11-22T19:00@Asia/Ho_Chi_Minh" }]);
    expect(db.prepare("SELECT kind FROM digests").pluck().get()).toBe("weekly");
    db.close();
  });
});
