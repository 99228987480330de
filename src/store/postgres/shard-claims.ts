import type pg from "pg";
import type { Logger } from "../../domain/index.js";
import { BANTIN_PRESENCE_CLASS, BANTIN_SHARD_CLASS } from "./advisory-locks.js";
import { lockSession } from "./lock-session.js";

export interface ShardClaimOptions {
  readonly url: string;
  /** DISCORD_SHARDS: shard ids 0 … count − 1. */
  readonly count: number;
  readonly logger: Logger;
  /**
   * This replica now holds shard `id`: connect it. A rejection gives the shard back, to be tried
   * again after a wait that doubles with each failure in a row (up to five minutes).
   */
  onClaim(id: number): Promise<void>;
  /** This replica no longer holds shard `id` (given back, or its session is gone): disconnect it. */
  onRelease(id: number): Promise<void>;
  readonly pollMs?: number;
}

export interface ShardClaims {
  /** The shard ids this replica holds now. */
  held(): number[];
  /** Gives every shard back and closes the session. */
  stop(): Promise<void>;
}

/** Live replicas: the presence locks held on this database (one per replica's leader session). */
const LIVE_REPLICAS = `SELECT count(*)::int AS n FROM pg_locks
  WHERE locktype = 'advisory' AND classid = ${BANTIN_PRESENCE_CLASS}::oid AND objsubid = 2 AND granted`;
const TRY_LOCK = "SELECT pg_try_advisory_lock($1::int, $2::int) AS held";
const UNLOCK = "SELECT pg_advisory_unlock($1::int, $2::int)";
/** However long a shard keeps failing to connect, it is tried again at least this often. */
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Discord's gateway shards, spread over the replicas by advisory locks: each replica holds its
 * fair share (the shard count over the live replicas, rounded up) in a session of its own. A
 * replica that dies frees its shards with its session and the others take them at their next
 * poll; one that joins gets shards as the others give back what is over their share. Claims and
 * releases are made one at a time, in order, so a shard is never connected twice by one replica.
 */
export function startShardClaims(options: ShardClaimOptions): ShardClaims {
  const pollMs = options.pollMs ?? 3_000;
  const held = new Set<number>();
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let failures = 0;
  let retryAt = 0;

  const release = async (id: number) => {
    held.delete(id);
    await options
      .onRelease(id)
      .catch((error: unknown) => options.logger.warn({ err: error, shard: id }, "shard: disconnect failed"));
  };
  const releaseAll = async () => {
    for (const id of [...held]) await release(id);
  };
  const dropSession = async (failed: pg.Client | undefined) => {
    if (failed === undefined || failed !== client) return;
    client = undefined;
    void failed.end().catch(() => undefined);
    // The server frees the locks with the session: another replica may hold them by now.
    await releaseAll();
  };
  const claimUpToShare = async (session: pg.Client) => {
    const { rows } = await session.query<{ n: number }>(LIVE_REPLICAS);
    const share = Math.ceil(options.count / Math.max(1, rows[0]?.n ?? 1));
    // Over the share (a replica joined): the highest ids go back, one per poll, for it to take.
    if (held.size > share) {
      const id = Math.max(...held);
      await session.query(UNLOCK, [BANTIN_SHARD_CLASS, id]);
      await release(id);
      options.logger.info({ shard: id, share }, "discord shard given back to another replica");
      return;
    }
    if (Date.now() < retryAt) return;
    for (let id = 0; id < options.count && held.size < share && !stopped; id++) {
      if (held.has(id)) continue;
      const taken = await session.query<{ held: boolean }>(TRY_LOCK, [BANTIN_SHARD_CLASS, id]);
      if (taken.rows[0]?.held !== true) continue;
      held.add(id);
      try {
        await options.onClaim(id);
        failures = 0;
      } catch (error) {
        held.delete(id);
        await session.query(UNLOCK, [BANTIN_SHARD_CLASS, id]);
        // A refused token or a Discord outage fails again at once: try less and less often.
        failures++;
        const retryInMs = Math.min(MAX_RETRY_MS, pollMs * 2 ** failures);
        retryAt = Date.now() + retryInMs;
        options.logger.warn({ err: error, shard: id, retryInMs }, "discord shard could not connect; giving it back");
        return;
      }
    }
  };
  const tick = async () => {
    let session = client;
    try {
      if (session === undefined) {
        const fresh: pg.Client = lockSession(options.url, pollMs, () => void dropSession(fresh));
        await fresh.connect();
        client = fresh;
        session = fresh;
      }
      await claimUpToShare(session);
    } catch (error) {
      options.logger.warn({ err: error }, "discord shards: database session failed");
      await dropSession(session);
    }
  };
  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  loop();
  return {
    held: () => [...held].sort((a, b) => a - b),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      const old = client;
      client = undefined;
      await releaseAll();
      await old?.end().catch(() => undefined);
    },
  };
}
