import type { ChatGoneReason, ChatId } from "../../domain/index.js";

/** What the bot changes in the subscription store on the platform's say-so (the store satisfies it). */
export interface TelegramChatRegistry {
  deactivate(platform: "telegram", chat: ChatId, reason: ChatGoneReason, now: number): void;
  migrateChat(platform: "telegram", from: ChatId, to: ChatId, chatType: "supergroup", now: number): void;
}
