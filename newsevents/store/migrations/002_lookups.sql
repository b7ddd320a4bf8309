-- 002: lookups the query layer needs at a million events (docs/store.md, "Indexes").
-- Rows that exist when this runs are numbered and indexed right after it
-- (newsevents.store.index.index_new_mentions), in the same open.

-- Each event mention's number, in write order: the key of the word index.
-- Added before the index below: DuckDB cannot add a column to an indexed table.
ALTER TABLE event_mentions ADD COLUMN seq BIGINT;

-- One merged event's mentions without scanning the table (the event page).
CREATE INDEX event_mentions_event_id ON event_mentions (event_id);

-- Every distinct actor on either side of an event mention; actor and dyad
-- filters resolve the user's string against it, then filter events by code.
CREATE TABLE event_actors (
    code    VARCHAR,
    country VARCHAR,
    name    VARCHAR
);

-- Full-text index: the vocabulary of the evidence sentences (lower case) and
-- which mentions hold each word.
CREATE TABLE tokens (
    id    INTEGER PRIMARY KEY,
    token VARCHAR NOT NULL UNIQUE
);
CREATE TABLE mention_tokens (
    token_id INTEGER NOT NULL,   -- tokens.id
    seq      BIGINT NOT NULL     -- event_mentions.seq
);

-- The highest event_mentions.seq already in event_actors and mention_tokens.
CREATE TABLE index_state (seq BIGINT NOT NULL);
