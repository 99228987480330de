import { Api } from "grammy";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDiscordDeliverySender } from "../../src/adapters/discord/discord-delivery-sender.js";
import { createDiscordRest } from "../../src/adapters/discord/discord-rest.js";
import { createDiscordSender } from "../../src/adapters/discord/discord-sender.js";
import { createTelegramDeliverySender } from "../../src/adapters/telegram/telegram-delivery-sender.js";
import { createTelegramSender } from "../../src/adapters/telegram/telegram-sender.js";
import { createOutboxRelay } from "../../src/delivery/outbox-relay.js";
import { createTelegramLimiter, inLane, type PlatformLimiter } from "../../src/delivery/platform-limiters.js";
import { createSharedDiscordLimiter, createSharedTelegramLimiter } from "../../src/delivery/shared-limiter.js";
import { chatId, silentLogger } from "../../src/domain/index.js";
import { useNumbersForInt8 } from "../../src/store/postgres/index.js";
import { createPostgresOutboxStore } from "../../src/store/postgres/outbox-store.js";
import { createPostgresSendBudget } from "../../src/store/postgres/send-budget.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { startFakeBotApi, TELEGRAM_LIMITS } from "../support/fake-bot-api.js";
import { startFakeDiscord } from "../support/fake-discord.js";
import { aPostgresSubscription, migratedPool, testPool } from "../support/postgres-store.js";

useNumbersForInt8();
const postgres = usePostgres();
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

/** A migrated database with 60 private chats owed one part each and 10 owed three, all due now. */
async function outboxOwed(): Promise<string> {
  const url = await postgres.createDatabase();
  const pool = await migratedPool(url, 2);
  pools.push(pool);
  const outbox = createPostgresOutboxStore(pool, { workerId: "setup" });
  for (let i = 0; i < 70; i++) {
    const chat = String(7000 + i);
    const subId = await aPostgresSubscription(pool, chat);
    await outbox.enqueue({
      subscriptionId: subId,
      platform: "telegram",
      chatId: chatId(chat),
      slot: "s",
      kind: "briefing",
      document: "{}",
      parts: i < 60 ? [`<b>${chat}</b>`] : [`<b>${chat} 1</b>`, `<b>${chat} 2</b>`, `<b>${chat} 3</b>`],
      events: [],
      now: 0,
    });
  }
  return url;
}

/** Three replicas on one database, each with its own pool, limiter and relay, draining together. */
async function threeReplicas(url: string, limiterOf: (pool: pg.Pool) => PlatformLimiter) {
  const fake = await startFakeBotApi({ limits: TELEGRAM_LIMITS });
  try {
    const relays = ["a", "b", "c"].map((worker) => {
      const pool = testPool(url, 4);
      pools.push(pool);
      const sender = createTelegramSender({
        api: new Api(fake.token, { apiRoot: fake.apiRoot }),
        limiter: inLane(limiterOf(pool), "bulk"),
        maxWaitMs: 0,
      });
      return createOutboxRelay({
        outbox: createPostgresOutboxStore(pool, { workerId: worker }),
        senders: { telegram: createTelegramDeliverySender(sender) },
        logger: silentLogger,
        concurrency: 8,
      });
    });
    const stats = await Promise.all(relays.map((r) => r.drain()));
    return {
      sent: stats.reduce((n, s) => n + s.sent, 0),
      refusals: fake.floodRefusals(),
      accepted: fake.messages.length,
    };
  } finally {
    await fake.close();
  }
}

describe("Telegram's limits shared by three replicas through PostgreSQL", () => {
  it("without a shared budget, three replicas pacing themselves at 30/s each earn 429s", async () => {
    const result = await threeReplicas(await outboxOwed(), () => createTelegramLimiter());
    expect(result.refusals).toBeGreaterThan(0);
  });

  it("with it, every part is accepted at the first try: 30/s overall and 1/s per chat held across the cluster", async () => {
    const result = await threeReplicas(await outboxOwed(), (pool) =>
      createSharedTelegramLimiter(createPostgresSendBudget(pool)),
    );
    expect(result).toEqual({ sent: 90, refusals: 0, accepted: 90 });
  });
});

