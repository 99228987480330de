import { Composer, type Context } from "grammy";
import type { ChatContext, CommandCore, Reply } from "../../../chat/index.js";
import type { DigestDocument, Logger } from "../../../domain/index.js";
import type { ChatContextReader } from "../chat-context.js";
import { toTelegramReply } from "../reply-html.js";
import type { TelegramSender } from "../telegram-sender.js";

export interface CommandMessagesDeps {
  readonly core: CommandCore;
  readonly chatContext: ChatContextReader;
  /** The reply lane's sender: replies overtake a briefing fan-out. */
  readonly replySender: TelegramSender;
  readonly renderDigestHtml: (doc: DigestDocument) => string[];
  readonly logger: Logger;
}

/** Commands in messages and channel posts: the chat core answers, the replies go out in order. */
export function commandMessages(deps: CommandMessagesDeps): Composer<Context> {
  const { core, chatContext, replySender, renderDigestHtml, logger } = deps;
  // A command sent in a forum topic is answered in that topic.
  const deliver = async (place: ChatContext, replies: readonly Reply[]) => {
    for (const reply of replies) {
      const { parts, replyMarkup } = toTelegramReply(reply, renderDigestHtml);
      const options = { threadId: place.threadId, ...(replyMarkup === undefined ? {} : { replyMarkup }) };
      const result = await replySender.send(place.chatId, parts, options);
      if (result.status !== "ok") logger.warn({ chatId: place.chatId, result }, "telegram reply not delivered");
      if (result.status === "blocked") return;
    }
  };

  const feature = new Composer<Context>();
  feature.on(["message:text", "channel_post:text"], async (ctx) => {
    const text = ctx.msg.text;
    // "/digest@OtherBot" in a group is not for us.
    const addressee = /^\/[^\s@]+@(\S+)/.exec(text.trimStart())?.[1];
    if (addressee !== undefined && addressee.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    const chat = chatContext(ctx);
    if (chat === undefined) return;
    await deliver(chat, await core.handle(text, chat));
  });
  return feature;
}
