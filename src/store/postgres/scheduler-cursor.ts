import type pg from "pg";
import type { Port } from "../port.js";
import { CURSOR_SQL, cursorKey, type SchedulerCursor } from "../scheduler-cursor-repo.js";
import { numbered } from "./placeholders.js";

/**
 * The scheduler's cursors on PostgreSQL (the kv table, as on SQLite). Only the leader ticks, so
 * one writer moves them; a new leader reads where the last one got.
 */
export function createPostgresSchedulerCursor(pool: pg.Pool): Port<SchedulerCursor> {
  return {
    async read(name) {
      const { rows } = await pool.query<{ value: string }>(numbered(CURSOR_SQL.read), [cursorKey(name)]);
      return rows[0] === undefined ? undefined : Number(rows[0].value);
    },
    async write(name, value) {
      await pool.query(numbered(CURSOR_SQL.write), [cursorKey(name), String(value)]);
    },
  };
}
