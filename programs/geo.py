"""ZIP codes, places and distances, with no network at run time.

ZIP data comes from the ``zipcodes`` package (about 42,800 US ZIPs shipped inside
the package), read through a small SQLite table file built from it once
(:mod:`programs.geo_data`), so no process holds the tables in memory. Rules:

* a ZIP is a 5-character string; ZIP+4 (``60601-1234``, ``606011234``,
  ``60601 1234``) keeps the first five; leading zeros are kept (``00601``);
* a malformed ZIP raises :class:`InvalidInput`;
* a well-formed ZIP that is not in the data, or that has no coordinates (most
  military APO/FPO ZIPs, a few PO-box and unique ZIPs) raises
  :class:`UnknownLocation` with a message saying so;
* Puerto Rico and the other territories are ordinary ZIPs;
* "Chicago, IL" and "Chicago IL" resolve to the mean point of the city's ZIPs
  (standard ZIPs preferred); a bare state is not a place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from . import geo_data
from .errors import InvalidInput, UnknownLocation

EARTH_RADIUS_MILES = 3958.7613
_ZIP_RE = re.compile(r"^\s*([0-9]{5})(?:[\s-]?[0-9]{4})?\s*$", re.ASCII)
_TRAILING_ZIP_RE = re.compile(r"\s+([0-9]{5})(?:-[0-9]{4})?\s*$", re.ASCII)
_PLACE_RE = re.compile(r"^\s*(?P<city>.+?)\s*(?:,\s*|\s+)(?P<state>[A-Za-z]{2})\.?\s*$")

US_STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "U.S. Virgin Islands",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
    "FM": "Micronesia",
    "MH": "Marshall Islands",
    "PW": "Palau",
    "AA": "Armed Forces Americas",
    "AE": "Armed Forces Europe",
    "AP": "Armed Forces Pacific",
}
_STATE_BY_NAME = {name.lower(): code for code, name in US_STATES.items()}


@dataclass(frozen=True)
class Place:
    """A resolved location: the point searched from and what to call it."""

    lat: float
    lon: float
    zip: str | None = None
    city: str | None = None
    state: str | None = None

    def to_dict(self) -> dict:
        return {
            "zip": self.zip,
            "city": self.city,
            "state": self.state,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True, slots=True)
class ZipRecord:
    zip: str
    city: str
    state: str
    lat: float | None
    lon: float | None
    kind: str


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def bounding_boxes(lat: float, lon: float, miles: float) -> list[tuple[float, float, float, float]]:
    """Boxes (min_lat, max_lat, min_lon, max_lon) that together cover the circle.

    Near the antimeridian the box is split in two; when the circle reaches a pole the box
    spans every longitude (otherwise the circle spans at most 90 degrees either side).
    """
    dlat = math.degrees(miles / EARTH_RADIUS_MILES)
    min_lat, max_lat = lat - dlat, lat + dlat
    if min_lat <= -90 or max_lat >= 90:
        return [(max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0)]
    # widest longitude span of the circle is at the latitude closest to a pole
    dlon = math.degrees(
        math.asin(min(1.0, math.sin(miles / EARTH_RADIUS_MILES) / math.cos(math.radians(lat))))
    )
    min_lon, max_lon = lon - dlon, lon + dlon
    boxes = [(min_lat, max_lat, max(min_lon, -180.0), min(max_lon, 180.0))]
    if min_lon < -180:
        boxes.append((min_lat, max_lat, min_lon + 360.0, 180.0))
    if max_lon > 180:
        boxes.append((min_lat, max_lat, -180.0, max_lon - 360.0))
    return boxes


class ZipTable(Mapping[str, ZipRecord]):
    """Every ZIP, as a read-only mapping backed by the table file of :mod:`programs.geo_data`
    (nothing of it is held in the process's memory)."""

    def __init__(self, tables: geo_data.Tables):
        self._tables = tables

    def __getitem__(self, zip5: str) -> ZipRecord:
        row = self._tables.zip(zip5)
        if row is None:
            raise KeyError(zip5)
        return ZipRecord(*row)

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self._tables.zips())

    def __len__(self) -> int:
        return self._tables.zip_count()

    def values(self) -> list[ZipRecord]:  # type: ignore[override]  # one read, not one per ZIP
        return [ZipRecord(*row) for row in self._tables.zips()]

    def candidates_near(self, lat: float, lon: float, band: float = 1.0) -> list[ZipRecord]:
        """The few ZIPs within ``band`` degrees of latitude that may be nearest to the point (the
        nearest by a flat-earth measure, with a wide margin), in the table's order."""
        return [ZipRecord(*row) for row in self._tables.zips_nearest(lat, lon, band, 64)]


