import { DiscordAPIError, HTTPError, RateLimitError, type REST, RESTEvents } from "discord.js";

/** A failed REST call, as far as Bantin acts on it and tells an operator about it. */
export interface DiscordFailure {
  /** The HTTP status; undefined when no answer came (reset, refused, timed out). */
  readonly status: number | undefined;
  /**
   * Discord's JSON error code (50013, 10003, 0 …). Undefined when the answer was not Discord's
   * error JSON (a proxy's page, an empty body): then it says nothing about the request itself.
   */
  readonly code: number | undefined;
  /** The answer in words, one line, without URL or token: "HTTP 502 with a page that is not JSON". */
  readonly answer: string;
}

/** The request a call made, for errors that do not say (a body that would not parse). */
export interface DiscordRequest {
  readonly method: string;
  /** The route as called, e.g. `/channels/1/messages`. */
  readonly path: string;
}

/** A success status whose body is not what the route returns (a proxy's page, a captive portal). */
export class UnexpectedDiscordAnswer extends Error {
  override readonly name = "UnexpectedDiscordAnswer";
  constructor(
    /** What it is not, e.g. "an answer that is not the list of commands". */
    readonly what: string,
    readonly request: DiscordRequest,
  ) {
    super(`${request.method} ${request.path}: ${what}`);
  }
}

export type DescribeDiscordFailure = (error: unknown, request?: DiscordRequest) => DiscordFailure;

interface SeenAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly length: number | undefined;
}

/** Enough for the calls in flight at once; the oldest answers are forgotten first. */
const REMEMBERED = 64;
const describers = new WeakMap<REST, DescribeDiscordFailure>();

/**
 * A describer for the failures of calls made through `rest`. discord.js keeps only the status
 * of a 5xx (its HTTPError never reads the body) and throws a bare SyntaxError for a body that
 * is labelled JSON but is not, so the describer watches the REST client's answers (status and
 * headers only; the body stays discord.js's) to say what came back. Create it before the calls
 * it will describe; one per client, shared by every caller.
 */
export function discordFailureDescriber(rest: REST): DescribeDiscordFailure {
  const known = describers.get(rest);
  if (known !== undefined) return known;
  const seen = new Map<string, SeenAnswer>();
  rest.on(RESTEvents.Response, (request, response) => {
    const key = `${request.method.toUpperCase()} ${request.path}`;
    const length = response.headers.get("content-length");
    seen.delete(key);
    seen.set(key, {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      length: length === null ? undefined : Number(length),
    });
    if (seen.size > REMEMBERED) seen.delete(seen.keys().next().value as string);
  });
  const describe: DescribeDiscordFailure = (error, request) => {
    const from = requestOf(error) ?? request;
    return describeDiscordFailure(error, from === undefined ? undefined : seen.get(`${from.method} ${from.path}`));
  };
  describers.set(rest, describe);
  return describe;
}

/** Method and route of the request an error of discord.js names (its URL is `{api}/v10{route}`). */
function requestOf(error: unknown): DiscordRequest | undefined {
  if (error instanceof UnexpectedDiscordAnswer) return error.request;
  if (!(error instanceof DiscordAPIError || error instanceof HTTPError || error instanceof RateLimitError)) {
    return undefined;
  }
  const path = new URL(error.url).pathname.replace(/^.*?\/v\d+(?=\/)/, "");
  return { method: error.method.toUpperCase(), path };
}

/** "with a page that is not JSON", "with an empty body"; undefined when the answer was JSON. */
function bodyKind(seen: SeenAnswer | undefined, bytes?: number): string | undefined {
  if (bytes === 0 || seen?.length === 0) return "with an empty body";
  if (seen === undefined) return bytes === undefined ? undefined : "with an answer that is not JSON";
  if (/^text\/html/i.test(seen.contentType)) return "with a page that is not JSON";
  return /^application\/json/i.test(seen.contentType) ? undefined : "with an answer that is not JSON";
}

/** Discord's error JSON, or the bytes of an answer that is not labelled JSON, after a 4xx. */
function describeRefusal(error: DiscordAPIError, seen: SeenAnswer | undefined): DiscordFailure {
  const raw = error.rawError as unknown;
  const { status } = error;
  if (raw instanceof ArrayBuffer) {
    const kind = bodyKind(seen, raw.byteLength) ?? "with an answer that is not JSON";
    return { status, code: undefined, answer: `HTTP ${status} ${kind}` };
  }
  if (typeof error.code !== "number") {
    const { message, error: short } = (raw ?? {}) as { message?: unknown; error?: unknown };
    const text = typeof message === "string" ? message : typeof short === "string" ? short : undefined;
    const said = text === undefined ? "" : `: ${text.split("\n")[0]}`;
    return { status, code: undefined, answer: `HTTP ${status} without Discord's error code${said}` };
  }
  // Field errors come one per line after the message; a log line or a CLI line holds them all.
  const message = error.message.split("\n").join("; ");
  return { status, code: error.code, answer: `HTTP ${status}, code ${error.code}: ${message}` };
}

/** No HTTP answer at all: a reset or refused connection, a timeout, or something of ours. */
function describeNoAnswer(error: unknown): DiscordFailure {
  const network = networkCode(error);
  const answer =
    network !== undefined
      ? `no answer (${network})`
      : error instanceof Error && error.name === "AbortError"
        ? "no answer in time"
        : error instanceof Error
          ? `${error.name}: ${error.message.split("\n")[0]}`
          : String(error);
  return { status: undefined, code: undefined, answer };
}

/** `seen` is what the REST client saw of this request's last answer, when it saw one. */
function describeDiscordFailure(error: unknown, seen: SeenAnswer | undefined): DiscordFailure {
  if (error instanceof DiscordAPIError) return describeRefusal(error, seen);
  if (error instanceof HTTPError) {
    const kind = bodyKind(seen) ?? error.message;
    return { status: error.status, code: undefined, answer: `HTTP ${error.status} ${kind}`.trimEnd() };
  }
  if (error instanceof RateLimitError) {
    // Only a 429 without Retry-After is rejected (rejectUnexplainedRateLimit); the others are waited out.
    const kind = bodyKind(seen);
    const answer = `HTTP 429 ${kind === undefined ? "" : `${kind} and `}without Retry-After`;
    return { status: 429, code: undefined, answer };
  }
  // A success whose body is not the route's, or one labelled JSON that does not parse.
  const what =
    error instanceof UnexpectedDiscordAnswer
      ? error.what
      : error instanceof SyntaxError
        ? "an answer that is not JSON"
        : undefined;
  if (what === undefined) return describeNoAnswer(error);
  return seen === undefined
    ? { status: undefined, code: undefined, answer: what }
    : { status: seen.status, code: undefined, answer: `HTTP ${seen.status} with ${what}` };
}

/** The socket error code down the cause chain ("UND_ERR_SOCKET", "ECONNREFUSED"), if any. */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = cause;
  }
  return undefined;
}
