"""The embedded SQLite backend (the default): WAL, a covering geo index, FTS5.

Geo search scans the bounding box(es) of the search circle in the ``listing_facts``
index (latitude bands, then longitude), computes the exact great-circle distance in
SQL, and keeps what lies within the radius (see :mod:`.sqlite_search`). Text search goes through FTS5 with a parameterised MATCH built only from
word characters (see :func:`programs.query.text_terms`). Every write is one
transaction, so a crawl killed mid-way leaves the previous state intact.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import StoreError, StoreUnavailable
from ..model import Listing, compact_json, document_json, load_json, public_doc
from ..query import Hit, SearchQuery, SearchResult, empty_facets
from ..runs import RunRecord, Schedule
from .base import InstitutionSeed, Store, UpsertStats, summarise_sources
from .sqlite_search import (
    CELLS_PER_DEGREE,
    PAGE,
    cell_of,
    count_sql,
    group_sql,
    narrows,
    page_sort_key,
    relevance,
    sql_relevance,
)

__all__ = ["SQLiteStore", "relevance"]

_CHUNK = 500
#: PRAGMA user_version of a database brought up to date by :func:`_migrate`
SCHEMA_VERSION = 3
#: memory-map this much of the database file: reads of hot pages need no system call
MMAP_BYTES = 1 << 30
#: compiled statements kept per connection (searches differ in shape: filters, sort, bands)
STATEMENT_CACHE = 512
#: let the WAL grow to this many pages before a checkpoint (the default 1000 checkpoints after nearly
#: every 500-listing batch; fewer, larger checkpoints cut a bulk load's time by about a tenth)
WAL_CHECKPOINT_PAGES = 8192
#: page cache per connection (KiB)
CACHE_KIB = 32 * 1024


def _register_math(conn: sqlite3.Connection) -> None:
    """Provide the SQL math functions where the linked SQLite lacks them."""
    try:
        conn.execute("SELECT sin(1), asin(1), radians(1), power(2, 2), sqrt(4)").fetchone()
    except sqlite3.OperationalError:
        conn.create_function("sin", 1, math.sin, deterministic=True)
        conn.create_function("cos", 1, math.cos, deterministic=True)
        conn.create_function("asin", 1, math.asin, deterministic=True)
        conn.create_function("sqrt", 1, math.sqrt, deterministic=True)
        conn.create_function("radians", 1, math.radians, deterministic=True)
        conn.create_function("power", 2, math.pow, deterministic=True)


def _fts_query(terms: Sequence[str]) -> str:
    # every term is \w+ only (no quotes): quoting makes FTS5 read it as a plain token
    return " ".join(f'"{t}"*' for t in terms)


class SQLiteStore(Store):
    kind = "sqlite"
    narrowed_searches_are_cheap = True

    def __init__(self, path: str | os.PathLike[str]):
        self.path = str(path)
        self._local = threading.local()
        self._schema_ready = False
        self._schema_lock = threading.Lock()

    # ------------------------------------------------------------ connection
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path,
                timeout=30.0,
                isolation_level=None,
                check_same_thread=False,
                cached_statements=STATEMENT_CACHE,
            )
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            _register_math(conn)
            conn.create_function("relevance", 3, sql_relevance, deterministic=True)
            with self._schema_lock:
                if not self._schema_ready:
                    schema = (
                        resources.files("programs.store").joinpath("sqlite_schema.sql").read_text()
                    )
                    conn.executescript(schema)
                    _migrate(conn)
                    self._schema_ready = True
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(
                f"the SQLite store at {self.path} cannot be opened: {exc}"
            ) from exc
        self._local.conn = conn
        return conn

    def _read(self, sql: str, params: Any = ()) -> list[tuple]:
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            self._drop_conn()
            raise StoreUnavailable(
                f"the SQLite store at {self.path} cannot be read: {exc}"
            ) from exc

    def _drop_conn(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    def _transaction(self, work) -> Any:
        """Run ``work(conn)`` in one write transaction (BEGIN IMMEDIATE takes the write lock at
        once, so another process's writes wait); nested calls join the outer transaction."""
        conn = self._conn()
        if getattr(self._local, "in_transaction", False):
            return work(conn)
        try:
            conn.execute("BEGIN IMMEDIATE")
            self._local.in_transaction = True
            try:
                result = work(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            finally:
                self._local.in_transaction = False
            conn.execute("COMMIT")
            return result
        except sqlite3.Error as exc:
            self._drop_conn()
            raise StoreError(f"write to the SQLite store at {self.path} failed: {exc}") from exc

    def upsert(self, listings: Sequence[Listing], **kwargs: Any) -> UpsertStats:
        """Read, merge and write in one transaction: a crawl of another source writing the same
        listings at the same time waits for it, so neither contribution is lost."""
        return self._transaction(lambda _conn: super(SQLiteStore, self).upsert(listings, **kwargs))

    def sweep(self, source: str, run_id: str, *, removed_at: str | None = None) -> int:
        """The removal sweep in one transaction (read, withdraw, write), for the same reason."""
        return self._transaction(
            lambda _conn: super(SQLiteStore, self).sweep(source, run_id, removed_at=removed_at)
        )

    def ping(self) -> None:
        self._read("SELECT count(*) FROM meta")

    def close(self) -> None:
        self._drop_conn()

    # -------------------------------------------------------------- listings
    def get_many(self, ids: Sequence[str]) -> dict[str, Listing]:
        out: dict[str, Listing] = {}
        ids = list(ids)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            rows = self._read(
                f"SELECT doc FROM listings WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
            for (doc,) in rows:
                listing = Listing.from_doc(load_json(doc))
                out[listing.id] = listing
        return out

    def _write(self, pairs: list[tuple[Listing, Listing | None]]) -> None:
        if pairs:
            self._transaction(lambda conn: _write_batch(conn, pairs))

    def _stale_batches(self, source: str, run_id: str) -> Iterable[list[Listing]]:
        rows = self._read(
            "SELECT l.id FROM listing_sources s JOIN listings l ON l.rowid = s.listing_rowid"
            " WHERE s.source = ? AND (s.run_id IS NULL OR s.run_id != ?)",
            (source, run_id),
        )
        ids = [r[0] for r in rows]
        for i in range(0, len(ids), _CHUNK):
            yield list(self.get_many(ids[i : i + _CHUNK]).values())

    def listings_for_institution(self, unitid: str) -> list[Listing]:
        rows = self._read("SELECT doc FROM listings WHERE unitid = ? ORDER BY id", (str(unitid),))
        return [Listing.from_doc(load_json(doc)) for (doc,) in rows]

    def institution_seeds(self, limit: int | None = None) -> list[InstitutionSeed]:
        rows = self._read(
            "SELECT unitid, name, url, zip, min(pref) FROM ("
            " SELECT unitid, json_extract(doc, '$.institution.name') AS name, inst_url AS url,"
            " json_extract(doc, '$.institution.zip') AS zip, 0 AS pref"
            " FROM listings WHERE status = 'active' AND inst_url IS NOT NULL"
            " UNION ALL SELECT unitid, name, url, zip, 1 FROM institutions)"
            " GROUP BY url ORDER BY url"
            + (" LIMIT ?" if limit else ""),  # a listing's entry wins a tie
            (limit,) if limit else (),
        )
        return [InstitutionSeed(unitid=u, name=n or "", url=url, zip=z) for u, n, url, z, _ in rows]

    def save_institutions(self, seeds: Sequence[InstitutionSeed]) -> None:
        self._transaction(
            lambda conn: conn.executemany(
                "INSERT OR REPLACE INTO institutions (unitid, name, url, zip) VALUES (?,?,?,?)",
                [(s.unitid, s.name, s.url, s.zip) for s in seeds if s.unitid and s.url],
            )
        )

    def counts(self) -> dict[str, Any]:
        by_status = dict(self._read("SELECT status, count(*) FROM listings GROUP BY status"))
        by_source: dict[str, dict[str, int]] = {}
        rows = self._read(
            "SELECT json_extract(s.value, '$.source'), json_extract(s.value, '$.status'), count(*)"
            " FROM listings, json_each(listings.doc, '$.sources') s GROUP BY 1, 2"
        )
        for source, status, n in rows:
            by_source.setdefault(source, {})[status] = n
        return {"total": sum(by_status.values()), "by_status": by_status, "by_source": by_source}

    def data_sources(self) -> list[dict[str, Any]]:
        """From the active contributions' run ids (an index scan) and those runs' vintages."""
        counts: dict[tuple[str, str | None], int] = {}
        rows = self._read(
            "SELECT source, run_id, count(*) FROM listing_sources GROUP BY source, run_id"
        )
        for source, run_id, n in rows:
            run = self.get_run(run_id) if run_id else None
            key = (source, run.vintage if run else None)
            counts[key] = counts.get(key, 0) + n
        return summarise_sources(counts)

    def count_active(self) -> int:
        return self._read("SELECT count(*) FROM listings WHERE status = 'active'")[0][0]

    def iter_listings(self, batch_size: int = 1000) -> Iterable[list[Listing]]:
        last = 0
        while True:
            rows = self._read(
                "SELECT rowid, doc FROM listings WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, batch_size),
            )
            if not rows:
                return
            last = rows[-1][0]
            yield [Listing.from_doc(load_json(doc)) for _, doc in rows]

    def reindex(self) -> dict[str, Any]:
        """Rebuild the search, FTS and source tables and each row's columns from the stored documents."""

        def work(conn: sqlite3.Connection) -> int:
            for table in ("listing_facts", "listing_text", "listing_sources"):
                conn.execute(f"DELETE FROM {table}")
            n, last = 0, 0
            while True:
                rows = conn.execute(
                    "SELECT rowid, doc FROM listings WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    (last, 2000),
                ).fetchall()
                if not rows:
                    return n
                last = rows[-1][0]
                _write_batch(conn, [(Listing.from_doc(load_json(doc)), None) for _, doc in rows])
                n += len(rows)

        n = self._transaction(work)
        self._conn().execute("INSERT INTO listing_text (listing_text) VALUES ('optimize')")
        self._conn().execute("PRAGMA optimize")
        return {"backend": self.kind, "listings": n}

    def integrity_check(self) -> str:
        return self._read("PRAGMA integrity_check")[0][0]

    # ---------------------------------------------------------------- search
    def search(self, query: SearchQuery) -> SearchResult:
        return self._search_group([query])[0]

    def count(self, query: SearchQuery) -> int:
        """One count over the matching rows (the online section's total of every online match:
        about a tenth of the time of the search, which measures and sorts them all)."""
        sql, params = count_sql(query)
        return self._read(sql, params)[0][0]

    def search_many(self, queries: Sequence[SearchQuery]) -> list[SearchResult]:
        """Each search with the ones after it that narrow it (:func:`.sqlite_search.narrows`: the
        online section's search at the page's place) in one statement, from one matching set."""
        results: list[SearchResult | None] = [None] * len(queries)
        pending = list(range(len(queries)))
        while pending:
            head = queries[pending[0]]
            group = [pending[0]] + [i for i in pending[1:] if narrows(head, queries[i])]
            pending = [i for i in pending if i not in group]
            for i, result in zip(
                group, self._search_group([queries[i] for i in group]), strict=True
            ):
                results[i] = result
        return [r for r in results if r is not None]

    def _search_group(self, queries: Sequence[SearchQuery]) -> list[SearchResult]:
        sql, params = group_sql(queries)
        totals = [0] * len(queries)
        pages: list[list[tuple]] = [[] for _ in queries]
        facets = [empty_facets() for _ in queries]
        for row in self._read(sql, params):
            i = row[1]
            if row[0] == PAGE:
                pages[i].append(row)
                continue
            credential, delivery, band, n = row[2:6]
            totals[i] += n
            if queries[i].with_facets:
                counts = facets[i]
                for name, value in (
                    ("credential", credential),
                    ("delivery", delivery),
                    ("length", band),
                ):
                    if value:
                        counts[name][value] = counts[name].get(value, 0) + n
        out = []
        for query, total, page, counts in zip(queries, totals, pages, facets, strict=True):
            page.sort(key=page_sort_key(query.sort, bool(query.terms)))
            hits = [
                Hit(
                    doc_json=r[8],
                    public_json=r[9],
                    distance_miles=None if r[4] is None else round(r[4], 1),
                )
                for r in page
            ]
            out.append(SearchResult(total=total, hits=hits, facets=counts))
        return out

    # ------------------------------------------------------------------ runs
    def save_run(self, run: RunRecord) -> None:
        self._transaction(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO runs (id, source, started_at, status, doc) VALUES (?,?,?,?,?)",
                (run.id, run.source, run.started_at, run.status, json.dumps(run.to_dict())),
            )
        )

    def get_run(self, run_id: str) -> RunRecord | None:
        rows = self._read("SELECT doc FROM runs WHERE id = ?", (run_id,))
        return RunRecord.from_dict(json.loads(rows[0][0])) if rows else None

    def list_runs(self, source: str | None = None, limit: int = 50) -> list[RunRecord]:
        if source:
            rows = self._read(
                "SELECT doc FROM runs WHERE source = ? ORDER BY started_at DESC, rowid DESC LIMIT ?",
                (source, limit),
            )
        else:
            rows = self._read(
                "SELECT doc FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?", (limit,)
            )
        return [RunRecord.from_dict(json.loads(doc)) for (doc,) in rows]

    # ------------------------------------------------------------- schedules
    def save_schedule(self, schedule: Schedule) -> None:
        self._transaction(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO schedules (id, doc) VALUES (?, ?)",
                (schedule.id, json.dumps(schedule.to_dict())),
            )
        )

    def list_schedules(self) -> list[Schedule]:
        return [
            Schedule.from_dict(json.loads(doc))
            for (doc,) in self._read("SELECT doc FROM schedules ORDER BY id")
        ]

    def delete_schedule(self, schedule_id: str) -> bool:
        return (
            self._transaction(
                lambda conn: (
                    conn.execute("DELETE FROM schedules WHERE id = ?", (schedule_id,)).rowcount
                )
            )
            > 0
        )

    # ----------------------------------------------------------------- locks
    def acquire_lock(self, name: str, owner: str, ttl_seconds: float, now: float) -> bool:
        def work(conn: sqlite3.Connection) -> bool:
            row = conn.execute(
                "SELECT owner, expires_at FROM locks WHERE name = ?", (name,)
            ).fetchone()
            if row and row[0] != owner and row[1] > now:
                return False
            conn.execute(
                "INSERT OR REPLACE INTO locks (name, owner, expires_at) VALUES (?,?,?)",
                (name, owner, now + ttl_seconds),
            )
            return True

        return self._transaction(work)

    def refresh_lock(self, name: str, owner: str, ttl_seconds: float, now: float) -> bool:
        return (
            self._transaction(
                lambda conn: (
                    conn.execute(
                        "UPDATE locks SET expires_at = ? WHERE name = ? AND owner = ?",
                        (now + ttl_seconds, name, owner),
                    ).rowcount
                )
            )
            > 0
        )

    def release_lock(self, name: str, owner: str) -> None:
        self._transaction(
            lambda conn: conn.execute(
                "DELETE FROM locks WHERE name = ? AND owner = ?", (name, owner)
            )
        )

    def lock_holder(self, name: str, now: float) -> str | None:
        rows = self._read("SELECT owner FROM locks WHERE name = ? AND expires_at > ?", (name, now))
        return rows[0][0] if rows else None


# ------------------------------------------------------------------ writing rows
def _listing_row(listing: Listing) -> tuple:
    """The ``listings`` row (without the rowid): columns, the document and its public JSON."""
    inst, prog = listing.institution, listing.program
    doc, pub = document_json(listing)
    return (
        listing.id,
        listing.status,
        inst.unitid,
        inst.lat,
        inst.lon,
        prog.credential,
        prog.delivery,
        prog.length_months,
        prog.tuition_usd,
        _bars(prog.certifications),
        _bars(prog.accreditations),
        inst.url,
        prog.name,
        inst.name,
        doc,
        pub,
    )


def _bars(codes: Sequence[str]) -> str:
    return "".join(f"|{c}|" for c in codes)


class _IndexRows(NamedTuple):
    """What one listing puts in the search tables (without the rowid); all None for a removed listing."""

    facts: tuple | None  # listing_facts
    text: tuple | None  # listing_text
    sources: tuple  # listing_sources: (source, run_id) of each active contribution


def _index_rows(listing: Listing) -> _IndexRows:
    if listing.status != "active":
        return _IndexRows(None, None, ())
    inst, prog = listing.institution, listing.program
    cell = cell_of(inst.lat) if inst.lat is not None and listing.has_location else None
    facts = (
        listing.id,
        cell,
        inst.lat,
        inst.lon,
        prog.credential,
        prog.delivery,
        prog.length_months,
        prog.tuition_usd,
        _bars(prog.certifications),
        _bars(prog.accreditations),
        prog.length_min_months,
    )
    sources = tuple((s.source, s.run_id) for s in listing.sources if s.status == "active")
    return _IndexRows(facts, (prog.name, inst.name), sources)


def _write_batch(conn: sqlite3.Connection, pairs: Sequence[tuple[Listing, Listing | None]]) -> None:
    """Write listings (with their previous versions, None when unknown) with one statement per table.

    A listing whose searchable facts did not change (the usual re-crawl) keeps its
    search, R*Tree and text rows; only its row and its sources' run ids are rewritten.
    """
    latest: dict[str, tuple[Listing, Listing | None]] = {}
    for new, old in pairs:  # the same id twice: the later one wins
        latest[new.id] = (new, old)
    ids = list(latest)
    rowids: dict[str, int] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        rowids.update(
            conn.execute(
                f"SELECT id, rowid FROM listings WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
        )
    next_rowid = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM listings").fetchone()[0]
    listing_rows, stale_index, stale_sources = [], [], []
    fact_rows, text_rows, source_rows = [], [], []
    for lid, (new, old) in latest.items():
        rows = _index_rows(new)
        rowid = rowids.get(lid)
        stored = rowid is not None
        if not stored:
            rowid, next_rowid = next_rowid, next_rowid + 1
        listing_rows.append((rowid,) + _listing_row(new))
        before = _index_rows(old) if stored and old is not None else None
        if before is None or before[:2] != rows[:2]:
            if stored:
                stale_index.append((rowid,))
            if rows.facts is not None and rows.text is not None:
                fact_rows.append((rowid,) + rows.facts)
                text_rows.append((rowid,) + rows.text)
        if before is None or before.sources != rows.sources:
            if stored:
                stale_sources.append((rowid,))
            source_rows += [(rowid, source, run_id) for source, run_id in rows.sources]
    conn.executemany(
        "INSERT OR REPLACE INTO listings (rowid, id, status, unitid, lat, lon, credential, delivery, length_months,"
        " tuition_usd, certs, accreds, inst_url, prog_name, inst_name, doc, pub)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        listing_rows,
    )
    conn.executemany("DELETE FROM listing_facts WHERE rowid = ?", stale_index)
    conn.executemany("DELETE FROM listing_text WHERE rowid = ?", stale_index)
    conn.executemany("DELETE FROM listing_sources WHERE listing_rowid = ?", stale_sources)
    conn.executemany(
        "INSERT INTO listing_facts (rowid, id, cell, lat, lon, credential, delivery, length_months,"
        " tuition_usd, certs, accreds, length_min_months) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        fact_rows,
    )
    conn.executemany(
        "INSERT INTO listing_text (rowid, program, institution) VALUES (?,?,?)", text_rows
    )
    conn.executemany(
        "INSERT OR REPLACE INTO listing_sources (listing_rowid, source, run_id) VALUES (?,?,?)",
        source_rows,
    )


# ------------------------------------------------------------------ schema versions
def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a database written by an earlier version up to :data:`SCHEMA_VERSION` (idempotent).

    2: ``listings.pub`` (the public JSON of each listing) and the ``listing_facts`` table with its
    geo indexes, which replace the R*Tree ``listing_geo`` (and version 1's ``listing_search``).
    3: ``listing_facts.length_min_months`` (the minimum length "shortest first" sorts on), in both
    geo indexes. Listings keep their stored length until a re-crawl applies the length rule.
    """
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] < 2:
            for table in ("listing_geo", "listing_geo_online", "listing_search"):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            if "pub" not in {row[1] for row in conn.execute("PRAGMA table_info(listings)")}:
                conn.execute("ALTER TABLE listings ADD COLUMN pub TEXT")
            last = 0
            while True:
                rows = conn.execute(
                    "SELECT rowid, doc FROM listings WHERE rowid > ? AND pub IS NULL"
                    " ORDER BY rowid LIMIT 2000",
                    (last,),
                ).fetchall()
                if not rows:
                    break
                last = rows[-1][0]
                conn.executemany(
                    "UPDATE listings SET pub = ? WHERE rowid = ?",
                    [(compact_json(public_doc(load_json(doc))), rowid) for rowid, doc in rows],
                )
            conn.execute("DELETE FROM listing_facts")
            conn.execute(
                "INSERT INTO listing_facts (rowid, id, cell, lat, lon, credential, delivery, length_months,"
                f" tuition_usd, certs, accreds, length_min_months) SELECT rowid, id, CASE WHEN lat IS NOT"
                f" NULL AND lon IS NOT NULL THEN CAST((lat + 90.0) * {CELLS_PER_DEGREE} AS INTEGER) END,"
                " lat, lon, credential, delivery, length_months, tuition_usd, certs, accreds,"
                " json_extract(doc, '$.program.length_min_months') FROM listings WHERE status = 'active'"
            )
        elif conn.execute("PRAGMA user_version").fetchone()[0] < 3:
            columns = {row[1] for row in conn.execute("PRAGMA table_info(listing_facts)")}
            if "length_min_months" not in columns:
                conn.execute("ALTER TABLE listing_facts ADD COLUMN length_min_months REAL")
            conn.execute(
                "UPDATE listing_facts SET length_min_months = (SELECT json_extract(l.doc,"
                " '$.program.length_min_months') FROM listings l WHERE l.rowid = listing_facts.rowid)"
            )
            for index, head in (
                ("listing_facts_geo", "cell, lon, lat, credential, delivery"),
                ("listing_facts_delivery_geo", "delivery, cell, lon, lat, credential"),
            ):
                conn.execute(f"DROP INDEX IF EXISTS {index}")
                conn.execute(
                    f"CREATE INDEX {index} ON listing_facts ({head}, length_months, tuition_usd,"
                    " certs, accreds, length_min_months, id)"
                )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
