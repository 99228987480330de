-- Competing workers: a row taken for sending records who took it and until when the taker
-- holds it. Another process reclaims a row whose lease ran out (its taker died), instead of a
-- restarted process resetting every `sending` row, which in a cluster would resend what a live
-- replica is sending. One SQLite process is alone and never reads them.
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until INTEGER;
-- The claim looks for due rows and for earlier rows of the same chat still waiting.
CREATE INDEX deliveries_subscription_waiting ON deliveries (subscription_id, id) WHERE state IN ('pending', 'sending');
