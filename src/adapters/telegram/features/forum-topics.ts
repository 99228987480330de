import { Composer, type Context } from "grammy";
import { type ChatPlace, chatId, type Logger, threadId } from "../../../domain/index.js";
import type { TelegramChatRegistry } from "../telegram-chat-registry.js";

/**
 * A forum topic's subscription follows the topic: Telegram posts a service message in it when
 * an admin closes or reopens it. Closed, its briefings stop (kept, like a blocked chat; the rest
 * of the group goes on); reopened, they resume, unless the topic was turned off for another reason.
 */
export function forumTopics(chats: TelegramChatRegistry, now: () => number, logger: Logger): Composer<Context> {
  const feature = new Composer<Context>();
  const placeOf = (ctx: Context): ChatPlace | undefined => {
    const thread = ctx.msg?.message_thread_id;
    if (ctx.chat === undefined || thread === undefined) return undefined;
    return { platform: "telegram", chatId: chatId(ctx.chat.id), threadId: threadId(thread) };
  };
  feature.on("message:forum_topic_closed", async (ctx) => {
    const place = placeOf(ctx);
    // Only a topic receiving briefings pauses: one that never subscribed, or unsubscribed, must
    // not come to life when the topic is reopened.
    if (place === undefined || (await chats.get(place))?.active !== true) return;
    await chats.deactivate(place, "topic-closed", now());
    logger.info({ ...place }, "forum topic closed: its subscription paused");
  });
  feature.on("message:forum_topic_reopened", async (ctx) => {
    const place = placeOf(ctx);
    if (place === undefined || (await chats.get(place))?.deactivatedReason !== "topic-closed") return;
    await chats.reactivate(place, now());
    logger.info({ ...place }, "forum topic reopened: its subscription resumed");
  });
  return feature;
}
