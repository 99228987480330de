import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnBantin } from "../support/bantin-process.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { type FakeDiscord, startFakeDiscord } from "../support/fake-discord.js";
import { shardOfGuild } from "../support/fake-discord-gateway.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";
import { until as waitUntil } from "../support/until.js";

const tempDir = useTempDir();
const postgres = usePostgres();
expectNoStackTracesAfterAll();
const SHARDS = 4;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
});

const until = (check: () => boolean, timeoutMs: number, what: string) => waitUntil(check, what, timeoutMs, 50);

/** A server id whose events Discord routes to `shard` of SHARDS. */
function guildOnShard(shard: number): string {
  for (let i = 0n; ; i++) {
    const id = String(1_100_000_000_000_000_000n + (i << 22n));
    if (shardOfGuild(id, SHARDS) === shard) return id;
  }
}

describe("DISCORD_SHARDS on PostgreSQL", { timeout: 120_000 }, () => {
  it("shares the gateway's shards out among the replicas by lock, each shard connected once; a killed replica's shards are taken by the other, and every server's commands are answered once", async () => {
    fake = await startFakeDiscord();
    const discord = fake;
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API: discord.api,
      DISCORD_SHARDS: String(SHARDS),
      BANTIN_DATABASE_URL: await postgres.createDatabase(),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      LOG_LEVEL: "info",
    };
    const all = Array.from({ length: SHARDS }, (_, i) => i);
    const first = spawnBantin(env);
    await first.said("active on PostgreSQL");
    await until(
      () => discord.gateway.openShards().join() === all.join(),
      30_000,
      "the first replica to hold every shard",
    );
    const second = spawnBantin(env);
    // The first gives back what is over its share; the second takes it: two shards each, none twice.
    const heldBy = (output: string) =>
      [...output.matchAll(/"shard":(\d+),"count":4,"msg":"discord shard connected"/g)].length -
      [...output.matchAll(/"msg":"discord shard given back to another replica"/g)].length;
    await until(
      () => heldBy(second.output()) === SHARDS / 2 && heldBy(first.output()) === SHARDS / 2,
      30_000,
      "two shards on each replica",
    );
    await until(() => discord.gateway.openShards().join() === all.join(), 10_000, "every shard connected once");
    expect(discord.gateway.identifies.every((i) => i.shard[1] === SHARDS)).toBe(true);

    // A /help in a server of each shard: answered once, by whichever replica holds that shard.
    const answered = (token: string) => discord.interactionCallbacks.filter((c) => c.token === token).length;
    const askEveryShard = async () => {
      const asked = all.map((shard) =>
        discord.gateway.interact({ kind: "slash", name: "help" }, { guild: true, guildId: guildOnShard(shard) }),
      );
      await until(() => asked.every((a) => answered(a.token) >= 1), 10_000, "an answer in every shard's server");
      await new Promise((r) => setTimeout(r, 300));
      for (const a of asked) expect(answered(a.token)).toBe(1);
    };
    await askEveryShard();

    second.child.kill("SIGKILL");
    await second.closed;
    await until(() => heldBy(first.output()) === SHARDS, 30_000, "the survivor to take the killed replica's shards");
    await until(() => discord.gateway.openShards().join() === all.join(), 10_000, "every shard connected once again");
    await askEveryShard();
    first.child.kill("SIGTERM");
    expect((await first.closed).code).toBe(0);
    await until(() => discord.gateway.sessions() === 0, 5_000, "the gateway sessions to close");
  });

  it("on SQLite the one process connects every shard itself", async () => {
    fake = await startFakeDiscord();
    const discord = fake;
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const bot = spawnBantin({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API: discord.api,
      DISCORD_SHARDS: "2",
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      LOG_LEVEL: "info",
    });
    // discord.js identifies the shards one after another (max_concurrency 1: five seconds apart).
    await bot.said("discord connected");
    await until(() => discord.gateway.openShards().join() === "0,1", 20_000, "both shards connected");
    expect(discord.gateway.identifies.map((i) => i.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const guild = String(1_100_000_000_000_000_000n + (1n << 22n));
    const asked = discord.gateway.interact({ kind: "slash", name: "help" }, { guild: true, guildId: guild });
    await until(() => discord.interactionCallbacks.some((c) => c.token === asked.token), 10_000, "the answer");
    bot.child.kill("SIGTERM");
    expect((await bot.closed).code).toBe(0);
  });
});
