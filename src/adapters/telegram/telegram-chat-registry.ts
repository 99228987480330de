import type { Awaitable, ChatGoneReason, ChatId, ChatPlace, DeactivationReason } from "../../domain/index.js";

/**
 * What the bot changes in the subscription store on the platform's say-so (either store
 * satisfies it: SQLite's answers at once, PostgreSQL's with a Promise; the bot awaits both).
 */
export interface TelegramChatRegistry {
  get(
    place: ChatPlace,
  ): Awaitable<{ readonly active: boolean; readonly deactivatedReason: DeactivationReason | null } | undefined>;
  deactivate(place: ChatPlace, reason: ChatGoneReason, now: number): Awaitable<void>;
  reactivate(place: ChatPlace, now: number): Awaitable<void>;
  deactivateChat(platform: "telegram", chat: ChatId, reason: ChatGoneReason, now: number): Awaitable<void>;
  migrateChat(platform: "telegram", from: ChatId, to: ChatId, chatType: "supergroup", now: number): Awaitable<void>;
}
