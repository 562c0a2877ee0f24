"""The store conformance suite: the same cases against every backend.

Each case compares a backend's answer with an independent computation over the
whole fixture set (tests/store_cases.py). It always runs on SQLite, and on
Elasticsearch whenever ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

import pytest

from programs.errors import InvalidInput
from programs.model import Institution, Listing, Program
from programs.query import SearchQuery
from programs.runs import RunRecord
from tests.conftest import BACKENDS, drop_store, make_store
from tests.store_cases import CENTRES, as_dict, expected, expected_facets, make_listings

LISTINGS = make_listings()


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(request, tmp_path_factory):
    s = make_store(request.param, tmp_path_factory)
    s.upsert(LISTINGS, source="ipeds", run_id="load")
    yield s
    drop_store(s)


def all_pages(store, **kwargs) -> list[tuple[str, float]]:
    out, page = [], 1
    while True:
        res = store.search(SearchQuery(per_page=100, page=page, **kwargs))
        out.extend(as_dict(res))
        if len(res.hits) < 100:
            return out
        page += 1


def check_against_reference(store, *, centre="chicago", radius=25.0, sort="distance", **filters):
    lat, lon = CENTRES[centre]
    query_filters = {k: v for k, v in filters.items() if k != "words"}
    got = all_pages(store, lat=lat, lon=lon, radius_miles=radius, sort=sort, **query_filters)
    want = expected(
        LISTINGS,
        lat=lat,
        lon=lon,
        radius=radius,
        sort=sort,
        words=filters.get("words", ()),
        **{k: v for k, v in query_filters.items() if k != "text"},
    )
    assert [i for i, _ in got] == [i for i, _ in want]
    for (_, d_got), (_, d_want) in zip(got, want, strict=False):
        assert d_got == pytest.approx(round(d_want, 1), abs=0.051)
    return got


@pytest.mark.parametrize("centre", sorted(CENTRES))
@pytest.mark.parametrize("radius", [5.0, 25.0, 100.0, 500.0])
def test_radius_and_distance_order_match_reference(loaded, centre, radius):
    got = check_against_reference(loaded, centre=centre, radius=radius)
    if radius >= 100:
        assert got, "a 100-mile search around a fixture centre finds listings"


FILTER_CASES = {
    "credential": dict(credentials=("certificate",)),
    "two_credentials": dict(credentials=("associate", "bachelor")),
    "delivery": dict(deliveries=("online",)),
    "two_deliveries": dict(deliveries=("on_campus", "hybrid")),
    "on_campus_takes_hybrid": dict(deliveries=("on_campus",)),
    "max_months": dict(max_months=12.0),
    "max_months_boundary": dict(max_months=6.0),
    "certification": dict(certifications=("CPC",)),
    "two_certifications": dict(certifications=("RHIT", "CCA")),
    "accreditation": dict(accreditations=("CAHIIM",)),
    "max_tuition": dict(max_tuition=4000.0),
    "max_tuition_zero": dict(max_tuition=0.0),
    "combined": dict(
        credentials=("certificate",), deliveries=("online", "hybrid"), max_months=12.0
    ),
    "combined_cost_cert": dict(max_tuition=6000.0, certifications=("CPC", "CCS")),
    "everything": dict(
        credentials=("certificate", "associate"),
        deliveries=("online", "on_campus"),
        max_months=24.0,
        max_tuition=13000.0,
        certifications=("CPC", "CPB", "CCA"),
    ),
}


@pytest.mark.parametrize("case", sorted(FILTER_CASES))
def test_filters_match_reference(loaded, case):
    check_against_reference(loaded, radius=150.0, **FILTER_CASES[case])


@pytest.mark.parametrize(
    "text,words",
    [
        ("coding", ("coding",)),
        ("health information", ("health", "information")),
        ("Lakeshore", ("lakeshore",)),
        ("cod", ("cod",)),
    ],
)
def test_text_matches_every_word(loaded, text, words):
    check_against_reference(loaded, radius=150.0, text=text, words=words)


@pytest.mark.parametrize(
    ("text", "finds"),
    [
        ("code", "Coding"),  # a whole word in another form: the same stem
        ("cod", "Coding"),  # partial words that start the stem ...
        ("inform", "Health Information"),
        ("codi", None),  # ... and ones that run past it (coding -> code): the documented limit
        ("informat", None),  # information -> inform
        ("managem", None),  # management -> manag
    ],
)
def test_a_partial_word_matches_only_when_it_starts_the_stem(loaded, text, finds):
    """The contract of `q` (search_api/schemas.py, README): the same on every backend."""
    lat, lon = CENTRES["chicago"]
    res = loaded.search(SearchQuery(lat=lat, lon=lon, radius_miles=None, text=text, per_page=5))
    if finds is None:
        assert res.total == 0
    else:
        assert res.total > 0 and all(finds in h.doc["program"]["name"] for h in res.hits)


@pytest.mark.parametrize("sort", ["length", "tuition"])
def test_sorts_match_reference(loaded, sort):
    check_against_reference(loaded, radius=150.0, sort=sort)


def test_relevance_without_text_is_distance_order(loaded):
    lat, lon = CENTRES["atlanta"]
    a = as_dict(
        loaded.search(
            SearchQuery(lat=lat, lon=lon, radius_miles=100, sort="relevance", per_page=100)
        )
    )
    b = as_dict(
        loaded.search(
            SearchQuery(lat=lat, lon=lon, radius_miles=100, sort="distance", per_page=100)
        )
    )
    assert a == b


def test_relevance_with_text_returns_only_matches(loaded):
    lat, lon = CENTRES["chicago"]
    res = loaded.search(
        SearchQuery(
            lat=lat, lon=lon, radius_miles=150, text="billing", sort="relevance", per_page=100
        )
    )
    want = expected(LISTINGS, lat=lat, lon=lon, radius=150, words=("billing",))
    assert sorted(i for i, _ in as_dict(res)) == sorted(i for i, _ in want)


@pytest.mark.parametrize(
    "filters",
    [{}, dict(credentials=("certificate",)), dict(deliveries=("online",), max_months=24.0)],
)
def test_facets_count_the_whole_matching_set(loaded, filters):
    lat, lon = CENTRES["chicago"]
    res = loaded.search(SearchQuery(lat=lat, lon=lon, radius_miles=150, per_page=5, **filters))
    ids = [i for i, _ in expected(LISTINGS, lat=lat, lon=lon, radius=150, **filters)]
    assert res.total == len(ids)
    assert res.facets == expected_facets(LISTINGS, ids)


@pytest.mark.parametrize("per_page", [1, 7, 20])
def test_pagination_has_no_duplicates_or_gaps(loaded, per_page):
    lat, lon = CENTRES["honolulu"]
    want = [i for i, _ in expected(LISTINGS, lat=lat, lon=lon, radius=200)]
    got: list[str] = []
    page = 1
    while True:
        res = loaded.search(
            SearchQuery(lat=lat, lon=lon, radius_miles=200, page=page, per_page=per_page)
        )
        assert res.total == len(want)
        got.extend(h.doc["id"] for h in res.hits)
        if not res.hits:
            break
        page += 1
    assert got == want


def test_page_past_the_end_is_empty_with_the_total(loaded):
    lat, lon = CENTRES["chicago"]
    res = loaded.search(SearchQuery(lat=lat, lon=lon, radius_miles=25, page=500))
    assert res.hits == [] and res.total == len(expected(LISTINGS, lat=lat, lon=lon, radius=25))


def test_empty_result_far_from_everything(loaded):
    res = loaded.search(SearchQuery(lat=0.0, lon=-30.0, radius_miles=500))
    assert res.total == 0 and res.hits == []
    assert all(v == {} for v in res.facets.values())


def test_anywhere_search_orders_every_online_listing_by_distance(loaded):
    lat, lon = CENTRES["san_juan"]
    got = all_pages(loaded, lat=lat, lon=lon, radius_miles=None, deliveries=("online",))
    want = expected(LISTINGS, lat=lat, lon=lon, radius=None, deliveries=("online",))
    assert [i for i, _ in got] == [i for i, _ in want]


def test_search_many_answers_as_search_does_in_order(loaded):
    """Several searches at once (one _msearch on Elasticsearch): the page's and the online section's."""
    lat, lon = CENTRES["chicago"]
    queries = [
        SearchQuery(lat=lat, lon=lon, radius_miles=25.0),
        SearchQuery(
            lat=lat,
            lon=lon,
            radius_miles=None,
            deliveries=("online",),
            per_page=5,
            with_facets=False,
        ),
        SearchQuery(radius_miles=None, sort="length", text="coding", per_page=7, page=2),
        SearchQuery(lat=0.0, lon=-30.0, radius_miles=500),  # nothing there
    ]
    got = loaded.search_many(queries)
    assert got == [loaded.search(query) for query in queries]
    assert got[1].total > 0 and len(got[1].hits) <= 5 and got[3].total == 0
    assert loaded.search_many([]) == []


@pytest.mark.parametrize(
    "fields",
    [
        dict(radius_miles=None, deliveries=("online",)),  # the online section's total
        dict(
            radius_miles=None, deliveries=("online",), credentials=("certificate",), text="coding"
        ),
        dict(radius_miles=25.0, max_months=12.0),
        dict(radius_miles=500.0, certifications=("CPC",), sort="tuition"),
        dict(lat=None, lon=None, radius_miles=None, sort="length"),  # no point: every listing
        dict(lat=0.0, lon=-30.0, radius_miles=500.0),  # nothing there
    ],
)
def test_count_is_the_total_of_the_search(loaded, fields):
    lat, lon = CENTRES["chicago"]
    query = SearchQuery(**{"lat": lat, "lon": lon, "per_page": 1, **fields})
    assert loaded.count(query) == loaded.search(query).total


NARROWED = [  # searches at the same place as a base search, narrowed by delivery (or not quite)
    dict(deliveries=("online",), per_page=5, with_facets=False),
    dict(deliveries=("online",), sort="length", page=2, per_page=3),
    dict(deliveries=("hybrid",), sort="tuition"),
    dict(deliveries=("on_campus",)),  # takes hybrid too
    dict(deliveries=("online", "hybrid"), sort="relevance", text="coding"),
    dict(deliveries=()),  # no delivery filter: narrows a base without one only
    dict(credentials=("certificate",)),  # another filter: never answered from the base's matches
    dict(deliveries=("online",), radius_miles=100.0),  # another radius: neither
]


@pytest.mark.parametrize(
    "base",
    [
        dict(),
        dict(deliveries=("online", "hybrid")),
        dict(sort="relevance", text="coding", per_page=4),
        dict(credentials=("certificate", "associate"), max_months=24.0),
    ],
    ids=["no_filter", "deliveries", "relevance", "filters"],
)
def test_searches_that_narrow_another_answer_as_search_does(loaded, base):
    """The page's search and the online section's at its radius (one statement on SQLite)."""
    lat, lon = CENTRES["chicago"]

    def query(**kwargs):
        fields = dict(lat=lat, lon=lon, radius_miles=100.0, **base)
        fields.update(kwargs)
        return SearchQuery(**fields)

    queries = [query()] + [query(**narrowed) for narrowed in NARROWED]
    got = loaded.search_many(queries)
    assert got == [loaded.search(q) for q in queries]
    assert got[1].total > 0


def test_ties_break_by_id(loaded):
    twin = next(item for item in LISTINGS if item.id == "TA")
    res = loaded.search(
        SearchQuery(lat=twin.institution.lat, lon=twin.institution.lon, radius_miles=1, per_page=10)
    )
    ids = [h.doc["id"] for h in res.hits]
    assert ids.index("TA") < ids.index("TB")


def test_hit_carries_the_whole_document(loaded):
    res = loaded.search(
        SearchQuery(lat=CENTRES["chicago"][0], lon=CENTRES["chicago"][1], radius_miles=150)
    )
    doc = res.hits[0].doc
    original = next(item for item in LISTINGS if item.id == doc["id"])
    assert doc["institution"]["name"] == original.institution.name
    assert doc["program"]["credential"] == original.program.credential
    assert doc["sources"][0]["source"] == "ipeds"


# --------------------------------------------------------------- writes


def _listing(lid: str, **program) -> Listing:
    return Listing(
        id=lid,
        institution=Institution(
            name="Lakeshore College",
            unitid="123456",
            lat=41.9,
            lon=-87.6,
            url="https://lakeshore.example.edu/",
        ),
        program=Program(**{"name": "Medical Coding", "credential": "certificate", **program}),
    )


def test_upsert_is_idempotent(store):
    items = [_listing("a", length_months=9.0), _listing("b", tuition_usd=3995.0)]
    first = store.upsert(items, source="ipeds", run_id="r1")
    second = store.upsert(items, source="ipeds", run_id="r2")
    assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
    assert (second.new, second.updated, second.unchanged) == (0, 0, 2)
    assert store.count_active() == 2
    res = store.search(SearchQuery(lat=41.9, lon=-87.6, radius_miles=5))
    assert [h.doc["id"] for h in res.hits] == ["a", "b"]


def test_upsert_updates_in_place(store):
    store.upsert([_listing("a", length_months=9.0)], source="ipeds", run_id="r1")
    stats = store.upsert([_listing("a", length_months=12.0)], source="ipeds", run_id="r2")
    assert stats.updated == 1
    assert store.get("a").program.length_months == 12.0
    assert store.count_active() == 1


def test_sources_merge_by_precedence(store):
    store.upsert([_listing("a", length_months=12.0, cip="51.0713")], source="ipeds", run_id="r1")
    store.upsert(
        [
            _listing(
                "a", length_months=9.0, cip="51.0714", name="Medical Billing and Coding Certificate"
            )
        ],
        source="program_pages",
        run_id="r2",
    )
    got = store.get("a")
    assert got.program.length_months == 9.0  # the school's own page wins length
    assert got.program.cip == "51.0713"  # IPEDS wins the CIP code
    assert got.program.name == "Medical Billing and Coding Certificate"
    assert got.provenance["program.length_months"] == "program_pages"
    assert got.provenance["program.cip"] == "ipeds"
    assert sorted(got.source_names()) == ["ipeds", "program_pages"]


def _complete(store, run_id: str, source: str = "ipeds", status: str = "complete") -> None:
    store.save_run(
        RunRecord(
            id=run_id,
            source=source,
            status=status,
            started_at="2026-01-01T00:00:00Z",
            finished_at="2026-01-01T01:00:00Z",
        )
    )


def test_sweep_after_complete_run_removes_unseen(store):
    store.upsert([_listing("a"), _listing("b")], source="ipeds", run_id="r1")
    store.upsert([_listing("a")], source="ipeds", run_id="r2")
    _complete(store, "r2")
    assert store.sweep("ipeds", "r2") == 1
    assert store.get("b").status == "removed"
    assert store.get("a").status == "active"
    res = store.search(SearchQuery(lat=41.9, lon=-87.6, radius_miles=5))
    assert [h.doc["id"] for h in res.hits] == ["a"]
    assert store.count_active() == 1


@pytest.mark.parametrize("status", ["failed", "partial", "cancelled", "running"])
def test_sweep_after_incomplete_run_removes_nothing(store, status):
    store.upsert([_listing("a"), _listing("b")], source="ipeds", run_id="r1")
    store.upsert([_listing("a")], source="ipeds", run_id="r2")
    _complete(store, "r2", status=status)
    assert store.sweep("ipeds", "r2") == 0
    assert store.get("b").status == "active"


def test_sweep_of_unrecorded_run_removes_nothing(store):
    store.upsert([_listing("a")], source="ipeds", run_id="r1")
    assert store.sweep("ipeds", "never-recorded") == 0
    assert store.get("a").status == "active"


def test_sweep_keeps_listings_other_sources_still_see(store):
    store.upsert([_listing("a", length_months=12.0)], source="ipeds", run_id="r1")
    store.upsert([_listing("a", length_months=9.0)], source="program_pages", run_id="p1")
    store.upsert([], source="program_pages", run_id="p2")
    _complete(store, "p2", source="program_pages")
    assert store.sweep("program_pages", "p2") == 0
    got = store.get("a")
    assert got.status == "active"
    assert got.program.length_months == 12.0  # falls back to the source that still sees it


def test_removed_listing_comes_back_when_seen_again(store):
    store.upsert([_listing("a"), _listing("b")], source="ipeds", run_id="r1")
    store.upsert([_listing("a")], source="ipeds", run_id="r2")
    _complete(store, "r2")
    store.sweep("ipeds", "r2")
    store.upsert([_listing("b")], source="ipeds", run_id="r3")
    assert store.get("b").status == "active"
    assert store.count_active() == 2


def test_invalid_listing_is_refused_before_anything_is_written(store):
    bad = _listing("bad")
    bad.program.credential = "diploma-ish"
    with pytest.raises(InvalidInput):
        store.upsert([_listing("good"), bad], source="ipeds", run_id="r1")
    assert store.get("good") is None


def test_unknown_id_is_none(store):
    assert store.get("no-such-id") is None


def test_runs_schedules_and_locks(store):
    from programs.runs import Schedule

    _complete(store, "r1")
    store.save_run(
        RunRecord(id="r2", source="ipeds", status="running", started_at="2026-01-02T00:00:00Z")
    )
    assert [r.id for r in store.list_runs("ipeds")] == ["r2", "r1"]
    assert store.last_completed() == {"ipeds": "2026-01-01T01:00:00Z"}
    store.save_schedule(Schedule(id="s1", source="ipeds", cron="0 3 * * 1"))
    assert [s.id for s in store.list_schedules()] == ["s1"]
    assert store.delete_schedule("s1") and not store.delete_schedule("s1")
    assert store.acquire_lock("crawl:ipeds", "me", 60, now=1000.0)
    assert not store.acquire_lock("crawl:ipeds", "other", 60, now=1010.0)
    assert store.lock_holder("crawl:ipeds", now=1010.0) == "me"
    assert store.acquire_lock("crawl:ipeds", "other", 60, now=1061.0)  # the stale lock expired
    store.release_lock("crawl:ipeds", "me")  # not the owner: no effect
    assert store.lock_holder("crawl:ipeds", now=1062.0) == "other"


def test_institution_seeds_join_listings_and_the_directory(store):
    from programs.store import InstitutionSeed

    store.upsert([_listing("a")], source="ipeds", run_id="r1")
    store.save_institutions(
        [
            InstitutionSeed(
                unitid="999001",
                name="Bluegrass Health Institute",
                url="https://www.bluegrasshealth.example.edu/",
                zip="40507",
            ),
            InstitutionSeed(
                unitid="123456",
                name="Lakeshore (directory copy)",
                url="https://lakeshore.example.edu/",
                zip="60601",
            ),
        ]
    )
    seeds = store.institution_seeds()
    assert [s.url for s in seeds] == [
        "https://lakeshore.example.edu/",
        "https://www.bluegrasshealth.example.edu/",
    ]
    assert seeds[0].name == "Lakeshore College"  # the listing's entry wins over the directory's
    assert seeds[1].unitid == "999001" and seeds[1].zip == "40507"
    store.save_institutions(
        [
            InstitutionSeed(
                unitid="999001",
                name="Bluegrass Health Institute",
                url="https://www.bluegrasshealth.example.edu/",
                zip="40507",
            )
        ]
    )
    assert len(store.institution_seeds()) == 2  # saved again: replaced, not duplicated
