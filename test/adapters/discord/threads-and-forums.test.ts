import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderDiscordMessages } from "../../../src/adapters/discord/render-discord.js";
import { type RunningDiscord, startDiscord } from "../../../src/adapters/discord/start-discord.js";
import { createOutboxRelay } from "../../../src/delivery/outbox-relay.js";
import { chatId, chatPlace, type DigestDocument, eventId, silentLogger } from "../../../src/domain/index.js";
import { platformParts } from "../../../src/pipeline/platform-parts.js";
import type { RunningScheduler } from "../../../src/schedule/scheduler.js";
import { openDatabase } from "../../../src/store/database.js";
import { createSqliteOutboxStore } from "../../../src/store/outbox-repo.js";
import { createSqliteSubscriptionStore } from "../../../src/store/subscriptions-repo.js";
import { seedNews, TOPICS } from "../../support/chat-fixtures.js";
import { commandCoreOn } from "../../support/command-core.js";
import { type FakeDiscord, PUBLIC_THREAD, startFakeDiscord } from "../../support/fake-discord.js";
import { FAKE_GUILD_CHANNEL, type InteractionPlace } from "../../support/fake-discord-gateway.js";
import { justAfterNext0700, offlineBriefings } from "../../support/offline-briefings.js";
import { anEvent, aSource, aSubscription } from "../../support/store-fixtures.js";
import { useTempDir } from "../../support/temp-dir.js";
import { until } from "../../support/until.js";

const tempDir = useTempDir();
const MANAGE_CHANNELS = 1n << 4n;
const THREAD = "1120000000000000001";
const FORUM_CHANNEL = "1130000000000000001";
const OLD_POST = "1130000000000000002";

/** A one-entry document with a long summary, so thirty of them fill several Discord messages. */
const alertDocumentOf = (headline: string): DigestDocument => ({
  lang: "vi",
  title: "Tin nóng",
  entries: [
    {
      eventId: eventId("ev0"),
      headline,
      summary: "Bộ Tổng tham mưu Hàn Quốc cho biết tên lửa bay khoảng 800 km trước khi rơi xuống biển. ".repeat(4),
      sources: [{ name: "Yonhap", url: "https://en.yna.co.kr/view/1" }],
      articles: 3,
      isUpdate: false,
    },
  ],
  totals: { articles: 3, outlets: 1 },
});

const started: { fake: FakeDiscord; discord: RunningDiscord }[] = [];
afterEach(async () => {
  for (const { fake, discord } of started.splice(0)) {
    await discord.stop();
    await fake.close();
  }
});

/** The real discord.js client on a fake Discord with a thread and a forum, on a real SQLite file with news. */
async function discordWithThreads(
  options: { requireTag?: boolean } = {},
  tagNames: readonly string[] = ["Tin nóng", "Bản tin", "Hạt nhân", "Khác"],
) {
  const fake = await startFakeDiscord({ bucket: { limit: 50, windowMs: 1000 } });
  fake.addThread(THREAD, FAKE_GUILD_CHANNEL);
  const tags = fake.addForum(FORUM_CHANNEL, tagNames, options);
  fake.addThread(OLD_POST, FORUM_CHANNEL, "bài cũ");
  const db = openDatabase(join(tempDir(), "bantin.db"));
  seedNews(db, Date.now());
  const subscriptions = createSqliteSubscriptionStore(db, { timezone: "Asia/Ho_Chi_Minh", lang: "vi", times: [] });
  const core = commandCoreOn(db, { subscriptions, defaults: { lang: "vi", since: "24h" }, now: Date.now });
  const outbox = createSqliteOutboxStore(db);
  const discord = await startDiscord({
    token: fake.token,
    applicationId: fake.applicationId,
    api: fake.api,
    core,
    topics: TOPICS,
    renderDigest: renderDiscordMessages,
    sentMessageId: outbox.sentMessageId,
    logger: silentLogger,
  });
  started.push({ fake, discord });
  const command = async (name: string, options: Record<string, string>, channel?: InteractionPlace["channel"]) => {
    const place = { guild: true, permissions: MANAGE_CHANNELS, ...(channel === undefined ? {} : { channel }) };
    const sent = fake.gateway.interact({ kind: "slash", name, options }, place);
    await until(() => fake.interactionCallbacks.some((c) => c.interactionId === sent.id), `an answer to /${name}`);
    return fake.interactionCallbacks.find((c) => c.interactionId === sent.id)?.body.data?.content;
  };
  /** One briefing tick at the next 07:00 with the real relay and this bot's sender, until `done`. */
  const clock = justAfterNext0700();
  const briefingsAt0700 = async (done: () => boolean, then?: (scheduler: RunningScheduler) => Promise<void>) => {
    const scheduler = offlineBriefings(db, { discord: discord.deliverySender }, () => clock);
    try {
      await until(done, "the briefings", 10_000);
      await then?.(scheduler);
    } finally {
      await scheduler.stop();
    }
  };
  return { fake, db, discord, outbox, subscriptions, command, briefingsAt0700, tags, clock };
}

