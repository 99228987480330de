import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIInteraction } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordRest } from "../../../src/adapters/discord/discord-rest.js";
import { createInteractionHandler } from "../../../src/adapters/discord/interaction-handler.js";
import { chatId, chatPlace, silentLogger } from "../../../src/domain/index.js";
import { openDatabase } from "../../../src/store/database.js";
import { createSqliteSubscriptionStore, type SubscriptionStore } from "../../../src/store/subscriptions-repo.js";
import { TOPICS } from "../../support/chat-fixtures.js";
import { commandCoreOn, emptyDigest } from "../../support/command-core.js";
import { type FakeDiscord, startFakeDiscord } from "../../support/fake-discord.js";
import { useTempDir } from "../../support/temp-dir.js";

const fixture = (name: string): APIInteraction =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../..", "fixtures/discord", name), "utf8")) as APIInteraction;

/** The fixture with the member's channel permissions replaced (Discord sends them as a decimal bitfield string). */
const withPermissions = (interaction: APIInteraction, permissions: bigint): APIInteraction =>
  ({ ...interaction, member: { ...interaction.member, permissions: permissions.toString() } }) as APIInteraction;

const MEMBER = 2147551232n; // View Channel, Send Messages, Read History, Use Application Commands
const MANAGE_CHANNELS = 1n << 4n;
const MANAGE_GUILD = 1n << 5n;
const GUILD_CHANNEL = chatId("1110000000000000000");
const NOW = Date.UTC(2026, 10, 21, 15, 30);

const tempDir = useTempDir();
let fake: FakeDiscord;
let subscriptions: SubscriptionStore;
let handle: (interaction: APIInteraction) => Promise<void>;

beforeEach(async () => {
  fake = await startFakeDiscord();
  const db = openDatabase(join(tempDir(), "bantin.db"));
  subscriptions = createSqliteSubscriptionStore(db, { timezone: "Asia/Ho_Chi_Minh", lang: "vi", times: ["07:00"] });
  const core = commandCoreOn(db, {
    subscriptions,
    composeDigest: emptyDigest("Thứ Bảy, 21/11/2026"),
    defaults: { lang: "vi", since: "24h" },
    now: () => NOW,
    rateLimit: { capacity: 100, refillPerSecond: 1 },
  });
  handle = createInteractionHandler({
    rest: createDiscordRest({ token: fake.token, api: fake.api }),
    applicationId: "1200000000000000000",
    core,
    topics: TOPICS,
    renderDigest: (doc) => [{ embeds: [{ title: doc.title, description: `${doc.entries.length} tin` }] }],
    logger: silentLogger,
  });
});
afterEach(() => fake.close());

const lastCallback = () => fake.interactionCallbacks.at(-1)?.body;

describe("who may change a server channel's subscription", () => {
  it("a member without Manage Channels is refused, privately, and nothing changes", async () => {
    await handle(withPermissions(fixture("guild-subscribe.json"), MEMBER));
    expect(lastCallback()).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(subscriptions.get(chatPlace("discord", GUILD_CHANNEL))?.active ?? false).toBe(false);
  });

  it.each([
    ["Manage Channels", MANAGE_CHANNELS],
    ["Manage Server", MANAGE_GUILD],
  ])("a member with %s subscribes the channel, with an ephemeral confirmation", async (_name, bit) => {
    await handle(withPermissions(fixture("guild-subscribe.json"), MEMBER | bit));
    expect(lastCallback()).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(String(lastCallback()?.data?.content)).toContain("Mỹ – Triều");
    expect(subscriptions.get(chatPlace("discord", GUILD_CHANNEL))).toMatchObject({
      active: true,
      topics: ["my-trieu"],
    });
  });
});

describe("watches and mutes on Discord", () => {
  /** The subscribe fixture turned into another command with one `phrase` option. */
  const command = (name: string, phrase: string): APIInteraction => {
    const base = fixture("guild-subscribe.json") as APIInteraction & { data: object };
    return {
      ...base,
      data: { ...base.data, name, options: [{ name: "phrase", type: 3, value: phrase }] },
    } as APIInteraction;
  };

  it("/watch with its phrase option adds the watch for the channel (managers only), /unwatch removes it", async () => {
    await handle(withPermissions(command("watch", "Choe Son-hui"), MEMBER));
    expect(String(lastCallback()?.data?.content)).toContain("quản trị");
    await handle(withPermissions(command("watch", "Choe Son-hui"), MEMBER | MANAGE_CHANNELS));
    expect(String(lastCallback()?.data?.content)).toContain("Đã theo dõi “Choe Son-hui” (1/50)");
    await handle(withPermissions(command("unwatch", "choe son hui"), MEMBER | MANAGE_CHANNELS));
    expect(String(lastCallback()?.data?.content)).toBe("Đã bỏ theo dõi “Choe Son-hui”.");
  });
});

describe("what everyone may do", () => {
  it("any member gets /digest, deferred then posted for the whole channel as embeds", async () => {
    await handle(withPermissions(fixture("guild-digest.json"), MEMBER));
    expect(fake.interactionCallbacks.map((c) => c.body)).toEqual([{ type: 5, data: { flags: 0 } }]);
    expect(fake.followUps).toEqual([
      expect.objectContaining({
        method: "PATCH",
        body: { embeds: [{ title: "Thứ Bảy, 21/11/2026", description: "0 tin" }] },
      }),
    ]);
  });

  it("a DM subscribes the user's own DM channel, answered in the user's English locale", async () => {
    await handle(fixture("dm-subscribe.json"));
    expect(subscriptions.get(chatPlace("discord", chatId("1500000000000000002")))).toMatchObject({
      active: true,
      topics: [],
    });
    expect(lastCallback()).toMatchObject({ type: 4, data: { flags: 64, content: "Subscribed to all topics." } });
  });
});

describe("topic autocomplete", () => {
  it("matches what is typed without diacritics, in the member's language", async () => {
    await handle(fixture("guild-autocomplete.json"));
    const body = lastCallback();
    expect(body?.type).toBe(8);
    expect(body?.data?.choices).toEqual([
      { name: "Mỹ – Triều (my-trieu)", value: "my-trieu" },
      { name: "Liên Triều (lien-trieu)", value: "lien-trieu" },
    ]);
  });

  it("offers every topic when nothing is typed yet, and 'all' for /unsubscribe", async () => {
    const base = fixture("guild-autocomplete.json") as APIInteraction & { data: Record<string, unknown> };
    const empty = {
      ...base,
      data: { ...base.data, name: "unsubscribe", options: [{ name: "topic", type: 3, value: "", focused: true }] },
    } as APIInteraction;
    await handle(empty);
    const choices = (lastCallback()?.data?.choices ?? []) as { value: string }[];
    expect(choices.map((c) => c.value)).toEqual(["my-trieu", "lien-trieu", "hat-nhan", "all"]);
  });
});
