import type { ChatId } from "./ids.js";

/** The platforms Bantin speaks on; the console is the terminal chat. */
export type Platform = "telegram" | "discord" | "console";

/**
 * A Telegram forum topic's `message_thread_id`. Discord needs none: its threads and forum posts
 * are channels with their own ids.
 */
export type ThreadId = number & { readonly __brand: "ThreadId" };

export const threadId = (n: number): ThreadId => n as ThreadId;

/**
 * Where a conversation happens, and so what one subscription is for: a chat, or one topic of a
 * Telegram forum supergroup (the General topic is the chat itself, as in a plain group).
 */
export interface ChatPlace {
  readonly platform: Platform;
  readonly chatId: ChatId;
  /** Absent for the chat itself. */
  readonly threadId?: ThreadId | undefined;
}

export const chatPlace = (platform: Platform, chat: ChatId, thread?: ThreadId): ChatPlace =>
  thread === undefined ? { platform, chatId: chat } : { platform, chatId: chat, threadId: thread };

/** "-1001/42" for a topic, the chat id alone for a chat: for logs and error messages. */
export const describePlace = (place: ChatPlace): string =>
  place.threadId === undefined
    ? `${place.platform}/${place.chatId}`
    : `${place.platform}/${place.chatId}/${place.threadId}`;

/** Only the place of something that has one (a subscription's row carries more). */
export const placeOf = (p: ChatPlace): ChatPlace => chatPlace(p.platform, p.chatId, p.threadId);
