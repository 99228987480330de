import { describe, expect, it } from "vitest";
import type { TelegramBot } from "../../../src/adapters/telegram/index.js";
import { createTelegramDeliverySender } from "../../../src/adapters/telegram/telegram-delivery-sender.js";
import { chatId, chatPlace, threadId } from "../../../src/domain/index.js";
import type { Db } from "../../../src/store/database.js";
import { BLOCKED } from "../../support/fake-bot-api.js";
import { justAfterNext0700, offlineBriefings } from "../../support/offline-briefings.js";
import { useTelegramBots } from "../../support/telegram-bot-harness.js";
import { useTempDir } from "../../support/temp-dir.js";

const tempDir = useTempDir();
const telegramBot = useTelegramBots(tempDir);

const FORUM = -1007001;
const ADMIN = 71;

/** A forum supergroup with two topics, its admin known to the fake. */
async function forumWithTopics() {
  const harness = await telegramBot();
  const { fake } = harness;
  fake.setMemberStatus(FORUM, ADMIN, "administrator");
  const nuclear = fake.createTopic(FORUM, "Hạt nhân");
  const korea = fake.createTopic(FORUM, "Liên Triều");
  const inTopic = (thread: number | undefined, text: string) =>
    harness.say(FORUM, text, {
      userId: ADMIN,
      chatType: "supergroup",
      ...(thread === undefined ? {} : { threadId: thread }),
    });
  return { ...harness, nuclear, korea, inTopic };
}

/** Runs one briefing tick at `clock` with the bot's sender, then stops the scheduler. */
async function briefingsAt(db: Db, bot: TelegramBot, clock: number, until: () => Promise<void>) {
  const scheduler = offlineBriefings(db, { telegram: createTelegramDeliverySender(bot.bulkSender) }, () => clock);
  try {
    await until();
  } finally {
    await scheduler.stop();
  }
}

