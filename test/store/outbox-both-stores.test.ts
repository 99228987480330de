import { Api } from "grammy";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTelegramDeliverySender } from "../../src/adapters/telegram/telegram-delivery-sender.js";
import { createTelegramSender } from "../../src/adapters/telegram/telegram-sender.js";
import { createOutboxRelay } from "../../src/delivery/outbox-relay.js";
import { createTelegramLimiter, inLane } from "../../src/delivery/platform-limiters.js";
import { chatId, eventId, type SubscriptionId, silentLogger } from "../../src/domain/index.js";
import {
  createSqliteOutboxStore,
  type NewOutboxMessage,
  type OutboxPort,
  outboxPort,
} from "../../src/store/outbox-repo.js";
import { useNumbersForInt8 } from "../../src/store/postgres/index.js";
import { createPostgresOutboxStore } from "../../src/store/postgres/outbox-store.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { startFakeBotApi } from "../support/fake-bot-api.js";
import { aPostgresSubscription, migratedPool } from "../support/postgres-store.js";
import { aStore, aSubscription } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

useNumbersForInt8();
const tempDir = useTempDir();
const postgres = usePostgres();
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

/** One store, empty and migrated, with a way to add a subscribed chat. */
interface OutboxUnderTest {
  readonly outbox: OutboxPort;
  subscribe(chat: string): Promise<SubscriptionId>;
  /** Another process's outbox on the same store (PostgreSQL only). */
  replica?(workerId: string, leaseMs?: number): OutboxPort;
  isActive(sub: SubscriptionId): Promise<boolean>;
  /** The PostgreSQL pool, to set up what only a crash or a copy leaves. */
  readonly pool?: pg.Pool;
}

const stores: Record<string, () => Promise<OutboxUnderTest>> = {
  SQLite: async () => {
    const db = aStore(tempDir());
    return {
      outbox: outboxPort(createSqliteOutboxStore(db)),
      subscribe: async (chat) => aSubscription(db, { chat }),
      isActive: async (sub) =>
        (db.prepare("SELECT active FROM subscriptions WHERE id = ?").get(sub) as { active: number }).active === 1,
    };
  },
  PostgreSQL: async () => {
    const pool = await migratedPool(await postgres.createDatabase(), 6);
    pools.push(pool);
    return {
      outbox: createPostgresOutboxStore(pool, { workerId: "replica-1" }),
      pool,
      replica: (workerId, leaseMs) =>
        createPostgresOutboxStore(pool, { workerId, ...(leaseMs === undefined ? {} : { leaseMs }) }),
      subscribe: (chat) => aPostgresSubscription(pool, chat),
      async isActive(sub) {
        const { rows } = await pool.query<{ active: number }>("SELECT active FROM subscriptions WHERE id = $1", [sub]);
        return rows[0]?.active === 1;
      },
    };
  },
};

function message(sub: SubscriptionId, chat: string, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    subscriptionId: sub,
    platform: "telegram",
    chatId: chatId(chat),
    slot: "2026-11-23T07:00@Asia/Ho_Chi_Minh",
    kind: "briefing",
    document: "{}",
    parts: ["part one", "part two"],
    events: [{ eventId: eventId("ev1"), itemCount: 3 }],
    now: 1_000,
    ...overrides,
  };
}

