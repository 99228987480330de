import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnBantin } from "../support/bantin-process.js";
import { type FakeDiscord, ODD_ANSWERS, startFakeDiscord } from "../support/fake-discord.js";
import type { SentInteraction } from "../support/fake-discord-gateway.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
expectNoStackTracesAfterAll();
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
});

const CALLBACK = "/interactions/:id/:token/callback";

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("start against a Discord whose REST answers are odd", () => {
  it("a failed interaction answer is one warning line naming the route and the answer; stray interactions are answered; the bot serves on and exits 0", async () => {
    fake = await startFakeDiscord();
    const discord = fake;
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const bot = spawnBantin({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API: discord.api,
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
    });
    await until(() => discord.gateway.sessions() === 1, 30_000, "the bot to identify on the gateway");
    const answered = (sent: SentInteraction) => discord.interactionCallbacks.find((c) => c.interactionId === sent.id);

    // A proxy in front of Discord answers the bot's reply to /help with its error page.
    discord.scriptRoute("POST", CALLBACK, ODD_ANSWERS.html502);
    discord.gateway.interact({ kind: "slash", name: "help" });
    await bot.said('"route":"POST /interactions/:id/:token/callback"');
    discord.scriptRoute("POST", CALLBACK, undefined);

    // A button of an old message and a modal: polite private answers, and the next command is served.
    const button = discord.gateway.interact(
      { kind: "button", customId: "t:my-trieu" },
      { guild: true, locale: "en-US" },
    );
    const modal = discord.gateway.interact({ kind: "modal", customId: "feedback", fields: { text: "?" } });
    const help = discord.gateway.interact({ kind: "slash", name: "help" });
    await until(() => answered(help) !== undefined, 10_000, "the answer to /help");
    expect(answered(button)?.body).toMatchObject({ type: 4, data: { flags: 64, content: /^This button/ } });
    expect(answered(modal)?.body).toMatchObject({ type: 4, data: { flags: 64, content: /^Biểu mẫu/ } });
    expect(String(answered(help)?.body.data?.content)).toContain("/subscribe");

    bot.child.kill("SIGTERM");
    expect((await bot.closed).code).toBe(0);
    const lines = bot.output().trimEnd().split("\n");
    const warnings = lines.filter((l) => l.includes('"route"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"answer":"HTTP 502 with a page that is not JSON"');
    expect(warnings[0]).toContain('"level":40');
    expect(bot.output()).not.toContain("fake-interaction-token");
    expect(bot.output()).not.toContain('"level":50');
    expect(bot.output()).not.toMatch(/at .+\.(ts|js):\d+/);
  }, 60_000);

  it("a proxy's 502 at login ends start-up with one line naming DISCORD_API, no stack", async () => {
    fake = await startFakeDiscord();
    fake.scriptRoute("GET", "/gateway/bot", ODD_ANSWERS.html502);
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const bot = spawnBantin({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API: fake.api,
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
    });
    const { code } = await bot.closed;
    expect(code).not.toBe(0);
    expect(bot.output()).toMatch(/bantin: environment: DISCORD_API: Discord answered HTTP 502 at login/);
    expect(bot.output()).not.toContain("unexpected error");
  });
});
