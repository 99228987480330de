import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordDeliverySender } from "../../src/adapters/discord/discord-delivery-sender.js";
import { createDiscordRest } from "../../src/adapters/discord/discord-rest.js";
import { createDiscordSender } from "../../src/adapters/discord/discord-sender.js";
import { createTelegramDeliverySender } from "../../src/adapters/telegram/telegram-delivery-sender.js";
import { createTelegramSender } from "../../src/adapters/telegram/telegram-sender.js";
import { createOutboxRelay, type DeliverySender } from "../../src/delivery/outbox-relay.js";
import { createTelegramLimiter, inLane } from "../../src/delivery/platform-limiters.js";
import { chatId, type DigestDocument, eventId, type Platform, silentLogger } from "../../src/domain/index.js";
import { platformParts } from "../../src/pipeline/platform-parts.js";
import type { Db } from "../../src/store/database.js";
import { createSqliteOutboxStore, type OutboxStore } from "../../src/store/outbox-repo.js";
import { startFakeBotApi } from "../support/fake-bot-api.js";
import { startFakeDiscord } from "../support/fake-discord.js";
import { aStore, aSubscription } from "../support/store-fixtures.js";
import { deliveryRows, subscriptionState } from "../support/store-rows.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const doc: DigestDocument = {
  lang: "vi",
  title: "Thứ Hai, 23/11/2026",
  entries: [
    {
      eventId: eventId("ev1"),
      headline: "Triều Tiên phóng tên lửa đạn đạo",
      summary: "Hàn Quốc cho biết Triều Tiên phóng một tên lửa ra biển Nhật Bản sáng nay.",
      sources: [{ name: "VnExpress", url: "https://vnexpress.net/a" }],
      articles: 3,
      isUpdate: false,
    },
  ],
  totals: { articles: 3, outlets: 2 },
};

function enqueue(db: Db, outbox: OutboxStore, platform: Platform, chat: string) {
  const sub = aSubscription(db, { platform, chat });
  outbox.enqueue({
    subscriptionId: sub,
    platform,
    chatId: chatId(chat),
    slot: "2026-11-23T07:00@Asia/Ho_Chi_Minh",
    kind: "briefing",
    document: JSON.stringify(doc),
    parts: platformParts(platform, doc),
    events: [],
    now: 0,
  });
  return sub;
}

const relayWith = (outbox: OutboxStore, platform: Platform, sender: DeliverySender, clock: { now: number }) =>
  createOutboxRelay({
    outbox,
    senders: { [platform]: sender },
    logger: silentLogger,
    now: () => clock.now,
    retry: { baseMs: 100, maxMs: 1_000, maxAttempts: 5 },
  });

describe("delivery through the real platform clients and loopback fakes", () => {
  it("Telegram: briefings arrive as valid HTML; a blocked chat is deactivated; a 5xx is resent later (at-least-once)", async () => {
    const fake = await startFakeBotApi({
      limits: { perChatPerSecond: 50, perGroupPerMinute: 600, globalPerSecond: 200 },
    });
    closers.push(() => fake.close());
    const db = aStore(tempDir());
    const outbox = createSqliteOutboxStore(db);
    enqueue(db, outbox, "telegram", "1001");
    const blocked = enqueue(db, outbox, "telegram", "1002");
    enqueue(db, outbox, "telegram", "1003");
    fake.scriptChat(1002, { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    fake.scriptChat(1003, { error_code: 502, description: "Bad Gateway" });
    const limiter = createTelegramLimiter({ globalPerSecond: 150, chatPerSecond: 40 });
    const sender = createTelegramSender({
      api: new Api(fake.token, { apiRoot: fake.apiRoot }),
      limiter: inLane(limiter, "bulk"),
    });
    const clock = { now: Date.now() };
    const relay = relayWith(outbox, "telegram", createTelegramDeliverySender(sender), clock);

    expect(await relay.drain()).toEqual({ sent: 1, retried: 1, failed: 1 });
    expect(fake.messagesTo(1001).map((m) => m.plainText)).toEqual([
      expect.stringContaining("Triều Tiên phóng tên lửa"),
    ]);
    expect(subscriptionState(db, blocked)).toEqual({ active: 0, deactivated_reason: "blocked" });

    fake.scriptChat(1003, undefined);
    clock.now += 5_000;
    expect(await relay.drain()).toMatchObject({ sent: 1 });
    expect(fake.messagesTo(1003)).toHaveLength(1);
    expect(deliveryRows(db).map((r) => r.state)).toEqual(["sent", "failed", "sent"]);
    expect(deliveryRows(db)[0]?.platform_message_id).toBe(String(fake.messagesTo(1001)[0]?.messageId));
    db.close();
  });

  it("Discord: a post whose answer was lost is resent with the same nonce and appears once", async () => {
    const fake = await startFakeDiscord();
    closers.push(() => fake.close());
    const db = aStore(tempDir());
    const outbox = createSqliteOutboxStore(db);
    enqueue(db, outbox, "discord", "555");
    const gone = enqueue(db, outbox, "discord", "666");
    fake.setChannelError("666", 10003);
    // Discord stores the message, then the answer never comes back (the client times out).
    fake.script({ kind: "hang", accept: true }, "555");
    const rest = createDiscordRest({ token: fake.token, api: fake.api, timeoutMs: 300, retries: 0 });
    const sender = createDiscordDeliverySender(createDiscordSender(rest, silentLogger));
    const clock = { now: Date.now() };
    const relay = relayWith(outbox, "discord", sender, clock);

    expect(await relay.drain()).toMatchObject({ sent: 0, retried: 1, failed: 1 });
    clock.now += 5_000;
    expect(await relay.drain()).toMatchObject({ sent: 1 });
    expect(fake.messagesIn("555")).toHaveLength(1);
    expect(subscriptionState(db, gone)).toEqual({ active: 0, deactivated_reason: "chat-not-found" });
    expect(deliveryRows(db)[0]?.platform_message_id).toBe(fake.messagesIn("555")[0]?.id);
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    db.close();
  });
});
