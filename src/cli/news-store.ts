import type pg from "pg";
import { type NewsStores, sqliteNewsStores } from "../pipeline/news-pipeline.js";
import { openDatabase } from "../store/database.js";
import { createSqliteDigestSource, type DigestSource } from "../store/digest-repo.js";
import { type Port, portOf } from "../store/port.js";
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
    close: async () => {
      db.close();
    },
  };
}
