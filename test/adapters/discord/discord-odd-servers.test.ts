import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordDeliverySender } from "../../../src/adapters/discord/discord-delivery-sender.js";
import { createDiscordRest } from "../../../src/adapters/discord/discord-rest.js";
import { createDiscordSender } from "../../../src/adapters/discord/discord-sender.js";
import { type RunningDiscord, startDiscord } from "../../../src/adapters/discord/start-discord.js";
import { chatId, chatPlace, silentLogger } from "../../../src/domain/index.js";
import { openDatabase } from "../../../src/store/database.js";
import type { OutboxRow } from "../../../src/store/outbox-repo.js";
import { createSqliteSubscriptionStore } from "../../../src/store/subscriptions-repo.js";
import { TOPICS } from "../../support/chat-fixtures.js";
import { commandCoreOn } from "../../support/command-core.js";
import { type FakeDiscord, ODD_ANSWERS, type OddAnswer, startFakeDiscord } from "../../support/fake-discord.js";
import { FAKE_GUILD_CHANNEL, type InteractionSpec, type SentInteraction } from "../../support/fake-discord-gateway.js";
import { type LogLine, recordingLogger } from "../../support/recording-logger.js";
import { useTempDir } from "../../support/temp-dir.js";
import { until } from "../../support/until.js";

const tempDir = useTempDir();
const MANAGE_CHANNELS = 1n << 4n;
const CALLBACK = "/interactions/:id/:token/callback";

const started: { fake: FakeDiscord; discord?: RunningDiscord }[] = [];
afterEach(async () => {
  for (const { fake, discord } of started.splice(0)) {
    await discord?.stop();
    await fake.close();
  }
});

/** The real discord.js client logged in to a fresh fake Discord, answering through the real chat core on SQLite. */
async function runningBot(beforeStart: (fake: FakeDiscord) => void = () => {}) {
  const fake = await startFakeDiscord();
  const entry: (typeof started)[number] = { fake };
  started.push(entry);
  beforeStart(fake);
  const db = openDatabase(join(tempDir(), "bantin.db"));
  const subscriptions = createSqliteSubscriptionStore(db, {
    timezone: "Asia/Ho_Chi_Minh",
    lang: "vi",
    times: ["07:00"],
  });
  const logger = recordingLogger();
  const core = commandCoreOn(db, {
    subscriptions,
    defaults: { lang: "vi", since: "24h" },
    now: Date.now,
    rateLimit: { capacity: 100, refillPerSecond: 10 },
  });
  entry.discord = await startDiscord({
    token: fake.token,
    applicationId: fake.applicationId,
    api: fake.api,
    core,
    topics: TOPICS,
    renderDigest: (doc) => [{ embeds: [{ title: doc.title, description: `${doc.entries.length} tin` }] }],
    sentMessageId: () => undefined,
    logger,
  });
  const callbacksTo = (sent: SentInteraction) => fake.interactionCallbacks.filter((c) => c.interactionId === sent.id);
  /** What the member sees first: the bot's answer to this interaction. */
  const answerTo = async (sent: SentInteraction) => {
    await until(() => callbacksTo(sent).length > 0, `the answer to interaction ${sent.id}`);
    return callbacksTo(sent)[0]?.body;
  };
  /** A moderator's /subscribe in the server channel, answered: the bot is still serving. */
  const stillServes = async () => {
    const sent = fake.gateway.interact(
      { kind: "slash", name: "subscribe", options: { topic: "my trieu" } },
      { guild: true, permissions: MANAGE_CHANNELS },
    );
    const answer = await answerTo(sent);
    expect(answer).toMatchObject({ type: 4, data: { flags: 64, content: "Đã đăng ký: Mỹ – Triều." } });
    expect(subscriptions.get(chatPlace("discord", chatId(FAKE_GUILD_CHANNEL)))).toMatchObject({ active: true });
  };
  return { fake, logger, callbacksTo, answerTo, stillServes };
}

const errorsIn = (lines: readonly LogLine[]) => lines.filter((l) => l.level === "error");

