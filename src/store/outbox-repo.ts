import type { ChatGoneReason, ChatPlace, DeliveryState, EventId, Platform, SubscriptionId } from "../domain/index.js";
import {
  chatPlace,
  endsWholeChat,
  threadId,
  chatId as toChatId,
  subscriptionId as toSubscriptionId,
} from "../domain/index.js";
import type { Db } from "./database.js";
import { type Port, portOf } from "./port.js";
import { REMEMBER_SHOWN_SQL } from "./story-repo.js";

/** What a digest row is: a scheduled briefing, the weekly one, or a breaking alert. */
export type DigestKind = "briefing" | "weekly" | "alert";

/** One message part waiting in (or taken from) the outbox, and the place (chat or forum topic) it goes to. */
export interface OutboxRow extends ChatPlace {
  readonly id: number;
  readonly subscriptionId: SubscriptionId;
  /** `<subscription>:<slot>`, shared by the parts of one message. */
  readonly dedupeKey: string;
  readonly part: number;
  /** What the platform's renderer produced for this part (Telegram: HTML text; Discord: JSON body). */
  readonly payload: string;
  /** Send attempts so far, this one included once claimed. */
  readonly attempts: number;
  /**
   * Set when the row replaces the text of a message already sent (an edit in place):
   * `messageId` is that message's platform id, `firstPartId` the id of its message's first part
   * (on Discord, the forum post a later part lives in).
   */
  readonly edit?: { readonly messageId: string; readonly firstPartId: string | undefined } | undefined;
}

/** A message for one subscription's place (chat or forum topic). */
export interface NewOutboxMessage extends ChatPlace {
  readonly subscriptionId: SubscriptionId;
  /** The slot key ("2026-11-23T07:00@Asia/Ho_Chi_Minh", "alert:<eventId>"): one message per subscription and slot. */
  readonly slot: string;
  readonly kind: DigestKind;
  /** The digest document as JSON, kept for audit and re-rendering. */
  readonly document: string;
  readonly parts: readonly string[];
  /** The events shown, recorded in sent_events so the next briefing does not repeat them. */
  readonly events: readonly { readonly eventId: EventId; readonly itemCount: number }[];
  readonly now: number;
}

export type EnqueueResult = { readonly status: "created"; readonly digestId: number } | { readonly status: "exists" };

/** The outbox: digests and their message parts, persisted before any of them is sent. */
export interface OutboxStore {
  hasSlot(subscriptionId: SubscriptionId, slot: string): boolean;
  /** Digest, parts and sent_events in one transaction; a second call for the same slot is a no-op. */
  enqueue(message: NewOutboxMessage): EnqueueResult;
  /**
   * Take up to `limit` due rows (pending, next_attempt_at reached, no earlier row of the same
   * chat still waiting or in flight) and mark them `sending` with one more attempt.
   */
  claimDue(now: number, limit: number): OutboxRow[];
  markSent(id: number, platformMessageId: string, now: number): void;
  /** The platform's id of a part already sent (a Discord forum post's later parts go inside the first). */
  sentMessageId(dedupeKey: string, part: number): string | undefined;
  scheduleRetry(id: number, nextAttemptAt: number, error: string): void;
  markFailed(id: number, reason: string): void;
  /**
   * The platform refused for good (blocked, chat gone, no permission): in one transaction, end
   * the row and every waiting row of the subscription, and deactivate the subscription (kept, not
   * deleted, so /start brings its settings back). A refusal of the whole chat (blocked, chat not
   * found) ends every place in that chat, its forum topics too; a closed or deleted topic only itself.
   *
   * This is the one writer of a refusal met while delivering, on every platform: the rows and the
   * subscription change together, so a crash between them cannot leave rows waiting for a chat
   * that is gone. The platform adapters do not deactivate what they send for the relay (Telegram's
   * `deliverySender` reports the refusal and leaves it here); only a send outside the outbox (a
   * command reply) is deactivated by its adapter, since no row will end it.
   */
  endSubscription(row: OutboxRow, reason: string, deactivation: ChatGoneReason, now: number): void;
  /** Rows a crash left in `sending` go back to pending (at-least-once, docs/delivery.md); returns how many. */
  recoverInterrupted(now: number): number;
  /** Rows per state, for logs, metrics and tests. */
  countByState(): Record<DeliveryState, number>;
  /** When nothing is due, the earliest time a chat's first waiting row comes due. */
  nextDueAt(): number | undefined;
}