class PlaceTable(Mapping[tuple[str, str], Place]):
    """(city key, state) -> the city's point, backed by the same file."""

    def __init__(self, tables: geo_data.Tables):
        self._tables = tables

    def __getitem__(self, key: tuple[str, str]) -> Place:
        row = self._tables.place(*key)
        if row is None:
            raise KeyError(key)
        lat, lon, city, state = row
        return Place(lat, lon, None, city, state)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((row[0], row[1]) for row in self._tables.places())

    def __len__(self) -> int:
        return self._tables.place_count()


@lru_cache(maxsize=1)
def _tables() -> geo_data.Tables:
    return geo_data.Tables(geo_data.ensure_table())


@lru_cache(maxsize=1)
def _zip_table() -> ZipTable:
    """Every ZIP (from the ``zipcodes`` package, through the table file)."""
    return ZipTable(_tables())


@lru_cache(maxsize=1)
def _city_table() -> PlaceTable:
    """Every city and state, at the mean point of its ZIPs (standard ZIPs preferred)."""
    return PlaceTable(_tables())


#: words written both ways in city names ("St. Louis" / "Saint Louis", "Ft Worth", "Mt. Vernon")
_CITY_WORD_ALIASES = {"saint": "st", "fort": "ft", "mount": "mt"}


def _city_key(city: str) -> str:
    words = re.sub(r"[^a-z0-9 ]", " ", city.lower()).split()
    return " ".join(_CITY_WORD_ALIASES.get(word, word) for word in words)


def normalize_zip(text: str | int | None, *, param: str = "zip") -> str:
    """The 5-digit ZIP in ``text`` (ZIP+4 accepted), or InvalidInput."""
    if text is None:
        raise InvalidInput(
            param,
            "a ZIP code is required",  # pragma: no mutate
            allowed="5 digits, e.g. 60601 or 60601-1234",  # pragma: no mutate
        )
    if isinstance(text, int):
        text = f"{text:05d}"
    match = _ZIP_RE.match(str(text))
    if not match:
        raise InvalidInput(
            param,
            f"{str(text)[:40]!r} is not a ZIP code",  # pragma: no mutate
            allowed="5 digits, e.g. 60601 or 60601-1234",  # pragma: no mutate
        )
    return match.group(1)


def zip_record(text: str | int | None) -> ZipRecord | None:
    """The record of a ZIP, or None when the ZIP is well formed but unknown."""
    return _zip_table().get(normalize_zip(text))


def lookup_zip(text: str | int | None, *, param: str = "zip") -> Place:
    """The point of a ZIP code; InvalidInput when malformed, UnknownLocation when unknown."""
    zip5 = normalize_zip(text, param=param)
    rec = _zip_table().get(zip5)
    if rec is None:
        raise UnknownLocation(
            param,
            f"ZIP code {zip5} is not a known US ZIP code",  # pragma: no mutate
            allowed="a US ZIP code that has a location, e.g. 60601",  # pragma: no mutate
        )
    if rec.lat is None or rec.lon is None:
        what = (
            "a military (APO/FPO/DPO) ZIP"  # pragma: no mutate
            if rec.kind == "MILITARY"  # pragma: no mutate
            else f"a {rec.kind.lower()} ZIP"  # pragma: no mutate
        )
        raise UnknownLocation(
            param,
            f"ZIP code {zip5} is {what} with no map location; "  # pragma: no mutate
            "search by the ZIP or city where you live",  # pragma: no mutate
            allowed="a ZIP code with a location, or a city and state",  # pragma: no mutate
        )
    return Place(rec.lat, rec.lon, zip5, rec.city, rec.state)


