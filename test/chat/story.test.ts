import { describe, expect, it } from "vitest";
import { DiscordLimits } from "../../src/adapters/discord/discord-payload.js";
import { replyMessages } from "../../src/adapters/discord/reply-messages.js";
import { toTelegramReply } from "../../src/adapters/telegram/reply-html.js";
import { TelegramLimits } from "../../src/adapters/telegram/telegram-html.js";
import { createStoryThreads } from "../../src/analyze/story-thread.js";
import { renderReplyText } from "../../src/chat/index.js";
import { earlierInThread } from "../../src/chat/story-thread-lines.js";
import { storyLines } from "../../src/chat/story-timeline.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import { chatId, eventId } from "../../src/domain/index.js";
import { createSqliteEventStore } from "../../src/store/events-repo.js";
import { createSqliteOutboxStore } from "../../src/store/outbox-repo.js";
import { createSqliteStoryRepo } from "../../src/store/story-repo.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { commandCoreOn } from "../support/command-core.js";
import { anEvent, aSource, aStore, aSubscription } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const HOUR = 3_600_000;
// 09:00 in Hanoi, Monday 23 November 2026.
const NOW = Date.parse("2026-11-23T02:00:00Z");

function launchStory(dir: string) {
  const db = aStore(dir);
  aSource(db, { id: "vne", name: "VnExpress" });
  aSource(db, { id: "yna", name: "Yonhap", lang: "en" });
  aSource(db, { id: "tt", name: "Tuổi Trẻ" });
  anEvent(db, {
    id: "ev-launch",
    headline: "Triều Tiên phóng tên lửa",
    reports: [
      { source: "vne", at: NOW - 3 * HOUR, title: "Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản" },
      { source: "yna", at: NOW - 2 * HOUR, title: "N. Korea fires ballistic missile: JCS", lang: "en" },
      { source: "vne", at: NOW - HOUR, title: "Hàn Quốc và Mỹ cân nhắc trừng phạt mới với Triều Tiên" },
      { source: "tt", at: NOW - 30 * 60_000, title: "Nhật Bản phản đối vụ phóng" },
    ],
  });
  return db;
}

describe("/story", () => {
  it("lists an event's reports oldest first in the chat's zone, marking the other language and what each added", () => {
    const db = launchStory(tempDir());
    const timeline = createSqliteStoryRepo(db).timeline(eventId("ev-launch"));
    expect(timeline).toBeDefined();
    const lines = storyLines(timeline!, "vi", "Asia/Ho_Chi_Minh");
    expect(lines.map((l) => [l.when, l.outlet, l.lang, l.newOutlet, l.newSignals])).toEqual([
      ["23/11 06:00", "VnExpress", undefined, false, []],
      ["23/11 07:00", "Yonhap", "en", true, []],
      ["23/11 08:00", "VnExpress", undefined, false, ["sanctions"]],
      ["23/11 08:30", "Tuổi Trẻ", undefined, true, []],
    ]);
    const text = renderReplyText({ kind: "story", lang: "vi", headline: "Triều Tiên phóng tên lửa", lines }, () => "");
    expect(text.split("\n")).toEqual([
      "📜 Diễn biến: Triều Tiên phóng tên lửa",
      "23/11 06:00 · VnExpress · Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản",
      "   https://vne.example/ev-launch-0",
      "23/11 07:00 · Yonhap (EN) · N. Korea fires ballistic missile: JCS",
      "   https://yna.example/ev-launch-1",
      "   Cập nhật: nguồn mới Yonhap (EN)",
      "23/11 08:00 · VnExpress · Hàn Quốc và Mỹ cân nhắc trừng phạt mới với Triều Tiên",
      "   https://vne.example/ev-launch-2",
      "   Cập nhật: mới: trừng phạt",
      "23/11 08:30 · Tuổi Trẻ · Nhật Bản phản đối vụ phóng",
      "   https://tt.example/ev-launch-3",
      "   Cập nhật: nguồn mới Tuổi Trẻ",
    ]);
  });

  it("numbers the chat's last digest or alert: the outbox and /digest both remember it; a merged event is followed", async () => {
    const db = launchStory(tempDir());
    const sub = aSubscription(db, { chat: "100" });
    const stories = createSqliteStoryRepo(db);
    expect(stories.lastShown(sub)).toEqual([]);
    createSqliteOutboxStore(db).enqueue({
      subscriptionId: sub,
      platform: "telegram",
      chatId: chatId("100"),
      slot: "alert:ev-launch",
      kind: "alert",
      document: "{}",
      parts: ["x"],
      events: [{ eventId: eventId("ev-launch"), itemCount: 4 }],
      now: NOW,
    });
    expect(stories.lastShown(sub)).toEqual(["ev-launch"]);
    anEvent(db, { id: "ev-later", headline: "Later", reports: [{ source: "tt", at: NOW }] });
    createSqliteEventStore(db).saveAnalyses([], [{ from: "ev-launch", into: "ev-later" }]);
    expect(stories.timeline(eventId("ev-launch"))?.eventId).toBe("ev-later");

    const core = commandCoreOn(db, {
      subscriptions: createSqliteSubscriptionStore(db, { timezone: "Asia/Ho_Chi_Minh", lang: "vi", times: [] }),
      now: () => NOW,
    });
    const ctx = {
      platform: "telegram" as const,
      chatId: chatId("100"),
      userId: "u",
      chatType: "private" as const,
      isAdmin: async () => true,
    };
    const [story] = await core.handle("/story 1", ctx);
    expect(story).toMatchObject({
      kind: "story",
      lines: expect.arrayContaining([expect.objectContaining({ outlet: "Yonhap" })]),
    });
    expect(await core.handle("/story 2", ctx)).toMatchObject([
      { kind: "error", key: "story-bad-number", params: { max: 1 } },
    ]);
    expect(await core.handle("/story", ctx)).toMatchObject([{ kind: "error", key: "missing-story" }]);
    expect(await core.handle("/story phong ten lua", ctx)).toMatchObject([{ kind: "story" }]);
    expect(await core.handle("/story Stockholm", ctx)).toMatchObject([{ kind: "error", key: "story-not-found" }]);
    const stranger = { ...ctx, chatId: chatId("999") };
    expect(await core.handle("/story 1", stranger)).toMatchObject([{ kind: "error", key: "story-no-digest" }]);
  });
});

