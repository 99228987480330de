-- A platform's limits shared by every replica (PostgreSQL): each send takes a free slot of its
-- bot's overall budget (one row per slot, unique, so two replicas never take the same), and a
-- chat's next allowed send is kept per chat and group. One SQLite process paces itself in
-- memory and never reads them; they exist here so both dialects keep one schema.
CREATE TABLE send_slots (
  key     TEXT NOT NULL,
  slot_at INTEGER NOT NULL,
  PRIMARY KEY (key, slot_at)
);
CREATE TABLE send_next (
  key     TEXT PRIMARY KEY,
  next_at INTEGER NOT NULL
);
