import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnBantin } from "../support/bantin-process.js";
import { serveBusyDay, sourcesYaml } from "../support/busy-day.js";
import { cli } from "../support/cli.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";
import { hanoiTime } from "../support/fan-out.js";
import { useFeedServer } from "../support/feed-server.js";
import { aPostgresSubscription, testPool } from "../support/postgres-store.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { partsSentBy, startStandbyReplicas } from "../support/replicas.js";
import { useTempDir } from "../support/temp-dir.js";
import { until } from "../support/until.js";

const tempDir = useTempDir();
const postgres = usePostgres();
const feedServer = useFeedServer();
expectNoStackTracesAfterAll();
let fake: FakeBotApi | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await fake?.close();
  for (const close of closers.splice(0)) await close();
});

describe("start on PostgreSQL (BANTIN_DATABASE_URL)", { timeout: 180_000 }, () => {
  it("runs the whole bot on it: the first pass reads the feeds and /digest answers from the shared database", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), sourcesYaml(serveBusyDay(await feedServer(), Date.now())));
    const env = { BANTIN_DATABASE_URL: await postgres.createDatabase(), BANTIN_SOURCES: join(dir, "sources.yaml") };
    const bot = await cli(["start", "--console", "--no-samples"], env, "/digest\n");
    expect(bot.code, bot.stderr).toBe(0);
    expect(bot.stdout).toContain("Hwasong-19");
    // What the bot stored is what `digest` reads from the same database afterwards.
    const digest = await cli(["digest"], env);
    expect(digest.stdout).toContain("Hwasong-19");
  });

  it("a second start waits as a standby and takes over within seconds when the active one is killed, with the chats' settings", async () => {
    fake = await startFakeBotApi();
    const api = fake;
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const env = {
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      BANTIN_DATABASE_URL: await postgres.createDatabase(),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      LOG_LEVEL: "info",
    };
    const first = spawnBantin(env);
    await first.said("active on PostgreSQL");
    await api.waitFor(() => api.isPolling(), 30_000);
    const second = spawnBantin({ ...env, HTTP_PORT: "0" });
    await second.said("standby: another replica is active");
    expect(second.output()).not.toContain("active on PostgreSQL");
    // A standby is a healthy replica, waiting: its /healthz says so.
    const port = /"port":(\d+)[^\n]*serving \/healthz/.exec(second.output())?.[1];
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const report = (await health.json()) as { checks: { adapters: { connected: Record<string, boolean> } } };
    expect(report.checks.adapters.connected).toEqual({ standby: true });

    api.userSays({ chatId: 77, text: "/subscribe my trieu", languageCode: "vi" });
    await api.waitFor((messages) => messages.length === 1, 10_000);
    first.child.kill("SIGKILL");
    await first.closed;
    const killedAt = Date.now();
    await second.said("active on PostgreSQL");
    expect(Date.now() - killedAt).toBeLessThan(10_000);

    // The standby answers now, from the settings the killed replica stored.
    api.userSays({ chatId: 77, text: "/subscribe lien trieu", languageCode: "vi" });
    await api.waitFor((messages) => messages.length === 2, 30_000);
    expect(api.messagesTo(77).map((m) => m.plainText)).toEqual([
      "Đã đăng ký: Quan hệ Mỹ – Triều.",
      expect.stringMatching(/^Đã đăng ký: Quan hệ Mỹ – Triều, .+\.$/),
    ]);
    second.child.kill("SIGTERM");
    expect((await second.closed).code).toBe(0);
  });

  it("a standby delivers the shared outbox beside the active replica: a fan-out goes out from both, once per chat, within Telegram's limits", async () => {
    fake = await startFakeBotApi();
    const api = fake;
    // Telegram answering in two seconds (a far-away network) keeps a backlog however fast the
    // active replica builds the digests, so both replicas always have rows to claim.
    api.scriptMethod("sendMessage", { delayMs: 2000 });
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), sourcesYaml(serveBusyDay(await feedServer(), Date.now())));
    const url = await postgres.createDatabase();
    const env = {
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      BANTIN_DATABASE_URL: url,
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      LOG_LEVEL: "info",
    };
    // Migrated by a first command; then 60 chats whose briefing fell due ten minutes ago.
    expect((await cli(["db", "migrate"], env)).code).toBe(0);
    const pool = testPool(url, 2);
    closers.push(() => pool.end());
    const due = hanoiTime(10);
    const chats = Array.from({ length: 60 }, (_, i) => String(7000 + i));
    for (const chat of chats) await aPostgresSubscription(pool, chat, { times: [due] });
    await pool.query("INSERT INTO kv (key, value) VALUES ('cursor:briefing', $1)", [String(Date.now() - 30 * 60_000)]);

    // Both start as standbys (the test holds the lock), so both are relaying when the one that
    // takes the lock first queues the fan-out.
    const [first, second] = await startStandbyReplicas(pool, env, 2);
    if (first === undefined || second === undefined) throw new Error("two replicas expected");

    await api.waitFor(() => chats.every((c) => api.messagesTo(c).length > 0), 60_000);
    // Every chat got its briefing once, whole; both replicas sent part of the fan-out.
    // Telegram answers before the relay records the part as sent: wait for every chat's record.
    let expected = new Map<string, number>();
    await until(
      async () => {
        const { rows } = await pool.query<{ chat_id: string; n: number }>(
          "SELECT chat_id, count(*)::int AS n FROM deliveries WHERE state = 'sent' GROUP BY chat_id",
        );
        expected = new Map(rows.map((r) => [r.chat_id, r.n]));
        const recorded = rows.reduce((sum, r) => sum + r.n, 0);
        return chats.every((c) => expected.has(c)) && recorded === api.messages.length;
      },
      "every part Telegram received to be recorded as sent",
      10_000,
      100,
    );
    for (const chat of chats) expect(api.messagesTo(chat).length, chat).toBe(expected.get(chat));
    // A relay logs what it sent when its drain ends, just after the last answer: wait for the lines.
    await until(
      () => partsSentBy(first) + partsSentBy(second) === api.messages.length,
      "both replicas' relays to report what they sent",
      10_000,
    );
    const [byFirst, bySecond] = [partsSentBy(first), partsSentBy(second)];
    expect(byFirst).toBeGreaterThan(0);
    expect(bySecond).toBeGreaterThan(0);
    expect(byFirst + bySecond).toBe(api.messages.length);
    expect(api.floodRefusals()).toBe(0);
    first.child.kill("SIGTERM");
    second.child.kill("SIGTERM");
    expect((await first.closed).code).toBe(0);
    expect((await second.closed).code).toBe(0);
  });

  it("with TELEGRAM_WEBHOOK_URL every replica serves the webhook, a standby too: an update reaches whichever one the balancer picks, is answered once even when re-sent to the other, and the standby's webhook stays up as it takes over", async () => {
    fake = await startFakeBotApi();
    const api = fake;
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const env = {
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://bantin.example/telegram",
      TELEGRAM_WEBHOOK_SECRET: "s3cret-token",
      TELEGRAM_WEBHOOK_PORT: "0",
      BANTIN_DATABASE_URL: await postgres.createDatabase(),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      LOG_LEVEL: "info",
    };
    const webhookPort = (replica: { output(): string }) =>
      Number(/"port":(\d+),"msg":"telegram webhook listening"/.exec(replica.output())?.[1]);
    const post = (port: number, update: unknown) =>
      fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret-token" },
        body: JSON.stringify(update),
      });
    const first = spawnBantin(env);
    await first.said("active on PostgreSQL");
    await first.said("telegram webhook listening");
    const second = spawnBantin(env);
    await second.said("telegram webhook listening");
    await second.said("standby: delivering the shared outbox meanwhile");
    expect(second.output()).not.toContain("active on PostgreSQL");

    // The standby answers a command it is given.
    expect((await post(webhookPort(second), api.userUpdate({ chatId: 81, text: "/subscribe my trieu" }))).status).toBe(
      200,
    );
    await api.waitFor(() => api.messagesTo(81).length === 1, 10_000);
    expect(api.messagesTo(81)[0]?.plainText).toBe("Đã đăng ký: Quan hệ Mỹ – Triều.");
    // Telegram re-sends an update whose answer was late; the balancer gives it to the other replica: handled once.
    const update = api.userUpdate({ chatId: 82, text: "/topics" });
    expect((await post(webhookPort(first), update)).status).toBe(200);
    await api.waitFor(() => api.messagesTo(82).length === 1, 10_000);
    expect((await post(webhookPort(second), update)).status).toBe(200);
    // The same command again (a new update) shows the re-sent one was dropped, not merely slow.
    expect((await post(webhookPort(second), api.userUpdate({ chatId: 82, text: "/topics" }))).status).toBe(200);
    await api.waitFor(() => api.messagesTo(82).length === 2, 10_000);
    expect(api.messagesTo(82)).toHaveLength(2);

    first.child.kill("SIGKILL");
    await first.closed;
    await second.said("active on PostgreSQL");
    // Its webhook never closed: one listening line, and it answers as the active replica.
    expect(second.output().split("telegram webhook listening").length - 1).toBe(1);
    expect(
      (await post(webhookPort(second), api.userUpdate({ chatId: 81, text: "/subscribe lien trieu" }))).status,
    ).toBe(200);
    await api.waitFor(() => api.messagesTo(81).length === 2, 10_000);
    expect(api.messagesTo(81)[1]?.plainText).toMatch(/^Đã đăng ký: Quan hệ Mỹ – Triều, .+\.$/);
    second.child.kill("SIGTERM");
    expect((await second.closed).code).toBe(0);
  });
});
