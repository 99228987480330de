import { describe, expect, it } from "vitest";
import { createOutboxRelay, type DeliverySender, type SendOutcome } from "../../src/delivery/outbox-relay.js";
import { createTelegramLimiter } from "../../src/delivery/platform-limiters.js";
import { createRateLimiter } from "../../src/delivery/rate-limiter.js";
import { chatId, type SubscriptionId, silentLogger } from "../../src/domain/index.js";
import type { Db } from "../../src/store/database.js";
import { createSqliteOutboxStore, type OutboxRow, type OutboxStore } from "../../src/store/outbox-repo.js";
import { aStore, aSubscription } from "../support/store-fixtures.js";
import { deliveryRows, subscriptionState } from "../support/store-rows.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

/** A sender that answers from a script, one outcome per call, and remembers what it was asked. */
function scriptedSender(script: SendOutcome[]): DeliverySender & { calls: OutboxRow[] } {
  const calls: OutboxRow[] = [];
  return {
    calls,
    async send(row) {
      calls.push(row);
      return script.shift() ?? { kind: "sent", messageId: `m${calls.length}` };
    },
  };
}

interface Setup {
  db: Db;
  outbox: OutboxStore;
  sub: SubscriptionId;
  clock: { now: number };
}

function setup(parts = ["hello"]): Setup {
  const db = aStore(tempDir());
  const sub = aSubscription(db, { chat: "100" });
  const outbox = createSqliteOutboxStore(db);
  outbox.enqueue({
    subscriptionId: sub,
    platform: "telegram",
    chatId: chatId("100"),
    slot: "2026-11-23T07:00@UTC",
    kind: "briefing",
    document: "{}",
    parts,
    events: [],
    now: 0,
  });
  return { db, outbox, sub, clock: { now: 1_000 } };
}

const relayFor = (s: Setup, sender: DeliverySender, maxAttempts = 8) =>
  createOutboxRelay({
    outbox: s.outbox,
    senders: { telegram: sender },
    logger: silentLogger,
    now: () => s.clock.now,
    random: () => 0.5,
    retry: { baseMs: 1_000, maxMs: 60_000, maxAttempts },
  });

