import type { Lexicon } from "../analyze/lexicon.js";
import type { Settings } from "../config/index.js";
import type { Logger, Source } from "../domain/index.js";
import { runIngestPass } from "../ingest/run-ingest-pass.js";
import { analyzePending } from "../schedule/analyze-pending.js";
import type { Db } from "../store/database.js";
import { createSqliteItemStore } from "../store/items-repo.js";
import { createSqliteSourceStore } from "../store/sources-repo.js";

export interface RefreshDeps {
  readonly db: Db;
  readonly sources: readonly Source[];
  readonly lexicon: Lexicon;
  readonly settings: Settings;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * One ingest pass (which also upserts the configured sources) and the analysis of what it
 * stored, so the first /digest after `start` has news. A failing feed is that feed's error in
 * the log; the pass always completes.
 */
export async function refreshNews(deps: RefreshDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ job: "start-refresh" });
  const report = await runIngestPass({
    sources: deps.sources,
    sourceStore: createSqliteSourceStore(deps.db),
    itemStore: createSqliteItemStore(deps.db),
    settings: deps.settings.ingest,
    logger,
    now,
  });
  const failed = report.sources.filter((s) => s.status === "error").map((s) => ({ id: s.id, error: s.error }));
  if (failed.length > 0) logger.warn({ failed }, "some sources failed at start");
  const analyzed = await analyzePending({ db: deps.db, topics: deps.lexicon, settings: deps.settings, now: now() });
  logger.info({ sources: report.sources.length, ...analyzed }, "news refreshed at start");
}
