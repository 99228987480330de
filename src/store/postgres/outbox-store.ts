import type pg from "pg";
import { type ChatGoneReason, type DeliveryState, type EventId, endsWholeChat } from "../../domain/index.js";
import {
  type EnqueueResult,
  type NewOutboxMessage,
  type OutboxDbRow,
  type OutboxPort,
  type OutboxRow,
  outboxRowOf,
} from "../outbox-repo.js";
import { BANTIN_PRESENCE_CLASS, presenceKeySql } from "./advisory-locks.js";
import { inTransaction } from "./transaction.js";

export interface PostgresOutboxOptions {
  /** Who claims: one id per process, recorded on the rows it takes. */
  readonly workerId: string;
  /** How long a claimed row stays this worker's; past it, another worker may take it again. */
  readonly leaseMs?: number;
  /**
   * Every worker on the database holds its presence lock (see BANTIN_PRESENCE_CLASS): a row
   * claimed by a worker whose lock is gone is taken again at once, not when its lease runs out.
   */
  readonly presence?: boolean;
}

/**
 * Longer than any one send takes: a flood wait held in the sender (up to 60 s), the shared
 * budget's wait and the request itself. A dead taker's rows wait this long at most.
 */
export const DEFAULT_LEASE_MS = 5 * 60_000;

interface Row extends OutboxDbRow {
  edit_message_id: string | null;
  first_part_id: string | null;
}

const fromRow = (r: Row): OutboxRow =>
  r.edit_of === null
    ? outboxRowOf(r)
    : outboxRowOf(r, { messageId: r.edit_message_id ?? "", firstPartId: r.first_part_id ?? undefined });

/**
 * Due rows for competing workers. A row is due when pending and its time has come, or when its
 * taker's lease ran out (or it has none: a row left `sending` by a single process, copied over). It is taken only while no earlier row of the same chat waits or is in
 * flight, so a chat's parts and messages go out in order whichever replica sends them. SKIP
 * LOCKED lets concurrent claimers pass over the rows another is taking instead of queueing on
 * them; the order check still sees those rows (as pending or sending) and holds their chat back.
 */
const CLAIM = `
UPDATE deliveries d SET state = 'sending', attempts = d.attempts + 1, claimed_by = $2, lease_until = $1 + $3
 WHERE d.id IN (
   SELECT c.id FROM deliveries c
    WHERE ((c.state = 'pending' AND c.next_attempt_at <= $1)
           OR (c.state = 'sending' AND (c.lease_until IS NULL OR c.lease_until < $1))
           OR (c.state = 'sending' AND $5::boolean AND c.claimed_by IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM pg_locks l
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.classid = ${BANTIN_PRESENCE_CLASS}::oid
                   AND l.objid = ${presenceKeySql("c.claimed_by")}::oid)))
      AND NOT EXISTS (SELECT 1 FROM deliveries e
                       WHERE e.subscription_id = c.subscription_id AND e.id < c.id
                         AND e.state IN ('pending', 'sending'))
    ORDER BY c.next_attempt_at, c.id
    LIMIT $4
    FOR UPDATE SKIP LOCKED)
RETURNING d.id, d.subscription_id, d.platform, d.chat_id, d.thread_id, d.dedupe_key, d.part, d.payload, d.attempts, d.edit_of,
  (SELECT o.platform_message_id FROM deliveries o WHERE o.id = d.edit_of) AS edit_message_id,
  (SELECT f.platform_message_id FROM deliveries o JOIN deliveries f ON f.dedupe_key = o.dedupe_key AND f.part = 0
    WHERE o.id = d.edit_of) AS first_part_id`;

/** Digest, parts, sent_events and the chat's last shown entries, in one transaction; once per slot. */
async function enqueueIn(client: pg.PoolClient, m: NewOutboxMessage): Promise<EnqueueResult> {
  const digest = await client.query<{ id: number }>(
    `INSERT INTO digests (subscription_id, slot, kind, created_at, document) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (subscription_id, slot) DO NOTHING RETURNING id`,
    [m.subscriptionId, m.slot, m.kind, m.now, m.document],
  );
  const digestId = digest.rows[0]?.id;
  if (digestId === undefined) return { status: "exists" };
  const key = `${m.subscriptionId}:${m.slot}`;
  await client.query(
    `INSERT INTO deliveries (digest_id, subscription_id, platform, chat_id, thread_id, dedupe_key, part, payload, created_at)
     SELECT $1, $2, $3, $4, $5, $6, p.part - 1, p.payload, $7 FROM unnest($8::text[]) WITH ORDINALITY AS p(payload, part)`,
    [digestId, m.subscriptionId, m.platform, m.chatId, m.threadId ?? 0, key, m.now, m.parts],
  );
  const events = m.events as readonly { eventId: EventId; itemCount: number }[];
  if (events.length > 0) {
    await client.query(
      `INSERT INTO sent_events (subscription_id, event_id, item_count, sent_at)
       SELECT $1, e.id, e.n, $2 FROM unnest($3::text[], $4::int[]) AS e(id, n)
       ON CONFLICT (subscription_id, event_id) DO UPDATE SET item_count = excluded.item_count, sent_at = excluded.sent_at`,
      [m.subscriptionId, m.now, events.map((e) => e.eventId), events.map((e) => e.itemCount)],
    );
    await client.query(
      `INSERT INTO chat_last_digest (subscription_id, event_ids, shown_at) VALUES ($1, $2, $3)
       ON CONFLICT (subscription_id) DO UPDATE SET event_ids = excluded.event_ids, shown_at = excluded.shown_at`,
      [m.subscriptionId, JSON.stringify(events.map((e) => e.eventId)), m.now],
    );
  }
  return { status: "created", digestId };
}

