"""programs/geo.py pinned down: the cases mutation testing showed no test would notice.

Each table row is a behaviour a user sees: a box that is tight around the circle (not the
whole globe), both sides of the antimeridian, exact limits, the parameter an error names.
"""

from __future__ import annotations

import math

import pytest

from programs import geo, geo_data
from programs.errors import InvalidInput, UnknownLocation

R = geo.EARTH_RADIUS_MILES


def _deg(miles: float) -> float:
    return math.degrees(miles / R)


def _box_pairs(boxes):
    return [tuple(pytest.approx(v, abs=1e-9) for v in box) for box in boxes]


@pytest.mark.parametrize(
    "lat,lon,miles",
    [(41.88, -87.63, 25.0), (0.0, 0.0, 100.0), (-33.9, 151.2, 5.0), (64.8, -147.7, 250.0)],
)
def test_bounding_box_is_tight_around_the_circle(lat, lon, miles):
    (box,) = geo.bounding_boxes(lat, lon, miles)
    min_lat, max_lat, min_lon, max_lon = box
    # the north and south edges are exactly `miles` away along the meridian
    assert geo.haversine_miles(lat, lon, max_lat, lon) == pytest.approx(miles, rel=1e-9)
    assert geo.haversine_miles(lat, lon, min_lat, lon) == pytest.approx(miles, rel=1e-9)
    # east and west: the widest point of the circle touches the edge, never more
    dlon = math.degrees(math.asin(math.sin(miles / R) / math.cos(math.radians(lat))))
    assert (min_lon, max_lon) == (pytest.approx(lon - dlon), pytest.approx(lon + dlon))
    # and the circle's widest point is within the box: at that latitude it is `miles` away
    lat_t = math.degrees(math.asin(math.sin(math.radians(lat)) / math.cos(miles / R)))
    assert geo.haversine_miles(lat, lon, lat_t, max_lon) == pytest.approx(miles, rel=1e-6)


@pytest.mark.parametrize(
    "lat,lon,miles,expected",
    [
        # east side: the circle crosses +180 and goes on at -180
        (
            51.0,
            179.9,
            40.0,
            [(51.0 - _deg(40), 51.0 + _deg(40), None, 180.0), (None, None, -180.0, None)],
        ),
        # west side: the circle crosses -180 and goes on below +180
        (
            51.0,
            -179.9,
            40.0,
            [(51.0 - _deg(40), 51.0 + _deg(40), None, None), (None, None, None, 180.0)],
        ),
    ],
)
def test_bounding_boxes_wrap_the_antimeridian_on_both_sides(lat, lon, miles, expected):
    boxes = geo.bounding_boxes(lat, lon, miles)
    assert len(boxes) == 2
    dlon = math.degrees(math.asin(math.sin(miles / R) / math.cos(math.radians(lat))))
    (a_min_lat, a_max_lat, a_min_lon, a_max_lon), (b_min_lat, b_max_lat, b_min_lon, b_max_lon) = (
        boxes
    )
    assert (a_min_lat, a_max_lat) == (pytest.approx(expected[0][0]), pytest.approx(expected[0][1]))
    assert (b_min_lat, b_max_lat) == (a_min_lat, a_max_lat)
    if lon > 0:
        assert (a_min_lon, a_max_lon) == (pytest.approx(lon - dlon), 180.0)
        assert (b_min_lon, b_max_lon) == (-180.0, pytest.approx(lon + dlon - 360.0))
    else:
        assert (a_min_lon, a_max_lon) == (-180.0, pytest.approx(lon + dlon))
        assert (b_min_lon, b_max_lon) == (pytest.approx(lon - dlon + 360.0), 180.0)
    # a point just across the line, inside the circle, is in one of the boxes
    other_side = -179.95 if lon > 0 else 179.95
    assert any(b[0] <= lat <= b[1] and b[2] <= other_side <= b[3] for b in boxes)


