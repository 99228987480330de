import { describe, expect, it } from "vitest";
import { loadLexicon } from "../../src/config/lexicon.js";
import { createFilterMatcher, filterKey } from "../../src/digest/index.js";
import { type Concept, type Subscription, silentLogger } from "../../src/domain/index.js";
import { alertDocument } from "../../src/pipeline/alert-document.js";
import { type BuildAlert, runAlertPass } from "../../src/schedule/alert-pass.js";
import { isStrongSignal } from "../../src/schedule/alert-threshold.js";
import { createSqliteAlertEventSource } from "../../src/store/alert-events-repo.js";
import { createSqliteChatFilterStore } from "../../src/store/chat-filters-repo.js";
import type { Db } from "../../src/store/database.js";
import { createSqliteEventStore } from "../../src/store/events-repo.js";
import { createSqliteOutboxStore } from "../../src/store/outbox-repo.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { anEvent, aStore, aSubscription } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const HOUR = 3_600_000;
const now = Date.parse("2026-11-23T10:00:00Z");

const build: BuildAlert = (sub, event) => ({
  document: JSON.stringify(alertDocument(event, sub.lang)),
  parts: [event.headline],
  events: [{ eventId: event.eventId, itemCount: event.itemCount }],
});

function alertPass(db: Db, concepts: readonly Concept[] = []) {
  const filterStore = createSqliteChatFilterStore(db);
  const deps = {
    filtersFor: (sub: Subscription) => createFilterMatcher(filterStore.list(sub.id), concepts),
    outbox: createSqliteOutboxStore(db),
    events: createSqliteAlertEventSource(db),
    subscriptions: createSqliteSubscriptionStore(db, { timezone: "UTC", lang: "vi", times: [] }) as {
      listActive(): Subscription[];
    },
    build,
    settings: { minOutlets: 3, withinHours: 2 },
    maxAgeHours: 6,
    logger: silentLogger,
  };
  return (at: number) => runAlertPass(deps, at);
}

const alertsSent = (db: Db) =>
  db.prepare("SELECT d.chat_id, g.slot FROM deliveries d JOIN digests g ON g.id = d.digest_id ORDER BY d.id").all();

describe("breaking alerts", () => {
  it("an event three outlets report within two hours goes at once, once, to the chats with alerts on", async () => {
    const db = aStore(tempDir());
    aSubscription(db, { chat: "100", alerts: true });
    aSubscription(db, { chat: "200", alerts: false });
    aSubscription(db, { platform: "discord", chat: "300", alerts: true });
    anEvent(db, {
      id: "ev-summit",
      headline: "Hội nghị thượng đỉnh Mỹ - Triều được công bố",
      reports: [
        { source: "vne", at: now - 90 * 60_000 },
        { source: "tt", at: now - 60 * 60_000 },
        { source: "yna", at: now - 10 * 60_000 },
      ],
    });
    const pass = alertPass(db);
    expect(await pass(now)).toBe(2);
    expect(await pass(now + 60_000)).toBe(0);
    expect(alertsSent(db)).toEqual([
      { chat_id: "100", slot: "alert:ev-summit" },
      { chat_id: "300", slot: "alert:ev-summit" },
    ]);
    expect(db.prepare("SELECT COUNT(*) FROM sent_events").pluck().get()).toBe(2);
    db.close();
  });

  it("three outlets spread over five hours are not breaking news", async () => {
    const db = aStore(tempDir());
    aSubscription(db, { chat: "100", alerts: true });
    anEvent(db, {
      id: "ev-slow",
      headline: "Bình luận về quan hệ liên Triều",
      reports: [
        { source: "vne", at: now - 5 * HOUR },
        { source: "tt", at: now - 2.5 * HOUR },
        { source: "yna", at: now - 10 * 60_000 },
      ],
    });
    expect(await alertPass(db)(now)).toBe(0);
    db.close();
  });

  it("a missile launch alerts on the first report; old news after downtime does not", async () => {
    const db = aStore(tempDir());
    aSubscription(db, { chat: "100", alerts: true });
    anEvent(db, {
      id: "ev-launch",
      headline: "Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản",
      reports: [{ source: "vne", at: now - 5 * 60_000 }],
    });
    anEvent(db, {
      id: "ev-old",
      headline: "Triều Tiên phóng thử tên lửa hành trình",
      reports: [{ source: "tt", at: now - 20 * HOUR }],
    });
    expect(await alertPass(db)(now)).toBe(1);
    expect(alertsSent(db)).toEqual([{ chat_id: "100", slot: "alert:ev-launch" }]);
    db.close();
  });

  it("only a chat whose topics match the event gets it", async () => {
    const db = aStore(tempDir());
    aSubscription(db, { chat: "100", alerts: true, topics: ["sanctions"] });
    anEvent(db, {
      id: "ev-test",
      headline: "North Korea conducts nuclear test",
      topics: ["nuclear"],
      reports: [{ source: "yna", at: now }],
    });
    expect(await alertPass(db)(now)).toBe(0);
    db.close();
  });
});

