import { describe, expect, it } from "vitest";
import { renderReplyText } from "../../src/chat/index.js";
import { storyLines } from "../../src/chat/story-timeline.js";
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
