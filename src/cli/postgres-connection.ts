import pg from "pg";
import { StoreError } from "../store/database.js";
import { migratePostgres, useNumbersForInt8 } from "../store/postgres/index.js";
import { CommandError } from "./context.js";

/** A PostgreSQL URL as it may be printed: the password replaced. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== "") parsed.password = "***";
  return parsed.toString();
}

/** A refused or failed connection, as one line the user can act on. */
export const cannotConnect = (url: string, cause: unknown): CommandError =>
  new CommandError(`cannot connect to ${redactUrl(url)}: ${(cause as Error).message}`);

/** A failure of the database while a command ran, as one line; anything else is passed on. */
export function asCommandError(url: string, cause: unknown): unknown {
  return cause instanceof StoreError || cause instanceof pg.DatabaseError
    ? new CommandError(`${redactUrl(url)}: ${(cause as Error).message}`)
    : cause;
}

/**
 * A pool on `url` for a command, the database migrated first (under the advisory lock, so
 * commands and replicas starting together migrate once). End it when done.
 */
export async function openPostgresPool(url: string, max = 4): Promise<pg.Pool> {
  useNumbersForInt8();
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's error (the server restarting) is reported by the next query; unhandled here it would crash.
  pool.on("error", () => undefined);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw cannotConnect(url, cause);
  }
  try {
    await migratePostgres(client);
  } catch (cause) {
    client.release();
    await pool.end().catch(() => undefined);
    throw asCommandError(url, cause);
  }
  client.release();
  return pool;
}