for (const [name, open] of Object.entries(stores)) {
  describe(`the outbox on ${name}`, () => {
    it("queues a slot once, and hands out a chat's parts in order, each after the one before was sent", async () => {
      const { outbox, subscribe } = await open();
      const sub = await subscribe("100");
      expect((await outbox.enqueue(message(sub, "100"))).status).toBe("created");
      expect(await outbox.enqueue(message(sub, "100", { parts: ["again"] }))).toEqual({ status: "exists" });
      expect(await outbox.hasSlot(sub, "2026-11-23T07:00@Asia/Ho_Chi_Minh")).toBe(true);
      const [first, ...none] = await outbox.claimDue(2_000, 10);
      expect(none).toEqual([]);
      expect(first).toMatchObject({ part: 0, payload: "part one", attempts: 1, chatId: "100" });
      expect(await outbox.claimDue(2_000, 10)).toEqual([]);
      await outbox.markSent(first!.id, "m1", 2_001);
      expect(await outbox.sentMessageId(first!.dedupeKey, 0)).toBe("m1");
      const [second] = await outbox.claimDue(2_002, 10);
      expect(second).toMatchObject({ part: 1, payload: "part two" });
      await outbox.markSent(second!.id, "m2", 2_003);
      expect(await outbox.countByState()).toEqual({ pending: 0, sending: 0, sent: 2, failed: 0 });
    });

    it("keeps a chat's messages in order too: an alert waits behind the briefing still going out", async () => {
      const { outbox, subscribe } = await open();
      const sub = await subscribe("101");
      const other = await subscribe("102");
      await outbox.enqueue(message(sub, "101"));
      await outbox.enqueue(message(sub, "101", { slot: "alert:ev9", kind: "alert", parts: ["alert"] }));
      await outbox.enqueue(message(other, "102", { parts: ["other chat"] }));
      const claimed = await outbox.claimDue(2_000, 10);
      expect(claimed.map((r) => r.payload)).toEqual(["part one", "other chat"]);
      for (const r of claimed) await outbox.markSent(r.id, `m${r.id}`, 2_001);
      expect((await outbox.claimDue(2_002, 10)).map((r) => r.payload)).toEqual(["part two"]);
    });

    it("a retry waits for its time and says when it is due; a refusal ends the chat's waiting rows and its subscription", async () => {
      const { outbox, subscribe, isActive } = await open();
      const sub = await subscribe("103");
      await outbox.enqueue(message(sub, "103"));
      const [row] = await outbox.claimDue(2_000, 1);
      await outbox.scheduleRetry(row!.id, 9_000, "HTTP 502");
      expect(await outbox.claimDue(5_000, 10)).toEqual([]);
      expect(await outbox.nextDueAt()).toBe(9_000);
      const [again] = await outbox.claimDue(9_000, 10);
      expect(again).toMatchObject({ id: row!.id, attempts: 2 });
      await outbox.endSubscription(again!, "Forbidden: bot was blocked by the user", "blocked", 9_001);
      expect(await outbox.countByState()).toEqual({ pending: 0, sending: 0, sent: 0, failed: 2 });
      expect(await isActive(sub)).toBe(false);
    });
  });
}

