CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE IF NOT EXISTS listings (
    rowid         INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    status        TEXT NOT NULL,
    unitid        TEXT,
    lat           REAL,
    lon           REAL,
    credential    TEXT,
    delivery      TEXT,
    length_months REAL,
    tuition_usd   REAL,
    certs         TEXT NOT NULL DEFAULT '',
    accreds       TEXT NOT NULL DEFAULT '',
    inst_url      TEXT,
    prog_name     TEXT NOT NULL DEFAULT '',
    inst_name     TEXT NOT NULL DEFAULT '',
    doc           TEXT NOT NULL,
    pub           TEXT  -- the listing as search results show it (programs.model.public_doc), as JSON
);
CREATE INDEX IF NOT EXISTS listings_unitid ON listings (unitid);
CREATE INDEX IF NOT EXISTS listings_status_delivery ON listings (status, delivery);
-- What a search filters and sorts on, for active listings only (rowid = listings.rowid). Geo search scans
-- the covering index listing_facts_geo: quarter-degree latitude bands (cell), then a longitude range in each,
-- so the points near a place lie together and no row of listings is read until the page is known.
CREATE TABLE IF NOT EXISTS listing_facts (
    rowid         INTEGER PRIMARY KEY,
    id            TEXT NOT NULL,
    cell          INTEGER,  -- CAST((lat + 90) * 4 AS INTEGER); NULL without a location
    lat           REAL,
    lon           REAL,
    credential    TEXT,
    delivery      TEXT,
    length_months REAL,  -- the maximum: the max_months filter and the length facet
    tuition_usd   REAL,
    certs         TEXT NOT NULL DEFAULT '',
    accreds       TEXT NOT NULL DEFAULT '',
    length_min_months REAL  -- the minimum: "shortest first"
);
CREATE INDEX IF NOT EXISTS listing_facts_geo ON listing_facts
    (cell, lon, lat, credential, delivery, length_months, tuition_usd, certs, accreds,
     length_min_months, id);
-- one delivery at a time (the online section's rings, a delivery filter): the same, delivery first
CREATE INDEX IF NOT EXISTS listing_facts_delivery_geo ON listing_facts
    (delivery, cell, lon, lat, credential, length_months, tuition_usd, certs, accreds,
     length_min_months, id);
CREATE VIRTUAL TABLE IF NOT EXISTS listing_text USING fts5 (
    program, institution, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS listing_sources (
    listing_rowid INTEGER NOT NULL,
    source        TEXT NOT NULL,
    run_id        TEXT,
    PRIMARY KEY (listing_rowid, source)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS listing_sources_source_run ON listing_sources (source, run_id);
CREATE TABLE IF NOT EXISTS runs (
    id         TEXT PRIMARY KEY,
    source     TEXT NOT NULL,
    started_at TEXT,
    status     TEXT NOT NULL,
    doc        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_source_started ON runs (source, started_at);
CREATE INDEX IF NOT EXISTS runs_started ON runs (started_at);
CREATE TABLE IF NOT EXISTS schedules (
    id  TEXT PRIMARY KEY,
    doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS locks (
    name       TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS institutions (
    unitid TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    url    TEXT NOT NULL,
    zip    TEXT
);
