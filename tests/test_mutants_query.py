"""programs/query.py pinned down: the cases mutation testing showed no test would notice.

Exact limits (accepted at the limit, refused just past it), a single string given where a
list is expected, the parameter every error names, and the normalised values a backend sees.
"""

from __future__ import annotations

import pytest

from programs import query
from programs.errors import InvalidInput
from programs.query import Hit, SearchQuery

POINT = dict(lat=41.88, lon=-87.63)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(lat=90, lon=0),
        dict(lat=-90, lon=0),
        dict(lat=0, lon=180),
        dict(lat=0, lon=-180),
        dict(**POINT, radius_miles=1),
        dict(**POINT, radius_miles=500),
        dict(**POINT, max_months=1200),
        dict(**POINT, max_months=0.5),
        dict(**POINT, max_tuition=0),
        dict(**POINT, max_tuition=0.5),
        dict(**POINT, max_tuition=10_000_000),
        dict(**POINT, text="c" * 200),
        dict(**POINT, page=10_000),
        dict(**POINT, per_page=100),
        dict(**POINT, page=1, per_page=1),
    ],
)
def test_values_at_their_exact_limits_are_accepted(kwargs):
    q = SearchQuery(**kwargs)
    for name, value in kwargs.items():
        if name == "text":
            assert q.text == value
        else:
            assert getattr(q, name) == value


@pytest.mark.parametrize(
    "kwargs,param",
    [
        (dict(lat=90.5, lon=0), "lat"),
        (dict(lat=-90.5, lon=0), "lat"),
        (dict(lat=0, lon=180.5), "lon"),
        (dict(lat=0, lon=-180.5), "lon"),
        (dict(lat=True, lon=0), "lat"),
        (dict(lat=0, lon=False), "lon"),
        (dict(lat="41", lon=0), "lat"),
        (dict(lat=41.0), "lon"),
        (dict(lon=-87.0), "lat"),
        (dict(**POINT, radius_miles=0.99), "radius"),
        (dict(**POINT, radius_miles=500.01), "radius"),
        (dict(radius_miles=10, sort="length"), "location"),
        (dict(**POINT, max_months=1200.5), "max_months"),
        (dict(**POINT, max_months=0), "max_months"),
        (dict(**POINT, max_months=True), "max_months"),
        (dict(**POINT, max_months="12"), "max_months"),
        (dict(**POINT, max_tuition=10_000_000.5), "max_tuition"),
        (dict(**POINT, max_tuition=-0.01), "max_tuition"),
        (dict(**POINT, max_tuition=float("nan")), "max_tuition"),
        (dict(**POINT, max_tuition=float("inf")), "max_tuition"),
        (dict(**POINT, text="c" * 201), "q"),
        (dict(**POINT, text=42), "q"),
        (dict(**POINT, text="coding\x00"), "q"),
        (dict(**POINT, sort="cheapest"), "sort"),
        (dict(radius_miles=None, sort="distance"), "sort"),
        (dict(**POINT, page=10_001), "page"),
        (dict(**POINT, page=0), "page"),
        (dict(**POINT, per_page=101), "per_page"),
        (dict(**POINT, per_page=True), "per_page"),
        (dict(**POINT, credentials="doctorate"), "credential"),
        (dict(**POINT, credentials=[3]), "credential"),
        (dict(**POINT, deliveries=["by post"]), "delivery"),
        (dict(**POINT, certifications=["XYZ"]), "certification"),
        (dict(**POINT, accreditations=["nope"]), "accreditation"),
    ],
)
def test_values_past_their_limits_name_the_parameter(kwargs, param):
    with pytest.raises(InvalidInput) as info:
        SearchQuery(**kwargs)
    assert info.value.param == param
    assert info.value.message
    if kwargs.get("text") != 42:  # "must be text" needs no range
        assert info.value.allowed


@pytest.mark.parametrize(
    "kwargs,allowed",
    [
        (dict(max_months=0), "a number greater than 0, at most 1200"),
        (dict(max_months="x"), "a number greater than 0, at most 1200"),
        (dict(max_tuition=-1), "a number from 0 to 10000000"),
        (dict(max_tuition=10**8), "a number from 0 to 10000000"),
        (dict(radius_miles=0.5), "miles from 1 to 500"),
    ],
)
def test_range_errors_state_the_documented_range(kwargs, allowed):
    with pytest.raises(InvalidInput) as info:
        SearchQuery(**POINT, **kwargs)
    assert info.value.allowed == allowed


