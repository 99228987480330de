-- Clustering merges two events when a new report shows they are one story. The absorbed id is
-- remembered here, pointing at the event it is part of now, so what was done under the old id
-- (a breaking alert sent for it) is not done again under the new one.
CREATE TABLE event_merges (
  from_id   TEXT PRIMARY KEY,
  into_id   TEXT NOT NULL,
  merged_at INTEGER NOT NULL
);
CREATE INDEX event_merges_into ON event_merges (into_id);
