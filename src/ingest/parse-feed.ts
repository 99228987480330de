import Parser from "rss-parser";
import { repairEntities } from "./repair-entities.js";

/** One entry of a feed as rss-parser gives it (RSS 0.9x/1.0/2.0 and Atom alike). */
export interface RawFeedItem {
  readonly title?: string | undefined;
  readonly link?: string | undefined;
  readonly guid?: string | undefined;
  readonly id?: string | undefined;
  readonly isoDate?: string | undefined;
  readonly pubDate?: string | undefined;
  readonly content?: string | undefined;
  readonly contentSnippet?: string | undefined;
  readonly summary?: string | undefined;
  readonly "content:encoded"?: string | undefined;
}

export interface RawFeed {
  readonly title: string | undefined;
  readonly link: string | undefined;
  readonly items: readonly RawFeedItem[];
}

export type ParseFeedOutcome =
  | { readonly status: "ok"; readonly feed: RawFeed }
  | { readonly status: "error"; readonly message: string };

/**
 * Parse decoded feed text. The XML parser underneath (sax, strict) never reads a DTD's
 * entity declarations, so a billion-laughs document cannot expand and an external entity is
 * never fetched: an undeclared entity reference is a parse error, reported as such.
 */
export async function parseFeed(text: string): Promise<ParseFeedOutcome> {
  const trimmed = text.trimStart();
  if (trimmed === "") return { status: "error", message: "not a feed: empty body" };
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html)[\s>]/i.test(trimmed)) {
    return { status: "error", message: "not a feed: an HTML page" };
  }
  // A fresh parser per document: xml2js keeps state between parses, and a failed one can leak into the next.
  const parser = new Parser({ xml2js: { strict: true }, defaultRSS: 2 });
  try {
    const feed = await parser.parseString(repairEntities(text));
    return {
      status: "ok",
      feed: { title: feed.title, link: feed.link, items: feed.items as RawFeedItem[] },
    };
  } catch (error) {
    return { status: "error", message: describeParseError(error) };
  }
}

function describeParseError(error: unknown): string {
  const message = ((error as Error)?.message ?? String(error)).split("\n").slice(0, 3).join(" ").trim();
  if (/not recognized as RSS/i.test(message)) return "not a feed: no RSS or Atom root element";
  // rss-parser assumes the required elements exist and trips over their absence.
  if (error instanceof TypeError) return `not a usable feed: a required element is missing (${message})`;
  return `not well-formed XML: ${message}`;
}
