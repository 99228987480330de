import type { IncomingMessage } from "node:http";
import type { FloodLimits } from "./fake-bot-api-flood-limits.js";
import {
  type AcceptedMessage,
  type BotApiState,
  chatObject,
  notifyWatchers,
  type Poller,
  unixNow,
} from "./fake-bot-api-state.js";
import { type Answer, asTelegramDescription, fail, ok, parseMaybeJson } from "./fake-bot-api-wire.js";
import { parseTelegramHtml } from "./telegram-html.js";

export type BotApiMethod = (params: Record<string, unknown>, req: IncomingMessage) => Answer | Promise<Answer>;

/** sendMessage as Telegram checks it: scripted refusals, HTML entities, 1–4096 characters, then the flood limits. */
function sendMessage(state: BotApiState, flood: FloodLimits, p: Record<string, unknown>): Answer {
  const chatId = p.chat_id === undefined ? "" : String(p.chat_id);
  if (chatId === "") return fail(400, "Bad Request: chat_id is empty");
  const error = state.scripted.get(chatId);
  if (error !== undefined) return fail(error.error_code, error.description, error.parameters);
  const thread = p.message_thread_id === undefined ? undefined : Number(p.message_thread_id);
  const topicRefusal = thread === undefined ? undefined : refuseTopic(state, chatId, thread);
  if (topicRefusal !== undefined) return topicRefusal;
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
  const retryAfter = flood.check(chatId, at);
  if (retryAfter !== undefined) {
    state.refusals += 1;
    return fail(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
  }
  flood.record(chatId, at);
  const preview = p.link_preview_options as { is_disabled?: boolean } | undefined;
  const accepted: AcceptedMessage = {
    messageId: state.nextMessageId++,
    chatId,
    text,
    plainText,
    parseMode,
    linkPreviewDisabled: preview?.is_disabled === true,
    replyMarkup: p.reply_markup,
    threadId: thread,
  };
  state.messages.push(accepted);
  return ok({
    message_id: accepted.messageId,
    date: unixNow(),
    chat: chatObject(state, chatId),
    from: state.botInfo,
    text: plainText,
    ...(thread === undefined ? {} : { message_thread_id: thread, is_topic_message: true }),
    ...(p.reply_markup === undefined ? {} : { reply_markup: p.reply_markup }),
  });
}

/**
 * A message_thread_id as Telegram checks it: only an open topic of a forum takes messages. A
 * deleted topic, an unknown one, or a thread id in a chat that is no forum: "message thread not
 * found"; a closed topic: TOPIC_CLOSED.
 */
function refuseTopic(state: BotApiState, chatId: string, thread: number): Answer | undefined {
  const topic = state.forums.get(chatId)?.get(thread);
  if (topic === "open") return undefined;
  if (topic === "closed") return fail(400, "Bad Request: TOPIC_CLOSED");
  return fail(400, "Bad Request: message thread not found");
}

/** editMessageText as Telegram checks it: the message must exist, and the new text must differ. */
function editMessageText(state: BotApiState, p: Record<string, unknown>): Answer {
  const { messages } = state;
  const target = messages.find((m) => m.messageId === Number(p.message_id) && m.chatId === String(p.chat_id));
  if (target === undefined) return fail(400, "Bad Request: message to edit not found");
  const text = typeof p.text === "string" ? p.text : "";
  const parsed = p.parse_mode === "HTML" ? parseTelegramHtml(text) : { ok: true as const, text };
  if (!parsed.ok) return fail(400, asTelegramDescription(parsed.error));
  if (parsed.text.trim() === "") return fail(400, "Bad Request: message text is empty");
  if (parsed.text.length > 4096) return fail(400, "Bad Request: MESSAGE_TOO_LONG");
  if (text === target.text)
    return fail(
      400,
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
  messages[messages.indexOf(target)] = { ...target, text, plainText: parsed.text, edits: (target.edits ?? 0) + 1 };
  return ok({
    message_id: target.messageId,
    date: unixNow(),
    chat: chatObject(state, target.chatId),
    text: parsed.text,
  });
}

/** getUpdates: `offset` acknowledges, `timeout` long-polls, and a second long poll ends the first with 409. */
function getUpdates(state: BotApiState, p: Record<string, unknown>, req: IncomingMessage): Promise<Answer> | Answer {
  const offset = Number(p.offset ?? 0);
  // Everything below offset is acknowledged: Telegram forgets it.
  if (offset > 0) state.updates = state.updates.filter((u) => u.update_id >= offset);
  const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
  const timeout = Math.max(0, Number(p.timeout ?? 0));
  const ready = () => state.updates.slice(0, limit);
  if (ready().length > 0 || timeout === 0) return ok(ready());
  // A second long poll terminates the first, as on Telegram.
  state.poller?.cancel(
    fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"),
  );
  return new Promise<Answer>((resolve) => {
    const finish = (answer: Answer) => {
      clearTimeout(timer);
      if (state.poller === me) state.poller = undefined;
      resolve(answer);
    };
    const me: Poller = { wake: () => finish(ok(ready())), cancel: finish };
    const timer = setTimeout(() => finish(ok([])), timeout * 1000);
    state.poller = me;
    notifyWatchers(state);
    req.socket.once("close", () => finish(ok([])));
  });
}

/** The Bot API methods Bantin calls, by name. */
export function botApiMethods(state: BotApiState, flood: FloodLimits): Record<string, BotApiMethod> {
  const { messages, members } = state;
  return {
    getMe: () => ok(state.botInfo),
    sendMessage: (p) => sendMessage(state, flood, p),
    editMessageText: (p) => editMessageText(state, p),
    getUpdates: (p, req) => getUpdates(state, p, req),
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
      return ok({
        message_id: target.messageId,
        date: unixNow(),
        chat: chatObject(state, target.chatId),
        text: target.plainText,
      });
    },
    getChatMember: (p) => {
      const status = members.get(`${p.chat_id}:${p.user_id}`) ?? "member";
      return ok({ status, user: { id: Number(p.user_id), is_bot: false, first_name: `User ${p.user_id}` } });
    },
  };
}