@pytest.mark.parametrize(
    "lat,lon,miles,expected",
    [
        (89.9, 10.0, 50.0, [(89.9 - _deg(50), 90.0, -180.0, 180.0)]),
        (-89.9, 10.0, 50.0, [(-90.0, -89.9 + _deg(50), -180.0, 180.0)]),
        # the circle's edge exactly at the pole counts as reaching it
        (90.0 - _deg(69.0), 0.0, 69.0, [(90.0 - 2 * _deg(69.0), 90.0, -180.0, 180.0)]),
        (-90.0 + _deg(69.0), 0.0, 69.0, [(-90.0, -90.0 + 2 * _deg(69.0), -180.0, 180.0)]),
    ],
)
def test_bounding_box_near_a_pole_spans_every_longitude(lat, lon, miles, expected):
    assert _box_pairs(geo.bounding_boxes(lat, lon, miles)) == _box_pairs(expected)


def test_bounding_box_just_inside_the_line_is_not_split():
    lon = 180.0 - math.degrees(math.asin(math.sin(10 / R) / math.cos(math.radians(10.0))))
    (box,) = geo.bounding_boxes(10.0, lon, 10.0)
    assert box[3] == pytest.approx(180.0)
    (box,) = geo.bounding_boxes(10.0, -lon, 10.0)
    assert box[2] == pytest.approx(-180.0)


def test_haversine_of_antipodes_is_half_the_circumference():
    # rounding makes the inner term a hair above 1 here: the clamp keeps asin defined
    assert geo.haversine_miles(-82.0, 0.0, 82.0, 180.0) == pytest.approx(math.pi * R)


@pytest.mark.parametrize(
    "text,expected",
    [("41.88", 41.88), ("-87.6", -87.6), ("", None), (None, None), ("n/a", None), ("0", 0.0)],
)
def test_to_float(text, expected):
    assert geo_data._to_float(text) == expected


@pytest.mark.parametrize(
    "city,key",
    [
        ("Saint Paul", "st paul"),
        ("St. Paul", "st paul"),
        ("ST PAUL", "st paul"),
        ("Winston-Salem", "winston salem"),
        ("Coeur d'Alene", "coeur d alene"),
        ("  New   York ", "new york"),
    ],
)
def test_city_key(city, key):
    assert geo._city_key(city) == key


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Chicago,IL", ("Chicago", "IL")),
        ("Chicago, IL", ("Chicago", "IL")),
        ("Albany New York", ("Albany", "NY")),
        ("Washington District of Columbia", ("Washington", "DC")),
        ("Brooklyn,  New  York", ("Brooklyn", "NY")),
        ("Texas", (None, None)),
        ("Chicago,Nowhere", (None, None)),
        ("Chicago", (None, None)),
    ],
)
def test_split_city_state(text, expected):
    assert geo._split_city_state(text) == expected


@pytest.mark.parametrize(
    "text,code",
    [
        ("IL", "IL"),
        ("il", "IL"),
        ("IL.", "IL"),
        ("TX.", "TX"),
        (" Illinois ", "IL"),
        ("Illinois.", "IL"),
        ("ZZ", None),
        ("XX", None),
        (".IL", None),
        ("ILL", None),
        ("", None),
    ],
)
def test_parse_state_only_accepts_real_states(text, code):
    assert geo.parse_state(text) == code


@pytest.mark.parametrize("lat,lon", [(90.0, 0.0), (-90.0, 0.0), (0.0, 180.0), (0.0, -180.0)])
def test_check_point_accepts_its_exact_limits(lat, lon):
    place = geo.check_point(lat, lon)
    assert (place.lat, place.lon) == (lat, lon)


@pytest.mark.parametrize(
    "lat,lon,param",
    [
        (90.0001, 0.0, "lat"),
        (-90.0001, 0.0, "lat"),
        (float("nan"), 0.0, "lat"),
        (0.0, 180.0001, "lon"),
        (0.0, -180.0001, "lon"),
        (0.0, float("nan"), "lon"),
    ],
)
def test_check_point_names_the_bad_coordinate(lat, lon, param):
    with pytest.raises(InvalidInput) as info:
        geo.check_point(lat, lon)
    assert info.value.param == param
    assert info.value.message and info.value.allowed


def test_check_point_keeps_both_coordinates():
    assert geo.check_point(41.5, -87.25) == geo.Place(41.5, -87.25)


