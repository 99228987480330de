-- As ../migrations/003-event-merges.sql: an event absorbed by a merge is remembered, pointing
-- at the event it is part of now, so what was done under the old id is not done again.
CREATE TABLE event_merges (
  from_id   text PRIMARY KEY,
  into_id   text NOT NULL,
  merged_at bigint NOT NULL
);
CREATE INDEX event_merges_into ON event_merges (into_id);
