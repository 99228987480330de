import { hostname } from "node:os";
import type { Env, Settings } from "../config/index.js";
import { createTelegramLimiter, type PlatformLimiter } from "../delivery/platform-limiters.js";
import { createSharedDiscordLimiter, createSharedTelegramLimiter } from "../delivery/shared-limiter.js";
import type { Logger } from "../domain/index.js";
import { openDatabase } from "../store/database.js";
import { startLeadership } from "../store/postgres/leadership.js";
import { openMigratedPool, redactUrl } from "../store/postgres/pool.js";
import { createPostgresSendBudget } from "../store/postgres/send-budget.js";
import { type AppStores, postgresAppStores, sqliteAppStores, subscriptionDefaults } from "./app-stores.js";

/** The platforms' limits for this process's sends. */
export interface PlatformLimiters {
  /** Its own on SQLite; one budget with every replica on PostgreSQL. */
  readonly telegram: PlatformLimiter;
  /** One budget with every replica on PostgreSQL; undefined on SQLite, where discord.js paces the one process. */
  readonly discord: PlatformLimiter | undefined;
}

/** The bot's stores, opened, and what ends them. */
export interface OpenedStores {
  readonly stores: AppStores;
  /**
   * Resolves true once this process may serve (at once on SQLite; on PostgreSQL when it holds
   * the leader lock), false when `stop` fires first.
   */
  active(stop: AbortSignal): Promise<boolean>;
  /**
   * Fires when this process must stop serving: on PostgreSQL, when it lost the leader lock
   * (another replica may be active now). Never on SQLite.
   */
  readonly lost: AbortSignal;
  readonly limiters: PlatformLimiters;
  /** Whether other replicas may share the store (PostgreSQL): a standby then delivers meanwhile. */
  readonly shared: boolean;
  close(): Promise<void>;
}

/** How many connections one replica opens: the relay, the chat and the jobs at once, with room. */
const POOL_SIZE = 10;

/**
 * The store `start` runs on: SQLite at BANTIN_DB, or PostgreSQL at BANTIN_DATABASE_URL. On
 * PostgreSQL one replica is active at a time, the holder of the leader lock; another `start`
 * on the same database waits as a standby and takes over within seconds of the active one's
 * end (a stop, a crash, a lost host), since the server frees the lock with its session. The
 * stores are open from the start, so a standby answers /healthz too.
 */
export async function openBotStores(env: Env, settings: Settings, logger: Logger): Promise<OpenedStores> {
  const defaults = subscriptionDefaults(env, settings);
  const url = env.BANTIN_DATABASE_URL;
  if (url === undefined) {
    const db = openDatabase(env.BANTIN_DB);
    const close = async () => {
      db.close();
    };
    return {
      stores: sqliteAppStores(db, defaults),
      active: async () => true,
      lost: new AbortController().signal,
      limiters: { telegram: createTelegramLimiter(), discord: undefined },
      shared: false,
      close,
    };
  }
  // Connected and migrated first: an unreachable database is a clear error, not a silent standby.
  const pool = await openMigratedPool(url, POOL_SIZE);
  const lost = new AbortController();
  const workerId = `${hostname()}:${process.pid}`;
  const leadership = startLeadership({
    url,
    workerId,
    logger: logger.child({ module: "leader" }),
    onChange: (leader) => {
      if (!leader) lost.abort();
    },
  });
  const database = redactUrl(url);
  const budget = createPostgresSendBudget(pool);
  return {
    stores: postgresAppStores(pool, defaults, workerId),
    async active(stop) {
      if (stop.aborted) return false;
      const standby = setTimeout(
        () => logger.info({ database }, "standby: another replica is active; taking over when it ends"),
        2_000,
      );
      const stopped = new Promise<void>((resolve) => stop.addEventListener("abort", () => resolve(), { once: true }));
      await Promise.race([leadership.whenLeader(), stopped]);
      clearTimeout(standby);
      if (stop.aborted || !leadership.isLeader()) return false;
      logger.info({ database, workerId }, "active on PostgreSQL");
      return true;
    },
    lost: lost.signal,
    limiters: { telegram: createSharedTelegramLimiter(budget), discord: createSharedDiscordLimiter(budget) },
    shared: true,
    async close() {
      try {
        await pool.end();
      } finally {
        await leadership.stop();
      }
    },
  };
}
