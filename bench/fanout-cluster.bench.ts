/**
 * Fan-out across a cluster: three replicas (each its own pool, limiter and relay, claiming from
 * one outbox on an embedded PostgreSQL) send one briefing to each of N chats through the real
 * Telegram sender and the fake Bot API (in a worker thread) at Telegram's limits: 30/s overall,
 * 1/s per chat. They share one budget (migration 010). Reports the achieved rate over the limit
 * (target >= 0.9) and the 429s the fake gave (target 0).
 */
import { Api } from "grammy";
import pg from "pg";
import { createTelegramDeliverySender } from "../src/adapters/telegram/telegram-delivery-sender.js";
import { createTelegramSender } from "../src/adapters/telegram/telegram-sender.js";
import { createOutboxRelay } from "../src/delivery/outbox-relay.js";
import { inLane } from "../src/delivery/platform-limiters.js";
import { createSharedTelegramLimiter } from "../src/delivery/shared-limiter.js";
import { chatId, silentLogger } from "../src/domain/index.js";
import { useNumbersForInt8 } from "../src/store/postgres/index.js";
import { createPostgresOutboxStore } from "../src/store/postgres/outbox-store.js";
import { createPostgresSendBudget } from "../src/store/postgres/send-budget.js";
import { startFakeBotApiInWorker } from "../test/support/bot-api-delivery-worker.js";
import { startEmbeddedPostgres } from "../test/support/embedded-postgres.js";
import { aPostgresSubscription, migratedPool } from "../test/support/postgres-store.js";
import type { BenchOptions } from "./run.js";

const LIMIT = 30;
const REPLICAS = 3;

async function enqueueAll(pool: pg.Pool, subscribers: number): Promise<void> {
  const outbox = createPostgresOutboxStore(pool, { workerId: "setup" });
  for (let i = 0; i < subscribers; i++) {
    const chat = String(100_000 + i);
    const subId = await aPostgresSubscription(pool, chat);
    await outbox.enqueue({
      subscriptionId: subId,
      platform: "telegram",
      chatId: chatId(chat),
      slot: "2026-11-23T07:00@Asia/Ho_Chi_Minh",
      kind: "briefing",
      document: "{}",
      parts: [`<b>Bản tin</b> ${chat}`],
      events: [],
      now: 0,
    });
  }
}

export async function bench({ quick }: BenchOptions): Promise<Record<string, number>> {
  useNumbersForInt8();
  const subscribers = quick ? 150 : 600;
  const server = await startEmbeddedPostgres();
  const fake = await startFakeBotApiInWorker({ perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: LIMIT });
  const pools: pg.Pool[] = [];
  try {
    const url = await server.createDatabase();
    const setup = await migratedPool(url, 2);
    pools.push(setup);
    await enqueueAll(setup, subscribers);
    const relays = Array.from({ length: REPLICAS }, (_, r) => {
      const pool = new pg.Pool({ connectionString: url, max: 6 });
      pools.push(pool);
      const limiter = createSharedTelegramLimiter(createPostgresSendBudget(pool), { globalPerSecond: LIMIT });
      const sender = createTelegramSender({
        api: new Api(fake.token, { apiRoot: fake.apiRoot }),
        limiter: inLane(limiter, "bulk"),
      });
      return createOutboxRelay({
        outbox: createPostgresOutboxStore(pool, { workerId: `replica-${r}` }),
        senders: { telegram: createTelegramDeliverySender(sender) },
        logger: silentLogger,
        concurrency: 8,
      });
    });
    const started = performance.now();
    const stats = await Promise.all(relays.map((relay) => relay.drain()));
    const seconds = (performance.now() - started) / 1000;
    const sent = stats.reduce((n, s) => n + s.sent, 0);
    const counts = await fake.counts();
    if (sent !== subscribers || counts.accepted !== subscribers) {
      throw new Error(`cluster fan-out delivered ${sent} (the fake accepted ${counts.accepted}) of ${subscribers}`);
    }
    return {
      fanout_cluster_rate_over_limit: Number((subscribers / seconds / LIMIT).toFixed(3)),
      fanout_cluster_429s: counts.refusals,
    };
  } finally {
    await Promise.all(pools.map((p) => p.end()));
    await fake.close();
    await server.stop();
  }
}
