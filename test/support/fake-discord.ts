import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { attachFakeGateway, type FakeGateway } from "./fake-discord-gateway.js";

/**
 * A loopback stand-in for Discord's REST API (v10), for the real discord.js REST client
 * (`rest.api` = `fake.api`). It enforces what Discord enforces on the routes Bantin uses:
 * message limits (400, code 50035), `nonce` + `enforce_nonce` (a repeated nonce returns the
 * existing message), per-channel rate-limit buckets with the real X-RateLimit-* headers and
 * 429 bodies; it fails, hangs or refuses on script, answers any route oddly on script (ODD_ANSWERS,
 * as the fake Bot API's), and records everything it accepted.
 */

/** A message the fake accepted: what a user in the channel would see. */
export interface FakeMessage {
  readonly id: string;
  readonly channelId: string;
  readonly content: string;
  readonly embeds: readonly Record<string, unknown>[];
  readonly nonce: string | undefined;
}

export interface RecordedRequest {
  readonly method: string;
  /** The route after `/api/v10`, e.g. `/channels/1/messages`. */
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
}

/** What the next matching POST /channels/:id/messages does instead of succeeding. */
export type ScriptedFailure =
  | { readonly kind: "rate-limit"; readonly retryAfter: number; readonly global?: boolean }
  /** `accept`: the message is stored before the error, as when Discord's reply is lost. */
  | { readonly kind: "server-error"; readonly status?: number; readonly accept?: boolean }
  /** Never answers (the client's timeout fires); `accept` stores the message first. */
  | { readonly kind: "hang"; readonly accept?: boolean };

export type ChannelError = 50001 | 50013 | 10003;

/**
 * An odd answer to script for a route, as proxies and other servers in front of Discord give
 * them: any status with any raw body and content type (an HTML 502, an empty body, JSON that is
 * not Discord's error shape), a connection reset before any answer, or the normal answer late.
 */
export type OddAnswer =
  | { readonly status: number; readonly body: string; readonly contentType?: string }
  | { readonly reset: true }
  | { readonly delayMs: number };

const page = (title: string) =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** The odd answers real proxies and servers give, by name. */
export const ODD_ANSWERS = {
  /** A proxy's error page instead of Discord's answer. */
  html502: { status: 502, contentType: "text/html", body: page("502 Bad Gateway") },
  /** A gateway that gives up with nothing to say. */
  empty: { status: 502, body: "" },
  /** Discord's own 5xx: JSON, with its message and code 0. */
  discord500: {
    status: 500,
    contentType: "application/json",
    body: JSON.stringify({ message: "500: Internal Server Error", code: 0 }),
  },
  /** A proxy or firewall refusing the request: a 4xx that is not Discord's verdict. */
  html403: { status: 403, contentType: "text/html", body: page("403 Forbidden") },
  /** A firewall's rate limit: a page, and no Retry-After (Discord's own 429 always has one). */
  html429: { status: 429, contentType: "text/html", body: page("429 Too Many Requests") },
  /** A 4xx with no body at all. */
  empty400: { status: 400, body: "" },
  /** JSON, but not Discord's error shape (no `code`, no `message`). */
  notDiscordJson: { status: 400, contentType: "application/json", body: JSON.stringify({ error: "bad request" }) },
  /** Labelled JSON, but a page. */
  htmlAsJson: { status: 400, contentType: "application/json", body: page("400 Bad Request") },
  /** A success status with a page instead of the created object (a captive portal, a misrouted proxy). */
  okHtml: { status: 200, contentType: "text/html", body: page("Welcome") },
  reset: { reset: true },
} as const satisfies Record<string, OddAnswer>;

export interface InteractionCallback {
  readonly interactionId: string;
  readonly token: string;
  readonly body: { readonly type: number; readonly data?: Record<string, unknown> };
}

