import type { ChatId, ChatType, DeactivationReason, Lang, Platform, Subscription, TopicId } from "../domain/index.js";
import {
  formatWeeklyTime,
  parseWeeklyTime,
  subscriptionId,
  chatId as toChatId,
  type WeeklyTime,
} from "../domain/index.js";
import type { Db } from "./database.js";

/** A subscription as stored, with what the chat commands need beyond the domain type. */
export interface StoredSubscription extends Subscription {
  readonly chatType: ChatType;
  readonly deactivatedReason: DeactivationReason | null;
  readonly updatedAt: number;
}

export interface SubscriptionDefaults {
  readonly timezone: string;
  readonly lang: Lang;
  readonly times: readonly string[];
}

export interface SubscriptionStore {
  get(platform: Platform, chat: ChatId): StoredSubscription | undefined;
  /** The chat's row, created inactive (`not-subscribed`) with the defaults when missing. */
  ensure(platform: Platform, chat: ChatId, chatType: ChatType, now: number): StoredSubscription;
  setTopics(platform: Platform, chat: ChatId, topics: readonly TopicId[], now: number): void;
  setTimes(platform: Platform, chat: ChatId, times: readonly string[], now: number): void;
  /** The weekly briefing's day and time; null turns it off. */
  setWeekly(platform: Platform, chat: ChatId, weekly: WeeklyTime | null, now: number): void;
  setTimezone(platform: Platform, chat: ChatId, timezone: string, now: number): void;
  setLang(platform: Platform, chat: ChatId, lang: Lang, now: number): void;
  setAlerts(platform: Platform, chat: ChatId, alerts: boolean, now: number): void;
  /** Kept, never deleted: settings survive a block and come back with /start. */
  deactivate(platform: Platform, chat: ChatId, reason: DeactivationReason, now: number): void;
  reactivate(platform: Platform, chat: ChatId, now: number): void;
  /** Telegram upgrades a group to a supergroup under a new id; the subscription follows it. */
  migrateChat(platform: Platform, from: ChatId, to: ChatId, chatType: ChatType, now: number): void;
  listActive(platform?: Platform): StoredSubscription[];
}

interface Row {
  id: number;
  platform: Platform;
  chat_id: string;
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

function fromRow(r: Row): StoredSubscription {
  return {
    id: subscriptionId(r.id),
    platform: r.platform,
    chatId: toChatId(r.chat_id),
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

/** Subscriptions in SQLite, one row per platform and chat. */
export function createSqliteSubscriptionStore(db: Db, defaults: SubscriptionDefaults): SubscriptionStore {
  const select = db.prepare<[string, string], Row>("SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ?");
  const insert = db.prepare(
    `INSERT INTO subscriptions (platform, chat_id, chat_type, topics, times, timezone, lang, alerts, active, deactivated_reason, created_at, updated_at)
     VALUES (@platform, @chat, @chatType, '[]', @times, @timezone, @lang, 0, 0, 'not-subscribed', @now, @now)
     ON CONFLICT (platform, chat_id) DO NOTHING`,
  );
  const update = (column: string) =>
    db.prepare(`UPDATE subscriptions SET ${column} = ?, updated_at = ? WHERE platform = ? AND chat_id = ?`);
  const setTopics = update("topics");
  const setTimes = update("times");
  const setWeekly = update("weekly");
  const setTimezone = update("timezone");
  const setLang = update("lang");
  const setAlerts = update("alerts");
  const deactivate = db.prepare(
    "UPDATE subscriptions SET active = 0, deactivated_reason = ?, updated_at = ? WHERE platform = ? AND chat_id = ?",
  );
  const reactivate = db.prepare(
    "UPDATE subscriptions SET active = 1, deactivated_reason = NULL, updated_at = ? WHERE platform = ? AND chat_id = ?",
  );
  const deleteRow = db.prepare("DELETE FROM subscriptions WHERE platform = ? AND chat_id = ?");
  const moveChat = db.prepare(
    "UPDATE subscriptions SET chat_id = ?, chat_type = ?, updated_at = ? WHERE platform = ? AND chat_id = ?",
  );
  const listAll = db.prepare<[], Row>("SELECT * FROM subscriptions WHERE active = 1 ORDER BY id");
  const listPlatform = db.prepare<[string], Row>(
    "SELECT * FROM subscriptions WHERE active = 1 AND platform = ? ORDER BY id",
  );

  const get = (platform: Platform, chat: ChatId) => {
    const row = select.get(platform, chat);
    return row === undefined ? undefined : fromRow(row);
  };
  const migrateChat = db.transaction(
    (platform: Platform, from: ChatId, to: ChatId, chatType: ChatType, now: number) => {
      // The new id may already have a row (a command arrived there first); the old chat's settings win.
      if (select.get(platform, from) === undefined) return;
      deleteRow.run(platform, to);
      moveChat.run(to, chatType, now, platform, from);
    },
  );

  return {
    get,
    ensure(platform, chat, chatType, now) {
      insert.run({
        platform,
        chat,
        chatType,
        times: JSON.stringify(defaults.times),
        timezone: defaults.timezone,
        lang: defaults.lang,
        now,
      });
      const row = get(platform, chat);
      if (row === undefined) throw new Error(`subscription ${platform}/${chat} missing right after insert`);
      return row;
    },
    setTopics: (platform, chat, topics, now) => void setTopics.run(JSON.stringify(topics), now, platform, chat),
    setTimes: (platform, chat, times, now) => void setTimes.run(JSON.stringify(times), now, platform, chat),
    setWeekly: (platform, chat, weekly, now) =>
      void setWeekly.run(weekly === null ? null : formatWeeklyTime(weekly), now, platform, chat),
    setTimezone: (platform, chat, timezone, now) => void setTimezone.run(timezone, now, platform, chat),
    setLang: (platform, chat, lang, now) => void setLang.run(lang, now, platform, chat),
    setAlerts: (platform, chat, alerts, now) => void setAlerts.run(alerts ? 1 : 0, now, platform, chat),
    deactivate: (platform, chat, reason, now) => void deactivate.run(reason, now, platform, chat),
    reactivate: (platform, chat, now) => void reactivate.run(now, platform, chat),
    migrateChat: (platform, from, to, chatType, now) => migrateChat(platform, from, to, chatType, now),
    listActive: (platform) => (platform === undefined ? listAll.all() : listPlatform.all(platform)).map(fromRow),
  };
}
