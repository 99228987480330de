import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { spawnBantin } from "../support/bantin-process.js";
import { type FakeDiscord, startFakeDiscord } from "../support/fake-discord.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
expectNoStackTracesAfterAll();
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
});

const MANAGE_CHANNELS = 1n << 4n;
const interaction = (name: string, permissions: bigint) => {
  const raw = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures/discord", name), "utf8"));
  return { ...raw, member: { ...raw.member, permissions: permissions.toString() } };
};

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("start with DISCORD_TOKEN", () => {
  it("logs in to DISCORD_API's gateway with the Guilds intent only, answers a slash command from the gateway, and exits 0 on SIGTERM", async () => {
    fake = await startFakeDiscord();
    const discord = fake;
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const dbPath = join(dir, "bantin.db");
    const bot = spawnBantin({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API: discord.api,
      BANTIN_DB: dbPath,
      BANTIN_SOURCES: join(dir, "sources.yaml"),
    });
    await until(() => discord.gateway.sessions() === 1, 30_000, "the bot to identify on the gateway");
    expect(discord.gateway.identifies.map((i) => i.intents)).toEqual([1]);

    // A moderator types /subscribe my trieu in #tin-tuc: Discord sends INTERACTION_CREATE over the gateway.
    discord.gateway.dispatch("INTERACTION_CREATE", interaction("guild-subscribe.json", MANAGE_CHANNELS));
    await until(() => discord.interactionCallbacks.length === 1, 10_000, "the interaction's answer");
    const answer = discord.interactionCallbacks[0]?.body;
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(String(answer?.data?.content)).toContain("Mỹ – Triều");

    bot.child.kill("SIGTERM");
    expect((await bot.closed).code).toBe(0);
    expect(bot.output()).not.toMatch(/at .+\.ts:\d+/);
    await until(() => discord.gateway.sessions() === 0, 5_000, "the gateway session to close");
    const db = new Database(dbPath, { readonly: true });
    const row = db.prepare("SELECT active, topics FROM subscriptions WHERE platform = 'discord' AND chat_id = ?");
    expect(row.get("1110000000000000000")).toMatchObject({ active: 1 });
    expect(String((row.get("1110000000000000000") as { topics: string }).topics)).toContain("my-trieu");
    db.close();
  }, 60_000);

  it("with a token the gateway refuses, stops with one line naming DISCORD_TOKEN and no stack trace", async () => {
    fake = await startFakeDiscord();
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const bot = spawnBantin({
      DISCORD_TOKEN: "not-the-token",
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API: fake.api,
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
    });
    expect((await bot.closed).code).not.toBe(0);
    expect(bot.output()).toMatch(/DISCORD_TOKEN/);
    expect(bot.output()).not.toMatch(/at .+\.(ts|js):\d+/);
    expect(fake.gateway.identifies).toHaveLength(0);
  }, 60_000);
});

describe("half a Discord configuration", () => {
  it("DISCORD_TOKEN without DISCORD_APPLICATION_ID is refused by name instead of starting without Discord", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const bot = spawnBantin({
      DISCORD_TOKEN: "a-token",
      DISCORD_APPLICATION_ID: "",
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
    });
    expect((await bot.closed).code).not.toBe(0);
    expect(bot.output()).toMatch(/DISCORD_APPLICATION_ID: expected the application's id/);
  }, 30_000);
});