/**
 * The outbox as any store offers it, each method a Promise: PostgreSQL's are, SQLite's settle at
 * once (`outboxPort`). What several replicas share goes through this port.
 */
export type OutboxPort = Port<OutboxStore>;

/** SQLite's outbox behind the async port. */
export const outboxPort = (store: OutboxStore): OutboxPort => portOf(store);

/** A deliveries row as both stores read it back from a claim. */
export interface OutboxDbRow {
  id: number;
  subscription_id: number;
  platform: Platform;
  chat_id: string;
  thread_id: number;
  dedupe_key: string;
  part: number;
  payload: string;
  attempts: number;
  edit_of: number | null;
}

type Row = OutboxDbRow;

/** A claimed row in the outbox's terms; `edit` when it replaces a sent message (see OutboxRow). */
export const outboxRowOf = (r: OutboxDbRow, edit?: OutboxRow["edit"]): OutboxRow => ({
  id: r.id,
  subscriptionId: toSubscriptionId(r.subscription_id),
  ...chatPlace(r.platform, toChatId(r.chat_id), r.thread_id === 0 ? undefined : threadId(r.thread_id)),
  dedupeKey: r.dedupe_key,
  part: r.part,
  payload: r.payload,
  attempts: r.attempts,
  ...(edit === undefined ? {} : { edit }),
});