export interface FollowUp {
  readonly applicationId: string;
  readonly token: string;
  readonly method: string;
  readonly body: Record<string, unknown>;
}

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (`Authorization: Bot <token>`). */
  readonly token?: string;
  /** Per-channel message bucket: this many posts per window, as Discord's 5 per 5 s. */
  readonly bucket?: { readonly limit: number; readonly windowMs: number };
  /**
   * Answer each accepted post this much later, the message already stored: a wide window in
   * which a client that dies has posted but never learnt it (the crash test aims kills there).
   */
  readonly replyDelayMs?: number;
  /** The application the gateway's READY names (DISCORD_APPLICATION_ID). */
  readonly applicationId?: string;
}

export interface FakeDiscord {
  /** The value for discord.js's `rest.api` option (and for DISCORD_API). */
  readonly api: string;
  readonly token: string;
  readonly applicationId: string;
  /** The gateway discord.js logs in to (GET /gateway/bot points at it). */
  readonly gateway: FakeGateway;
  /** Every accepted channel message, in order. */
  readonly messages: readonly FakeMessage[];
  messagesIn(channelId: string): FakeMessage[];
  readonly requests: readonly RecordedRequest[];
  /** Registered application commands: key `global` or `guild:<id>`, value the last PUT body. */
  readonly commands: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  readonly interactionCallbacks: readonly InteractionCallback[];
  readonly followUps: readonly FollowUp[];
  /** Queue a failure for the next post to `channelId` (or any channel when omitted). */
  script(failure: ScriptedFailure, channelId?: string): void;
  /**
   * Every `method` request to `route` gets this answer until cleared (undefined); the request is
   * still recorded. `route` is the path after `/api/v10`, where `:name` matches any one segment:
   * `/channels/:id/messages`, `/interactions/:id/:token/callback`, `/applications/:app/commands`.
   */
  scriptRoute(method: string, route: string, answer: OddAnswer | undefined): void;
  /** Every post to this channel is refused with the given Discord error code. */
  setChannelError(channelId: string, code: ChannelError): void;
  close(): Promise<void>;
}

const channelErrors: Record<ChannelError, { status: number; message: string }> = {
  50001: { status: 403, message: "Missing Access" },
  50013: { status: 403, message: "Missing Permissions" },
  10003: { status: 404, message: "Unknown Channel" },
};

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

