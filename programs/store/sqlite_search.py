"""The SQL of a search on the SQLite backend: pure functions from a query to (sql, params).

One statement answers a search: the candidates (those in the circle's bounding boxes) and
their distances are computed once (a MATERIALIZED common table expression over
``listing_facts``), and from those within the radius SQLite returns the requested page
(sorted and cut in SQL, joined to each listing's stored JSON), the total and the facet
counts. Python never sees the rows that are not on the page.

Geo search reads the covering index ``listing_facts_geo`` (latitude band, longitude,
then every filtered column): the candidates of a circle lie in a few contiguous
ranges of it. (An R*Tree finds the same candidates, but each one then costs a
random lookup of its row for the filters and the exact point: seven times slower
at a million listings; see BENCHMARKS.md.)

Several searches whose matches are one search's narrowed by delivery (the page's search and the
online section's at the same place: :func:`narrows`) are answered by the same statement, from the
same matching set (:func:`group_sql`).

Row shapes returned (the first value says which kind, the second which search of the group):
  (PAGE, search, rowid, id, distance, minimum length, tuition, relevance, doc, pub)
  (COUNTS, search, credential, delivery, length band, n): matches per combination (facets off: one
  row, n only)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from ..geo import EARTH_RADIUS_MILES, bounding_boxes
from ..query import SearchQuery
from ..vocab import LENGTH_BANDS, LENGTH_UNKNOWN

PAGE, COUNTS = 0, 1

_WORDS = re.compile(r"\w+")
_DIST_SQL = (
    f"(2 * {EARTH_RADIUS_MILES} * asin(min(1.0, sqrt("
    "power(sin(radians(s.lat - :plat) / 2), 2) + "
    "cos(radians(:plat)) * cos(radians(s.lat)) * power(sin(radians(s.lon - :plon) / 2), 2)))))"
)


def _length_band_sql(column: str) -> str:
    """:func:`programs.vocab.length_band` as a SQL expression (bands are upper-bound inclusive)."""
    whens = [f"WHEN {column} IS NULL THEN '{LENGTH_UNKNOWN}'"]
    for name, upper in LENGTH_BANDS:
        if upper is not None:
            whens.append(f"WHEN {column} <= {upper!r} THEN '{name}'")
    return f"CASE {' '.join(whens)} ELSE '{LENGTH_BANDS[-1][0]}' END"


#: ORDER BY per sort: ties by distance (unknown last), then id, as programs.query says
_ORDER = {
    "distance": "dist IS NULL, dist, id",
    "length": "lenmin IS NULL, lenmin, dist IS NULL, dist, id",  # shortest first: the minimum
    "tuition": "tuition IS NULL, tuition, dist IS NULL, dist, id",
    "relevance": "rel DESC, dist IS NULL, dist, id",
}


def fts_query(terms: Sequence[str]) -> str:
    # every term is \w+ only (no quotes): quoting makes FTS5 read it as a plain token
    return " ".join(f'"{t}"*' for t in terms)


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


def sql_relevance(terms: str, program: str | None, institution: str | None) -> float:
    """:func:`relevance` as the SQL function ``relevance(terms, program, institution)`` (terms space-separated)."""
    return relevance(terms.split(), program or "", institution or "")


#: latitude bands of the geo index: a listing's cell is int((lat + 90) * CELLS_PER_DEGREE)
CELLS_PER_DEGREE = 4
#: how many latitude bands a box's IN list holds (padded up), so that searches share compiled statements
_CELL_SLOTS = (4, 8, 16, 32, 64, 128)
#: widen each bounding box by this much (degrees, about a centimetre): a point on the circle stays inside
_BOX_SLACK = 1e-7


def cell_of(lat: float) -> int:
    """The latitude band of a point (the same arithmetic as the writer's, so the bands agree)."""
    return int((lat + 90.0) * CELLS_PER_DEGREE)


def _filters(q: SearchQuery, params: dict[str, Any]) -> list[str]:
    where: list[str] = []

    def one_of(column: str, values: Sequence[str], key: str) -> None:
        names = []
        for i, v in enumerate(values):
            params[f"{key}{i}"] = v
            names.append(f":{key}{i}")
        where.append(f"{column} IN ({','.join(names)})")

    if q.credentials:
        one_of("s.credential", q.credentials, "cr")
    if q.deliveries:
        one_of("s.delivery", q.matching_deliveries, "dv")
    if q.max_months is not None:
        params["maxm"] = q.max_months
        where.append("s.length_months IS NOT NULL AND s.length_months <= :maxm")
    if q.max_tuition is not None:
        params["maxt"] = q.max_tuition
        where.append("s.tuition_usd IS NOT NULL AND s.tuition_usd <= :maxt")
    for column, values, key in (
        ("s.certs", q.certifications, "ce"),
        ("s.accreds", q.accreditations, "ac"),
    ):
        if values:
            likes = []
            for i, v in enumerate(values):
                params[f"{key}{i}"] = f"%|{v}|%"
                likes.append(f"{column} LIKE :{key}{i}")
            where.append("(" + " OR ".join(likes) + ")")
    if q.terms:
        # the FTS match runs once as a set; joining it row by row is orders of magnitude slower
        params["match"] = fts_query(q.terms)
        where.append("s.rowid IN (SELECT rowid FROM listing_text WHERE listing_text MATCH :match)")
    return where


def _boxes(q: SearchQuery, params: dict[str, Any]) -> list[str]:
    """One condition per bounding box of the circle: the latitude bands it spans, a longitude
    range in each, and the exact latitude range (ranges of the geo index)."""
    assert (
        q.lat is not None and q.lon is not None and q.radius_miles is not None
    )  # a search near a point
    out = []
    for i, (a, b, c, d) in enumerate(bounding_boxes(q.lat, q.lon, q.radius_miles)):
        a, b = max(a - _BOX_SLACK, -90.0), min(b + _BOX_SLACK, 90.0)
        params.update({f"a{i}": a, f"b{i}": b, f"c{i}": c - _BOX_SLACK, f"d{i}": d + _BOX_SLACK})
        cells = list(range(cell_of(a), cell_of(b) + 1))
        slots = (
            _CELL_SLOTS[bisect_left(_CELL_SLOTS, len(cells))]
            if len(cells) <= _CELL_SLOTS[-1]
            else len(cells)
        )
        cells += cells[-1:] * (
            slots - len(cells)
        )  # a repeated value changes nothing; the SQL text repeats
        params.update({f"k{i}_{j}": cell for j, cell in enumerate(cells)})
        names = ",".join(f":k{i}_{j}" for j in range(slots))
        out.append(
            f"s.cell IN ({names}) AND s.lon BETWEEN :c{i} AND :d{i} AND s.lat BETWEEN :a{i} AND :b{i}"
        )
    return out


#: the columns of a match that only some searches read: the length facet (the maximum length) and
#: the sorts "shortest first" (the minimum) and "cheapest first"
_OPTIONAL = {
    "len": "s.length_months",
    "lenmin": "s.length_min_months",
    "tuition": "s.tuition_usd",
}


def _needed(queries: Sequence[SearchQuery]) -> frozenset[str]:
    """The optional columns of the matching set that these searches read."""
    out = set()
    for q in queries:
        if q.with_facets:
            out.add("len")
        if q.sort == "length":
            out.add("lenmin")
        if q.sort == "tuition":
            out.add("tuition")
    return frozenset(out)


def matching_sql(
    q: SearchQuery,
    params: dict[str, Any],
    needed: frozenset[str] = frozenset(_OPTIONAL),
    *,
    within_radius: bool = True,
) -> str:
    """SELECT of every match: rid, id, credential, delivery, len (the maximum length), lenmin (the
    minimum), tuition, dist, rel (fills ``params``). An optional column that is not ``needed`` is
    NULL (copying fewer values into the matching set is measurably cheaper). ``within_radius``
    False: every candidate of the circle's bounding box(es), for the caller to keep those with
    ``dist <= :radius``."""
    where = _filters(q, params)
    if q.lat is not None:
        params["plat"], params["plon"] = q.lat, q.lon
        dist = _DIST_SQL
    else:
        dist = "NULL"
    source, rel = "listing_facts s", "0.0"
    if q.terms and q.sort == "relevance":
        params["terms"] = " ".join(q.terms)
        source += " JOIN listings n ON n.rowid = s.rowid"
        rel = "relevance(:terms, n.prog_name, n.inst_name)"
    optional = {name: column if name in needed else "NULL" for name, column in _OPTIONAL.items()}
    columns = (
        f"s.rowid AS rid, s.id AS id, s.credential AS credential, s.delivery AS delivery,"
        f" {optional['len']} AS len, {optional['lenmin']} AS lenmin,"
        f" {optional['tuition']} AS tuition, {dist} AS dist, {rel} AS rel"
    )
    if q.radius_miles is None:
        if q.lat is not None:
            where.append("s.lat IS NOT NULL")
        return f"SELECT {columns} FROM {source} WHERE {' AND '.join(where) or '1'}"
    index = "listing_facts_delivery_geo" if len(q.matching_deliveries) == 1 else "listing_facts_geo"
    source = source.replace("listing_facts s", f"listing_facts s INDEXED BY {index}", 1)
    params["radius"] = q.radius_miles
    boxes = [
        f"SELECT {columns} FROM {source} WHERE {' AND '.join([box] + where)}"
        for box in _boxes(q, params)
    ]
    candidates = " UNION ALL ".join(boxes)
    return f"SELECT * FROM ({candidates}) WHERE dist <= :radius" if within_radius else candidates


def _order(q: SearchQuery) -> str:
    if q.sort == "relevance":
        return _ORDER["relevance" if q.terms else "distance"]
    return _ORDER[q.sort]


#: what a search's matching set depends on besides its deliveries (see :func:`narrows`)
_SAME_FOR_NARROWING = (
    "lat",
    "lon",
    "radius_miles",
    "credentials",
    "max_months",
    "certifications",
    "accreditations",
    "max_tuition",
    "terms",
)


def narrows(base: SearchQuery, q: SearchQuery) -> bool:
    """Whether ``q``'s matches are ``base``'s matches of some deliveries (every other filter, the place
    and the radius the same), so that ``q`` can be answered from ``base``'s matching set; its page may
    differ (sort, page, size, facets). A relevance order needs ``base`` to compute relevance too."""
    if any(getattr(base, name) != getattr(q, name) for name in _SAME_FOR_NARROWING):
        return False
    if base.deliveries and not (
        q.deliveries and set(q.matching_deliveries) <= set(base.matching_deliveries)
    ):
        return False
    ranks = q.sort == "relevance" and bool(q.terms)
    return not ranks or base.sort == "relevance"


def _part_sql(
    q: SearchQuery, i: int, params: dict[str, Any], narrowed: bool, within: list[str]
) -> str:
    """The page and counts rows of search ``i`` of a group, over the group's candidates ``m``
    (``within``: the conditions that keep the matches among them)."""
    params[f"limit{i}"], params[f"offset{i}"] = q.per_page, q.offset
    where = list(within)
    if narrowed and q.deliveries:
        names = []
        for j, v in enumerate(q.matching_deliveries):
            params[f"q{i}dv{j}"] = v
            names.append(f":q{i}dv{j}")
        where.append(f"delivery IN ({','.join(names)})")
    source = f"(SELECT * FROM m WHERE {' AND '.join(where)})" if where else "m"
    page = (
        f"SELECT {PAGE}, {i}, p.rid, p.id, p.dist, p.lenmin, p.tuition, p.rel, l.doc, l.pub FROM"
        f" (SELECT * FROM {source} ORDER BY {_order(q)} LIMIT :limit{i} OFFSET :offset{i}) p"
        " JOIN listings l ON l.rowid = p.rid"
    )
    if (
        q.with_facets
    ):  # one pass: a count per (credential, delivery, length band); the total is their sum
        counts = (
            f"SELECT {COUNTS}, {i}, credential, delivery, {_length_band_sql('len')}, count(*),"
            f" NULL, NULL, NULL, NULL FROM {source} GROUP BY 3, 4, 5"
        )
    else:
        counts = f"SELECT {COUNTS}, {i}, NULL, NULL, NULL, count(*), NULL, NULL, NULL, NULL FROM {source}"
    return f"{page} UNION ALL {counts}"


def group_sql(queries: Sequence[SearchQuery]) -> tuple[str, dict[str, Any]]:
    """The one statement that answers ``queries``: the first, and others that each narrow it
    (:func:`narrows`), from its matching set (see the module docstring for the rows)."""
    base = queries[0]
    params: dict[str, Any] = {}
    # the candidates in the circle's box(es) with their distances, the radius kept by each reader:
    # a statement that filters on the distance while materialising it computes it twice per row
    candidates = matching_sql(base, params, _needed(queries), within_radius=False)
    within = [] if base.radius_miles is None else ["dist <= :radius"]
    parts = " UNION ALL ".join(
        _part_sql(q, i, params, narrowed=i > 0, within=within) for i, q in enumerate(queries)
    )
    return f"WITH m AS MATERIALIZED ({candidates}) {parts}", params


def count_sql(q: SearchQuery) -> tuple[str, dict[str, Any]]:
    """How many listings match ``q``: one count over the matching rows, without materialising them,
    sorting them or (without a radius) measuring a distance."""
    params: dict[str, Any] = {}
    return f"SELECT count(*) FROM ({matching_sql(q, params, frozenset())})", params


def page_sort_key(sort: str, has_terms: bool):
    """The page's order again in Python (the join may return the page rows in any order):
    the same keys as the SQL ORDER BY, over PAGE rows."""
    inf = float("inf")

    def dist(r: tuple) -> float:
        return inf if r[4] is None else r[4]

    if sort == "length":
        return lambda r: (r[5] is None, r[5] or 0.0, dist(r), r[3])
    if sort == "tuition":
        return lambda r: (r[6] is None, r[6] or 0.0, dist(r), r[3])
    if sort == "relevance" and has_terms:
        return lambda r: (-r[7], dist(r), r[3])
    return lambda r: (dist(r), r[3])
