import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { bundledMigrations, type Migration } from "./migrations.js";

export type Db = Database.Database;

/** The store cannot be opened as asked; the message says why and what to do. */
export class StoreError extends Error {
  override readonly name = "StoreError";
}

export interface OpenOptions {
  readonly migrations?: readonly Migration[];
  readonly readonly?: boolean;
}

/**
 * Open (creating if needed) the SQLite store: WAL, foreign keys, a busy timeout so a
 * concurrent writer waits instead of failing, and every pending migration applied.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ":memory:") {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (cause) {
      throw new StoreError(`cannot create the folder for the database ${path}: ${(cause as Error).message}`, { cause });
    }
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (cause) {
    throw new StoreError(`cannot open the database ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    db.pragma("busy_timeout = 5000");
    if (!options.readonly) {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
    }
    db.pragma("foreign_keys = ON");
    migrate(db, options.migrations ?? bundledMigrations(), path);
  } catch (cause) {
    db.close();
    if (cause instanceof StoreError) throw cause;
    throw new StoreError(`cannot use the database ${path}: ${(cause as Error).message}`, { cause });
  }
  return db;
}

/** The schema version the file is at (SQLite's user_version). */
export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Apply the migrations the file has not seen, each in its own transaction with the version
 * bump, so a crash leaves the file at one version or the next, never between.
 * Returns the versions applied.
 */
export function migrate(db: Db, migrations: readonly Migration[], path = "the database"): number[] {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      `${path} has schema version ${current}, newer than this Bantin knows (${latest}). ` +
        "It was written by a newer version: upgrade Bantin, or point BANTIN_DB at another file. The file was not changed.",
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
