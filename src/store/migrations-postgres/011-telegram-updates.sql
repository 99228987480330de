-- Telegram updates already handled: Telegram sends an update again when its webhook answer was
-- lost or late, and getUpdates does after a restart that had not acknowledged it. Replicas behind
-- one webhook share the table, so each update is handled once by one of them; rows older than a
-- day are pruned. Update ids are 32-bit (the Bot API calls them Integer, not 52-bit like chat ids).
CREATE TABLE telegram_updates (
  update_id  integer PRIMARY KEY,
  handled_at bigint NOT NULL
);
