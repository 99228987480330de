import { Composer, type Context } from "grammy";
import { chatId } from "../../../domain/index.js";
import type { TelegramChatRegistry } from "../telegram-chat-registry.js";

/**
 * A group that became a supergroup: Telegram says so in a service message in the old group,
 * and the subscription follows the chat to its new id.
 */
export function groupMigration(chats: TelegramChatRegistry, now: () => number): Composer<Context> {
  const feature = new Composer<Context>();
  feature.on("message:migrate_to_chat_id", async (ctx) => {
    await chats.migrateChat(
      "telegram",
      chatId(ctx.chat.id),
      chatId(ctx.message.migrate_to_chat_id),
      "supergroup",
      now(),
    );
  });
  return feature;
}