@pytest.mark.parametrize(
    "kwargs,allowed",
    [
        (dict(maximum=2.5), "a number greater than 0, at most 2.5"),
        (dict(maximum=2.5, allow_zero=True), "a number from 0 to 2.5"),
        (dict(), "a number greater than 0"),
        (dict(allow_zero=True), "a number from 0"),
    ],
)
def test_positive_builds_the_allowed_range(kwargs, allowed):
    with pytest.raises(InvalidInput) as info:
        query._positive("n", -1, **kwargs)
    assert (info.value.param, info.value.allowed) == ("n", allowed)


@pytest.mark.parametrize(
    "kwargs,field,expected",
    [
        (dict(credentials="certificate"), "credentials", ("certificate",)),
        (dict(credentials=" Associate "), "credentials", ("associate",)),
        (dict(deliveries="online"), "deliveries", ("online",)),
        (dict(certifications="cpc"), "certifications", ("CPC",)),
        (dict(accreditations="cahiim"), "accreditations", ("CAHIIM",)),
        (dict(accreditations=["cahiim", "CAHIIM"]), "accreditations", ("CAHIIM",)),
        (dict(credentials=None), "credentials", ()),
    ],
)
def test_a_single_string_is_one_filter_value(kwargs, field, expected):
    assert getattr(SearchQuery(**POINT, **kwargs), field) == expected


@pytest.mark.parametrize(
    "kwargs,field,expected",
    [
        (dict(radius_miles=10), "radius_miles", 10.0),
        (dict(max_months=12), "max_months", 12.0),
        (dict(max_tuition=5000), "max_tuition", 5000.0),
        (dict(lat=41, lon=-87), "lat", 41.0),
        (dict(lat=41, lon=-87), "lon", -87.0),
    ],
)
def test_numbers_are_stored_as_floats(kwargs, field, expected):
    value = getattr(SearchQuery(**{**POINT, **kwargs}), field)
    assert value == expected and type(value) is float


def test_terms_come_from_the_text():
    assert SearchQuery(**POINT, text="Medical CODING medical").terms == ("medical", "coding")
    assert SearchQuery(**POINT).terms == ()


@pytest.mark.parametrize(
    "text,terms",
    [("___ coding", ("coding",)), ("X ray", ("x", "ray")), ("_x_", ("_x_",)), (None, ())],
)
def test_text_terms_drop_words_made_only_of_underscores(text, terms):
    assert query.text_terms(text) == terms


def test_text_terms_keep_at_most_twelve_words():
    words = [f"w{i}" for i in range(15)]
    assert query.text_terms(" ".join(words)) == tuple(words[:12])


def test_offset():
    assert SearchQuery(**POINT, page=3, per_page=20).offset == 40


def test_hit_decodes_its_document_on_first_use():
    hit = Hit(doc_json='{"id": "a", "name": "Coding"}', distance_miles=1.5, public_json="{}")
    assert hit.doc == {"id": "a", "name": "Coding"}
    assert (hit.distance_miles, hit.public_json) == (1.5, "{}")
    assert hit == Hit({"id": "a", "name": "Coding"}, 1.5)
    assert hit != Hit({"id": "a", "name": "Coding"}, 2.5)
    assert hit != Hit({"id": "b"}, 1.5)
    assert hit.__eq__("a") is NotImplemented
    assert repr(hit) == "Hit(id='a', distance_miles=1.5)"
    assert Hit({"id": "b"}).doc == {"id": "b"}


def test_a_hit_needs_its_document():
    with pytest.raises(ValueError):
        Hit()
    assert Hit({"id": "x"}, doc_json='{"id": "y"}').doc == {"id": "x"}
    assert Hit(None, doc_json='{"id": "y"}').doc == {"id": "y"}


def test_empty_facets():
    assert query.empty_facets() == {"credential": {}, "delivery": {}, "length": {}}
