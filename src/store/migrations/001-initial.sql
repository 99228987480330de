-- Feeds and their fetch state (conditional GET, backoff, last error).
CREATE TABLE sources (
  id                   TEXT PRIMARY KEY,
  url                  TEXT NOT NULL,
  name                 TEXT NOT NULL,
  lang                 TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
  full_text            INTEGER NOT NULL DEFAULT 0,
  weight               REAL NOT NULL DEFAULT 1,
  etag                 TEXT,
  last_modified        TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  paused_until         INTEGER,
  last_status          TEXT,
  last_error           TEXT,
  last_fetched_at      INTEGER,
  last_success_at      INTEGER
);

-- Articles. The unique keys make ingest idempotent: the same story is stored once.
CREATE TABLE items (
  id            INTEGER PRIMARY KEY,
  source_id     TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  guid          TEXT NOT NULL,
  url           TEXT NOT NULL,
  title         TEXT NOT NULL,
  lead          TEXT NOT NULL DEFAULT '',
  text          TEXT NOT NULL DEFAULT '',
  lang          TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
  published_at  INTEGER NOT NULL,
  fetched_at    INTEGER NOT NULL,
  content_hash  TEXT NOT NULL,
  -- Filled by analysis; NULL means not analysed yet.
  relevance     REAL,
  topics        TEXT,
  analyzed_at   INTEGER
);
CREATE UNIQUE INDEX items_guid ON items (guid);
CREATE UNIQUE INDEX items_url ON items (url);
CREATE UNIQUE INDEX items_hash ON items (content_hash);
CREATE INDEX items_published ON items (published_at);
CREATE INDEX items_unanalyzed ON items (analyzed_at) WHERE analyzed_at IS NULL;

CREATE TABLE events (
  id          TEXT PRIMARY KEY,
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  headline    TEXT NOT NULL DEFAULT '',
  relevance   REAL NOT NULL DEFAULT 0,
  topics      TEXT NOT NULL DEFAULT '[]',
  item_count  INTEGER NOT NULL DEFAULT 0,
  outlet_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_last_seen ON events (last_seen);

CREATE TABLE event_items (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, item_id)
);
CREATE UNIQUE INDEX event_items_item ON event_items (item_id);

-- Cached summaries, keyed by event and by what they were made from.
CREATE TABLE summaries (
  event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  lang        TEXT NOT NULL,
  method      TEXT NOT NULL,
  input_hash  TEXT NOT NULL,
  summary     TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (event_id, lang, method)
);

CREATE TABLE subscriptions (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL CHECK (platform IN ('telegram', 'discord', 'console')),
  chat_id     TEXT NOT NULL,
  chat_type   TEXT NOT NULL DEFAULT 'private',
  topics      TEXT NOT NULL DEFAULT '[]',
  times       TEXT NOT NULL DEFAULT '["07:00"]',
  timezone    TEXT NOT NULL,
  lang        TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
  alerts      INTEGER NOT NULL DEFAULT 0,
  weekly      TEXT,
  active      INTEGER NOT NULL DEFAULT 1,
  deactivated_reason TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX subscriptions_chat ON subscriptions (platform, chat_id);

-- One digest per subscription and slot: the unique key is what makes a briefing arrive once.
CREATE TABLE digests (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  slot            TEXT NOT NULL,
  kind            TEXT NOT NULL DEFAULT 'briefing',
  created_at      INTEGER NOT NULL,
  document        TEXT NOT NULL
);
CREATE UNIQUE INDEX digests_slot ON digests (subscription_id, slot);

-- The outbox: one row per message part.
CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY,
  digest_id       INTEGER REFERENCES digests(id) ON DELETE CASCADE,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  platform        TEXT NOT NULL,
  chat_id         TEXT NOT NULL,
  dedupe_key      TEXT NOT NULL,
  part            INTEGER NOT NULL,
  payload         TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  platform_message_id TEXT,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
);
CREATE UNIQUE INDEX deliveries_key ON deliveries (dedupe_key, part);
CREATE INDEX deliveries_pending ON deliveries (state, next_attempt_at);

-- What each chat has already been shown, and how big the event was then (to mark updates).
CREATE TABLE sent_events (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  event_id        TEXT NOT NULL,
  item_count      INTEGER NOT NULL,
  sent_at         INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, event_id)
);

CREATE TABLE kv (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
