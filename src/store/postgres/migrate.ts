import type { ClientBase } from "pg";
import { StoreError } from "../database.js";
import type { Migration } from "../migrations.js";
import { AdvisoryLockKey, BANTIN_LOCK_CLASS } from "./advisory-locks.js";
import { bundledPostgresMigrations } from "./migrations.js";

/**
 * The versions a PostgreSQL store has seen, one row per migration applied (SQLite keeps only
 * the number, in user_version). The runner's bookkeeping, not part of the schema it migrates.
 */
const CREATE_VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at bigint NOT NULL
)`;

const LOCK = "SELECT pg_advisory_lock($1::int, $2::int)";
const UNLOCK = "SELECT pg_advisory_unlock($1::int, $2::int)";
const LOCK_KEY = [BANTIN_LOCK_CLASS, AdvisoryLockKey.migrate];

export interface PostgresMigrateOptions {
  readonly migrations?: readonly Migration[];
  /** The clock for `schema_version.applied_at` (epoch ms). */
  readonly now?: () => number;
}

/** The schema version the database is at: 0 when Bantin never migrated it. */
export async function postgresSchemaVersion(client: ClientBase): Promise<number> {
  const present = await client.query<{ present: boolean }>(
    "SELECT to_regclass('schema_version') IS NOT NULL AS present",
  );
  if (present.rows[0]?.present !== true) return 0;
  const { rows } = await client.query<{ version: number }>(
    "SELECT coalesce(max(version), 0) AS version FROM schema_version",
  );
  return rows[0]?.version ?? 0;
}

/**
 * Apply the migrations the database has not seen, each in its own transaction with its row in
 * `schema_version`, so a failure leaves it at one version or the next, never between. All of
 * it runs under a session advisory lock: replicas starting together wait for the first, then
 * find nothing left to do. The lock belongs to `client`'s session, so pass one connection (a
 * `pg.Client`, or one checked out of a pool) and keep it for the call; if the process dies,
 * the server drops the session and its lock. Returns the versions applied.
 */
export async function migratePostgres(client: ClientBase, options: PostgresMigrateOptions = {}): Promise<number[]> {
  const migrations = options.migrations ?? bundledPostgresMigrations();
  const now = options.now ?? Date.now;
  await client.query(LOCK, LOCK_KEY);
  try {
    await client.query(CREATE_VERSION_TABLE);
    const current = await postgresSchemaVersion(client);
    const label = await describeDatabase(client);
    refuseNewer(label, current, migrations.at(-1)?.version ?? 0);
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await applyOne(client, m, label, now());
      applied.push(m.version);
    }
    return applied;
  } finally {
    // A failed unlock means the session is gone, and the server frees a gone session's locks.
    await client.query(UNLOCK, LOCK_KEY).catch(() => undefined);
  }
}

async function applyOne(client: ClientBase, m: Migration, label: string, at: number): Promise<void> {
  try {
    await client.query("BEGIN");
    await client.query(m.sql);
    await client.query("INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)", [
      m.version,
      m.name,
      at,
    ]);
    await client.query("COMMIT");
  } catch (cause) {
    await client.query("ROLLBACK").catch(() => undefined);
    const id = `${String(m.version).padStart(3, "0")}-${m.name}`;
    throw new StoreError(
      `migration ${id} could not be applied to ${label}: ${(cause as Error).message}. ` +
        "It was rolled back: the database stays at the version before it.",
      { cause },
    );
  }
}

function refuseNewer(label: string, current: number, latest: number): void {
  if (current <= latest) return;
  throw new StoreError(
    `${label} has schema version ${current}, newer than this Bantin knows (${latest}). ` +
      "It was written by a newer version: upgrade Bantin, or point BANTIN_DATABASE_URL at another database. " +
      "The database was not changed.",
  );
}

/** Names the database without the connection string, which may hold a password. */
async function describeDatabase(client: ClientBase): Promise<string> {
  const { rows } = await client.query<{ name: string }>("SELECT current_database() AS name");
  return `PostgreSQL database "${rows[0]?.name ?? "?"}"`;
}
