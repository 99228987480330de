import { type Api, GrammyError, HttpError } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { ChatGoneReason, ChatId, ChatPlace, Logger, ThreadId } from "../../domain/index.js";
import { silentLogger, chatId as toChatId } from "../../domain/index.js";
import { describeBotApiError } from "./optional-call.js";

/**
 * What happened to a send. `sentParts` always says how many parts reached the chat, so a caller
 * resuming later starts after them.
 * - ok: every part was accepted (`chatId` is where: it differs after a group migration).
 * - blocked: the chat is gone for us (blocked, kicked, deleted); do not send again until /start.
 * - retry-later: Telegram asked for a longer wait than we hold a send for; nothing of the
 *   current part was sent, so trying again later cannot duplicate it.
 * - failed: `rejected` means Telegram refused the part (a bug in what we sent, retrying will not
 *   help); `unknown` means the request may or may not have been delivered (network error, 5xx).
 */
export type TelegramSendResult =
  | { readonly status: "ok"; readonly chatId: ChatId; readonly messageIds: readonly number[] }
  | { readonly status: "blocked"; readonly reason: ChatGoneReason; readonly description: string }
  | { readonly status: "retry-later"; readonly retryAfterMs: number; readonly sentParts: number }
  | {
      readonly status: "failed";
      readonly outcome: "rejected" | "unknown";
      readonly description: string;
      readonly sentParts: number;
    };

/**
 * The pace a send waits for: one lane of the process's one Telegram limiter
 * (`inLane(createTelegramLimiter(), "reply" | "bulk")` from delivery), so every send of the
 * process shares Telegram's limits.
 */
export interface FloodLimiter {
  /** Resolves when a message to this chat fits every limit. */
  acquire(chat: ChatId): Promise<void>;
}

export interface TelegramSendOptions {
  /** Attached to the last part (the topic keyboard under /topics). */
  readonly replyMarkup?: InlineKeyboardMarkup;
  /** The forum topic to post in (`message_thread_id`); absent: the chat itself (General topic). */
  readonly threadId?: ThreadId | undefined;
}

/** Where a send went: the chat, and the forum topic when there was one. */
export type TelegramPlace = Pick<ChatPlace, "chatId" | "threadId">;

/** Sends HTML parts to one chat, in order, within the flood limits; reusable by the delivery relay. */
export interface TelegramSender {
  send(chat: ChatId, htmlParts: readonly string[], options?: TelegramSendOptions): Promise<TelegramSendResult>;
  /**
   * Replaces the text of a message the bot sent (editMessageText): silent, no notification. An
   * edit to the text it already has is done. Waits out a short flood wait like a send.
   */
  edit(chat: ChatId, messageId: number, html: string): Promise<TelegramSendResult>;
}

export interface TelegramSenderDeps {
  readonly api: Api;
  readonly limiter: FloodLimiter;
  /** The longest 429 `retry_after` a send waits out itself; a longer one is returned as retry-later. */
  readonly maxWaitMs?: number;
  /** Told when a chat refuses us for good, so its subscription is deactivated (kept, not deleted). */
  readonly onChatGone?: (place: TelegramPlace, reason: ChatGoneReason) => void;
  /** Told when a group became a supergroup under a new id. */
  readonly onChatMigrated?: (from: ChatId, to: ChatId) => void;
  readonly logger?: Logger;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retry policy. sendMessage has no idempotency key, so a request whose answer was lost may
 * have been delivered. We therefore retry only answers that prove nothing was sent: 429
 * (after `retry_after`) and a group-to-supergroup migration (resent to the new id). A network
 * error or a 5xx is reported as `failed` with outcome `unknown` and never retried here: the
 * outbox decides (and records) whether to risk a duplicate. This is also why we do not use
 * @grammyjs/auto-retry, which retries network errors and 5xx without bound.
 */
export function createTelegramSender(deps: TelegramSenderDeps): TelegramSender {
  const logger = deps.logger ?? silentLogger;
  const maxWaitMs = deps.maxWaitMs ?? 60_000;

  const attempt = async (
    target: ChatId,
    html: string,
    thread: ThreadId | undefined,
    replyMarkup?: InlineKeyboardMarkup,
  ): Promise<Attempt> => {
    await deps.limiter.acquire(target);
    try {
      const message = await deps.api.sendMessage(target, html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(thread === undefined ? {} : { message_thread_id: thread }),
        ...(replyMarkup === undefined ? {} : { reply_markup: replyMarkup }),
      });
      return { kind: "sent", messageId: message.message_id };
    } catch (error) {
      if (error instanceof HttpError)
        return { kind: "failed", outcome: "unknown", description: describeBotApiError(error) };
      if (error instanceof GrammyError) return classify(error, thread !== undefined);
      throw error;
    }
  };

