-- An event's headline in each language it was reported in, beside that language's summary: a
-- Vietnamese reader gets the Vietnamese headline whenever a Vietnamese outlet reported it.
ALTER TABLE summaries ADD COLUMN headline TEXT NOT NULL DEFAULT '';
