import type { Db } from "./database.js";
import { LAST_INGEST_SQL } from "./source-health-repo.js";

/** One source's fetch state as operators watch it. */
export interface SourceHealthRow {
  readonly sourceId: string;
  readonly consecutiveFailures: number;
  readonly lastStatus: string | null;
  readonly lastSuccessAt: number | null;
}

/** What the store holds right now, for `/metrics`; read in one transaction so the figures agree. */
export interface StoreStatistics {
  readonly itemsBySource: readonly { readonly sourceId: string; readonly items: number }[];
  readonly sources: readonly SourceHealthRow[];
  readonly events: number;
  readonly deliveries: readonly { readonly platform: string; readonly state: string; readonly count: number }[];
}

/** The read-only queries behind `/healthz` and `/metrics`. Every method throws when the database is unusable. */
export interface HealthRepo {
  /** `SELECT 1`: the connection is open and answers. */
  ping(): void;
  /** The newest successful fetch of any source (epoch ms), or null when none ever succeeded. */
  lastIngestSuccessAt(): number | null;
  statistics(): StoreStatistics;
}

/**
 * The health queries, for both dialects. The listing ones carry no ORDER BY: each store adds its
 * own, PostgreSQL's in byte order as SQLite's. Aliases are quoted, as PostgreSQL folds them to
 * lower case.
 */
export const HEALTH_SQL = {
  ping: "SELECT 1 AS ok",
  lastSuccess: LAST_INGEST_SQL,
  itemsBySource: `SELECT source_id AS "sourceId", COUNT(*) AS items FROM items GROUP BY source_id`,
  sources: `SELECT id AS "sourceId", consecutive_failures AS "consecutiveFailures", last_status AS "lastStatus",
            last_success_at AS "lastSuccessAt" FROM sources`,
  events: "SELECT COUNT(*) AS n FROM events",
  deliveries: "SELECT platform, state, COUNT(*) AS count FROM deliveries GROUP BY platform, state",
} as const;

export function createSqliteHealthRepo(db: Db): HealthRepo {
  const ping = db.prepare(HEALTH_SQL.ping);
  const lastSuccess = db.prepare(HEALTH_SQL.lastSuccess);
  const itemsBySource = db.prepare(HEALTH_SQL.itemsBySource);
  const sources = db.prepare(`${HEALTH_SQL.sources} ORDER BY id`);
  const events = db.prepare(HEALTH_SQL.events);
  const deliveries = db.prepare(`${HEALTH_SQL.deliveries} ORDER BY platform, state`);
  const readStatistics = db.transaction(
    (): StoreStatistics => ({
      itemsBySource: itemsBySource.all() as StoreStatistics["itemsBySource"],
      sources: sources.all() as SourceHealthRow[],
      events: (events.get() as { n: number }).n,
      deliveries: deliveries.all() as StoreStatistics["deliveries"],
    }),
  );
  return {
    ping: () => {
      ping.get();
    },
    lastIngestSuccessAt: () => (lastSuccess.get() as { at: number | null }).at,
    statistics: () => readStatistics(),
  };
}
