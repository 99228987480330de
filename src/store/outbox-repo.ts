import type { ChatId, DeliveryState, EventId, Lang, Platform, SubscriptionId } from "../domain/index.js";
import { chatId as toChatId, subscriptionId as toSubscriptionId } from "../domain/index.js";
import type { Db } from "./database.js";

/** What a digest row is: a scheduled briefing, the weekly one, or a breaking alert. */
export type DigestKind = "briefing" | "weekly" | "alert";

/** One message part waiting in (or taken from) the outbox. */
export interface OutboxRow {
  readonly id: number;
  readonly subscriptionId: SubscriptionId;
  readonly platform: Platform;
  readonly chatId: ChatId;
  /** `<subscription>:<slot>`, shared by the parts of one message. */
  readonly dedupeKey: string;
  readonly part: number;
  /** What the platform's renderer produced for this part (Telegram: HTML text; Discord: JSON body). */
  readonly payload: string;
  /** Send attempts so far, this one included once claimed. */
  readonly attempts: number;
}

export interface NewOutboxMessage {
  readonly subscriptionId: SubscriptionId;
  readonly platform: Platform;
  readonly chatId: ChatId;
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

/** Why delivery deactivated a subscription (the same words as the subscriptions repo uses). */
export type DeactivationCause = "blocked" | "chat-not-found";

export type EnqueueResult = { readonly status: "created"; readonly digestId: number } | { readonly status: "exists" };

/** The outbox: digests and their message parts, persisted before any of them is sent. */
export interface OutboxStore {
  hasSlot(subscriptionId: SubscriptionId, slot: string): boolean;
  /** Digest, parts and sent_events in one transaction; a second call for the same slot is a no-op. */
  enqueue(message: NewOutboxMessage): EnqueueResult;
  /**
   * Take up to `limit` due rows (pending, next_attempt_at reached, earlier parts of the same
   * message no longer waiting) and mark them `sending` with one more attempt.
   */
  claimDue(now: number, limit: number): OutboxRow[];
  markSent(id: number, platformMessageId: string, now: number): void;
  scheduleRetry(id: number, nextAttemptAt: number, error: string): void;
  markFailed(id: number, reason: string): void;
  /**
   * The platform refused for good (blocked, chat gone, no permission): in one transaction, end
   * the row and every waiting row of the subscription, and deactivate the subscription (kept, not
   * deleted, so /start brings its settings back).
   */
  endSubscription(row: OutboxRow, reason: string, deactivation: DeactivationCause, now: number): void;
  /** Rows a crash left in `sending` go back to pending (at-least-once, docs/delivery.md); returns how many. */
  recoverInterrupted(now: number): number;
  /** Rows per state, for logs, metrics and tests. */
  countByState(): Record<DeliveryState, number>;
  /** When nothing is due, the earliest next_attempt_at of a pending row. */
  nextDueAt(): number | undefined;
  /** Each subscription's weekly briefing setting ("sun 19:00"), for those that have one. */
  weeklySettings(): Map<SubscriptionId, string>;
  /** The scheduler's last completed tick, so slots passed during downtime are found on restart. */
  readCursor(name: string): number | undefined;
  writeCursor(name: string, value: number): void;
}

interface Row {
  id: number;
  subscription_id: number;
  platform: Platform;
  chat_id: string;
  dedupe_key: string;
  part: number;
  payload: string;
  attempts: number;
}

const fromRow = (r: Row): OutboxRow => ({
  id: r.id,
  subscriptionId: toSubscriptionId(r.subscription_id),
  platform: r.platform,
  chatId: toChatId(r.chat_id),
  dedupeKey: r.dedupe_key,
  part: r.part,
  payload: r.payload,
  attempts: r.attempts,
});

/** The outbox in SQLite (digests, deliveries, sent_events, and the scheduler cursor in kv). */
export function createSqliteOutboxStore(db: Db): OutboxStore {
  const hasSlot = db.prepare<[number, string], { one: number }>(
    "SELECT 1 AS one FROM digests WHERE subscription_id = ? AND slot = ?",
  );
  const insertDigest = db.prepare(
    `INSERT INTO digests (subscription_id, slot, kind, created_at, document) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (subscription_id, slot) DO NOTHING`,
  );
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (digest_id, subscription_id, platform, chat_id, dedupe_key, part, payload, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const recordSent = db.prepare(
    `INSERT INTO sent_events (subscription_id, event_id, item_count, sent_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (subscription_id, event_id) DO UPDATE SET item_count = excluded.item_count, sent_at = excluded.sent_at`,
  );
  const claim = db.prepare<[number, number], Row>(
    `UPDATE deliveries SET state = 'sending', attempts = attempts + 1
     WHERE id IN (
       SELECT d.id FROM deliveries d
       WHERE d.state = 'pending' AND d.next_attempt_at <= ?
         AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.dedupe_key = d.dedupe_key AND p.part < d.part
                         AND p.state IN ('pending', 'sending'))
       ORDER BY d.next_attempt_at, d.id LIMIT ?)
     RETURNING id, subscription_id, platform, chat_id, dedupe_key, part, payload, attempts`,
  );
  const markSent = db.prepare(
    "UPDATE deliveries SET state = 'sent', platform_message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?",
  );
  const retry = db.prepare("UPDATE deliveries SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?");
  const fail = db.prepare("UPDATE deliveries SET state = 'failed', last_error = ? WHERE id = ?");
  const failWaiting = db.prepare(
    "UPDATE deliveries SET state = 'failed', last_error = ? WHERE subscription_id = ? AND state = 'pending'",
  );
  const deactivate = db.prepare(
    "UPDATE subscriptions SET active = 0, deactivated_reason = ?, updated_at = ? WHERE id = ?",
  );
  const endSubscription = db.transaction((row: OutboxRow, reason: string, cause: DeactivationCause, now: number) => {
    fail.run(reason, row.id);
    failWaiting.run(`subscription deactivated: ${reason}`, row.subscriptionId);
    deactivate.run(cause, now, row.subscriptionId);
  });
  const recover = db.prepare("UPDATE deliveries SET state = 'pending', next_attempt_at = ? WHERE state = 'sending'");
  const counts = db.prepare<[], { state: DeliveryState; n: number }>(
    "SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state",
  );
  const nextDue = db.prepare<[], { at: number | null }>(
    "SELECT MIN(next_attempt_at) AS at FROM deliveries WHERE state = 'pending'",
  );
  const weekly = db.prepare<[], { id: number; weekly: string }>(
    "SELECT id, weekly FROM subscriptions WHERE active = 1 AND weekly IS NOT NULL",
  );
  const readKv = db.prepare<[string], { value: string }>("SELECT value FROM kv WHERE key = ?");
  const writeKv = db.prepare(
    "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );

  const enqueue = db.transaction((m: NewOutboxMessage): EnqueueResult => {
    const digest = insertDigest.run(m.subscriptionId, m.slot, m.kind, m.now, m.document);
    if (digest.changes === 0) return { status: "exists" };
    const digestId = Number(digest.lastInsertRowid);
    const key = `${m.subscriptionId}:${m.slot}`;
    m.parts.forEach((payload, part) => {
      insertDelivery.run(digestId, m.subscriptionId, m.platform, m.chatId, key, part, payload, m.now);
    });
    for (const e of m.events) recordSent.run(m.subscriptionId, e.eventId, e.itemCount, m.now);
    return { status: "created", digestId };
  });

  return {
    hasSlot: (subscriptionId, slot) => hasSlot.get(subscriptionId, slot) !== undefined,
    enqueue,
    claimDue: (now, limit) =>
      claim
        .all(now, limit)
        .map(fromRow)
        .sort((a, b) => a.id - b.id),
    markSent: (id, messageId, now) => void markSent.run(messageId, now, id),
    scheduleRetry: (id, at, error) => void retry.run(at, error, id),
    markFailed: (id, reason) => void fail.run(reason, id),
    endSubscription: (row, reason, cause, now) => endSubscription(row, reason, cause, now),
    recoverInterrupted: (now) => recover.run(now).changes,
    countByState() {
      const result: Record<DeliveryState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const r of counts.all()) result[r.state] = r.n;
      return result;
    },
    nextDueAt: () => nextDue.get()?.at ?? undefined,
    weeklySettings: () => new Map(weekly.all().map((r) => [toSubscriptionId(r.id), r.weekly])),
    readCursor(name) {
      const row = readKv.get(`cursor:${name}`);
      return row === undefined ? undefined : Number(row.value);
    },
    writeCursor: (name, value) => void writeKv.run(`cursor:${name}`, String(value)),
  };
}

/** A recent event with what an alert needs: who reported it, when, and where to read it. */
export interface AlertEventView {
  readonly eventId: EventId;
  readonly headline: string;
  /** Headline and summary in each language the event was reported in. */
  readonly texts: readonly { readonly lang: Lang; readonly headline: string; readonly summary: string }[];
  readonly firstSeen: number;
  readonly topics: readonly string[];
  readonly itemCount: number;
  /** Ids of events merged into this one (one story first seen as two): an alert sent under any of them counts. */
  readonly formerIds: readonly EventId[];
  /** Oldest first. */
  readonly reports: readonly {
    readonly sourceId: string;
    readonly sourceName: string;
    readonly lang: Lang;
    readonly title: string;
    readonly lead: string;
    readonly url: string;
    readonly publishedAt: number;
  }[];
}

/** Where breaking alerts look for events (read-only; the outbox store records what was sent). */
export interface AlertEventSource {
  /** Events seen at or after `since`, with their reports. */
  recentEvents(since: number): AlertEventView[];
}

interface ReportRow {
  event_id: string;
  headline: string;
  lang: Lang;
  first_seen: number;
  topics: string;
  item_count: number;
  source_id: string;
  source_name: string;
  title: string;
  lead: string;
  url: string;
  published_at: number;
}

export function createSqliteAlertEventSource(db: Db): AlertEventSource {
  const rows = db.prepare<[number], ReportRow>(
    `SELECT e.id AS event_id, e.headline, e.first_seen, e.topics, e.item_count,
            i.source_id, s.name AS source_name, i.lang, i.title, i.lead, i.url, i.published_at
     FROM events e
     JOIN event_items ei ON ei.event_id = e.id
     JOIN items i ON i.id = ei.item_id
     JOIN sources s ON s.id = i.source_id
     WHERE e.last_seen >= ?
     ORDER BY e.first_seen, e.id, i.published_at, i.id`,
  );
  const formerIds = db.prepare<[string], { from_id: string }>("SELECT from_id FROM event_merges WHERE into_id = ?");
  // Best first within a language (an LLM summary, then the newest); the first of each is kept.
  const texts = db.prepare<[string], { lang: Lang; headline: string; summary: string }>(
    "SELECT lang, headline, summary FROM summaries WHERE event_id = ? ORDER BY lang, method = 'llm' DESC, created_at DESC",
  );
  const textsOf = (eventId: string) => {
    const out: { lang: Lang; headline: string; summary: string }[] = [];
    for (const t of texts.all(eventId)) if (!out.some((o) => o.lang === t.lang)) out.push(t);
    return out;
  };
  return {
    recentEvents(since) {
      const byEvent = new Map<string, { view: AlertEventView; reports: AlertEventView["reports"][number][] }>();
      for (const r of rows.all(since)) {
        let entry = byEvent.get(r.event_id);
        if (entry === undefined) {
          const reports: AlertEventView["reports"][number][] = [];
          const view: AlertEventView = {
            eventId: r.event_id as EventId,
            headline: r.headline,
            texts: textsOf(r.event_id),
            firstSeen: r.first_seen,
            topics: JSON.parse(r.topics) as string[],
            itemCount: r.item_count,
            formerIds: formerIds.all(r.event_id).map((m) => m.from_id as EventId),
            reports,
          };
          entry = { view, reports };
          byEvent.set(r.event_id, entry);
        }
        entry.reports.push({
          sourceId: r.source_id,
          sourceName: r.source_name,
          lang: r.lang,
          title: r.title,
          lead: r.lead,
          url: r.url,
          publishedAt: r.published_at,
        });
      }
      return [...byEvent.values()].map((e) => e.view);
    },
  };
}
