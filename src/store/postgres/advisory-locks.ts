/**
 * PostgreSQL advisory locks are keyed by numbers shared by everything on one database server.
 * Bantin takes the two-int form `pg_advisory_lock(BANTIN_LOCK_CLASS, key)`, whose key space
 * does not overlap the single-bigint form other tools tend to use; each lock Bantin takes has
 * its key here, so two never share one by accident.
 */
export const BANTIN_LOCK_CLASS = 0x42544e; // "BTN"

export const AdvisoryLockKey = {
  /** Held while migrating, so replicas starting together migrate once. */
  migrate: 1,
  /** Held by the one replica that runs ingest, analysis, alerts and the briefing tick. */
  leader: 2,
} as const satisfies Record<string, number>;
