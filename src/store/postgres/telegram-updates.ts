import type pg from "pg";
import type { Port } from "../port.js";
import { pruneSchedule, TELEGRAM_UPDATES_SQL, type TelegramUpdateLog } from "../telegram-updates-repo.js";
import { numbered } from "./placeholders.js";

/**
 * The Telegram update log on PostgreSQL, shared by the replicas behind one webhook: the insert's
 * ON CONFLICT lets exactly one of two replicas handed the same update at once see it first.
 */
export function createPostgresTelegramUpdateLog(pool: pg.Pool): Port<TelegramUpdateLog> {
  const insert = numbered(TELEGRAM_UPDATES_SQL.insert);
  const prune = numbered(TELEGRAM_UPDATES_SQL.prune);
  const pruneDue = pruneSchedule();
  return {
    async firstSeen(updateId, now) {
      const fresh = ((await pool.query(insert, [updateId, now])).rowCount ?? 0) > 0;
      const before = fresh ? pruneDue(now) : undefined;
      if (before !== undefined) await pool.query(prune, [before]);
      return fresh;
    },
  };
}
