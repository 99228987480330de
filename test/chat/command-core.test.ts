import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ChatContext, type OnDemandDigestRequest, type Reply, renderReplyText } from "../../src/chat/index.js";
import { chatId, chatPlace, type DigestDocument } from "../../src/domain/index.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { seedNews } from "../support/chat-fixtures.js";
import { commandCoreOn } from "../support/command-core.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
// Saturday 2026-11-21 22:30 in Ho Chi Minh City.
const NOW = Date.UTC(2026, 10, 21, 15, 30);

function setup(options: { admin?: boolean; chatType?: ChatContext["chatType"]; capacity?: number } = {}) {
  const db = openDatabase(join(tempDir(), "bantin.db"));
  seedNews(db, NOW);
  let clock = NOW;
  const requests: OnDemandDigestRequest[] = [];
  const subscriptions = createSqliteSubscriptionStore(db, {
    timezone: "Asia/Ho_Chi_Minh",
    lang: "vi",
    times: ["07:00"],
  });
  const core = commandCoreOn(db, {
    subscriptions,
    composeDigest: (request): DigestDocument => {
      requests.push(request);
      return { lang: request.lang, title: "Thứ Bảy, 21/11/2026", entries: [], totals: { articles: 0, outlets: 0 } };
    },
    defaults: { lang: "vi", since: "24h" },
    now: () => clock,
    rateLimit: { capacity: options.capacity ?? 100, refillPerSecond: 1 },
  });
  const ctx: ChatContext = {
    platform: "telegram",
    chatId: chatId(100),
    userId: "u1",
    chatType: options.chatType ?? "private",
    isAdmin: async () => options.admin ?? false,
  };
  const say = async (text: string, c: Partial<ChatContext> = {}) => core.handle(text, { ...ctx, ...c });
  const show = (replies: Reply[]) => replies.map((r) => renderReplyText(r, (d) => `[digest ${d.title}]`)).join("\n");
  const advance = (ms: number) => {
    clock += ms;
  };
  return { core, say, show, subscriptions, requests, ctx, advance };
}

