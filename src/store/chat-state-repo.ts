import type { Db } from "./database.js";

/** A source's fetch health, as /sources shows it. */
export interface SourceHealth {
  readonly id: string;
  readonly name: string;
  readonly lang: "vi" | "en";
  readonly consecutiveFailures: number;
  readonly pausedUntil: number | null;
  readonly lastStatus: string | null;
  readonly lastError: string | null;
  readonly lastSuccessAt: number | null;
}

/** What the chat commands read about the newsroom's state (sources and ingest), never writing. */
export interface ChatStateRepo {
  sourceHealth(): SourceHealth[];
  /** The most recent successful fetch of any source, or null before the first ingest. */
  lastIngestAt(): number | null;
}

export function createSqliteChatStateRepo(db: Db): ChatStateRepo {
  const health = db.prepare<[], SourceHealth>(
    `SELECT id, name, lang, consecutive_failures AS consecutiveFailures, paused_until AS pausedUntil,
            last_status AS lastStatus, last_error AS lastError, last_success_at AS lastSuccessAt
       FROM sources ORDER BY name COLLATE NOCASE, id`,
  );
  const lastIngest = db.prepare<[], { at: number | null }>("SELECT MAX(last_success_at) AS at FROM sources");
  return {
    sourceHealth: () => health.all(),
    lastIngestAt: () => lastIngest.get()?.at ?? null,
  };
}
