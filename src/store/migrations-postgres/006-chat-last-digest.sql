-- The events of the last digest or alert each chat was given, in the order shown, so that
-- "/story 3" right after a digest means its third entry.
CREATE TABLE chat_last_digest (
  subscription_id bigint NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  event_ids       text NOT NULL,
  shown_at        bigint NOT NULL
);
-- One row per chat (the upsert's conflict target).
CREATE UNIQUE INDEX chat_last_digest_subscription ON chat_last_digest (subscription_id);
