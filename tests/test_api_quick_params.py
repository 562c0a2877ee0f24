"""The search route's quick parameter loader gives what the schema gives, or steps aside."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest
from apiflask import APIFlask
from apiflask.exceptions import HTTPError
from apiflask.schema_adapters.marshmallow import parser
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from search_api.schemas import QuickLoader, SearchArgs

SCHEMA = SearchArgs()
QUICK = QuickLoader(SCHEMA)
APP = APIFlask(__name__)


def schema_load(md: MultiDict):
    """What APIFlask's validation gives the view (its webargs parser over the query string), or None
    when it refuses the parameters."""
    with APP.test_request_context("/?" + urlencode(list(md.items(multi=True)))):
        try:
            return parser.parse(SCHEMA, location="query")
        except HTTPError:
            return None


def multidict(query: str) -> MultiDict:
    return MultiDict(parse_qsl(query, keep_blank_values=True))


@pytest.mark.parametrize(
    "query",
    [
        "zip=60601",
        "zip=60601&radius=25&credential=certificate&max_months=12",
        "zip=60601&credential=certificate,associate&credential=bachelor&delivery=online",
        "lat=41.88&lon=-87.62&radius=1e2&page=+2&per_page=05&online=off&online_limit=0",
        "location=Chicago,%20IL&q=medical%20coding&sort=tuition&max_tuition=5000.",
        "zip=60601&certification=cpc&accreditation=CAHIIM&unknown=1&unknown=2",
        "zip=6060&radius=0&credential=phd&sort=nearest",  # well formed; the core judges the values
    ],
)
def test_well_formed_parameters_load_as_the_schema_loads_them(query):
    md = multidict(query)
    assert QUICK.load(md) is not None
    assert QUICK.load(md) == schema_load(md)


@pytest.mark.parametrize(
    "query",
    [
        "zip=60601&zip=60602",  # given twice
        "zip=",  # empty
        "zip=%20%20",
        "zip=60601&radius=abc",
        "zip=60601&radius=nan",
        "zip=60601&radius=1e400",
        "zip=60601&page=1.5",
        "zip=60601&page=%D9%A3",  # an Arabic-Indic digit
        "zip=60601&online=maybe",
        "zip=60601&credential=,,",
        "zip=60601&q=a%00b",
        "zip=60601&location=" + "x" * 101,
        "zip=60601&credential=" + ",".join(["certificate"] * 21),
    ],
)
def test_anything_malformed_is_left_to_the_schema(query):
    md = multidict(query)
    assert schema_load(md) is None, "the schema rejects it"
    assert QUICK.load(md) is None


VALUES = st.sampled_from(
    [
        "",
        " ",
        "1",
        "25",
        "-3",
        "1e3",
        "2.5",
        "abc",
        "60601",
        "on",
        "no",
        "certificate,online",
        "\x00",
    ]
)
NAMES = st.sampled_from([*SCHEMA.fields, "other"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(NAMES, VALUES), max_size=6))
def test_the_quick_loader_never_disagrees_with_the_schema(pairs):
    md = MultiDict(pairs)
    quick = QUICK.load(md)
    assert quick is None or quick == schema_load(md)
