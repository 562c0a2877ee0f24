"""The embedded SQLite backend (the default): WAL, R*Tree, FTS5.

Geo search takes the bounding box(es) of the search circle from the R*Tree,
computes the exact great-circle distance in SQL, and keeps what lies within the
radius. Text search goes through FTS5 with a parameterised MATCH built only from
word characters (see :func:`programs.query.text_terms`). Every write is one
transaction, so a crawl killed mid-way leaves the previous state intact.
"""
from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import threading
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import StoreError, StoreUnavailable
from ..geo import EARTH_RADIUS_MILES, bounding_boxes
from ..model import Listing
from ..query import Hit, SearchQuery, SearchResult, empty_facets
from ..runs import RunRecord, Schedule
from ..vocab import length_band
from .base import InstitutionSeed, Store

_CHUNK = 500
_WORDS = re.compile(r"\w+")
_DIST_SQL = (
    "(2 * {r} * asin(min(1.0, sqrt("
    "power(sin(radians(l.lat - :plat) / 2), 2) + "
    "cos(radians(:plat)) * cos(radians(l.lat)) * power(sin(radians(l.lon - :plon) / 2), 2)))))"
).format(r=EARTH_RADIUS_MILES)


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
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            _register_math(conn)
            with self._schema_lock:
                if not self._schema_ready:
                    schema = resources.files("programs.store").joinpath("sqlite_schema.sql").read_text()
                    conn.executescript(schema)
                    self._schema_ready = True
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"the SQLite store at {self.path} cannot be opened: {exc}") from exc
        self._local.conn = conn
        return conn

    def _read(self, sql: str, params: Any = ()) -> list[tuple]:
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            self._drop_conn()
            raise StoreUnavailable(f"the SQLite store at {self.path} cannot be read: {exc}") from exc

    def _drop_conn(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    def _transaction(self, work) -> Any:
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result
        except sqlite3.Error as exc:
            self._drop_conn()
            raise StoreError(f"write to the SQLite store at {self.path} failed: {exc}") from exc

    def ping(self) -> None:
        self._read("SELECT count(*) FROM meta")

    def close(self) -> None:
        self._drop_conn()

    # -------------------------------------------------------------- listings
    def get_many(self, ids: Sequence[str]) -> dict[str, Listing]:
        out: dict[str, Listing] = {}
        ids = list(ids)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            rows = self._read(f"SELECT doc FROM listings WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            for (doc,) in rows:
                listing = Listing.from_doc(json.loads(doc))
                out[listing.id] = listing
        return out

    def _write(self, pairs: list[tuple[Listing, Listing | None]]) -> None:
        if not pairs:
            return

        def work(conn: sqlite3.Connection) -> None:
            for new, _old in pairs:
                self._write_one(conn, new)

        self._transaction(work)

    @staticmethod
    def _write_one(conn: sqlite3.Connection, listing: Listing) -> None:
        inst, prog = listing.institution, listing.program
        doc = json.dumps(listing.to_doc(), separators=(",", ":"), ensure_ascii=False)
        row = conn.execute(
            "INSERT INTO listings (id, status, unitid, lat, lon, credential, delivery, length_months, tuition_usd,"
            " certs, accreds, inst_url, prog_name, inst_name, doc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET status=excluded.status, unitid=excluded.unitid, lat=excluded.lat,"
            " lon=excluded.lon, credential=excluded.credential, delivery=excluded.delivery,"
            " length_months=excluded.length_months, tuition_usd=excluded.tuition_usd, certs=excluded.certs,"
            " accreds=excluded.accreds, inst_url=excluded.inst_url, prog_name=excluded.prog_name,"
            " inst_name=excluded.inst_name, doc=excluded.doc RETURNING rowid",
            (listing.id, listing.status, inst.unitid, inst.lat, inst.lon, prog.credential, prog.delivery,
             prog.length_months, prog.tuition_usd, "".join(f"|{c}|" for c in prog.certifications),
             "".join(f"|{a}|" for a in prog.accreditations), inst.url, prog.name, inst.name, doc),
        ).fetchone()
        rowid = row[0]
        conn.execute("DELETE FROM listing_geo WHERE id = ?", (rowid,))
        conn.execute("DELETE FROM listing_text WHERE rowid = ?", (rowid,))
        conn.execute("DELETE FROM listing_sources WHERE listing_rowid = ?", (rowid,))
        if listing.status != "active":
            return
        if listing.has_location:
            conn.execute("INSERT INTO listing_geo VALUES (?,?,?,?,?)", (rowid, inst.lat, inst.lat, inst.lon, inst.lon))
        conn.execute("INSERT INTO listing_text (rowid, program, institution) VALUES (?,?,?)",
                     (rowid, prog.name, inst.name))
        conn.executemany("INSERT OR REPLACE INTO listing_sources (listing_rowid, source, run_id) VALUES (?,?,?)",
                         [(rowid, s.source, s.run_id) for s in listing.sources if s.status == "active"])

    def _stale_batches(self, source: str, run_id: str) -> Iterable[list[Listing]]:
        rows = self._read(
            "SELECT l.id FROM listing_sources s JOIN listings l ON l.rowid = s.listing_rowid"
            " WHERE s.source = ? AND (s.run_id IS NULL OR s.run_id != ?)", (source, run_id))
        ids = [r[0] for r in rows]
        for i in range(0, len(ids), _CHUNK):
            yield list(self.get_many(ids[i:i + _CHUNK]).values())

    def listings_for_institution(self, unitid: str) -> list[Listing]:
        rows = self._read("SELECT doc FROM listings WHERE unitid = ? ORDER BY id", (str(unitid),))
        return [Listing.from_doc(json.loads(doc)) for (doc,) in rows]

    def institution_seeds(self, limit: int | None = None) -> list[InstitutionSeed]:
        rows = self._read(
            "SELECT unitid, name, url, zip, min(pref) FROM ("
            " SELECT unitid, json_extract(doc, '$.institution.name') AS name, inst_url AS url,"
            " json_extract(doc, '$.institution.zip') AS zip, 0 AS pref"
            " FROM listings WHERE status = 'active' AND inst_url IS NOT NULL"
            " UNION ALL SELECT unitid, name, url, zip, 1 FROM institutions)"
            " GROUP BY url ORDER BY url" + (" LIMIT ?" if limit else ""),  # a listing's entry wins a tie
            (limit,) if limit else ())
        return [InstitutionSeed(unitid=u, name=n or "", url=url, zip=z) for u, n, url, z, _ in rows]

    def save_institutions(self, seeds: Sequence[InstitutionSeed]) -> None:
        self._transaction(lambda conn: conn.executemany(
            "INSERT OR REPLACE INTO institutions (unitid, name, url, zip) VALUES (?,?,?,?)",
            [(s.unitid, s.name, s.url, s.zip) for s in seeds if s.unitid and s.url]))

    def counts(self) -> dict[str, Any]:
        by_status = dict(self._read("SELECT status, count(*) FROM listings GROUP BY status"))
        by_source: dict[str, dict[str, int]] = {}
        rows = self._read(
            "SELECT json_extract(s.value, '$.source'), json_extract(s.value, '$.status'), count(*)"
            " FROM listings, json_each(listings.doc, '$.sources') s GROUP BY 1, 2")
        for source, status, n in rows:
            by_source.setdefault(source, {})[status] = n
        return {"total": sum(by_status.values()), "by_status": by_status, "by_source": by_source}

    def count_active(self) -> int:
        return self._read("SELECT count(*) FROM listings WHERE status = 'active'")[0][0]

    def iter_listings(self, batch_size: int = 1000) -> Iterable[list[Listing]]:
        last = 0
        while True:
            rows = self._read("SELECT rowid, doc FROM listings WHERE rowid > ? ORDER BY rowid LIMIT ?",
                              (last, batch_size))
            if not rows:
                return
            last = rows[-1][0]
            yield [Listing.from_doc(json.loads(doc)) for _, doc in rows]

    def reindex(self) -> dict[str, Any]:
        """Rebuild the R*Tree, FTS and source tables from the stored documents."""
        def work(conn: sqlite3.Connection) -> int:
            conn.execute("DELETE FROM listing_geo")
            conn.execute("DELETE FROM listing_text")
            conn.execute("DELETE FROM listing_sources")
            n = 0
            for (doc,) in conn.execute("SELECT doc FROM listings").fetchall():
                self._write_one(conn, Listing.from_doc(json.loads(doc)))
                n += 1
            return n

        n = self._transaction(work)
        self._conn().execute("INSERT INTO listing_text (listing_text) VALUES ('optimize')")
        self._conn().execute("PRAGMA optimize")
        return {"backend": self.kind, "listings": n}

    def integrity_check(self) -> str:
        return self._read("PRAGMA integrity_check")[0][0]

    # ---------------------------------------------------------------- search
    def search(self, query: SearchQuery) -> SearchResult:
        rows = self._matching_rows(query)
        facets = empty_facets()
        if query.with_facets:
            facets["credential"] = dict(Counter(r[2] for r in rows if r[2]))
            facets["delivery"] = dict(Counter(r[3] for r in rows if r[3]))
            facets["length"] = dict(Counter(length_band(r[4]) for r in rows))
        rows.sort(key=_sort_key(query.sort, bool(query.terms)))
        page = rows[query.offset:query.offset + query.per_page]
        docs = self._docs_by_rowid([r[0] for r in page])
        hits = [Hit(doc=docs[r[0]], distance_miles=None if r[6] is None else round(r[6], 1))
                for r in page if r[0] in docs]
        return SearchResult(total=len(rows), hits=hits, facets=facets)

    def _matching_rows(self, q: SearchQuery) -> list[tuple]:
        """(rowid, id, credential, delivery, length, tuition, distance, ...) of every match.

        With text and sort=relevance the 8th value is the negated relevance (so ascending sorts best first).
        """
        params: dict[str, Any] = {}
        where = ["l.status = 'active'"]
        source = "listings l"
        if q.lat is not None:
            params["plat"], params["plon"] = q.lat, q.lon
            dist = _DIST_SQL
        else:
            dist = "NULL"
        if q.radius_miles is not None:
            boxes = []
            for i, (a, b, c, d) in enumerate(bounding_boxes(q.lat, q.lon, q.radius_miles)):
                params.update({f"a{i}": a, f"b{i}": b, f"c{i}": c, f"d{i}": d})
                boxes.append(f"(g.max_lat >= :a{i} AND g.min_lat <= :b{i} AND g.max_lon >= :c{i} AND g.min_lon <= :d{i})")
            # CROSS JOIN keeps the R*Tree as the outer loop (the planner would otherwise scan listings)
            source = "listing_geo g CROSS JOIN listings l ON l.rowid = g.id"
            where.append("(" + " OR ".join(boxes) + ")")
        else:
            where.append("l.lat IS NOT NULL" if q.lat is not None else "1")

        def one_of(column: str, values: Sequence[str], key: str) -> None:
            names = []
            for i, v in enumerate(values):
                params[f"{key}{i}"] = v
                names.append(f":{key}{i}")
            where.append(f"{column} IN ({','.join(names)})")

        if q.credentials:
            one_of("l.credential", q.credentials, "cr")
        if q.deliveries:
            one_of("l.delivery", q.deliveries, "dv")
        if q.max_months is not None:
            params["maxm"] = q.max_months
            where.append("l.length_months IS NOT NULL AND l.length_months <= :maxm")
        if q.max_tuition is not None:
            params["maxt"] = q.max_tuition
            where.append("l.tuition_usd IS NOT NULL AND l.tuition_usd <= :maxt")
        for column, values, key in (("l.certs", q.certifications, "ce"), ("l.accreds", q.accreditations, "ac")):
            if values:
                likes = []
                for i, v in enumerate(values):
                    params[f"{key}{i}"] = f"%|{v}|%"
                    likes.append(f"{column} LIKE :{key}{i}")
                where.append("(" + " OR ".join(likes) + ")")
        names = "NULL, NULL"
        if q.terms:
            # the FTS match runs once as a set; joining it row by row is orders of magnitude slower
            params["match"] = _fts_query(q.terms)
            where.append("l.rowid IN (SELECT rowid FROM listing_text WHERE listing_text MATCH :match)")
            if q.sort == "relevance":
                names = "l.prog_name, l.inst_name"
        sql = (f"SELECT l.rowid, l.id, l.credential, l.delivery, l.length_months, l.tuition_usd, {dist} AS dist,"
               f" {names} FROM {source} WHERE {' AND '.join(where)}")
        if q.radius_miles is not None:
            params["radius"] = q.radius_miles
            sql = f"SELECT * FROM ({sql}) WHERE dist <= :radius"
        rows = self._read(sql, params)
        if q.terms and q.sort == "relevance":
            return [r[:7] + (-relevance(q.terms, r[7], r[8]),) for r in rows]
        return rows

    def _docs_by_rowid(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        if not rowids:
            return {}
        rows = self._read(f"SELECT rowid, doc FROM listings WHERE rowid IN ({','.join('?' * len(rowids))})", rowids)
        return {rowid: json.loads(doc) for rowid, doc in rows}

    # ------------------------------------------------------------------ runs
    def save_run(self, run: RunRecord) -> None:
        self._transaction(lambda conn: conn.execute(
            "INSERT OR REPLACE INTO runs (id, source, started_at, status, doc) VALUES (?,?,?,?,?)",
            (run.id, run.source, run.started_at, run.status, json.dumps(run.to_dict()))))

    def get_run(self, run_id: str) -> RunRecord | None:
        rows = self._read("SELECT doc FROM runs WHERE id = ?", (run_id,))
        return RunRecord.from_dict(json.loads(rows[0][0])) if rows else None

    def list_runs(self, source: str | None = None, limit: int = 50) -> list[RunRecord]:
        if source:
            rows = self._read("SELECT doc FROM runs WHERE source = ? ORDER BY started_at DESC, rowid DESC LIMIT ?",
                              (source, limit))
        else:
            rows = self._read("SELECT doc FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?", (limit,))
        return [RunRecord.from_dict(json.loads(doc)) for (doc,) in rows]

    # ------------------------------------------------------------- schedules
    def save_schedule(self, schedule: Schedule) -> None:
        self._transaction(lambda conn: conn.execute(
            "INSERT OR REPLACE INTO schedules (id, doc) VALUES (?, ?)", (schedule.id, json.dumps(schedule.to_dict()))))

    def list_schedules(self) -> list[Schedule]:
        return [Schedule.from_dict(json.loads(doc)) for (doc,) in self._read("SELECT doc FROM schedules ORDER BY id")]

    def delete_schedule(self, schedule_id: str) -> bool:
        return self._transaction(
            lambda conn: conn.execute("DELETE FROM schedules WHERE id = ?", (schedule_id,)).rowcount) > 0

    # ----------------------------------------------------------------- locks
    def acquire_lock(self, name: str, owner: str, ttl_seconds: float, now: float) -> bool:
        def work(conn: sqlite3.Connection) -> bool:
            row = conn.execute("SELECT owner, expires_at FROM locks WHERE name = ?", (name,)).fetchone()
            if row and row[0] != owner and row[1] > now:
                return False
            conn.execute("INSERT OR REPLACE INTO locks (name, owner, expires_at) VALUES (?,?,?)",
                         (name, owner, now + ttl_seconds))
            return True
        return self._transaction(work)

    def refresh_lock(self, name: str, owner: str, ttl_seconds: float, now: float) -> bool:
        return self._transaction(lambda conn: conn.execute(
            "UPDATE locks SET expires_at = ? WHERE name = ? AND owner = ?", (now + ttl_seconds, name, owner)).rowcount) > 0

    def release_lock(self, name: str, owner: str) -> None:
        self._transaction(lambda conn: conn.execute("DELETE FROM locks WHERE name = ? AND owner = ?", (name, owner)))

    def lock_holder(self, name: str, now: float) -> str | None:
        rows = self._read("SELECT owner FROM locks WHERE name = ? AND expires_at > ?", (name, now))
        return rows[0][0] if rows else None


def relevance(terms: Sequence[str], program: str, institution: str) -> float:
    """How well the words match: a whole word in the program name counts 3, a word
    prefix there 2, a whole word in the institution name 1.5, a prefix there 1.
    (Both backends agree on which listings match; only SQLite ranks with this.)"""
    prog_words = _WORDS.findall(program.lower())
    inst_words = _WORDS.findall(institution.lower())
    score = 0.0
    for term in terms:
        if term in prog_words:
            score += 3
        elif any(w.startswith(term) for w in prog_words):
            score += 2
        elif term in inst_words:
            score += 1.5
        elif any(w.startswith(term) for w in inst_words):
            score += 1
    return score


def _sort_key(sort: str, has_terms: bool):
    inf = float("inf")

    def dist(r: tuple) -> float:
        return inf if r[6] is None else r[6]

    if sort == "length":
        return lambda r: (r[4] is None, r[4] or 0.0, dist(r), r[1])
    if sort == "tuition":
        return lambda r: (r[5] is None, r[5] or 0.0, dist(r), r[1])
    if sort == "relevance" and has_terms:
        return lambda r: (r[7], dist(r), r[1])
    return lambda r: (dist(r), r[1])
