import type { Logger } from "../domain/index.js";
import { decodeBody } from "./decode-body.js";
import { extractArticle } from "./extract-article.js";
import { type HttpFetchOptions, httpFetch } from "./http-fetch.js";
import type { NewItem } from "./normalize-item.js";

/** First relevance check on title and lead; the analyze module supplies the real one. */
export type RelevancePredicate = (title: string, lead: string) => boolean;

const HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

/**
 * Fill `text` for the new items worth it: only those the predicate accepts, at most `max`,
 * one page at a time (the caller already holds this host's slot). A page that fails or has
 * no article leaves the item as the feed gave it; the feed's item is never lost for that.
 */
export async function addFullText(
  items: readonly NewItem[],
  isRelevant: RelevancePredicate,
  max: number,
  http: Omit<HttpFetchOptions, "accept">,
  logger: Logger,
): Promise<NewItem[]> {
  const out: NewItem[] = [];
  let fetched = 0;
  for (const item of items) {
    if (fetched >= max || !isRelevant(item.title, item.lead)) {
      out.push(item);
      continue;
    }
    fetched++;
    const page = await httpFetch(item.url, { ...http, accept: HTML_ACCEPT });
    if (page.status !== "ok") {
      logger.warn(
        { url: item.url, error: page.status === "error" ? page.message : page.status },
        "article page not fetched",
      );
      out.push(item);
      continue;
    }
    const article = extractArticle(decodeBody(page.body, page.contentType).text, page.finalUrl);
    if (article === null) logger.debug({ url: item.url }, "no article found on the page");
    out.push(article === null ? item : { ...item, text: article.text });
  }
  return out;
}
