"""Every request body the Elasticsearch backend sends, built by pure functions.

Nothing here talks to a server: each function turns plain values (a
:class:`~programs.query.SearchQuery`, listings, index names) into the dict the
client serialises, or turns a response dict back into the project's types.
That keeps the bodies checkable without a server (``tests/golden/es/*.json``).

User text never becomes query syntax: a text search passes each word of
``SearchQuery.terms`` (already reduced to lower-cased word characters) as the
*value* of a query; nothing is built by string concatenation.

The indexed document is the listing's own JSON document (``Listing.to_doc()``,
what the API returns) plus one extra object, ``search``, holding fields that
exist only to be queried: the ``geo_point`` location (present only when the
coordinates are known) and the active source contributions that the
mark-and-sweep query and the per-source counts need. ``search`` is stripped
before a document leaves the backend.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import StoreError
from ..geo import haversine_miles
from ..model import STATUS_ACTIVE, Listing
from ..query import Hit, SearchQuery, SearchResult, empty_facets
from ..vocab import LENGTH_BANDS, LENGTH_UNKNOWN

# ------------------------------------------------------------------ field names
ID_FIELD = "id"
STATUS_FIELD = "status"
CREDENTIAL_FIELD = "program.credential"
DELIVERY_FIELD = "program.delivery"
LENGTH_FIELD = "program.length_months"  # the maximum: max_months filter and length facet
LENGTH_MIN_FIELD = "program.length_min_months"  # the minimum: "shortest first"
TUITION_FIELD = "program.tuition_usd"
CERTIFICATIONS_FIELD = "program.certifications"
ACCREDITATIONS_FIELD = "program.accreditations"
PROGRAM_NAME_FIELD = "program.name"
INSTITUTION_NAME_FIELD = "institution.name"
UNITID_FIELD = "institution.unitid"
INST_URL_FIELD = "institution.url"
SEARCH_KEY = "search"  # the query-only part of an indexed document
LOCATION_FIELD = f"{SEARCH_KEY}.location"  # geo_point, only when lat/lon are known
ACTIVE_SOURCES_FIELD = f"{SEARCH_KEY}.active_sources"  # sources with an active contribution
SOURCE_RUNS_FIELD = (
    f"{SEARCH_KEY}.source_runs"  # "source|run_id" of active contributions with a run id
)
SOURCE_STATES_FIELD = f"{SEARCH_KEY}.source_states"  # "source|status" of every contribution
PROGRAM_WORDS_FIELD = f"{PROGRAM_NAME_FIELD}.words"  # unstemmed words, for ranking only
INSTITUTION_WORDS_FIELD = f"{INSTITUTION_NAME_FIELD}.words"
TEXT_FIELDS = (PROGRAM_NAME_FIELD, INSTITUTION_NAME_FIELD)

#: every field a query, sort or aggregation uses, with the mapping type it needs
#: (tests check index_config/listings.json against this)
QUERIED_FIELDS: dict[str, str] = {
    ID_FIELD: "keyword",
    STATUS_FIELD: "keyword",
    CREDENTIAL_FIELD: "keyword",
    DELIVERY_FIELD: "keyword",
    LENGTH_FIELD: "double",
    LENGTH_MIN_FIELD: "double",
    TUITION_FIELD: "double",
    CERTIFICATIONS_FIELD: "keyword",
    ACCREDITATIONS_FIELD: "keyword",
    PROGRAM_NAME_FIELD: "text",
    INSTITUTION_NAME_FIELD: "text",
    PROGRAM_WORDS_FIELD: "text",
    INSTITUTION_WORDS_FIELD: "text",
    UNITID_FIELD: "keyword",
    INST_URL_FIELD: "keyword",
    LOCATION_FIELD: "geo_point",
    ACTIVE_SOURCES_FIELD: "keyword",
    SOURCE_RUNS_FIELD: "keyword",
    SOURCE_STATES_FIELD: "keyword",
}

#: terms-aggregation size for the credential / delivery facets: far above the
#: vocabularies' sizes, so every value present is counted exactly
FACET_TERMS_SIZE = 50


# ------------------------------------------------------------------- documents
def build_listing_document(listing: Listing) -> dict[str, Any]:
    """The document indexed for a listing: its JSON document plus the ``search`` object."""
    doc = listing.to_doc()
    active = [s for s in listing.sources if s.status == STATUS_ACTIVE]
    search: dict[str, Any] = {
        "active_sources": sorted({s.source for s in active}),
        "source_runs": sorted({f"{s.source}|{s.run_id}" for s in active if s.run_id is not None}),
        "source_states": sorted({f"{s.source}|{s.status}" for s in listing.sources}),
    }
    if listing.has_location:
        search["location"] = {"lat": listing.institution.lat, "lon": listing.institution.lon}
    doc[SEARCH_KEY] = search
    return doc


def listing_doc_from_source(source: dict[str, Any]) -> dict[str, Any]:
    """The listing's JSON document from an indexed ``_source`` (drops ``search``)."""
    return {k: v for k, v in source.items() if k != SEARCH_KEY}