@pytest.mark.parametrize(
    "text,kind,needle",
    [
        (None, InvalidInput, "required"),
        ("", InvalidInput, "required"),
        ("   ", InvalidInput, "required"),
        ("x" * 101, InvalidInput, "too long"),
        ("Texas", InvalidInput, "not a city and state"),
        ("Springfield, ZZ", InvalidInput, "not a city and state"),
        ("Nowhereville, IL", UnknownLocation, "Nowhereville"),
        ("99999", UnknownLocation, "99999"),
        ("6060", InvalidInput, "6060"),
    ],
)
def test_lookup_place_errors_name_the_parameter(text, kind, needle):
    with pytest.raises(InvalidInput) as info:
        geo.lookup_place(text, param="where")
    assert type(info.value) is kind
    assert info.value.param == "where"
    assert needle in info.value.message
    assert info.value.allowed


def test_a_place_of_exactly_100_characters_is_looked_up():
    text = "x" * 96 + ", IL"
    with pytest.raises(UnknownLocation):
        geo.lookup_place(text)


def test_lookup_place_of_a_zip_keeps_the_parameter_name():
    place = geo.lookup_place(" 60601-1234 ")
    assert place.zip == "60601"
    with pytest.raises(UnknownLocation) as info:
        geo.lookup_place("99999")
    assert info.value.param == "location"


@pytest.mark.parametrize("text", [None, "abc", "1234"])
def test_zip_errors_name_the_parameter(text):
    with pytest.raises(InvalidInput) as info:
        geo.lookup_zip(text, param="home")
    assert info.value.param == "home"
    assert info.value.message and info.value.allowed
    with pytest.raises(InvalidInput) as info:
        geo.normalize_zip(text, param="home")
    assert info.value.param == "home"


@pytest.mark.parametrize("text", ["99999", "09001"])
def test_unknown_zip_errors_name_the_parameter(text):
    with pytest.raises(UnknownLocation) as info:
        geo.lookup_zip(text, param="home")
    assert info.value.param == "home"
    assert text in info.value.message and info.value.allowed


def test_zip_record():
    rec = geo.zip_record("60601-1234")
    assert (rec.zip, rec.state) == ("60601", "IL")
    assert geo.zip_record("99999") is None
    with pytest.raises(InvalidInput):
        geo.zip_record("abc")


def test_place_to_dict():
    place = geo.Place(41.5, -87.25, "60601", "Chicago", "IL")
    assert place.to_dict() == {
        "zip": "60601",
        "city": "Chicago",
        "state": "IL",
        "lat": 41.5,
        "lon": -87.25,
    }


def test_a_city_and_state_followed_by_its_zip_is_the_zips_point():
    zip_point = geo.lookup_zip("60601")
    place = geo.lookup_place("Chicago, IL 60601")
    assert (place.zip, place.lat, place.lon) == ("60601", zip_point.lat, zip_point.lon)
    city = geo.lookup_place("Chicago, IL")  # the city's own point: near the Loop, not that ZIP's
    assert city.zip is None and city.lat is not None and city.lon is not None
    assert 0 < geo.haversine_miles(city.lat, city.lon, zip_point.lat, zip_point.lon) < 15


def test_a_city_followed_by_a_zip_with_no_map_location_names_the_parameter():
    with pytest.raises(UnknownLocation) as info:
        geo.lookup_place("Chicago, IL 09001", param="where")  # 09001: a military ZIP, no point
    assert info.value.param == "where" and "09001" in info.value.message


def test_normalize_zip_names_the_zip_parameter_by_default():
    with pytest.raises(InvalidInput) as info:
        geo.normalize_zip("abc")
    assert info.value.param == "zip"


def test_the_zip_and_place_tables_are_mappings_of_their_keys():
    zips, places = geo._zip_table(), geo._city_table()
    first_zips = [z for z, _ in zip(zips, range(3), strict=False)]
    assert first_zips and all(zips[z].zip == z for z in first_zips)
    first_places = [k for k, _ in zip(places, range(3), strict=False)]
    assert first_places and all(places[k].state == k[1] for k in first_places)
    assert ("chicago", "IL") in places and places["chicago", "IL"].city == "Chicago"
    for table, key in ((zips, "99999"), (places, ("atlantis", "IL"))):
        with pytest.raises(KeyError) as info:
            table[key]
        assert info.value.args == (key,)
