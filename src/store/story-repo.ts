import { type EventId, eventId, type Lang, type SubscriptionId } from "../domain/index.js";
import type { Db } from "./database.js";

/** One report of a story, as its timeline lists it. */
export interface StoryReport {
  readonly title: string;
  readonly url: string;
  readonly lang: Lang;
  readonly outlet: string;
  readonly publishedAt: number;
}

/** An event and every report of it, oldest first. */
export interface StoryTimeline {
  readonly eventId: EventId;
  readonly headline: string;
  readonly reports: readonly StoryReport[];
}

/** What /story reads: the entries a chat was last shown, and an event's reports. */
export interface StoryRepo {
  /** Records the events of a digest or alert just given to the chat, in the order shown. */
  rememberShown(subscription: SubscriptionId, events: readonly EventId[], at: number): void;
  /** The events of the last digest or alert the chat was given; empty before any. */
  lastShown(subscription: SubscriptionId): EventId[];
  /** The event (or the one it was merged into since) with its reports; undefined when gone. */
  timeline(event: EventId): StoryTimeline | undefined;
}

/** Merges can chain (a into b, later b into c); a few hops is all clustering ever makes. */
const MAX_MERGE_HOPS = 8;

/** One statement for both writers: /digest here, and the outbox as it enqueues a briefing or alert. */
export const REMEMBER_SHOWN_SQL = `INSERT INTO chat_last_digest (subscription_id, event_ids, shown_at) VALUES (?, ?, ?)
  ON CONFLICT (subscription_id) DO UPDATE SET event_ids = excluded.event_ids, shown_at = excluded.shown_at`;

export function createSqliteStoryRepo(db: Db): StoryRepo {
  const remember = db.prepare(REMEMBER_SHOWN_SQL);
  const last = db.prepare<[number], { event_ids: string }>(
    "SELECT event_ids FROM chat_last_digest WHERE subscription_id = ?",
  );
  const mergedInto = db.prepare<[string], { into_id: string }>("SELECT into_id FROM event_merges WHERE from_id = ?");
  const event = db.prepare<[string], { id: string; headline: string }>("SELECT id, headline FROM events WHERE id = ?");
  const reports = db.prepare<[string], StoryReport>(
    `SELECT i.title, i.url, i.lang, s.name AS outlet, i.published_at AS publishedAt
       FROM event_items ei
       JOIN items i ON i.id = ei.item_id
       JOIN sources s ON s.id = i.source_id
      WHERE ei.event_id = ?
      ORDER BY i.published_at, i.id`,
  );
  const resolve = (id: string): string => {
    let current = id;
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
      const next = mergedInto.get(current)?.into_id;
      if (next === undefined) return current;
      current = next;
    }
    return current;
  };
  return {
    rememberShown: (sub, events, at) => void remember.run(sub, JSON.stringify(events), at),
    lastShown(sub) {
      const row = last.get(sub);
      if (row === undefined) return [];
      const ids = JSON.parse(row.event_ids) as unknown;
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string").map(eventId) : [];
    },
    timeline(id) {
      const row = event.get(resolve(id));
      if (row === undefined) return undefined;
      return { eventId: eventId(row.id), headline: row.headline, reports: reports.all(row.id) };
    },
  };
}
