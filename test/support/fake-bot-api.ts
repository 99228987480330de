import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseTelegramHtml } from "./telegram-html.js";

/**
 * A loopback Telegram Bot API server for the real grammY client (`client.apiRoot` =
 * `fake.apiRoot`, or TELEGRAM_API_ROOT). It speaks the wire format (`/bot<token>/<method>`, JSON,
 * form or query parameters; `{ok:true,result}` / `{ok:false,error_code,description,parameters}`)
 * and enforces what Telegram enforces on the methods Bantin uses: text of 1–4096 characters after
 * HTML entity parsing, "can't parse entities" errors, per-chat, per-group and global flood limits
 * answered with 429 and `parameters.retry_after`, scripted 403/400 per chat, `getUpdates` with
 * `offset` acknowledgement, long-poll `timeout` and 409 for a second poller. It records every
 * message it accepted, so tests can assert exactly-once.
 */

export interface FakeLimits {
  /** Messages per second in one chat (Telegram: about 1). */
  readonly perChatPerSecond: number;
  /** Messages per minute in one group (Telegram: 20). */
  readonly perGroupPerMinute: number;
  /** Messages per second overall (Telegram: about 30). */
  readonly globalPerSecond: number;
}

export const TELEGRAM_LIMITS: FakeLimits = { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30 };

export interface FakeBotApiOptions {
  readonly token?: string;
  readonly limits?: FakeLimits;
  readonly botUsername?: string;
}

/** A message the fake accepted: what the user in that chat sees. */
export interface AcceptedMessage {
  readonly messageId: number;
  readonly chatId: string;
  /** As sent (HTML when parse_mode is HTML). */
  readonly text: string;
  /** What the user sees once entities are parsed. */
  readonly plainText: string;
  readonly parseMode: string | undefined;
  readonly linkPreviewDisabled: boolean;
  readonly replyMarkup: unknown;
}

export interface ApiCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly status: number;
}

export interface ScriptedError {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: Record<string, unknown>;
}

/**
 * An odd answer to script for a method, as other Bot API servers and proxies give them: any
 * status with any body (an error without `error_code` or `description`, an HTML 502, an empty
 * body), a connection reset before any answer, or the normal answer after a delay.
 */
export type OddAnswer =
  | { readonly status: number; readonly body: string; readonly contentType?: string }
  | { readonly reset: true }
  | { readonly delayMs: number };

/** The odd answers real servers give, by name. */
export const ODD_ANSWERS = {
  noErrorFields: { status: 400, body: JSON.stringify({ ok: false }) },
  noDescription: { status: 400, body: JSON.stringify({ ok: false, error_code: 400 }) },
  noErrorCode: { status: 400, body: JSON.stringify({ ok: false, description: "Bad Request: not supported here" }) },
  html502: {
    status: 502,
    contentType: "text/html",
    body: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
  },
  empty: { status: 502, body: "" },
  reset: { reset: true },
} as const satisfies Record<string, OddAnswer>;

/** The real answers for the permanent failures Bantin must handle. */
export const BLOCKED: ScriptedError = { error_code: 403, description: "Forbidden: bot was blocked by the user" };
export const CHAT_NOT_FOUND: ScriptedError = { error_code: 400, description: "Bad Request: chat not found" };

export interface UserMessage {
  readonly chatId: number;
  readonly text: string;
  readonly userId?: number;
  readonly chatType?: "private" | "group" | "supergroup";
  readonly languageCode?: string;
}

