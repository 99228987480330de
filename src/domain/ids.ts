/** A nominal type: a string or number that the compiler will not confuse with another id. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type SourceId = Brand<string, "SourceId">;
export type ItemId = Brand<string, "ItemId">;
export type EventId = Brand<string, "EventId">;
export type TopicId = Brand<string, "TopicId">;
export type SubscriptionId = Brand<number, "SubscriptionId">;
/** A platform's chat, channel or DM id, always kept as a string (Telegram ids overflow 2^53 in theory; Discord ids are snowflakes). */
export type ChatId = Brand<string, "ChatId">;

export const sourceId = (s: string): SourceId => s as SourceId;
export const itemId = (s: string): ItemId => s as ItemId;
export const eventId = (s: string): EventId => s as EventId;
export const topicId = (s: string): TopicId => s as TopicId;
export const subscriptionId = (n: number): SubscriptionId => n as SubscriptionId;
export const chatId = (s: string | number): ChatId => String(s) as ChatId;
