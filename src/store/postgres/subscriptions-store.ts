import type pg from "pg";
import { applyTopicChange, type ChatPlace, type ChatType, formatWeeklyTime } from "../../domain/index.js";
import type { Port } from "../port.js";
import {
  placeKey,
  type StoredSubscription,
  type SubscriptionDefaults,
  type SubscriptionRow,
  type SubscriptionStore,
  subscriptionOf,
} from "../subscriptions-repo.js";
import { inTransaction } from "./transaction.js";

/** The subscription store as every store offers it, each method a Promise. */
export type SubscriptionPort = Port<SubscriptionStore>;

const PLACE = "platform = $1 AND chat_id = $2 AND thread_id = $3";

type Queryable = pg.Pool | pg.PoolClient;

/** The place's row with the defaults, unless it exists. */
const insertDefaults = (
  on: Queryable,
  defaults: SubscriptionDefaults,
  place: ChatPlace,
  chatType: ChatType,
  now: number,
) =>
  on.query(
    `INSERT INTO subscriptions (platform, chat_id, thread_id, chat_type, topics, times, timezone, lang, alerts, active, deactivated_reason, created_at, updated_at)
     VALUES ($1, $2, $3, $4, '[]', $5, $6, $7, 0, 0, 'not-subscribed', $8, $8)
     ON CONFLICT (platform, chat_id, thread_id) DO NOTHING`,
    [...placeKey(place), chatType, JSON.stringify(defaults.times), defaults.timezone, defaults.lang, now],
  );

const missing = (place: ChatPlace) =>
  new Error(`subscription ${place.platform}/${place.chatId} missing right after insert`);

/**
 * A topic command applied to the row as it is. The row is locked from its read to its update: a
 * second command for the same chat, on another replica, waits and then applies its change to
 * this one's result.
 */
function changeTopicsIn(pool: pg.Pool, defaults: SubscriptionDefaults): SubscriptionPort["changeTopics"] {
  return (place, chatType, change, all, now) =>
    inTransaction(pool, async (client) => {
      await insertDefaults(client, defaults, place, chatType, now);
      const locked = await client.query<SubscriptionRow>(
        `SELECT * FROM subscriptions WHERE ${PLACE} FOR UPDATE`,
        placeKey(place),
      );
      if (locked.rows[0] === undefined) throw missing(place);
      const next = applyTopicChange(subscriptionOf(locked.rows[0]), change, all);
      const { rows } = next.active
        ? await client.query<SubscriptionRow>(
            `UPDATE subscriptions SET topics = $4, active = 1, deactivated_reason = NULL, updated_at = $5 WHERE ${PLACE} RETURNING *`,
            [...placeKey(place), JSON.stringify(next.topics), now],
          )
        : await client.query<SubscriptionRow>(
            `UPDATE subscriptions SET active = 0, deactivated_reason = 'unsubscribed', updated_at = $4 WHERE ${PLACE} RETURNING *`,
            [...placeKey(place), now],
          );
      return subscriptionOf(rows[0] as SubscriptionRow);
    });
}

/**
 * Subscriptions on PostgreSQL: the SQLite store's statements and the same row mapping
 * (`subscriptionOf`), one row per platform, chat and forum topic. Each setter is one statement,
 * so concurrent commands from several replicas cannot interleave inside one.
 */
export function createPostgresSubscriptionStore(pool: pg.Pool, defaults: SubscriptionDefaults): SubscriptionPort {
  const one = async (place: Parameters<SubscriptionStore["get"]>[0]): Promise<StoredSubscription | undefined> => {
    const { rows } = await pool.query<SubscriptionRow>(`SELECT * FROM subscriptions WHERE ${PLACE}`, placeKey(place));
    return rows[0] === undefined ? undefined : subscriptionOf(rows[0]);
  };
  const set =
    (column: string) => async (place: Parameters<SubscriptionStore["get"]>[0], value: unknown, now: number) => {
      await pool.query(`UPDATE subscriptions SET ${column} = $4, updated_at = $5 WHERE ${PLACE}`, [
        ...placeKey(place),
        value,
        now,
      ]);
    };
  const setTopics = set("topics");
  const setTimes = set("times");
  const setWeekly = set("weekly");
  const setTimezone = set("timezone");
  const setLang = set("lang");
  const setAlerts = set("alerts");
  return {
    get: one,
    async ensure(place, chatType, now) {
      await insertDefaults(pool, defaults, place, chatType, now);
      const row = await one(place);
      if (row === undefined) throw missing(place);
      return row;
    },
    changeTopics: changeTopicsIn(pool, defaults),
    setTopics: (place, topics, now) => setTopics(place, JSON.stringify(topics), now),
    setTimes: (place, times, now) => setTimes(place, JSON.stringify(times), now),
    setWeekly: (place, weekly, now) => setWeekly(place, weekly === null ? null : formatWeeklyTime(weekly), now),
    setTimezone: (place, timezone, now) => setTimezone(place, timezone, now),
    setLang: (place, lang, now) => setLang(place, lang, now),
    setAlerts: (place, alerts, now) => setAlerts(place, alerts ? 1 : 0, now),
    async deactivate(place, reason, now) {
      await pool.query(`UPDATE subscriptions SET active = 0, deactivated_reason = $4, updated_at = $5 WHERE ${PLACE}`, [
        ...placeKey(place),
        reason,
        now,
      ]);
    },
    async reactivate(place, now) {
      await pool.query(
        `UPDATE subscriptions SET active = 1, deactivated_reason = NULL, updated_at = $4 WHERE ${PLACE}`,
        [...placeKey(place), now],
      );
    },
    async deactivateChat(platform, chat, reason, now) {
      await pool.query(
        `UPDATE subscriptions SET active = 0, deactivated_reason = $3, updated_at = $4
          WHERE platform = $1 AND chat_id = $2 AND active = 1`,
        [platform, chat, reason, now],
      );
    },
    migrateChat: (platform, from, to, chatType, now) =>
      inTransaction(pool, async (client) => {
        // As on SQLite: the old chat's settings win over a row the new id got first (its own row only).
        const own = "SELECT 1 FROM subscriptions WHERE platform = $1 AND chat_id = $2 AND thread_id = 0";
        if (((await client.query(own, [platform, from])).rowCount ?? 0) === 0) return;
        await client.query("DELETE FROM subscriptions WHERE platform = $1 AND chat_id = $2 AND thread_id = 0", [
          platform,
          to,
        ]);
        await client.query(
          "UPDATE subscriptions SET chat_id = $1, chat_type = $2, updated_at = $3 WHERE platform = $4 AND chat_id = $5",
          [to, chatType, now, platform, from],
        );
      }),
    async listActive(platform) {
      const { rows } =
        platform === undefined
          ? await pool.query<SubscriptionRow>("SELECT * FROM subscriptions WHERE active = 1 ORDER BY id")
          : await pool.query<SubscriptionRow>(
              "SELECT * FROM subscriptions WHERE active = 1 AND platform = $1 ORDER BY id",
              [platform],
            );
      return rows.map(subscriptionOf);
    },
  };
}
