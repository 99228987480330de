import pg from "pg";
import { StoreError } from "../store/database.js";
import { ConnectError, openMigratedPool, redactUrl } from "../store/postgres/pool.js";
import { CommandError } from "./context.js";

export { redactUrl } from "../store/postgres/pool.js";

/** A refused or failed connection, as one line the user can act on. */
export const cannotConnect = (url: string, cause: unknown): CommandError =>
  new CommandError(new ConnectError(url, cause).message);

/** A failure of the database while a command ran, as one line; anything else is passed on. */
export function asCommandError(url: string, cause: unknown): unknown {
  if (cause instanceof ConnectError) return new CommandError(cause.message);
  return cause instanceof StoreError || cause instanceof pg.DatabaseError
    ? new CommandError(`${redactUrl(url)}: ${(cause as Error).message}`)
    : cause;
}

/** A pool on `url` for a command, the database migrated first (see openMigratedPool). End it when done. */
export async function openPostgresPool(url: string, max = 4): Promise<pg.Pool> {
  try {
    return await openMigratedPool(url, max);
  } catch (cause) {
    throw asCommandError(url, cause);
  }
}
