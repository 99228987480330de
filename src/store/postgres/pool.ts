import pg from "pg";
import { StoreError } from "../database.js";
import { useNumbersForInt8 } from "./int8.js";
import { migratePostgres } from "./migrate.js";

/** A PostgreSQL URL as it may be printed or logged: the password replaced. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== "") parsed.password = "***";
  return parsed.toString();
}

/** A refused or failed connection (a StoreError the caller shows as one line). */
export class ConnectError extends StoreError {
  constructor(url: string, cause: unknown) {
    super(`cannot connect to ${redactUrl(url)}: ${(cause as Error).message}`);
  }
}

/**
 * A pool on `url`, the database migrated first (under the advisory lock, so processes starting
 * together migrate once). End it when done.
 */
export async function openMigratedPool(url: string, max = 4): Promise<pg.Pool> {
  useNumbersForInt8();
  // Bounded waits: during a network partition a query must fail (and the job retry later)
  // rather than hang a tick, a shutdown or a handover for as long as TCP takes to give up.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 10_000,
    query_timeout: 60_000,
    keepAlive: true,
  });
  // An idle client's error (the server restarting) is reported by the next query; unhandled here it would crash.
  pool.on("error", () => undefined);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new ConnectError(url, cause);
  }
  try {
    await migratePostgres(client);
  } catch (cause) {
    client.release();
    await pool.end().catch(() => undefined);
    throw cause;
  }
  client.release();
  return pool;
}