export interface FakeBotApi {
  readonly apiRoot: string;
  readonly token: string;
  readonly botInfo: BotUser;
  /** Every accepted message, in order. */
  readonly messages: readonly AcceptedMessage[];
  readonly calls: readonly ApiCall[];
  /** How many 429 answers the fake gave. */
  readonly floodRefusals: () => number;
  /** A user writes in a chat; returns the update id. */
  userSays(message: UserMessage): number;
  /** The update `userSays` would queue, for posting to a webhook instead (not queued). */
  userUpdate(message: UserMessage): { readonly update_id: number; readonly message: Record<string, unknown> };
  /** A channel admin posts in a channel. */
  channelPost(chatId: number, text: string): number;
  /** A user taps an inline button under one of the bot's messages. */
  pressButton(message: AcceptedMessage, data: string, userId?: number, chatType?: UserMessage["chatType"]): number;
  /** The service message Telegram sends when a group becomes a supergroup. */
  migrateGroup(fromChatId: number, toChatId: number): number;
  /** Every call of `method` gets this answer until cleared (undefined); the call is still recorded. */
  scriptMethod(method: string, answer: OddAnswer | undefined): void;
  /** Queue an update of any shape (my_chat_member, edited_message, …); the update id is added. */
  pushUpdate(update: Record<string, unknown>): number;
  /** Every sendMessage to this chat fails with this answer until cleared (undefined). */
  scriptChat(chatId: number | string, error: ScriptedError | undefined): void;
  setMemberStatus(chatId: number, userId: number, status: "creator" | "administrator" | "member" | "left"): void;
  /** The updates not yet acknowledged through `offset`. */
  pendingUpdates(): number;
  /** Whether a long-polling getUpdates is waiting right now (a running bot). */
  isPolling(): boolean;
  /** Resolves when `predicate` holds (checked after every API call); rejects after `timeoutMs`. */
  waitFor(predicate: (messages: readonly AcceptedMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  messagesTo(chatId: number | string): AcceptedMessage[];
  close(): Promise<void>;
}

interface BotUser {
  readonly id: number;
  readonly is_bot: true;
  readonly first_name: string;
  readonly username: string;
  readonly can_join_groups: boolean;
  readonly can_read_all_group_messages: boolean;
  readonly supports_inline_queries: boolean;
  readonly can_connect_to_business: boolean;
  readonly has_main_web_app: boolean;
}

type Answer = { status: number; body: Record<string, unknown> };

const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const fail = (error_code: number, description: string, parameters?: Record<string, unknown>): Answer => ({
  status: error_code,
  body: { ok: false, error_code, description, ...(parameters === undefined ? {} : { parameters }) },
});

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = options.token ?? "123456:TEST-token";
  const limits = options.limits ?? TELEGRAM_LIMITS;
  const botInfo: BotUser = {
    id: Number(token.split(":")[0]),
    is_bot: true,
    first_name: "Bantin",
    username: options.botUsername ?? "BantinTestBot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
  const messages: AcceptedMessage[] = [];
  const calls: ApiCall[] = [];
  const scripted = new Map<string, ScriptedError>();
  const oddMethods = new Map<string, OddAnswer>();
  const members = new Map<string, string>();
  const chatTypes = new Map<string, string>();
  const sendLog = new Map<string, number[]>();
  let updates: { update_id: number }[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let refusals = 0;
  let poller: { wake: () => void; cancel: (answer: Answer) => void } | undefined;
  const watchers = new Set<() => void>();

  const chatTypeOf = (id: string) =>
    chatTypes.get(id) ?? (id.startsWith("-100") ? "supergroup" : id.startsWith("-") ? "group" : "private");
  const chatObject = (id: string) => {
    const type = chatTypeOf(id);
    return type === "private"
      ? { id: Number(id), type, first_name: `User ${id}` }
      : { id: Number(id), type, title: `Chat ${id}` };
  };

  const push = (update: Record<string, unknown>): number => {
    const id = nextUpdateId++;
    updates.push({ update_id: id, ...update });
    poller?.wake();
    return id;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const userMessage = (m: UserMessage): Record<string, unknown> => {
    const id = String(m.chatId);
    if (m.chatType !== undefined) chatTypes.set(id, m.chatType);
    const command = /^\/\S+/.exec(m.text);
    return {
      message_id: nextMessageId++,
      date: now(),
      chat: chatObject(id),
      from: from(m.userId ?? m.chatId, m.languageCode),
      text: m.text,
      ...(command === null ? {} : { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }),
    };
  };

  /** The flood limits, counted over sliding windows of the messages accepted so far. */
  const floodCheck = (chatId: string, at: number): number | undefined => {
    const windows: [string, number, number][] = [
      [`chat:${chatId}`, 1000, limits.perChatPerSecond],
      ["global", 1000, limits.globalPerSecond],
    ];
    if (chatTypeOf(chatId) !== "private") windows.push([`group:${chatId}`, 60_000, limits.perGroupPerMinute]);
    let wait = 0;
    for (const [key, span, max] of windows) {
      const log = (sendLog.get(key) ?? []).filter((t) => t > at - span);
      sendLog.set(key, log);
      const oldest = log[log.length - max];
      if (log.length >= max && oldest !== undefined) wait = Math.max(wait, oldest + span - at);
    }
    return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : undefined;
  };
  const recordSend = (chatId: string, at: number) => {
    const keys = [`chat:${chatId}`, "global", ...(chatTypeOf(chatId) === "private" ? [] : [`group:${chatId}`])];
    for (const key of keys) sendLog.set(key, [...(sendLog.get(key) ?? []), at]);
  };

  const sendMessage = (p: Record<string, unknown>): Answer => {
    const chatId = p.chat_id === undefined ? "" : String(p.chat_id);
    if (chatId === "") return fail(400, "Bad Request: chat_id is empty");
    const error = scripted.get(chatId);
    if (error !== undefined) return fail(error.error_code, error.description, error.parameters);
    const text = typeof p.text === "string" ? p.text : "";
    const parseMode = typeof p.parse_mode === "string" ? p.parse_mode : undefined;
    let plainText = text;
    if (parseMode === "HTML") {
      // The shared validator of Telegram HTML (also used by the renderer's tests) decides.
      const parsed = parseTelegramHtml(text);
      if (!parsed.ok) return fail(400, asTelegramDescription(parsed.error));
      plainText = parsed.text;
    } else if (parseMode !== undefined) {
      return fail(400, `Bad Request: unsupported parse_mode "${parseMode}"`);
    }
    if (plainText.trim() === "") return fail(400, "Bad Request: message text is empty");
    // Telegram counts UTF-16 code units, as JavaScript's length does.
    if (plainText.length > 4096) return fail(400, "Bad Request: message is too long");
    const at = Date.now();
    const retryAfter = floodCheck(chatId, at);
    if (retryAfter !== undefined) {
      refusals += 1;
      return fail(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    recordSend(chatId, at);
    const preview = p.link_preview_options as { is_disabled?: boolean } | undefined;
    const accepted: AcceptedMessage = {
      messageId: nextMessageId++,
      chatId,
      text,
      plainText,
      parseMode,
      linkPreviewDisabled: preview?.is_disabled === true,
      replyMarkup: p.reply_markup,
    };
    messages.push(accepted);
    return ok({
      message_id: accepted.messageId,
      date: now(),
      chat: chatObject(chatId),
      from: botInfo,
      text: plainText,
      ...(p.reply_markup === undefined ? {} : { reply_markup: p.reply_markup }),
    });
  };

  const getUpdates = (p: Record<string, unknown>, req: IncomingMessage): Promise<Answer> | Answer => {
    const offset = Number(p.offset ?? 0);
    // Everything below offset is acknowledged: Telegram forgets it.
    if (offset > 0) updates = updates.filter((u) => u.update_id >= offset);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeout = Math.max(0, Number(p.timeout ?? 0));
    const ready = () => updates.slice(0, limit);
    if (ready().length > 0 || timeout === 0) return ok(ready());
    // A second long poll terminates the first, as on Telegram.
    poller?.cancel(
      fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"),
    );
    return new Promise<Answer>((resolve) => {
      const finish = (answer: Answer) => {
        clearTimeout(timer);
        if (poller === me) poller = undefined;
        resolve(answer);
      };
      const me = { wake: () => finish(ok(ready())), cancel: finish };
      const timer = setTimeout(() => finish(ok([])), timeout * 1000);
      poller = me;
      for (const w of [...watchers]) w();
      req.socket.once("close", () => finish(ok([])));
    });
  };

  const methods: Record<string, (p: Record<string, unknown>, req: IncomingMessage) => Answer | Promise<Answer>> = {
    getMe: () => ok(botInfo),
    sendMessage,
    getUpdates,
    deleteWebhook: () => ok(true),
    setWebhook: () => ok(true),
    setMyCommands: (p) =>
      Array.isArray(parseMaybeJson(p.commands)) ? ok(true) : fail(400, "Bad Request: commands must be an array"),
    answerCallbackQuery: (p) =>
      typeof p.callback_query_id === "string"
        ? ok(true)
        : fail(400, "Bad Request: query is too old and response timeout expired or query ID is invalid"),
    editMessageReplyMarkup: (p) => {
      const target = messages.find((m) => m.messageId === Number(p.message_id) && m.chatId === String(p.chat_id));
      if (target === undefined) return fail(400, "Bad Request: message to edit not found");
      const index = messages.indexOf(target);
      messages[index] = { ...target, replyMarkup: parseMaybeJson(p.reply_markup) };
      return ok({ message_id: target.messageId, date: now(), chat: chatObject(target.chatId), text: target.plainText });
    },
    getChatMember: (p) => {
      const status = members.get(`${p.chat_id}:${p.user_id}`) ?? "member";
      return ok({ status, user: { id: Number(p.user_id), is_bot: false, first_name: `User ${p.user_id}` } });
    },
  };

  const server = createServer((req, res) => void handle(req, res));
  /** Answers a scripted odd answer; true when the request is dealt with. */
  const oddAnswer = async (method: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const odd = oddMethods.get(method);
    if (odd === undefined) return false;
    if ("delayMs" in odd) {
      await new Promise((resolve) => setTimeout(resolve, odd.delayMs));
      return false;
    }
    calls.push({ method, params: await readBody(req), status: "reset" in odd ? 0 : odd.status });
    for (const w of [...watchers]) w();
    if ("reset" in odd) req.socket.destroy();
    else {
      res.writeHead(odd.status, odd.contentType === undefined ? {} : { "content-type": odd.contentType });
      res.end(odd.body);
    }
    return true;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (match?.[1] === token && (await oddAnswer(match[2] ?? "", req, res))) return;
    let answer: Answer;
    let params: Record<string, unknown> = {};
    if (match === null) answer = fail(404, "Not Found");
    else if (match[1] !== token) answer = fail(401, "Unauthorized");
    else {
      params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
      const method = methods[match[2] ?? ""];
      answer = method === undefined ? fail(404, "Not Found: method not found") : await method(params, req);
    }
    calls.push({ method: match?.[2] ?? url.pathname, params, status: answer.status });
    for (const w of [...watchers]) w();
    if (res.destroyed) return;
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const from = (userId: number, languageCode?: string) => ({
    id: userId,
    is_bot: false,
    first_name: `User ${userId}`,
    ...(languageCode === undefined ? {} : { language_code: languageCode }),
  });

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    messages,
    calls,
    floodRefusals: () => refusals,
    userSays: (m) => push({ message: userMessage(m) }),
    userUpdate: (m) => ({ update_id: nextUpdateId++, message: userMessage(m) }),
    channelPost(chatId, text) {
      chatTypes.set(String(chatId), "channel");
      const command = /^\/\S+/.exec(text);
      return push({
        channel_post: {
          message_id: nextMessageId++,
          date: now(),
          chat: { id: chatId, type: "channel", title: `Channel ${chatId}` },
          sender_chat: { id: chatId, type: "channel", title: `Channel ${chatId}` },
          text,
          ...(command === null ? {} : { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }),
        },
      });
    },
    pressButton(message, data, userId, chatType) {
      if (chatType !== undefined) chatTypes.set(message.chatId, chatType);
      return push({
        callback_query: {
          id: `cb${nextUpdateId}`,
          from: from(userId ?? Number(message.chatId)),
          chat_instance: `ci${message.chatId}`,
          data,
          message: {
            message_id: message.messageId,
            date: now(),
            chat: chatObject(message.chatId),
            text: message.plainText,
          },
        },
      });
    },
    migrateGroup(fromChatId, toChatId) {
      chatTypes.set(String(toChatId), "supergroup");
      scripted.set(String(fromChatId), {
        error_code: 400,
        description: "Bad Request: group chat was upgraded to a supergroup chat",
        parameters: { migrate_to_chat_id: toChatId },
      });
      return push({
        message: {
          message_id: nextMessageId++,
          date: now(),
          chat: chatObject(String(fromChatId)),
          from: from(1),
          migrate_to_chat_id: toChatId,
        },
      });
    },
    scriptMethod(method, answer) {
      if (answer === undefined) oddMethods.delete(method);
      else oddMethods.set(method, answer);
    },
    pushUpdate: (update) => push(update),
    scriptChat(chatId, error) {
      if (error === undefined) scripted.delete(String(chatId));
      else scripted.set(String(chatId), error);
    },
    setMemberStatus(chatId, userId, status) {
      members.set(`${chatId}:${userId}`, status);
    },
    pendingUpdates: () => updates.length,
    isPolling: () => poller !== undefined,
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(messages)) return;
          watchers.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(
            new Error(
              `fake Bot API: condition not met in ${timeoutMs} ms; accepted: ${JSON.stringify(messages.map((m) => [m.chatId, m.plainText.slice(0, 60)]))}`,
            ),
          );
        }, timeoutMs);
        watchers.add(check);
        check();
      });
    },
    messagesTo: (chatId) => messages.filter((m) => m.chatId === String(chatId)),
    async close() {
      poller?.cancel(ok([]));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** JSON, form-encoded or empty bodies, as the Bot API accepts them (multipart is not needed here). */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw === "") return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  if (type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries([...new URLSearchParams(raw)].map(([k, v]) => [k, parseMaybeJson(v)]));
  }
  return {};
}

/** Telegram's wording: "Bad Request: can't parse entities: Unsupported start tag …". */
function asTelegramDescription(error: string): string {
  if (error.startsWith("Bad Request: ")) return error;
  return `Bad Request: can't parse entities: ${error.replace(/^Can't parse entities: /, "")}`;
}