const DAY = 24 * HOUR;

/**
 * The second Trump–Kim summit and, six days before it, the envoys' preparation talks (two
 * outlets, one of them a report merged in later), among events that must stay out of its thread.
 */
function summitThread(dir: string) {
  const db = aStore(dir);
  aSource(db, { id: "vne", name: "VnExpress" });
  aSource(db, { id: "yna", name: "Yonhap", lang: "en" });
  const relevance = 0.8;
  anEvent(db, {
    id: "ev-prep",
    headline: "Đặc phái viên Biegun gặp Kim Hyok-chol",
    relevance,
    reports: [
      {
        source: "yna",
        at: NOW - 6 * DAY,
        lang: "en",
        title: "U.S. envoy Biegun, N. Korea's Kim Hyok-chol begin talks in Hanoi",
        lead: "Stephen Biegun and his North Korean counterpart Kim Hyok-chol began working-level talks on Thursday.",
      },
      {
        source: "vne",
        at: NOW - 6 * DAY + 2 * HOUR,
        title: "Đặc phái viên Mỹ Stephen Biegun gặp ông Kim Hyok-chol tại Hà Nội",
        lead: "Hai bên chuẩn bị cho cuộc gặp thượng đỉnh.",
      },
    ],
    summaries: [
      { lang: "vi", summary: "…", headline: "Biegun và Kim Hyok-chol đàm phán cấp làm việc tại Hà Nội" },
      { lang: "en", summary: "…", headline: "Biegun, Kim Hyok-chol hold working-level talks in Hanoi" },
    ],
  });
  anEvent(db, {
    id: "ev-prep-day-two",
    relevance,
    reports: [{ source: "yna", at: NOW - 5 * DAY, lang: "en", title: "Biegun, Kim Hyok-chol meet for a second day" }],
  });
  createSqliteEventStore(db).saveAnalyses([], [{ from: "ev-prep-day-two", into: "ev-prep" }]);
  // Shares only the country, the leaders and the missile: every story does.
  anEvent(db, {
    id: "ev-launch",
    relevance,
    reports: [
      {
        source: "vne",
        at: NOW - 4 * DAY,
        title: "Triều Tiên phóng tên lửa, Mỹ lên án",
        lead: "Chủ tịch Kim Jong-un theo dõi vụ phóng; Tổng thống Mỹ Donald Trump nói vẫn sẽ gặp ông.",
      },
    ],
  });
  // Names the envoy but is no news about the peninsula by analysis's reckoning.
  anEvent(db, {
    id: "ev-lecture",
    relevance: 0.1,
    reports: [{ source: "yna", at: NOW - 3 * DAY, lang: "en", title: "Biegun to lecture at Stanford" }],
  });
  anEvent(db, {
    id: "ev-summit",
    headline: "Trump, Kim open second summit",
    relevance,
    reports: [
      {
        source: "yna",
        at: NOW - 2 * HOUR,
        lang: "en",
        title: "Trump, Kim open second summit in Hanoi",
        lead: "The summit follows talks led by envoys Stephen Biegun and Kim Hyok-chol.",
      },
      {
        source: "vne",
        at: NOW - HOUR,
        title: "Thượng đỉnh Mỹ - Triều lần hai khai mạc",
        lead: "Cuộc gặp được chuẩn bị qua các vòng đàm phán giữa ông Biegun và ông Kim Hyok-chol.",
      },
    ],
  });
  // Began after the summit: a sequel, not what the summit grew out of.
  anEvent(db, {
    id: "ev-after",
    relevance,
    reports: [{ source: "yna", at: NOW, lang: "en", title: "Biegun briefs Seoul on the summit" }],
  });
  return db;
}

