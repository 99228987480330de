import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTelegramSender, type TelegramSendResult } from "../../../src/adapters/telegram/index.js";
import { renderTelegramHtml } from "../../../src/adapters/telegram/render-digest-html.js";
import {
  createTelegramLimiter,
  defaultTelegramPace,
  inLane,
  type TelegramPace,
} from "../../../src/delivery/platform-limiters.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";
import { chatId, type DigestDocument, eventId } from "../../../src/domain/index.js";
import { type FakeBotApi, type FakeLimits, startFakeBotApi, TELEGRAM_LIMITS } from "../../support/fake-bot-api.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function fakeWith(limits: FakeLimits): Promise<FakeBotApi> {
  const fake = await startFakeBotApi({ limits });
  closers.push(() => fake.close());
  return fake;
}

function senderFor(apiRoot: string, token: string, pace: Partial<TelegramPace>, maxWaitMs?: number) {
  const api = new Api(token, { apiRoot });
  return createTelegramSender({
    api,
    limiter: inLane(createTelegramLimiter(pace), "bulk"),
    ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
  });
}

describe("the Telegram sender", () => {
  it("a burst of 500 messages to 100 chats finishes with no 429 left unhandled and nothing sent twice", async () => {
    const fake = await fakeWith({ perChatPerSecond: 50, perGroupPerMinute: 600, globalPerSecond: 200 });
    const sender = senderFor(fake.apiRoot, fake.token, {
      chatPerSecond: 40,
      groupPerMinute: 540,
      globalPerSecond: 180,
    });
    // 80 private chats and 20 groups, 5 messages each.
    const chats = Array.from({ length: 100 }, (_, i) => (i < 80 ? 1000 + i : -2000 - i));
    const sends: Promise<TelegramSendResult>[] = [];
    for (let round = 0; round < 5; round++) {
      for (const chat of chats) sends.push(sender.send(chatId(chat), [`<b>tin ${round}</b> cho ${chat}`]));
    }
    const results = await Promise.all(sends);
    expect(results.filter((r) => r.status !== "ok")).toEqual([]);
    expect(fake.messages).toHaveLength(500);
    expect(new Set(fake.messages.map((m) => `${m.chatId}|${m.plainText}`)).size).toBe(500);
    for (const chat of chats) expect(fake.messagesTo(chat)).toHaveLength(5);
  });

  it("a 429 is waited out for its retry_after and the message then arrives exactly once", async () => {
    const fake = await fakeWith(TELEGRAM_LIMITS);
    // A limiter far faster than Telegram allows, so the server has to refuse.
    const sender = senderFor(fake.apiRoot, fake.token, {
      chatPerSecond: 100,
      groupPerMinute: 6000,
      globalPerSecond: 100,
    });
    const results = await Promise.all([1, 2, 3].map((n) => sender.send(chatId(55), [`tin ${n}`])));
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok"]);
    expect(fake.floodRefusals()).toBeGreaterThan(0);
    expect(
      fake
        .messagesTo(55)
        .map((m) => m.plainText)
        .sort(),
    ).toEqual(["tin 1", "tin 2", "tin 3"]);
  });

  it("the limiter spaces one chat a second apart, a group three seconds, and all chats at the global rate", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = createTelegramLimiter(
        defaultTelegramPace,
        createRateLimiter(() => Date.now()),
      );
      const times = new Map<number, number[]>();
      const sendTo = (chat: number) =>
        limiter.acquire(String(chat), "bulk").then(() => times.set(chat, [...(times.get(chat) ?? []), Date.now()]));
      const others = Array.from({ length: 28 }, (_, i) => 100 + i);
      const all = Promise.all([1, 1, 1, -5, -5, ...others].map(sendTo));
      await vi.advanceTimersByTimeAsync(5_000);
      await all;
      const gaps = (chat: number) => (times.get(chat) ?? []).map((t, i, all) => t - (all[i - 1] ?? t)).slice(1);
      expect(gaps(1)).toHaveLength(2);
      expect(gaps(1).every((gap) => gap >= 1000 && gap < 1050)).toBe(true);
      expect(gaps(-5)).toHaveLength(1);
      expect(gaps(-5)[0]).toBeGreaterThanOrEqual(3000);
      // Chat 1's later sends do not hold back other chats: the 30 first sends fit in one second.
      const firsts = [...times.values()].map((t) => t[0] ?? 0);
      expect(firsts).toHaveLength(30);
      expect(Math.max(...firsts)).toBeLessThan(1000);
      // And the global rate holds: no second sees more than 30 (plus the burst of 2).
      const every = [...times.values()].flat().sort((x, y) => x - y);
      for (const t of every) expect(every.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(32);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a retry_after longer than the sender holds on is handed back as retry-later, nothing sent", async () => {
    const fake = await fakeWith(TELEGRAM_LIMITS);
    fake.scriptChat(57, {
      error_code: 429,
      description: "Too Many Requests: retry after 120",
      parameters: { retry_after: 120 },
    });
    const sender = senderFor(fake.apiRoot, fake.token, defaultTelegramPace, 30_000);
    expect(await sender.send(chatId(57), ["tin"])).toEqual({
      status: "retry-later",
      retryAfterMs: 120_000,
      sentParts: 0,
    });
    expect(fake.messages).toEqual([]);
  });

  it("HTML Telegram cannot parse and text over 4096 characters are refused, not retried", async () => {
    const fake = await fakeWith(TELEGRAM_LIMITS);
    const sender = senderFor(fake.apiRoot, fake.token, defaultTelegramPace);
    expect(await sender.send(chatId(58), ["<x>tin</x>"])).toEqual({
      status: "failed",
      outcome: "rejected",
      description: `Bad Request: can't parse entities: Unsupported start tag "x" at byte offset 0`,
      sentParts: 0,
    });
    expect(await sender.send(chatId(59), ["&amp;".repeat(4096)])).toMatchObject({ status: "ok" });
    expect(await sender.send(chatId(60), ["a".repeat(4097)])).toMatchObject({
      status: "failed",
      description: "Bad Request: message is too long",
    });
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
  });

  it("sends a rendered digest's parts in order, with link previews off", async () => {
    const fake = await fakeWith({ perChatPerSecond: 50, perGroupPerMinute: 600, globalPerSecond: 200 });
    const sender = senderFor(fake.apiRoot, fake.token, {
      chatPerSecond: 40,
      groupPerMinute: 540,
      globalPerSecond: 180,
    });
    const doc: DigestDocument = {
      lang: "vi",
      title: "Thứ Bảy, 21/11/2026",
      totals: { articles: 40, outlets: 4 },
      entries: Array.from({ length: 20 }, (_, i) => ({
        eventId: eventId(`e${i}`),
        headline: `Sự kiện <${i}> & "Triều Tiên"`,
        summary: "Bình Nhưỡng phóng tên lửa; Seoul & Tokyo phản ứng. ".repeat(8),
        sources: [{ name: "VnExpress", url: `https://vnexpress.net/a-${i}?x=1&y=2` }],
        articles: 2,
        isUpdate: i % 2 === 0,
      })),
    };
    const parts = renderTelegramHtml(doc);
    const result = await sender.send(chatId(61), parts);
    expect(result).toMatchObject({ status: "ok" });
    expect(fake.messagesTo(61).map((m) => m.text)).toEqual(parts);
    expect(fake.messagesTo(61).every((m) => m.linkPreviewDisabled && m.parseMode === "HTML")).toBe(true);
  });

  it.each([
    ["the connection drops", (res: import("node:http").ServerResponse) => res.socket?.destroy()],
    ["the server answers 502", (res: import("node:http").ServerResponse) => res.writeHead(502).end("Bad Gateway")],
  ])("when %s the outcome is reported unknown and the message is not sent again", async (_case, answer) => {
    let requests = 0;
    const server = createServer((req, res) => {
      requests += 1;
      req.resume();
      req.on("end", () => answer(res));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const sender = senderFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, "1:x", defaultTelegramPace);
    const result = await sender.send(chatId(62), ["tin"]);
    expect(result).toMatchObject({ status: "failed", outcome: "unknown", sentParts: 0 });
    expect(requests).toBe(1);
  });
});
