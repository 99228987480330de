import type pg from "pg";
import type { DigestCandidate } from "../../domain/index.js";
import {
  candidatesOf,
  type DigestSource,
  type DigestWindowQuery,
  type EventRow,
  type OutletRow,
  type TextRow,
} from "../digest-repo.js";
import type { Port } from "../port.js";

/** The digest's read side as every store offers it, each method a Promise. */
export type DigestSourcePort = Port<DigestSource>;

const WINDOW = "e.last_seen >= $1 AND e.first_seen <= $2 AND e.relevance >= $3 AND e.item_count > 0";

/**
 * The digest's read side on PostgreSQL: the SQLite store's queries, with DISTINCT ON where SQLite
 * reads the other columns of a MIN() row, byte order (COLLATE "C") where SQLite compares bytes,
 * and the same assembly (`candidatesOf`), so one store copied into the other gives the same digest.
 */
export function createPostgresDigestSource(pool: pg.Pool): DigestSourcePort {
  return {
    async eventsInWindow({ since, until, lang, minRelevance }: DigestWindowQuery): Promise<DigestCandidate[]> {
      const params = [since, until, minRelevance];
      const [events, texts, outlets] = await Promise.all([
        pool.query<EventRow>(
          `SELECT e.id, e.headline, e.relevance, e.topics, e.item_count, e.first_seen, e.last_seen FROM events e WHERE ${WINDOW}`,
          params,
        ),
        pool.query<TextRow>(
          `SELECT s.event_id, s.lang, s.headline, s.summary FROM events e JOIN summaries s ON s.event_id = e.id
            WHERE ${WINDOW} ORDER BY s.event_id, s.lang, s.method = 'llm' DESC, s.created_at DESC`,
          params,
        ),
        pool.query<OutletRow>(
          `SELECT * FROM (
             SELECT DISTINCT ON (ei.event_id, i.source_id)
                    ei.event_id, src.name, i.url, i.title, i.lead, i.lang, i.published_at AS first
               FROM events e JOIN event_items ei ON ei.event_id = e.id
               JOIN items i ON i.id = ei.item_id JOIN sources src ON src.id = i.source_id
              WHERE ${WINDOW}
              ORDER BY ei.event_id, i.source_id, i.published_at, i.id) o
           ORDER BY event_id COLLATE "C", first, name COLLATE "C"`,
          params,
        ),
      ]);
      return candidatesOf({ events: events.rows, texts: texts.rows, outlets: outlets.rows }, lang);
    },
    async sentEvents(subscriptionId) {
      const { rows } = await pool.query<{ event_id: string; item_count: number }>(
        "SELECT event_id, item_count FROM sent_events WHERE subscription_id = $1",
        [subscriptionId],
      );
      return new Map(rows.map((r) => [r.event_id, r.item_count]));
    },
  };
}
