-- 001: the first schema. Each migration runs once, in one transaction.
-- docs/store.md describes every table and the merge rule.
CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    version       VARCHAR NOT NULL,     -- newsevents version
    model         VARCHAR,              -- spaCy pipeline
    settings      VARCHAR,              -- JSON of the Settings used
    inputs        VARCHAR,              -- JSON list of the inputs given
    n_documents   INTEGER DEFAULT 0,
    n_articles    INTEGER DEFAULT 0,
    n_rejected    INTEGER DEFAULT 0,
    n_events      INTEGER DEFAULT 0,
    status        VARCHAR DEFAULT 'running'   -- running, done, interrupted
);

CREATE TABLE articles (
    id                 VARCHAR PRIMARY KEY,   -- sha256 of the cleaned text (the content hash)
    source             VARCHAR NOT NULL,      -- path, path#line, URL
    url                VARCHAR,
    title              VARCHAR,
    published          DATE,
    language           VARCHAR,
    author             VARCHAR,
    site               VARCHAR,
    published_from     VARCHAR,
    text               VARCHAR NOT NULL,
    removed            VARCHAR[],
    near_duplicate_of  VARCHAR,               -- the earliest stored article this one copies (wire copy)
    similarity         DOUBLE,                -- estimated Jaccard to near_duplicate_of
    coded              BOOLEAN NOT NULL,
    run_id             VARCHAR,
    ingested_at        TIMESTAMP NOT NULL
);

-- MinHash LSH bands of each article, to find wire copies across batches.
CREATE TABLE article_sketches (
    article_id VARCHAR NOT NULL,
    signature  UINTEGER[] NOT NULL
);
CREATE TABLE article_bands (
    band       SMALLINT NOT NULL,
    key        UBIGINT NOT NULL,
    article_id VARCHAR NOT NULL
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

-- Canonical actors seen in any article (one row per actor key).
CREATE TABLE actors (
    key      VARCHAR PRIMARY KEY,   -- actor id, else code, else 'name:' + lower(name)
    name     VARCHAR,
    code     VARCHAR,
    country  VARCHAR,
    sector   VARCHAR,
    kind     VARCHAR,
    role     VARCHAR,
    org      VARCHAR
);

CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       VARCHAR,
    actor_key  VARCHAR,
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
-- Unique on (article_id, id); the coder's id alone can repeat across wire copies.
CREATE TABLE event_mentions (
    id               VARCHAR NOT NULL,   -- Event.id from the coder
    article_id       VARCHAR NOT NULL,
    event_id         VARCHAR,            -- the merged event (events.id)
    block            VARCHAR NOT NULL,   -- md5 of the merge key: type|source|target|status
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
    date_start       DATE,               -- first day the date covers
    date_end         DATE,               -- last day the date covers
    location_text    VARCHAR,
    location_name    VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
    location_feature VARCHAR,
    location_lat     DOUBLE,  location_lon DOUBLE,
    status           VARCHAR NOT NULL,
    attributed_name  VARCHAR, attributed_code VARCHAR, attributed_country VARCHAR,
    trigger          VARCHAR,
    trigger_start    INTEGER, trigger_end INTEGER,
    sentence         VARCHAR,
    span_start       INTEGER, span_end INTEGER,
    confidence       DOUBLE,
    claim_id         VARCHAR,
    reciprocal       BOOLEAN,
    rules            VARCHAR[],
    published        DATE                -- the article's publication date
);

-- The merged record: one real-world event, many mentions.
CREATE TABLE events (
    id               VARCHAR PRIMARY KEY,
    block            VARCHAR NOT NULL,
    type             VARCHAR NOT NULL,
    quad             VARCHAR NOT NULL,   -- PLOVER quad class
    mode             VARCHAR,
    cameo            VARCHAR,
    source_name VARCHAR, source_code VARCHAR, source_country VARCHAR,
    source_sector VARCHAR, source_kind VARCHAR,
    target_name VARCHAR, target_code VARCHAR, target_country VARCHAR,
    target_sector VARCHAR, target_kind VARCHAR,
    date             VARCHAR,            -- the most precise date among the mentions
    date_precision   VARCHAR,
    date_start       DATE,
    date_end         DATE,
    location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
    location_feature VARCHAR,
    location_lat DOUBLE, location_lon DOUBLE,
    status           VARCHAR NOT NULL,
    mentions         INTEGER NOT NULL,   -- article sentences reporting it
    sources          INTEGER NOT NULL,   -- distinct articles, wire copies counted once
    first_reported   DATE,
    last_reported    DATE,
    confidence       DOUBLE,             -- the highest mention confidence
    sentence         VARCHAR,            -- the evidence of the most confident mention
    article_id       VARCHAR,            -- ... and its article
    url              VARCHAR             -- URL of the first article that reported it
);

CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    speaker_name VARCHAR, speaker_role VARCHAR, speaker_org VARCHAR, speaker_country VARCHAR,
    speaker_code VARCHAR,
    cue VARCHAR, text VARCHAR, direct BOOLEAN,
    start INTEGER, "end" INTEGER, span_start INTEGER, span_end INTEGER,
    date VARCHAR, date_precision VARCHAR
);

-- Unique on (article_id, id): claim ids are scoped to their article.
CREATE TABLE claims (
    id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    claimant_name VARCHAR, claimant_code VARCHAR, claimant_country VARCHAR,
    accused VARCHAR[],             -- actor codes
    accused_countries VARCHAR[],
    accused_names VARCHAR[],
    text VARCHAR, cue VARCHAR,
    span_start INTEGER, span_end INTEGER,
    date VARCHAR, date_precision VARCHAR
);

CREATE TABLE responses (
    id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    claim_id VARCHAR,              -- claims.id in the same article
    responder_name VARCHAR, responder_code VARCHAR, responder_country VARCHAR,
    kind VARCHAR, text VARCHAR, cue VARCHAR,
    span_start INTEGER, span_end INTEGER,
    date VARCHAR, date_precision VARCHAR
);
