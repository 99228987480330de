import { describe, expect, it } from "vitest";
import { chatId, eventId, type SubscriptionId } from "../../src/domain/index.js";
import type { Db } from "../../src/store/database.js";
import { createSqliteOutboxStore, type NewOutboxMessage } from "../../src/store/outbox-repo.js";
import { createSqliteSchedulerCursor } from "../../src/store/scheduler-cursor-repo.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { aStore, aSubscription } from "../support/store-fixtures.js";
import { deliveryRows, subscriptionState } from "../support/store-rows.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

function message(sub: SubscriptionId, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    subscriptionId: sub,
    platform: "telegram",
    chatId: chatId("100"),
    slot: "2026-11-23T07:00@Asia/Ho_Chi_Minh",
    kind: "briefing",
    document: "{}",
    parts: ["part one", "part two"],
    events: [{ eventId: eventId("ev1"), itemCount: 3 }],
    now: 1_000,
    ...overrides,
  };
}

const count = (db: Db, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("the outbox store", () => {
  it("persists a slot's digest, one row per part and the events shown, once per subscription and slot", () => {
    const db = aStore(tempDir());
    const sub = aSubscription(db, { chat: "100" });
    const outbox = createSqliteOutboxStore(db);
    expect(outbox.enqueue(message(sub)).status).toBe("created");
    expect(outbox.enqueue(message(sub, { parts: ["a different render"] }))).toEqual({ status: "exists" });
    expect(outbox.hasSlot(sub, "2026-11-23T07:00@Asia/Ho_Chi_Minh")).toBe(true);
    expect(deliveryRows(db).map((r) => [r.dedupe_key, r.part, r.state])).toEqual([
      [`${sub}:2026-11-23T07:00@Asia/Ho_Chi_Minh`, 0, "pending"],
      [`${sub}:2026-11-23T07:00@Asia/Ho_Chi_Minh`, 1, "pending"],
    ]);
    expect(count(db, "sent_events")).toBe(1);
    db.close();
  });

  it("writes nothing when any part cannot be stored: digest, parts and sent events go together", () => {
    const db = aStore(tempDir());
    const sub = aSubscription(db, { chat: "100" });
    const outbox = createSqliteOutboxStore(db);
    const broken = message(sub, { parts: ["fine", null as unknown as string] });
    expect(() => outbox.enqueue(broken)).toThrow();
    expect([count(db, "digests"), count(db, "deliveries"), count(db, "sent_events")]).toEqual([0, 0, 0]);
    expect(outbox.enqueue(message(sub)).status).toBe("created");
    db.close();
  });

  it("hands out a message's parts in order: part two waits until part one is no longer pending", () => {
    const db = aStore(tempDir());
    const sub = aSubscription(db, { chat: "100" });
    const outbox = createSqliteOutboxStore(db);
    outbox.enqueue(message(sub));
    const first = outbox.claimDue(2_000, 10);
    expect(first.map((r) => [r.part, r.attempts])).toEqual([[0, 1]]);
    expect(outbox.claimDue(2_000, 10)).toEqual([]);
    outbox.markSent(first[0]?.id ?? 0, "m1", 2_000);
    expect(outbox.claimDue(2_000, 10).map((r) => r.part)).toEqual([1]);
    db.close();
  });

  it("a retried row waits for its next attempt time; a crash's `sending` rows return to pending on start", () => {
    const db = aStore(tempDir());
    const sub = aSubscription(db, { chat: "100" });
    const outbox = createSqliteOutboxStore(db);
    outbox.enqueue(message(sub, { parts: ["only"] }));
    const [row] = outbox.claimDue(2_000, 10);
    outbox.scheduleRetry(row?.id ?? 0, 5_000, "HTTP 502");
    expect(outbox.claimDue(4_999, 10)).toEqual([]);
    expect(outbox.nextDueAt()).toBe(5_000);
    expect(outbox.claimDue(5_000, 10).map((r) => r.attempts)).toEqual([2]);
    // The process dies here, mid-send. On the next start:
    const restarted = createSqliteOutboxStore(db);
    expect(restarted.recoverInterrupted(9_000)).toBe(1);
    expect(restarted.claimDue(9_000, 10).map((r) => r.attempts)).toEqual([3]);
    db.close();
  });

  it("a permanent refusal ends the subscription's waiting rows and deactivates it without deleting it", () => {
    const db = aStore(tempDir());
    const sub = aSubscription(db, { chat: "100" });
    const outbox = createSqliteOutboxStore(db);
    outbox.enqueue(message(sub));
    outbox.enqueue(message(sub, { slot: "alert:ev9", kind: "alert", parts: ["alert"] }));
    const [row] = outbox.claimDue(2_000, 1);
    if (row === undefined) throw new Error("nothing claimed");
    outbox.endSubscription(row, "Forbidden: bot was blocked by the user", "blocked", 2_000);
    expect(deliveryRows(db).map((r) => r.state)).toEqual(["failed", "failed", "failed"]);
    expect(subscriptionState(db, sub)).toEqual({ active: 0, deactivated_reason: "blocked" });
    expect(outbox.countByState()).toEqual({ pending: 0, sending: 0, sent: 0, failed: 3 });
    db.close();
  });

  it("keeps the scheduler's cursor and each chat's weekly setting", () => {
    const db = aStore(tempDir());
    const sub = aSubscription(db, { chat: "100", weekly: "sun 19:00" });
    aSubscription(db, { chat: "200" });
    const cursor = createSqliteSchedulerCursor(db);
    expect(cursor.read("briefing")).toBeUndefined();
    cursor.write("briefing", 42);
    cursor.write("briefing", 43);
    expect(cursor.read("briefing")).toBe(43);
    const subscriptions = createSqliteSubscriptionStore(db, { timezone: "Asia/Ho_Chi_Minh", lang: "vi", times: [] });
    const weekly = subscriptions.listActive().map((s) => [s.id, s.weekly]);
    expect(weekly).toEqual([
      [sub, { weekday: 0, time: "19:00" }],
      [expect.anything(), null],
    ]);
    db.close();
  });
});
