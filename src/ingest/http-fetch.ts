import { Agent, fetch, type Response } from "undici";
import { parseRetryAfter } from "./retry-after.js";

/** Limits and manners for every request Bantin makes to a news site. */
export interface HttpFetchOptions {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
  /** What the caller accepts, e.g. feed types or HTML. */
  readonly accept: string;
  /** A source's own headers (sources.yaml `headers`); they win over the defaults, a User-Agent among them. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Validators from the last successful fetch, sent back for a conditional GET. */
export interface ConditionalHeaders {
  readonly etag?: string | null | undefined;
  readonly lastModified?: string | null | undefined;
}

export type HttpErrorKind = "timeout" | "network" | "http-status" | "too-large" | "redirects" | "rate-limited";

/** A fetch ends as one of these values; nothing is thrown for a site's misbehaviour. */
export type HttpFetchOutcome =
  | {
      readonly status: "ok";
      readonly body: Uint8Array;
      readonly contentType: string | undefined;
      readonly etag: string | undefined;
      readonly lastModified: string | undefined;
      readonly finalUrl: string;
    }
  | { readonly status: "not-modified"; readonly finalUrl: string }
  | {
      readonly status: "error";
      readonly kind: HttpErrorKind;
      readonly message: string;
      readonly statusCode?: number | undefined;
      /** From `Retry-After` on 429/503: how long the site asked us to wait. */
      readonly retryAfterMs?: number | undefined;
    };

// One connection pool for all of ingest; keep-alive stays short so a run's sockets do not hold the process.
const agent = new Agent({ keepAliveTimeout: 1_000, keepAliveMaxTimeout: 5_000, connections: 8 });

/**
 * GET `url` politely: a clear User-Agent, compression, conditional headers, redirects followed
 * by hand (so the count is ours and loops end), a timeout over the whole exchange, and a body
 * limit counted on the decompressed bytes (a small gzip cannot balloon into gigabytes).
 */
export async function httpFetch(
  url: string,
  options: HttpFetchOptions,
  conditional: ConditionalHeaders = {},
  now: () => number = Date.now,
): Promise<HttpFetchOutcome> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      const headers = requestHeaders(options, hop === 0 ? conditional : {});
      const response = await fetch(current, { headers, redirect: "manual", signal, dispatcher: agent });
      if (!isRedirect(response.status)) return await toOutcome(response, current, options, now);
      await response.body?.cancel();
      const location = response.headers.get("location");
      if (location === null) return httpError(response.status, `HTTP ${response.status} redirect without a Location`);
      if (hop >= options.maxRedirects) {
        return { status: "error", kind: "redirects", message: `more than ${options.maxRedirects} redirects` };
      }
      current = new URL(location, current).href;
      if (!/^https?:$/.test(new URL(current).protocol)) {
        return { status: "error", kind: "redirects", message: `redirect to a non-HTTP address ${current}` };
      }
    }
  } catch (error) {
    if (signal.aborted) {
      return { status: "error", kind: "timeout", message: `no complete answer within ${options.timeoutMs} ms` };
    }
    return { status: "error", kind: "network", message: describeNetworkError(error) };
  }
}

function requestHeaders(options: HttpFetchOptions, conditional: ConditionalHeaders): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": options.userAgent,
    accept: options.accept,
    "accept-encoding": "gzip, deflate, br",
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  if (conditional.etag) headers["if-none-match"] = conditional.etag;
  if (conditional.lastModified) headers["if-modified-since"] = conditional.lastModified;
  return headers;
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400 && status !== 304;
}

async function toOutcome(
  response: Response,
  finalUrl: string,
  options: HttpFetchOptions,
  now: () => number,
): Promise<HttpFetchOutcome> {
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: "not-modified", finalUrl };
  }
  if (response.status < 200 || response.status >= 300) {
    await response.body?.cancel();
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
    const kind = response.status === 429 ? "rate-limited" : "http-status";
    const text = response.statusText ? ` ${response.statusText}` : "";
    return {
      status: "error",
      kind,
      statusCode: response.status,
      message: `HTTP ${response.status}${text}`,
      retryAfterMs,
    };
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > options.maxBodyBytes && response.headers.get("content-encoding") === null) {
    await response.body?.cancel();
    return tooLarge(options.maxBodyBytes);
  }
  const body = await readLimited(response.body, options.maxBodyBytes);
  if (body === undefined) return tooLarge(options.maxBodyBytes);
  return {
    status: "ok",
    body,
    contentType: response.headers.get("content-type") ?? undefined,
    etag: response.headers.get("etag") ?? undefined,
    lastModified: response.headers.get("last-modified") ?? undefined,
    finalUrl,
  };
}

function httpError(statusCode: number, message: string): HttpFetchOutcome {
  return { status: "error", kind: "http-status", statusCode, message };
}

function tooLarge(limit: number): HttpFetchOutcome {
  return { status: "error", kind: "too-large", message: `body larger than the ${limit}-byte limit` };
}

async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | undefined> {
  if (body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

function describeNetworkError(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `network error: ${cause}` : `network error: ${e.message ?? String(error)}`;
}
