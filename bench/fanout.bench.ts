/**
 * Fan-out: N subscribers each get one briefing through the outbox relay, the real Telegram
 * sender (grammY) and the loopback fake Bot API with its global limit set to L messages/s.
 * Reports the achieved rate over L (target >= 0.9) and the 429s the fake gave (target 0).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import { createTelegramDeliverySender } from "../src/adapters/telegram/telegram-delivery-sender.js";
import { createTelegramSender } from "../src/adapters/telegram/telegram-sender.js";
import { createOutboxRelay } from "../src/delivery/outbox-relay.js";
import { createTelegramLimiter, inLane } from "../src/delivery/platform-limiters.js";
import { chatId, type DigestDocument, eventId, silentLogger, subscriptionId } from "../src/domain/index.js";
import { platformParts } from "../src/pipeline/platform-parts.js";
import { openDatabase } from "../src/store/database.js";
import { createSqliteOutboxStore } from "../src/store/outbox-repo.js";
import { startFakeBotApiInWorker } from "../test/support/bot-api-delivery-worker.js";
import type { BenchOptions } from "./run.js";

/** Our pace sits just under the platform's: even spacing at exactly L can land L+1 in a window after network jitter. */
const HEADROOM = 0.96;

const doc: DigestDocument = {
  lang: "vi",
  title: "Thứ Hai, 23/11/2026",
  entries: [
    {
      eventId: eventId("ev1"),
      headline: "Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản",
      summary: "Bộ Tham mưu liên quân Hàn Quốc cho biết Triều Tiên phóng một tên lửa đạn đạo sáng nay.",
      sources: [{ name: "VnExpress", url: "https://vnexpress.net/a" }],
      articles: 3,
      isUpdate: false,
    },
  ],
  totals: { articles: 3, outlets: 2 },
};

export async function bench({ quick }: BenchOptions): Promise<Record<string, number>> {
  const subscribers = quick ? 400 : 2_000;
  const limit = quick ? 100 : 200;
  const dir = mkdtempSync(join(tmpdir(), "bantin-fanout-"));
  const fake = await startFakeBotApiInWorker({ perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: limit });
  const db = openDatabase(join(dir, "bantin.db"));
  try {
    const outbox = createSqliteOutboxStore(db);
    const insert = db.prepare(
      `INSERT INTO subscriptions (platform, chat_id, times, timezone, lang, active, created_at, updated_at)
       VALUES ('telegram', ?, '["07:00"]', 'Asia/Ho_Chi_Minh', 'vi', 1, 0, 0)`,
    );
    const parts = platformParts("telegram", doc);
    db.transaction(() => {
      for (let i = 0; i < subscribers; i += 1) {
        const chat = String(100_000 + i);
        const id = subscriptionId(Number(insert.run(chat).lastInsertRowid));
        outbox.enqueue({
          subscriptionId: id,
          platform: "telegram",
          chatId: chatId(chat),
          slot: "2026-11-23T07:00@Asia/Ho_Chi_Minh",
          kind: "briefing",
          document: "{}",
          parts,
          events: [],
          now: 0,
        });
      }
    })();
    const limiter = createTelegramLimiter({ globalPerSecond: limit * HEADROOM });
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    const sender = createTelegramSender({ api, limiter: inLane(limiter, "bulk") });
    const relay = createOutboxRelay({
      outbox,
      senders: { telegram: createTelegramDeliverySender(sender) },
      logger: silentLogger,
      concurrency: 32,
    });
    const started = performance.now();
    const stats = await relay.drain();
    const seconds = (performance.now() - started) / 1000;
    const counts = await fake.counts();
    if (stats.sent !== subscribers || counts.accepted !== subscribers) {
      throw new Error(`fan-out delivered ${stats.sent} (the fake accepted ${counts.accepted}) of ${subscribers}`);
    }
    return {
      fanout_rate_over_limit: Number((subscribers / seconds / limit).toFixed(3)),
      fanout_429s: counts.refusals,
    };
  } finally {
    db.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
