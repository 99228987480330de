import type pg from "pg";
import { type BriefingEditStore, EDIT_SQL, type SentRow, sentBriefingOf } from "../briefing-edits-repo.js";
import type { Port } from "../port.js";
import { numbered } from "./placeholders.js";
import { inTransaction } from "./transaction.js";

/** Briefings fully delivered since a time, with their original parts (SQLite's query in PostgreSQL's aggregates). */
const SENT = `SELECT g.id AS digest_id, g.subscription_id, g.created_at, g.document,
         json_agg(json_build_object('deliveryId', d.id, 'part', d.part) ORDER BY d.part) AS parts
    FROM digests g JOIN deliveries d ON d.digest_id = g.id AND d.edit_of IS NULL
   WHERE g.kind IN ('briefing', 'weekly') AND g.created_at >= $1
   GROUP BY g.id
  HAVING bool_and(d.state = 'sent')
   ORDER BY g.id`;

/** The edit side of the outbox on PostgreSQL; the edits go out through the competing workers like any row. */
export function createPostgresBriefingEditStore(pool: pg.Pool): Port<BriefingEditStore> {
  return {
    sentSince: async (since) => (await pool.query<SentRow>(SENT, [since])).rows.map(sentBriefingOf),
    enqueueEdits: (edit) =>
      inTransaction(pool, async (client) => {
        for (const p of edit.parts) {
          await client.query(numbered(EDIT_SQL.supersede), [p.deliveryId]);
          const { rows } = await client.query<{ n: number }>(numbered(EDIT_SQL.revision), [p.deliveryId]);
          await client.query(numbered(EDIT_SQL.insert), [
            String((rows[0]?.n ?? 0) + 1),
            p.payload,
            edit.now,
            p.deliveryId,
          ]);
        }
        await client.query(numbered(EDIT_SQL.setDocument), [edit.document, edit.digestId]);
      }),
  };
}
