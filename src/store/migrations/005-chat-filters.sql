-- What a chat watches (events naming these enter its digests outside its topics, and alert when
-- alerts are on) and mutes (events naming these never reach it). `phrase` is what the user typed
-- (NFC); `match_key` its folded syllables, so "Kim Jong-un" and "kim jong un" are one filter.
CREATE TABLE chat_filters (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('watch', 'mute')),
  match_key       TEXT NOT NULL,
  phrase          TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, kind, match_key)
);
