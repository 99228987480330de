import type pg from "pg";
import { type NewsStores, sqliteNewsStores } from "../pipeline/news-pipeline.js";
import { openDatabase } from "../store/database.js";
import { createSqliteDigestSource, type DigestSource } from "../store/digest-repo.js";
import { type Port, portOf } from "../store/port.js";
import { AdvisoryLockKey, BANTIN_LOCK_CLASS } from "../store/postgres/advisory-locks.js";
import { createPostgresDigestSource } from "../store/postgres/digest-source.js";
import { createPostgresEventStore } from "../store/postgres/event-store.js";
import { createPostgresIngestStore } from "../store/postgres/ingest-store.js";
import { createPostgresSourceStore } from "../store/postgres/source-store.js";
import { createSqliteSourceStore, type SourceStore } from "../store/sources-repo.js";
import type { CliContext } from "./context.js";
import { asCommandError, openPostgresPool } from "./postgres-connection.js";

/** What `ingest`, `digest` and `sources` read and write, on whichever store the command runs on. */
export interface NewsStore extends NewsStores {
  readonly digest: Port<DigestSource>;
  readonly sources: Port<SourceStore>;
  /**
   * Run `work` unless a bot is active on this database (PostgreSQL: another process holds the
   * leader lock), holding the lock meanwhile; undefined when one is. Analysis must run in one
   * process at a time: two clusterers would give the same reports different events.
   */
  asTheOnlyAnalyst<T>(work: () => Promise<T>): Promise<T | undefined>;
  /** A database failure while the command ran, as a clear one-line error (others pass unchanged). */
  readonly failure: (cause: unknown) => unknown;
  close(): Promise<void>;
}

function postgresNewsStore(pool: pg.Pool, url: string): NewsStore {
  return {
    ingest: createPostgresIngestStore(pool),
    events: createPostgresEventStore(pool),
    digest: createPostgresDigestSource(pool),
    sources: createPostgresSourceStore(pool),
    failure: (cause) => asCommandError(url, cause),
    async asTheOnlyAnalyst(work) {
      const client = await pool.connect();
      try {
        const key = [BANTIN_LOCK_CLASS, AdvisoryLockKey.leader];
        const { rows } = await client.query<{ held: boolean }>(
          "SELECT pg_try_advisory_lock($1::int, $2::int) AS held",
          key,
        );
        if (rows[0]?.held !== true) return undefined;
        try {
          return await work();
        } finally {
          await client.query("SELECT pg_advisory_unlock($1::int, $2::int)", key);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * The store a news command runs on: `--db FILE` when given, else PostgreSQL when
 * BANTIN_DATABASE_URL is set (migrated first, as `db migrate` would), else BANTIN_DB. So
 * `ingest --once` and `digest` on a replica's host read and write what the replicas share.
 */
export async function openNewsStore(ctx: CliContext, explicitDb?: string): Promise<NewsStore> {
  const url = ctx.env().BANTIN_DATABASE_URL;
  if (explicitDb === undefined && url !== undefined) return postgresNewsStore(await openPostgresPool(url), url);
  const db = openDatabase(explicitDb ?? ctx.env().BANTIN_DB);
  return {
    ...sqliteNewsStores(db),
    digest: portOf(createSqliteDigestSource(db)),
    sources: portOf(createSqliteSourceStore(db)),
    failure: (cause) => cause,
    // SQLite's file is one process's: `start` refuses a second process on it anyway.
    asTheOnlyAnalyst: (work) => work(),
    close: async () => {
      db.close();
    },
  };
}
