"""A SQLite database written before schema version 2 (no ``listings.pub``, no ``listing_facts``, an R*Tree)
still opens, is brought up to date once, and searches exactly like a new one."""

from __future__ import annotations

import sqlite3

from programs.model import compact_json, public_doc
from programs.query import SearchQuery
from programs.store.sqlite import SCHEMA_VERSION, SQLiteStore
from tests.store_cases import CENTRES, as_dict, make_listings


def _as_version_0(path) -> None:
    """Turn a current database into what the earlier version wrote."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE listing_facts")
    conn.execute(
        "CREATE VIRTUAL TABLE listing_geo USING rtree (id, min_lat, max_lat, min_lon, max_lon)"
    )
    conn.execute("ALTER TABLE listings DROP COLUMN pub")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()


def test_an_earlier_database_is_migrated_and_searches_the_same(tmp_path):
    listings = make_listings(20)
    path = tmp_path / "old.db"
    store = SQLiteStore(path)
    store.upsert(listings, source="ipeds", run_id="r1")
    lat, lon = CENTRES["chicago"]
    query = SearchQuery(lat=lat, lon=lon, radius_miles=150, per_page=100)
    before = store.search(query)
    store.close()
    _as_version_0(path)

    reopened = SQLiteStore(path)
    after = reopened.search(query)
    assert as_dict(after) == as_dict(before) and after.total == before.total > 0
    assert after.facets == before.facets
    hit = after.hits[0]
    assert hit.public_json == compact_json(public_doc(hit.doc))
    assert reopened.count_active() == len(listings)
    reopened.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM listings WHERE pub IS NULL").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM listing_facts WHERE cell IS NOT NULL").fetchone()[
        0
    ] == len(listings)
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'listing_geo'").fetchall()
    conn.close()


def test_migration_runs_once(tmp_path):
    path = tmp_path / "new.db"
    SQLiteStore(path).upsert(make_listings(2), source="ipeds", run_id="r1")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.execute("UPDATE listings SET pub = 'kept'")
    conn.commit()
    conn.close()
    store = SQLiteStore(path)
    store.count_active()
    assert {r[0] for r in store._read("SELECT pub FROM listings")} == {"kept"}


def test_a_version_2_database_gets_the_minimum_length_column(tmp_path):
    path = tmp_path / "v2.db"
    store = SQLiteStore(path)
    store.upsert(make_listings(20), source="ipeds", run_id="r1")
    lat, lon = CENTRES["chicago"]
    query = SearchQuery(lat=lat, lon=lon, radius_miles=150, per_page=100, sort="length")
    before = store.search(query)
    store.close()
    conn = sqlite3.connect(path)
    for index in ("listing_facts_geo", "listing_facts_delivery_geo"):
        conn.execute(f"DROP INDEX {index}")
    conn.execute("ALTER TABLE listing_facts DROP COLUMN length_min_months")
    conn.execute(
        "CREATE INDEX listing_facts_geo ON listing_facts (cell, lon, lat, credential, delivery,"
        " length_months, tuition_usd, certs, accreds, id)"
    )
    conn.execute(
        "CREATE INDEX listing_facts_delivery_geo ON listing_facts (delivery, cell, lon, lat,"
        " credential, length_months, tuition_usd, certs, accreds, id)"
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()

    reopened = SQLiteStore(path)
    after = reopened.search(query)
    assert as_dict(after) == as_dict(before) and after.total == before.total > 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    for index in ("listing_facts_geo", "listing_facts_delivery_geo"):
        columns = [r[2] for r in conn.execute(f"PRAGMA index_info({index})")]
        assert "length_min_months" in columns, index
    conn.close()
