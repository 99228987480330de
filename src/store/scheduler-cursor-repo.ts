import type { Db } from "./database.js";

/** The scheduler's last completed tick per job, so slots passed during downtime are found on restart. */
export interface SchedulerCursor {
  read(name: string): number | undefined;
  write(name: string, value: number): void;
}

/** Cursors in the kv table, under `cursor:<name>`. */
export function createSqliteSchedulerCursor(db: Db): SchedulerCursor {
  const read = db.prepare<[string], { value: string }>("SELECT value FROM kv WHERE key = ?");
  const write = db.prepare(
    "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  return {
    read(name) {
      const row = read.get(`cursor:${name}`);
      return row === undefined ? undefined : Number(row.value);
    },
    write: (name, value) => void write.run(`cursor:${name}`, String(value)),
  };
}