/** The outbox on PostgreSQL, for any number of replicas claiming from it at once. */
export function createPostgresOutboxStore(pool: pg.Pool, options: PostgresOutboxOptions): OutboxPort {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const run = (sql: string, params: unknown[]) => pool.query(sql, params);
  return {
    async hasSlot(subscriptionId, slot) {
      const { rowCount } = await run("SELECT 1 FROM digests WHERE subscription_id = $1 AND slot = $2", [
        subscriptionId,
        slot,
      ]);
      return (rowCount ?? 0) > 0;
    },
    enqueue: (message) => inTransaction(pool, (client) => enqueueIn(client, message)),
    async claimDue(now, limit) {
      const { rows } = await pool.query<Row>(CLAIM, [now, options.workerId, leaseMs, limit, options.presence === true]);
      return rows.map(fromRow).sort((a, b) => a.id - b.id);
    },
    async markSent(id, messageId, now) {
      await run(
        `UPDATE deliveries SET state = 'sent', platform_message_id = $1, sent_at = $2, last_error = NULL,
                claimed_by = NULL, lease_until = NULL WHERE id = $3`,
        [messageId, now, id],
      );
    },
    async sentMessageId(key, part) {
      const { rows } = await pool.query<{ id: string | null }>(
        "SELECT platform_message_id AS id FROM deliveries WHERE dedupe_key = $1 AND part = $2 AND state = 'sent'",
        [key, part],
      );
      return rows[0]?.id ?? undefined;
    },
    async scheduleRetry(id, at, error) {
      await run(
        // Only while the row is still ours: a taker whose lease ran out must not put back a row
        // another replica has taken since.
        `UPDATE deliveries SET state = 'pending', next_attempt_at = $1, last_error = $2, claimed_by = NULL, lease_until = NULL
          WHERE id = $3 AND (claimed_by = $4 OR claimed_by IS NULL)`,
        [at, error, id, options.workerId],
      );
    },
    async markFailed(id, reason) {
      await run(
        `UPDATE deliveries SET state = 'failed', last_error = $1, claimed_by = NULL, lease_until = NULL
          WHERE id = $2 AND (claimed_by = $3 OR claimed_by IS NULL)`,
        [reason, id, options.workerId],
      );
    },
    endSubscription: (row, reason, cause: ChatGoneReason, now) =>
      inTransaction(pool, async (client) => {
        await client.query(
          "UPDATE deliveries SET state = 'failed', last_error = $1, claimed_by = NULL, lease_until = NULL WHERE id = $2",
          [reason, row.id],
        );
        // The chat itself refused: every place in it (forum topics too); a topic refused: that topic.
        const places = endsWholeChat(cause)
          ? {
              sql: "SELECT id FROM subscriptions WHERE platform = $2 AND chat_id = $3",
              params: [row.platform, row.chatId],
            }
          : { sql: "SELECT $2::bigint", params: [row.subscriptionId] };
        await client.query(
          `UPDATE deliveries SET state = 'failed', last_error = $1 WHERE state = 'pending' AND subscription_id IN (${places.sql})`,
          [`subscription deactivated: ${reason}`, ...places.params],
        );
        await client.query(
          `UPDATE subscriptions SET active = 0, deactivated_reason = $1, updated_at = ${places.params.length === 2 ? "$4" : "$3"}
            WHERE id IN (${places.sql})`,
          [cause, ...places.params, now],
        );
      }),
    // Nothing to recover at start: another replica may be sending what is `sending` now, and a
    // dead taker's rows come back by themselves when their lease runs out (see CLAIM).
    recoverInterrupted: async () => 0,
    async countByState() {
      const { rows } = await pool.query<{ state: DeliveryState; n: number }>(
        "SELECT state, count(*) AS n FROM deliveries GROUP BY state",
      );
      const result: Record<DeliveryState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const r of rows) result[r.state] = r.n;
      return result;
    },
    async nextDueAt() {
      // A chat's first waiting row: pending until its time, or in flight until its lease runs out.
      const { rows } = await pool.query<{ at: number | null }>(
        `SELECT min(CASE WHEN d.state = 'pending' THEN d.next_attempt_at ELSE coalesce(d.lease_until, 0) END) AS at
           FROM deliveries d
          WHERE d.state IN ('pending', 'sending')
            AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.subscription_id = d.subscription_id AND e.id < d.id
                              AND e.state IN ('pending', 'sending'))`,
      );
      return rows[0]?.at ?? undefined;
    },
  };
}
