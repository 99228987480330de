import type Database from "better-sqlite3";
import type { Db } from "./database.js";

/** An item as analysis reads it from the store. */
export interface StoredArticle {
  readonly id: number;
  readonly sourceId: string;
  readonly title: string;
  readonly lead: string;
  readonly text: string;
  readonly url: string;
  readonly lang: "vi" | "en";
  readonly publishedAt: number;
  /** Set for analysed items that belong to an event. */
  readonly eventId?: string | undefined;
  readonly relevance?: number | undefined;
}

export interface ItemAnalysis {
  readonly itemId: number;
  readonly relevance: number;
  readonly topics: readonly string[];
  readonly eventId: string;
  readonly analyzedAt: number;
}

/** Two events found to be one story: `from`'s items now belong to `into`. */
export interface EventMerge {
  readonly from: string;
  readonly into: string;
}

export interface StoredSummary {
  readonly eventId: string;
  readonly lang: string;
  /** The event's headline in this language (from its reports in it). */
  readonly headline: string;
  readonly method: string;
  readonly inputHash: string;
  readonly summary: string;
  readonly createdAt: number;
}

/** Events, their items and per-item analysis results. */
export interface EventStore {
  /** Items not analysed yet, oldest first. */
  unanalyzed(limit: number): StoredArticle[];
  /** Analysed items published at or after `since`, oldest first, with their events (to rebuild the clusterer). */
  recentAnalyzed(since: number): StoredArticle[];
  /**
   * Record analysis results and event membership, and refresh the touched events' aggregates, in
   * one transaction. Merges are applied first, in order: the absorbed event's items, what each
   * chat was shown of it and the alerts sent for it move to the event it is part of now.
   */
  saveAnalyses(analyses: readonly ItemAnalysis[], merges?: readonly EventMerge[]): void;
  /** The items of one event, oldest first. */
  eventItems(eventId: string): StoredArticle[];
  /**
   * An event's headline (the one search and logs show: the default language's when it has
   * reports in it) and its headline and summary in each language it was reported in.
   */
  saveEventTexts(eventId: string, headline: string, texts: readonly StoredSummary[]): void;
}

export interface ItemRow {
  id: number;
  source_id: string;
  title: string;
  lead: string;
  text: string;
  url: string;
  lang: "vi" | "en";
  published_at: number;
  event_id: string | null;
  relevance: number | null;
}

const COLUMNS =
  "i.id, i.source_id, i.title, i.lead, i.text, i.url, i.lang, i.published_at, ei.event_id, i.relevance FROM items i LEFT JOIN event_items ei ON ei.item_id = i.id";

export const toArticle = (r: ItemRow): StoredArticle => ({
  id: r.id,
  sourceId: r.source_id,
  title: r.title,
  lead: r.lead,
  text: r.text,
  url: r.url,
  lang: r.lang,
  publishedAt: r.published_at,
  eventId: r.event_id ?? undefined,
  relevance: r.relevance ?? undefined,
});

/** One statement of the event store, written once for both dialects (`?` placeholders; see postgres/placeholders). */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * The event store's statements. Standard SQL both SQLite and PostgreSQL run as written (ON
 * CONFLICT, no INSERT OR IGNORE), so the two stores cannot drift apart.
 */
export const EVENT_SQL = {
  unanalyzed: `SELECT ${COLUMNS} WHERE i.analyzed_at IS NULL ORDER BY i.published_at, i.id LIMIT ?`,
  recent: `SELECT ${COLUMNS} WHERE i.analyzed_at IS NOT NULL AND i.published_at >= ? ORDER BY i.published_at, i.id`,
  ofEvent: `SELECT ${COLUMNS} WHERE ei.event_id = ? ORDER BY i.published_at, i.id`,
  topicsOf: "SELECT i.topics FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = ?",
  setTopics: "UPDATE events SET topics = ? WHERE id = ?",
  setItem: "UPDATE items SET relevance = ?, topics = ?, analyzed_at = ? WHERE id = ?",
  ensureEvent: "INSERT INTO events (id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
  link: "INSERT INTO event_items (event_id, item_id) VALUES (?, ?) ON CONFLICT (item_id) DO UPDATE SET event_id = excluded.event_id",
  refresh: `UPDATE events SET
      first_seen = (SELECT MIN(i.published_at) FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = events.id),
      last_seen = (SELECT MAX(i.published_at) FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = events.id),
      relevance = (SELECT COALESCE(MAX(i.relevance), 0) FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = events.id),
      item_count = (SELECT COUNT(*) FROM event_items ei WHERE ei.event_id = events.id),
      outlet_count = (SELECT COUNT(DISTINCT i.source_id) FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = events.id)
    WHERE id = ?`,
  setHeadline: "UPDATE events SET headline = ? WHERE id = ?",
  upsertSummary: `INSERT INTO summaries (event_id, lang, method, input_hash, summary, headline, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (event_id, lang, method) DO UPDATE SET input_hash = excluded.input_hash, summary = excluded.summary,
      headline = excluded.headline, created_at = excluded.created_at`,
  moveItems: "UPDATE event_items SET event_id = ? WHERE event_id = ?",
  carrySent: `INSERT INTO sent_events (subscription_id, event_id, item_count, sent_at)
    SELECT subscription_id, ?, item_count, sent_at FROM sent_events WHERE event_id = ? ON CONFLICT DO NOTHING`,
  dropSent: "DELETE FROM sent_events WHERE event_id = ?",
  repointMerges: "UPDATE event_merges SET into_id = ? WHERE into_id = ?",
  recordMerge: `INSERT INTO event_merges (from_id, into_id, merged_at) VALUES (?, ?, ?)
    ON CONFLICT (from_id) DO UPDATE SET into_id = excluded.into_id, merged_at = excluded.merged_at`,
  dropEvent: "DELETE FROM events WHERE id = ?",
} as const;

