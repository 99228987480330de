import type { Logger } from "../domain/index.js";
import type { NewsPipeline } from "./news-pipeline.js";

/**
 * One ingest pass and the analysis of what it stored, so the first /digest after `start` has
 * news. A failing feed is that feed's error in the log; the pass always completes. When
 * `stopSignal` fires during the pass, the pass still completes (what it fetched is committed)
 * but the analysis is left for the next run.
 */
export async function refreshNews(pipeline: NewsPipeline, logger: Logger, stopSignal?: AbortSignal): Promise<void> {
  const log = logger.child({ job: "start-refresh" });
  const report = await pipeline.ingest();
  const failed = report.sources.filter((s) => s.status === "error").map((s) => ({ id: s.id, error: s.error }));
  if (failed.length > 0) log.warn({ failed }, "some sources failed at start");
  if (stopSignal?.aborted === true) {
    log.info({ sources: report.sources.length }, "stop requested: first ingest pass finished, analysis skipped");
    return;
  }
  const analyzed = await pipeline.analyze();
  const stored = report.sources.reduce((n, s) => n + s.new, 0);
  log.info({ sources: report.sources.length, new: stored, ...analyzed }, "news refreshed at start");
}
