import { describe, expect, it } from "vitest";
import { createTelegramDeliverySender } from "../../../src/adapters/telegram/telegram-delivery-sender.js";
import { chatId, chatPlace, topicId } from "../../../src/domain/index.js";
import { composeDigest } from "../../../src/pipeline/compose-digest.js";
import type { Db } from "../../../src/store/database.js";
import { justAfterNext0700, offlineBriefings } from "../../support/offline-briefings.js";
import { anEvent, aSource } from "../../support/store-fixtures.js";
import { useTelegramBots } from "../../support/telegram-bot-harness.js";
import { useTempDir } from "../../support/temp-dir.js";
import { until } from "../../support/until.js";

const tempDir = useTempDir();

const unsent = (db: Db) =>
  db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM deliveries WHERE state <> 'sent'").get()?.n ?? -1;

const telegramBot = useTelegramBots(tempDir);
const CHAT = 305;

describe("a briefing edited in place", () => {
  it("an entry of today's briefing that gains reports is edited in its message, silently, and the next digest still marks the update", async () => {
    const { fake, bot, db, say, subscriptions } = await telegramBot();
    await say(CHAT, "/subscribe hat nhan");
    await say(CHAT, "/schedule 07:00");
    const clock = justAfterNext0700();
    for (const id of ["yna", "nk"]) aSource(db, { id, name: id === "yna" ? "Yonhap" : "NK News" });
    const event = {
      id: "launch",
      headline: "Triều Tiên phóng tên lửa đạn đạo tầm xa",
      topics: ["hat-nhan"],
      relevance: 0.9,
    };
    anEvent(db, { ...event, reports: [{ source: "yna", at: clock - 3600_000 }] });

    const scheduler = offlineBriefings(db, { telegram: createTelegramDeliverySender(bot.bulkSender) }, () => clock);
    try {
      const before = fake.messagesTo(CHAT).length;
      await fake.waitFor(() => fake.messagesTo(CHAT).length === before + 1);
      const briefing = fake.messagesTo(CHAT)[before];
      expect(briefing?.plainText).toContain("Triều Tiên phóng tên lửa đạn đạo tầm xa");
      expect(briefing?.plainText).not.toContain("NK News");

      // The relay records the send once Telegram answered; only a briefing fully sent is edited.
      await until(() => unsent(db) === 0, "the briefing recorded as sent");
      // Later that morning a second outlet reports it; the next analysis pass finds the briefing's entry grew.
      anEvent(db, { ...event, reports: [{ source: "nk", at: clock - 1800_000, guid: "launch-nk" }] });
      await scheduler.runIngest();
      await fake.waitFor(() => fake.calls.some((c) => c.method === "editMessageText" && c.status === 200));
      const edited = fake.messagesTo(CHAT)[before];
      expect(edited).toMatchObject({ messageId: briefing?.messageId, edits: 1 });
      expect(edited?.plainText).toContain("NK News");
      // Edited, not sent again: the chat still has one briefing message.
      expect(fake.messagesTo(CHAT)).toHaveLength(before + 1);

      // Nothing more grew: another pass edits nothing.
      await scheduler.runIngest();
      expect(fake.calls.filter((c) => c.method === "editMessageText")).toHaveLength(1);
    } finally {
      await scheduler.stop();
    }
    const sub = subscriptions.get(chatPlace("telegram", chatId(CHAT)));
    const next = composeDigest(
      db,
      {
        topics: [topicId("hat-nhan")],
        lang: "vi",
        timezone: "Asia/Ho_Chi_Minh",
        since: clock - 24 * 3600_000,
        subscriptionId: sub?.id,
        minRelevance: 0.5,
      },
      clock + 3600_000,
    );
    expect(next.entries.map((e) => [e.eventId, e.isUpdate])).toEqual([["launch", true]]);
  });
});
