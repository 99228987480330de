import { Composer, type Context } from "grammy";
import type { CommandCore } from "../../../chat/index.js";
import { errorMessage } from "../../../chat/index.js";
import type { Logger } from "../../../domain/index.js";
import type { ChatContextReader } from "../chat-context.js";
import { optionalCall } from "../optional-call.js";
import { TOPIC_BUTTON_PREFIX, topicKeyboard } from "../reply-html.js";

export interface TopicButtonsDeps {
  readonly core: CommandCore;
  readonly chatContext: ChatContextReader;
  readonly logger: Logger;
}

/**
 * The topic buttons under /topics: a press toggles the topic and redraws the keyboard.
 * Answering the button and editing the keyboard are optional: the toggle is stored either way.
 */
export function topicButtons({ core, chatContext, logger }: TopicButtonsDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.on("callback_query:data", async (ctx) => {
    const data = ctx.callbackQuery.data;
    const chat = chatContext(ctx);
    const message = ctx.callbackQuery.message;
    const answer = (extra?: Parameters<Context["answerCallbackQuery"]>[0]) =>
      optionalCall(logger, "answerCallbackQuery", () => ctx.answerCallbackQuery(extra));
    if (!data.startsWith(TOPIC_BUTTON_PREFIX) || chat === undefined || message === undefined) {
      await answer();
      return;
    }
    const [reply] = await core.toggleTopic(data.slice(TOPIC_BUTTON_PREFIX.length), chat);
    if (reply?.kind === "topics") {
      await answer();
      await optionalCall(logger, "editMessageReplyMarkup", () =>
        ctx.api.editMessageReplyMarkup(message.chat.id, message.message_id, {
          reply_markup: topicKeyboard(reply.topics),
        }),
      );
    } else if (reply?.kind === "error") {
      await answer({ text: errorMessage(reply.lang, reply.key, reply.params), show_alert: true });
    } else await answer();
  });
  return feature;
}
