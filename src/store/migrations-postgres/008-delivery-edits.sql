-- An edit of a message already sent: a row whose payload replaces the text of the part it
-- points at (Telegram editMessageText, Discord PATCH), queued when an entry of today's briefing
-- grew. NULL for every message sent as new.
ALTER TABLE deliveries ADD COLUMN edit_of bigint REFERENCES deliveries(id) ON DELETE CASCADE;
