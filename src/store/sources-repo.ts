import type { Lang, Source, SourceFetchState, SourceId } from "../domain/index.js";
import { EMPTY_FETCH_STATE, sourceId } from "../domain/index.js";
import type { Db } from "./database.js";

/** A source as `sources list` shows it: its settings, its health, and how many items it gave. */
export interface SourceHealth extends Source, SourceFetchState {
  readonly items: number;
}

export interface SourceStore {
  /** Insert or update each source's settings; fetch state and items are kept. One transaction. */
  upsert(sources: readonly Source[]): void;
  /** Add a source that does not exist yet; false if the id is taken. */
  add(source: Source): boolean;
  /** Delete a source and, by cascade, its items; false if there was none. */
  remove(id: SourceId): boolean;
  list(): SourceHealth[];
  get(id: SourceId): SourceHealth | undefined;
  /** The fetch state; a source never fetched (or unknown) has the empty state. */
  fetchState(id: SourceId): SourceFetchState;
  recordFetch(id: SourceId, state: SourceFetchState): void;
}

export interface SourceRow {
  id: string;
  url: string;
  name: string;
  lang: Lang;
  full_text: number;
  weight: number;
  etag: string | null;
  last_modified: string | null;
  consecutive_failures: number;
  paused_until: number | null;
  last_status: SourceFetchState["lastStatus"];
  last_error: string | null;
  last_fetched_at: number | null;
  last_success_at: number | null;
  items: number;
}

export const SELECT_SOURCES = `SELECT s.*, (SELECT COUNT(*) FROM items i WHERE i.source_id = s.id) AS items FROM sources s`;

/** The sources table (001-initial.sql) behind prepared statements. */
export function createSqliteSourceStore(db: Db): SourceStore {
  const upsertOne = db.prepare(
    `INSERT INTO sources (id, url, name, lang, full_text, weight) VALUES (@id, @url, @name, @lang, @fullText, @weight)
     ON CONFLICT (id) DO UPDATE SET url = excluded.url, name = excluded.name, lang = excluded.lang,
       full_text = excluded.full_text, weight = excluded.weight,
       -- A new address is a new feed: its validators no longer apply.
       etag = CASE WHEN sources.url = excluded.url THEN sources.etag END,
       last_modified = CASE WHEN sources.url = excluded.url THEN sources.last_modified END`,
  );
  const insertOne = db.prepare(
    `INSERT OR IGNORE INTO sources (id, url, name, lang, full_text, weight) VALUES (@id, @url, @name, @lang, @fullText, @weight)`,
  );
  const deleteOne = db.prepare("DELETE FROM sources WHERE id = ?");
  const selectAll = db.prepare<[], SourceRow>(`${SELECT_SOURCES} ORDER BY s.id`);
  const selectOne = db.prepare<[string], SourceRow>(`${SELECT_SOURCES} WHERE s.id = ?`);
  // Without the item count: ingest reads this for every source on every pass, and counting scans items.
  const selectState = db.prepare<[string], Omit<SourceRow, "items">>("SELECT * FROM sources WHERE id = ?");
  const updateState = db.prepare(
    `UPDATE sources SET etag = @etag, last_modified = @lastModified, consecutive_failures = @consecutiveFailures,
       paused_until = @pausedUntil, last_status = @lastStatus, last_error = @lastError,
       last_fetched_at = @lastFetchedAt, last_success_at = @lastSuccessAt WHERE id = @id`,
  );
  const toParams = (s: Source) => ({ ...s, fullText: s.fullText ? 1 : 0 });
  const upsertAll = db.transaction((sources: readonly Source[]) => {
    for (const s of sources) upsertOne.run(toParams(s));
  });
  return {
    upsert: (sources) => upsertAll(sources),
    add: (source) => insertOne.run(toParams(source)).changes === 1,
    remove: (id) => deleteOne.run(id).changes === 1,
    list: () => selectAll.all().map(toHealth),
    get: (id) => {
      const row = selectOne.get(id);
      return row === undefined ? undefined : toHealth(row);
    },
    fetchState: (id) => {
      const row = selectState.get(id);
      return row === undefined ? EMPTY_FETCH_STATE : toRecord(row);
    },
    recordFetch: (id, state) => {
      updateState.run({ id, ...state });
    },
  };
}

export function toRecord(row: Omit<SourceRow, "items">): SourceFetchState {
  return {
    etag: row.etag,
    lastModified: row.last_modified,
    consecutiveFailures: row.consecutive_failures,
    pausedUntil: row.paused_until,
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastFetchedAt: row.last_fetched_at,
    lastSuccessAt: row.last_success_at,
  };
}

export function toHealth(row: SourceRow): SourceHealth {
  return {
    id: sourceId(row.id),
    url: row.url,
    name: row.name,
    lang: row.lang,
    fullText: row.full_text === 1,
    weight: row.weight,
    ...toRecord(row),
    items: row.items,
  };
}
