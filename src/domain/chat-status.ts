/** What kind of chat a message comes from: one of Telegram's chat types, which Discord maps onto (DM: private, guild: group). */
export type ChatType = "private" | "group" | "supergroup" | "channel";

/**
 * Why a platform refused a chat for good: `blocked` (the bot was blocked, kicked, or lost its
 * access or permissions) or `chat-not-found` (the chat or channel no longer exists).
 */
export type ChatGoneReason = "blocked" | "chat-not-found";

/**
 * Why a subscription is inactive. `not-subscribed`: the chat only changed settings;
 * `unsubscribed`: the chat asked; a {@link ChatGoneReason}: the platform refused delivery
 * (reactivated by /start).
 */
export type DeactivationReason = "not-subscribed" | "unsubscribed" | ChatGoneReason;