def build_bulk_actions(index: str, listings: Iterable[Listing]) -> list[dict[str, Any]]:
    """``helpers.bulk`` actions that (re)write whole listings into ``index`` (an alias or an index)."""
    return [
        {
            "_op_type": "index",
            "_index": index,
            "_id": listing.id,
            "_source": build_listing_document(listing),
        }
        for listing in listings
    ]


def build_conditional_actions(
    index: str,
    pairs: Iterable[tuple[Listing, Listing | None]],
    versions: Mapping[str, tuple[int, int]],
) -> list[dict[str, Any]]:
    """Bulk actions that write each merged listing only if nobody wrote it since it was read.

    ``pairs``: (new version, version read, None when there was none); ``versions``: the
    ``(_seq_no, _primary_term)`` read with each existing listing. A listing that did not
    exist is created (``create`` fails with 409 if another writer created it first); one
    that did is written with ``if_seq_no``/``if_primary_term`` (409 if it changed since).

    There is no unconditional write: an existing listing read without its version (by
    another thread, or from an answer without ``_seq_no``) raises
    :class:`~programs.errors.StoreError` naming it, before anything is written, because
    writing it anyway could silently undo a concurrent writer's change. The crawl
    pipeline's retry reads it again, with its version.
    """
    pairs = list(pairs)
    unversioned = [new.id for new, old in pairs if old is not None and new.id not in versions]
    if unversioned:
        raise StoreError(
            f"{len(unversioned)} listing(s) were read without their version "
            f"({', '.join(unversioned[:5])}): not written unconditionally, read them again"
        )
    actions = []
    for new, old in pairs:
        action: dict[str, Any] = {
            "_op_type": "create" if old is None else "index",
            "_index": index,
            "_id": new.id,
            "_source": build_listing_document(new),
        }
        if old is not None:
            action["if_seq_no"], action["if_primary_term"] = versions[new.id]
        actions.append(action)
    return actions


# --------------------------------------------------------------------- search
def _point(query: SearchQuery) -> dict[str, float] | None:
    if query.lat is None or query.lon is None:
        return None
    return {"lat": query.lat, "lon": query.lon}


def build_filters(query: SearchQuery) -> list[dict[str, Any]]:
    """The non-scoring clauses: status, place, and one clause per kind of filter (OR within a kind)."""
    point = _point(query)
    filters: list[dict[str, Any]] = [{"term": {STATUS_FIELD: STATUS_ACTIVE}}]
    if query.radius_miles is not None:
        # the distance carries its unit in the string; repr() keeps every digit of the float
        filters.append(
            {
                "geo_distance": {
                    "distance": f"{query.radius_miles!r}mi",
                    "distance_type": "arc",
                    LOCATION_FIELD: point,
                }
            }
        )
    elif point is not None:
        filters.append({"exists": {"field": LOCATION_FIELD}})
    if query.credentials:
        filters.append({"terms": {CREDENTIAL_FIELD: list(query.credentials)}})
    if query.deliveries:
        filters.append({"terms": {DELIVERY_FIELD: list(query.matching_deliveries)}})
    if query.max_months is not None:
        filters.append({"exists": {"field": LENGTH_FIELD}})
        filters.append({"range": {LENGTH_FIELD: {"lte": query.max_months}}})
    if query.max_tuition is not None:
        filters.append({"exists": {"field": TUITION_FIELD}})
        filters.append({"range": {TUITION_FIELD: {"lte": query.max_tuition}}})
    if query.certifications:
        filters.append({"terms": {CERTIFICATIONS_FIELD: list(query.certifications)}})
    if query.accreditations:
        filters.append({"terms": {ACCREDITATIONS_FIELD: list(query.accreditations)}})
    return filters


