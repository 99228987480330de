import type { Api, Context } from "grammy";
import type { ChatContext } from "../../chat/index.js";
import type { ChatType, Logger } from "../../domain/index.js";
import { chatId, type ThreadId, threadId } from "../../domain/index.js";
import { createAdminCheck } from "./admin-check.js";

/** Telegram's chat type as ours; anything new Telegram adds is treated as a private chat. */
export const telegramChatType = (type: string): ChatType =>
  type === "group" || type === "supergroup" || type === "channel" ? type : "private";

/**
 * The forum topic a message belongs to. Only `is_topic_message` says so: a reply in a plain group,
 * or in a forum's General topic, carries a `message_thread_id` too, but of a reply thread that
 * sendMessage refuses ("message thread not found").
 */
function forumTopicOf(ctx: Context): ThreadId | undefined {
  const message = ctx.msg;
  if (message?.is_topic_message !== true || message.message_thread_id === undefined) return undefined;
  return threadId(message.message_thread_id);
}

/** Reads who wrote and where, for the chat core; undefined for an update without a chat. */
export type ChatContextReader = (ctx: Context) => ChatContext | undefined;

/** The chat core's view of an update; admin rights are asked of Telegram only when a command needs them. */
export function createChatContextReader(api: Api, logger: Logger): ChatContextReader {
  const isAdmin = createAdminCheck(api, logger);
  return (ctx) => {
    const chat = ctx.chat;
    if (chat === undefined) return undefined;
    const type = telegramChatType(chat.type);
    const user = ctx.from;
    const thread = forumTopicOf(ctx);
    return {
      platform: "telegram",
      chatId: chatId(chat.id),
      ...(thread === undefined ? {} : { threadId: thread }),
      userId: String(user?.id ?? chat.id),
      chatType: type,
      // Only a channel's admins can post in it; elsewhere ask Telegram (private chats never ask).
      isAdmin: async () => type === "channel" || (user !== undefined && (await isAdmin(chat.id, user.id))),
      language: user?.language_code,
    };
  };
}
