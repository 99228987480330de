import type pg from "pg";
import type { Logger } from "../../domain/index.js";
import { AdvisoryLockKey, BANTIN_LOCK_CLASS, BANTIN_PRESENCE_CLASS, presenceKeySql } from "./advisory-locks.js";
import { lockSession } from "./lock-session.js";

export interface Leadership {
  /** Whether this process holds the leader lock right now. */
  isLeader(): boolean;
  /** Resolves once this process is the leader (at once if it is). */
  whenLeader(): Promise<void>;
  /** Gives the lock up (the session ends) and stops trying. */
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  readonly url: string;
  /** How often a follower tries the lock, and a leader checks its session is alive. */
  readonly pollMs?: number;
  readonly logger: Logger;
  /**
   * This process's worker id: its session also holds the worker's presence lock, so the rows it
   * claimed are taken again at once when it dies (see BANTIN_PRESENCE_CLASS).
   */
  readonly workerId?: string;
  /** Told on every change: true on taking the lead, false on losing it. */
  readonly onChange?: (leader: boolean) => void;
}

const TRY_LOCK = "SELECT pg_try_advisory_lock($1::int, $2::int) AS held";

/**
 * The one replica that runs what must run once (ingest, analysis with its in-memory clusterer,
 * alerts, the briefing tick): whoever holds a session-level advisory lock. The lock lives in
 * the holder's database session, so a holder that dies (SIGKILL, a lost host) frees it as soon
 * as the server sees the connection gone, and the next follower to try takes it. A leader whose
 * session fails stops leading at once, before it could know whether another took over.
 */
export function startLeadership(options: LeadershipOptions): Leadership {
  const pollMs = options.pollMs ?? 1_000;
  let client: pg.Client | undefined;
  let leader = false;
  let stopped = false;
  let waiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;

  const setLeader = (value: boolean) => {
    if (value === leader) return;
    leader = value;
    options.logger.info({ leader }, leader ? "took the leader lock" : "lost the leader lock");
    options.onChange?.(value);
    if (value) for (const wake of waiters.splice(0)) wake();
  };
  // Only the session that failed is dropped: an old client's late error must not end a new one.
  const dropSession = (failed: pg.Client | undefined = client) => {
    if (failed === undefined || failed !== client) return;
    client = undefined;
    setLeader(false);
    void failed.end().catch(() => undefined);
  };
  const tick = async () => {
    try {
      if (client === undefined) {
        const fresh: pg.Client = lockSession(options.url, pollMs, () => dropSession(fresh));
        await fresh.connect();
        if (options.workerId !== undefined) {
          await fresh.query(`SELECT pg_advisory_lock($1::int, ${presenceKeySql("$2::text")})`, [
            BANTIN_PRESENCE_CLASS,
            options.workerId,
          ]);
        }
        if (stopped) {
          await fresh.end();
          return;
        }
        client = fresh;
      }
      if (leader) await client.query("SELECT 1");
      else {
        const { rows } = await client.query<{ held: boolean }>(TRY_LOCK, [BANTIN_LOCK_CLASS, AdvisoryLockKey.leader]);
        setLeader(rows[0]?.held === true);
      }
    } catch (error) {
      options.logger.warn({ err: error }, "leader lock: database session failed");
      dropSession();
    }
    if (!stopped) timer = setTimeout(() => void tick(), pollMs);
  };
  void tick();
  return {
    isLeader: () => leader,
    whenLeader: () => (leader ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      waiters = [];
      const old = client;
      client = undefined;
      leader = false;
      await old?.end().catch(() => undefined);
    },
  };
}
