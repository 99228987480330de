import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFloodLimits, type FakeLimits, TELEGRAM_LIMITS } from "./fake-bot-api-flood-limits.js";
import { type BotApiMethod, botApiMethods } from "./fake-bot-api-methods.js";
import { answerOddly, type OddAnswer, type ScriptedError } from "./fake-bot-api-scripts.js";
import {
  type AcceptedMessage,
  type ApiCall,
  type BotApiState,
  type BotUser,
  chatTypeOf,
  createBotApiState,
  notifyWatchers,
  waitForMessages,
} from "./fake-bot-api-state.js";
import { type UserMessage, updateBuilders } from "./fake-bot-api-updates.js";
import { type Answer, fail, ok, readBody } from "./fake-bot-api-wire.js";

/**
 * A loopback Telegram Bot API server for the real grammY client (`client.apiRoot` =
 * `fake.apiRoot`, or TELEGRAM_API_ROOT). It speaks the wire format (`/bot<token>/<method>`, JSON,
 * form or query parameters; `{ok:true,result}` / `{ok:false,error_code,description,parameters}`)
 * and enforces what Telegram enforces on the methods Bantin uses: text of 1–4096 characters after
 * HTML entity parsing, "can't parse entities" errors, per-chat, per-group and global flood limits
 * answered with 429 and `parameters.retry_after`, scripted 403/400 per chat, `getUpdates` with
 * `offset` acknowledgement, long-poll `timeout` and 409 for a second poller. It records every
 * message it accepted, so tests can assert exactly-once.
 *
 * Its parts: the wire format (fake-bot-api-wire), the flood limits (-flood-limits), scripted and
 * odd answers (-scripts), the methods (-methods), the update builders (-updates), its memory (-state).
 */

export { type FakeLimits, TELEGRAM_LIMITS } from "./fake-bot-api-flood-limits.js";
export { BLOCKED, CHAT_NOT_FOUND, ODD_ANSWERS, type OddAnswer, type ScriptedError } from "./fake-bot-api-scripts.js";
export type { AcceptedMessage, ApiCall } from "./fake-bot-api-state.js";
export type { UserMessage } from "./fake-bot-api-updates.js";

export interface FakeBotApiOptions {
  readonly token?: string;
  readonly limits?: FakeLimits;
  readonly botUsername?: string;
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
  /** An admin opens a topic in a forum supergroup; returns its `message_thread_id`. */
  createTopic(chatId: number, name: string): number;
  /** An admin closes a topic: Telegram posts forum_topic_closed in it, and refuses messages there. */
  closeTopic(chatId: number, thread: number): number;
  reopenTopic(chatId: number, thread: number): number;
  /** An admin deletes a topic: no update comes, sends there are refused ("message thread not found"). */
  deleteTopic(chatId: number, thread: number): void;
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

/** One HTTP request: a scripted odd answer, or the method's answer as JSON; every call recorded. */
function requestHandler(state: BotApiState, methods: Record<string, BotApiMethod>) {
  const record = (call: ApiCall) => {
    state.calls.push(call);
    notifyWatchers(state);
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (match?.[1] === state.token) {
      const method = match[2] ?? "";
      if (await answerOddly(state.oddMethods.get(method), method, req, res, record)) return;
    }
    let answer: Answer;
    let params: Record<string, unknown> = {};
    if (match === null) answer = fail(404, "Not Found");
    else if (match[1] !== state.token) answer = fail(401, "Unauthorized");
    else {
      params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
      const method = methods[match[2] ?? ""];
      answer = method === undefined ? fail(404, "Not Found: method not found") : await method(params, req);
    }
    record({ method: match?.[2] ?? url.pathname, params, status: answer.status });
    if (res.destroyed) return;
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  };
}

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const state = createBotApiState(options.token ?? "123456:TEST-token", options.botUsername ?? "BantinTestBot");
  const flood = createFloodLimits(options.limits ?? TELEGRAM_LIMITS, (id) => chatTypeOf(state, id));
  const handle = requestHandler(state, botApiMethods(state, flood));
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token: state.token,
    botInfo: state.botInfo,
    messages: state.messages,
    calls: state.calls,
    floodRefusals: () => state.refusals,
    ...updateBuilders(state),
    scriptMethod(method, answer) {
      if (answer === undefined) state.oddMethods.delete(method);
      else state.oddMethods.set(method, answer);
    },
    scriptChat(chatId, error) {
      if (error === undefined) state.scripted.delete(String(chatId));
      else state.scripted.set(String(chatId), error);
    },
    setMemberStatus(chatId, userId, status) {
      state.members.set(`${chatId}:${userId}`, status);
    },
    pendingUpdates: () => state.updates.length,
    isPolling: () => state.poller !== undefined,
    waitFor: (predicate, timeoutMs) => waitForMessages(state, predicate, timeoutMs),
    messagesTo: (chatId) => state.messages.filter((m) => m.chatId === String(chatId)),
    async close() {
      state.poller?.cancel(ok([]));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
