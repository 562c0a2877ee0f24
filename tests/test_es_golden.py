"""Golden tests of the Elasticsearch request bodies: no server needed.

Each body that :mod:`programs.store.es_queries` builds is compared, byte for
byte after JSON formatting, with ``tests/golden/es/<name>.json``. A change to a
body fails here until it is reviewed and the files are rewritten with
``UPDATE_GOLDEN=1 pytest tests/test_es_golden.py``.

Beside the exact comparison, a few tests check what the bodies mean: the length
facet filters reproduce ``vocab.length_band``; user text only ever appears as a
value; every field the queries use is mapped with the type they need in
``index_config/listings.json``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from programs.model import Institution, Listing, Program
from programs.query import SearchQuery
from programs.store import es_queries as q
from programs.store.elasticsearch import index_config_dir, load_index_config
from programs.vocab import LENGTH_UNKNOWN, length_band

GOLDEN = Path(__file__).parent / "golden" / "es"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

CHICAGO = (41.8858, -87.6181)


def _at(**kwargs: Any) -> SearchQuery:
    return SearchQuery(lat=CHICAGO[0], lon=CHICAGO[1], **kwargs)


SEARCH_CASES: dict[str, SearchQuery] = {
    "search_radius_only": _at(radius_miles=25.0),
    "search_filter_credential": _at(radius_miles=25.0, credentials=("certificate", "associate")),
    "search_filter_delivery": _at(radius_miles=25.0, deliveries=("online",)),
    "search_filter_max_months": _at(radius_miles=25.0, max_months=12.0),
    "search_filter_max_tuition": _at(radius_miles=25.0, max_tuition=4000.0),
    "search_filter_certification": _at(radius_miles=25.0, certifications=("CPC", "CCS")),
    "search_filter_accreditation": _at(radius_miles=25.0, accreditations=("CAHIIM",)),
    "search_combined_filters": _at(
        radius_miles=100.0,
        credentials=("certificate",),
        deliveries=("online", "hybrid"),
        max_months=12.0,
        max_tuition=6000.0,
        certifications=("CPC",),
        accreditations=("CAHIIM", "PCAP"),
    ),
    "search_text": _at(radius_miles=50.0, text="Medical cod"),
    "search_text_hostile": _at(
        radius_miles=50.0, text='coding" OR * {"match_all": {}} \\ AND status:removed'
    ),
    "search_sort_length": _at(radius_miles=150.0, sort="length"),
    "search_sort_tuition": _at(radius_miles=150.0, sort="tuition"),
    "search_sort_relevance_text": _at(
        radius_miles=150.0, sort="relevance", text="health information"
    ),
    "search_sort_relevance_no_text": _at(radius_miles=150.0, sort="relevance"),
    "search_anywhere_online": _at(radius_miles=None, deliveries=("online",)),
    "search_no_point_online": SearchQuery(
        radius_miles=None, deliveries=("online",), sort="relevance"
    ),
    "search_no_point_length": SearchQuery(radius_miles=None, sort="length", text="coding"),
    "search_page_3": _at(radius_miles=25.0, page=3, per_page=10),
    "search_no_facets": _at(radius_miles=25.0, with_facets=False),
    "search_fractional_radius": _at(radius_miles=12.345678),
}


def check_golden(name: str, value: Any) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    # the body is plain JSON: lists, not tuples; no NaN; survives a round trip unchanged
    assert json.loads(text) == value, f"{name}: the body does not survive a JSON round trip"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), (
        f"missing golden file {path}; write it with UPDATE_GOLDEN=1 after checking the body"
    )
    stored = path.read_text(encoding="utf-8")
    assert json.loads(stored) == value, f"{name}: the body differs from {path}"
    assert stored == text, (
        f"{name}: the body's JSON (order or number formatting) differs from {path}"
    )


@pytest.mark.parametrize("name", sorted(SEARCH_CASES))
def test_search_body_matches_golden(name):
    check_golden(name, q.build_search_body(SEARCH_CASES[name]))


def _fixed_listing() -> Listing:
    from programs.merge import contribute
    from programs.model import SourceRef

    incoming = Listing(
        id="0123456789abcdef",
        institution=Institution(
            name="Lakeshore College",
            unitid="123456",
            url="https://lakeshore.example.edu/",
            city="Chicago",
            state="IL",
            zip="60601",
            lat=41.8858,
            lon=-87.6181,
        ),
        program=Program(
            name="Medical Billing and Coding",
            credential="certificate",
            length_months=9.0,
            delivery="online",
            tuition_usd=3995.0,
            certifications=["CPC", "CPB"],
            accreditations=["PCAP"],
            cip="51.0713",
        ),
    )
    ref = SourceRef(
        source="ipeds",
        url="https://lakeshore.example.edu/",
        fetched_at="2026-01-01T00:00:00Z",
        run_id="run-1",
    )
    merged = contribute(None, incoming, ref)
    ref2 = SourceRef(
        source="program_pages",
        url="https://lakeshore.example.edu/mbc",
        fetched_at="2026-01-02T00:00:00Z",
        run_id=None,
    )
    return contribute(
        merged,
        Listing(
            id=incoming.id,
            institution=Institution(name="Lakeshore College"),
            program=Program(
                name="Medical Billing & Coding Certificate",
                credential="certificate",
                length_months=8.0,
            ),
        ),
        ref2,
    )


def _no_location_listing() -> Listing:
    from programs.merge import contribute, withdraw
    from programs.model import SourceRef

    incoming = Listing(
        id="fedcba9876543210",
        institution=Institution(name="Online Academy"),
        program=Program(name="Medical Coding", credential="certificate", delivery="online"),
    )
    ref = SourceRef(source="scorecard", fetched_at="2026-01-01T00:00:00Z", run_id="run-9")
    return withdraw(contribute(None, incoming, ref), "scorecard", "2026-02-01T00:00:00Z")


def test_bulk_actions_match_golden():
    check_golden(
        "bulk_actions",
        q.build_bulk_actions("programs-listings", [_fixed_listing(), _no_location_listing()]),
    )


def test_indexed_document_holds_the_listing_and_its_search_fields():
    listing = _fixed_listing()
    doc = q.build_listing_document(listing)
    assert q.listing_doc_from_source(doc) == listing.to_doc()
    assert doc["search"] == {
        "active_sources": ["ipeds", "program_pages"],
        "source_runs": ["ipeds|run-1"],
        "source_states": ["ipeds|active", "program_pages|active"],
        "location": {"lat": 41.8858, "lon": -87.6181},
    }
    removed = q.build_listing_document(_no_location_listing())
    assert removed["status"] == "removed"
    assert "location" not in removed["search"]  # no geo_point without coordinates
    assert removed["search"]["active_sources"] == [] and removed["search"]["source_runs"] == []
    assert removed["search"]["source_states"] == ["scorecard|removed"]


def test_alias_swap_actions_match_golden():
    actions = q.build_alias_swap_actions(
        "programs-listings", "programs-listings-v3", "programs-listings-v4"
    )
    check_golden("alias_swap_actions", actions)
    assert [next(iter(a)) for a in actions] == ["remove", "add"]


def test_other_bodies_match_golden():
    check_golden(
        "sweep_scan_first_page", q.build_scan_body(q.build_stale_query("ipeds", "run-2"), 500)
    )
    check_golden(
        "sweep_scan_next_page",
        q.build_scan_body(q.build_stale_query("ipeds", "run-2"), 500, ["L0042"]),
    )
    check_golden("institution_scan", q.build_scan_body(q.build_institution_query("123456"), 500))
    check_golden("seeds_scan", q.build_seeds_scan(1000, ["https://a.example.edu/", "L0001"]))
    check_golden("counts_body", q.build_counts_body())
    check_golden("source_runs_body", q.build_source_runs_body())
    check_golden("list_runs_body", q.build_list_runs_body("ipeds", 50))
    check_golden("list_runs_all_body", q.build_list_runs_body(None, 200))
    check_golden(
        "create_listings_index_body",
        q.build_create_index_body(load_index_config("listings"), alias="programs-listings"),
    )


# ------------------------------------------------------------- what the bodies mean
def _range_matches(bounds: dict[str, float], value: float | None) -> bool:
    if value is None:
        return False
    ok = True
    if "gt" in bounds:
        ok &= value > bounds["gt"]
    if "gte" in bounds:
        ok &= value >= bounds["gte"]
    if "lt" in bounds:
        ok &= value < bounds["lt"]
    if "lte" in bounds:
        ok &= value <= bounds["lte"]
    return ok


def _band_filter_matches(clause: dict[str, Any], value: float | None) -> bool:
    if "range" in clause:
        return _range_matches(clause["range"][q.LENGTH_FIELD], value)
    (must_not,) = clause["bool"]["must_not"]
    assert must_not == {"exists": {"field": q.LENGTH_FIELD}}
    return value is None


@pytest.mark.parametrize(
    "months",
    [
        None,
        0.0,
        0.5,
        1.5,
        3.0,
        3.0000001,
        4.0,
        6.0,
        6.5,
        12.0,
        12.01,
        18.0,
        24.0,
        24.5,
        48.0,
        1200.0,
    ],
)
def test_length_facet_filters_reproduce_length_band(months):
    bands = q.build_facet_aggs()["length"]["filters"]["filters"]
    matching = [name for name, clause in bands.items() if _band_filter_matches(clause, months)]
    assert matching == [length_band(months)]
    assert LENGTH_UNKNOWN in bands


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_user_text_only_reaches_the_body_as_word_values():
    query = SEARCH_CASES["search_text_hostile"]
    assert query.terms == ("coding", "or", "match_all", "and", "status", "removed")
    body = q.build_search_body(query)
    text_filters = [c for c in body["query"]["bool"]["filter"] if "multi_match" in c]
    assert [c["multi_match"]["query"] for c in text_filters] == list(query.terms)
    clean = q.build_search_body(SEARCH_CASES["search_text"])
    assert set(body) == set(clean) and set(body["query"]["bool"]) == set(clean["query"]["bool"])
    for text in _strings(body):
        assert not set(text) & set('"*{}\\:'), text
    assert body["query"]["bool"]["filter"][0] == {"term": {"status": "active"}}


def test_relevance_scores_each_word_like_the_sqlite_ranking():
    body = q.build_search_body(SEARCH_CASES["search_sort_relevance_text"])
    should = body["query"]["bool"]["should"]
    assert len(should) == 2  # one per word: health, information
    weights = [
        [c["constant_score"]["boost"] for c in clause["dis_max"]["queries"]] for clause in should
    ]
    assert weights == [[3.0, 2.0, 1.5, 1.0]] * 2
    assert body["sort"][0] == {"_score": {"order": "desc"}}
    # other sorts do not score at all: the text only filters
    assert "should" not in q.build_search_body(SEARCH_CASES["search_text"])["query"]["bool"]


def test_relevance_without_text_sorts_like_distance():
    a = q.build_search_body(SEARCH_CASES["search_sort_relevance_no_text"])
    b = q.build_search_body(_at(radius_miles=150.0, sort="distance"))
    assert a == b


def test_every_sort_ends_with_distance_then_id():
    for name, query in SEARCH_CASES.items():
        sort = q.build_search_body(query)["sort"]
        assert sort[-1] == {"id": {"order": "asc"}}, name
        if query.lat is not None:
            assert "_geo_distance" in sort[-2], name


# ------------------------------------------------------------------ index config
def _mapping_type(mappings: dict[str, Any], path: str) -> str | None:
    node: dict[str, Any] = mappings
    for part in path.split("."):  # object properties, then multi-fields ("program.name.words")
        node = (node.get("properties") or {}).get(part) or (node.get("fields") or {}).get(part)
        if node is None:
            return None
    return node.get("type", "object")


@pytest.mark.parametrize("name", ["listings", "runs", "schedules", "locks"])
def test_index_config_is_valid_json_with_settings_and_mappings(name):
    path = index_config_dir() / f"{name}.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    assert set(config) == {"settings", "mappings"}, (
        "the file is a create-index body: settings + mappings only"
    )
    assert config["mappings"]["dynamic"] in (False, "strict"), (
        "no dynamic mapping: no mapping explosion"
    )
    assert config["settings"]["index"]["number_of_shards"] == 1


def test_listings_mapping_types_every_queried_field():
    config = load_index_config("listings")
    mappings = config["mappings"]
    for field, wanted in q.QUERIED_FIELDS.items():
        assert _mapping_type(mappings, field) == wanted, field
    assert _mapping_type(mappings, "search.location") == "geo_point"
    for field in (
        "program.credential",
        "program.delivery",
        "status",
        "program.certifications",
        "program.accreditations",
        "institution.unitid",
        "institution.url",
        "id",
    ):
        assert _mapping_type(mappings, field) == "keyword", field
    # contributions and provenance are stored, never indexed (their keys are dotted field paths)
    for field in ("sources", "provenance"):
        assert mappings["properties"][field] == {"type": "object", "enabled": False}


def test_listings_analyzer_is_defined_and_used_for_names():
    config = load_index_config("listings")
    analysis = config["settings"]["analysis"]
    analyzer = analysis["analyzer"]["name_text"]
    assert analyzer["tokenizer"] in analysis["tokenizer"]
    assert analyzer["filter"] == [
        "lowercase",
        "asciifolding",
        "porter_stem",
    ]  # matching: stemmed, as FTS5
    words = analysis["analyzer"]["name_words"]
    assert words["tokenizer"] == analyzer["tokenizer"] and words["filter"] == [
        "lowercase",
        "asciifolding",
    ]
    props = config["mappings"]["properties"]
    for section in ("program", "institution"):
        name = props[section]["properties"]["name"]
        assert (
            name["analyzer"] == "name_text" and name["fields"]["words"]["analyzer"] == "name_words"
        )
    # deep pages: SearchQuery allows page * per_page up to 1,000,000
    assert config["settings"]["index"]["max_result_window"] >= 10_000 * 100


def test_small_indices_map_their_keys():
    assert _mapping_type(load_index_config("runs")["mappings"], "started_at") == "keyword"
    assert _mapping_type(load_index_config("runs")["mappings"], "saved_ns") == "long"
    assert _mapping_type(load_index_config("schedules")["mappings"], "id") == "keyword"
    locks = load_index_config("locks")["mappings"]
    assert (
        _mapping_type(locks, "owner") == "keyword"
        and _mapping_type(locks, "expires_at") == "double"
    )
