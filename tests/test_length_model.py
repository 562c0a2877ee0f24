"""The length rule (programs.length): a minimum, a maximum and a basis, chosen in the order
school > IPEDS > estimate from hours > the award level's span; the same rule in every store."""

from __future__ import annotations

import pytest

from programs.length import StatedLength, approx_text, months_text, resolve_length
from programs.merge import contribute
from programs.model import Institution, Listing, Program, SourceRef
from programs.query import SearchQuery
from programs.store.sqlite import SQLiteStore


def _resolve(stated=(), credits=None, clock=None, level=None):
    return resolve_length(
        stated,
        credit_hours=credits,
        clock_hours=clock,
        hours_source="program_pages",
        award_level=level,
        award_level_source="ipeds",
        source_order=("program_pages", "ipeds", "scorecard"),
    )


SCHOOL = StatedLength("program_pages", "school", 9.0)
SCHOOL_RANGE = StatedLength("program_pages", "school", 12.0, 4.0)
IPEDS = StatedLength("ipeds", "ipeds", 11.0)
PAGE_ESTIMATE = StatedLength("program_pages", "estimate", 24.8)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"stated": [IPEDS, SCHOOL], "level": 2}, (9.0, 9.0, "school", "9 months (school)")),
        ({"stated": [SCHOOL_RANGE]}, (4.0, 12.0, "school", "4 to 12 months (school)")),
        (
            {"stated": [IPEDS], "credits": 34, "level": 2},
            (11.0, 11.0, "ipeds", "11 months (IPEDS)"),
        ),
        # an estimate from the school's page loses to a length IPEDS states
        ({"stated": [PAGE_ESTIMATE, IPEDS]}, (11.0, 11.0, "ipeds", "11 months (IPEDS)")),
        (
            {"stated": [PAGE_ESTIMATE], "credits": 62},
            (24.8, 24.8, "estimate", "about 2 years (62 credits)"),
        ),
        # an estimate keeps only the precision it has: 62 credits is about 2 years, not 24.8 months
        ({"credits": 62, "level": 3}, (24.0, 24.0, "estimate", "about 2 years (62 credits)")),
        ({"credits": 33}, (12.0, 12.0, "estimate", "about 12 months (33 credits)")),
        (
            {"clock": 20000, "level": 3},
            (24.0, 24.0, "award_level", "about 2 years full-time (award level)"),
        ),
        ({"clock": 900, "level": 2}, (12.0, 12.0, "estimate", "about 12 months (900 clock hours)")),
        ({"level": 2}, (12.0, 24.0, "award_level", "1 to under 2 years (award level)")),
        ({"level": 20}, (0.0, 3.0, "award_level", "under 12 weeks (award level)")),
        ({"level": 3}, (24.0, 24.0, "award_level", "about 2 years full-time (award level)")),
        ({"level": 8}, (9.6, 24.0, "award_level", "24 or more graduate credits (award level)")),
        ({}, (None, None, None, None)),
    ],
)
def test_the_rule(kwargs, expected):
    got = _resolve(**kwargs)
    assert (got.min_months, got.max_months, got.basis, got.summary) == expected


@pytest.mark.parametrize(
    ("months", "text", "approx"),
    [
        (1, "1 month", "about 1 month"),
        (9, "9 months", "about 9 months"),
        (24, "2 years", "about 2 years"),
        (30, "2.5 years", "about 2.5 years"),
        (13.2, "13.2 months", "about 13 months"),
    ],
)
def test_month_words(months, text, approx):
    assert months_text(months) == text and approx_text(months) == approx


def _listing(lid, **program):
    return Listing(
        id=lid,
        institution=Institution(name="Test College", unitid="1", lat=41.88, lon=-87.62),
        program=Program(name="Medical Coding", credential="certificate", **program),
    )


def test_merged_listing_takes_the_school_length_over_ipeds_and_keeps_the_award_span_otherwise():
    only_ipeds = contribute(None, _listing("a", award_level=2), SourceRef("ipeds"))
    assert (only_ipeds.program.length_min_months, only_ipeds.program.length_months) == (12.0, 24.0)
    assert only_ipeds.program.length_basis == "award_level"
    both = contribute(only_ipeds, _listing("a", length_months=9.0), SourceRef("program_pages"))
    assert (both.program.length_months, both.program.length_basis) == (9.0, "school")
    assert both.provenance["program.length_months"] == "program_pages"


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "len.db")
    s.upsert(
        [
            _listing("span", award_level=2),  # 12 to 24 months (award level)
            _listing("nine", length_months=9.0),  # 9 months (stated)
            _listing("short", award_level=20),  # 0 to 3 months (award level)
            _listing("none"),
        ],
        source="ipeds",
        run_id="r1",
    )
    yield s
    s.close()


def _ids(store, **kwargs):
    result = store.search(SearchQuery(lat=41.88, lon=-87.62, radius_miles=10, **kwargs))
    return [h.doc["id"] for h in result.hits], result.facets["length"]


def test_filter_sort_and_facet_agree(store):
    ids, facets = _ids(store, max_months=12)
    assert sorted(ids) == ["nine", "short"]  # the span's maximum, 24 months, does not fit
    ids, facets = _ids(store, sort="length")
    assert ids == ["short", "nine", "span", "none"]  # on the minimum; unknown last
    assert facets == {"up_to_3": 1, "6_to_12": 1, "12_to_24": 1, "unknown": 1}


def test_an_estimate_from_credits_fits_the_filter_its_words_promise(tmp_path):
    """ "about 2 years (62 credits)" is inside max_months=24; a 33-credit certificate inside 12."""
    s = SQLiteStore(tmp_path / "est.db")
    s.upsert(
        [_listing("aas", credit_hours=62.0), _listing("cert", credit_hours=33.0)],
        source="program_pages",
        run_id="r1",
    )
    try:
        assert sorted(_ids(s, max_months=24)[0]) == ["aas", "cert"]
        assert _ids(s, max_months=12)[0] == ["cert"]
    finally:
        s.close()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>Total Credit Hours: 62</p>", (24.0, "estimate", "about 2 years (62 credits)")),
        ("<p>Clock hours: 600</p>", (6.0, "estimate", "about 6 months (600 clock hours)")),
        ("<p>The program takes two years.</p>", (24.0, "school", "2 years (school)")),
    ],
)
def test_a_page_s_estimate_reaches_the_listing_as_an_estimate(body, expected):
    """The extractor's basis "credits" / "clock_hours" is an estimate on the card, not "(school)"."""
    from programs.extract import extract_page
    from programs.listing_builder import build_listing

    title = "Health Information Technology, AAS"
    page = extract_page(
        f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1>{body}"
        "<p>Graduates are eligible for the RHIT exam.</p></main></body></html>",
        "https://www.example.edu/hit",
    )
    raw = {k: v for k, v in page.programs[0].items() if v not in (None, "", [])}
    listing = build_listing(
        unitid=None, institution={"name": "Fictional Valley College", "zip": "60601"}, program=raw
    )
    program = contribute(None, listing, SourceRef("program_pages")).program
    assert (program.length_months, program.length_basis, program.length_summary) == expected
