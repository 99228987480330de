import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTelegramBot, type TelegramBot } from "../../../src/adapters/telegram/index.js";
import { createTelegramDeliverySender } from "../../../src/adapters/telegram/telegram-delivery-sender.js";
import { createTelegramLimiter, type TelegramPace } from "../../../src/delivery/platform-limiters.js";
import { chatId, chatPlace } from "../../../src/domain/index.js";
import { type Db, openDatabase } from "../../../src/store/database.js";
import { createSqliteHealthRepo } from "../../../src/store/health-repo.js";
import { createSqliteSubscriptionStore } from "../../../src/store/subscriptions-repo.js";
import { createSqliteTelegramUpdateLog } from "../../../src/store/telegram-updates-repo.js";
import { commandCoreOn } from "../../support/command-core.js";
import { BLOCKED, CHAT_NOT_FOUND, type FakeBotApi, startFakeBotApi } from "../../support/fake-bot-api.js";
import { justAfterNext0700, offlineBriefings } from "../../support/offline-briefings.js";
import { aSubscription } from "../../support/store-fixtures.js";
import { digestHtml, useTelegramBots } from "../../support/telegram-bot-harness.js";
import { useTempDir } from "../../support/temp-dir.js";

const tempDir = useTempDir();
const telegramBot = useTelegramBots(tempDir);
const running: { fake: FakeBotApi; bot: TelegramBot }[] = [];
afterEach(async () => {
  for (const { fake, bot } of running.splice(0)) {
    await bot.stop();
    await fake.close();
  }
});

const startBot = (pace?: Partial<TelegramPace>) => telegramBot(pace === undefined ? {} : { pace });

const WEBHOOK_SECRET = "s3cret";

/**
 * A bot serving a webhook on a real SQLite file, English by default, talking to a fresh fake
 * Bot API; `post` sends an update to it as Telegram would (with `headers`, the secret by default).
 */
async function webhookBot(firstSeenOn?: (db: Db) => (updateId: number) => boolean) {
  const fake = await startFakeBotApi();
  const db = openDatabase(join(tempDir(), "bantin.db"));
  const subscriptions = createSqliteSubscriptionStore(db, { timezone: "UTC", lang: "en", times: [] });
  const core = commandCoreOn(db, { subscriptions, defaults: { lang: "en", since: "24h" }, now: Date.now });
  const bot = createTelegramBot({
    token: fake.token,
    apiRoot: fake.apiRoot,
    core,
    chats: subscriptions,
    renderDigestHtml: digestHtml,
    defaultLang: "en",
    limiter: createTelegramLimiter(),
    ...(firstSeenOn === undefined ? {} : { firstSeen: firstSeenOn(db) }),
  });
  running.push({ fake, bot });
  const port = await bot.startWebhook({
    url: "https://bantin.example/hook",
    secretToken: WEBHOOK_SECRET,
    port: 0,
    host: "127.0.0.1",
  });
  const post = (
    update: unknown,
    headers: Record<string, string> = { "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET },
  ) =>
    fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(update),
    });
  return { fake, post };
}

describe("the Telegram bot in webhook mode", () => {
  it("takes updates only with the secret token header, and answers through the Bot API", async () => {
    const { fake, post } = await webhookBot();
    expect(fake.calls.find((c) => c.method === "setWebhook")?.params).toMatchObject({
      url: "https://bantin.example/hook",
      secret_token: "s3cret",
    });
    const update = fake.userUpdate({ chatId: 88, text: "/help", languageCode: "en" });
    expect((await post(update, {})).status).toBe(401);
    expect((await post(update, { "X-Telegram-Bot-Api-Secret-Token": "wrong" })).status).toBe(401);
    expect(fake.messages).toHaveLength(0);
    expect((await post(update, { "X-Telegram-Bot-Api-Secret-Token": "s3cret" })).status).toBe(200);
    await fake.waitFor(() => fake.messagesTo(88).length === 1);
    expect(fake.messagesTo(88)[0]?.plainText).toContain("Bantin sends short, sourced briefings");
  });
});

describe("the Telegram bot, a redelivered update", () => {
  it("is handled once: the same update posted twice to the webhook answers once", async () => {
    const { fake, post } = await webhookBot((db) => {
      const log = createSqliteTelegramUpdateLog(db);
      return (id) => log.firstSeen(id, Date.now());
    });
    const update = fake.userUpdate({ chatId: 89, text: "/subscribe", languageCode: "en" });
    expect((await post(update)).status).toBe(200);
    await fake.waitFor(() => fake.messagesTo(89).length === 1);
    // Telegram did not see our answer in time and sends it again; a later update is new.
    expect((await post(update)).status).toBe(200);
    await post(fake.userUpdate({ chatId: 89, text: "/status", languageCode: "en" }));
    await fake.waitFor(() => fake.messagesTo(89).length === 2);
    expect(fake.messagesTo(89).map((m) => m.plainText.split("\n")[0])).toEqual([
      "Subscribed to all topics.",
      expect.stringMatching(/^Status/),
    ]);
  });
});