/** Start the fake on 127.0.0.1 with a random port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? "fake-bot-token";
  const bucket = options.bucket ?? { limit: 5, windowMs: 5000 };
  const replyDelay = options.replyDelayMs ?? 0;
  const messages: FakeMessage[] = [];
  const byNonce = new Map<string, FakeMessage>();
  const requests: RecordedRequest[] = [];
  const commands = new Map<string, Record<string, unknown>[]>();
  const interactionCallbacks: InteractionCallback[] = [];
  const followUps: FollowUp[] = [];
  const scripted: { failure: ScriptedFailure; channelId: string | undefined }[] = [];
  const refused = new Map<string, ChannelError>();
  const oddRoutes = new Map<string, { readonly pattern: RegExp; readonly answer: OddAnswer }>();
  const windows = new Map<string, { resetAt: number; used: number }>();
  let nextId = 1_300_000_000_000_000_000n;
  const snowflake = () => String(nextId++);

  const takeScripted = (channelId: string) => {
    const i = scripted.findIndex((s) => s.channelId === undefined || s.channelId === channelId);
    return i === -1 ? undefined : scripted.splice(i, 1)[0]?.failure;
  };

  const rateHeaders = (channelId: string, now: number) => {
    let w = windows.get(channelId);
    if (w === undefined || w.resetAt <= now) {
      w = { resetAt: now + bucket.windowMs, used: 0 };
      windows.set(channelId, w);
    }
    const resetAfter = (w.resetAt - now) / 1000;
    return {
      window: w,
      headers: {
        "x-ratelimit-limit": String(bucket.limit),
        "x-ratelimit-remaining": String(Math.max(0, bucket.limit - w.used - 1)),
        "x-ratelimit-reset": (w.resetAt / 1000).toFixed(3),
        "x-ratelimit-reset-after": resetAfter.toFixed(3),
        "x-ratelimit-bucket": `fake-bucket-${channelId}`,
      },
    };
  };

  const tooMany = (res: ServerResponse, retryAfter: number, global: boolean, headers: Record<string, string>) => {
    const extra: Record<string, string> = { "retry-after": String(Math.ceil(retryAfter)), "x-ratelimit-scope": "user" };
    if (global) extra["x-ratelimit-global"] = "true";
    sendJson(
      res,
      429,
      { message: "You are being rate limited.", retry_after: retryAfter, global },
      { ...headers, "x-ratelimit-remaining": "0", ...extra },
    );
    return 429;
  };

  const store = (channelId: string, body: Record<string, unknown>): FakeMessage => {
    const nonce = body.nonce === undefined ? undefined : String(body.nonce);
    const message: FakeMessage = {
      id: snowflake(),
      channelId,
      content: typeof body.content === "string" ? body.content : "",
      embeds: Array.isArray(body.embeds) ? (body.embeds as Record<string, unknown>[]) : [],
      nonce,
    };
    messages.push(message);
    if (nonce !== undefined) byNonce.set(nonce, message);
    return message;
  };

  const wire = (m: FakeMessage) => ({
    id: m.id,
    type: 0,
    channel_id: m.channelId,
    content: m.content,
    embeds: m.embeds,
    nonce: m.nonce,
    author: { id: "1000", username: "bantin", bot: true },
    timestamp: new Date().toISOString(),
    tts: false,
    mention_everyone: false,
    mentions: [],
    attachments: [],
    pinned: false,
  });

  const answerLater = (res: ServerResponse, reply: unknown, headers: Record<string, string>) => {
    if (replyDelay > 0) setTimeout(() => sendJson(res, 200, reply, headers), replyDelay);
    else sendJson(res, 200, reply, headers);
  };

  const postMessage = (channelId: string, raw: unknown, res: ServerResponse): number | "hang" => {
    const body = (raw ?? {}) as Record<string, unknown>;
    const code = refused.get(channelId);
    if (code !== undefined) {
      const { status, message } = channelErrors[code];
      sendJson(res, status, { message, code });
      return status;
    }
    const now = Date.now();
    const { window, headers } = rateHeaders(channelId, now);
    const scripted = takeScripted(channelId);
    if (scripted?.kind === "rate-limit") return tooMany(res, scripted.retryAfter, scripted.global ?? false, headers);
    const failure = scripted;
    if (window.used >= bucket.limit) return tooMany(res, (window.resetAt - now) / 1000, false, headers);
    if (rejectInvalid(body, res, headers)) return 400;
    window.used++;
    // Discord checks nonce uniqueness per author; one bot talks to this fake, so the nonce alone is the key.
    const existing =
      body.enforce_nonce === true && body.nonce !== undefined ? byNonce.get(String(body.nonce)) : undefined;
    if (failure !== undefined) {
      // A failure after the write: the message exists, but the client never learns its id.
      if (failure.accept === true && existing === undefined) store(channelId, body);
      if (failure.kind === "hang") return "hang";
      sendJson(res, failure.status ?? 500, { message: "500: Internal Server Error", code: 0 });
      return failure.status ?? 500;
    }
    answerLater(res, wire(existing ?? store(channelId, body)), headers);
    return 200;
  };

  const route = async (method: string, path: string, body: unknown, req: IncomingMessage, res: ServerResponse) => {
    let m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (m && method === "POST") {
      interactionCallbacks.push({ interactionId: m[1]!, token: m[2]!, body: body as InteractionCallback["body"] });
      res.writeHead(204).end();
      return 204;
    }
    m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path);
    if (m && (method === "POST" || method === "PATCH")) {
      followUps.push({ applicationId: m[1]!, token: m[2]!, method, body: body as Record<string, unknown> });
      const stored = { id: snowflake(), channelId: "0", content: "", embeds: [], nonce: undefined };
      sendJson(res, 200, wire(stored));
      return 200;
    }
    if (req.headers.authorization !== `Bot ${token}`) {
      sendJson(res, 401, { message: "401: Unauthorized", code: 0 });
      return 401;
    }
    if (path === "/gateway/bot" && method === "GET") {
      sendJson(res, 200, {
        url: gateway.url,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
      return 200;
    }
    m = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (m && method === "POST") return postMessage(m[1]!, body, res);
    m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (m && method === "PUT") {
      const list = (body ?? []) as Record<string, unknown>[];
      const errors = checkCommands(list);
      if (errors !== undefined) {
        sendJson(res, 400, { code: 50035, message: "Invalid Form Body", errors });
        return 400;
      }
      commands.set(m[2] === undefined ? "global" : `guild:${m[2]}`, list);
      sendJson(
        res,
        200,
        list.map((c) => ({ ...c, id: snowflake(), application_id: m?.[1], version: snowflake() })),
      );
      return 200;
    }
    sendJson(res, 404, { message: "404: Not Found", code: 0 });
    return 404;
  };

  /** Answers a scripted odd answer; the status recorded (0: reset), or undefined when the route answers normally. */
  const oddAnswer = async (method: string, path: string, res: ServerResponse, req: IncomingMessage) => {
    const odd = [...oddRoutes.values()].find((o) => o.pattern.test(`${method} ${path}`))?.answer;
    if (odd === undefined) return undefined;
    if ("delayMs" in odd) {
      await new Promise((resolve) => setTimeout(resolve, odd.delayMs));
      return undefined;
    }
    if ("reset" in odd) {
      req.socket.destroy();
      return 0;
    }
    // An explicit length, as proxies send: an empty body is then visibly empty, not a chunked nothing.
    const headers: Record<string, string> = { "content-length": String(Buffer.byteLength(odd.body)) };
    if (odd.contentType !== undefined) headers["content-type"] = odd.contentType;
    res.writeHead(odd.status, headers).end(odd.body);
    return odd.status;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v10/, "");
    readBody(req)
      .then(async (body) => {
        const status = (await oddAnswer(method, path, res, req)) ?? (await route(method, path, body, req, res));
        requests.push({ method, path, body, status: status === "hang" ? 0 : status });
      })
      .catch((error: unknown) => sendJson(res, 500, { message: String(error), code: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const applicationId = options.applicationId ?? "900000000000000001";
  const gateway = attachFakeGateway(server, { token, applicationId, baseUrl: `http://127.0.0.1:${port}` });

  return {
    api: `http://127.0.0.1:${port}/api`,
    token,
    applicationId,
    gateway,
    messages,
    messagesIn: (channelId) => messages.filter((m) => m.channelId === channelId),
    requests,
    commands,
    interactionCallbacks,
    followUps,
    script: (failure, channelId) => {
      scripted.push({ failure, channelId });
    },
    scriptRoute: (method, route, answer) => {
      const key = `${method.toUpperCase()} ${route}`;
      if (answer === undefined) oddRoutes.delete(key);
      else oddRoutes.set(key, { pattern: routePattern(method, route), answer });
    },
    setChannelError: (channelId, code) => {
      refused.set(channelId, code);
    },
    close: async () => {
      await gateway.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** "POST /channels/:id/messages" as a pattern for "POST /channels/123/messages". */
function routePattern(method: string, route: string): RegExp {
  const segments = route
    .split("/")
    .map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  return new RegExp(`^${method.toUpperCase()} ${segments.join("/")}$`);
}

interface FieldErrors {
  _errors?: { code: string; message: string }[];
  [key: string]: unknown;
}

const maxLength = (max: number) => ({ code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` });
const len = (v: unknown): number => (typeof v === "string" ? [...v].length : 0);

function addError(tree: FieldErrors, path: readonly (string | number)[], error: { code: string; message: string }) {
  let node = tree;
  for (const key of path) {
    node[String(key)] ??= {};
    node = node[String(key)] as FieldErrors;
  }
  node._errors = [...(node._errors ?? []), error];
}

type EmbedBody = {
  title?: unknown;
  description?: unknown;
  fields?: unknown;
  footer?: { text?: unknown };
  author?: { name?: unknown };
};

/** Discord's documented limits, answered as its `errors` tree; undefined when within them. */
function checkMessageLimits(body: Record<string, unknown>): FieldErrors | undefined {
  const errors: FieldErrors = {};
  if (len(body.content) > 2000) addError(errors, ["content"], maxLength(2000));
  if (typeof body.nonce === "string" && body.nonce.length > 25) addError(errors, ["nonce"], maxLength(25));
  const embeds = Array.isArray(body.embeds) ? (body.embeds as EmbedBody[]) : [];
  if (embeds.length > 10) addError(errors, ["embeds"], maxLength(10));
  let total = 0;
  embeds.forEach((embed, i) => {
    const parts: [readonly string[], unknown, number][] = [
      [["title"], embed.title, 256],
      [["description"], embed.description, 4096],
      [["footer", "text"], embed.footer?.text, 2048],
      [["author", "name"], embed.author?.name, 256],
    ];
    for (const [path, value, max] of parts) {
      total += len(value);
      if (len(value) > max) addError(errors, ["embeds", i, ...path], maxLength(max));
    }
    const fields = Array.isArray(embed.fields) ? (embed.fields as { name?: unknown; value?: unknown }[]) : [];
    if (fields.length > 25) addError(errors, ["embeds", i, "fields"], maxLength(25));
    fields.forEach((field, j) => {
      total += len(field.name) + len(field.value);
      if (len(field.name) > 256) addError(errors, ["embeds", i, "fields", j, "name"], maxLength(256));
      if (len(field.value) > 1024) addError(errors, ["embeds", i, "fields", j, "value"], maxLength(1024));
    });
  });
  if (total > 6000) {
    addError(errors, ["embeds"], {
      code: "MAX_EMBED_SIZE_EXCEEDED",
      message: "Embed size exceeds maximum size of 6000",
    });
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

function isEmptyMessage(body: Record<string, unknown>): boolean {
  return len(body.content) === 0 && (!Array.isArray(body.embeds) || body.embeds.length === 0);
}

const commandName = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Application command rules: lower-case names of 1–32, descriptions of 1–100 (localised ones too), ≤ 25 options. */
function checkCommands(list: readonly Record<string, unknown>[]): FieldErrors | undefined {
  const errors: FieldErrors = {};
  const checkNamed = (path: (string | number)[], item: Record<string, unknown>) => {
    if (typeof item.name !== "string" || !commandName.test(item.name)) {
      addError(errors, [...path, "name"], {
        code: "APPLICATION_COMMAND_INVALID_NAME",
        message: "Command name is invalid",
      });
    }
    const descriptions = [item.description, ...Object.values((item.description_localizations ?? {}) as object)];
    for (const d of descriptions) {
      if (len(d) < 1 || len(d) > 100) addError(errors, [...path, "description"], maxLength(100));
    }
    const options = Array.isArray(item.options) ? (item.options as Record<string, unknown>[]) : [];
    if (options.length > 25) addError(errors, [...path, "options"], maxLength(25));
    for (const [j, o] of options.entries()) checkNamed([...path, "options", j], o);
  };
  for (const [i, c] of list.entries()) checkNamed([i], c);
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** Answers 400 as Discord does for a body over the limits or with nothing to show; true when it did. */
function rejectInvalid(body: Record<string, unknown>, res: ServerResponse, headers: Record<string, string>): boolean {
  const errors = checkMessageLimits(body);
  if (errors !== undefined) {
    sendJson(res, 400, { code: 50035, message: "Invalid Form Body", errors }, headers);
    return true;
  }
  if (isEmptyMessage(body)) {
    sendJson(res, 400, { code: 50006, message: "Cannot send an empty message" }, headers);
    return true;
  }
  return false;
}
