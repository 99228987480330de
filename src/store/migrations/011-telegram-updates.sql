-- Telegram updates already handled: Telegram sends an update again when its webhook answer was
-- lost or late, and getUpdates does after a restart that had not acknowledged it. Each is
-- handled once (the bot answers a command once); rows older than a day are pruned.
CREATE TABLE telegram_updates (
  update_id  INTEGER PRIMARY KEY,
  handled_at INTEGER NOT NULL
) WITHOUT ROWID;
