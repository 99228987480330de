import { hash } from "node:crypto";
import { type Item, type Source, sourceTimezone } from "../domain/index.js";
import { foldDiacritics, normalizeText } from "../text/index.js";
import { canonicalUrl } from "./canonical-url.js";
import { parseFeedDate } from "./feed-date.js";
import { htmlToText } from "./html-to-text.js";
import type { RawFeedItem } from "./parse-feed.js";

/** An item ready to store: everything but the database id. */
export type NewItem = Omit<Item, "id">;

/** Leads longer than this are cut at a word boundary: the lead is a teaser, the text is the body. */
const MAX_LEAD = 1_000;
const MAX_TITLE = 500;
/** Clocks disagree a little; a date later than this past the fetch is a feed's mistake. */
const FUTURE_SKEW_MS = 10 * 60 * 1000;

/** What normalising needs of the source: whose items these are, their language, the zone of zone-less dates. */
export interface ItemSource {
  readonly sourceId: Item["sourceId"];
  readonly lang: Item["lang"];
  readonly tz?: Source["tz"];
}

/**
 * One feed entry as a storable item, or why it cannot be one (no address to cite, or
 * nothing to show). Pure: the fetch time comes in as `fetchedAt`.
 */
export function normalizeItem(
  raw: RawFeedItem,
  source: ItemSource,
  feedUrl: string,
  fetchedAt: number,
): { readonly item: NewItem } | { readonly skipped: string } {
  const guidRaw = stringOf(raw.guid) ?? stringOf(raw.id);
  const url = canonicalUrl(stringOf(raw.link), feedUrl) ?? canonicalUrl(guidRaw);
  if (url === undefined) return { skipped: "no link to cite" };
  const leadHtml =
    stringOf(raw.summary) ??
    stringOf(raw.content) ??
    stringOf(raw.contentSnippet) ??
    stringOf(raw["content:encoded"]) ??
    "";
  const lead = clip(normalizeText(htmlToText(leadHtml)), MAX_LEAD);
  const title = clip(normalizeText(htmlToText(stringOf(raw.title) ?? "")), MAX_TITLE) || clip(lead, 120);
  if (title === "") return { skipped: "no title and no summary" };
  return {
    item: {
      sourceId: source.sourceId,
      guid: guidKey(guidRaw, url, feedUrl),
      url,
      title,
      lead,
      text: "",
      lang: source.lang,
      // The feed's own text, not rss-parser's isoDate: that one reads a zone-less date in the process's zone.
      publishedAt: publishedAt(stringOf(raw.pubDate) ?? stringOf(raw.isoDate), sourceTimezone(source), fetchedAt),
      fetchedAt,
      contentHash: contentHash(title, lead),
    },
  };
}

/**
 * sha256 of the folded title and lead: the same story re-published under a new guid or
 * address, or with "hòa"/"hoà" spelled the other way, hashes the same.
 */
export function contentHash(title: string, lead: string): string {
  // One-shot hash: a Hash object per item costs more than hashing its few hundred bytes.
  return hash("sha256", `${foldDiacritics(title)}\n${foldDiacritics(lead)}`);
}

/**
 * Guids are unique across all sources. A URL guid is kept as is (the same story syndicated
 * under one address is one story); a bare "123" is only unique within its feed, so it is
 * qualified by the feed's host.
 */
function guidKey(guid: string | undefined, url: string, feedUrl: string): string {
  if (guid === undefined) return url;
  if (/^(https?:|urn:|tag:)/i.test(guid)) return guid;
  return `${hostOf(feedUrl)}:${guid}`;
}

// Every entry of a feed asks for the same feed's host: parse the address once.
let lastFeed = { url: "", host: "" };
function hostOf(feedUrl: string): string {
  if (lastFeed.url !== feedUrl) lastFeed = { url: feedUrl, host: new URL(feedUrl).host };
  return lastFeed.host;
}

/** Missing, unparsable or future dates become the fetch time: the item is dated when first seen. */
function publishedAt(value: string | undefined, timezone: string, fetchedAt: number): number {
  const at = value === undefined ? undefined : parseFeedDate(value, timezone);
  if (at === undefined || at > fetchedAt + FUTURE_SKEW_MS) return fetchedAt;
  return at;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }
  // xml2js gives an element with attributes as { _: text, $: attrs }.
  if (value !== null && typeof value === "object" && "_" in value) return stringOf((value as { _: unknown })._);
  return undefined;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max);
  return `${text.slice(0, cut > max / 2 ? cut : max).trimEnd()}…`;
}
