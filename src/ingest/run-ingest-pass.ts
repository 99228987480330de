import type { IngestStore } from "../domain/index.js";
import { type Logger, type Source, silentLogger } from "../domain/index.js";
import { createFeedReaderPool, type FeedReader } from "./feed-reader-pool.js";
import { type BackoffPolicy, DEFAULT_BACKOFF } from "./fetch-policy.js";
import type { RelevancePredicate } from "./full-text.js";
import { createHostLimiter } from "./host-limiter.js";
import type { IngestReport, SourceReport } from "./ingest-report.js";
import { ingestSource } from "./ingest-source.js";
import { createIngestWriter, DEFAULT_FLUSH_AT_ITEMS } from "./ingest-writer.js";

/** The `ingest` block of config/bantin.yaml (Settings["ingest"] satisfies it). */
export interface IngestSettings {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  readonly globalConcurrency: number;
  readonly pauseAfterFailures: number;
  readonly userAgent: string;
}

/** Everything one ingest pass needs; `start`, the scheduler and `ingest --once` all pass these. */
export interface IngestDeps {
  readonly sources: readonly Source[];
  readonly store: IngestStore;
  readonly settings: IngestSettings;
  /** Backoff details beyond `settings.pauseAfterFailures`; defaults are 1 min doubling, 30 min pause. */
  readonly backoff?: Partial<Omit<BackoffPolicy, "pauseAfterFailures">>;
  /** Which new items of fullText sources are worth fetching the page for; default: all. */
  readonly isRelevant?: RelevancePredicate;
  /** Article pages fetched per source and pass, at most. Default 20. */
  readonly maxArticlesPerSource?: number;
  /**
   * Worker threads that parse and normalise feeds while the main thread writes; 0 parses on
   * the main thread. Default: one fewer than the cores, at most 2. Ignored with `feedReader`.
   */
  readonly parseWorkers?: number;
  /** A feed reader that outlives the pass (its owner closes it); default: a pool for this pass. */
  readonly feedReader?: FeedReader;
  /** Items staged before a commit is forced (the pass's end commits the rest). Default 2,000. */
  readonly flushAtItems?: number;
  readonly now?: () => number;
  readonly logger?: Logger;
}

/**
 * One pass over the sources: each configured source gets a row, then all are fetched with
 * one request per host at a time and `globalConcurrency` overall. Finished sources' items
 * and fetch states are committed together in groups (see IngestWriter), the last group when
 * every source is done. A failing source (or a bug while handling one, or a failed commit)
 * is that source's error in the report; the pass always completes.
 */
export async function runIngestPass(deps: IngestDeps): Promise<IngestReport> {
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  await deps.store.upsertSources(deps.sources);
  const limiter = createHostLimiter(deps.settings.globalConcurrency);
  const reader = deps.feedReader ?? createFeedReaderPool({ workers: deps.parseWorkers, logger });
  const writer = createIngestWriter(deps.store, deps.flushAtItems ?? DEFAULT_FLUSH_AT_ITEMS);
  let running = deps.sources.length;
  const ctx = {
    writer,
    reader,
    store: deps.store,
    http: {
      timeoutMs: deps.settings.timeoutMs,
      maxBodyBytes: deps.settings.maxBodyBytes,
      maxRedirects: deps.settings.maxRedirects,
      userAgent: deps.settings.userAgent,
    },
    backoff: { ...DEFAULT_BACKOFF, ...deps.backoff, pauseAfterFailures: deps.settings.pauseAfterFailures },
    isRelevant: deps.isRelevant ?? (() => true),
    maxArticlesPerSource: deps.maxArticlesPerSource ?? 20,
    now,
    logger,
  };
  const reports = await Promise.all(
    deps.sources.map(async (source): Promise<SourceReport> => {
      const started = now();
      try {
        // The slot is given back before waiting for the commit, which may wait for other sources.
        const staged = await limiter
          .run(source.url, () => ingestSource(source, ctx))
          .finally(() => {
            if (--running === 0) void writer.flush();
          });
        return await staged.report;
      } catch (error) {
        logger.error({ err: error, sourceId: source.id }, "ingest failed on a source");
        const message = `internal error: ${(error as Error)?.message ?? String(error)}`;
        return {
          id: source.id,
          url: source.url,
          status: "error",
          new: 0,
          seen: 0,
          error: message,
          ms: now() - started,
        };
      }
    }),
  ).finally(() => (deps.feedReader === undefined ? reader.close() : undefined));
  return { sources: reports };
}
