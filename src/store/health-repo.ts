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

export function createSqliteHealthRepo(db: Db): HealthRepo {
  const ping = db.prepare("SELECT 1 AS ok");
  const lastSuccess = db.prepare(LAST_INGEST_SQL);
  const itemsBySource = db.prepare("SELECT source_id AS sourceId, COUNT(*) AS items FROM items GROUP BY source_id");
  const sources = db.prepare(
    `SELECT id AS sourceId, consecutive_failures AS consecutiveFailures, last_status AS lastStatus,
            last_success_at AS lastSuccessAt FROM sources ORDER BY id`,
  );
  const events = db.prepare("SELECT COUNT(*) AS n FROM events");
  const deliveries = db.prepare(
    "SELECT platform, state, COUNT(*) AS count FROM deliveries GROUP BY platform, state ORDER BY platform, state",
  );
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
