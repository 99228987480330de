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
      const extras = new Map<string, EventExtras>();
      await Promise.all(
        [...new Set(found.map((r) => r.event_id))].map(async (id) => {
          const [texts, former] = await Promise.all([
            pool.query<TextRow>(numbered(ALERT_SQL.texts), [id]),
            pool.query<{ from_id: string }>(numbered(ALERT_SQL.formerIds), [id]),
          ]);
          extras.set(id, { texts: texts.rows, formerIds: former.rows.map((m) => m.from_id) });
        }),
      );
      return alertViewsOf(found, extras);
    },
  };
}