describe("chat commands", () => {
  it("/subscribe without topics follows everything; with topics, only those (labels without diacritics work)", async () => {
    const { say, subscriptions } = setup();
    expect(await say("/subscribe")).toEqual([{ kind: "text", lang: "vi", key: "subscribed-all" }]);
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))).toMatchObject({ active: true, topics: [] });
    await say("/unsubscribe all");
    const replies = await say("/subscribe My Trieu HAT-NHAN");
    expect(replies[0]).toMatchObject({ key: "subscribed", params: { topics: "Mỹ – Triều, Hạt nhân" } });
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))?.topics).toEqual(["my-trieu", "hat-nhan"]);
  });

  it("a topic can be named by a word of its label when only one topic has it", async () => {
    const { say, subscriptions } = setup();
    expect(await say("/subscribe nuclear")).toMatchObject([{ key: "subscribed", params: { topics: "Hạt nhân" } }]);
    expect(await say("/subscribe trieu")).toMatchObject([{ kind: "error", key: "unknown-topic" }]);
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))?.topics).toEqual(["hat-nhan"]);
  });

  it("a topic typed with a typo is refused with a stable key and a 'did you mean'", async () => {
    const { say, show } = setup();
    const replies = await say("/subscribe my-treu");
    expect(replies).toEqual([
      { kind: "error", lang: "vi", key: "unknown-topic", params: { input: "my-treu", suggestion: "my-trieu" } },
    ]);
    expect(show(replies)).toContain("Có phải ý bạn là “my-trieu”?");
  });

  it("/unsubscribe of one topic from 'all' keeps the others; the last one turns the subscription off but keeps the row", async () => {
    const { say, subscriptions } = setup();
    await say("/subscribe");
    await say("/unsubscribe hat nhan");
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))?.topics).toEqual(["my-trieu", "lien-trieu"]);
    await say("/unsubscribe my-trieu lien-trieu");
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))).toMatchObject({
      active: false,
      deactivatedReason: "unsubscribed",
    });
  });

  it("/topics lists each topic with its description and whether this chat follows it", async () => {
    const { say, show } = setup();
    await say("/subscribe lien trieu");
    const [reply] = await say("/topics");
    expect(reply).toMatchObject({ kind: "topics", active: true });
    expect(reply?.kind === "topics" && reply.topics.map((t) => [t.id, t.subscribed])).toEqual([
      ["my-trieu", false],
      ["lien-trieu", true],
      ["hat-nhan", false],
    ]);
    expect(show(await say("/topics"))).toContain("✅ Liên Triều (lien-trieu) — Quan hệ hai miền Triều Tiên");
  });

  it("/digest passes topics and window through, and a bad window is refused", async () => {
    const { say, requests } = setup();
    expect(await say("/digest hat-nhan 3d")).toMatchObject([{ kind: "digest" }]);
    expect(requests.at(-1)).toMatchObject({ topics: ["hat-nhan"], since: "3d", lang: "vi" });
    expect(await say("/digest 5d")).toMatchObject([{ kind: "error", key: "bad-window" }]);
  });

  it("/search is diacritic-insensitive and groups an event's articles into one hit", async () => {
    const { say, show } = setup();
    const [reply] = await say("/search trieu tien");
    expect(reply).toMatchObject({
      kind: "search",
      hits: [{ headline: "Triều Tiên phóng tên lửa đạn đạo", articles: 2 }],
    });
    // "tien" must not match "Tiếng" (a different syllable once folded: "tieng").
    expect(await say("/search tien thi truong")).toMatchObject([{ kind: "search", hits: [] }]);
    expect(show(await say("/search"))).toBe("Viết từ cần tìm, ví dụ /search trieu tien.");
  });

  it("/schedule, /timezone, /lang and /alerts accept forgiving input and refuse bad input specifically", async () => {
    const { say, subscriptions } = setup();
    await say("/schedule 7h30, 18:00");
    await say("/timezone asia/seoul");
    await say("/alerts bật");
    expect(await say("/lang EN")).toEqual([{ kind: "text", lang: "en", key: "lang-set" }]);
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))).toMatchObject({
      times: ["07:30", "18:00"],
      timezone: "Asia/Seoul",
      alerts: true,
      lang: "en",
    });
    expect(await say("/schedule 25:00")).toMatchObject([{ key: "bad-time", params: { input: "25:00" } }]);
    expect(await say("/timezone Asia/Seol")).toMatchObject([
      { key: "bad-timezone", params: { suggestion: "Asia/Seoul" } },
    ]);
    expect(await say("/lang fr")).toMatchObject([{ key: "bad-lang" }]);
    await say("/schedule off");
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))?.times).toEqual([]);
  });

  it("/schedule weekly sets the week's briefing in Vietnamese or English words, /status shows it, off removes it", async () => {
    const { say, show, subscriptions } = setup();
    await say("/subscribe");
    await say("/schedule off");
    const set = await say("/schedule hàng tuần Chủ Nhật 19h");
    expect(set).toEqual([
      {
        kind: "text",
        lang: "vi",
        key: "weekly-set",
        params: { day: "Chủ Nhật", time: "19:00", timezone: "Asia/Ho_Chi_Minh" },
      },
    ]);
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))?.weekly).toEqual({ weekday: 0, time: "19:00" });
    const status = show(await say("/status"));
    expect(status).toContain("Bản tin tuần: Chủ Nhật 19:00");
    // Daily briefings are off, so the next one is the weekly: tomorrow (Sunday) at 19:00.
    expect(status).toContain("Bản tin tới: 19:00, Chủ Nhật, 22/11/2026");
    expect(show(await say("/schedule tuan T7 8:30"))).toBe(
      "Bản tin tuần (7 ngày qua) sẽ đến lúc 08:30 Thứ Bảy hằng tuần (Asia/Ho_Chi_Minh).",
    );
    await say("/lang en");
    expect(show(await say("/schedule weekly sun 19:00"))).toBe(
      "The weekly briefing (the past 7 days) will arrive every Sunday at 19:00 (Asia/Ho_Chi_Minh).",
    );
    expect(await say("/schedule weekly someday 19:00")).toMatchObject([
      { kind: "error", key: "bad-weekday", params: { input: "someday" } },
    ]);
    expect(await say("/schedule weekly sun")).toMatchObject([{ kind: "error", key: "missing-weekly" }]);
    expect(await say("/schedule weekly sun 25:00")).toMatchObject([{ kind: "error", key: "bad-time" }]);
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))?.weekly).toEqual({ weekday: 0, time: "19:00" });
    expect(await say("/schedule weekly off")).toMatchObject([{ key: "weekly-off" }]);
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))?.weekly).toBeNull();
    expect(show(await say("/status"))).not.toContain("Weekly briefing");
  });

  it("/watch and /mute add, list and refuse past their limits; /unwatch and /unmute take any spelling, or all", async () => {
    const { say, show } = setup();
    expect(show(await say("/watch"))).toBe("Chưa theo dõi gì. Ví dụ: /watch Choe Son-hui");
    expect(await say("/watch Choe Son-hui")).toMatchObject([
      { key: "watch-added", params: { phrase: "Choe Son-hui", count: 1, max: 50 } },
    ]);
    expect(await say("/watch choe son hui")).toMatchObject([
      { key: "watch-exists", params: { phrase: "choe son hui" } },
    ]);
    await say("/watch Yongbyon");
    expect(show(await say("/watch"))).toBe("Đang theo dõi (2/50):\n• Choe Son-hui\n• Yongbyon");
    expect(await say(`/watch ${"x".repeat(101)}`)).toMatchObject([{ key: "phrase-too-long", params: { max: 100 } }]);
    expect(await say("/watch ---")).toMatchObject([{ key: "missing-phrase" }]);
    for (let i = 0; i < 48; i++) await say(`/watch từ khóa ${i}`);
    expect(await say("/watch một nữa")).toMatchObject([{ key: "too-many-filters", params: { max: 50 } }]);
    expect(await say("/unwatch CHOE SON-HUI")).toMatchObject([
      { key: "watch-removed", params: { phrase: "Choe Son-hui" } },
    ]);
    expect(await say("/unwatch Yongbion")).toMatchObject([
      { key: "filter-not-found", params: { input: "Yongbion", suggestion: "Yongbyon" } },
    ]);
    expect(await say("/unwatch tất cả")).toMatchObject([{ key: "watch-removed-all", params: { count: 49 } }]);
    expect(show(await say("/mute bóng đá"))).toBe(
      "Đã ẩn “bóng đá” (1/50): tin nhắc tới sẽ không đến đây, cả bản tin lẫn cảnh báo.",
    );
    expect(show(await say("/mute"))).toBe("Đang ẩn (1/50):\n• bóng đá");
    expect(await say("/unmute bong da")).toMatchObject([{ key: "mute-removed", params: { phrase: "bóng đá" } }]);
  });

  it("in a group, only admins change watches and mutes", async () => {
    const { say } = setup({ chatType: "group", admin: false });
    expect(await say("/watch Yongbyon")).toMatchObject([{ kind: "error", key: "admins-only" }]);
    expect(await say("/mute bóng đá")).toMatchObject([{ kind: "error", key: "admins-only" }]);
  });

  it("/status shows the next briefing in the chat's timezone, as a Vietnamese date", async () => {
    const { say, show } = setup();
    await say("/subscribe");
    const text = show(await say("/status"));
    expect(text).toContain("Bản tin tới: 07:00, Chủ Nhật, 22/11/2026");
    expect(text).toContain("Múi giờ: Asia/Ho_Chi_Minh");
    await say("/timezone Europe/Berlin");
    // 22:30 in Saigon is 16:30 in Berlin: 07:00 Berlin is still tomorrow.
    expect(show(await say("/status"))).toContain("Bản tin tới: 07:00, Chủ Nhật, 22/11/2026");
  });

  it("/sources reports each source's health", async () => {
    const { say, show } = setup();
    expect(show(await say("/sources"))).toBe("Nguồn tin:\n• Báo Lỗi: lỗi (HTTP 503)\n• VnExpress: tốt");
  });

  it("in a group, a non-admin may ask for a digest but not change settings", async () => {
    const { say, subscriptions } = setup({ chatType: "group", admin: false });
    expect(await say("/subscribe")).toEqual([{ kind: "error", lang: "vi", key: "admins-only" }]);
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))).toBeUndefined();
    expect(await say("/digest")).toMatchObject([{ kind: "digest" }]);
    const admin = setup({ chatType: "supergroup", admin: true });
    expect(await admin.say("/subscribe")).toMatchObject([{ key: "subscribed-all" }]);
  });

  it("/start brings back a chat the platform had blocked, but not one that unsubscribed", async () => {
    const { say, subscriptions } = setup();
    await say("/subscribe hat-nhan");
    subscriptions.deactivate(chatPlace("telegram", chatId(100)), "blocked", NOW);
    expect((await say("/start"))[0]).toMatchObject({ key: "reactivated" });
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))).toMatchObject({ active: true, topics: ["hat-nhan"] });
    await say("/unsubscribe");
    await say("/start");
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))?.active).toBe(false);
  });

  it("unknown commands get a suggestion in private chats and silence in groups unless they look like ours", async () => {
    const { say } = setup();
    expect(await say("/subcribe")).toMatchObject([{ key: "unknown-command", params: { suggestion: "/subscribe" } }]);
    expect(await say("/weather", { chatType: "group" })).toEqual([]);
    expect(await say("hello", { chatType: "group" })).toEqual([]);
    expect(await say("hello")).toMatchObject([{ key: "not-a-command" }]);
  });

  it("a user spamming commands gets one polite notice, then silence until the bucket refills", async () => {
    const { say, advance } = setup({ capacity: 3 });
    for (let i = 0; i < 3; i++) expect(await say("/help")).toMatchObject([{ kind: "help" }]);
    expect(await say("/help")).toMatchObject([{ kind: "error", key: "slow-down", params: { seconds: 1 } }]);
    expect(await say("/help")).toEqual([]);
    expect(await say("/help", { userId: "someone-else" })).toMatchObject([{ kind: "help" }]);
    advance(1000);
    expect(await say("/help")).toMatchObject([{ kind: "help" }]);
  });

  it("/help in English lists every command", async () => {
    const { say, show } = setup();
    const text = show(await say("/help", { language: "en" }));
    expect(text).toContain("Bantin sends short, sourced briefings");
    for (const c of [
      "/subscribe",
      "/unsubscribe",
      "/digest",
      "/search",
      "/schedule",
      "/timezone",
      "/lang",
      "/alerts",
      "/sources",
      "/status",
    ]) {
      expect(text).toContain(c);
    }
  });

  it("a failing dependency becomes a short apology, not a stack trace", async () => {
    const db = openDatabase(join(tempDir(), "bantin.db"));
    const core = commandCoreOn(db, {
      subscriptions: createSqliteSubscriptionStore(db, { timezone: "UTC", lang: "en", times: [] }),
      composeDigest: () => {
        throw new Error("boom");
      },
      defaults: { lang: "en", since: "24h" },
      now: () => NOW,
    });
    const replies = await core.handle("/digest", {
      platform: "console",
      chatId: chatId("c"),
      userId: "u",
      chatType: "private",
      isAdmin: async () => true,
    });
    expect(replies).toEqual([{ kind: "error", lang: "en", key: "internal" }]);
  });

  it("a topic button toggles the topic and answers with the new list", async () => {
    const { core, ctx, subscriptions } = setup();
    await core.toggleTopic("hat-nhan", ctx);
    expect(subscriptions.get(chatPlace("telegram", chatId(100)))).toMatchObject({ active: true, topics: ["hat-nhan"] });
    const [reply] = await core.toggleTopic("hat-nhan", ctx);
    expect(reply).toMatchObject({ kind: "topics", active: false });
  });
});