describe("alerts and a chat's watches and mutes", () => {
  const filter = (db: Db, sub: ReturnType<typeof aSubscription>, kind: "watch" | "mute", phrase: string) =>
    createSqliteChatFilterStore(db).add(sub, { kind, phrase, key: filterKey(phrase) }, 0);

  it("a new event naming a chat's watch is alerted once to that chat, outside its topics and below the threshold", async () => {
    const db = aStore(tempDir());
    const watcher = aSubscription(db, { chat: "100", alerts: true, topics: ["sanctions"] });
    aSubscription(db, { chat: "200", alerts: true, topics: ["sanctions"] });
    const quiet = aSubscription(db, { chat: "300", alerts: false });
    filter(db, watcher, "watch", "Bình Nhưỡng");
    filter(db, quiet, "watch", "Bình Nhưỡng");
    anEvent(db, {
      id: "ev-envoy",
      headline: "Pyongyang names new envoy to Moscow",
      topics: ["diplomacy"],
      reports: [{ source: "yna", at: now - 30 * 60_000 }],
    });
    anEvent(db, {
      id: "ev-old",
      headline: "Pyongyang hosts a trade fair",
      reports: [{ source: "yna", at: now - 20 * HOUR }],
    });
    const pass = alertPass(db, loadLexicon());
    expect(await pass(now)).toBe(1);
    expect(await pass(now + 60_000)).toBe(0);
    expect(alertsSent(db)).toEqual([{ chat_id: "100", slot: "alert:ev-envoy" }]);
    db.close();
  });

  it("a breaking event naming a chat's mute reaches every chat but that one, even when it also names a watch", async () => {
    const db = aStore(tempDir());
    const muter = aSubscription(db, { chat: "100", alerts: true });
    aSubscription(db, { chat: "200", alerts: true });
    filter(db, muter, "mute", "tên lửa đạn đạo");
    filter(db, muter, "watch", "Triều Tiên");
    anEvent(db, {
      id: "ev-launch",
      headline: "Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản",
      reports: [{ source: "vne", at: now - 5 * 60_000 }],
    });
    expect(await alertPass(db)(now)).toBe(1);
    expect(alertsSent(db)).toEqual([{ chat_id: "200", slot: "alert:ev-launch" }]);
    db.close();
  });
});

describe("strong signals in a headline", () => {
  it.each([
    ["Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản", true],
    ["Bình Nhưỡng thử hạt nhân lần thứ bảy", true],
    ["North Korea fires missile into the sea", true],
    ["Seoul reports missile launch from Pyongyang", true],
    ["Chuyên gia bàn về chương trình tên lửa của Triều Tiên", false],
    ["Hội nghị thượng đỉnh Mỹ - Triều", false],
    ["Analysts debate the nuclear programme", false],
  ])("%s → %s", (headline, strong) => {
    expect(isStrongSignal(headline)).toBe(strong);
  });

  it("a story alerted under one event is not alerted again after clustering merges it into another", async () => {
    const db = aStore(tempDir());
    aSubscription(db, { chat: "100", alerts: true });
    anEvent(db, {
      id: "ev-a",
      headline: "Triều Tiên phóng tên lửa đạn đạo",
      reports: [
        { source: "vne", at: now - 90 * 60_000 },
        { source: "tt", at: now - 60 * 60_000 },
        { source: "yna", at: now - 50 * 60_000 },
      ],
    });
    const pass = alertPass(db);
    expect(await pass(now)).toBe(1);
    anEvent(db, {
      id: "ev-b",
      headline: "Hàn Quốc: Triều Tiên phóng tên lửa ra biển Nhật Bản",
      reports: [
        { source: "vne", at: now - 30 * 60_000 },
        { source: "tt", at: now - 20 * 60_000 },
        { source: "yna", at: now - 10 * 60_000 },
      ],
    });
    createSqliteEventStore(db).saveAnalyses([], [{ from: "ev-a", into: "ev-b" }]);

    expect(db.prepare("SELECT id, item_count FROM events").all()).toEqual([{ id: "ev-b", item_count: 6 }]);
    expect(await pass(now + 60_000)).toBe(0);
    expect(alertsSent(db)).toEqual([{ chat_id: "100", slot: "alert:ev-a" }]);
    // What the chat was shown of the absorbed event now counts for the merged one.
    expect(db.prepare("SELECT event_id, item_count FROM sent_events").all()).toEqual([
      { event_id: "ev-b", item_count: 3 },
    ]);
  });
});
