import { type AcceptedMessage, type BotApiState, chatObject, pushUpdate, unixNow } from "./fake-bot-api-state.js";

export interface UserMessage {
  readonly chatId: number;
  readonly text: string;
  readonly userId?: number;
  readonly chatType?: "private" | "group" | "supergroup";
  readonly languageCode?: string;
}

const from = (userId: number, languageCode?: string) => ({
  id: userId,
  is_bot: false,
  first_name: `User ${userId}`,
  ...(languageCode === undefined ? {} : { language_code: languageCode }),
});

/** A command at the start of a text is marked as Telegram marks it. */
const commandEntities = (text: string) => {
  const command = /^\/\S+/.exec(text);
  return command === null ? {} : { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] };
};

function userMessage(state: BotApiState, m: UserMessage): Record<string, unknown> {
  const id = String(m.chatId);
  if (m.chatType !== undefined) state.chatTypes.set(id, m.chatType);
  return {
    message_id: state.nextMessageId++,
    date: unixNow(),
    chat: chatObject(state, id),
    from: from(m.userId ?? m.chatId, m.languageCode),
    text: m.text,
    ...commandEntities(m.text),
  };
}

/** What the people in the test's chats do: each returns the id of the update it queued. */
export function updateBuilders(state: BotApiState) {
  return {
    /** A user writes in a chat; returns the update id. */
    userSays: (m: UserMessage): number => pushUpdate(state, { message: userMessage(state, m) }),
    /** The update `userSays` would queue, for posting to a webhook instead (not queued). */
    userUpdate: (m: UserMessage) => ({ update_id: state.nextUpdateId++, message: userMessage(state, m) }),
    /** A channel admin posts in a channel. */
    channelPost(chatId: number, text: string): number {
      state.chatTypes.set(String(chatId), "channel");
      return pushUpdate(state, {
        channel_post: {
          message_id: state.nextMessageId++,
          date: unixNow(),
          chat: { id: chatId, type: "channel", title: `Channel ${chatId}` },
          sender_chat: { id: chatId, type: "channel", title: `Channel ${chatId}` },
          text,
          ...commandEntities(text),
        },
      });
    },
    /** A user taps an inline button under one of the bot's messages. */
    pressButton(message: AcceptedMessage, data: string, userId?: number, chatType?: UserMessage["chatType"]): number {
      if (chatType !== undefined) state.chatTypes.set(message.chatId, chatType);
      return pushUpdate(state, {
        callback_query: {
          id: `cb${state.nextUpdateId}`,
          from: from(userId ?? Number(message.chatId)),
          chat_instance: `ci${message.chatId}`,
          data,
          message: {
            message_id: message.messageId,
            date: unixNow(),
            chat: chatObject(state, message.chatId),
            text: message.plainText,
          },
        },
      });
    },
    /** The service message Telegram sends when a group becomes a supergroup; later sends to the old id are refused. */
    migrateGroup(fromChatId: number, toChatId: number): number {
      state.chatTypes.set(String(toChatId), "supergroup");
      state.scripted.set(String(fromChatId), {
        error_code: 400,
        description: "Bad Request: group chat was upgraded to a supergroup chat",
        parameters: { migrate_to_chat_id: toChatId },
      });
      return pushUpdate(state, {
        message: {
          message_id: state.nextMessageId++,
          date: unixNow(),
          chat: chatObject(state, String(fromChatId)),
          from: from(1),
          migrate_to_chat_id: toChatId,
        },
      });
    },
    /** Queue an update of any shape (my_chat_member, edited_message, …); the update id is added. */
    pushUpdate: (update: Record<string, unknown>): number => pushUpdate(state, update),
  };
}
