import type pg from "pg";
import { HEALTH_SQL, type HealthRepo, type SourceHealthRow, type StoreStatistics } from "../health-repo.js";
import type { Port } from "../port.js";
import { inTransaction } from "./transaction.js";

/**
 * The health queries with PostgreSQL's order. SQLite's GROUP BY source_id comes out in byte order
 * (it sorts to group: no index leads with source_id) and the rest say ORDER BY; here every order
 * is explicit and in bytes ("C") whatever the database's locale, so /metrics lists its series in
 * the same order on both stores.
 */
const ORDERED = {
  itemsBySource: `${HEALTH_SQL.itemsBySource} ORDER BY source_id COLLATE "C"`,
  sources: `${HEALTH_SQL.sources} ORDER BY id COLLATE "C"`,
  deliveries: `${HEALTH_SQL.deliveries} ORDER BY platform COLLATE "C", state COLLATE "C"`,
} as const;

async function readStatistics(client: pg.PoolClient): Promise<StoreStatistics> {
  // READ COMMITTED gives each statement its own snapshot; one snapshot for all four makes the
  // figures agree, as SQLite's read transaction does. Allowed as the transaction's first statement.
  await client.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  const itemsBySource = await client.query<StoreStatistics["itemsBySource"][number]>(ORDERED.itemsBySource);
  const sources = await client.query<SourceHealthRow>(ORDERED.sources);
  const events = await client.query<{ n: number }>(HEALTH_SQL.events);
  const deliveries = await client.query<StoreStatistics["deliveries"][number]>(ORDERED.deliveries);
  return {
    itemsBySource: itemsBySource.rows,
    sources: sources.rows,
    events: events.rows[0]?.n ?? 0,
    deliveries: deliveries.rows,
  };
}

/** The queries behind `/healthz` and `/metrics` on PostgreSQL; each rejects when the database is unusable. */
export function createPostgresHealthRepo(pool: pg.Pool): Port<HealthRepo> {
  return {
    async ping() {
      await pool.query(HEALTH_SQL.ping);
    },
    async lastIngestSuccessAt() {
      const { rows } = await pool.query<{ at: number | null }>(HEALTH_SQL.lastSuccess);
      return rows[0]?.at ?? null;
    },
    statistics: () => inTransaction(pool, readStatistics),
  };
}
