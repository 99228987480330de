import type { IncomingMessage, ServerResponse } from "node:http";
import { channelRoutes, FORUM } from "./fake-discord-channels.js";
import { type Bucket, createRateLimits, tooMany } from "./fake-discord-rate-limits.js";
import { checkCommands, rejectInvalid } from "./fake-discord-rules.js";
import { channelErrors } from "./fake-discord-scripts.js";
import { type DiscordState, type InteractionCallback, storeMessage, takeScripted } from "./fake-discord-state.js";
import { sendJson, wireMessage } from "./fake-discord-wire.js";

export interface RouteOptions {
  readonly bucket: Bucket;
  /** Answer each accepted post this much later, the message already stored. */
  readonly replyDelayMs: number;
  /** The gateway's URL, for GET /gateway/bot (the gateway is attached once the server listens). */
  readonly gatewayUrl: () => string;
}

/** The status a route answered, or "hang" for a request left unanswered. */
export type RouteStatus = number | "hang";

/** A channel that takes no message at all: a scripted refusal, or a forum (it takes posts, POST /channels/:id/threads). */
function refusalOf(state: DiscordState, channelId: string) {
  if (state.channels.get(channelId)?.type === FORUM)
    return { status: 400, message: "Cannot send messages in a non-text channel", code: 50008 };
  const code = state.refused.get(channelId);
  return code === undefined ? undefined : { ...channelErrors[code], code };
}

/** POST /channels/:id/messages: refusals, rate limits, limits, nonces and scripted failures, in Discord's order. */
function messagePoster(state: DiscordState, options: RouteOptions) {
  const { bucket, replyDelayMs } = options;
  const limits = createRateLimits(bucket);
  const answerLater = (res: ServerResponse, reply: unknown, headers: Record<string, string>) => {
    if (replyDelayMs > 0) setTimeout(() => sendJson(res, 200, reply, headers), replyDelayMs);
    else sendJson(res, 200, reply, headers);
  };
  return (channelId: string, raw: unknown, res: ServerResponse): RouteStatus => {
    const body = (raw ?? {}) as Record<string, unknown>;
    const refusal = refusalOf(state, channelId);
    if (refusal !== undefined) {
      sendJson(res, refusal.status, { message: refusal.message, code: refusal.code });
      return refusal.status;
    }
    const now = Date.now();
    const { window, headers } = limits.window(channelId, now);
    const failure = takeScripted(state, channelId);
    if (failure?.kind === "rate-limit") return tooMany(res, failure.retryAfter, failure.global ?? false, headers);
    if (window.used >= bucket.limit) return tooMany(res, (window.resetAt - now) / 1000, false, headers);
    if (rejectInvalid(body, res, headers)) return 400;
    window.used++;
    // Discord checks nonce uniqueness per author; one bot talks to this fake, so the nonce alone is the key.
    const existing =
      body.enforce_nonce === true && body.nonce !== undefined ? state.byNonce.get(String(body.nonce)) : undefined;
    if (failure !== undefined) {
      // A failure after the write: the message exists, but the client never learns its id.
      if (failure.accept === true && existing === undefined) storeMessage(state, channelId, body);
      if (failure.kind === "hang") return "hang";
      sendJson(res, failure.status ?? 500, { message: "500: Internal Server Error", code: 0 });
      return failure.status ?? 500;
    }
    answerLater(res, wireMessage(existing ?? storeMessage(state, channelId, body)), headers);
    return 200;
  };
}

/** PUT /applications/:app(/guilds/:guild)/commands: validated as Discord does, then stored. */
function putCommands(state: DiscordState, app: string, guild: string | undefined, body: unknown, res: ServerResponse) {
  const list = (body ?? []) as Record<string, unknown>[];
  const errors = checkCommands(list);
  if (errors !== undefined) {
    sendJson(res, 400, { code: 50035, message: "Invalid Form Body", errors });
    return 400;
  }
  state.commands.set(guild === undefined ? "global" : `guild:${guild}`, list);
  sendJson(
    res,
    200,
    list.map((c) => ({ ...c, id: state.snowflake(), application_id: app, version: state.snowflake() })),
  );
  return 200;
}

/** The routes Bantin uses; interaction callbacks and follow-ups need no bot token, as on Discord. */
export function discordRoutes(state: DiscordState, options: RouteOptions) {
  const postMessage = messagePoster(state, options);
  return async (method: string, path: string, body: unknown, req: IncomingMessage, res: ServerResponse) => {
    let m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (m && method === "POST") {
      state.interactionCallbacks.push({
        interactionId: m[1]!,
        token: m[2]!,
        body: body as InteractionCallback["body"],
      });
      res.writeHead(204).end();
      return 204;
    }
    m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path);
    if (m && (method === "POST" || method === "PATCH")) {
      state.followUps.push({ applicationId: m[1]!, token: m[2]!, method, body: body as Record<string, unknown> });
      const stored = { id: state.snowflake(), channelId: "0", content: "", embeds: [], nonce: undefined };
      sendJson(res, 200, wireMessage(stored));
      return 200;
    }
    if (req.headers.authorization !== `Bot ${state.token}`) {
      sendJson(res, 401, { message: "401: Unauthorized", code: 0 });
      return 401;
    }
    if (path === "/gateway/bot" && method === "GET") {
      sendJson(res, 200, {
        url: options.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
      return 200;
    }
    m = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (m && method === "POST") return postMessage(m[1]!, body, res);
    const channelStatus = channelRoutes(state, method, path, body, res);
    if (channelStatus !== undefined) return channelStatus;
    m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (m && method === "PUT") return putCommands(state, m[1]!, m[2], body, res);
    sendJson(res, 404, { message: "404: Not Found", code: 0 });
    return 404;
  };
}
