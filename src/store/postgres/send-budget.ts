import type pg from "pg";

/** One send's place in the shared budget: when it may go, on the database's clock and on ours. */
export interface SendReservation {
  /** When the slot is, on this process's clock (epoch ms). */
  readonly at: number;
}

export interface SendBudgetRule {
  /** The overall budget, e.g. "tg:global": at most one send per `intervalMs` slot. */
  readonly globalKey: string;
  readonly intervalMs: number;
  /** Per-chat (and per-group) spacing: the next send to this key no sooner than this after the last. */
  readonly spacing: readonly { readonly key: string; readonly gapMs: number }[];
}

/** Slots looked at per round trip; a congested budget moves on by this many. */
const CANDIDATES = 64;
/** How far ahead of the database's now the first slot looked at lies: about the round trip back. */
const LEAD_MS = 20;
/** Slots older than this are forgotten (the table stays a few seconds long). */
const KEEP_MS = 10_000;

/**
 * The budget every replica on one PostgreSQL draws from (migration 010). A send takes the first
 * free slot of the overall budget at or after the moment its chat may next receive one; the
 * slot's primary key makes two replicas' takes of one slot impossible, so a lost race just tries
 * the next. Slots are evenly spaced, so no window of a second holds more than its share.
 * One chat's rows are sent by one replica at a time (the outbox's claim order), so its spacing
 * needs no lock. About two round trips per send.
 */
export function createPostgresSendBudget(pool: pg.Pool) {
  let reservations = 0;
  return {
    async reserve(rule: SendBudgetRule): Promise<SendReservation> {
      const sentAt = Date.now();
      const keys = rule.spacing.map((s) => s.key);
      const gaps = rule.spacing.map((s) => s.gapMs);
      const { rows } = await pool.query<{ now: number }>(
        "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now",
      );
      const dbNow = rows[0]?.now ?? sentAt;
      // The database's clock is the cluster's; ours may be off by any amount.
      const offset = dbNow - (sentAt + Date.now()) / 2;
      // Each chat's (and group's) turn taken atomically: the row lock of the upsert orders
      // replicas sending to places of one chat at once (a forum's topics are one group).
      const turns = await pool.query<{ key: string; next_at: number }>(
        `INSERT INTO send_next (key, next_at) SELECT k, $2::bigint + g FROM unnest($1::text[], $3::bigint[]) AS s(k, g)
         ON CONFLICT (key) DO UPDATE SET next_at = greatest(send_next.next_at, $2::bigint) + (excluded.next_at - $2::bigint)
         RETURNING key, next_at`,
        [keys, dbNow + LEAD_MS, gaps],
      );
      const gapOf = new Map(rule.spacing.map((s) => [s.key, s.gapMs]));
      // A key's turn is where its next_at stood before this send took it: the new value less its gap.
      const turn = Math.max(dbNow + LEAD_MS, ...turns.rows.map((r) => r.next_at - (gapOf.get(r.key) ?? 0)));
      // Never a slot already behind us: one taken late goes out at once, beside the next slot's
      // send, and two of those in one second are one too many for Telegram's count.
      let index = Math.ceil(turn / rule.intervalMs);
      for (;;) {
        const candidates = Array.from({ length: CANDIDATES }, (_, i) => Math.round((index + i) * rule.intervalMs));
        const taken = await pool.query<{ slot_at: number }>(
          `INSERT INTO send_slots (key, slot_at)
           SELECT $1, c FROM unnest($2::bigint[]) AS c
            WHERE NOT EXISTS (SELECT 1 FROM send_slots s WHERE s.key = $1 AND s.slot_at = c)
            ORDER BY c LIMIT 1
           ON CONFLICT DO NOTHING RETURNING slot_at`,
          [rule.globalKey, candidates],
        );
        const slot = taken.rows[0]?.slot_at;
        if (slot === undefined) {
          // Every candidate was taken (or another replica took ours first): look further on.
          const { rows: last } = await pool.query<{ at: number | null }>(
            "SELECT max(slot_at) AS at FROM send_slots WHERE key = $1 AND slot_at = ANY($2::bigint[])",
            [rule.globalKey, candidates],
          );
          index = Math.max(index + 1, Math.ceil(((last[0]?.at ?? 0) + 1) / rule.intervalMs));
          continue;
        }
        if (slot > turn && rule.spacing.length > 0) {
          // The overall budget put the send later than its turn: the chat's next turn follows it.
          await pool.query(
            `UPDATE send_next s SET next_at = greatest(s.next_at, $2::bigint + g.g)
               FROM unnest($1::text[], $3::bigint[]) AS g(k, g) WHERE s.key = g.k`,
            [keys, slot, gaps],
          );
        }
        reservations += 1;
        if (reservations % 200 === 0) {
          await pool.query("DELETE FROM send_slots WHERE slot_at < $1", [dbNow - KEEP_MS]);
          await pool.query("DELETE FROM send_next WHERE next_at < $1", [dbNow - KEEP_MS]);
        }
        return { at: slot - offset };
      }
    },
  };
}

export type PostgresSendBudget = ReturnType<typeof createPostgresSendBudget>;