describe("interactions the bot does not handle", () => {
  const unhandled: readonly [string, InteractionSpec, string, RegExp][] = [
    ["a button press on an earlier message", { kind: "button", customId: "t:my-trieu" }, "vi", /^Nút/],
    ["a select menu choice", { kind: "select", customId: "topics", values: ["lien-trieu"] }, "en-US", /^This/],
    ["a modal submit", { kind: "modal", customId: "feedback", fields: { text: "hay quá" } }, "vi", /^Biểu mẫu/],
    ["Apps → a user command", { kind: "user-command", name: "Bantin" }, "en-GB", /slash commands/],
    ["Apps → a message command", { kind: "message-command", name: "Save" }, "vi", /lệnh gạch chéo/],
  ];
  for (const [name, spec, locale, text] of unhandled) {
    it(`${name} gets a polite private answer in the member's language (${locale}), and /subscribe is answered after`, async () => {
      const { fake, logger, answerTo, stillServes } = await runningBot();
      const answer = await answerTo(fake.gateway.interact(spec, { guild: true, locale }));
      expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(String(answer?.data?.content)).toMatch(text);
      expect(String(answer?.data?.content)).toContain("/help");
      await stillServes();
      expect(errorsIn(logger.lines)).toEqual([]);
    });
  }

  it("a PING, a type Discord may add later and an unknown command type get no answer and break nothing", async () => {
    const { fake, logger, callbacksTo, stillServes } = await runningBot();
    const ignored = [
      fake.gateway.interact({ kind: "ping" }),
      fake.gateway.interact({ kind: "other", type: 42, data: { custom_id: "x" } }),
      fake.gateway.interact({ kind: "other", type: 2, data: { id: "1", name: "x", type: 9 } }),
    ];
    await stillServes();
    for (const sent of ignored) expect(callbacksTo(sent)).toEqual([]);
    expect(errorsIn(logger.lines)).toEqual([]);
  });

  it("autocomplete for a command Bantin does not have answers an empty choice list", async () => {
    const { fake, answerTo, stillServes } = await runningBot();
    const unknown = await answerTo(
      fake.gateway.interact({ kind: "autocomplete", name: "remind", option: "topic", typed: "trieu" }),
    );
    expect(unknown).toEqual({ type: 8, data: { choices: [] } });
    const known = await answerTo(
      fake.gateway.interact({ kind: "autocomplete", name: "digest", option: "topic", typed: "trieu" }),
    );
    expect(known?.data?.choices).toHaveLength(2);
    await stillServes();
  });
});

describe("a REST server whose answers to interactions fail", () => {
  const failures: readonly [string, OddAnswer, string][] = [
    ["an HTML 502 from a proxy", ODD_ANSWERS.html502, "HTTP 502 with a page that is not JSON"],
    ["an empty 502", ODD_ANSWERS.empty, "HTTP 502 with an empty body"],
    ["an HTML 403 from a firewall", ODD_ANSWERS.html403, "HTTP 403 with a page that is not JSON"],
    ["a page labelled JSON", ODD_ANSWERS.htmlAsJson, "HTTP 400 with an answer that is not JSON"],
    ["a firewall's 429 page", ODD_ANSWERS.html429, "HTTP 429 with a page that is not JSON and without Retry-After"],
    ["a reset connection", ODD_ANSWERS.reset, "no answer (UND_ERR_SOCKET)"],
  ];
  for (const [name, odd, answer] of failures) {
    it(`${name} on the interaction callback: one warning naming the route and the answer, and the next command is answered`, async () => {
      const { fake, logger, stillServes } = await runningBot();
      fake.scriptRoute("POST", CALLBACK, odd);
      fake.gateway.interact({ kind: "slash", name: "help" });
      await until(() => logger.lines.some((l) => l.level === "warn"), "the warning");
      const warnings = logger.lines.filter((l) => l.level === "warn");
      expect(warnings).toEqual([
        expect.objectContaining({ fields: expect.objectContaining({ route: `POST ${CALLBACK}`, answer }) }),
      ]);
      expect(JSON.stringify(warnings)).not.toContain("fake-interaction-token");
      expect(errorsIn(logger.lines)).toEqual([]);
      // The first try and discord.js's 3 retries at most: never a loop that hammers the server.
      expect(fake.requests.filter((r) => r.path.startsWith("/interactions/")).length).toBeLessThanOrEqual(4);
      fake.scriptRoute("POST", CALLBACK, undefined);
      await stillServes();
    });
  }

  it("a /digest whose deferred answer cannot be edited: the warning names the webhook route, the next command is answered", async () => {
    const { fake, logger, stillServes } = await runningBot();
    const edit = "/webhooks/:app/:token/messages/@original";
    fake.scriptRoute("PATCH", edit, ODD_ANSWERS.empty400);
    fake.gateway.interact({ kind: "slash", name: "digest" });
    await until(() => logger.lines.some((l) => l.level === "warn"), "the warning");
    expect(logger.lines.find((l) => l.level === "warn")?.fields).toMatchObject({
      route: `PATCH ${edit}`,
      answer: "HTTP 400 with an empty body",
    });
    fake.scriptRoute("PATCH", edit, undefined);
    await stillServes();
  });
});

