import type { Source, SourceFetchState } from "../domain/index.js";

// The state lives in domain (the store keeps it too); ingest modules keep importing it from here.
export { EMPTY_FETCH_STATE, type SourceFetchState } from "../domain/index.js";

/** How patient ingest is with a failing source. */
export interface BackoffPolicy {
  /** First wait after a failure; doubled after each further one. */
  readonly baseDelayMs: number;
  /** After this many failures in a row the source is paused for `pauseMs`. */
  readonly pauseAfterFailures: number;
  readonly pauseMs: number;
  /** A site's Retry-After longer than this is cut to it (a typo must not silence a source for a year). */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseDelayMs: 60_000,
  pauseAfterFailures: 5,
  pauseMs: 30 * 60_000,
  maxRetryAfterMs: 6 * 60 * 60_000,
};

/** The state after a successful fetch: failures forgotten, validators kept for the next conditional GET. */
export function afterSuccess(
  previous: SourceFetchState,
  status: "ok" | "not-modified",
  now: number,
  validators: { readonly etag?: string | undefined; readonly lastModified?: string | undefined } = {},
): SourceFetchState {
  return {
    etag: status === "ok" ? (validators.etag ?? null) : previous.etag,
    lastModified: status === "ok" ? (validators.lastModified ?? null) : previous.lastModified,
    consecutiveFailures: 0,
    pausedUntil: null,
    lastStatus: status,
    lastError: null,
    lastFetchedAt: now,
    lastSuccessAt: now,
  };
}

/**
 * The state after a failure: exponential backoff, a longer pause after N failures in a row,
 * or the site's own Retry-After when it gave one. The stored error says which, in words
 * ("source vnexpress paused for 30 min after 5 failures: HTTP 503").
 */
export function afterFailure(
  previous: SourceFetchState,
  source: Pick<Source, "id">,
  error: string,
  now: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
): SourceFetchState {
  const failures = previous.consecutiveFailures + 1;
  let waitMs: number;
  let message: string;
  if (retryAfterMs !== undefined) {
    waitMs = Math.min(retryAfterMs, policy.maxRetryAfterMs);
    message = `source ${source.id} asked to wait ${formatDuration(waitMs)}: ${error}`;
  } else if (failures >= policy.pauseAfterFailures) {
    waitMs = policy.pauseMs;
    message = `source ${source.id} paused for ${formatDuration(waitMs)} after ${failures} failures: ${error}`;
  } else {
    waitMs = policy.baseDelayMs * 2 ** (failures - 1);
    message = error;
  }
  return {
    ...previous,
    consecutiveFailures: failures,
    pausedUntil: now + waitMs,
    lastStatus: "error",
    lastError: message,
    lastFetchedAt: now,
  };
}

/** Whether a source may be fetched now, and if not, why (for the report). */
export function waitReason(state: SourceFetchState, source: Pick<Source, "id">, now: number): string | undefined {
  if (state.pausedUntil === null || state.pausedUntil <= now) return undefined;
  const left = formatDuration(state.pausedUntil - now);
  return `source ${source.id} skipped for another ${left} (${state.consecutiveFailures} failures; last: ${state.lastError ?? "unknown"})`;
}

/** "45 s", "30 min", "2 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