/** The outbox's statements, prepared once per store. */
function prepareOutboxStatements(db: Db) {
  return {
    hasSlot: db.prepare<[number, string], { one: number }>(
      "SELECT 1 AS one FROM digests WHERE subscription_id = ? AND slot = ?",
    ),
    insertDigest: db.prepare(
      `INSERT INTO digests (subscription_id, slot, kind, created_at, document) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (subscription_id, slot) DO NOTHING`,
    ),
    insertDelivery: db.prepare(
      `INSERT INTO deliveries (digest_id, subscription_id, platform, chat_id, thread_id, dedupe_key, part, payload, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    recordSent: db.prepare(
      `INSERT INTO sent_events (subscription_id, event_id, item_count, sent_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (subscription_id, event_id) DO UPDATE SET item_count = excluded.item_count, sent_at = excluded.sent_at`,
    ),
    // A chat's rows go out one at a time, oldest first: parts in order, and a message after the
    // one before it (the PostgreSQL store claims by the same rule, for competing replicas).
    claim: db.prepare<[number, number], Row>(
      `UPDATE deliveries SET state = 'sending', attempts = attempts + 1
       WHERE id IN (
         SELECT d.id FROM deliveries d
         WHERE d.state = 'pending' AND d.next_attempt_at <= ?
           AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.subscription_id = d.subscription_id AND p.id < d.id
                           AND p.state IN ('pending', 'sending'))
         ORDER BY d.next_attempt_at, d.id LIMIT ?)
       RETURNING id, subscription_id, platform, chat_id, thread_id, dedupe_key, part, payload, attempts, edit_of`,
    ),
    markSent: db.prepare(
      "UPDATE deliveries SET state = 'sent', platform_message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?",
    ),
    editTarget: db.prepare<[number], { message_id: string | null; first_part_id: string | null }>(
      `SELECT o.platform_message_id AS message_id, f.platform_message_id AS first_part_id
         FROM deliveries o LEFT JOIN deliveries f ON f.dedupe_key = o.dedupe_key AND f.part = 0
        WHERE o.id = ?`,
    ),
    sentMessageId: db.prepare<[string, number], { id: string | null }>(
      "SELECT platform_message_id AS id FROM deliveries WHERE dedupe_key = ? AND part = ? AND state = 'sent'",
    ),
    retry: db.prepare("UPDATE deliveries SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?"),
    fail: db.prepare("UPDATE deliveries SET state = 'failed', last_error = ? WHERE id = ?"),
    failWaiting: db.prepare(
      "UPDATE deliveries SET state = 'failed', last_error = ? WHERE subscription_id = ? AND state = 'pending'",
    ),
    deactivate: db.prepare("UPDATE subscriptions SET active = 0, deactivated_reason = ?, updated_at = ? WHERE id = ?"),
    // The chat as a whole refused (blocked, gone): every place in it, its forum topics included.
    failWaitingInChat: db.prepare(
      `UPDATE deliveries SET state = 'failed', last_error = ?
        WHERE state = 'pending' AND subscription_id IN (SELECT id FROM subscriptions WHERE platform = ? AND chat_id = ?)`,
    ),
    deactivateChat: db.prepare(
      "UPDATE subscriptions SET active = 0, deactivated_reason = ?, updated_at = ? WHERE platform = ? AND chat_id = ? AND active = 1",
    ),
    // What /story numbers: the entries of the last digest or alert the chat was given.
    rememberShown: db.prepare(REMEMBER_SHOWN_SQL),
    recover: db.prepare("UPDATE deliveries SET state = 'pending', next_attempt_at = ? WHERE state = 'sending'"),
    counts: db.prepare<[], { state: DeliveryState; n: number }>(
      "SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state",
    ),
    // Only a chat's first waiting row can come due; the rows behind it follow when it is done.
    nextDue: db.prepare<[], { at: number | null }>(
      `SELECT MIN(d.next_attempt_at) AS at FROM deliveries d
        WHERE d.state = 'pending'
          AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.subscription_id = d.subscription_id AND p.id < d.id
                          AND p.state IN ('pending', 'sending'))`,
    ),
  };
}

/** The outbox in SQLite: digests, deliveries and sent_events. */
export function createSqliteOutboxStore(db: Db): OutboxStore {
  const q = prepareOutboxStatements(db);
  const endSubscription = db.transaction((row: OutboxRow, reason: string, cause: ChatGoneReason, now: number) => {
    q.fail.run(reason, row.id);
    if (endsWholeChat(cause)) {
      q.failWaitingInChat.run(`subscription deactivated: ${reason}`, row.platform, row.chatId);
      q.deactivateChat.run(cause, now, row.platform, row.chatId);
      return;
    }
    q.failWaiting.run(`subscription deactivated: ${reason}`, row.subscriptionId);
    q.deactivate.run(cause, now, row.subscriptionId);
  });
  const enqueue = db.transaction((m: NewOutboxMessage): EnqueueResult => {
    const digest = q.insertDigest.run(m.subscriptionId, m.slot, m.kind, m.now, m.document);
    if (digest.changes === 0) return { status: "exists" };
    const digestId = Number(digest.lastInsertRowid);
    const key = `${m.subscriptionId}:${m.slot}`;
    m.parts.forEach((payload, part) => {
      const thread = m.threadId ?? 0;
      q.insertDelivery.run(digestId, m.subscriptionId, m.platform, m.chatId, thread, key, part, payload, m.now);
    });
    for (const e of m.events) q.recordSent.run(m.subscriptionId, e.eventId, e.itemCount, m.now);
    if (m.events.length > 0)
      q.rememberShown.run(m.subscriptionId, JSON.stringify(m.events.map((e) => e.eventId)), m.now);
    return { status: "created", digestId };
  });

  return {
    hasSlot: (subscriptionId, slot) => q.hasSlot.get(subscriptionId, slot) !== undefined,
    enqueue,
    claimDue: (now, limit) =>
      q.claim
        .all(now, limit)
        .map((r) => {
          if (r.edit_of === null) return outboxRowOf(r);
          const target = q.editTarget.get(r.edit_of);
          return outboxRowOf(r, {
            messageId: target?.message_id ?? "",
            firstPartId: target?.first_part_id ?? undefined,
          });
        })
        .sort((a, b) => a.id - b.id),
    markSent: (id, messageId, now) => void q.markSent.run(messageId, now, id),
    sentMessageId: (key, part) => q.sentMessageId.get(key, part)?.id ?? undefined,
    scheduleRetry: (id, at, error) => void q.retry.run(at, error, id),
    markFailed: (id, reason) => void q.fail.run(reason, id),
    endSubscription: (row, reason, cause, now) => endSubscription(row, reason, cause, now),
    recoverInterrupted: (now) => q.recover.run(now).changes,
    countByState() {
      const result: Record<DeliveryState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const r of q.counts.all()) result[r.state] = r.n;
      return result;
    },
    nextDueAt: () => q.nextDue.get()?.at ?? undefined,
  };
}
