"""Listing ids and the field-by-field merge of sources."""

from __future__ import annotations

import pytest

from programs.errors import InvalidInput
from programs.merge import build, contribute, flatten, withdraw
from programs.model import Institution, Listing, Program, SourceRef, institution_key, listing_id


def test_listing_id_is_stable_and_distinct():
    a = listing_id("unitid:100654", "51.0713", "certificate")
    assert a == listing_id("unitid:100654", "51.0713", "certificate")
    assert a != listing_id("unitid:100654", "51.0713", "associate")
    assert a != listing_id("unitid:100655", "51.0713", "certificate")
    assert len(a) == 16


@pytest.mark.parametrize(
    "args,param",
    [
        (("unitid:1", "51.0713", "diploma"), "credential"),
        (("", "51.0713", "certificate"), "listing"),
        (("unitid:1", "", "certificate"), "listing"),
    ],
)
def test_listing_id_bad_input(args, param):
    with pytest.raises(InvalidInput) as info:
        listing_id(*args)
    assert info.value.param == param


def test_institution_key_prefers_unitid():
    assert institution_key("100654", "Alabama A & M University", "35762") == "unitid:100654"
    assert institution_key(None, "The Lakeshore College", "60601-1234") == institution_key(
        None, "Lakeshore College", "60601"
    )
    with pytest.raises(InvalidInput):
        institution_key(None, "", None)
    with pytest.raises(InvalidInput):
        institution_key("12ab", "x", None)


def _listing(source_fields: dict) -> Listing:
    return Listing(
        id="x",
        institution=Institution(
            name=source_fields.pop("iname", "Lakeshore College"),
            lat=source_fields.pop("lat", None),
            lon=source_fields.pop("lon", None),
        ),
        program=Program(name="Medical Coding", credential="certificate", **source_fields),
    )


def test_contributions_merge_by_precedence_and_record_provenance():
    ipeds = contribute(
        None,
        _listing({"cip": "51.0713", "length_months": 12.0, "lat": 41.0, "lon": -87.0}),
        SourceRef("ipeds", fetched_at="2026-01-01T00:00:00Z", run_id="r1"),
    )
    both = contribute(
        ipeds,
        _listing(
            {
                "length_months": 9.0,
                "tuition_usd": 3995.0,
                "certifications": ["CPC"],
                "lat": 40.0,
                "lon": -80.0,
            }
        ),
        SourceRef("program_pages", fetched_at="2026-01-02T00:00:00Z", run_id="p1"),
    )
    assert (
        both.program.length_months == 9.0
        and both.provenance["program.length_months"] == "program_pages"
    )
    assert both.program.cip == "51.0713" and both.provenance["program.cip"] == "ipeds"
    assert (both.institution.lat, both.institution.lon) == (
        41.0,
        -87.0,
    )  # location from IPEDS, as a pair
    assert both.provenance["institution.location"] == "ipeds"
    assert both.first_seen == "2026-01-01T00:00:00Z" and both.last_seen == "2026-01-02T00:00:00Z"


def test_union_of_certifications():
    a = contribute(None, _listing({"certifications": ["CCA"]}), SourceRef("ipeds"))
    b = contribute(a, _listing({"certifications": ["CPC", "CCA"]}), SourceRef("program_pages"))
    assert b.program.certifications == ["CCA", "CPC"]


def test_a_value_a_source_stops_giving_falls_back():
    a = contribute(None, _listing({"length_months": 12.0}), SourceRef("ipeds"))
    b = contribute(a, _listing({"length_months": 9.0}), SourceRef("program_pages"))
    c = contribute(b, _listing({}), SourceRef("program_pages"))
    assert c.program.length_months == 12.0


def test_withdraw_marks_removed_only_without_live_sources():
    a = contribute(None, _listing({"length_months": 12.0}), SourceRef("ipeds"))
    b = contribute(a, _listing({"length_months": 9.0}), SourceRef("program_pages"))
    c = withdraw(b, "program_pages", "2026-02-01T00:00:00Z")
    assert c.status == "active" and c.program.length_months == 12.0
    d = withdraw(c, "ipeds", "2026-02-01T00:00:00Z")
    assert d.status == "removed"
    assert d.program.name == "Medical Coding"  # a removed listing keeps its last known facts


def test_flatten_drops_half_a_location():
    listing = _listing({"lat": 41.0})
    assert "institution.lat" not in flatten(listing)


def test_document_round_trip():
    a = contribute(
        None,
        _listing({"length_months": 12.0, "certifications": ["CPC"]}),
        SourceRef("ipeds", run_id="r"),
    )
    assert Listing.from_doc(a.to_doc()) == a
    assert build("x", a.sources) == a
