import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { Lang } from "../domain/index.js";

export type SummaryMethod = "extractive" | "llm";

export interface CachedSummary {
  readonly summary: string;
  readonly inputHash: string;
  readonly createdAt: number;
}

/** Summaries kept per event, language and method, with a hash of what they were made from. */
export interface SummaryCache {
  /** The stored summary when it was made from exactly this input; undefined otherwise. */
  get(eventId: string, lang: Lang, method: SummaryMethod, inputHash: string): CachedSummary | undefined;
  put(eventId: string, lang: Lang, method: SummaryMethod, inputHash: string, summary: string, now: number): void;
}

/** A stable hash of an event's articles (ids, titles, texts): a new or edited article changes it. */
export function summaryInputHash(docs: readonly { id: string; title: string; text: string }[]): string {
  const hash = createHash("sha256");
  for (const d of [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(`${d.id}\u0000${d.title}\u0000${d.text}\u0001`);
  }
  return hash.digest("hex").slice(0, 32);
}

export function createSqliteSummaryCache(db: Database.Database): SummaryCache {
  const select = db.prepare<[string, string, string], { summary: string; input_hash: string; created_at: number }>(
    "SELECT summary, input_hash, created_at FROM summaries WHERE event_id = ? AND lang = ? AND method = ?",
  );
  const upsert = db.prepare(`
    INSERT INTO summaries (event_id, lang, method, input_hash, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT(event_id, lang, method) DO UPDATE SET
      input_hash = excluded.input_hash, summary = excluded.summary, created_at = excluded.created_at`);
  return {
    get(eventId, lang, method, inputHash) {
      const row = select.get(eventId, lang, method);
      if (row === undefined || row.input_hash !== inputHash) return undefined;
      return { summary: row.summary, inputHash: row.input_hash, createdAt: row.created_at };
    },
    put(eventId, lang, method, inputHash, summary, now) {
      upsert.run(eventId, lang, method, inputHash, summary, now);
    },
  };
}
