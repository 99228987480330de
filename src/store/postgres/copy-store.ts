import type pg from "pg";
import type { Db } from "../database.js";
import { StoreError } from "../database.js";

/** Tables whose rows are only this moment's pacing (send budget), not the store's content. */
const NOT_COPIED: ReadonlySet<string> = new Set(["send_slots", "send_next"]);
const BATCH = 500;

export interface CopyReport {
  /** Rows copied per table, in the order copied. */
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
}

/** Bantin's tables in the order their foreign keys allow: every referenced table before its referrers. */
function tablesInOrder(db: Db): string[] {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((t) => t.name)
    .filter((t) => !NOT_COPIED.has(t));
  const refs = new Map(
    tables.map((t) => [
      t,
      db
        .prepare<[], { table: string }>(`SELECT "table" FROM pragma_foreign_key_list('${t}')`)
        .all()
        .map((r) => r.table)
        .filter((r) => r !== t),
    ]),
  );
  const ordered: string[] = [];
  const visit = (t: string, path: readonly string[]) => {
    if (ordered.includes(t)) return;
    if (path.includes(t)) throw new StoreError(`foreign keys loop through ${[...path, t].join(" → ")}`);
    for (const r of refs.get(t) ?? []) visit(r, [...path, t]);
    ordered.push(t);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}

/** How the target's rows stand: the first table holding any, or undefined when all are empty. */
async function firstNonEmpty(client: pg.ClientBase, tables: readonly string[]) {
  for (const table of tables) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    const n = rows[0]?.n ?? 0;
    if (n > 0) return { table, n };
  }
  return undefined;
}

/**
 * Copies every row of a SQLite store into an empty, migrated PostgreSQL one, in one
 * transaction: a failure leaves the target as empty as it was. Refuses a target holding any
 * row, naming the table. Identity sequences continue after the copied ids, so new rows do not
 * collide with them. The SQLite store must be at the same schema version as the target.
 */
export async function copySqliteToPostgres(source: Db, target: pg.ClientBase): Promise<CopyReport> {
  const tables = tablesInOrder(source);
  const occupied = await firstNonEmpty(target, tables);
  if (occupied !== undefined) {
    throw new StoreError(
      `the target database is not empty (${occupied.table} has ${occupied.n} rows): db copy needs an empty database`,
    );
  }
  const copied: { table: string; rows: number }[] = [];
  await target.query("BEGIN");
  try {
    for (const table of tables) copied.push({ table, rows: await copyTable(source, target, table) });
    await target.query("COMMIT");
  } catch (error) {
    await target.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return { tables: copied };
}

async function copyTable(source: Db, target: pg.ClientBase, table: string): Promise<number> {
  const columns = source
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((c) => c.name);
  const list = columns.map((c) => `"${c}"`).join(", ");
  const hasId = columns.includes("id");
  // Rows in id order: a row referring to another of its table (an edit to its delivery) comes after it.
  const read = source.prepare(`SELECT ${list} FROM ${table}${hasId ? " ORDER BY id" : ""}`).raw();
  let batch: unknown[][] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch
      .map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`)
      .join(", ");
    await target.query(`INSERT INTO ${table} (${list}) VALUES ${values}`, batch.flat());
    count += batch.length;
    batch = [];
  };
  for (const row of read.iterate() as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (hasId && count > 0) {
    const { rows } = await target.query<{ identity: boolean }>(
      "SELECT is_identity = 'YES' AS identity FROM information_schema.columns WHERE table_name = $1 AND column_name = 'id'",
      [table],
    );
    if (rows[0]?.identity === true)
      await target.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
  return count;
}
