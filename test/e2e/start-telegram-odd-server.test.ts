import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { chatId, chatPlace, wallClock } from "../../src/domain/index.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteSchedulerCursor } from "../../src/store/scheduler-cursor-repo.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { spawnBantin } from "../support/bantin-process.js";
import { type FakeBotApi, ODD_ANSWERS, startFakeBotApi } from "../support/fake-bot-api.js";
import { useFeedServer } from "../support/feed-server.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();
expectNoStackTracesAfterAll();
let fake: FakeBotApi | undefined;
afterEach(async () => {
  await fake?.close();
});

const pad = (n: number) => String(n).padStart(2, "0");

/** A feed with one story told twice, dated within the last hours. */
function newsFeed(): string {
  const at = (hours: number) => new Date(Date.now() - hours * 3_600_000).toUTCString();
  const item = (n: number, title: string, lead: string) =>
    `<item><title>${title}</title><link>https://bao.example/${n}</link><description>${lead}</description><pubDate>${at(n)}</pubDate></item>`;
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo</title><link>https://bao.example/</link>${item(
    1,
    "Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản",
    "Bộ Tham mưu Liên quân Hàn Quốc cho biết Triều Tiên phóng một tên lửa đạn đạo từ gần Bình Nhưỡng.",
  )}${item(2, "Triều Tiên phóng tên lửa đạn đạo", "Triều Tiên phóng tên lửa đạn đạo từ khu vực gần Bình Nhưỡng, Seoul cho biết.")}</channel></rss>`;
}

describe("start against a Bot API server whose every optional method fails", () => {
  it("serves /start, /digest and /subscribe and delivers the scheduled briefing; warnings only, no stack", {
    timeout: 120_000,
  }, async () => {
    fake = await startFakeBotApi();
    const api = fake;
    api.scriptMethod("setMyCommands", ODD_ANSWERS.noErrorFields);
    api.scriptMethod("deleteWebhook", ODD_ANSWERS.html502);
    api.scriptMethod("getChatMember", ODD_ANSWERS.empty);
    api.scriptMethod("answerCallbackQuery", ODD_ANSWERS.reset);
    api.scriptMethod("editMessageReplyMarkup", ODD_ANSWERS.noDescription);
    const feeds = await feedServer();
    feeds.route("/news.rss", { headers: { "content-type": "application/rss+xml" }, body: newsFeed() });
    const dir = tempDir();
    writeFileSync(
      join(dir, "sources.yaml"),
      `sources:\n  - id: bao\n    url: ${feeds.url("/news.rss")}\n    name: Báo\n`,
    );
    // A subscriber whose 07:00-style briefing time was ten minutes ago, and a scheduler that last
    // ticked before it: the first tick after start owes it that briefing.
    const db = openDatabase(join(dir, "bantin.db"));
    const now = Date.now();
    const due = wallClock(now - 10 * 60_000, "Asia/Ho_Chi_Minh");
    const subscriptions = createSqliteSubscriptionStore(db, { timezone: "Asia/Ho_Chi_Minh", lang: "vi", times: [] });
    subscriptions.ensure(chatPlace("telegram", chatId(501)), "private", now);
    subscriptions.reactivate(chatPlace("telegram", chatId(501)), now);
    subscriptions.setTimes(chatPlace("telegram", chatId(501)), [`${pad(due.hour)}:${pad(due.minute)}`], now);
    createSqliteSchedulerCursor(db).write("briefing", now - 30 * 60_000);
    db.close();
    const bot = spawnBantin({
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
    });
    await api
      .waitFor(() => api.messagesTo(501).length === 1, 60_000)
      .catch((e) => {
        throw new Error(`${e}\n${bot.output()}`);
      });
    expect(api.messagesTo(501)[0]?.plainText).toMatch(/^📰 Bản tin[\s\S]*Triều Tiên phóng tên lửa đạn đạo/);
    await api.waitFor(() => api.isPolling(), 30_000);
    const replies = async (chat: number, text: string, extra: Partial<Parameters<FakeBotApi["userSays"]>[0]> = {}) => {
      const before = api.messagesTo(chat).length;
      api.userSays({ chatId: chat, text, ...extra });
      await api.waitFor(() => api.messagesTo(chat).length > before, 20_000);
      return api.messagesTo(chat)[before]?.plainText ?? "";
    };
    expect(await replies(502, "/start")).toContain("Bantin gửi bản tin ngắn");
    expect(await replies(502, "/subscribe hat nhan ten lua")).toBe("Đã đăng ký: Hạt nhân và tên lửa.");
    expect(await replies(502, "/digest")).toContain("Triều Tiên phóng tên lửa đạn đạo");
    expect(await replies(-503, "/subscribe", { userId: 7, chatType: "group" })).toContain(
      "Không kiểm tra được bạn có phải quản trị viên nhóm không",
    );
    bot.child.kill("SIGTERM");
    expect((await bot.closed).code).toBe(0);
    const output = bot.output();
    expect(output).toContain('"method":"setMyCommands"');
    expect(output).toContain('"answer":"no error_code: no description"');
    expect(output).toContain('"method":"deleteWebhook"');
    expect(output).not.toContain("unexpected error");
  });
});
