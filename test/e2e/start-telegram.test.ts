import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { spawnBantin } from "../support/bantin-process.js";
import { cli } from "../support/cli.js";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
expectNoStackTracesAfterAll();
let fake: FakeBotApi | undefined;
afterEach(async () => {
  await fake?.close();
});

describe("start with TELEGRAM_BOT_TOKEN", () => {
  it("runs the Telegram bot against TELEGRAM_API_ROOT until SIGTERM, then exits 0", async () => {
    fake = await startFakeBotApi();
    const api = fake;
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const bot = spawnBantin({
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
    });
    await api.waitFor(() => api.isPolling(), 30_000);
    api.userSays({ chatId: 77, text: "/subscribe my trieu", languageCode: "vi" });
    await api.waitFor((messages) => messages.length === 1, 10_000);
    expect(api.messagesTo(77)[0]?.plainText).toBe("Đã đăng ký: Quan hệ Mỹ – Triều.");
    bot.child.kill("SIGTERM");
    expect((await bot.closed).code).toBe(0);
    const stderr = bot.output();
    expect(stderr).not.toMatch(/at .+\.ts:\d+/);
  });

  it("in webhook mode, registers the webhook with its secret and serves it", async () => {
    fake = await startFakeBotApi();
    const api = fake;
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const bot = spawnBantin({
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://bantin.example/telegram",
      TELEGRAM_WEBHOOK_SECRET: "s3cret-token",
      TELEGRAM_WEBHOOK_PORT: "0",
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
    });
    // The bound port is in the structured log line.
    await bot.said('"msg":"telegram webhook listening"');
    const port = Number(/"port":(\d+),"msg":"telegram webhook listening"/.exec(bot.output())![1]);
    expect(api.calls.find((c) => c.method === "setWebhook")?.params).toMatchObject({ secret_token: "s3cret-token" });
    const update = api.userUpdate({ chatId: 78, text: "/topics" });
    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
        body: JSON.stringify(update),
      });
    expect((await post("guess")).status).toBe(401);
    expect((await post("s3cret-token")).status).toBe(200);
    await api.waitFor((messages) => messages.length === 1, 10_000);
    expect(api.messagesTo(78)[0]?.plainText).toContain("(my-trieu)");
    bot.child.kill("SIGTERM");
    expect((await bot.closed).code).toBe(0);
  });

  it("refuses webhook mode without a secret, in one line", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    fake = await startFakeBotApi();
    const result = await cli(["start"], {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://bantin.example/telegram",
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("TELEGRAM_WEBHOOK_SECRET: expected a secret token");
    expect(result.stderr).not.toMatch(/at .+\.ts:\d+/);
  });

  it("a SIGTERM during the first ingest pass stops after that pass: exit 0, its items kept, the store intact", async () => {
    fake = await startFakeBotApi();
    const api = fake;
    // A feed that takes its time: the stop arrives while the first pass waits for it.
    const rss = readFileSync(join("test", "fixtures", "feeds", "vn-world.rss"));
    let feedAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => {
      feedAsked = resolve;
    });
    const feed = createServer((_req, res) => {
      feedAsked();
      setTimeout(() => res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss), 2_000);
    });
    await new Promise<void>((resolve) => feed.listen(0, "127.0.0.1", resolve));
    const closeFeed = () => new Promise<void>((resolve) => feed.close(() => resolve()));
    try {
      const dir = tempDir();
      const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/rss`;
      writeFileSync(join(dir, "sources.yaml"), `sources:\n  - id: cham\n    url: ${feedUrl}\n`);
      const bot = spawnBantin({
        LOG_LEVEL: "info",
        TELEGRAM_BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        BANTIN_DB: join(dir, "bantin.db"),
        BANTIN_SOURCES: join(dir, "sources.yaml"),
      });
      await asked;
      bot.child.kill("SIGTERM");
      expect((await bot.closed).code).toBe(0);
      const stderr = bot.output();
      expect(stderr).toContain("stop requested during startup");
      expect(stderr).not.toMatch(/at .+\.ts:\d+/);
      // Stopped before the bot started: Telegram was never polled.
      expect(api.calls.some((c) => c.method === "getUpdates")).toBe(false);
      const db = new Database(join(dir, "bantin.db"), { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(db.prepare("SELECT COUNT(*) AS n FROM items").get()).toEqual({ n: 3 });
      } finally {
        db.close();
      }
    } finally {
      await closeFeed();
    }
  });
});

describe("start with a Telegram token or server that does not work", () => {
  /** Runs start; `stopAfterMs` after `stopWhen` first holds for what it has written, sends SIGTERM. */
  const run = async (env: Record<string, string>, stopWhen?: (output: string) => boolean, stopAfterMs = 0) => {
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const bot = spawnBantin({ BANTIN_DB: join(dir, "bantin.db"), BANTIN_SOURCES: join(dir, "sources.yaml"), ...env });
    if (stopWhen !== undefined) bot.stopWhen(stopWhen, stopAfterMs);
    const { code } = await bot.closed;
    // Logs and the one-line errors, in the order written.
    return { code, stderr: bot.output() };
  };

  it("Telegram going away while polling is said once through the log (no runner stack traces), and SIGTERM still exits 0", async () => {
    const api = await startFakeBotApi();
    let polling = false;
    const result = run(
      { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, LOG_LEVEL: "info" },
      (output) => {
        if (!polling && output.includes("telegram bot polling")) {
          polling = true;
          void api.close();
        }
        return output.includes("cannot fetch Telegram updates");
      },
      // Long enough for the runner's retries (100 ms, doubling) to fail several more times.
      2_000,
    );
    const { code, stderr } = await result;
    expect(code).toBe(0);
    expect(stderr.match(/cannot fetch Telegram updates/g)).toHaveLength(1);
    expect(stderr).not.toContain("[grammY runner]");
    expect(stderr).not.toMatch(/at .+\.(ts|js):\d+/);
  });

  it("a token Telegram refuses ends start-up with one line naming TELEGRAM_BOT_TOKEN", async () => {
    fake = await startFakeBotApi();
    const result = await run({ TELEGRAM_BOT_TOKEN: "999:wrong", TELEGRAM_API_ROOT: fake.apiRoot });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/TELEGRAM_BOT_TOKEN: Telegram refused this token/);
    expect(result.stderr).not.toMatch(/at .+\.(ts|js):\d+/);
  });

  it("a Telegram that cannot be reached is said once, retried, and SIGTERM still stops it cleanly", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const env = { TELEGRAM_BOT_TOKEN: "123:abc", TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, LOG_LEVEL: "info" };
    const { code, stderr } = await run(env, (output) => output.includes("cannot reach Telegram yet"));
    expect(code).toBe(0);
    expect(stderr.match(/cannot reach Telegram yet/g)).toHaveLength(1);
    expect(stderr).toContain("stop requested during startup");
    expect(stderr).not.toMatch(/at .+\.(ts|js):\d+/);
  });
});