describe("the Telegram bot, through a Bot API server that enforces Telegram's rules", () => {
  it("registers its commands in Vietnamese and English", async () => {
    const { fake } = await startBot();
    const menus = fake.calls.filter((c) => c.method === "setMyCommands");
    expect(menus.map((c) => c.params.language_code)).toEqual(["vi", "en", undefined]);
    expect(menus.every((c) => c.status === 200)).toBe(true);
    expect(fake.calls.some((c) => c.method === "deleteWebhook")).toBe(true);
  });

  it("a private user goes /start → /subscribe → /digest → /unsubscribe", async () => {
    const { say, subscriptions } = await startBot();
    const [help] = await say(101, "/start");
    expect(help?.plainText).toContain("Bantin gửi bản tin ngắn");
    expect(help).toMatchObject({ parseMode: "HTML", linkPreviewDisabled: true });
    const [subscribed] = await say(101, "/subscribe my trieu");
    expect(subscribed?.plainText).toBe("Đã đăng ký: Mỹ – Triều.");
    const [digest] = await say(101, "/digest");
    expect(digest?.plainText).toBe("Bản tin <my-trieu>\n0 & more");
    const [gone] = await say(101, "/unsubscribe");
    expect(gone?.plainText).toBe("Đã hủy đăng ký. Gõ /subscribe để đăng ký lại.");
    expect(subscriptions.get(chatPlace("telegram", chatId(101)))).toMatchObject({
      active: false,
      deactivatedReason: "unsubscribed",
    });
  });

  it("/watch and /mute travel through the Bot API like any command, answered in HTML", async () => {
    const { say } = await startBot();
    const [watching] = await say(101, "/watch@BantinTestBot Choe <Son-hui>");
    expect(watching?.plainText).toContain("Đã theo dõi “Choe <Son-hui>” (1/50).");
    expect(watching).toMatchObject({ parseMode: "HTML" });
    const [listed] = await say(101, "/watch");
    expect(listed?.plainText).toBe("Đang theo dõi (1/50):\n• Choe <Son-hui>");
    const [muted] = await say(101, "/mute bóng đá");
    expect(muted?.plainText).toContain("Đã ẩn “bóng đá” (1/50)");
  });

  it("a subscriber's scheduled briefing arrives once, through the outbox and the same sender", async () => {
    const { fake, bot, db, say } = await startBot();
    await say(105, "/subscribe my-trieu");
    await say(105, "/schedule 07:00");
    aSubscription(db, { platform: "discord", chat: "1500000000000000000", times: ["07:00"] });
    // Half a minute after the chat's next 07:00: the first briefing tick finds that slot due.
    let clock = justAfterNext0700();
    const scheduler = offlineBriefings(db, { telegram: createTelegramDeliverySender(bot.bulkSender) }, () => clock);
    try {
      await fake.waitFor(() => fake.messagesTo(105).length === 3);
      expect(fake.messagesTo(105)[2]?.plainText).toMatch(/^📰 Bản tin/);
      // A Discord channel due at the same minute gets nothing built while this run has no Discord:
      // no outbox row to wait out its retries, no event recorded as shown to it.
      const discordRows = createSqliteHealthRepo(db)
        .statistics()
        .deliveries.filter((d) => d.platform === "discord")
        .reduce((n, d) => n + d.count, 0);
      expect(discordRows).toBe(0);
      clock += 60_000;
      await scheduler.runBriefingTick();
      expect(fake.messagesTo(105)).toHaveLength(3);
    } finally {
      await scheduler.stop();
    }
    const [bye] = await say(105, "/unsubscribe");
    expect(bye?.plainText).toContain("Đã hủy đăng ký");
  });

  it("in a group, a non-admin is refused settings but gets a digest; an admin may subscribe", async () => {
    const { fake, say, subscriptions } = await startBot();
    fake.setMemberStatus(-200, 7, "administrator");
    const [refused] = await say(-200, "/subscribe", { userId: 5, chatType: "group" });
    expect(refused?.plainText).toBe("Trong nhóm, chỉ quản trị viên được đổi cài đặt.");
    expect(subscriptions.get(chatPlace("telegram", chatId(-200)))).toBeUndefined();
    const [digest] = await say(-200, "/digest@BantinTestBot 3d", { userId: 5, chatType: "group" });
    expect(digest?.plainText).toContain("Bản tin");
    const [ok] = await say(-200, "/subscribe", { userId: 7, chatType: "group" });
    expect(ok?.plainText).toBe("Đã đăng ký tất cả chủ đề.");
    expect(fake.calls.filter((c) => c.method === "getChatMember").map((c) => c.params.user_id)).toEqual([5, 7]);
  });

  it("ignores commands addressed to another bot", async () => {
    const { fake, say } = await startBot();
    fake.userSays({ chatId: -300, chatType: "group", userId: 3, text: "/help@OtherBot" });
    const [help] = await say(-300, "/help@BantinTestBot", { userId: 3, chatType: "group" });
    expect(help?.plainText).toContain("/subscribe");
    expect(fake.messagesTo(-300)).toHaveLength(1);
  });

  it("a blocked user's subscription is deactivated, not deleted, and /start reactivates it", async () => {
    const { fake, bot, say, subscriptions } = await startBot();
    await say(102, "/subscribe hat-nhan");
    fake.scriptChat(102, BLOCKED);
    const result = await bot.bulkSender.send(chatId(102), ["<b>Bản tin sáng</b>"]);
    expect(result).toEqual({
      status: "blocked",
      reason: "blocked",
      description: "Forbidden: bot was blocked by the user",
    });
    expect(subscriptions.get(chatPlace("telegram", chatId(102)))).toMatchObject({
      active: false,
      deactivatedReason: "blocked",
      topics: ["hat-nhan"],
    });
    fake.scriptChat(102, undefined);
    const [welcome] = await say(102, "/start", {}, 2);
    expect(welcome?.plainText).toBe("Chào mừng trở lại! Bản tin đã được bật lại.");
    expect(subscriptions.get(chatPlace("telegram", chatId(102)))).toMatchObject({ active: true, topics: ["hat-nhan"] });
  });

  it("a chat that no longer exists is deactivated too", async () => {
    const { fake, bot, say, subscriptions } = await startBot();
    await say(103, "/subscribe");
    fake.scriptChat(103, CHAT_NOT_FOUND);
    expect(await bot.bulkSender.send(chatId(103), ["x"])).toMatchObject({
      status: "blocked",
      reason: "chat-not-found",
    });
    expect(subscriptions.get(chatPlace("telegram", chatId(103)))?.deactivatedReason).toBe("chat-not-found");
  });

  it("topic buttons under /topics toggle the chat's topics", async () => {
    const { fake, say, subscriptions } = await startBot();
    const [list] = await say(104, "/topics");
    if (list === undefined) throw new Error("no /topics reply");
    fake.pressButton(list, "t:lien-trieu");
    await fake.waitFor(() => fake.calls.some((c) => c.method === "editMessageReplyMarkup"));
    expect(subscriptions.get(chatPlace("telegram", chatId(104)))).toMatchObject({
      active: true,
      topics: ["lien-trieu"],
    });
    const edited = fake.messagesTo(104)[0]?.replyMarkup as { inline_keyboard: { text: string }[][] };
    expect(edited.inline_keyboard.map((row) => row[0]?.text)).toEqual(["▫️ Mỹ – Triều", "✅ Liên Triều", "▫️ Hạt nhân"]);
    expect(fake.calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);
  });

  it("answers commands posted in a channel", async () => {
    const { fake, subscriptions } = await startBot();
    fake.channelPost(-1001, "/subscribe hat nhan");
    await fake.waitFor(() => fake.messagesTo(-1001).length === 1);
    expect(fake.messagesTo(-1001)[0]?.plainText).toBe("Đã đăng ký: Hạt nhân.");
    expect(subscriptions.get(chatPlace("telegram", chatId(-1001)))).toMatchObject({
      chatType: "channel",
      active: true,
    });
  });

  it("follows a group that became a supergroup", async () => {
    const { fake, bot, say, subscriptions } = await startBot();
    fake.setMemberStatus(-400, 9, "creator");
    await say(-400, "/subscribe lien trieu", { userId: 9, chatType: "group" });
    fake.migrateGroup(-400, -100400);
    // The relay still holds the old id: the sender resends to the new one.
    const result = await bot.bulkSender.send(chatId(-400), ["<i>tin</i>"]);
    expect(result).toMatchObject({ status: "ok", chatId: "-100400" });
    expect(fake.messagesTo(-100400).map((m) => m.plainText)).toEqual(["tin"]);
    expect(subscriptions.get(chatPlace("telegram", chatId(-100400)))).toMatchObject({
      topics: ["lien-trieu"],
      chatType: "supergroup",
    });
    expect(subscriptions.get(chatPlace("telegram", chatId(-400)))).toBeUndefined();
  });

  it("a command reply overtakes a fan-out of queued briefings sharing the same limiter", async () => {
    // A slow overall pace, so the fan-out is still going when the user writes.
    const { fake, bot } = await startBot({ chatPerSecond: 40, groupPerMinute: 2400, globalPerSecond: 60 });
    const chats = Array.from({ length: 200 }, (_, i) => 5000 + i);
    const fanOut = Promise.all(chats.map((chat) => bot.bulkSender.send(chatId(chat), [`<b>Bản tin</b> ${chat}`])));
    await fake.waitFor((messages) => messages.length >= 10);
    fake.userSays({ chatId: 999, text: "/help" });
    const results = await fanOut;
    await fake.waitFor(() => fake.messagesTo(999).length === 1);
    expect(results.every((r) => r.status === "ok")).toBe(true);
    const order = fake.messages.map((m) => Number(m.chatId));
    const replyAt = order.indexOf(999);
    const lastBriefing = Math.max(...chats.map((chat) => order.lastIndexOf(chat)));
    // Every briefing was queued before the command came in, and the reply still went first.
    expect(replyAt).toBeGreaterThanOrEqual(10);
    expect(replyAt).toBeLessThan(lastBriefing);
    expect(fake.messagesTo(999)[0]?.plainText).toContain("/subscribe");
  });
});
