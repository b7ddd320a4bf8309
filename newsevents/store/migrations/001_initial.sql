-- 001: the first schema. Each migration runs once, in one transaction.
CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    version       VARCHAR NOT NULL,
    model         VARCHAR,
    settings      VARCHAR,          -- JSON
    inputs        VARCHAR,          -- JSON list
    n_documents   INTEGER DEFAULT 0,
    n_articles    INTEGER DEFAULT 0,
    n_rejected    INTEGER DEFAULT 0,
    n_events      INTEGER DEFAULT 0,
    status        VARCHAR DEFAULT 'running'
);

CREATE TABLE articles (
    id                 VARCHAR PRIMARY KEY,   -- sha256 of text
    source             VARCHAR NOT NULL,
    url                VARCHAR,
    title              VARCHAR,
    published          DATE,
    language           VARCHAR,
    author             VARCHAR,
    site               VARCHAR,
    published_from     VARCHAR,
    text               VARCHAR NOT NULL,
    removed            VARCHAR[],
    near_duplicate_of  VARCHAR,
    coded              BOOLEAN NOT NULL,
    run_id             VARCHAR,
    ingested_at        TIMESTAMP NOT NULL
);

CREATE TABLE rejections (
    source   VARCHAR NOT NULL,
    stage    VARCHAR NOT NULL,
    reason   VARCHAR NOT NULL,
    detail   VARCHAR,
    run_id   VARCHAR,
    rejected_at TIMESTAMP NOT NULL,
    PRIMARY KEY (source, reason)
);

CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       VARCHAR,
    name       VARCHAR,
    code       VARCHAR,
    country    VARCHAR,
    sector     VARCHAR,
    kind       VARCHAR,
    actor_id   VARCHAR,
    role       VARCHAR,
    org        VARCHAR,
    rule       VARCHAR
);

-- One row per article sentence that reports an event (a coded event).
CREATE TABLE event_mentions (
    id               VARCHAR PRIMARY KEY,
    article_id       VARCHAR NOT NULL,
    event_id         VARCHAR,            -- the merged event (events.id)
    type             VARCHAR NOT NULL,
    mode             VARCHAR,
    cameo            VARCHAR,
    source_text      VARCHAR, source_name VARCHAR, source_code VARCHAR,
    source_country   VARCHAR, source_sector VARCHAR, source_kind VARCHAR,
    target_text      VARCHAR, target_name VARCHAR, target_code VARCHAR,
    target_country   VARCHAR, target_sector VARCHAR, target_kind VARCHAR,
    date             VARCHAR,
    date_precision   VARCHAR,
    date_text        VARCHAR,
    location_name    VARCHAR, location_country VARCHAR,
    location_lat     DOUBLE,  location_lon DOUBLE,
    status           VARCHAR NOT NULL,
    attributed_name  VARCHAR, attributed_country VARCHAR,
    trigger          VARCHAR,
    trigger_start    INTEGER, trigger_end INTEGER,
    sentence         VARCHAR,
    span_start       INTEGER, span_end INTEGER,
    confidence       DOUBLE,
    claim_id         VARCHAR,
    reciprocal       BOOLEAN,
    rules            VARCHAR[],
    published        DATE
);

-- The merged record: one real-world event, many mentions.
CREATE TABLE events (
    id               VARCHAR PRIMARY KEY,
    type             VARCHAR NOT NULL,
    mode             VARCHAR,
    cameo            VARCHAR,
    source_name VARCHAR, source_code VARCHAR, source_country VARCHAR,
    source_sector VARCHAR, source_kind VARCHAR,
    target_name VARCHAR, target_code VARCHAR, target_country VARCHAR,
    target_sector VARCHAR, target_kind VARCHAR,
    date             VARCHAR,
    date_precision   VARCHAR,
    date_start       DATE,               -- first day the date covers, for range queries
    location_name VARCHAR, location_country VARCHAR,
    location_lat DOUBLE, location_lon DOUBLE,
    status           VARCHAR NOT NULL,
    mentions         INTEGER NOT NULL,
    sources          INTEGER NOT NULL,
    first_reported   DATE,
    last_reported    DATE,
    confidence       DOUBLE,
    sentence         VARCHAR            -- the evidence of the most confident mention
);

CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    speaker_name VARCHAR, speaker_role VARCHAR, speaker_org VARCHAR, speaker_country VARCHAR,
    speaker_code VARCHAR,
    cue VARCHAR, text VARCHAR, direct BOOLEAN,
    start INTEGER, "end" INTEGER, span_start INTEGER, span_end INTEGER,
    date VARCHAR, date_precision VARCHAR
);

CREATE TABLE claims (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    claimant_name VARCHAR, claimant_code VARCHAR, claimant_country VARCHAR,
    accused VARCHAR[],             -- actor codes
    accused_countries VARCHAR[],
    text VARCHAR, cue VARCHAR,
    span_start INTEGER, span_end INTEGER,
    date VARCHAR, date_precision VARCHAR
);

CREATE TABLE responses (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    claim_id VARCHAR,
    responder_name VARCHAR, responder_code VARCHAR, responder_country VARCHAR,
    kind VARCHAR, text VARCHAR, cue VARCHAR,
    span_start INTEGER, span_end INTEGER,
    date VARCHAR, date_precision VARCHAR
);

CREATE INDEX idx_em_article ON event_mentions(article_id);
CREATE INDEX idx_mentions_article ON mentions(article_id);
