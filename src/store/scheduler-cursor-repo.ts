import type { Db } from "./database.js";

/** The scheduler's last completed tick per job, so slots passed during downtime are found on restart. */
export interface SchedulerCursor {
  read(name: string): number | undefined;
  write(name: string, value: number): void;
}

/** The cursor's statements, for both dialects (`?` placeholders): rows of the kv table under `cursor:<name>`. */
export const CURSOR_SQL = {
  read: "SELECT value FROM kv WHERE key = ?",
  write: "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
} as const;

export const cursorKey = (name: string): string => `cursor:${name}`;

/** Cursors in the kv table. */
export function createSqliteSchedulerCursor(db: Db): SchedulerCursor {
  const read = db.prepare<[string], { value: string }>(CURSOR_SQL.read);
  const write = db.prepare(CURSOR_SQL.write);
  return {
    read(name) {
      const row = read.get(cursorKey(name));
      return row === undefined ? undefined : Number(row.value);
    },
    write: (name, value) => void write.run(cursorKey(name), String(value)),
  };
}
