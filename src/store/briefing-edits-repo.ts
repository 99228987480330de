import { type SubscriptionId, subscriptionId } from "../domain/index.js";
import type { Db } from "./database.js";

/** A briefing already delivered, with the parts the chat has, as the edit pass reads it. */
export interface SentBriefing {
  readonly digestId: number;
  readonly subscriptionId: SubscriptionId;
  readonly createdAt: number;
  /** The document as last shown: as sent, or as the last edit left it. */
  readonly document: string;
  /** Every part, in order, with its outbox row; all of them were sent. */
  readonly parts: readonly { readonly deliveryId: number; readonly part: number }[];
}

/** One part to replace in place, and the document the chat will then be showing. */
export interface BriefingEdit {
  readonly digestId: number;
  readonly document: string;
  readonly parts: readonly { readonly deliveryId: number; readonly payload: string }[];
  readonly now: number;
}

export interface BriefingEditStore {
  /** Briefings (daily and weekly) created since `since` whose every part was sent, oldest first. */
  sentSince(since: number): SentBriefing[];
  /** Queues the edits and records the document they show, in one transaction. */
  enqueueEdits(edit: BriefingEdit): void;
}

export interface SentRow {
  digest_id: number;
  subscription_id: number;
  created_at: number;
  document: string;
  /** JSON text on SQLite, already parsed on PostgreSQL. */
  parts: string | { deliveryId: number; part: number }[];
}

/** A briefing as the store found it, its parts in order. */
export const sentBriefingOf = (r: SentRow): SentBriefing => ({
  digestId: r.digest_id,
  subscriptionId: subscriptionId(r.subscription_id),
  createdAt: r.created_at,
  document: r.document,
  parts: (typeof r.parts === "string" ? (JSON.parse(r.parts) as { deliveryId: number; part: number }[]) : r.parts)
    .slice()
    .sort((a, b) => a.part - b.part),
});

/**
 * The statements that queue an edit, for both dialects (`?` placeholders). An edit is a
 * deliveries row pointing at the part it replaces (`edit_of`); an older edit still waiting
 * would put back older text after the newer one, so it is dropped first.
 */
export const EDIT_SQL = {
  supersede:
    "UPDATE deliveries SET state = 'failed', last_error = 'superseded by a newer edit' WHERE edit_of = ? AND state = 'pending'",
  revision: "SELECT COUNT(*) AS n FROM deliveries WHERE edit_of = ?",
  insert: `INSERT INTO deliveries (digest_id, subscription_id, platform, chat_id, thread_id, dedupe_key, part, payload, created_at, edit_of)
     SELECT digest_id, subscription_id, platform, chat_id, thread_id, dedupe_key || ':edit' || CAST(? AS TEXT), part, ?, ?, id
       FROM deliveries WHERE id = ?`,
  setDocument: "UPDATE digests SET document = ? WHERE id = ?",
} as const;

/** The edit side of the outbox in SQLite: edits are deliveries rows with `edit_of` set. */
export function createSqliteBriefingEditStore(db: Db): BriefingEditStore {
  // Only briefings fully delivered: a part still waiting would be sent with the old text after
  // its edit. Only the original parts (edit_of IS NULL) are listed; edits point at them.
  const sent = db.prepare<[number], SentRow>(
    `SELECT g.id AS digest_id, g.subscription_id, g.created_at, g.document,
            json_group_array(json_object('deliveryId', d.id, 'part', d.part)) AS parts
       FROM digests g JOIN deliveries d ON d.digest_id = g.id AND d.edit_of IS NULL
      WHERE g.kind IN ('briefing', 'weekly') AND g.created_at >= ?
      GROUP BY g.id
     HAVING SUM(d.state <> 'sent') = 0
      ORDER BY g.id`,
  );
  const revision = db.prepare<[number], { n: number }>(EDIT_SQL.revision);
  const insert = db.prepare(EDIT_SQL.insert);
  const supersede = db.prepare(EDIT_SQL.supersede);
  const setDocument = db.prepare(EDIT_SQL.setDocument);
  const enqueueEdits = db.transaction((edit: BriefingEdit) => {
    for (const p of edit.parts) {
      supersede.run(p.deliveryId);
      const n = (revision.get(p.deliveryId)?.n ?? 0) + 1;
      insert.run(String(n), p.payload, edit.now, p.deliveryId);
    }
    setDocument.run(edit.document, edit.digestId);
  });
  return {
    sentSince: (since) => sent.all(since).map(sentBriefingOf),
    enqueueEdits: (edit) => enqueueEdits(edit),
  };
}
