import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordDeliverySender } from "../../../src/adapters/discord/discord-delivery-sender.js";
import type { DiscordMessageBody } from "../../../src/adapters/discord/discord-payload.js";
import { createDiscordRest } from "../../../src/adapters/discord/discord-rest.js";
import { createDiscordSender, type DiscordSender } from "../../../src/adapters/discord/discord-sender.js";
import { renderDiscordMessages } from "../../../src/adapters/discord/render-discord.js";
import { type DigestDocument, eventId, silentLogger } from "../../../src/domain/index.js";
import { type FakeDiscord, startFakeDiscord } from "../../support/fake-discord.js";

const digest: DiscordMessageBody[] = [
  { embeds: [{ title: "Thứ Bảy, 22/11/2026", description: "**Triều Tiên** phóng tên lửa — VnExpress" }] },
  { embeds: [{ description: "Hàn Quốc và Nhật Bản họp thượng đỉnh — Tuổi Trẻ" }], content: "" },
];

let fake: FakeDiscord;
let sender: DiscordSender;

beforeEach(async () => {
  fake = await startFakeDiscord({ bucket: { limit: 50, windowMs: 1000 } });
  const rest = createDiscordRest({ token: fake.token, api: fake.api, timeoutMs: 300, retries: 2 });
  sender = createDiscordSender(rest, silentLogger);
});
afterEach(() => fake.close());

describe("a digest is posted exactly once per channel", () => {
  it("when nothing goes wrong, every part arrives in order with its nonce", async () => {
    const result = await sender.send("111", digest, "42");
    expect(result.kind).toBe("ok");
    expect(fake.messagesIn("111").map((m) => m.nonce)).toEqual(["b42.0", "b42.1"]);
    expect(result).toEqual({ kind: "ok", messageIds: fake.messagesIn("111").map((m) => m.id) });
  });

  it("when Discord answers 429 with its real headers, discord.js waits and the part arrives once", async () => {
    fake.script({ kind: "rate-limit", retryAfter: 0.2 }, "111");
    const result = await sender.send("111", digest, "43");
    expect(result.kind).toBe("ok");
    expect(fake.messagesIn("111")).toHaveLength(2);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(1);
  });

  it("when Discord stores the message but answers 500, the retry returns the stored message", async () => {
    fake.script({ kind: "server-error", status: 500, accept: true }, "111");
    const result = await sender.send("111", digest, "44");
    expect(result.kind).toBe("ok");
    expect(fake.messagesIn("111")).toHaveLength(2);
    expect(fake.requests.filter((r) => r.path === "/channels/111/messages").map((r) => r.status)).toEqual([
      500, 200, 200,
    ]);
  });

  it("when Discord stores the message and the answer never comes, the retry after the timeout posts nothing new", async () => {
    fake.script({ kind: "hang", accept: true }, "111");
    const result = await sender.send("111", digest, "45");
    expect(result.kind).toBe("ok");
    expect(fake.messagesIn("111").map((m) => m.nonce)).toEqual(["b45.0", "b45.1"]);
  });

  it("a failure that outlasts discord.js's retries is transient, and sending again does not repeat the parts that landed", async () => {
    for (let i = 0; i < 3; i++) fake.script({ kind: "server-error", status: 503, accept: true }, "222");
    const first = await sender.send("222", digest, "46");
    expect(first.kind).toBe("transient");
    const again = await sender.send("222", digest, "46");
    expect(again.kind).toBe("ok");
    expect(fake.messagesIn("222").map((m) => m.nonce)).toEqual(["b46.0", "b46.1"]);
  });

  it("two channels with the same digest get one copy each", async () => {
    await Promise.all([sender.send("111", digest, "50"), sender.send("222", digest, "51")]);
    expect(fake.messagesIn("111")).toHaveLength(2);
    expect(fake.messagesIn("222")).toHaveLength(2);
  });
});

describe("what Discord will never accept", () => {
  it("an over-limit payload is never sent", async () => {
    const tooLong: DiscordMessageBody = { embeds: [{ description: "ư".repeat(4097) }] };
    const result = await sender.send("111", [tooLong], "60");
    expect(result).toMatchObject({ kind: "permanent", reason: "rejected-payload", deactivate: false });
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    [50013, "missing-permissions"],
    [50001, "missing-access"],
    [10003, "unknown-channel"],
  ] as const)("error %i is permanent and asks to deactivate the subscription", async (code, reason) => {
    fake.setChannelError("333", code);
    const result = await sender.send("333", digest, "70");
    expect(result).toMatchObject({ kind: "permanent", reason, code, deactivate: true, sentMessageIds: [] });
    expect(fake.messagesIn("333")).toHaveLength(0);
  });

  it("a wrong token is transient, not a reason to drop the channel", async () => {
    const rest = createDiscordRest({ token: "wrong", api: fake.api, timeoutMs: 300, retries: 0 });
    const result = await createDiscordSender(rest, silentLogger).send("111", digest, "80");
    expect(result.kind).toBe("transient");
  });
});

