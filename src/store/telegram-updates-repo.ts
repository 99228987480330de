import type { Db } from "./database.js";

/** Telegram's redelivery window is hours, not days: a day of ids is plenty. */
const KEEP_MS = 24 * 3600_000;
const PRUNE_EVERY = 500;

/** Which Telegram updates were handled already (migration 011). */
export interface TelegramUpdateLog {
  /** True the first time an update id is seen, false for a redelivery; records it. */
  firstSeen(updateId: number, now: number): boolean;
}

/** The log's statements, for both dialects (`?` placeholders; ON CONFLICT DO NOTHING is standard). */
export const TELEGRAM_UPDATES_SQL = {
  insert: "INSERT INTO telegram_updates (update_id, handled_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
  prune: "DELETE FROM telegram_updates WHERE handled_at < ?",
} as const;

/**
 * When a log prunes: on every PRUNE_EVERY-th update it saw first, counted per log (each replica
 * counts its own), rows older than a day at `now` go. Returns the cut-off, or undefined.
 */
export function pruneSchedule(): (now: number) => number | undefined {
  let seen = 0;
  return (now) => (++seen % PRUNE_EVERY === 0 ? now - KEEP_MS : undefined);
}

export function createSqliteTelegramUpdateLog(db: Db): TelegramUpdateLog {
  const insert = db.prepare(TELEGRAM_UPDATES_SQL.insert);
  const prune = db.prepare(TELEGRAM_UPDATES_SQL.prune);
  const pruneDue = pruneSchedule();
  return {
    firstSeen(updateId, now) {
      const fresh = insert.run(updateId, now).changes > 0;
      const before = fresh ? pruneDue(now) : undefined;
      if (before !== undefined) prune.run(before);
      return fresh;
    },
  };
}
