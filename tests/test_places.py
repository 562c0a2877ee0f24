"""The rules for saying where (programs/places.py): exactly one of zip, lat+lon, location; a bare point
named by its nearest ZIP. The API, the page and the CLI all go through resolve_where."""

from __future__ import annotations

import json

import pytest

from programs.errors import InvalidInput, UnknownLocation
from programs.places import MissingLocation, name_point, resolve_where

REFUSED = [
    # (parameters, the parameter named, words in the message)
    ({}, "location", "say where"),
    ({"zip": "60601", "location": "Chicago, IL"}, "location", "zip and location"),
    ({"zip": "60601", "lat": 41.9, "lon": -87.6}, "lat", "zip and lat"),
    ({"lat": 41.9, "lon": -87.6, "location": "Chicago, IL"}, "location", "lat and location"),
    ({"lat": 41.9}, "lon", "go together"),
    ({"lon": -87.6}, "lat", "go together"),
    ({"lat": 91.0, "lon": 0.0}, "lat", "out of range"),
    ({"lat": 0.0, "lon": -180.5}, "lon", "out of range"),
    ({"zip": "6060"}, "zip", ""),
    (
        {"location": "6060"},
        "location",
        "",
    ),  # a ZIP typed into the page's one box is judged as a ZIP
    ({"location": "Chicago"}, "location", ""),
]


@pytest.mark.parametrize(("params", "param", "words"), REFUSED)
def test_refused_naming_the_parameter(params, param, words):
    with pytest.raises(InvalidInput) as err:
        resolve_where(**params)
    assert err.value.param == param
    assert words in str(err.value)


def test_nothing_given_is_a_missing_location():
    with pytest.raises(MissingLocation):
        resolve_where()


def test_unknown_zip_is_an_unknown_location():
    with pytest.raises(UnknownLocation):
        resolve_where(zip="00000")


RESOLVED = [
    # (parameters, zip, city, state)
    ({"zip": "60601"}, "60601", "Chicago", "IL"),
    ({"zip": "60601-1234"}, "60601", "Chicago", "IL"),
    ({"location": "60601"}, "60601", "Chicago", "IL"),
    ({"location": "Chicago, IL"}, None, "Chicago", "IL"),
    ({"zip": "00601"}, "00601", None, "PR"),
]


@pytest.mark.parametrize(("params", "zip5", "city", "state"), RESOLVED)
def test_resolved(params, zip5, city, state):
    place = resolve_where(**params)
    assert place.zip == zip5 and place.state == state
    assert city is None or place.city == city


def test_a_point_is_named_by_its_nearest_zip():
    zip_place = resolve_where(zip="60601")
    place = resolve_where(lat=zip_place.lat + 0.001, lon=zip_place.lon)
    assert (place.zip, place.city, place.state) == ("60601", "Chicago", "IL")
    assert place.lat == zip_place.lat + 0.001  # the search starts at the point given, not the ZIP's


def test_a_point_far_from_every_zip_stays_unnamed():
    place = resolve_where(lat=30.0, lon=-140.0)  # the Pacific
    assert (place.zip, place.city, place.state) == (None, None, None)
    assert (place.lat, place.lon) == (30.0, -140.0)


def test_naming_distance_is_a_parameter():
    zip_place = resolve_where(zip="60601")
    lat = zip_place.lat + 0.05  # about 3.5 miles north
    assert name_point(lat, zip_place.lon, within=10).zip is not None
    assert name_point(lat, zip_place.lon, within=0.1).zip is None


# ------------------------------------------------------------------ the CLI says where by the same rules
def test_cli_where_names_a_point_by_its_nearest_zip(capsys):
    from ops.cli import main

    chicago = resolve_where(zip="60601")
    assert main(["where", "--lat", str(chicago.lat), "--lon", str(chicago.lon)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["zip"], out["city"], out["state"]) == ("60601", "Chicago", "IL")


def test_cli_where_refuses_two_ways_naming_the_parameter(capsys):
    from ops.cli import main

    assert main(["where", "--zip", "60601", "--location", "Chicago, IL"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("programs where: location: give only one way to say where")