const CHANNELS = 10;
const PARTS = 7;

/** A migrated database with 10 Discord channels owed a briefing of 7 messages each, all due now. */
async function discordOutboxOwed(): Promise<string> {
  const url = await postgres.createDatabase();
  const pool = await migratedPool(url, 2);
  pools.push(pool);
  const outbox = createPostgresOutboxStore(pool, { workerId: "setup" });
  for (let i = 0; i < CHANNELS; i++) {
    const channel = String(1_400_000_000_000_000_000n + BigInt(i));
    await outbox.enqueue({
      subscriptionId: await aPostgresSubscription(pool, channel, { platform: "discord" }),
      platform: "discord",
      chatId: chatId(channel),
      slot: "s",
      kind: "briefing",
      document: "{}",
      parts: Array.from({ length: PARTS }, (_, p) => JSON.stringify({ content: `${channel} part ${p + 1}` })),
      events: [],
      now: 0,
    });
  }
  return url;
}

/** Three replicas sending one Discord outbox, each with its own REST client (its own view of the buckets). */
async function threeDiscordReplicas(url: string, limiterOf: (pool: pg.Pool) => PlatformLimiter | undefined) {
  const fake = await startFakeDiscord();
  const rests = ["a", "b", "c"].map(() => createDiscordRest({ token: fake.token, api: fake.api }));
  try {
    const relays = rests.map((rest, i) => {
      const pool = testPool(url, 4);
      pools.push(pool);
      const limiter = limiterOf(pool);
      return createOutboxRelay({
        outbox: createPostgresOutboxStore(pool, { workerId: `worker-${i}` }),
        senders: {
          discord: createDiscordDeliverySender(
            createDiscordSender(rest, silentLogger),
            undefined,
            limiter === undefined ? undefined : inLane(limiter, "bulk"),
          ),
        },
        logger: silentLogger,
        concurrency: 8,
      });
    });
    const stats = await Promise.all(relays.map((r) => r.drain()));
    const posts = fake.requests.filter((r) => r.path.endsWith("/messages"));
    const inOrder = Array.from({ length: CHANNELS }, (_, i) => String(1_400_000_000_000_000_000n + BigInt(i))).every(
      (channel) =>
        fake
          .messagesIn(channel)
          .map((m) => m.content)
          .join("|") === Array.from({ length: PARTS }, (_, p) => `${channel} part ${p + 1}`).join("|"),
    );
    return {
      sent: stats.reduce((n, s) => n + s.sent, 0),
      refused: posts.filter((r) => r.status === 429).length,
      posted: fake.messages.length,
      inOrder,
    };
  } finally {
    for (const rest of rests) {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    }
    await fake.close();
  }
}

describe("Discord's limits shared by three replicas through PostgreSQL", { timeout: 60_000 }, () => {
  it("without a shared budget, a replica that did not see a channel's last answer runs into its bucket: 429s", async () => {
    const result = await threeDiscordReplicas(await discordOutboxOwed(), () => undefined);
    expect(result.refused).toBeGreaterThan(0);
    // discord.js waits the 429s out: nothing lost, only invalid requests spent.
    expect(result).toMatchObject({ sent: CHANNELS * PARTS, posted: CHANNELS * PARTS, inOrder: true });
  });

  it("with it, every message is accepted at the first try, each channel's in order: 5 per 5 s per channel held across the cluster", async () => {
    const result = await threeDiscordReplicas(await discordOutboxOwed(), (pool) =>
      createSharedDiscordLimiter(createPostgresSendBudget(pool)),
    );
    expect(result).toEqual({ sent: CHANNELS * PARTS, refused: 0, posted: CHANNELS * PARTS, inOrder: true });
  });
});
