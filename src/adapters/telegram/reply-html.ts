import type { InlineKeyboardMarkup } from "grammy/types";
import type { Reply, TopicState } from "../../chat/index.js";
import { renderReplyText } from "../../chat/index.js";
import type { DigestDocument } from "../../domain/index.js";
import { escapeTelegramHtml, splitEscaped } from "./telegram-html.js";

/** A reply as Telegram messages: HTML parts and, for /topics, the toggle keyboard. */
export interface TelegramReply {
  readonly parts: readonly string[];
  readonly replyMarkup?: InlineKeyboardMarkup;
}

/** callback_data of a topic button: this prefix and the topic id (within TelegramLimits.callbackData). */
export const TOPIC_BUTTON_PREFIX = "t:";

export function topicKeyboard(topics: readonly TopicState[]): InlineKeyboardMarkup {
  return {
    inline_keyboard: topics.map((t) => [
      { text: `${t.subscribed ? "✅" : "▫️"} ${t.label}`, callback_data: `${TOPIC_BUTTON_PREFIX}${t.id}` },
    ]),
  };
}

/** Digests go through the digest renderer (already HTML, already split); everything else is escaped text. */
export function toTelegramReply(reply: Reply, renderDigestHtml: (doc: DigestDocument) => string[]): TelegramReply {
  if (reply.kind === "digest") return { parts: renderDigestHtml(reply.doc) };
  const parts = splitEscaped(escapeTelegramHtml(renderReplyText(reply, () => "")));
  return reply.kind === "topics" ? { parts, replyMarkup: topicKeyboard(reply.topics) } : { parts };
}
