import type { ServerResponse } from "node:http";
import { rejectInvalid } from "./fake-discord-rules.js";
import { type DiscordState, type FakeMessage, storeMessage } from "./fake-discord-state.js";
import { sendJson, wireMessage } from "./fake-discord-wire.js";

/** A guild channel the fake knows: a forum with its tags, a thread, or a post in a forum. */
export interface FakeChannel {
  readonly id: string;
  /** Discord's channel types: 0 text, 11 public thread, 15 forum. */
  readonly type: number;
  readonly name: string;
  readonly parentId?: string | undefined;
  readonly flags: number;
  readonly availableTags: readonly { readonly id: string; readonly name: string }[];
  readonly appliedTags: readonly string[];
}

export const FORUM = 15;
export const PUBLIC_THREAD = 11;
/** A forum whose posts must carry a tag. */
export const REQUIRE_TAG = 1 << 4;

export const wireChannel = (c: FakeChannel) => ({
  id: c.id,
  type: c.type,
  guild_id: "1100000000000000000",
  name: c.name,
  flags: c.flags,
  ...(c.parentId === undefined ? {} : { parent_id: c.parentId }),
  ...(c.type === FORUM
    ? { available_tags: c.availableTags.map((t) => ({ ...t, moderated: false, emoji_id: null, emoji_name: null })) }
    : {}),
  ...(c.type === PUBLIC_THREAD
    ? { applied_tags: c.appliedTags, thread_metadata: { archived: false, locked: false } }
    : {}),
});

/** GET /channels/:id: the channel, or Discord's Unknown Channel. */
export function getChannel(state: DiscordState, id: string, res: ServerResponse): number {
  const channel = state.channels.get(id);
  if (channel === undefined) {
    sendJson(res, 404, { message: "Unknown Channel", code: 10003 });
    return 404;
  }
  sendJson(res, 200, wireChannel(channel));
  return 200;
}

const invalid = (res: ServerResponse, errors: Record<string, unknown>) => {
  sendJson(res, 400, { code: 50035, message: "Invalid Form Body", errors });
  return 400;
};

/**
 * POST /channels/:forum/threads, as Discord checks a forum post: a name of 1–100 characters, a
 * first message, known tags (at most 5), a tag when the forum requires one. The post is a thread
 * whose id is its starter message's.
 */
export function openForumPost(
  state: DiscordState,
  forumId: string,
  raw: unknown,
  res: ServerResponse,
  store: (channelId: string, body: Record<string, unknown>, id: string) => FakeMessage,
): number {
  const forum = state.channels.get(forumId);
  if (forum === undefined || forum.type !== FORUM) {
    sendJson(res, 400, { message: "Cannot execute action on this channel type", code: 50024 });
    return 400;
  }
  const body = (raw ?? {}) as { name?: unknown; message?: Record<string, unknown>; applied_tags?: unknown };
  const name = typeof body.name === "string" ? body.name : "";
  if ([...name].length < 1 || [...name].length > 100)
    return invalid(res, {
      name: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." }] },
    });
  if (body.message === undefined)
    return invalid(res, { message: { _errors: [{ code: "BASE_TYPE_REQUIRED", message: "This field is required" }] } });
  const tags = Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [];
  const known = new Set(forum.availableTags.map((t) => t.id));
  if (tags.length > 5 || tags.some((t) => !known.has(t)))
    return invalid(res, { applied_tags: { _errors: [{ code: "BASE_TYPE_BAD_VALUE", message: "Invalid tag" }] } });
  if (tags.length === 0 && (forum.flags & REQUIRE_TAG) !== 0) {
    sendJson(res, 400, { message: "A tag is required to create a forum post in this channel", code: 40067 });
    return 400;
  }
  const id = state.snowflake();
  const post: FakeChannel = {
    id,
    type: PUBLIC_THREAD,
    name,
    parentId: forumId,
    flags: 0,
    availableTags: [],
    appliedTags: tags,
  };
  state.channels.set(id, post);
  const starter = store(id, body.message, id);
  sendJson(res, 201, { ...wireChannel(post), message: wireMessage(starter) });
  return 201;
}

/** PATCH /channels/:id/messages/:message: the message in that channel, content and embeds replaced (limits checked). */
export function editMessage(
  state: DiscordState,
  channelId: string,
  messageId: string,
  raw: unknown,
  res: ServerResponse,
): number {
  const index = state.messages.findIndex((m) => m.id === messageId && m.channelId === channelId);
  const found = state.messages[index];
  if (found === undefined) {
    sendJson(res, 404, { message: "Unknown Message", code: 10008 });
    return 404;
  }
  const body = (raw ?? {}) as Record<string, unknown>;
  const edited: FakeMessage = {
    ...found,
    ...(typeof body.content === "string" ? { content: body.content } : {}),
    ...(Array.isArray(body.embeds) ? { embeds: body.embeds as Record<string, unknown>[] } : {}),
    edits: (found.edits ?? 0) + 1,
  };
  state.messages[index] = edited;
  sendJson(res, 200, wireMessage(edited));
  return 200;
}

/** The channel routes beyond posting a message: read a channel, open a forum post, edit a message; undefined for any other route. */
export function channelRoutes(
  state: DiscordState,
  method: string,
  path: string,
  body: unknown,
  res: ServerResponse,
): number | undefined {
  let m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
  if (m && method === "PATCH") {
    if (rejectInvalid((body ?? {}) as Record<string, unknown>, res, {})) return 400;
    return editMessage(state, m[1]!, m[2]!, body, res);
  }
  m = /^\/channels\/(\d+)$/.exec(path);
  if (m && method === "GET") return getChannel(state, m[1]!, res);
  m = /^\/channels\/(\d+)\/threads$/.exec(path);
  if (m && method === "POST")
    return openForumPost(state, m[1]!, body, res, (channel, message, id) => storeMessage(state, channel, message, id));
  return undefined;
}
