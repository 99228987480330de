import type { Db } from "./database.js";

/** Telegram's redelivery window is hours, not days: a day of ids is plenty. */
const KEEP_MS = 24 * 3600_000;
const PRUNE_EVERY = 500;

/** Which Telegram updates were handled already (migration 011). */
export interface TelegramUpdateLog {
  /** True the first time an update id is seen, false for a redelivery; records it. */
  firstSeen(updateId: number, now: number): boolean;
}

export function createSqliteTelegramUpdateLog(db: Db): TelegramUpdateLog {
  const insert = db.prepare(
    "INSERT INTO telegram_updates (update_id, handled_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
  );
  const prune = db.prepare("DELETE FROM telegram_updates WHERE handled_at < ?");
  let seen = 0;
  return {
    firstSeen(updateId, now) {
      const fresh = insert.run(updateId, now).changes > 0;
      if (fresh && ++seen % PRUNE_EVERY === 0) prune.run(now - KEEP_MS);
      return fresh;
    },
  };
}
