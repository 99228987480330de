import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chatId, chatPlace, topicId } from "../../src/domain/index.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const defaults = { timezone: "Asia/Seoul", lang: "en" as const, times: ["06:30", "18:00"] };

function store() {
  const db = openDatabase(join(tempDir(), "bantin.db"));
  return { db, subs: createSqliteSubscriptionStore(db, defaults) };
}

describe("the subscription store", () => {
  it("creates a chat's row once, inactive, with the configured defaults", () => {
    const { subs } = store();
    const first = subs.ensure(chatPlace("telegram", chatId(42)), "private", 1000);
    const again = subs.ensure(chatPlace("telegram", chatId(42)), "group", 2000);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({
      timezone: "Asia/Seoul",
      lang: "en",
      times: ["06:30", "18:00"],
      topics: [],
      active: false,
      deactivatedReason: "not-subscribed",
      chatType: "private",
    });
  });

  it("keeps each setting a chat changes", () => {
    const { subs } = store();
    const chat = chatId("c1");
    subs.ensure(chatPlace("console", chat), "private", 1);
    subs.setTopics(chatPlace("console", chat), [topicId("my-trieu"), topicId("han-trieu")], 2);
    subs.setTimes(chatPlace("console", chat), ["07:00"], 3);
    subs.setTimezone(chatPlace("console", chat), "Europe/Berlin", 4);
    subs.setLang(chatPlace("console", chat), "vi", 5);
    subs.setAlerts(chatPlace("console", chat), true, 6);
    subs.reactivate(chatPlace("console", chat), 7);
    expect(subs.get(chatPlace("console", chat))).toMatchObject({
      topics: ["my-trieu", "han-trieu"],
      times: ["07:00"],
      timezone: "Europe/Berlin",
      lang: "vi",
      alerts: true,
      active: true,
      deactivatedReason: null,
      updatedAt: 7,
    });
  });

  it("a blocked chat's subscription is deactivated, not deleted, and reactivation keeps its settings", () => {
    const { subs } = store();
    const chat = chatId(7);
    subs.ensure(chatPlace("telegram", chat), "private", 1);
    subs.setTopics(chatPlace("telegram", chat), [topicId("my-trieu")], 1);
    subs.reactivate(chatPlace("telegram", chat), 1);
    subs.deactivate(chatPlace("telegram", chat), "blocked", 2);
    expect(subs.get(chatPlace("telegram", chat))).toMatchObject({ active: false, deactivatedReason: "blocked" });
    expect(subs.listActive()).toEqual([]);
    subs.reactivate(chatPlace("telegram", chat), 3);
    expect(subs.listActive("telegram").map((s) => s.topics)).toEqual([["my-trieu"]]);
  });

  it("follows a group that migrated to a supergroup, and the old chat's settings win", () => {
    const { subs } = store();
    subs.ensure(chatPlace("telegram", chatId(-5)), "group", 1);
    subs.setTimes(chatPlace("telegram", chatId(-5)), ["09:00"], 1);
    subs.ensure(chatPlace("telegram", chatId(-1005)), "supergroup", 2);
    subs.migrateChat("telegram", chatId(-5), chatId(-1005), "supergroup", 3);
    expect(subs.get(chatPlace("telegram", chatId(-5)))).toBeUndefined();
    expect(subs.get(chatPlace("telegram", chatId(-1005)))).toMatchObject({ times: ["09:00"], chatType: "supergroup" });
  });

  it("lists only active subscriptions, per platform when asked", () => {
    const { subs } = store();
    for (const [platform, id] of [
      ["telegram", "1"],
      ["discord", "2"],
      ["telegram", "3"],
    ] as const) {
      subs.ensure(chatPlace(platform, chatId(id)), "private", 1);
      subs.reactivate(chatPlace(platform, chatId(id)), 1);
    }
    subs.deactivate(chatPlace("telegram", chatId("3")), "unsubscribed", 2);
    expect(subs.listActive().map((s) => s.chatId)).toEqual(["1", "2"]);
    expect(subs.listActive("telegram").map((s) => s.chatId)).toEqual(["1"]);
  });
});
