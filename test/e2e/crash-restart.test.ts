import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteSchedulerCursor } from "../../src/store/scheduler-cursor-repo.js";
import { spawnBantin } from "../support/bantin-process.js";
import { startFakeBotApi } from "../support/fake-bot-api.js";
import { startFakeDiscord } from "../support/fake-discord.js";
import { hanoiTime, numberedItemUrl, serveNumberedFeeds } from "../support/fan-out.js";
import { startFeedServer } from "../support/feed-server.js";
import { aSubscription } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const KILLS = 20;
const CHATS = 120;
const CHANNELS = 30;
const FEEDS = 3;
const ITEMS_PER_FEED = 15;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe("killed with SIGKILL at random moments, restarted each time", () => {
  it(`delivers every due briefing after ${KILLS} kills, none lost, none twice on Discord, on Telegram duplicates only where a send was interrupted (at-least-once)`, async () => {
    const fake = await startFakeBotApi();
    closers.push(() => fake.close());
    // Slow answers (the message is stored first) so that kills land between "Discord posted it" and "we recorded it".
    const discord = await startFakeDiscord({ replyDelayMs: 300 });
    closers.push(() => discord.close());
    const feeds = await startFeedServer();
    closers.push(() => feeds.close());
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), serveNumberedFeeds(feeds, FEEDS, ITEMS_PER_FEED));
    const dbPath = join(dir, "bantin.db");
    const seed = openDatabase(dbPath);
    const due = hanoiTime(10);
    for (let c = 0; c < CHATS; c += 1) aSubscription(seed, { chat: String(5000 + c), times: [due] });
    const channels = Array.from({ length: CHANNELS }, (_, c) => String(1_500_000_000_000_000_000n + BigInt(c)));
    for (const channel of channels) aSubscription(seed, { platform: "discord", chat: channel, times: [due] });
    // The bot last ran half an hour ago, so the briefing due ten minutes ago is caught up on start.
    createSqliteSchedulerCursor(seed).write("briefing", Date.now() - 30 * 60_000);
    seed.close();
    const env = {
      BANTIN_DB: dbPath,
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API: discord.api,
    };
    const channelsReached = () => new Set(discord.messages.map((m) => m.channelId)).size;

    let seededRandom = 7;
    const random = () => {
      seededRandom = (seededRandom * 48271) % 2147483647;
      return seededRandom / 2147483647;
    };
    let killedMidDelivery = 0;
    for (let k = 0; k < KILLS; k += 1) {
      const before = fake.messages.length;
      const discordBefore = discord.requests.length;
      const bot = spawnBantin(env);
      await new Promise((r) => setTimeout(r, 800 + random() * 4_000));
      bot.child.kill("SIGKILL");
      await bot.closed;
      const sentSome = fake.messages.length > before || discord.requests.length > discordBefore;
      const unfinished = new Set(fake.messages.map((m) => m.chatId)).size < CHATS || channelsReached() < CHANNELS;
      if (sentSome && unfinished) killedMidDelivery += 1;
    }

    const last = spawnBantin(env);
    // Discord logs in after Telegram: both platforms are up.
    await last.said("discord connected");
    await fake
      .waitFor(
        () => new Set(fake.messages.map((m) => m.chatId)).size === CHATS && channelsReached() === CHANNELS,
        60_000,
      )
      .catch(() => {
        console.info(
          `only ${new Set(fake.messages.map((m) => m.chatId)).size} of ${CHATS} chats and ${channelsReached()} of ${CHANNELS} channels reached`,
        );
      });
    // Let the relay finish what the kills left pending, then stop it the graceful way.
    await new Promise((r) => setTimeout(r, 3_000));
    last.child.kill("SIGTERM");
    const ended = await last.closed;
    expect({ ...ended, output: last.output().slice(-2000) }).toMatchObject({ code: 0 });

    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const all = db.prepare("SELECT platform, chat_id, payload, state, platform_message_id FROM deliveries").all() as {
      platform: string;
      chat_id: string;
      payload: string;
      state: string;
      platform_message_id: string | null;
    }[];
    const rows = all.filter((r) => r.platform === "telegram");
    const discordRows = all.filter((r) => r.platform === "discord");
    const digests = db.prepare("SELECT COUNT(*) FROM digests").pluck().get();
    const urls = db.prepare("SELECT url FROM items").pluck().all() as string[];
    db.close();

    // One briefing per chat and slot, and every part of it reached the chat.
    expect(digests).toBe(CHATS + CHANNELS);
    expect(all.every((r) => r.state === "sent")).toBe(true);
    for (const r of rows) {
      const received = fake.messagesTo(r.chat_id).map((m) => m.text);
      expect(received).toContain(r.payload);
    }
    // At-least-once: a repeat only where a kill interrupted a send, at most one per kill and send in flight.
    const duplicates = fake.messages.length - rows.length;
    expect(duplicates).toBeGreaterThanOrEqual(0);
    expect(duplicates).toBeLessThanOrEqual(KILLS * 16);
    // Discord: every part posted exactly once, whatever the kills interrupted (the nonce makes a resend return the first message).
    expect(new Set(discordRows.map((r) => r.chat_id)).size).toBe(CHANNELS);
    for (const channel of channels) {
      const posted = discord.messagesIn(channel);
      const parts = discordRows.filter((r) => r.chat_id === channel);
      expect(posted).toHaveLength(parts.length);
      expect(posted.map((m) => m.id).sort()).toEqual(parts.map((r) => r.platform_message_id).sort());
    }
    // Posts Discord accepted beyond the messages it holds: resends that the nonce answered with the first message.
    const accepted = discord.requests.filter((r) => r.path.endsWith("/messages") && r.status === 200).length;
    const resentNonces = accepted - discord.messages.length;
    // No ingested item lost: every item of every feed is in the store.
    for (let f = 0; f < FEEDS; f += 1) {
      for (let i = 0; i < ITEMS_PER_FEED; i += 1) {
        expect(urls).toContain(numberedItemUrl(f, i));
      }
    }
    console.info(
      `crash test: ${KILLS} kills (${killedMidDelivery} in the middle of a fan-out), ${rows.length} Telegram parts with ${duplicates} duplicate messages, ${discordRows.length} Discord parts posted once each (${resentNonces} resends answered by their nonce)`,
    );
  }, 300_000);
});
