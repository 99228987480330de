import type { InlineKeyboardMarkup } from "grammy/types";
import type { Reply, TopicState } from "../../chat/index.js";
import { renderReplyText } from "../../chat/index.js";
import type { DigestDocument } from "../../domain/index.js";

/** A reply as Telegram messages: HTML parts and, for /topics, the toggle keyboard. */
export interface TelegramReply {
  readonly parts: readonly string[];
  readonly replyMarkup?: InlineKeyboardMarkup;
}

/** Telegram's text limit, with room to spare: entity-escaped text only gets shorter once parsed. */
const PART_LIMIT = 4000;

export const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** callback_data of a topic button (Telegram allows 64 bytes; topic ids are short slugs). */
export const TOPIC_BUTTON_PREFIX = "t:";

export function topicKeyboard(topics: readonly TopicState[]): InlineKeyboardMarkup {
  return {
    inline_keyboard: topics.map((t) => [
      { text: `${t.subscribed ? "✅" : "▫️"} ${t.label}`, callback_data: `${TOPIC_BUTTON_PREFIX}${t.id}` },
    ]),
  };
}

/** Escaped text cut at line breaks so no part passes Telegram's limit (a huge line is cut outside entities). */
export function splitEscaped(html: string, limit = PART_LIMIT): string[] {
  const parts: string[] = [];
  let current = "";
  for (const line of html.split("\n")) {
    let rest = line;
    while (rest.length > limit) {
      let cut = limit;
      const amp = rest.lastIndexOf("&", cut);
      if (amp > cut - 6) cut = amp;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (current !== "" && current.length + 1 + rest.length > limit) {
      parts.push(current);
      current = rest;
    } else current = current === "" ? rest : `${current}\n${rest}`;
  }
  if (current.trim() !== "") parts.push(current);
  return parts;
}

/** Digests go through the digest renderer (already HTML, already split); everything else is escaped text. */
export function toTelegramReply(reply: Reply, renderDigestHtml: (doc: DigestDocument) => string[]): TelegramReply {
  if (reply.kind === "digest") return { parts: renderDigestHtml(reply.doc) };
  const parts = splitEscaped(escapeHtml(renderReplyText(reply, () => "")));
  return reply.kind === "topics" ? { parts, replyMarkup: topicKeyboard(reply.topics) } : { parts };
}
