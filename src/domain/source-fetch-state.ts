/**
 * What a source's fetch history says about it, stored per source: ingest decides from it
 * whether and how to fetch, the store keeps it, `sources list` shows it.
 */
export interface SourceFetchState {
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly consecutiveFailures: number;
  /** Epoch ms before which the source is not fetched (backoff, a pause, or the site's Retry-After). */
  readonly pausedUntil: number | null;
  readonly lastStatus: "ok" | "not-modified" | "error" | null;
  readonly lastError: string | null;
  readonly lastFetchedAt: number | null;
  readonly lastSuccessAt: number | null;
}

/** The state of a source never fetched. */
export const EMPTY_FETCH_STATE: SourceFetchState = {
  etag: null,
  lastModified: null,
  consecutiveFailures: 0,
  pausedUntil: null,
  lastStatus: null,
  lastError: null,
  lastFetchedAt: null,
  lastSuccessAt: null,
};
