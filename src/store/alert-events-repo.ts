import type { EventId, Lang } from "../domain/index.js";
import type { Db } from "./database.js";

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

export interface ReportRow {
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

export interface TextRow {
  lang: Lang;
  headline: string;
  summary: string;
}

/** The alert source's statements, for both dialects (`?` placeholders). */
export const ALERT_SQL = {
  reports: `SELECT e.id AS event_id, e.headline, e.first_seen, e.topics, e.item_count,
            i.source_id, s.name AS source_name, i.lang, i.title, i.lead, i.url, i.published_at
     FROM events e
     JOIN event_items ei ON ei.event_id = e.id
     JOIN items i ON i.id = ei.item_id
     JOIN sources s ON s.id = i.source_id
     WHERE e.last_seen >= ?
     ORDER BY e.first_seen, e.id, i.published_at, i.id`,
  formerIds: "SELECT from_id FROM event_merges WHERE into_id = ? ORDER BY from_id",
  // Best first within a language (an LLM summary, then the newest); the first of each is kept.
  texts:
    "SELECT lang, headline, summary FROM summaries WHERE event_id = ? ORDER BY lang, method = 'llm' DESC, created_at DESC",
} as const;

/** What one event adds to its rows: its texts (best first per language) and the ids merged into it. */
export interface EventExtras {
  readonly texts: readonly TextRow[];
  readonly formerIds: readonly string[];
}

/** Events with their reports, from the report rows (ordered by event) and each event's extras. */
export function alertViewsOf(rows: readonly ReportRow[], extras: ReadonlyMap<string, EventExtras>): AlertEventView[] {
  const byEvent = new Map<string, { view: AlertEventView; reports: AlertEventView["reports"][number][] }>();
  for (const r of rows) {
    let entry = byEvent.get(r.event_id);
    if (entry === undefined) {
      const reports: AlertEventView["reports"][number][] = [];
      const more = extras.get(r.event_id);
      const texts: TextRow[] = [];
      for (const t of more?.texts ?? []) if (!texts.some((o) => o.lang === t.lang)) texts.push(t);
      const view: AlertEventView = {
        eventId: r.event_id as EventId,
        headline: r.headline,
        texts,
        firstSeen: r.first_seen,
        topics: JSON.parse(r.topics) as string[],
        itemCount: r.item_count,
        formerIds: (more?.formerIds ?? []).map((id) => id as EventId),
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
}

export function createSqliteAlertEventSource(db: Db): AlertEventSource {
  const rows = db.prepare<[number], ReportRow>(ALERT_SQL.reports);
  const formerIds = db.prepare<[string], { from_id: string }>(ALERT_SQL.formerIds);
  const texts = db.prepare<[string], TextRow>(ALERT_SQL.texts);
  return {
    recentEvents(since) {
      const found = rows.all(since);
      const extras = new Map<string, EventExtras>();
      for (const id of new Set(found.map((r) => r.event_id))) {
        extras.set(id, { texts: texts.all(id), formerIds: formerIds.all(id).map((m) => m.from_id) });
      }
      return alertViewsOf(found, extras);
    },
  };
}