describe("Telegram forum topics", () => {
  it("a command in a topic configures that topic alone, and is answered there", async () => {
    const { nuclear, korea, inTopic, subscriptions } = await forumWithTopics();
    const [first] = await inTopic(nuclear, "/subscribe hat nhan");
    expect(first).toMatchObject({ plainText: "Đã đăng ký: Hạt nhân.", threadId: nuclear });
    const [second] = await inTopic(korea, "/subscribe lien trieu");
    expect(second).toMatchObject({ plainText: "Đã đăng ký: Liên Triều.", threadId: korea });
    await inTopic(korea, "/watch Kaesong");
    const [general] = await inTopic(undefined, "/status");
    expect(general?.threadId).toBeUndefined();
    expect(general?.plainText).toContain("Đăng ký: không");

    const place = (thread: number) => chatPlace("telegram", chatId(FORUM), threadId(thread));
    expect(subscriptions.get(place(nuclear))).toMatchObject({ topics: ["hat-nhan"], active: true, threadId: nuclear });
    expect(subscriptions.get(place(korea))).toMatchObject({ topics: ["lien-trieu"], active: true });
    // The General topic is the group itself, as in a plain group: it never subscribed.
    expect(subscriptions.get(chatPlace("telegram", chatId(FORUM)))?.active).toBe(false);
    const [watches] = await inTopic(nuclear, "/watch");
    expect(watches?.plainText).not.toContain("Kaesong");
  });

  it("briefings go into their topic; a deleted topic is deactivated alone, a closed one until reopened", async () => {
    const { fake, bot, db, nuclear, korea, inTopic, subscriptions } = await forumWithTopics();
    await inTopic(nuclear, "/subscribe hat nhan");
    await inTopic(nuclear, "/schedule 07:00");
    await inTopic(korea, "/subscribe lien trieu");
    await inTopic(korea, "/schedule 07:00");
    await inTopic(undefined, "/subscribe");
    await inTopic(undefined, "/schedule 07:00");
    const before = fake.messagesTo(FORUM).length;
    const clock = justAfterNext0700();
    await briefingsAt(db, bot, clock, () => fake.waitFor(() => fake.messagesTo(FORUM).length >= before + 3));
    const briefings = fake.messagesTo(FORUM).slice(before);
    expect(briefings.map((m) => m.threadId ?? "general").sort()).toEqual([korea, nuclear, "general"].sort());
    expect(briefings.every((m) => m.plainText.startsWith("📰"))).toBe(true);

    // Deleted: Telegram sends no update, only refuses the next send into it.
    fake.deleteTopic(FORUM, nuclear);
    const place = (thread: number) => chatPlace("telegram", chatId(FORUM), threadId(thread));
    expect(await bot.bulkSender.send(chatId(FORUM), ["<b>tin</b>"], { threadId: threadId(nuclear) })).toMatchObject({
      status: "blocked",
      reason: "topic-deleted",
    });
    expect(subscriptions.get(place(nuclear))).toMatchObject({ active: false, deactivatedReason: "topic-deleted" });
    expect(subscriptions.get(place(korea))?.active).toBe(true);
    expect(subscriptions.get(chatPlace("telegram", chatId(FORUM)))?.active).toBe(true);

    // Closed: the service message pauses the topic's subscription, reopening resumes it.
    fake.closeTopic(FORUM, korea);
    await fake.waitFor(() => subscriptions.get(place(korea))?.active === false);
    expect(subscriptions.get(place(korea))?.deactivatedReason).toBe("topic-closed");
    fake.reopenTopic(FORUM, korea);
    await fake.waitFor(() => subscriptions.get(place(korea))?.active === true);
    expect(subscriptions.get(place(korea))?.topics).toEqual(["lien-trieu"]);
  });

  it("a briefing refused for a deleted topic ends that topic's subscription through the outbox, not the group's", async () => {
    const { fake, bot, db, nuclear, inTopic, subscriptions } = await forumWithTopics();
    await inTopic(nuclear, "/subscribe hat nhan");
    await inTopic(nuclear, "/schedule 07:00");
    await inTopic(undefined, "/subscribe");
    await inTopic(undefined, "/schedule 07:00");
    fake.deleteTopic(FORUM, nuclear);
    const before = fake.messagesTo(FORUM).length;
    const clock = justAfterNext0700();
    const place = chatPlace("telegram", chatId(FORUM), threadId(nuclear));
    await briefingsAt(db, bot, clock, () =>
      fake.waitFor(() => fake.messagesTo(FORUM).length >= before + 1 && subscriptions.get(place)?.active === false),
    );
    expect(
      fake
        .messagesTo(FORUM)
        .slice(before)
        .map((m) => m.threadId),
    ).toEqual([undefined]);
    expect(subscriptions.get(place)?.deactivatedReason).toBe("topic-deleted");
    expect(subscriptions.get(chatPlace("telegram", chatId(FORUM)))?.active).toBe(true);
  });

  it("a topic that never subscribed stays off through a close and a reopen; a chat that blocks the bot ends all its topics", async () => {
    const { fake, bot, nuclear, korea, inTopic, subscriptions } = await forumWithTopics();
    await inTopic(nuclear, "/watch Kaesong");
    await inTopic(korea, "/subscribe lien trieu");
    await inTopic(undefined, "/subscribe");
    const place = (thread: number) => chatPlace("telegram", chatId(FORUM), threadId(thread));
    fake.closeTopic(FORUM, nuclear);
    fake.reopenTopic(FORUM, nuclear);
    await inTopic(korea, "/status");
    expect(subscriptions.get(place(nuclear))).toMatchObject({ active: false, deactivatedReason: "not-subscribed" });

    fake.scriptChat(FORUM, BLOCKED);
    expect(await bot.bulkSender.send(chatId(FORUM), ["<b>tin</b>"], { threadId: threadId(korea) })).toMatchObject({
      status: "blocked",
      reason: "blocked",
    });
    expect(subscriptions.get(place(korea))?.deactivatedReason).toBe("blocked");
    expect(subscriptions.get(chatPlace("telegram", chatId(FORUM)))?.deactivatedReason).toBe("blocked");
    expect(subscriptions.get(place(nuclear))?.deactivatedReason).toBe("not-subscribed");
  });
});
