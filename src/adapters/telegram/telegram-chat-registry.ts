import type { ChatGoneReason, ChatId, ChatPlace, DeactivationReason } from "../../domain/index.js";

/** What the bot changes in the subscription store on the platform's say-so (the store satisfies it). */
export interface TelegramChatRegistry {
  get(
    place: ChatPlace,
  ): { readonly active: boolean; readonly deactivatedReason: DeactivationReason | null } | undefined;
  deactivate(place: ChatPlace, reason: ChatGoneReason, now: number): void;
  reactivate(place: ChatPlace, now: number): void;
  deactivateChat(platform: "telegram", chat: ChatId, reason: ChatGoneReason, now: number): void;
  migrateChat(platform: "telegram", from: ChatId, to: ChatId, chatType: "supergroup", now: number): void;
}