const statement = (sql: string, ...params: unknown[]): Statement => ({ sql, params });

/**
 * What saving a batch's analyses writes, in order: merges first (the absorbed event's items, what
 * each chat was shown of it and the alerts sent for it move to the event it is part of now), then
 * each item's analysis and membership, then the touched events' aggregates. The touched events'
 * topics follow (`topicsUnion`), as they need a read.
 */
export function analysisWrites(
  analyses: readonly ItemAnalysis[],
  merges: readonly EventMerge[],
): { readonly writes: Statement[]; readonly touched: string[] } {
  const touched = new Set<string>();
  const writes: Statement[] = [];
  const at = analyses[0]?.analyzedAt ?? 0;
  for (const { from, into } of merges) {
    writes.push(
      statement(EVENT_SQL.ensureEvent, into, at, at),
      statement(EVENT_SQL.moveItems, into, from),
      statement(EVENT_SQL.carrySent, into, from),
      statement(EVENT_SQL.dropSent, from),
      statement(EVENT_SQL.repointMerges, into, from),
      statement(EVENT_SQL.recordMerge, from, into, at),
      statement(EVENT_SQL.dropEvent, from),
    );
    touched.delete(from);
    touched.add(into);
  }
  for (const a of analyses) {
    writes.push(
      statement(EVENT_SQL.setItem, a.relevance, JSON.stringify(a.topics), a.analyzedAt, a.itemId),
      statement(EVENT_SQL.ensureEvent, a.eventId, a.analyzedAt, a.analyzedAt),
      statement(EVENT_SQL.link, a.eventId, a.itemId),
    );
    touched.add(a.eventId);
  }
  for (const id of touched) writes.push(statement(EVENT_SQL.refresh, id));
  return { writes, touched: [...touched] };
}

/** An event's topics: the union of its items' topics, sorted, as stored. */
export function topicsUnion(rows: readonly { readonly topics: string | null }[]): string {
  const topics = new Set<string>();
  for (const r of rows) for (const t of JSON.parse(r.topics ?? "[]") as string[]) topics.add(t);
  return JSON.stringify([...topics].sort());
}

/** What saving an event's texts writes: its headline, and each language's headline and summary. */
export const textWrites = (eventId: string, headline: string, texts: readonly StoredSummary[]): Statement[] => [
  statement(EVENT_SQL.setHeadline, headline, eventId),
  ...texts.map((s) =>
    statement(EVENT_SQL.upsertSummary, s.eventId, s.lang, s.method, s.inputHash, s.summary, s.headline, s.createdAt),
  ),
];

/** The SQLite event store: the shared statements, prepared once each, a transaction per save. */
export function createSqliteEventStore(db: Db): EventStore {
  const prepared = new Map<string, Database.Statement<unknown[]>>();
  const prepare = (sql: string): Database.Statement<unknown[]> => {
    let p = prepared.get(sql);
    if (p === undefined) {
      p = db.prepare<unknown[]>(sql);
      prepared.set(sql, p);
    }
    return p;
  };
  const run = ({ sql, params }: Statement) => prepare(sql).run(...params);
  const rows = (sql: string, ...params: unknown[]) => prepare(sql).all(...params) as ItemRow[];
  const saveAnalyses = db.transaction((analyses: readonly ItemAnalysis[], merges: readonly EventMerge[]) => {
    const { writes, touched } = analysisWrites(analyses, merges);
    for (const w of writes) run(w);
    for (const id of touched) {
      const topics = prepare(EVENT_SQL.topicsOf).all(id) as { topics: string | null }[];
      run(statement(EVENT_SQL.setTopics, topicsUnion(topics), id));
    }
  });
  const saveTexts = db.transaction((eventId: string, headline: string, texts: readonly StoredSummary[]) => {
    for (const w of textWrites(eventId, headline, texts)) run(w);
  });
  return {
    unanalyzed: (limit) => rows(EVENT_SQL.unanalyzed, limit).map(toArticle),
    recentAnalyzed: (since) => rows(EVENT_SQL.recent, since).map(toArticle),
    saveAnalyses: (analyses, merges = []) => saveAnalyses(analyses, merges),
    eventItems: (eventId) => rows(EVENT_SQL.ofEvent, eventId).map(toArticle),
    saveEventTexts: (eventId, headline, texts) => saveTexts(eventId, headline, texts),
  };
}