describe("/story with the story's thread", () => {
  it("lists the earlier events sharing a specific name, dated in the chat's zone and headed in its language", async () => {
    const db = summitThread(tempDir());
    const stories = createSqliteStoryRepo(db);
    const core = commandCoreOn(db, {
      subscriptions: createSqliteSubscriptionStore(db, { timezone: "Asia/Ho_Chi_Minh", lang: "vi", times: [] }),
      storyThread: { earlier: createStoryThreads(loadLexicon()).earlier, minRelevance: 0.5 },
      now: () => NOW,
    });
    const ask = async (chat: string, lang: "vi" | "en") => {
      const sub = aSubscription(db, { chat, lang });
      stories.rememberShown(sub, [eventId("ev-summit")], NOW);
      const ctx = {
        platform: "telegram" as const,
        chatId: chatId(chat),
        userId: "u",
        chatType: "private" as const,
        isAdmin: async () => true,
      };
      const [reply] = await core.handle("/story 1", ctx);
      return reply;
    };

    const vi = await ask("100", "vi");
    expect(vi).toMatchObject({
      kind: "story",
      earlier: [
        {
          when: "17/11",
          headline: "Biegun và Kim Hyok-chol đàm phán cấp làm việc tại Hà Nội",
          reports: 3,
          outlets: 2,
          shared: ["Kim Hyok-chol", "Stephen Biegun"],
        },
      ],
    });
    expect(
      renderReplyText(vi!, () => "")
        .split("\n")
        .slice(-3),
    ).toEqual([
      "",
      "🧵 Trước đó cùng mạch tin:",
      "• 17/11 · Biegun và Kim Hyok-chol đàm phán cấp làm việc tại Hà Nội — 3 bài, 2 nguồn · chung: Kim Hyok-chol, Stephen Biegun",
    ]);
    const en = await ask("200", "en");
    expect(
      renderReplyText(en!, () => "")
        .split("\n")
        .slice(-2),
    ).toEqual([
      "🧵 Earlier in this thread:",
      "• 17/11 · Biegun, Kim Hyok-chol hold working-level talks in Hanoi — 3 reports, 2 outlets · shared: Kim Hyok-chol, Stephen Biegun",
    ]);
  });

  it("shows no thread section for a story with no earlier event of its thread", async () => {
    const db = launchStory(tempDir());
    const timeline = createSqliteStoryRepo(db).timeline(eventId("ev-launch"))!;
    const deps = {
      stories: createSqliteStoryRepo(db),
      storyThread: { earlier: createStoryThreads(loadLexicon()).earlier, minRelevance: 0 },
    };
    expect(await earlierInThread(deps, timeline, "vi", "Asia/Ho_Chi_Minh")).toEqual([]);
    const lines = storyLines(timeline, "vi", "Asia/Ho_Chi_Minh");
    const text = renderReplyText({ kind: "story", lang: "vi", headline: "x", lines, earlier: [] }, () => "");
    expect(text).not.toContain("🧵");
  });

  it("splits a long timeline with its thread into messages within each platform's limit, never inside a line", () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({
      when: "23/11 07:00",
      outlet: "VnExpress",
      title: `Báo cáo số ${i}: ${"Triều Tiên và Hàn Quốc ".repeat(4)}`,
      url: `https://vne.example/tin-${i}`,
      newOutlet: false,
      newSignals: [],
    }));
    const earlier = Array.from({ length: 5 }, (_, i) => ({
      when: `1${i}/11`,
      headline: `Sự kiện trước số ${i} ${"đàm phán cấp làm việc ".repeat(5)}`,
      reports: 3,
      outlets: 2,
      shared: ["Kim Hyok-chol", "Stephen Biegun"],
    }));
    const reply = { kind: "story" as const, lang: "vi" as const, headline: "Thượng đỉnh", lines, earlier };
    const threadLine = (text: string) => text.split("\n").filter((l) => l.startsWith("• "));
    const telegram = toTelegramReply(reply, () => []).parts;
    const discord = replyMessages([reply], () => []).map((m) => m.content ?? "");
    for (const [parts, limit] of [
      [telegram, TelegramLimits.replyPart],
      [discord, DiscordLimits.content],
    ] as const) {
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(limit);
      expect(parts.flatMap(threadLine)).toEqual(threadLine(renderReplyText(reply, () => "")));
    }
  });
});
