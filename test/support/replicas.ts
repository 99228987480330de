import type pg from "pg";
import { AdvisoryLockKey, BANTIN_LOCK_CLASS } from "../../src/store/postgres/index.js";
import { type BantinProcess, spawnBantin } from "./bantin-process.js";

/**
 * `count` `bantin start` replicas on one PostgreSQL, all relaying the shared outbox as standbys
 * before any is active: the test holds the leader lock until every one says so, then lets go.
 * Resolves with the replicas once one of them is active.
 */
export async function startStandbyReplicas(
  pool: pg.Pool,
  env: Record<string, string>,
  count: number,
): Promise<BantinProcess[]> {
  const holder = await pool.connect();
  try {
    await holder.query("SELECT pg_advisory_lock($1::int, $2::int)", [BANTIN_LOCK_CLASS, AdvisoryLockKey.leader]);
    const replicas = Array.from({ length: count }, () => spawnBantin(env));
    await Promise.all(replicas.map((p) => p.said("standby: delivering the shared outbox meanwhile")));
    holder.release(true);
    await Promise.race(replicas.map((p) => p.said("active on PostgreSQL")));
    return replicas;
  } catch (error) {
    holder.release(true);
    throw error;
  }
}

/** How many parts a replica's relay reports sending, over all its "outbox drained" lines. */
export const partsSentBy = (replica: BantinProcess): number =>
  replica
    .output()
    .split("\n")
    .filter((line) => line.includes("outbox drained"))
    .reduce((n, line) => n + Number(/"sent":(\d+)/.exec(line)?.[1] ?? 0), 0);

/** The replicas whose output says they became active, in no particular order. */
export const activeReplicas = (replicas: readonly BantinProcess[]): BantinProcess[] =>
  replicas.filter((p) => p.output().includes("active on PostgreSQL"));
