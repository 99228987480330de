import type {
  ChatId,
  ChatPlace,
  ChatType,
  DeactivationReason,
  Lang,
  Platform,
  Subscription,
  TopicChange,
  TopicId,
} from "../domain/index.js";
import {
  applyTopicChange,
  chatPlace,
  describePlace,
  formatWeeklyTime,
  parseWeeklyTime,
  subscriptionId,
  threadId,
  chatId as toChatId,
  type WeeklyTime,
} from "../domain/index.js";
import type { Db } from "./database.js";

/** A subscription as stored, with what the chat commands need beyond the domain type. */
export interface StoredSubscription extends Subscription {
  readonly deactivatedReason: DeactivationReason | null;
  readonly updatedAt: number;
}

export interface SubscriptionDefaults {
  readonly timezone: string;
  readonly lang: Lang;
  readonly times: readonly string[];
}

/** Settings per place (a chat, or one topic of a Telegram forum); see ChatPlace. */
export interface SubscriptionStore {
  get(place: ChatPlace): StoredSubscription | undefined;
  /** The place's row, created inactive (`not-subscribed`) with the defaults when missing. */
  ensure(place: ChatPlace, chatType: ChatType, now: number): StoredSubscription;
  setTopics(place: ChatPlace, topics: readonly TopicId[], now: number): void;
  /**
   * Apply a topic command to the place's row as it is now, creating the row when missing, in one
   * transaction (see TopicChange); following nothing turns the place off (`unsubscribed`).
   * `all` is every topic there is. Returns the row after the change.
   */
  changeTopics(
    place: ChatPlace,
    chatType: ChatType,
    change: TopicChange,
    all: readonly TopicId[],
    now: number,
  ): StoredSubscription;
  setTimes(place: ChatPlace, times: readonly string[], now: number): void;
  /** The weekly briefing's day and time; null turns it off. */
  setWeekly(place: ChatPlace, weekly: WeeklyTime | null, now: number): void;
  setTimezone(place: ChatPlace, timezone: string, now: number): void;
  setLang(place: ChatPlace, lang: Lang, now: number): void;
  setAlerts(place: ChatPlace, alerts: boolean, now: number): void;
  /**
   * Kept, never deleted: settings survive a block and come back with /start. A forum topic's
   * place ends that topic's subscription alone; the chat's own place ends the chat's.
   */
  deactivate(place: ChatPlace, reason: DeactivationReason, now: number): void;
  reactivate(place: ChatPlace, now: number): void;
  /** The chat refused as a whole (blocked, gone): every active place in it, forum topics too. */
  deactivateChat(platform: Platform, chat: ChatId, reason: DeactivationReason, now: number): void;
  /** Telegram upgrades a group to a supergroup under a new id; the subscription follows it. */
  migrateChat(platform: Platform, from: ChatId, to: ChatId, chatType: ChatType, now: number): void;
  listActive(platform?: Platform): StoredSubscription[];
}

/** A subscriptions row as both stores read it. */
export interface SubscriptionRow {
  id: number;
  platform: Platform;
  chat_id: string;
  thread_id: number;
  chat_type: ChatType;
  topics: string;
  times: string;
  weekly: string | null;
  timezone: string;
  lang: Lang;
  alerts: number;
  active: number;
  deactivated_reason: DeactivationReason | null;
  updated_at: number;
}

/** A row in the domain's terms, the same on both stores. */
export function subscriptionOf(r: SubscriptionRow): StoredSubscription {
  return {
    id: subscriptionId(r.id),
    ...chatPlace(r.platform, toChatId(r.chat_id), r.thread_id === 0 ? undefined : threadId(r.thread_id)),
    chatType: r.chat_type,
    topics: JSON.parse(r.topics) as TopicId[],
    times: JSON.parse(r.times) as string[],
    // A value this version cannot read (hand-edited) means no weekly briefing, not a crash.
    weekly: r.weekly === null ? null : (parseWeeklyTime(r.weekly) ?? null),
    timezone: r.timezone,
    lang: r.lang,
    alerts: r.alerts === 1,
    active: r.active === 1,
    deactivatedReason: r.deactivated_reason,
    updatedAt: r.updated_at,
  };
}

/** The row key of a place: the chat itself is thread 0. */
export const placeKey = (place: ChatPlace): [Platform, ChatId, number] => [
  place.platform,
  place.chatId,
  place.threadId ?? 0,
];