describe("the outbox on PostgreSQL, claimed by competing replicas", () => {
  it("three replicas claiming at once never take the same row, nor two rows of one chat, and together take them all", async () => {
    const { outbox, subscribe, replica } = await stores.PostgreSQL!();
    const chats = 40;
    for (let c = 0; c < chats; c++) {
      const chat = String(2000 + c);
      await outbox.enqueue(message(await subscribe(chat), chat, { parts: ["1", "2", "3"] }));
    }
    const replicas = ["a", "b", "c"].map((id) => replica!(id));
    const taken: { id: number; chat: string; payload: string; by: number }[] = [];
    let inFlight = new Set<string>();
    let overlap = 0;
    const work = async (r: OutboxPort, by: number) => {
      for (let idle = 0; idle < 20; ) {
        const rows = await r.claimDue(10_000, 4);
        if (rows.length === 0) {
          idle++;
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        idle = 0;
        for (const row of rows) {
          if (inFlight.has(row.chatId)) overlap++;
          inFlight.add(row.chatId);
          taken.push({ id: row.id, chat: row.chatId, payload: row.payload, by });
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
        for (const row of rows) {
          inFlight.delete(row.chatId);
          await r.markSent(row.id, `m${row.id}`, 10_001);
        }
      }
    };
    await Promise.all(replicas.map((r, i) => work(r, i)));
    inFlight = new Set();
    expect(overlap).toBe(0);
    expect(new Set(taken.map((t) => t.id)).size).toBe(taken.length);
    expect(taken).toHaveLength(chats * 3);
    // Per chat, the parts were taken in order, whichever replica took them.
    for (let c = 0; c < chats; c++) {
      expect(taken.filter((t) => t.chat === String(2000 + c)).map((t) => t.payload)).toEqual(["1", "2", "3"]);
    }
    expect(new Set(taken.map((t) => t.by)).size).toBe(3);
  });

  it("a row whose taker died comes back when its lease runs out, to another replica, and nothing at start resets it", async () => {
    const { outbox, subscribe, replica } = await stores.PostgreSQL!();
    const sub = await subscribe("300");
    await outbox.enqueue(message(sub, "300"));
    const dying = replica!("dying", 30_000);
    const [taken] = await dying.claimDue(2_000, 10);
    expect(taken?.part).toBe(0);
    // A replica starting now must not resend what a live one may be sending.
    const survivor = replica!("survivor");
    expect(await survivor.recoverInterrupted(2_500)).toBe(0);
    expect(await survivor.claimDue(31_999, 10)).toEqual([]);
    expect(await survivor.nextDueAt()).toBe(32_000);
    const [reclaimed] = await survivor.claimDue(32_001, 10);
    expect(reclaimed).toMatchObject({ id: taken?.id, part: 0, attempts: 2 });
    await survivor.markSent(reclaimed!.id, "m1", 32_002);
    expect((await survivor.claimDue(32_003, 10)).map((r) => r.part)).toEqual([1]);
  });

  it("a row left sending with no lease (copied from a SQLite store a crash stopped) is taken again, not held forever", async () => {
    const { outbox, subscribe, replica, pool } = await stores.PostgreSQL!();
    const sub = await subscribe("301");
    await outbox.enqueue(message(sub, "301"));
    await pool!.query("UPDATE deliveries SET state = 'sending' WHERE part = 0");
    expect(await outbox.nextDueAt()).toBe(0);
    const [taken] = await replica!("after-copy").claimDue(2_000, 10);
    expect(taken).toMatchObject({ part: 0, attempts: 1 });
  });
});

describe("three outbox relays on one PostgreSQL, through the real Telegram client and the fake Bot API", () => {
  it("deliver every part once, in order per chat, each relay taking a share", async () => {
    const { outbox, subscribe, replica } = await stores.PostgreSQL!();
    const fake = await startFakeBotApi({
      limits: { perChatPerSecond: 50, perGroupPerMinute: 3000, globalPerSecond: 300 },
    });
    try {
      const chats = Array.from({ length: 30 }, (_, i) => String(4000 + i));
      for (const chat of chats)
        await outbox.enqueue(message(await subscribe(chat), chat, { parts: ["<b>1</b>", "<b>2</b>", "<b>3</b>"] }));
      const relays = ["a", "b", "c"].map((worker) => {
        const sender = createTelegramSender({
          api: new Api(fake.token, { apiRoot: fake.apiRoot }),
          limiter: inLane(createTelegramLimiter({ globalPerSecond: 100, chatPerSecond: 40 }), "bulk"),
        });
        return createOutboxRelay({
          outbox: replica!(worker),
          senders: { telegram: createTelegramDeliverySender(sender) },
          logger: silentLogger,
          concurrency: 4,
        });
      });
      const stats = await Promise.all(relays.map((r) => r.drain()));
      expect(stats.reduce((n, s) => n + s.sent, 0)).toBe(chats.length * 3);
      expect(stats.every((s) => s.sent > 0)).toBe(true);
      for (const chat of chats) expect(fake.messagesTo(chat).map((m) => m.plainText)).toEqual(["1", "2", "3"]);
      expect(await outbox.countByState()).toEqual({ pending: 0, sending: 0, sent: chats.length * 3, failed: 0 });
    } finally {
      await fake.close();
    }
  });
});
