import pg from "pg";
import { type SubscriptionId, subscriptionId } from "../../src/domain/index.js";
import { migratePostgres, useNumbersForInt8 } from "../../src/store/postgres/index.js";

/** PostgreSQL's "terminating connection due to administrator command": the server stopping. */
const ADMIN_SHUTDOWN = "57P01";

/**
 * A pool for a test on the embedded server. An idle client told the server is stopping (the
 * file's last hook, racing a pool still closing) is no failure; any other idle-client error is
 * reported rather than thrown from an event handler, where it would crash the worker.
 */
export function testPool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on("error", (error: Error & { code?: string }) => {
    if (error.code !== ADMIN_SHUTDOWN) console.error("idle PostgreSQL client failed:", error.message);
  });
  return pool;
}

/** A pool on `url`, the database migrated to this build's schema first. */
export async function migratedPool(url: string, max = 4): Promise<pg.Pool> {
  useNumbersForInt8();
  const pool = testPool(url, max);
  const client = await pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  return pool;
}

/** An active subscription of a private chat, as the outbox needs one (Telegram, briefed at 07:00 unless given); its id. */
export async function aPostgresSubscription(
  pool: pg.Pool,
  chat: string,
  seed: { readonly platform?: "telegram" | "discord"; readonly times?: readonly string[] } = {},
): Promise<SubscriptionId> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO subscriptions (platform, chat_id, chat_type, topics, times, timezone, lang, alerts, active, created_at, updated_at)
     VALUES ($1, $2, 'private', '[]', $3, 'Asia/Ho_Chi_Minh', 'vi', 0, 1, 0, 0) RETURNING id`,
    [seed.platform ?? "telegram", chat, JSON.stringify(seed.times ?? ["07:00"])],
  );
  return subscriptionId(rows[0]?.id ?? 0);
}
