import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeChannel, FORUM, PUBLIC_THREAD, REQUIRE_TAG } from "./fake-discord-channels.js";
import { attachFakeGateway, type FakeGateway } from "./fake-discord-gateway.js";
import { discordRoutes } from "./fake-discord-routes.js";
import {
  answerOddly,
  type ChannelError,
  type OddAnswer,
  routePattern,
  type ScriptedFailure,
} from "./fake-discord-scripts.js";
import {
  createDiscordState,
  type FakeMessage,
  type FollowUp,
  type InteractionCallback,
  type RecordedRequest,
} from "./fake-discord-state.js";
import { readBody, sendJson } from "./fake-discord-wire.js";

/**
 * A loopback stand-in for Discord's REST API (v10), for the real discord.js REST client
 * (`rest.api` = `fake.api`). It enforces what Discord enforces on the routes Bantin uses:
 * message limits (400, code 50035), `nonce` + `enforce_nonce` (a repeated nonce returns the
 * existing message), per-channel rate-limit buckets with the real X-RateLimit-* headers and
 * 429 bodies; it fails, hangs or refuses on script, answers any route oddly on script (ODD_ANSWERS,
 * as the fake Bot API's), and records everything it accepted.
 *
 * Its parts: the routes (fake-discord-routes), Discord's message and command rules (-rules), the
 * rate-limit buckets (-rate-limits), scripted and odd answers (-scripts), its memory (-state),
 * the wire format (-wire) and the gateway (-gateway).
 */

export { type FakeChannel, FORUM, PUBLIC_THREAD } from "./fake-discord-channels.js";
export { type ChannelError, ODD_ANSWERS, type OddAnswer, type ScriptedFailure } from "./fake-discord-scripts.js";
export type { FakeMessage, FollowUp, InteractionCallback, RecordedRequest } from "./fake-discord-state.js";

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
  /** A forum channel with these tags (names); `requireTag` makes a post without one refused. Returns the tags with ids. */
  addForum(
    id: string,
    tagNames: readonly string[],
    options?: { readonly requireTag?: boolean },
  ): { id: string; name: string }[];
  /** A thread of a text channel, or (under a forum's id) an existing post of it. */
  addThread(id: string, parentId: string, name?: string): void;
  /** The forum's posts, oldest first, each with its messages. */
  postsIn(forumId: string): { readonly post: FakeChannel; readonly messages: FakeMessage[] }[];
  /** Every post to this channel is refused with the given Discord error code. */
  setChannelError(channelId: string, code: ChannelError): void;
  close(): Promise<void>;
}

/** Start the fake on 127.0.0.1 with a random port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = createDiscordState(options.token ?? "fake-bot-token");
  let gateway: FakeGateway | undefined;
  const route = discordRoutes(state, {
    bucket: options.bucket ?? { limit: 5, windowMs: 5000 },
    replyDelayMs: options.replyDelayMs ?? 0,
    gatewayUrl: () => gateway?.url ?? "",
  });
  const oddAnswerFor = (method: string, path: string) =>
    [...state.oddRoutes.values()].find((o) => o.pattern.test(`${method} ${path}`))?.answer;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v10/, "");
    readBody(req)
      .then(async (body) => {
        const status =
          (await answerOddly(oddAnswerFor(method, path), res, req)) ?? (await route(method, path, body, req, res));
        state.requests.push({ method, path, body, status: status === "hang" ? 0 : status });
      })
      .catch((error: unknown) => sendJson(res, 500, { message: String(error), code: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const applicationId = options.applicationId ?? "900000000000000001";
  const attached = attachFakeGateway(server, {
    token: state.token,
    applicationId,
    baseUrl: `http://127.0.0.1:${port}`,
  });
  gateway = attached;

  return {
    api: `http://127.0.0.1:${port}/api`,
    token: state.token,
    applicationId,
    gateway: attached,
    messages: state.messages,
    messagesIn: (channelId) => state.messages.filter((m) => m.channelId === channelId),
    requests: state.requests,
    commands: state.commands,
    interactionCallbacks: state.interactionCallbacks,
    followUps: state.followUps,
    script: (failure, channelId) => {
      state.scripted.push({ failure, channelId });
    },
    scriptRoute: (method, route, answer) => {
      const key = `${method.toUpperCase()} ${route}`;
      if (answer === undefined) state.oddRoutes.delete(key);
      else state.oddRoutes.set(key, { pattern: routePattern(method, route), answer });
    },
    addForum: (id, tagNames, forumOptions = {}) => {
      const tags = tagNames.map((name) => ({ id: state.snowflake(), name }));
      const flags = forumOptions.requireTag === true ? REQUIRE_TAG : 0;
      state.channels.set(id, { id, type: FORUM, name: "ban-tin", flags, availableTags: tags, appliedTags: [] });
      return tags;
    },
    addThread: (id, parentId, name = "thảo luận") => {
      state.channels.set(id, { id, type: PUBLIC_THREAD, name, parentId, flags: 0, availableTags: [], appliedTags: [] });
    },
    postsIn: (forumId) =>
      [...state.channels.values()]
        .filter((c) => c.parentId === forumId && c.type === PUBLIC_THREAD)
        .map((post) => ({ post, messages: state.messages.filter((m) => m.channelId === post.id) })),
    setChannelError: (channelId, code) => {
      state.refused.set(channelId, code);
    },
    close: async () => {
      await attached.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
