export { canonicalUrl } from "./canonical-url.js";
export { decodeBody } from "./decode-body.js";
export { extractArticle } from "./extract-article.js";
export {
  createFeedReaderPool,
  defaultParseWorkers,
  type FeedReader,
  type FeedReaderPoolOptions,
  inThreadFeedReader,
} from "./feed-reader-pool.js";
export {
  afterFailure,
  afterSuccess,
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  EMPTY_FETCH_STATE,
  formatDuration,
  type SourceFetchState,
} from "./fetch-policy.js";
export type { RelevancePredicate } from "./full-text.js";
export { htmlToText } from "./html-to-text.js";
export type { IngestReport, SourceReport } from "./ingest-report.js";
export { contentHash, type NewItem, normalizeItem } from "./normalize-item.js";
export { type OpmlOutcome, parseOpml, renderOpml } from "./opml.js";
export { parseFeed } from "./parse-feed.js";
export { type IngestDeps, type IngestSettings, runIngestPass } from "./run-ingest-pass.js";
export { stripBoilerplate } from "./strip-boilerplate.js";
