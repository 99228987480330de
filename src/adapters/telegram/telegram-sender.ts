import { type Api, GrammyError, HttpError } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { ChatId, Logger } from "../../domain/index.js";
import { silentLogger, chatId as toChatId } from "../../domain/index.js";
import type { FloodLimiter } from "./flood-limiter.js";

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
  | { readonly status: "blocked"; readonly reason: "blocked" | "chat-not-found"; readonly description: string }
  | { readonly status: "retry-later"; readonly retryAfterMs: number; readonly sentParts: number }
  | {
      readonly status: "failed";
      readonly outcome: "rejected" | "unknown";
      readonly description: string;
      readonly sentParts: number;
    };

export interface TelegramSendOptions {
  /** Attached to the last part (the topic keyboard under /topics). */
  readonly replyMarkup?: InlineKeyboardMarkup;
}

/** Sends HTML parts to one chat, in order, within the flood limits; reusable by the delivery relay. */
export interface TelegramSender {
  send(chat: ChatId, htmlParts: readonly string[], options?: TelegramSendOptions): Promise<TelegramSendResult>;
}

export interface TelegramSenderDeps {
  readonly api: Api;
  readonly limiter: FloodLimiter;
  /** The longest 429 `retry_after` a send waits out itself; a longer one is returned as retry-later. */
  readonly maxWaitMs?: number;
  /** Told when a chat refuses us for good, so its subscription is deactivated (kept, not deleted). */
  readonly onChatGone?: (chat: ChatId, reason: "blocked" | "chat-not-found") => void;
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
  return {
    async send(chat, htmlParts, options = {}) {
      let target = chat;
      const messageIds: number[] = [];
      for (let part = 0; part < htmlParts.length; ) {
        await deps.limiter.acquire(target);
        const last = part === htmlParts.length - 1;
        try {
          const message = await deps.api.sendMessage(target, htmlParts[part] ?? "", {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
            ...(last && options.replyMarkup !== undefined ? { reply_markup: options.replyMarkup } : {}),
          });
          messageIds.push(message.message_id);
          part += 1;
        } catch (error) {
          if (error instanceof HttpError) {
            logger.warn({ chatId: target, err: error.message }, "telegram send outcome unknown");
            return { status: "failed", outcome: "unknown", description: error.message, sentParts: part };
          }
          if (!(error instanceof GrammyError)) throw error;
          const retryAfter = error.parameters.retry_after;
          if (error.error_code === 429 && retryAfter !== undefined) {
            if (retryAfter * 1000 > maxWaitMs)
              return { status: "retry-later", retryAfterMs: retryAfter * 1000, sentParts: part };
            logger.debug({ chatId: target, retryAfter }, "telegram flood wait");
            await sleep(retryAfter * 1000);
            continue;
          }
          const migratedTo = error.parameters.migrate_to_chat_id;
          if (migratedTo !== undefined) {
            const to = toChatId(migratedTo);
            deps.onChatMigrated?.(target, to);
            target = to;
            continue;
          }
          const gone = goneReason(error);
          if (gone !== undefined) {
            deps.onChatGone?.(target, gone);
            return { status: "blocked", reason: gone, description: error.description };
          }
          const outcome = error.error_code >= 500 ? "unknown" : "rejected";
          logger.error(
            { chatId: target, code: error.error_code, description: error.description },
            "telegram refused a message",
          );
          return { status: "failed", outcome, description: error.description, sentParts: part };
        }
      }
      return { status: "ok", chatId: target, messageIds };
    },
  };
}

/** 403 (blocked, kicked, deactivated user) and 400 "chat not found" mean the chat is gone for us. */
function goneReason(error: GrammyError): "blocked" | "chat-not-found" | undefined {
  if (error.error_code === 403) return "blocked";
  if (error.error_code === 400 && /chat not found/i.test(error.description)) return "chat-not-found";
  return undefined;
}
