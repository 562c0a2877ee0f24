"""Bad input to the core's public functions raises InvalidInput (with a parameter and a message) or gives a
defined answer — never an unexplained exception. Hypothesis throws odd values at each function."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programs import geo
from programs.errors import InvalidInput
from programs.listing_builder import build_listing
from programs.model import institution_key, listing_id
from programs.query import SearchQuery, text_terms
from programs.scheduling import check_cron
from programs.store import open_store

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.lists(st.text(max_size=10), max_size=3),
    st.binary(max_size=10),
)
TEXTY = st.one_of(st.none(), st.text(max_size=80), st.integers(min_value=-(10**6), max_value=10**7))
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def acceptable(call) -> None:
    try:
        call()
    except InvalidInput as exc:
        assert exc.param and exc.message, (
            "an InvalidInput names the parameter and says what is wrong"
        )


@SETTINGS
@given(TEXTY)
def test_zip_and_place_lookup(value):
    acceptable(lambda: geo.lookup_zip(value))
    acceptable(lambda: geo.lookup_place(value))
    acceptable(lambda: geo.normalize_zip(value))


@SETTINGS
@given(
    st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True)
)
def test_check_point(lat, lon):
    acceptable(lambda: geo.check_point(lat, lon))


@SETTINGS
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "lat": ANYTHING,
            "lon": ANYTHING,
            "radius_miles": ANYTHING,
            "credentials": ANYTHING,
            "deliveries": ANYTHING,
            "max_months": ANYTHING,
            "certifications": ANYTHING,
            "accreditations": ANYTHING,
            "max_tuition": ANYTHING,
            "text": ANYTHING,
            "sort": ANYTHING,
            "page": ANYTHING,
            "per_page": ANYTHING,
        },
    )
)
def test_search_query(kwargs):
    acceptable(lambda: SearchQuery(**kwargs))


@SETTINGS
@given(st.text(max_size=300))
def test_text_terms(text):
    terms = text_terms(text)
    assert all(t.isalnum() or "_" in t for t in terms)


@SETTINGS
@given(ANYTHING, ANYTHING, ANYTHING)
def test_ids(a, b, c):
    acceptable(lambda: institution_key(a, b if isinstance(b, str) or b is None else str(b), None))
    acceptable(lambda: listing_id(str(a), str(b), c if isinstance(c, str) else str(c)))


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(["name", "url", "city", "state", "zip", "lat", "lon", "address"]), ANYTHING
    ),
    st.dictionaries(
        st.sampled_from(
            [
                "name",
                "cip",
                "credential",
                "credential_text",
                "award_level",
                "length_text",
                "length_months",
                "credit_hours",
                "clock_hours",
                "delivery",
                "tuition_usd",
                "tuition_text",
                "certifications",
                "accreditations",
                "url",
            ]
        ),
        ANYTHING,
    ),
    ANYTHING,
)
def test_build_listing(institution, program, unitid):
    acceptable(
        lambda: build_listing(
            unitid=unitid if isinstance(unitid, (str, int)) or unitid is None else None,
            institution=institution,
            program=program,
        )
    )


@SETTINGS
@given(ANYTHING)
def test_cron(value):
    acceptable(lambda: check_cron(value))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(f"sqlite:///{tmp_path_factory.mktemp('bad')}/s.db")
    yield s
    s.close()


@SETTINGS
@given(value=ANYTHING)
def test_store_get_and_sweep(store, value):
    acceptable(lambda: store.get(value))
    acceptable(lambda: store.sweep(value if isinstance(value, str) else "x", "run"))


@pytest.mark.parametrize(
    "url", ["", "mysql://x", "sqlite://", "elastic://x", "file:///etc/passwd", "   "]
)
def test_open_store_bad_urls(url):
    acceptable(lambda: open_store(url or "x:"))


@pytest.mark.parametrize("level", ["n/a", "null", " ", "PrivacySuppressed"])
def test_an_award_level_said_to_be_blank_is_blank(level):
    """Found by mypy: such a level made int(None) raise TypeError, which no pipeline catches."""
    from programs.listing_builder import build_listing

    listing = build_listing(
        unitid="100001",
        institution={"name": "Lakeshore College"},
        program={"name": "Medical Coding Certificate", "award_level": level},
    )
    assert listing.program.award_level is None and listing.program.credential == "certificate"
