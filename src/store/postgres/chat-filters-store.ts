import type pg from "pg";
import { CHAT_FILTER_LIMITS, type ChatFilter } from "../../domain/index.js";
import type { ChatFilterStore } from "../chat-filters-repo.js";
import type { Port } from "../port.js";
import { inTransaction } from "./transaction.js";

/** Each chat's watches and mutes on PostgreSQL, behind the async port. */
export function createPostgresChatFilterStore(pool: pg.Pool): Port<ChatFilterStore> {
  return {
    async list(sub, kind) {
      const { rows } =
        kind === undefined
          ? await pool.query<ChatFilter>(
              "SELECT kind, phrase FROM chat_filters WHERE subscription_id = $1 ORDER BY created_at, match_key",
              [sub],
            )
          : await pool.query<ChatFilter>(
              "SELECT kind, phrase FROM chat_filters WHERE subscription_id = $1 AND kind = $2 ORDER BY created_at, match_key",
              [sub, kind],
            );
      return rows;
    },
    // Two replicas adding at once would each count 49 and both insert: the subscription's row is
    // locked first, so the count and the insert see one another.
    add: (sub, f, now) =>
      inTransaction(pool, async (client) => {
        await client.query("SELECT 1 FROM subscriptions WHERE id = $1 FOR UPDATE", [sub]);
        const added = await client.query(
          `INSERT INTO chat_filters (subscription_id, kind, match_key, phrase, created_at)
           SELECT $1, $2, $3, $4, $5
            WHERE (SELECT count(*) FROM chat_filters WHERE subscription_id = $1 AND kind = $2) < $6
           ON CONFLICT (subscription_id, kind, match_key) DO NOTHING`,
          [sub, f.kind, f.key, f.phrase, now, CHAT_FILTER_LIMITS.perKind],
        );
        if ((added.rowCount ?? 0) > 0) return "added";
        const exists = await client.query(
          "SELECT 1 FROM chat_filters WHERE subscription_id = $1 AND kind = $2 AND match_key = $3",
          [sub, f.kind, f.key],
        );
        return (exists.rowCount ?? 0) > 0 ? "exists" : "full";
      }),
    async remove(sub, kind, key) {
      const { rowCount } = await pool.query(
        "DELETE FROM chat_filters WHERE subscription_id = $1 AND kind = $2 AND match_key = $3",
        [sub, kind, key],
      );
      return (rowCount ?? 0) > 0;
    },
    async removeAll(sub, kind) {
      const { rowCount } = await pool.query("DELETE FROM chat_filters WHERE subscription_id = $1 AND kind = $2", [
        sub,
        kind,
      ]);
      return rowCount ?? 0;
    },
  };
}
