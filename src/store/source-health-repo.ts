import type { Db } from "./database.js";

/** A source's fetch health, as /sources shows it. */
export interface SourceHealth {
  readonly id: string;
  readonly name: string;
  readonly lang: "vi" | "en";
  readonly consecutiveFailures: number;
  readonly pausedUntil: number | null;
  readonly lastStatus: string | null;
  readonly lastError: string | null;
  readonly lastSuccessAt: number | null;
}

/** Every source's fetch health (for /sources) and the newest successful fetch (for /status, /healthz). */
export interface SourceHealthRepo {
  all(): SourceHealth[];
  /** The most recent successful fetch of any source, or null before the first ingest. */
  lastIngestAt(): number | null;
}

/** The newest successful fetch of any source: the one definition of "last ingest". */
export const LAST_INGEST_SQL = "SELECT MAX(last_success_at) AS at FROM sources";

/**
 * Every source's health, for both dialects, without its order: /sources lists by name ignoring
 * ASCII case, which each dialect says its own way. Aliases are quoted, as PostgreSQL folds them.
 */
export const SOURCE_HEALTH_SQL = `SELECT id, name, lang, consecutive_failures AS "consecutiveFailures",
            paused_until AS "pausedUntil", last_status AS "lastStatus", last_error AS "lastError",
            last_success_at AS "lastSuccessAt"
       FROM sources`;

export function createSqliteSourceHealthRepo(db: Db): SourceHealthRepo {
  const health = db.prepare<[], SourceHealth>(`${SOURCE_HEALTH_SQL} ORDER BY name COLLATE NOCASE, id`);
  const lastIngest = db.prepare<[], { at: number | null }>(LAST_INGEST_SQL);
  return {
    all: () => health.all(),
    lastIngestAt: () => lastIngest.get()?.at ?? null,
  };
}