describe("Discord threads and forum channels", () => {
  it("a command in a thread configures the thread, apart from its channel, and briefings go into it", async () => {
    const { fake, subscriptions, command, briefingsAt0700 } = await discordWithThreads();
    const thread = { id: THREAD, type: PUBLIC_THREAD, parentId: FAKE_GUILD_CHANNEL };
    expect(await command("subscribe", { topic: "hat nhan" }, thread)).toBe("Đã đăng ký: Hạt nhân.");
    await command("schedule", { times: "07:00" }, thread);
    await command("subscribe", { topic: "lien trieu" });
    expect(subscriptions.get(chatPlace("discord", chatId(THREAD)))).toMatchObject({
      topics: ["hat-nhan"],
      times: ["07:00"],
    });
    expect(subscriptions.get(chatPlace("discord", chatId(FAKE_GUILD_CHANNEL)))).toMatchObject({
      topics: ["lien-trieu"],
      times: [],
    });
    await briefingsAt0700(() => fake.messagesIn(THREAD).length > 0);
    expect(fake.messagesIn(THREAD)[0]?.content).toMatch(/^\*\*📰 Bản tin · Thứ/);
    expect(fake.messagesIn(FAKE_GUILD_CHANNEL)).toEqual([]);
  });

  it("in a forum, a command in any post configures the forum, and each briefing opens a post titled with its date and tagged", async () => {
    const { fake, subscriptions, command, briefingsAt0700, tags } = await discordWithThreads();
    const post = { id: OLD_POST, type: PUBLIC_THREAD, parentId: FORUM_CHANNEL };
    expect(await command("subscribe", { topic: "hat nhan" }, post)).toBe("Đã đăng ký: Hạt nhân.");
    await command("schedule", { times: "07:00" }, post);
    expect(subscriptions.get(chatPlace("discord", chatId(FORUM_CHANNEL)))).toMatchObject({
      chatType: "forum",
      topics: ["hat-nhan"],
    });
    expect(subscriptions.get(chatPlace("discord", chatId(OLD_POST)))).toBeUndefined();

    await briefingsAt0700(() => fake.postsIn(FORUM_CHANNEL).length === 2);
    const opened = fake.postsIn(FORUM_CHANNEL).find((p) => p.post.id !== OLD_POST);
    expect(opened?.post.name).toMatch(/^Thứ .+, \d{2}\/\d{2}\/\d{4}$/);
    const tagId = (name: string) => tags.find((t) => t.name === name)?.id;
    expect(opened?.post.appliedTags).toEqual([tagId("Bản tin"), tagId("Hạt nhân")]);
    expect(opened?.messages[0]?.content).toMatch(/^\*\*📰 Bản tin · Thứ/);
    // Nothing was posted into the forum itself (Discord refuses that) or into the old post.
    expect(fake.requests.filter((r) => r.path === `/channels/${FORUM_CHANNEL}/messages`)).toEqual([]);
    expect(fake.messagesIn(OLD_POST)).toEqual([]);
  });

  it("a forum that requires a tag gets one even when none matches", async () => {
    const { fake, command, briefingsAt0700, tags } = await discordWithThreads({ requireTag: true }, [
      "Thảo luận",
      "Khác",
    ]);
    const post = { id: OLD_POST, type: PUBLIC_THREAD, parentId: FORUM_CHANNEL };
    await command("subscribe", { topic: "lien trieu" }, post);
    await command("schedule", { times: "07:00" }, post);
    await command("lang", { lang: "en" }, post);
    await briefingsAt0700(() => fake.postsIn(FORUM_CHANNEL).length === 2);
    const opened = fake.postsIn(FORUM_CHANNEL).find((p) => p.post.id !== OLD_POST);
    expect(opened?.post.appliedTags).toEqual([tags[0]?.id]);
  });

  it("a long forum message opens one post and its later parts follow inside it; an alert's post is titled with its headline", async () => {
    const { fake, db, discord, outbox, tags } = await discordWithThreads();
    const sub = aSubscription(db, { platform: "discord", chat: FORUM_CHANNEL, chatType: "forum", times: [] });
    const doc = alertDocumentOf("Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản");
    const long = {
      ...doc,
      entries: Array.from({ length: 30 }, () => doc.entries[0]!).map((e, i) => ({ ...e, eventId: eventId(`ev${i}`) })),
    };
    const parts = platformParts("discord", long, { name: "Triều Tiên phóng tên lửa", tags: ["Tin nóng"] });
    expect(parts.length).toBeGreaterThan(1);
    outbox.enqueue({
      subscriptionId: sub,
      ...chatPlace("discord", chatId(FORUM_CHANNEL)),
      slot: "alert:ev0",
      kind: "alert",
      document: JSON.stringify(long),
      parts,
      events: [],
      now: Date.now(),
    });
    const relay = createOutboxRelay({ outbox, senders: { discord: discord.deliverySender }, logger: silentLogger });
    await relay.drain();
    const posts = fake.postsIn(FORUM_CHANNEL).filter((p) => p.post.id !== OLD_POST);
    const subscribed = () =>
      db.prepare<[number], { active: number }>("SELECT active FROM subscriptions WHERE id = ?").get(sub)?.active;
    expect(posts).toHaveLength(1);
    expect(posts[0]?.post.name).toBe("Triều Tiên phóng tên lửa");
    expect(posts[0]?.post.appliedTags).toEqual([tags.find((t) => t.name === "Tin nóng")?.id]);
    expect(posts[0]?.messages).toHaveLength(parts.length);
    expect(outbox.countByState()).toMatchObject({ sent: parts.length, failed: 0 });

    // A moderator deletes a post between its first part and the next: that part fails, the forum stays.
    outbox.enqueue({
      subscriptionId: sub,
      ...chatPlace("discord", chatId(FORUM_CHANNEL)),
      slot: "alert:ev1",
      kind: "alert",
      document: "{}",
      parts: parts.slice(0, 2),
      events: [],
      now: Date.now(),
    });
    const [opening] = outbox.claimDue(Date.now(), 1);
    const deletedPost = "1130000000000000099";
    outbox.markSent(opening?.id ?? 0, deletedPost, Date.now());
    fake.setChannelError(deletedPost, 10003);
    expect(await relay.drain()).toMatchObject({ sent: 0, failed: 1 });
    expect(subscribed()).toBe(1);
  });

  it("a forum briefing whose entry grows the same morning is edited in its post, not posted again", async () => {
    const { fake, db, command, briefingsAt0700, clock } = await discordWithThreads();
    const post = { id: OLD_POST, type: PUBLIC_THREAD, parentId: FORUM_CHANNEL };
    await command("subscribe", { topic: "hat nhan" }, post);
    await command("schedule", { times: "07:00" }, post);
    for (const id of ["yna", "nk"]) aSource(db, { id, name: id === "yna" ? "Yonhap" : "NK News" });
    const event = { id: "launch", headline: "Triều Tiên phóng tên lửa", topics: ["hat-nhan"], relevance: 0.9 };
    anEvent(db, { ...event, reports: [{ source: "yna", at: clock - 3600_000 }] });
    const allSent = () =>
      db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM deliveries WHERE state <> 'sent'").get()?.n === 0;
    await briefingsAt0700(
      () => fake.postsIn(FORUM_CHANNEL).length === 2 && allSent(),
      async (scheduler) => {
        anEvent(db, { ...event, reports: [{ source: "nk", at: clock - 1800_000, guid: "launch-nk" }] });
        await scheduler.runIngest();
        await until(() => fake.requests.some((r) => r.method === "PATCH" && r.status === 200), "the edit");
      },
    );
    const posts = fake.postsIn(FORUM_CHANNEL).filter((p) => p.post.id !== OLD_POST);
    expect(posts).toHaveLength(1);
    const [starter] = posts[0]?.messages ?? [];
    expect(starter).toMatchObject({ id: posts[0]?.post.id, edits: 1 });
    expect(JSON.stringify(starter)).toContain("NK News");
  });
});
