/**
 * What kind of chat a message comes from: one of Telegram's chat types, which Discord maps onto
 * (DM: private, guild channel or thread: group), and Discord's forum channel, where each
 * briefing and alert opens a post of its own.
 */
export type ChatType = "private" | "group" | "supergroup" | "channel" | "forum";

/** A chat many members share, whose settings only its admins change (a channel's posters are its admins). */
export const isSharedChat = (type: ChatType): boolean => type === "group" || type === "supergroup" || type === "forum";

/**
 * Why a platform refused a chat for good: `blocked` (the bot was blocked, kicked, or lost its
 * access or permissions), `chat-not-found` (the chat or channel no longer exists), or, for one
 * topic of a Telegram forum, `topic-closed` / `topic-deleted` (the group's other places go on).
 */
export type ChatGoneReason = "blocked" | "chat-not-found" | "topic-closed" | "topic-deleted";

const CHAT_GONE: ReadonlySet<string> = new Set<ChatGoneReason>([
  "blocked",
  "chat-not-found",
  "topic-closed",
  "topic-deleted",
]);

/** A refusal of the chat itself (not of one forum topic) ends every place in it, its topics too. */
export const endsWholeChat = (cause: ChatGoneReason): boolean => cause === "blocked" || cause === "chat-not-found";

/** Whether a subscription was ended by the platform (undone by /start), not by the chat. */
export const isChatGone = (reason: DeactivationReason | null): reason is ChatGoneReason =>
  reason !== null && CHAT_GONE.has(reason);

/**
 * Why a subscription is inactive. `not-subscribed`: the chat only changed settings;
 * `unsubscribed`: the chat asked; a {@link ChatGoneReason}: the platform refused delivery
 * (reactivated by /start).
 */
export type DeactivationReason = "not-subscribed" | "unsubscribed" | ChatGoneReason;
