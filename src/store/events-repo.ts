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
  /** Store an event's headline and (replacing) its summary for one language and method. */
  /**
   * An event's headline (the one search and logs show: the default language's when it has
   * reports in it) and its headline and summary in each language it was reported in.
   */
  saveEventTexts(eventId: string, headline: string, texts: readonly StoredSummary[]): void;
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
    INSERT INTO summaries (event_id, lang, method, input_hash, summary, headline, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(event_id, lang, method) DO UPDATE SET input_hash = excluded.input_hash, summary = excluded.summary,
      headline = excluded.headline, created_at = excluded.created_at`);

  const moveItems = db.prepare("UPDATE event_items SET event_id = ? WHERE event_id = ?");
  const carrySent = db.prepare(
    "INSERT OR IGNORE INTO sent_events (subscription_id, event_id, item_count, sent_at) SELECT subscription_id, ?, item_count, sent_at FROM sent_events WHERE event_id = ?",
  );
  const dropSent = db.prepare("DELETE FROM sent_events WHERE event_id = ?");
  const repointMerges = db.prepare("UPDATE event_merges SET into_id = ? WHERE into_id = ?");
  const recordMerge = db.prepare(
    "INSERT INTO event_merges (from_id, into_id, merged_at) VALUES (?, ?, ?) ON CONFLICT(from_id) DO UPDATE SET into_id = excluded.into_id, merged_at = excluded.merged_at",
  );
  const dropEvent = db.prepare("DELETE FROM events WHERE id = ?");

  const saveAnalyses = db.transaction((analyses: readonly ItemAnalysis[], merges: readonly EventMerge[]) => {
    const touched = new Set<string>();
    const at = analyses[0]?.analyzedAt ?? 0;
    for (const { from, into } of merges) {
      ensureEvent.run(into, at, at);
      moveItems.run(into, from);
      carrySent.run(into, from);
      dropSent.run(from);
      repointMerges.run(into, from);
      recordMerge.run(from, into, at);
      dropEvent.run(from);
      touched.delete(from);
      touched.add(into);
    }
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
  const saveTexts = db.transaction((eventId: string, headline: string, texts: readonly StoredSummary[]) => {
    setHeadline.run(headline, eventId);
    for (const s of texts)
      upsertSummary.run(s.eventId, s.lang, s.method, s.inputHash, s.summary, s.headline, s.createdAt);
  });

  return {
    unanalyzed: (limit) => unanalyzed.all(limit).map(toArticle),
    recentAnalyzed: (since) => recent.all(since).map(toArticle),
    saveAnalyses: (analyses, merges = []) => saveAnalyses(analyses, merges),
    eventItems: (eventId) => ofEvent.all(eventId).map(toArticle),
    saveEventTexts: (eventId, headline, texts) => saveTexts(eventId, headline, texts),
  };
}
