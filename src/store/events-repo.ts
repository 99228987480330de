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

export interface StoredSummary {
  readonly eventId: string;
  readonly lang: string;
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
  /** Record analysis results and event membership, and refresh the touched events' aggregates, in one transaction. */
  saveAnalyses(analyses: readonly ItemAnalysis[]): void;
  /** The items of one event, oldest first. */
  eventItems(eventId: string): StoredArticle[];
  /** Store an event's headline and (replacing) its summary for one language and method. */
  saveEventText(eventId: string, headline: string, summary: StoredSummary): void;
}

interface ItemRow {
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

const toArticle = (r: ItemRow): StoredArticle => ({
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

/** The SQLite event store. */
export function createSqliteEventStore(db: Db): EventStore {
  const unanalyzed = db.prepare<[number], ItemRow>(
    `SELECT ${COLUMNS} WHERE i.analyzed_at IS NULL ORDER BY i.published_at, i.id LIMIT ?`,
  );
  const recent = db.prepare<[number], ItemRow>(
    `SELECT ${COLUMNS} WHERE i.analyzed_at IS NOT NULL AND i.published_at >= ? ORDER BY i.published_at, i.id`,
  );
  const ofEvent = db.prepare<[string], ItemRow>(
    `SELECT ${COLUMNS} WHERE ei.event_id = ? ORDER BY i.published_at, i.id`,
  );
  const setItem = db.prepare("UPDATE items SET relevance = ?, topics = ?, analyzed_at = ? WHERE id = ?");
  const ensureEvent = db.prepare(
    "INSERT INTO events (id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING",
  );
  const link = db.prepare(
    "INSERT INTO event_items (event_id, item_id) VALUES (?, ?) ON CONFLICT(item_id) DO UPDATE SET event_id = excluded.event_id",
  );
  const refresh = db.prepare(`
    UPDATE events SET
      first_seen = (SELECT MIN(i.published_at) FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = events.id),
      last_seen = (SELECT MAX(i.published_at) FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = events.id),
      relevance = (SELECT COALESCE(MAX(i.relevance), 0) FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = events.id),
      item_count = (SELECT COUNT(*) FROM event_items ei WHERE ei.event_id = events.id),
      outlet_count = (SELECT COUNT(DISTINCT i.source_id) FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = events.id)
    WHERE id = ?`);
  const topicsOf = db.prepare<[string], { topics: string | null }>(
    "SELECT i.topics FROM items i JOIN event_items ei ON ei.item_id = i.id WHERE ei.event_id = ?",
  );
  const setTopics = db.prepare("UPDATE events SET topics = ? WHERE id = ?");
  const setHeadline = db.prepare("UPDATE events SET headline = ? WHERE id = ?");
  const upsertSummary = db.prepare(`
    INSERT INTO summaries (event_id, lang, method, input_hash, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT(event_id, lang, method) DO UPDATE SET input_hash = excluded.input_hash, summary = excluded.summary, created_at = excluded.created_at`);

  const saveAnalyses = db.transaction((analyses: readonly ItemAnalysis[]) => {
    const touched = new Set<string>();
    for (const a of analyses) {
      setItem.run(a.relevance, JSON.stringify(a.topics), a.analyzedAt, a.itemId);
      ensureEvent.run(a.eventId, a.analyzedAt, a.analyzedAt);
      link.run(a.eventId, a.itemId);
      touched.add(a.eventId);
    }
    for (const id of touched) {
      refresh.run(id);
      const topics = new Set<string>();
      for (const r of topicsOf.all(id)) for (const t of JSON.parse(r.topics ?? "[]") as string[]) topics.add(t);
      setTopics.run(JSON.stringify([...topics].sort()), id);
    }
  });
  const saveText = db.transaction((eventId: string, headline: string, s: StoredSummary) => {
    setHeadline.run(headline, eventId);
    upsertSummary.run(s.eventId, s.lang, s.method, s.inputHash, s.summary, s.createdAt);
  });

  return {
    unanalyzed: (limit) => unanalyzed.all(limit).map(toArticle),
    recentAnalyzed: (since) => recent.all(since).map(toArticle),
    saveAnalyses: (analyses) => saveAnalyses(analyses),
    eventItems: (eventId) => ofEvent.all(eventId).map(toArticle),
    saveEventText: (eventId, headline, summary) => saveText(eventId, headline, summary),
  };
}