#: per-word relevance weights, the same as the SQLite backend's ranking
#: (``programs.store.sqlite.relevance``): the best of whole word in the program
#: name, word prefix there, whole word in the institution name, prefix there
RELEVANCE_WEIGHTS: tuple[tuple[str, str, float], ...] = (
    ("match", PROGRAM_WORDS_FIELD, 3.0),
    ("match_bool_prefix", PROGRAM_WORDS_FIELD, 2.0),
    ("match", INSTITUTION_WORDS_FIELD, 1.5),
    ("match_bool_prefix", INSTITUTION_WORDS_FIELD, 1.0),
)


def build_text_filters(terms: Sequence[str]) -> list[dict[str, Any]]:
    """One non-scoring clause per word: the word must prefix-match a word of the
    program name or of the institution name (any word in either field).

    This is FTS5's ``"word"*`` in the SQLite backend: the word is analysed like
    the indexed names (same tokenizer, lower-casing, folding and Porter
    stemming as SQLite's ``porter unicode61 remove_diacritics 2``), then its
    last token is used as a prefix (``bool_prefix``; a prefix query has no
    expansion limit).
    """
    return [
        {
            "multi_match": {
                "query": term,
                "type": "bool_prefix",
                "fields": list(TEXT_FIELDS),
                "operator": "and",
            }
        }
        for term in terms
    ]


def build_relevance_clauses(terms: Sequence[str]) -> list[dict[str, Any]]:
    """Scoring-only ``should`` clauses for sort=relevance: per word, the highest
    matching weight of :data:`RELEVANCE_WEIGHTS` (``dis_max`` of constant scores,
    over the unstemmed ``.words`` subfields); the score of a listing is the sum
    over the words, as in the SQLite backend.
    """
    clauses = []
    for term in terms:
        queries = [
            {
                "constant_score": {
                    "filter": {kind: {field: {"query": term, "operator": "and"}}},
                    "boost": weight,
                }
            }
            for kind, field, weight in RELEVANCE_WEIGHTS
        ]
        clauses.append({"dis_max": {"queries": queries, "tie_breaker": 0.0}})
    return clauses


def build_sort(query: SearchQuery) -> list[dict[str, Any]]:
    """Sort clauses; every sort ends with distance (when there is a point) and then id."""
    point = _point(query)
    geo = (
        []
        if point is None
        else [
            {
                "_geo_distance": {
                    LOCATION_FIELD: point,
                    "order": "asc",
                    "unit": "mi",
                    "distance_type": "arc",
                }
            }
        ]
    )
    tail = geo + [{ID_FIELD: {"order": "asc"}}]
    if query.sort == "length":
        return [{LENGTH_MIN_FIELD: {"order": "asc", "missing": "_last"}}] + tail
    if query.sort == "tuition":
        return [{TUITION_FIELD: {"order": "asc", "missing": "_last"}}] + tail
    if query.sort == "relevance" and query.terms:
        return [{"_score": {"order": "desc"}}] + tail
    return tail  # distance, and relevance without text


