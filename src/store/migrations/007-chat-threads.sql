-- A Telegram forum topic is its own subscription: settings, watches and briefings per
-- (chat, message_thread_id). 0 is the chat itself (a plain chat, or a forum's General topic),
-- not NULL, so that the unique key holds on both dialects.
ALTER TABLE subscriptions ADD COLUMN thread_id INTEGER NOT NULL DEFAULT 0;
DROP INDEX subscriptions_chat;
CREATE UNIQUE INDEX subscriptions_chat ON subscriptions (platform, chat_id, thread_id);
-- Where each part goes, copied from the subscription as it is enqueued, like chat_id.
ALTER TABLE deliveries ADD COLUMN thread_id INTEGER NOT NULL DEFAULT 0;
