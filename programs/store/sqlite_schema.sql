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
CREATE VIRTUAL TABLE IF NOT EXISTS listing_geo USING rtree (id, min_lat, max_lat, min_lon, max_lon);
-- What a search filters and sorts on, for active listings only (rowid = listings.rowid): small rows that
-- stay in memory, so the R*Tree's candidates are checked here and not in listings, whose rows hold documents.
CREATE TABLE IF NOT EXISTS listing_search (
    rowid         INTEGER PRIMARY KEY,
    id            TEXT NOT NULL,
    lat           REAL,
    lon           REAL,
    credential    TEXT,
    delivery      TEXT,
    length_months REAL,
    tuition_usd   REAL,
    certs         TEXT NOT NULL DEFAULT '',
    accreds       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS listing_search_delivery ON listing_search (delivery);
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
