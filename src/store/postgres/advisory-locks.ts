/**
 * PostgreSQL advisory locks are keyed by numbers shared by everything on one database server.
 * Bantin takes the two-int form `pg_advisory_lock(BANTIN_LOCK_CLASS, key)`, whose key space
 * does not overlap the single-bigint form other tools tend to use; each lock Bantin takes has
 * its key here, so two never share one by accident.
 */
export const BANTIN_LOCK_CLASS = 0x42544e; // "BTN"

/**
 * The class of the locks by which replicas show they are alive: each holds, in a session it
 * keeps open, the lock keyed by its worker id's hash (`presenceKeySql`). A row a worker claimed
 * is another's to take as soon as that lock is gone (the worker's session ended: it died).
 */
export const BANTIN_PRESENCE_CLASS = 0x425450; // "BTP"

/** The class of the locks by which replicas claim Discord gateway shards: key = the shard id. */
export const BANTIN_SHARD_CLASS = 0x425348; // "BSH"

/** The presence lock's key for a worker id, in SQL: a non-negative int, as pg_locks shows it. */
export const presenceKeySql = (workerIdSql: string): string => `(hashtext(${workerIdSql}) & 2147483647)`;

export const AdvisoryLockKey = {
  /** Held while migrating, so replicas starting together migrate once. */
  migrate: 1,
  /** Held by the one replica that runs ingest, analysis, alerts and the briefing tick. */
  leader: 2,
} as const satisfies Record<string, number>;