describe("the fake Discord holds the real rules, so the tests above mean something", () => {
  it("without enforce_nonce a repeated post is a second message", async () => {
    const rest = createDiscordRest({ token: fake.token, api: fake.api });
    const body = { content: "tin nhắn", nonce: "same" };
    await rest.post("/channels/111/messages", { body });
    await rest.post("/channels/111/messages", { body });
    expect(fake.messagesIn("111")).toHaveLength(2);
  });

  it("a body over a limit is answered 400 with code 50035 and the offending field", async () => {
    const rest = createDiscordRest({ token: fake.token, api: fake.api });
    const body = { embeds: [{ description: "a".repeat(4097) }] };
    await expect(rest.post("/channels/111/messages", { body })).rejects.toMatchObject({
      status: 400,
      code: 50035,
      rawError: { errors: { embeds: { "0": { description: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } } },
    });
    expect(fake.messages).toHaveLength(0);
  });

  it("answers with rate-limit headers, and 429 once the channel's bucket is spent", async () => {
    const tight = await startFakeDiscord({ bucket: { limit: 1, windowMs: 60_000 } });
    const post = (nonce: string) =>
      fetch(`${tight.api}/v10/channels/9/messages`, {
        method: "POST",
        headers: { authorization: `Bot ${tight.token}`, "content-type": "application/json" },
        body: JSON.stringify({ content: "x", nonce }),
      });
    const ok = await post("a");
    expect(ok.headers.get("x-ratelimit-limit")).toBe("1");
    expect(ok.headers.get("x-ratelimit-remaining")).toBe("0");
    const limited = await post("b");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ message: "You are being rate limited.", global: false });
    await tight.close();
  });
});

describe("the outbox relay's Discord sender", () => {
  const row = (id: number, chat: string, payload: DiscordMessageBody) =>
    ({
      id,
      subscriptionId: 1,
      platform: "discord",
      chatId: chat,
      dedupeKey: "1:2026-11-22T07:00@Asia/Ho_Chi_Minh",
      part: 0,
      payload: JSON.stringify(payload),
      attempts: 1,
    }) as Parameters<ReturnType<typeof createDiscordDeliverySender>["send"]>[0];

  it("a row sent twice (a crash between post and bookkeeping) reaches the channel once", async () => {
    const relaySender = createDiscordDeliverySender(sender);
    const first = await relaySender.send(row(7, "111", digest[0]!));
    const second = await relaySender.send(row(7, "111", digest[0]!));
    expect(first).toEqual(second);
    expect(fake.messagesIn("111")).toHaveLength(1);
  });

  it("lost permissions end the subscription as blocked, an unknown channel as not found", async () => {
    fake.setChannelError("333", 50013);
    fake.setChannelError("444", 10003);
    const relaySender = createDiscordDeliverySender(sender);
    expect(await relaySender.send(row(8, "333", digest[0]!))).toMatchObject({
      kind: "permanent",
      deactivate: "blocked",
    });
    expect(await relaySender.send(row(9, "444", digest[0]!))).toMatchObject({
      kind: "permanent",
      deactivate: "chat-not-found",
    });
  });
});

describe("a long digest from the digest renderer", () => {
  const doc: DigestDocument = {
    lang: "vi",
    title: "Thứ Bảy, 22/11/2026",
    totals: { articles: 240, outlets: 12 },
    entries: Array.from({ length: 40 }, (_, i) => ({
      eventId: eventId(`e${i}`),
      headline: `Triều Tiên và Hàn Quốc nối lại đối thoại quân sự lần ${i + 1} tại Bàn Môn Điếm`,
      summary: "Hai bên nhất trí khôi phục đường dây nóng, giảm căng thẳng dọc khu phi quân sự. ".repeat(8),
      sources: Array.from({ length: 4 }, (_, j) => ({ name: `Báo ${j + 1}`, url: `https://example.vn/${i}/${j}` })),
      articles: 6,
      isUpdate: i % 5 === 0,
    })),
  };

  it("is split within Discord's limits and every part lands once despite a 429, a 500 and a hang", async () => {
    const parts = renderDiscordMessages(doc);
    expect(parts.length).toBeGreaterThan(1);
    fake.script({ kind: "rate-limit", retryAfter: 0.1 }, "555");
    fake.script({ kind: "server-error", status: 502, accept: true }, "555");
    fake.script({ kind: "hang", accept: true }, "555");
    const result = await sender.send("555", parts, "90");
    expect(result.kind).toBe("ok");
    expect(fake.requests.filter((r) => r.status === 400)).toHaveLength(0);
    expect(fake.messagesIn("555").map((m) => m.nonce)).toEqual(parts.map((_, i) => `b90.${i}`));
  });
});