  return {
    edit: (chat, messageId, html) => editMessage(deps, maxWaitMs, chat, messageId, html),
    async send(chat, htmlParts, options = {}) {
      let target = chat;
      const messageIds: number[] = [];
      while (messageIds.length < htmlParts.length) {
        const part = messageIds.length;
        const last = part === htmlParts.length - 1;
        const markup = last ? options.replyMarkup : undefined;
        const result = await attempt(target, htmlParts[part] ?? "", options.threadId, markup);
        switch (result.kind) {
          case "sent":
            messageIds.push(result.messageId);
            break;
          case "flood":
            if (result.retryAfterMs > maxWaitMs)
              return { status: "retry-later", retryAfterMs: result.retryAfterMs, sentParts: part };
            logger.debug({ chatId: target, retryAfterMs: result.retryAfterMs }, "telegram flood wait");
            await sleep(result.retryAfterMs);
            break;
          case "migrated":
            deps.onChatMigrated?.(target, result.to);
            target = result.to;
            break;
          case "gone":
            deps.onChatGone?.({ chatId: target, threadId: options.threadId }, result.reason);
            return { status: "blocked", reason: result.reason, description: result.description };
          case "failed":
            logger.warn(
              { chatId: target, outcome: result.outcome, description: result.description },
              "telegram send failed",
            );
            return { status: "failed", outcome: result.outcome, description: result.description, sentParts: part };
        }
      }
      return { status: "ok", chatId: target, messageIds };
    },
  };
}

/** editMessageText with the sender's limiter and flood policy; "message is not modified" is done. */
async function editMessage(
  deps: TelegramSenderDeps,
  maxWaitMs: number,
  chat: ChatId,
  messageId: number,
  html: string,
): Promise<TelegramSendResult> {
  const editOnce = async (): Promise<Attempt> => {
    await deps.limiter.acquire(chat);
    try {
      await deps.api.editMessageText(chat, messageId, html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      });
      return { kind: "sent", messageId };
    } catch (error) {
      if (error instanceof HttpError)
        return { kind: "failed", outcome: "unknown", description: describeBotApiError(error) };
      if (error instanceof GrammyError)
        return /message is not modified/i.test(error.description)
          ? { kind: "sent", messageId }
          : classify(error, false);
      throw error;
    }
  };
  for (;;) {
    const result = await editOnce();
    switch (result.kind) {
      case "sent":
        return { status: "ok", chatId: chat, messageIds: [messageId] };
      case "flood":
        if (result.retryAfterMs > maxWaitMs)
          return { status: "retry-later", retryAfterMs: result.retryAfterMs, sentParts: 0 };
        await sleep(result.retryAfterMs);
        break;
      case "gone":
        return { status: "blocked", reason: result.reason, description: result.description };
      case "migrated":
        // The group's old id: the message lives on in the supergroup under an id Telegram does not give.
        return { status: "failed", outcome: "rejected", description: "the chat moved to a supergroup", sentParts: 0 };
      case "failed":
        return { status: "failed", outcome: result.outcome, description: result.description, sentParts: 0 };
    }
  }
}

/** One sendMessage call's outcome; only `flood` and `migrated` prove nothing was delivered, so only they are retried. */
type Attempt =
  | { readonly kind: "sent"; readonly messageId: number }
  | { readonly kind: "flood"; readonly retryAfterMs: number }
  | { readonly kind: "migrated"; readonly to: ChatId }
  | { readonly kind: "gone"; readonly reason: ChatGoneReason; readonly description: string }
  | { readonly kind: "failed"; readonly outcome: "rejected" | "unknown"; readonly description: string };

function classify(error: GrammyError, inTopic: boolean): Attempt {
  const { retry_after: retryAfter, migrate_to_chat_id: migratedTo } = error.parameters;
  if (error.error_code === 429 && retryAfter !== undefined) return { kind: "flood", retryAfterMs: retryAfter * 1000 };
  if (migratedTo !== undefined) return { kind: "migrated", to: toChatId(migratedTo) };
  const gone = goneReason(error, inTopic);
  if (gone !== undefined) return { kind: "gone", reason: gone, description: error.description };
  // An answer without Telegram's error_code (another server's, a proxy's) proves nothing either way.
  const code = error.error_code as number | undefined;
  const outcome = code === undefined || code >= 500 ? "unknown" : "rejected";
  // Telegram's own words when it gave them; another server's answer described.
  const description = (error.description as string | undefined) ?? describeBotApiError(error);
  return { kind: "failed", outcome, description };
}

/**
 * 403 (blocked, kicked, deactivated user) and 400 "chat not found" mean the chat is gone for us.
 * Sent into a forum topic, 400 "message thread not found" / "TOPIC_DELETED" and "TOPIC_CLOSED"
 * mean that topic alone is: the group and its other topics go on.
 */
function goneReason(error: GrammyError, inTopic: boolean): ChatGoneReason | undefined {
  if (error.error_code === 403) return "blocked";
  if (error.error_code !== 400) return undefined;
  if (/chat not found/i.test(error.description)) return "chat-not-found";
  if (!inTopic) return undefined;
  if (/TOPIC_CLOSED/i.test(error.description)) return "topic-closed";
  if (/message thread not found|TOPIC_DELETED|TOPIC_ID_INVALID/i.test(error.description)) return "topic-deleted";
  return undefined;
}
