import { afterAll, describe, expect, it } from "vitest";
import { chatId, chatPlace, threadId, topicId } from "../../src/domain/index.js";
import { portOf } from "../../src/store/port.js";
import {
  createPostgresSubscriptionStore,
  type SubscriptionPort,
} from "../../src/store/postgres/subscriptions-store.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { migratedPool } from "../support/postgres-store.js";
import { aStore } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const postgres = usePostgres();
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

const defaults = { timezone: "Asia/Ho_Chi_Minh", lang: "vi" as const, times: ["07:00"] };

const stores: Record<string, () => Promise<SubscriptionPort>> = {
  SQLite: async () => portOf(createSqliteSubscriptionStore(aStore(tempDir()), defaults)),
  PostgreSQL: async () => {
    const pool = await migratedPool(await postgres.createDatabase(), 3);
    closers.push(() => pool.end());
    return createPostgresSubscriptionStore(pool, defaults);
  },
};

const chat = chatPlace("telegram", chatId(-1001));
const topic = (n: number) => chatPlace("telegram", chatId(-1001), threadId(n));

for (const [name, open] of Object.entries(stores)) {
  describe(`subscriptions on ${name}`, () => {
    it("a place's row is made once, inactive with the defaults; the first chat type stays", async () => {
      const subs = await open();
      const first = await subs.ensure(chat, "supergroup", 1_000);
      const again = await subs.ensure(chat, "group", 2_000);
      expect(again).toEqual(first);
      expect(first).toMatchObject({
        platform: "telegram",
        chatId: "-1001",
        chatType: "supergroup",
        topics: [],
        times: ["07:00"],
        timezone: "Asia/Ho_Chi_Minh",
        lang: "vi",
        alerts: false,
        active: false,
        deactivatedReason: "not-subscribed",
        updatedAt: 1_000,
      });
      expect(first.threadId).toBeUndefined();
    });

    it("topic commands handled at once for one chat all take effect: none reads a list another is changing", async () => {
      const subs = await open();
      const all = ["a", "b", "c", "d", "e", "f"].map(topicId);
      await subs.changeTopics(chat, "supergroup", { kind: "follow", topics: [all[0]!] }, all, 1);
      // Five admins (or five replicas) add a topic each at the same moment.
      await Promise.all(
        all
          .slice(1, 5)
          .map((t, i) => subs.changeTopics(chat, "supergroup", { kind: "follow", topics: [t] }, all, 2 + i)),
      );
      expect((await subs.get(chat))?.topics.slice().sort()).toEqual(all.slice(0, 5));
      const after = await subs.changeTopics(chat, "supergroup", { kind: "unfollow", topics: all.slice(0, 5) }, all, 9);
      expect(after).toMatchObject({ active: false, deactivatedReason: "unsubscribed" });
      const again = await subs.changeTopics(chat, "supergroup", { kind: "all" }, all, 10);
      expect(again).toMatchObject({ active: true, topics: [], deactivatedReason: null, updatedAt: 10 });
    });

    it("every setting is kept per place: a forum topic apart from its chat", async () => {
      const subs = await open();
      await subs.ensure(chat, "supergroup", 1);
      await subs.ensure(topic(7), "supergroup", 1);
      await subs.setTopics(topic(7), [topicId("hat-nhan")], 2);
      await subs.setTimes(topic(7), ["06:30", "18:00"], 3);
      await subs.setWeekly(topic(7), { weekday: 0, time: "19:00" }, 4);
      await subs.setTimezone(topic(7), "Europe/Berlin", 5);
      await subs.setLang(topic(7), "en", 6);
      await subs.setAlerts(topic(7), true, 7);
      await subs.reactivate(topic(7), 8);
      expect(await subs.get(topic(7))).toMatchObject({
        threadId: 7,
        topics: ["hat-nhan"],
        times: ["06:30", "18:00"],
        weekly: { weekday: 0, time: "19:00" },
        timezone: "Europe/Berlin",
        lang: "en",
        alerts: true,
        active: true,
        deactivatedReason: null,
        updatedAt: 8,
      });
      expect(await subs.get(chat)).toMatchObject({ topics: [], active: false });
      expect((await subs.listActive("telegram")).map((s) => s.threadId)).toEqual([7]);
      expect(await subs.listActive("discord")).toEqual([]);
    });

    it("a closed topic ends alone; the chat refusing ends every active place in it", async () => {
      const subs = await open();
      for (const place of [chat, topic(7), topic(8)]) {
        await subs.ensure(place, "supergroup", 1);
        await subs.reactivate(place, 1);
      }
      await subs.deactivate(topic(8), "topic-closed", 2);
      expect((await subs.listActive()).map((s) => s.threadId ?? 0)).toEqual([0, 7]);
      await subs.deactivateChat("telegram", chatId(-1001), "blocked", 3);
      expect(await subs.listActive()).toEqual([]);
      expect((await subs.get(topic(8)))?.deactivatedReason).toBe("topic-closed");
      expect((await subs.get(topic(7)))?.deactivatedReason).toBe("blocked");
    });

    it("a group's settings follow it to its supergroup id, over a row the new id got first", async () => {
      const subs = await open();
      const group = chatPlace("telegram", chatId(-5));
      await subs.ensure(group, "group", 1);
      await subs.setTimes(group, ["09:00"], 1);
      await subs.ensure(chatPlace("telegram", chatId(-1005)), "supergroup", 2);
      await subs.migrateChat("telegram", chatId(-5), chatId(-1005), "supergroup", 3);
      expect(await subs.get(group)).toBeUndefined();
      expect(await subs.get(chatPlace("telegram", chatId(-1005)))).toMatchObject({
        times: ["09:00"],
        chatType: "supergroup",
      });
    });
  });
}