describe("briefing sends that get answers of every shape", () => {
  const row = (id: number): OutboxRow =>
    ({
      id,
      subscriptionId: 1,
      platform: "discord",
      chatId: "777",
      dedupeKey: "1:2026-11-22T07:00@Asia/Ho_Chi_Minh",
      part: 0,
      payload: JSON.stringify({ embeds: [{ title: "Bản tin", description: "**Triều Tiên** phóng tên lửa" }] }),
      attempts: 1,
    }) as OutboxRow;
  const cases: readonly [string, OddAnswer, string][] = [
    ["an HTML 502 from a proxy", ODD_ANSWERS.html502, "HTTP 502 with a page that is not JSON"],
    ["an empty 502", ODD_ANSWERS.empty, "HTTP 502 with an empty body"],
    ["Discord's own 500", ODD_ANSWERS.discord500, "HTTP 500 Internal Server Error"],
    ["an HTML 403 from a firewall", ODD_ANSWERS.html403, "HTTP 403 with a page that is not JSON"],
    ["an empty 400", ODD_ANSWERS.empty400, "HTTP 400 with an empty body"],
    [
      "JSON that is not Discord's error",
      ODD_ANSWERS.notDiscordJson,
      "HTTP 400 without Discord's error code: bad request",
    ],
    ["a page labelled JSON", ODD_ANSWERS.htmlAsJson, "HTTP 400 with an answer that is not JSON"],
    ["a 200 with a page instead of the message", ODD_ANSWERS.okHtml, "an answer that is not a Discord message"],
    ["a firewall's 429 page", ODD_ANSWERS.html429, "HTTP 429 with a page that is not JSON and without Retry-After"],
    ["a reset connection", ODD_ANSWERS.reset, "no answer (UND_ERR_SOCKET)"],
  ];
  for (const [name, odd, reason] of cases) {
    it(`${name}: a transient outcome the outbox retries, said in words, never a throw; the retry lands once`, async () => {
      const fake = await startFakeDiscord();
      started.push({ fake });
      const rest = createDiscordRest({ token: fake.token, api: fake.api, timeoutMs: 1_000, retries: 1 });
      const logger = recordingLogger();
      const relaySender = createDiscordDeliverySender(createDiscordSender(rest, logger));
      fake.scriptRoute("POST", "/channels/:id/messages", odd);
      const outcome = await relaySender.send(row(5));
      expect(outcome).toEqual({ kind: "transient", reason });
      // discord.js's one retry at most: never a loop that hammers the server (and earns a ban).
      expect(fake.requests.length).toBeLessThanOrEqual(2);
      expect(logger.lines.filter((l) => l.level === "warn").map((l) => l.fields)).toEqual([
        expect.objectContaining({ route: "POST /channels/:id/messages", channelId: "777", answer: reason }),
      ]);
      fake.scriptRoute("POST", "/channels/:id/messages", undefined);
      expect(await relaySender.send(row(5))).toMatchObject({ kind: "sent" });
      expect(fake.messagesIn("777")).toHaveLength(1);
    });
  }

  it("a server that answers slowly: the send waits for it and the message lands once", async () => {
    const fake = await startFakeDiscord();
    started.push({ fake });
    fake.scriptRoute("POST", "/channels/:id/messages", { delayMs: 300 });
    const rest = createDiscordRest({ token: fake.token, api: fake.api, timeoutMs: 2_000, retries: 0 });
    const outcome = await createDiscordDeliverySender(createDiscordSender(rest, silentLogger)).send(row(7));
    expect(outcome).toMatchObject({ kind: "sent" });
    expect(fake.messagesIn("777")).toHaveLength(1);
  });

  it("Discord's own refusal still ends the subscription: odd answers are told apart from Discord's verdicts", async () => {
    const fake = await startFakeDiscord();
    started.push({ fake });
    fake.setChannelError("777", 50001);
    const rest = createDiscordRest({ token: fake.token, api: fake.api, retries: 0 });
    const outcome = await createDiscordDeliverySender(createDiscordSender(rest, silentLogger)).send(row(6));
    expect(outcome).toMatchObject({ kind: "permanent", deactivate: "blocked" });
  });
});