def build_facet_aggs() -> dict[str, Any]:
    """Facet counts over the whole matching set.

    Length bands are upper-bound inclusive (``vocab.length_band``), so each band
    is a ``range`` with ``gt`` the previous bound and ``lte`` its own (a range
    aggregation's ``to`` is exclusive, hence a filters aggregation); listings
    with no known length fall in ``unknown``.
    """
    bands: dict[str, Any] = {}
    lower: float | None = None
    for name, upper in LENGTH_BANDS:
        bounds: dict[str, float] = {}
        if lower is not None:
            bounds["gt"] = lower
        if upper is not None:
            bounds["lte"] = upper
        bands[name] = {"range": {LENGTH_FIELD: bounds}}
        lower = upper
    bands[LENGTH_UNKNOWN] = {"bool": {"must_not": [{"exists": {"field": LENGTH_FIELD}}]}}
    return {
        "credential": {"terms": {"field": CREDENTIAL_FIELD, "size": FACET_TERMS_SIZE}},
        "delivery": {"terms": {"field": DELIVERY_FIELD, "size": FACET_TERMS_SIZE}},
        "length": {"filters": {"filters": bands}},
    }


def build_search_body(query: SearchQuery) -> dict[str, Any]:
    """The request body of the ``_search`` that runs ``query`` (see programs.query for the semantics)."""
    clauses: dict[str, Any] = {"filter": build_filters(query) + build_text_filters(query.terms)}
    if query.terms and query.sort == "relevance":
        clauses["should"] = build_relevance_clauses(query.terms)
    body: dict[str, Any] = {
        "query": {"bool": clauses},
        "sort": build_sort(query),
        "from": query.offset,
        "size": query.per_page,
        "track_total_hits": True,
    }
    if query.with_facets:
        body["aggs"] = build_facet_aggs()
    return body


def build_msearch_body(queries: Sequence[SearchQuery]) -> list[dict[str, Any]]:
    """The ``searches`` of one ``_msearch`` (index in the URL): a header and a body per query.

    The answers are in the same order; each is what ``_search`` answers to that body.
    """
    searches: list[dict[str, Any]] = []
    for query in queries:
        searches.append({})
        searches.append(build_search_body(query))
    return searches


def hit_distance(
    query: SearchQuery, doc: dict[str, Any], sort_values: Sequence[Any] | None
) -> float | None:
    """distance_miles of a hit: the exact great-circle distance rounded to 0.1 mile, as SQLite computes it.

    Computed from the document's own coordinates (Elasticsearch stores a
    quantised geo_point; its sort value can differ in the last digits). Falls
    back to the ``_geo_distance`` sort value if the document has no coordinates.
    """
    if query.lat is None or query.lon is None:
        return None
    inst = doc.get("institution") or {}
    if inst.get("lat") is not None and inst.get("lon") is not None:
        return round(haversine_miles(query.lat, query.lon, inst["lat"], inst["lon"]), 1)
    geo_at = [i for i, clause in enumerate(build_sort(query)) if "_geo_distance" in clause]
    if geo_at and sort_values is not None and len(sort_values) > geo_at[0]:
        value = sort_values[geo_at[0]]
        if isinstance(value, (int, float)) and value != float("inf"):
            return round(float(value), 1)
    return None


def parse_facets(aggregations: dict[str, Any] | None) -> dict[str, dict[str, int]]:
    """Facet dicts from the aggregations; zero counts are left out (as SQLite leaves them out)."""
    facets = empty_facets()
    aggs = aggregations or {}
    for name in ("credential", "delivery"):
        for bucket in (aggs.get(name) or {}).get("buckets") or []:
            if bucket.get("doc_count", 0) > 0:
                facets[name][str(bucket["key"])] = int(bucket["doc_count"])
    buckets = (aggs.get("length") or {}).get("buckets") or {}
    for band, bucket in buckets.items():
        if bucket.get("doc_count", 0) > 0:
            facets["length"][band] = int(bucket["doc_count"])
    return facets


def total_hits(response: dict[str, Any]) -> int:
    total = response["hits"]["total"]
    return int(total["value"] if isinstance(total, dict) else total)


def parse_search_response(query: SearchQuery, response: dict[str, Any]) -> SearchResult:
    """The SearchResult for an Elasticsearch response to ``build_search_body(query)``."""
    hits = []
    for hit in response["hits"]["hits"]:
        doc = listing_doc_from_source(hit["_source"])
        hits.append(Hit(doc=doc, distance_miles=hit_distance(query, doc, hit.get("sort"))))
    facets = parse_facets(response.get("aggregations")) if query.with_facets else empty_facets()
    return SearchResult(total=total_hits(response), hits=hits, facets=facets)


