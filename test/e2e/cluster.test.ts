import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { startFakeBotApi } from "../support/fake-bot-api.js";
import { startFakeDiscord } from "../support/fake-discord.js";
import { hanoiTime, serveNumberedFeeds } from "../support/fan-out.js";
import { useFeedServer } from "../support/feed-server.js";
import { aPostgresSubscription, testPool } from "../support/postgres-store.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { activeReplicas, partsSentBy, startStandbyReplicas } from "../support/replicas.js";
import { useTempDir } from "../support/temp-dir.js";
import { until } from "../support/until.js";

const tempDir = useTempDir();
const postgres = usePostgres();
const feedServer = useFeedServer();
expectNoStackTracesAfterAll();
const REPLICAS = 3;
const CHATS = 120;
const CHANNELS = 30;
const FEEDS = 3;
/** The relay's sends in flight at once in one process: the most a SIGKILL can leave unrecorded. */
const RELAY_CONCURRENCY = 16;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

interface DeliveryRow {
  readonly platform: string;
  readonly chat_id: string;
  readonly payload: string;
  readonly state: string;
  readonly attempts: number;
  readonly platform_message_id: string | null;
}

/** The texts in the order a chat received them, a message repeated back to back counted once. */
const withoutRepeats = (texts: readonly string[]): string[] => texts.filter((t, i) => i === 0 || t !== texts[i - 1]);

