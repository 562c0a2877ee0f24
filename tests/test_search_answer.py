"""The answer cache key and the JSON assembly of search answers (search_api.searching, answer_json)."""

from __future__ import annotations

import json
from dataclasses import field, fields, make_dataclass, replace

import pytest

from programs.geo import Place
from programs.query import Hit, SearchQuery, SearchResult
from search_api.answer_json import (
    Raw,
    json_array,
    json_object,
    objects_with_member,
    with_members,
)
from search_api.searching import (
    SearchRequest,
    _results_json,
    _rings,
    hit_json,
    online_filters_key,
)

PLACE = Place(41.88, -87.62, "60601", "Chicago", "IL")
QUERY = SearchQuery(lat=41.88, lon=-87.62)
REQUEST = SearchRequest(place=PLACE, query=QUERY, online=True, online_limit=10)

#: a different valid value for every field a search is made of
CHANGED = {
    "lat": 40.0,
    "lon": -88.0,
    "radius_miles": 50.0,
    "credentials": ("certificate",),
    "deliveries": ("online",),
    "max_months": 12.0,
    "certifications": ("CPC",),
    "accreditations": ("CAHIIM",),
    "max_tuition": 5000.0,
    "text": "coding",
    "sort": "tuition",
    "page": 2,
    "per_page": 5,
    "with_facets": False,
}


@pytest.mark.parametrize("name", [f.name for f in fields(SearchQuery) if f.init])
def test_every_query_field_changes_the_cache_key(name):
    assert name in CHANGED, f"give SearchQuery.{name} a changed value in this test"
    other = replace(REQUEST, query=replace(QUERY, **{name: CHANGED[name]}))
    assert other.cache_key() != REQUEST.cache_key()
    assert hash(other.cache_key()) != hash(REQUEST.cache_key())


@pytest.mark.parametrize(
    "changed",
    [
        {"place": replace(PLACE, zip="60602")},
        {"place": replace(PLACE, city="Evanston")},
        {"place": replace(PLACE, lat=41.9)},
        {"online": False},
        {"online_limit": 3},
    ],
)
def test_the_place_and_the_online_settings_change_the_cache_key(changed):
    assert replace(REQUEST, **changed).cache_key() != REQUEST.cache_key()


def test_the_same_search_has_the_same_key():
    again = SearchRequest(
        place=Place(41.88, -87.62, "60601", "Chicago", "IL"),
        query=SearchQuery(lat=41.88, lon=-87.62),
        online=True,
        online_limit=10,
    )
    assert again.cache_key() == REQUEST.cache_key()
    assert {REQUEST.cache_key(): "answer"}[again.cache_key()] == "answer"


def test_a_new_filter_field_is_part_of_the_keys_without_being_listed():
    # a query model that gained a filter: nothing in searching.py names it
    Extended = make_dataclass(
        "Extended",
        [("min_completions", int | None, field(default=None))],
        bases=(SearchQuery,),
        frozen=True,
    )
    a = Extended(lat=41.88, lon=-87.62)
    b = Extended(lat=41.88, lon=-87.62, min_completions=10)
    assert replace(REQUEST, query=a).cache_key() != replace(REQUEST, query=b).cache_key()
    assert online_filters_key(a) != online_filters_key(b)


@pytest.mark.parametrize(
    "name", ["credentials", "max_months", "certifications", "accreditations", "max_tuition", "text"]
)
def test_the_online_count_key_follows_the_filters(name):
    assert online_filters_key(replace(QUERY, **{name: CHANGED[name]})) != online_filters_key(QUERY)


@pytest.mark.parametrize("name", ["lat", "lon", "radius_miles", "page", "per_page", "sort"])
def test_the_online_count_key_ignores_where_and_how_results_are_shown(name):
    assert online_filters_key(replace(QUERY, **{name: CHANGED[name]})) == online_filters_key(QUERY)