# ------------------------------------------------------ scans, sweep and counts
def build_scan_body(
    query: dict[str, Any] | None,
    size: int,
    search_after: Sequence[Any] | None = None,
    sort: Sequence[dict[str, Any]] | None = None,
    source: Sequence[str] | None = None,
) -> dict[str, Any]:
    """One page of a full walk over the documents matching ``query``, ordered by a unique key.

    Paging is by ``search_after`` on the sort values of the last hit (the last
    sort key must be unique: the listing id), so a walk neither skips nor repeats
    documents and needs no scroll context to clean up.
    """
    body: dict[str, Any] = {
        "query": query or {"match_all": {}},
        "sort": list(sort) if sort is not None else [{ID_FIELD: {"order": "asc"}}],
        "size": size,
        "track_total_hits": False,
    }
    if search_after is not None:
        body["search_after"] = list(search_after)
    if source is not None:
        body["_source"] = list(source)
    return body


def build_stale_query(source: str, run_id: str) -> dict[str, Any]:
    """Listings with an active contribution from ``source`` made by a run other than ``run_id``.

    (A contribution with no run id is stale for every run, as in SQLite.)
    """
    return {
        "bool": {
            "filter": [{"term": {ACTIVE_SOURCES_FIELD: source}}],
            "must_not": [{"term": {SOURCE_RUNS_FIELD: f"{source}|{run_id}"}}],
        }
    }


def build_institution_query(unitid: str) -> dict[str, Any]:
    return {"bool": {"filter": [{"term": {UNITID_FIELD: str(unitid)}}]}}


def build_seeds_scan(size: int, search_after: Sequence[Any] | None = None) -> dict[str, Any]:
    """Active listings with an institution web site, by URL (then id)."""
    return build_scan_body(
        {
            "bool": {
                "filter": [
                    {"term": {STATUS_FIELD: STATUS_ACTIVE}},
                    {"exists": {"field": INST_URL_FIELD}},
                ]
            }
        },
        size,
        search_after,
        sort=[{INST_URL_FIELD: {"order": "asc"}}, {ID_FIELD: {"order": "asc"}}],
        source=[UNITID_FIELD, INSTITUTION_NAME_FIELD, INST_URL_FIELD, "institution.zip"],
    )


def build_institutions_scan(size: int, search_after: Sequence[Any] | None = None) -> dict[str, Any]:
    """Every institution directory entry, by URL (then UNITID)."""
    return build_scan_body(
        {"match_all": {}},
        size,
        search_after,
        sort=[{"url": {"order": "asc"}}, {"unitid": {"order": "asc"}}],
        source=["unitid", "name", "url", "zip"],
    )


def build_institution_actions(index: str, seeds: Sequence[Any]) -> list[dict[str, Any]]:
    """Bulk actions indexing institution directory entries by UNITID."""
    return [
        {
            "_op_type": "index",
            "_index": index,
            "_id": str(seed.unitid),
            "_source": {
                "unitid": str(seed.unitid),
                "name": seed.name,
                "url": seed.url,
                "zip": seed.zip,
            },
        }
        for seed in seeds
        if seed.unitid and seed.url
    ]


def build_counts_body() -> dict[str, Any]:
    return {
        "size": 0,
        "track_total_hits": True,
        "aggs": {
            "by_status": {"terms": {"field": STATUS_FIELD, "size": FACET_TERMS_SIZE}},
            "by_source": {"terms": {"field": SOURCE_STATES_FIELD, "size": 1000}},
        },
    }


def parse_counts(response: dict[str, Any]) -> dict[str, Any]:
    aggs = response.get("aggregations") or {}
    by_status = {
        str(b["key"]): int(b["doc_count"]) for b in aggs["by_status"]["buckets"] if b["doc_count"]
    }
    by_source: dict[str, dict[str, int]] = {}
    for bucket in aggs["by_source"]["buckets"]:
        source, _, status = str(bucket["key"]).partition("|")
        if bucket["doc_count"]:
            by_source.setdefault(source, {})[status] = int(bucket["doc_count"])
    return {"total": total_hits(response), "by_status": by_status, "by_source": by_source}


