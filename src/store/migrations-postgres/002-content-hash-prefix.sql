-- As ../migrations/002-content-hash-prefix.sql: deduplication by content finds a story by the
-- first 16 hex digits of its content hash (the whole hash then confirms). The expression is
-- the one the items repository writes, `substr(content_hash, 1, 16)`, so the planner matches
-- the query to this index on both stores.
CREATE INDEX items_hash_prefix ON items (substr(content_hash, 1, 16));
DROP INDEX items_hash;
