import { type AcceptedMessage, type BotApiState, chatObject, pushUpdate, unixNow } from "./fake-bot-api-state.js";

export interface UserMessage {
  readonly chatId: number;
  readonly text: string;
  readonly userId?: number;
  readonly chatType?: "private" | "group" | "supergroup";
  readonly languageCode?: string;
  /** Written in this topic of a forum (see `createTopic`); absent: the chat itself (General). */
  readonly threadId?: number;
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
    ...(m.threadId === undefined ? {} : { message_thread_id: m.threadId, is_topic_message: true }),
  };
}

/** A forum's service message in one topic (created, closed, reopened), as Telegram posts it. */
function topicServiceMessage(state: BotApiState, chatId: number, thread: number, service: Record<string, unknown>) {
  return {
    message: {
      message_id: state.nextMessageId++,
      message_thread_id: thread,
      is_topic_message: true,
      date: unixNow(),
      chat: chatObject(state, String(chatId)),
      from: from(1),
      ...service,
    },
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
    /** An admin opens a topic in a forum supergroup; returns its `message_thread_id`. */
    createTopic(chatId: number, name: string): number {
      const id = String(chatId);
      state.chatTypes.set(id, "supergroup");
      const topics = state.forums.get(id) ?? new Map();
      state.forums.set(id, topics);
      // Telegram's topic id is the id of the service message that created it.
      const thread = state.nextMessageId;
      topics.set(thread, "open");
      pushUpdate(
        state,
        topicServiceMessage(state, chatId, thread, { forum_topic_created: { name, icon_color: 7322096 } }),
      );
      return thread;
    },
    /** An admin closes a topic: Telegram posts forum_topic_closed in it, and refuses messages there. */
    closeTopic(chatId: number, thread: number): number {
      state.forums.get(String(chatId))?.set(thread, "closed");
      return pushUpdate(state, topicServiceMessage(state, chatId, thread, { forum_topic_closed: {} }));
    },
    reopenTopic(chatId: number, thread: number): number {
      state.forums.get(String(chatId))?.set(thread, "open");
      return pushUpdate(state, topicServiceMessage(state, chatId, thread, { forum_topic_reopened: {} }));
    },
    /** An admin deletes a topic: no update comes (Telegram sends none), sends there are refused. */
    deleteTopic(chatId: number, thread: number): void {
      state.forums.get(String(chatId))?.set(thread, "deleted");
    },
    /** Queue an update of any shape (my_chat_member, edited_message, …); the update id is added. */
    pushUpdate: (update: Record<string, unknown>): number => pushUpdate(state, update),
  };
}