def build_source_runs_body() -> dict[str, Any]:
    """Active listings per ``source|run_id`` of their active contributions (data_sources)."""
    return {
        "size": 0,
        "query": build_count_active_query(),
        "aggs": {"by_run": {"terms": {"field": SOURCE_RUNS_FIELD, "size": 10000}}},
    }


def parse_source_runs(response: dict[str, Any]) -> dict[tuple[str, str], int]:
    """``{(source, run_id): listings}``; an answer without the aggregation (no listings) is empty."""
    buckets = ((response.get("aggregations") or {}).get("by_run") or {}).get("buckets") or []
    out: dict[tuple[str, str], int] = {}
    for bucket in buckets:
        source, _, run_id = str(bucket["key"]).partition("|")
        if bucket["doc_count"]:
            out[(source, run_id)] = int(bucket["doc_count"])
    return out


def build_count_active_query() -> dict[str, Any]:
    return {"term": {STATUS_FIELD: STATUS_ACTIVE}}


# ------------------------------------------------------- runs, schedules, locks
def build_run_document(run_dict: dict[str, Any], saved_ns: int) -> dict[str, Any]:
    """A run record plus ``saved_ns``, the tie-breaker SQLite gets from its rowid (newest save last)."""
    return {**run_dict, "saved_ns": saved_ns}


def build_list_runs_body(source: str | None, limit: int) -> dict[str, Any]:
    query: dict[str, Any] = (
        {"bool": {"filter": [{"term": {"source": source}}]}} if source else {"match_all": {}}
    )
    return {
        "query": query,
        "sort": [
            {"started_at": {"order": "desc", "missing": "_last"}},
            {"saved_ns": {"order": "desc"}},
        ],
        "size": limit,
        "track_total_hits": False,
    }


def build_list_schedules_body(size: int) -> dict[str, Any]:
    return {
        "query": {"match_all": {}},
        "sort": [{"id": {"order": "asc"}}],
        "size": size,
        "track_total_hits": False,
    }


def build_lock_document(name: str, owner: str, expires_at: float) -> dict[str, Any]:
    return {"name": name, "owner": owner, "expires_at": expires_at}


# ------------------------------------------------------------- index lifecycle
def build_alias_swap_actions(
    alias: str, old_index: str | None, new_index: str
) -> list[dict[str, Any]]:
    """The actions of the one ``_aliases`` call that moves ``alias`` from ``old_index`` to ``new_index``.

    Elasticsearch applies all actions of one call atomically: searches see
    either the old index or the new one, never neither or both. ``must_exist``
    makes the call fail (and change nothing) if another process moved the
    alias in the meantime.
    """
    actions: list[dict[str, Any]] = []
    if old_index is not None:
        actions.append({"remove": {"index": old_index, "alias": alias, "must_exist": True}})
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


def build_create_index_body(config: dict[str, Any], alias: str | None = None) -> dict[str, Any]:
    """Keyword arguments for ``indices.create`` from an index_config file (plus an alias)."""
    body = {
        "settings": copy.deepcopy(config.get("settings") or {}),
        "mappings": copy.deepcopy(config.get("mappings") or {}),
    }
    if alias is not None:
        body["aliases"] = {alias: {}}
    return body


#: the mapping ``_meta`` key naming the index a re-index copied a new listings index from
COPY_META = "programs_reindex"


def with_copy_meta(
    config: dict[str, Any], from_index: str, from_uuid: str | None
) -> dict[str, Any]:
    """An index config whose mapping records, in ``_meta``, the index (and its uuid) it is copied from.

    The uuid is what lets the next re-index prove that a leftover index is an unfinished copy of
    the live one (or its already-copied source) before deleting it: a name can be re-used.
    """
    out = copy.deepcopy(config)
    mappings = out.setdefault("mappings", {})
    meta = mappings.setdefault("_meta", {})
    meta[COPY_META] = {"from_index": from_index, "from_uuid": from_uuid}
    return out
