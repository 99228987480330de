import type Database from "better-sqlite3";
import { type DigestCandidate, eventId, type Lang, type TopicId, topicId } from "../domain/index.js";

export interface DigestWindowQuery {
  /** Epoch ms; events last seen before are left out. */
  readonly since: number;
  /** Epoch ms; events first seen after (clock skew in feeds) are left out. */
  readonly until: number;
  readonly lang: Lang;
  readonly minRelevance: number;
}

export interface DigestSource {
  /** Candidate events of a window, selected in SQL by window and relevance first. */
  eventsInWindow(query: DigestWindowQuery): DigestCandidate[];
  /** What a subscription was already sent: event id → item count then. */
  sentEvents(subscriptionId: number): Map<string, number>;
}

export interface EventRow {
  id: string;
  headline: string;
  relevance: number;
  topics: string;
  item_count: number;
  first_seen: number;
  last_seen: number;
}

export interface TextRow {
  event_id: string;
  lang: Lang;
  headline: string;
  summary: string;
}

export interface OutletRow {
  event_id: string;
  name: string;
  url: string;
  title: string;
  lead: string;
  lang: Lang;
  first: number;
}

function parseTopics(json: string): TopicId[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string").map(topicId) : [];
  } catch {
    return [];
  }
}

/** The rows both stores read for a window, by query. */
export interface WindowRows {
  readonly events: readonly EventRow[];
  /** Per event and language, best first (an LLM summary, then the newest). */
  readonly texts: readonly TextRow[];
  /** Each outlet's earliest report per event, by event, then time, then outlet name. */
  readonly outlets: readonly OutletRow[];
}

/** A window's rows as digest candidates in the reader's language: the one assembly both stores share. */
export function candidatesOf(rows: WindowRows, lang: Lang): DigestCandidate[] {
  const byEvent = new Map<string, OutletRow[]>();
  for (const row of rows.outlets) {
    const list = byEvent.get(row.event_id);
    if (list === undefined) byEvent.set(row.event_id, [row]);
    else list.push(row);
  }
  const textsOf = new Map<string, TextRow[]>();
  for (const row of rows.texts) {
    const list = textsOf.get(row.event_id) ?? [];
    // Rows come best first within a language: keep the first of each.
    if (!list.some((t) => t.lang === row.lang)) list.push(row);
    textsOf.set(row.event_id, list);
  }
  return rows.events.map((e) => {
    const reports = byEvent.get(e.id) ?? [];
    // The reader's language when the event was reported in it, else the other one.
    const own = textsOf.get(e.id) ?? [];
    const text = own.find((t) => t.lang === lang) ?? own[0];
    const first = reports.find((r) => r.lang === lang) ?? reports[0];
    return {
      eventId: eventId(e.id),
      headline: text !== undefined && text.headline !== "" ? text.headline : e.headline,
      summary: text?.summary ?? first?.lead ?? "",
      lang: text?.lang ?? first?.lang ?? lang,
      itemCount: e.item_count,
      outlets: reports.map((r) => ({ name: r.name, url: r.url, lang: r.lang })),
      topics: parseTopics(e.topics),
      relevance: e.relevance,
      firstSeen: e.first_seen,
      lastSeen: e.last_seen,
      // Built only when a chat's watches or mutes ask for it.
      get matchText() {
        return [
          e.headline,
          ...own.flatMap((t) => [t.headline, t.summary]),
          ...reports.flatMap((r) => [r.title, r.lead]),
        ].join("\n");
      },
    };
  });
}

/** The digest's read side over events, event_items, items, sources and summaries. */
export function createSqliteDigestSource(db: Database.Database): DigestSource {
  const events = db.prepare<[number, number, number], EventRow>(`
    SELECT e.id, e.headline, e.relevance, e.topics, e.item_count, e.first_seen, e.last_seen
    FROM events e
    WHERE e.last_seen >= ? AND e.first_seen <= ? AND e.relevance >= ? AND e.item_count > 0`);
  // Per event and language, the newest summary (an LLM one first) with its headline.
  const texts = db.prepare<[number, number, number], TextRow>(`
    SELECT s.event_id, s.lang, s.headline, s.summary
    FROM events e
    CROSS JOIN summaries s ON s.event_id = e.id
    WHERE e.last_seen >= ? AND e.first_seen <= ? AND e.relevance >= ? AND e.item_count > 0
    ORDER BY s.event_id, s.lang, s.method = 'llm' DESC, s.created_at DESC`);
  // SQLite returns the other columns of the MIN() row: each outlet's earliest article.
  // CROSS JOIN pins the join order: window first (events_last_seen), then each event's items;
  // left to itself the planner scans all of event_items.
  const outlets = db.prepare<[number, number, number], OutletRow>(`
    SELECT ei.event_id, src.name, i.url, i.title, i.lead, i.lang, MIN(i.published_at) AS first
    FROM events e
    CROSS JOIN event_items ei ON ei.event_id = e.id
    JOIN items i ON i.id = ei.item_id
    JOIN sources src ON src.id = i.source_id
    WHERE e.last_seen >= ? AND e.first_seen <= ? AND e.relevance >= ? AND e.item_count > 0
    GROUP BY ei.event_id, i.source_id
    ORDER BY ei.event_id, first, src.name`);
  const sent = db.prepare<[number], { event_id: string; item_count: number }>(
    "SELECT event_id, item_count FROM sent_events WHERE subscription_id = ?",
  );

  return {
    eventsInWindow({ since, until, lang, minRelevance }) {
      const rows = { events: events.all(since, until, minRelevance), texts: texts.all(since, until, minRelevance) };
      return candidatesOf({ ...rows, outlets: outlets.all(since, until, minRelevance) }, lang);
    },
    sentEvents(subscriptionId) {
      return new Map(sent.all(subscriptionId).map((r) => [r.event_id, r.item_count]));
    },
  };
}
