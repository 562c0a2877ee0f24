"""ZIP and place lookup, distances and bounding boxes."""

from __future__ import annotations

import math

import pytest

from programs import geo
from programs.errors import InvalidInput, UnknownLocation


@pytest.mark.parametrize(
    "text,zip5,state",
    [
        ("60601", "60601", "IL"),
        ("00601", "00601", "PR"),  # Puerto Rico, leading zeros kept
        ("02139", "02139", "MA"),
        ("60601-1234", "60601", "IL"),  # ZIP+4
        ("606011234", "60601", "IL"),
        ("60601 1234", "60601", "IL"),
        (" 99501 ", "99501", "AK"),
        ("96813", "96813", "HI"),
        ("30301", "30301", "GA"),  # a PO-box ZIP that has a location
        ("00501", "00501", "NY"),  # a unique (IRS) ZIP
    ],
)
def test_known_zips(text, zip5, state):
    place = geo.lookup_zip(text)
    assert (place.zip, place.state) == (zip5, state)
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


@pytest.mark.parametrize(
    "text",
    [
        "6060",
        "606011",
        "6060a",
        "abcde",
        "",
        "  ",
        "60601-12",
        "60601--1234",
        "١٢٣٤٥",
        "60601\x00",
        "6" * 1000,
        None,
    ],
)
def test_malformed_zips_raise_invalid_input(text):
    with pytest.raises(InvalidInput) as info:
        geo.lookup_zip(text)
    assert info.value.param == "zip"
    assert not isinstance(info.value, UnknownLocation)


@pytest.mark.parametrize(
    "text,needle",
    [
        ("00000", "not a known US ZIP"),
        ("99999", "not a known US ZIP"),
        ("09001", "military"),  # APO AE: no coordinates in the data
    ],
)
def test_unknown_zips_say_so(text, needle):
    with pytest.raises(UnknownLocation) as info:
        geo.lookup_zip(text)
    assert needle in info.value.message


def test_int_zip_keeps_leading_zeros():
    assert geo.normalize_zip(601) == "00601"


@pytest.mark.parametrize(
    "text,city,state",
    [
        ("Chicago, IL", "Chicago", "IL"),
        ("Chicago IL", "Chicago", "IL"),
        ("chicago, il", "Chicago", "IL"),
        ("Chicago, Illinois", "Chicago", "IL"),
        ("New York, NY", "New York", "NY"),
        ("St. Louis, MO", "Saint Louis", "MO"),
        ("Saint Louis MO", "Saint Louis", "MO"),
        ("San Juan, PR", "San Juan", "PR"),
        ("Anchorage AK", "Anchorage", "AK"),
        ("Washington, District of Columbia", "Washington", "DC"),
        ("60601", "Chicago", "IL"),
        ("Chicago, IL 60601", "Chicago", "IL"),
        ("Chicago IL 60601-1234", "Chicago", "IL"),
        ("Ft Worth TX", "Fort Worth", "TX"),
        ("Ft. Worth, TX", "Fort Worth", "TX"),
        ("Fort Worth, Texas", "Fort Worth", "TX"),
        ("Mt. Vernon, NY", "Mount Vernon", "NY"),
        ("Mount Vernon NY", "Mount Vernon", "NY"),
    ],
)
def test_places(text, city, state):
    place = geo.lookup_place(text)
    assert (place.city, place.state) == (city, state)


@pytest.mark.parametrize(
    "text,exc",
    [
        ("Chicago", InvalidInput),
        ("IL", InvalidInput),
        ("", InvalidInput),
        ("x" * 500, InvalidInput),
        ("Atlantis, IL", UnknownLocation),
        ("Chicago, ZZ", InvalidInput),
        ("Atlantis, IL 99999", UnknownLocation),
        ("60601 60602", InvalidInput),
    ],
)
def test_bad_places(text, exc):
    with pytest.raises(exc) as info:
        geo.lookup_place(text)
    assert info.value.param == "location"


def test_haversine_known_distances():
    # Chicago Loop to Atlanta downtown: about 587 miles
    assert geo.haversine_miles(41.8858, -87.6181, 33.749, -84.388) == pytest.approx(587, abs=3)
    assert geo.haversine_miles(10, 10, 10, 10) == 0
    # a quarter of the meridian
    assert geo.haversine_miles(0, 0, 90, 0) == pytest.approx(math.pi / 2 * geo.EARTH_RADIUS_MILES)


@pytest.mark.parametrize(
    "lat,lon,miles",
    [
        (41.9, -87.6, 25),
        (64.8, -147.7, 200),
        (51.9, -176.6, 100),
        (89.5, 0.0, 100),
        (-14.3, -170.7, 50),
        (18.2, -66.7, 500),
    ],
)
def test_bounding_boxes_cover_the_circle(lat, lon, miles):
    boxes = geo.bounding_boxes(lat, lon, miles)
    for i in range(72):  # points on the circle (just inside it) fall in some box
        bearing = math.radians(i * 5)
        d = (miles * 0.999) / geo.EARTH_RADIUS_MILES
        p1 = math.radians(lat)
        p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(bearing))
        l2 = math.radians(lon) + math.atan2(
            math.sin(bearing) * math.sin(d) * math.cos(p1),
            math.cos(d) - math.sin(p1) * math.sin(p2),
        )
        plat, plon = math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180
        assert any(a <= plat <= b and c <= plon <= dd for a, b, c, dd in boxes), (plat, plon)


@pytest.mark.parametrize("lat,lon", [(91, 0), (-91, 0), (0, 181), (0, -180.5), (float("nan"), 0)])
def test_check_point_rejects_out_of_range(lat, lon):
    with pytest.raises(InvalidInput):
        geo.check_point(lat, lon)


def test_nearest_zip_names_a_point():
    rec = geo.nearest_zip(41.8858, -87.6181)
    assert rec.state == "IL" and rec.city == "Chicago"


def test_zip_table_holds_every_zip_of_the_package():
    import zipcodes

    assert len(geo._zip_table()) == len(zipcodes.list_all())
