import type { Logger, Source } from "../domain/index.js";
import { afterFailure, afterSuccess, type BackoffPolicy, waitReason } from "./fetch-policy.js";
import { addFullText, type RelevancePredicate } from "./full-text.js";
import { type HttpFetchOptions, httpFetch } from "./http-fetch.js";
import type { SourceReport } from "./ingest-report.js";
import type { IngestItemStore, IngestSourceStore } from "./ports.js";
import { readFeedItems } from "./read-feed-items.js";

const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

export interface SourceIngestContext {
  readonly sourceStore: IngestSourceStore;
  readonly itemStore: IngestItemStore;
  readonly http: Omit<HttpFetchOptions, "accept">;
  readonly backoff: BackoffPolicy;
  readonly isRelevant: RelevancePredicate;
  readonly maxArticlesPerSource: number;
  readonly now: () => number;
  readonly logger: Logger;
}

/**
 * One source, start to end: respect its pause, fetch (conditionally), decode, parse,
 * normalise, fetch full text where asked, store in one batch, and record the fetch state.
 * Every way a site can fail ends in the report and the stored state, never in a throw.
 */
export async function ingestSource(source: Source, ctx: SourceIngestContext): Promise<SourceReport> {
  const started = ctx.now();
  const log = ctx.logger.child({ job: "ingest", sourceId: source.id });
  const report = (fields: Pick<SourceReport, "status" | "new" | "seen"> & { error?: string }): SourceReport => ({
    id: source.id,
    url: source.url,
    ...fields,
    ms: ctx.now() - started,
  });
  const state = ctx.sourceStore.fetchState(source.id);
  const waiting = waitReason(state, source, started);
  if (waiting !== undefined) {
    log.info({ pausedUntil: state.pausedUntil }, waiting);
    return report({ status: "error", new: 0, seen: 0, error: waiting });
  }
  const fail = (error: string, retryAfterMs?: number): SourceReport => {
    const next = afterFailure(state, source, error, started, ctx.backoff, retryAfterMs);
    ctx.sourceStore.recordFetch(source.id, next);
    log.warn({ failures: next.consecutiveFailures, pausedUntil: next.pausedUntil }, next.lastError ?? error);
    return report({ status: "error", new: 0, seen: 0, error: next.lastError ?? error });
  };

  const fetched = await httpFetch(source.url, { ...ctx.http, accept: FEED_ACCEPT }, state);
  if (fetched.status === "error") return fail(fetched.message, fetched.retryAfterMs);
  if (fetched.status === "not-modified") {
    ctx.sourceStore.recordFetch(source.id, afterSuccess(state, "not-modified", started));
    return report({ status: "not-modified", new: 0, seen: 0 });
  }
  const read = await readFeedItems(fetched.body, fetched.contentType, source, fetched.finalUrl, started);
  if (read.status === "error") return fail(read.message);
  const { items } = read;
  // Only pages cost a lookup first; for the rest the insert's unique keys do the deduplication.
  const toStore = source.fullText
    ? await addFullText(ctx.itemStore.unknown(items), ctx.isRelevant, ctx.maxArticlesPerSource, ctx.http, log)
    : items;
  const { inserted } = ctx.itemStore.insertBatch(toStore);
  ctx.sourceStore.recordFetch(source.id, afterSuccess(state, "ok", started, fetched));
  log.info({ new: inserted, seen: items.length }, "source ingested");
  return report({ status: "ok", new: inserted, seen: items.length });
}