/** Subscriptions in SQLite, one row per platform, chat and forum topic. */
export function createSqliteSubscriptionStore(db: Db, defaults: SubscriptionDefaults): SubscriptionStore {
  const select = db.prepare<[string, string, number], SubscriptionRow>(
    "SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ? AND thread_id = ?",
  );
  const insert = db.prepare(
    `INSERT INTO subscriptions (platform, chat_id, thread_id, chat_type, topics, times, timezone, lang, alerts, active, deactivated_reason, created_at, updated_at)
     VALUES (@platform, @chat, @thread, @chatType, '[]', @times, @timezone, @lang, 0, 0, 'not-subscribed', @now, @now)
     ON CONFLICT (platform, chat_id, thread_id) DO NOTHING`,
  );
  const update = (column: string) =>
    db.prepare(
      `UPDATE subscriptions SET ${column} = ?, updated_at = ? WHERE platform = ? AND chat_id = ? AND thread_id = ?`,
    );
  const setTopics = update("topics");
  const setTimes = update("times");
  const setWeekly = update("weekly");
  const setTimezone = update("timezone");
  const setLang = update("lang");
  const setAlerts = update("alerts");
  const deactivate = db.prepare(
    "UPDATE subscriptions SET active = 0, deactivated_reason = ?, updated_at = ? WHERE platform = ? AND chat_id = ? AND thread_id = ?",
  );
  const reactivate = db.prepare(
    "UPDATE subscriptions SET active = 1, deactivated_reason = NULL, updated_at = ? WHERE platform = ? AND chat_id = ? AND thread_id = ?",
  );
  // Only the chat's own row: a forum topic the new supergroup already has keeps its settings.
  const deactivateChat = db.prepare(
    "UPDATE subscriptions SET active = 0, deactivated_reason = ?, updated_at = ? WHERE platform = ? AND chat_id = ? AND active = 1",
  );
  const deleteRow = db.prepare("DELETE FROM subscriptions WHERE platform = ? AND chat_id = ? AND thread_id = 0");
  const moveChat = db.prepare(
    "UPDATE subscriptions SET chat_id = ?, chat_type = ?, updated_at = ? WHERE platform = ? AND chat_id = ?",
  );
  const listAll = db.prepare<[], SubscriptionRow>("SELECT * FROM subscriptions WHERE active = 1 ORDER BY id");
  const listPlatform = db.prepare<[string], SubscriptionRow>(
    "SELECT * FROM subscriptions WHERE active = 1 AND platform = ? ORDER BY id",
  );

  const get = (place: ChatPlace) => {
    const row = select.get(...placeKey(place));
    return row === undefined ? undefined : subscriptionOf(row);
  };
  const ensure = (place: ChatPlace, chatType: ChatType, now: number): StoredSubscription => {
    const [platform, chat, thread] = placeKey(place);
    insert.run({
      platform,
      chat,
      thread,
      chatType,
      times: JSON.stringify(defaults.times),
      timezone: defaults.timezone,
      lang: defaults.lang,
      now,
    });
    const row = get(place);
    if (row === undefined) throw new Error(`subscription ${describePlace(place)} missing right after insert`);
    return row;
  };
  const changeTopics = db.transaction(
    (place: ChatPlace, chatType: ChatType, change: TopicChange, all: readonly TopicId[], now: number) => {
      const next = applyTopicChange(ensure(place, chatType, now), change, all);
      if (next.active) {
        setTopics.run(JSON.stringify(next.topics), now, ...placeKey(place));
        reactivate.run(now, ...placeKey(place));
      } else deactivate.run("unsubscribed", now, ...placeKey(place));
      return get(place) as StoredSubscription;
    },
  );
  const migrateChat = db.transaction(
    (platform: Platform, from: ChatId, to: ChatId, chatType: ChatType, now: number) => {
      // The new id may already have a row (a command arrived there first); the old chat's settings win.
      if (select.get(platform, from, 0) === undefined) return;
      deleteRow.run(platform, to);
      moveChat.run(to, chatType, now, platform, from);
    },
  );

  return {
    get,
    ensure,
    changeTopics: (place, chatType, change, all, now) => changeTopics(place, chatType, change, all, now),
    setTopics: (place, topics, now) => void setTopics.run(JSON.stringify(topics), now, ...placeKey(place)),
    setTimes: (place, times, now) => void setTimes.run(JSON.stringify(times), now, ...placeKey(place)),
    setWeekly: (place, weekly, now) =>
      void setWeekly.run(weekly === null ? null : formatWeeklyTime(weekly), now, ...placeKey(place)),
    setTimezone: (place, timezone, now) => void setTimezone.run(timezone, now, ...placeKey(place)),
    setLang: (place, lang, now) => void setLang.run(lang, now, ...placeKey(place)),
    setAlerts: (place, alerts, now) => void setAlerts.run(alerts ? 1 : 0, now, ...placeKey(place)),
    deactivate: (place, reason, now) => void deactivate.run(reason, now, ...placeKey(place)),
    reactivate: (place, now) => void reactivate.run(now, ...placeKey(place)),
    deactivateChat: (platform, chat, reason, now) => void deactivateChat.run(reason, now, platform, chat),
    migrateChat: (platform, from, to, chatType, now) => migrateChat(platform, from, to, chatType, now),
    listActive: (platform) => (platform === undefined ? listAll.all() : listPlatform.all(platform)).map(subscriptionOf),
  };
}