describe("the outbox relay", () => {
  it("retries a transient failure after a backoff, then records the platform's message id", async () => {
    const s = setup();
    const sender = scriptedSender([{ kind: "transient", reason: "HTTP 502" }]);
    const relay = relayFor(s, sender);
    expect(await relay.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await relay.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
    s.clock.now += 60_000;
    expect(await relay.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(deliveryRows(s.db)).toMatchObject([{ state: "sent", attempts: 2, platform_message_id: "m2" }]);
    s.db.close();
  });

  it("waits at least as long as a 429's retry_after", async () => {
    const s = setup();
    const relay = relayFor(s, scriptedSender([{ kind: "transient", retryAfterMs: 30_000 }]));
    await relay.drain();
    expect(s.outbox.nextDueAt()).toBe(31_000);
    s.db.close();
  });

  it("a blocked chat ends its rows and deactivates the subscription, which is kept", async () => {
    const s = setup(["one", "two"]);
    const sender = scriptedSender([
      { kind: "permanent", reason: "Forbidden: bot was blocked by the user", deactivate: "blocked" },
    ]);
    expect(await relayFor(s, sender).drain()).toMatchObject({ sent: 0, failed: 1 });
    expect(sender.calls).toHaveLength(1);
    expect(deliveryRows(s.db).map((r) => r.state)).toEqual(["failed", "failed"]);
    expect(subscriptionState(s.db, s.sub)).toEqual({ active: 0, deactivated_reason: "blocked" });
    s.db.close();
  });

  it("a message the platform refuses for its content ends that row only; the chat stays subscribed", async () => {
    const s = setup();
    const sender = scriptedSender([{ kind: "permanent", reason: "Bad Request: message is too long" }]);
    await relayFor(s, sender).drain();
    expect(deliveryRows(s.db)).toMatchObject([{ state: "failed", last_error: "Bad Request: message is too long" }]);
    expect(subscriptionState(s.db, s.sub).active).toBe(1);
    s.db.close();
  });

  it("at-least-once: a send whose outcome is unknown is sent again", async () => {
    const s = setup();
    const sender = scriptedSender([{ kind: "unknown", reason: "timeout" }]);
    const relay = relayFor(s, sender);
    await relay.drain();
    s.clock.now += 60_000;
    await relay.drain();
    expect(sender.calls.map((c) => c.id)).toEqual([1, 1]);
    expect(deliveryRows(s.db)).toMatchObject([{ state: "sent", attempts: 2 }]);
    s.db.close();
  });

  it("at-least-once: a row a crash left in `sending` is sent again after the restart", async () => {
    const s = setup();
    s.outbox.claimDue(s.clock.now, 1); // claimed, then the process died before recording the outcome
    const sender = scriptedSender([]);
    expect(s.outbox.recoverInterrupted(s.clock.now)).toBe(1);
    await relayFor(s, sender).drain();
    expect(deliveryRows(s.db)).toMatchObject([{ state: "sent", attempts: 2 }]);
    s.db.close();
  });

  it("gives up after the last attempt and says why", async () => {
    const s = setup();
    const sender = scriptedSender([
      { kind: "transient", reason: "HTTP 500" },
      { kind: "transient", reason: "HTTP 500" },
    ]);
    const relay = relayFor(s, sender, 2);
    await relay.drain();
    s.clock.now += 60_000;
    expect(await relay.drain()).toMatchObject({ failed: 1 });
    expect(deliveryRows(s.db)).toMatchObject([{ state: "failed", last_error: "gave up after 2 attempts: HTTP 500" }]);
    s.db.close();
  });

  it("sends a message's parts in order, one after the other", async () => {
    const s = setup(["one", "two", "three"]);
    const sender = scriptedSender([]);
    await relayFor(s, sender).drain();
    expect(sender.calls.map((c) => c.payload)).toEqual(["one", "two", "three"]);
    s.db.close();
  });

  it("on stop, a send on the wire finishes and is recorded; rows not started go back to pending", async () => {
    const s = setup(["one"]);
    for (const chat of ["200", "300"]) {
      const sub = aSubscription(s.db, { chat });
      s.outbox.enqueue({
        subscriptionId: sub,
        platform: "telegram",
        chatId: chatId(chat),
        slot: "2026-11-23T07:00@UTC",
        kind: "briefing",
        document: "{}",
        parts: ["x"],
        events: [],
        now: 0,
      });
    }
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow: DeliverySender = {
      async send(row) {
        await gate;
        return { kind: "sent", messageId: `m${row.id}` };
      },
    };
    const relay = createOutboxRelay({
      outbox: s.outbox,
      senders: { telegram: slow },
      logger: silentLogger,
      concurrency: 1,
    });
    relay.start();
    await new Promise((r) => setTimeout(r, 20));
    const stopped = relay.stop();
    release();
    await stopped;
    expect(deliveryRows(s.db).map((r) => r.state)).toEqual(["sent", "pending", "pending"]);
    s.db.close();
  });
});

describe("the rate limiters", () => {
  it("lets a command reply overtake a queue of bulk sends", async () => {
    const limiter = createRateLimiter();
    const order: string[] = [];
    const rule = [{ key: "global", perSecond: 100, burst: 1 }];
    const bulk = Array.from({ length: 10 }, (_, i) => limiter.acquire(rule, "bulk").then(() => order.push(`bulk${i}`)));
    const reply = limiter.acquire(rule, "reply").then(() => order.push("reply"));
    await Promise.all([...bulk, reply]);
    expect(order.indexOf("reply")).toBeLessThanOrEqual(2);
  });

  it("paces one Telegram chat while other chats go ahead", async () => {
    const limiter = createTelegramLimiter({ globalPerSecond: 1000, chatPerSecond: 5 });
    const order: string[] = [];
    const sends = ["A", "A", "A", "B", "C"].map((chat) => limiter.acquire(chat, "bulk").then(() => order.push(chat)));
    await Promise.all(sends);
    expect(order.slice(0, 3).sort()).toEqual(["A", "B", "C"]);
    expect(order.slice(3)).toEqual(["A", "A"]);
  });
});
