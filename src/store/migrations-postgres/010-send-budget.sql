-- A platform's limits shared by every replica: each send takes a free slot of its bot's overall
-- budget (one row per slot, unique, so two replicas never take the same), and a chat's next
-- allowed send is kept per chat and group. Times are the database's clock, which all replicas share.
CREATE TABLE send_slots (
  key     text NOT NULL,
  slot_at bigint NOT NULL,
  PRIMARY KEY (key, slot_at)
);
CREATE TABLE send_next (
  key     text PRIMARY KEY,
  next_at bigint NOT NULL
);
