import type { IngestStore, Logger, Source } from "../domain/index.js";
import type { FeedReader } from "./feed-reader-pool.js";
import { afterFailure, afterSuccess, type BackoffPolicy, type SourceFetchState, waitReason } from "./fetch-policy.js";
import { addFullText, type RelevancePredicate } from "./full-text.js";
import { type HttpFetchOptions, type HttpFetchOutcome, httpFetch } from "./http-fetch.js";
import type { SourceReport } from "./ingest-report.js";
import type { IngestWriter } from "./ingest-writer.js";

const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

export interface SourceIngestContext {
  readonly store: IngestStore;
  readonly writer: IngestWriter;
  /** Decodes, parses and normalises fetched feeds (on worker threads in a pass). */
  readonly reader: FeedReader;
  readonly http: Omit<HttpFetchOptions, "accept">;
  readonly backoff: BackoffPolicy;
  readonly isRelevant: RelevancePredicate;
  readonly maxArticlesPerSource: number;
  readonly now: () => number;
  readonly logger: Logger;
}

/**
 * A source whose work is done and whose writes are staged. The report comes once they are
 * committed; it is wrapped so the caller can give back the source's fetch slot before waiting.
 */
export interface StagedSource {
  readonly report: Promise<SourceReport>;
}

type FetchedFeed = Extract<HttpFetchOutcome, { status: "ok" }>;

/**
 * One source, start to end: respect its pause, fetch (conditionally), decode, parse,
 * normalise, fetch full text where asked, and stage its items with its new fetch state for
 * the pass's writer. Every way a site can fail ends in the report and the stored state,
 * never in a throw.
 */
export async function ingestSource(source: Source, ctx: SourceIngestContext): Promise<StagedSource> {
  const started = ctx.now();
  const log = ctx.logger.child({ job: "ingest", sourceId: source.id });
  const staged = (
    fields: Pick<SourceReport, "status" | "seen"> & { error?: string },
    inserted: Promise<number>,
  ): StagedSource => {
    const ms = ctx.now() - started;
    return { report: inserted.then((n) => ({ id: source.id, url: source.url, ...fields, new: n, ms })) };
  };
  const state = await ctx.store.fetchState(source.id);
  const waiting = waitReason(state, source, started);
  if (waiting !== undefined) {
    log.info({ pausedUntil: state.pausedUntil }, waiting);
    return staged({ status: "error", seen: 0, error: waiting }, Promise.resolve(0));
  }
  const fail = (error: string, retryAfterMs?: number): StagedSource => {
    const next = afterFailure(state, source, error, started, ctx.backoff, retryAfterMs);
    log.warn({ failures: next.consecutiveFailures, pausedUntil: next.pausedUntil }, next.lastError ?? error);
    return staged({ status: "error", seen: 0, error: next.lastError ?? error }, ctx.writer.stage(source.id, [], next));
  };

  const fetched = await httpFetch(source.url, { ...ctx.http, accept: FEED_ACCEPT, headers: source.headers }, state);
  if (fetched.status === "error") return fail(fetched.message, fetched.retryAfterMs);
  if (fetched.status === "not-modified") {
    const next = afterSuccess(state, "not-modified", started);
    return staged({ status: "not-modified", seen: 0 }, ctx.writer.stage(source.id, [], next));
  }
  const read = await stageFeed(source, fetched, state, started, { ...ctx, logger: log });
  if (read.status === "error") return fail(read.message);
  const inserted = read.inserted.then((n) => {
    log.info({ new: n, seen: read.seen }, "source ingested");
    return n;
  });
  return staged({ status: "ok", seen: read.seen }, inserted);
}

/**
 * Everything after a successful fetch: decode, parse, normalise (by the reader), full text for the sources
 * that ask (only pages cost a lookup first; for the rest the insert's unique keys
 * deduplicate), then stage the items with the source's new fetch state. The ingest
 * benchmark runs this same function.
 */
export async function stageFeed(
  source: Source,
  fetched: FetchedFeed,
  previous: SourceFetchState,
  fetchedAt: number,
  ctx: Pick<
    SourceIngestContext,
    "store" | "writer" | "reader" | "http" | "isRelevant" | "maxArticlesPerSource" | "logger"
  >,
): Promise<
  | { readonly status: "ok"; readonly seen: number; readonly inserted: Promise<number> }
  | { readonly status: "error"; readonly message: string }
> {
  const read = await ctx.reader.read(fetched.body, fetched.contentType, source, fetched.finalUrl, fetchedAt);
  if (read.status === "error") return read;
  const { items } = read;
  const toStore = source.fullText
    ? await addFullText(
        await ctx.store.unknown(items),
        ctx.isRelevant,
        ctx.maxArticlesPerSource,
        { ...ctx.http, headers: source.headers },
        ctx.logger,
      )
    : items;
  const next = afterSuccess(previous, "ok", fetchedAt, fetched);
  return { status: "ok", seen: items.length, inserted: ctx.writer.stage(source.id, toStore, next) };
}
