import { type Source, sourceTimezone } from "../domain/index.js";
import { decodeBody } from "./decode-body.js";
import { parseFeedDate } from "./feed-date.js";
import { createHostLimiter } from "./host-limiter.js";
import { httpFetch } from "./http-fetch.js";
import { parseFeed } from "./parse-feed.js";
import type { IngestSettings } from "./run-ingest-pass.js";

const FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

/** What one fetch of a source showed: whether it works from here, and what its feed carries. */
export type SourceCheck =
  | {
      readonly id: string;
      readonly url: string;
      readonly status: "ok";
      readonly items: number;
      /** Epoch milliseconds of the newest dated item; undefined when none is dated. */
      readonly newest: number | undefined;
      /** How many items carry a date we can read (the others are dated when first seen). */
      readonly dated: number;
    }
  | { readonly id: string; readonly url: string; readonly status: "error"; readonly error: string };

/**
 * Fetch every source once, unconditionally and with its own headers, and read its feed
 * without storing anything: how an operator sees which feeds work from their network, and
 * which write no dates. One request per host at a time, as ingest does.
 */
export async function checkSources(sources: readonly Source[], settings: IngestSettings): Promise<SourceCheck[]> {
  const limiter = createHostLimiter(settings.globalConcurrency);
  return Promise.all(sources.map((source) => limiter.run(source.url, () => checkSource(source, settings))));
}

async function checkSource(source: Source, settings: IngestSettings): Promise<SourceCheck> {
  const base = { id: source.id, url: source.url };
  const fetched = await httpFetch(source.url, { ...settings, accept: FEED_ACCEPT, headers: source.headers });
  if (fetched.status === "error") return { ...base, status: "error", error: fetched.message };
  if (fetched.status === "not-modified") return { ...base, status: "error", error: "HTTP 304 to a plain GET" };
  const parsed = await parseFeed(decodeBody(fetched.body, fetched.contentType).text);
  if (parsed.status === "error") return { ...base, status: "error", error: parsed.message };
  const timezone = sourceTimezone(source);
  const dates = parsed.feed.items
    .map((raw) => raw.pubDate ?? raw.isoDate)
    .map((d) => (typeof d === "string" ? parseFeedDate(d, timezone) : undefined))
    .filter((d): d is number => d !== undefined);
  return {
    ...base,
    status: "ok",
    items: parsed.feed.items.length,
    newest: dates.length === 0 ? undefined : Math.max(...dates),
    dated: dates.length,
  };
}
