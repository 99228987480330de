import type pg from "pg";
import {
  ALERT_SQL,
  type AlertEventSource,
  alertViewsOf,
  type EventExtras,
  type ReportRow,
  type TextRow,
} from "../alert-events-repo.js";
import type { Port } from "../port.js";
import { numbered } from "./placeholders.js";

/** ALERT_SQL.texts for many events at once, in the same order within each event. */
const TEXTS_OF_EVENTS = `SELECT event_id, lang, headline, summary FROM summaries WHERE event_id = ANY($1::text[])
  ORDER BY event_id, lang, method = 'llm' DESC, created_at DESC`;
/** ALERT_SQL.formerIds for many events at once. */
const FORMER_IDS_OF_EVENTS = `SELECT from_id, into_id FROM event_merges WHERE into_id = ANY($1::text[]) ORDER BY into_id, from_id`;

/**
 * Where breaking alerts look for events, on PostgreSQL: SQLite's statements and the same
 * assembly. (Events first seen at the same millisecond may come in another order than on SQLite,
 * by the database's collation: alerts are sent one by one either way.)
 */
export function createPostgresAlertEventSource(pool: pg.Pool): Port<AlertEventSource> {
  const reports = numbered(ALERT_SQL.reports);
  return {
    async recentEvents(since) {
      const found = (await pool.query<ReportRow>(reports, [since])).rows;
      const ids = [...new Set(found.map((r) => r.event_id))];
      if (ids.length === 0) return [];
      // Two queries for all the events, not two per event: a busy day's pass must not queue
      // hundreds of queries ahead of the chat and the relay on the pool.
      const [texts, former] = await Promise.all([
        pool.query<TextRow & { event_id: string }>(TEXTS_OF_EVENTS, [ids]),
        pool.query<{ from_id: string; into_id: string }>(FORMER_IDS_OF_EVENTS, [ids]),
      ]);
      const extras = new Map<string, { texts: TextRow[]; formerIds: string[] }>(
        ids.map((id) => [id, { texts: [], formerIds: [] }]),
      );
      for (const t of texts.rows) extras.get(t.event_id)?.texts.push(t);
      for (const m of former.rows) extras.get(m.into_id)?.formerIds.push(m.from_id);
      return alertViewsOf(found, extras as ReadonlyMap<string, EventExtras>);
    },
  };
}