describe(`${REPLICAS} replicas on one PostgreSQL`, () => {
  it(`deliver a ${CHATS}-chat, ${CHANNELS}-channel fan-out as one bot through a SIGKILL of the leader mid-fan-out: each briefing built once, every part once and in order (Telegram: repeats only of what was in flight), within Telegram's limits, each feed fetched once per pass`, async () => {
    const telegram = await startFakeBotApi();
    closers.push(() => telegram.close());
    // Slow answers (the message is stored first), so that the kill may land between "Discord posted it" and "we recorded it".
    const discord = await startFakeDiscord({ replyDelayMs: 200 });
    closers.push(() => discord.close());
    const feeds = await feedServer();
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), serveNumberedFeeds(feeds, FEEDS, 15));
    const url = await postgres.createDatabase();
    const env = {
      BANTIN_DATABASE_URL: url,
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API: discord.api,
    };
    expect((await cli(["db", "migrate"], env)).code).toBe(0);
    const pool = testPool(url, 2);
    closers.push(() => pool.end());
    const due = hanoiTime(10);
    const chats = Array.from({ length: CHATS }, (_, c) => String(5000 + c));
    const channels = Array.from({ length: CHANNELS }, (_, c) => String(1_500_000_000_000_000_000n + BigInt(c)));
    for (const chat of chats) await aPostgresSubscription(pool, chat, { times: [due] });
    for (const channel of channels) await aPostgresSubscription(pool, channel, { platform: "discord", times: [due] });
    // The bot last ran half an hour ago: the briefing due ten minutes ago is caught up by whichever replica leads.
    await pool.query("INSERT INTO kv (key, value) VALUES ('cursor:briefing', $1)", [String(Date.now() - 30 * 60_000)]);

    const replicas = await startStandbyReplicas(pool, env, REPLICAS);
    const [leader] = activeReplicas(replicas);
    if (leader === undefined) throw new Error("no replica became active");
    // Mid-fan-out: a quarter of the chats have their briefing, the rest do not yet.
    await telegram.waitFor((messages) => new Set(messages.map((m) => m.chatId)).size >= CHATS / 4, 60_000);
    expect(new Set(telegram.messages.map((m) => m.chatId)).size).toBeLessThan(CHATS);
    const fetchesBeforeKill = feeds.requests.length;
    const reachedAtKill = new Set(telegram.messages.map((m) => m.chatId)).size;
    leader.child.kill("SIGKILL");
    await leader.closed;
    const killedAt = Date.now();
    const survivors = replicas.filter((p) => p !== leader);
    await Promise.race(survivors.map((p) => p.said("active on PostgreSQL")));
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(10_000);
    const [successor] = activeReplicas(survivors);
    if (successor === undefined) throw new Error("no survivor became active");
    expect(activeReplicas(survivors)).toHaveLength(1);

    // Done when every chat and channel has its briefing and no row is left: the kill may have
    // come while the leader was still building the slot's digests, which its successor's tick
    // then builds (the cursor moves only after a whole tick).
    const undelivered = async () =>
      Number((await pool.query("SELECT count(*) AS n FROM deliveries WHERE state <> 'sent'")).rows[0]?.n);
    const reachedAll = () =>
      chats.every((c) => telegram.messagesTo(c).length > 0) && channels.every((c) => discord.messagesIn(c).length > 0);
    const deadline = Date.now() + 120_000;
    while (!(reachedAll() && (await undelivered()) === 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(reachedAll(), "a chat or channel without its briefing after 120 s").toBe(true);
    expect(await undelivered(), "delivery rows not sent").toBe(0);
    await successor.said("news refreshed at start");
    for (const replica of survivors) replica.child.kill("SIGTERM");
    for (const replica of survivors) expect((await replica.closed).code, replica.output().slice(-2000)).toBe(0);

    // Each briefing built once per chat and slot.
    const digests = await pool.query<{ subscription_id: number; n: number }>(
      "SELECT subscription_id, count(*)::int AS n FROM digests GROUP BY subscription_id",
    );
    expect(digests.rows).toHaveLength(CHATS + CHANNELS);
    expect(digests.rows.every((r) => r.n === 1)).toBe(true);
    const all = (
      await pool.query<DeliveryRow>(
        "SELECT platform, chat_id, payload, state, attempts, platform_message_id FROM deliveries ORDER BY id",
      )
    ).rows;
    const telegramRows = all.filter((r) => r.platform === "telegram");
    const discordRows = all.filter((r) => r.platform === "discord");
    const partsOf = (rows: readonly DeliveryRow[], chat: string) => rows.filter((r) => r.chat_id === chat);

    // Telegram: every part, in order; a part repeated only where the kill interrupted its send.
    for (const chat of chats) {
      const received = withoutRepeats(telegram.messagesTo(chat).map((m) => m.text));
      expect(received, `chat ${chat}`).toEqual(partsOf(telegramRows, chat).map((r) => r.payload));
    }
    const repeats = telegram.messages.length - telegramRows.length;
    const resumed = telegramRows.filter((r) => r.attempts > 1).length;
    expect(repeats).toBeLessThanOrEqual(resumed);
    expect(resumed).toBeLessThanOrEqual(RELAY_CONCURRENCY);
    // Discord: every part exactly once, in order (the nonce answers a resend with the first message).
    for (const channel of channels) {
      const posted = discord.messagesIn(channel).map((m) => m.id);
      expect(posted, `channel ${channel}`).toEqual(partsOf(discordRows, channel).map((r) => r.platform_message_id));
    }
    const resentNonces =
      discord.requests.filter((r) => r.path.endsWith("/messages") && r.status === 200).length - discord.messages.length;
    // One budget for the cluster: the fake Bot API refused nothing (30/s overall, 1/s per chat).
    expect(telegram.floodRefusals()).toBe(0);
    // The survivors shared the rest (the killed leader never got to report what it sent).
    // A relay logs what it sent when its drain ends, just after the last answer: wait for the lines.
    await until(
      () => survivors.every((replica) => partsSentBy(replica) > 0),
      "every survivor to report sending part of the fan-out",
      10_000,
    );

    // Each feed fetched once per pass: once by the first leader, once by its successor's first pass, by no standby.
    const fetches = (f: number) => feeds.requests.filter((r) => r.path === `/feed${f}.rss`).length;
    expect(fetchesBeforeKill).toBe(FEEDS);
    for (let f = 0; f < FEEDS; f += 1) expect(fetches(f), `feed ${f}`).toBe(2);
    console.info(
      `cluster test: ${REPLICAS} replicas, leader killed with ${reachedAtKill} of ${CHATS} chats reached, successor active after ${takeoverMs} ms; ${telegramRows.length} Telegram parts (${repeats} repeats, ${resumed} resumed), ${discordRows.length} Discord parts once each (${resentNonces} resends answered by their nonce); parts reported sent by the survivors ${survivors.map(partsSentBy).join("/")}`,
    );
  }, 300_000);
});