# ------------------------------------------------------------------ JSON assembly
def test_an_answer_assembled_from_pieces_is_the_json_of_the_whole():
    listing = Raw(json.dumps({"id": "a1", "program": {"name": 'Coding "101"'}}))
    answer = json_object(
        {
            "location": PLACE.to_dict(),
            "total": 1,
            "results": json_array([with_members(listing, {"distance_miles": 2.5})]),
            "facets": {"credential": {"certificate": 1}},
            "online": json_object({"enabled": False, "total": 0, "results": []}),
        }
    )
    assert json.loads(answer) == {
        "location": PLACE.to_dict(),
        "total": 1,
        "results": [{"id": "a1", "program": {"name": 'Coding "101"'}, "distance_miles": 2.5}],
        "facets": {"credential": {"certificate": 1}},
        "online": {"enabled": False, "total": 0, "results": []},
    }


@pytest.mark.parametrize("public_json", ["{}", "{ }", '{"id":"x"}'])
def test_a_hit_gets_its_distance_whatever_its_listing_json_holds(public_json):
    text = hit_json(Hit({"id": "x"}, 1.5, public_json=public_json))
    assert json.loads(text)["distance_miles"] == 1.5
    assert json.loads(text).keys() - {"distance_miles"} == json.loads(public_json).keys()


def test_the_results_list_is_each_hit_as_json_in_order():
    hits = [
        Hit({"id": "a"}, 2.5, public_json='{"id":"a","n":[1,{"b":"}"}]}'),
        Hit({"id": "b"}, None, public_json="{}"),
        Hit({"id": "c"}, 0.0, public_json="{ \n}"),
        Hit({"id": "d", "program": {"name": "Coding \u2028"}}, 1200.0),  # no ready JSON
    ]
    text = _results_json(hits)
    assert text == json_array([hit_json(h) for h in hits])
    assert json.loads(text) == [
        {"id": "a", "n": [1, {"b": "}"}], "distance_miles": 2.5},
        {"distance_miles": None},
        {"distance_miles": 0.0},
        {"id": "d", "program": {"name": "Coding \u2028"}, "sources": [], "distance_miles": 1200.0},
    ]
    assert _results_json([]) == "[]"


@pytest.mark.parametrize("bad", ["[1]", "", "{", '"{}"', "x}", None])
def test_a_member_is_added_to_objects_only(bad):
    with pytest.raises(ValueError):
        objects_with_member(['{"a":1}', bad], "d", [1, 2])


def test_objects_and_values_go_in_pairs():
    with pytest.raises(ValueError):
        objects_with_member(['{"a":1}'], "d", [1, 2])


@pytest.mark.parametrize("bad", ["", "{", "[1,2", '"text"', "12", '{"a":1}]', "null"])
def test_a_piece_that_is_not_an_object_or_array_is_refused(bad):
    with pytest.raises(ValueError):
        Raw(bad)


def test_members_are_added_to_objects_only():
    with pytest.raises(ValueError):
        with_members(Raw("[1]"), {"a": 1})
    with pytest.raises(TypeError):
        json_object({1: "a"})


def test_keys_and_texts_are_escaped():
    text = json_object({'we"ird\n': "</script>\u2028"})
    assert json.loads(text) == {'we"ird\n': "</script>\u2028"}


# ------------------------------------------------------------------ online rings
def _near(online: int | None) -> SearchResult:
    facets = {"delivery": {} if online is None else {"online": online}}
    return SearchResult(total=online or 0, hits=[], facets=facets)


@pytest.mark.parametrize(
    "limit,total,radius,near,rings",
    [
        (10, 500, 25.0, None, [25.0, 50.0, 100.0, 200.0, 400.0, None]),  # nothing known
        (10, 500, 25.0, _near(12), [25.0]),  # enough within the search's radius
        (10, 500, 10.0, _near(10), [10.0]),
        (10, 500, 25.0, _near(3), [50.0, 100.0, 200.0, 400.0, None]),  # too few: start beyond
        (10, 500, 60.0, _near(None), [100.0, 200.0, 400.0, None]),  # none within 60 miles
        (10, 4, 25.0, _near(4), [25.0]),  # every online program is within the radius
        (10, 500, 500.0, _near(2), [None]),
    ],
)
def test_the_online_rings_start_where_the_search_result_says(limit, total, radius, near, rings):
    assert _rings(limit, total, radius, near) == rings