def parse_state(text: str) -> str | None:
    """Two-letter state code for 'IL', 'il' or 'Illinois'; None if not a state."""
    text = text.strip().rstrip(".")
    if len(text) == 2 and text.upper() in US_STATES:
        return text.upper()
    return _STATE_BY_NAME.get(text.lower())


def lookup_place(text: str | None, *, param: str = "location") -> Place:
    """A point for "Chicago, IL", "Chicago IL", "Chicago, Illinois" or a ZIP."""
    if text is None or not str(text).strip():
        raise InvalidInput(
            param,
            "a place is required",  # pragma: no mutate
            allowed='a city and state such as "Chicago, IL", or a ZIP',  # pragma: no mutate
        )
    text = str(text).strip()
    if len(text) > 100:
        raise InvalidInput(
            param,
            "the place is too long",  # pragma: no mutate
            allowed='a city and state such as "Chicago, IL"',  # pragma: no mutate
        )
    if _ZIP_RE.match(text):
        return lookup_zip(text, param=param)
    trailing_zip = _TRAILING_ZIP_RE.search(text)
    if trailing_zip:  # "Chicago, IL 60601": the ZIP is the more precise place
        before, _ = _split_city_state(text[: trailing_zip.start()])
        if before is not None and zip_record(trailing_zip.group(1)) is not None:
            return lookup_zip(trailing_zip.group(1), param=param)
        if before is not None:
            text = text[: trailing_zip.start()]
    city, state = _split_city_state(text)
    if city is None or state is None:
        raise InvalidInput(
            param,
            f"{text[:40]!r} is not a city and state",  # pragma: no mutate
            allowed='a city and state such as "Chicago, IL" or "Chicago IL", or a ZIP',  # pragma: no mutate
        )
    place = _city_table().get((_city_key(city), state))
    if place is None:
        raise UnknownLocation(
            param,
            f"no place called {city.title()}, {state} is known",  # pragma: no mutate
            allowed='a US city and state such as "Chicago, IL", or a ZIP',  # pragma: no mutate
        )
    return place


def _split_city_state(text: str) -> tuple[str | None, str | None]:
    if "," in text:
        city, _, rest = text.rpartition(",")
        state = parse_state(rest)
        if state and city.strip():
            return city.strip(), state
    words = text.split()
    for n in (
        3,
        2,
        1,
    ):  # trailing state name of up to three words ("New York", "District of Columbia")
        if len(words) > n:
            state = parse_state(" ".join(words[-n:]))
            if state:
                return " ".join(words[:-n]).rstrip(","), state
    return None, None


def check_point(lat: float, lon: float) -> Place:
    """A Place for raw coordinates, or InvalidInput when out of range."""
    if lat != lat or not -90.0 <= lat <= 90.0:
        raise InvalidInput(
            "lat",
            f"latitude {lat!r} is out of range",  # pragma: no mutate
            allowed="a number from -90 to 90",  # pragma: no mutate
        )
    if lon != lon or not -180.0 <= lon <= 180.0:
        raise InvalidInput(
            "lon",
            f"longitude {lon!r} is out of range",  # pragma: no mutate
            allowed="a number from -180 to 180",  # pragma: no mutate
        )
    return Place(lat, lon)


def nearest_zip(lat: float, lon: float) -> ZipRecord | None:
    """The ZIP whose point is nearest to (lat, lon); used to name a point."""
    best, best_d = None, float("inf")
    for rec in _zip_table().candidates_near(lat, lon):
        if rec.lat is None or rec.lon is None:
            continue
        d = haversine_miles(lat, lon, rec.lat, rec.lon)
        if d < best_d:
            best, best_d = rec, d
    return best
