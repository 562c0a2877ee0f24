"""The rules for saying where to search, shared by the API, the web page and the CLI.

Exactly one of: a ZIP (``zip``), a point (``lat`` and ``lon`` together), or a
place in words (``location``: "Chicago, IL", or a ZIP typed into the one box of
the page). A bare point is named by its nearest ZIP when one lies within
``name_within`` miles, so the answer can say "near 60601 (Chicago, IL)".
Everything wrong raises :class:`InvalidInput` naming the parameter to fix.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .errors import InvalidInput
from .geo import Place, check_point, haversine_miles, lookup_place, lookup_zip, nearest_zip

LOCATION_ALLOWED = 'zip (e.g. 60601), lat and lon, or location (e.g. "Chicago, IL")'
#: how far (miles) the nearest ZIP may be from a bare point and still name it
NAME_WITHIN_MILES = 10.0
#: a location value that is meant as a ZIP (has a digit, no comma, short): judged as a ZIP so the
#: message fits ("6060" is a ZIP with a digit missing, not a city)
_ZIPLIKE = re.compile(r"^(?=.*[0-9])[^,]{1,12}$")


class MissingLocation(InvalidInput):
    """No way of saying where was given at all."""

    missing_location = True


@lru_cache(maxsize=4096)
def _name_point(lat: float, lon: float, within: float) -> tuple[str | None, str | None, str | None]:
    rec = nearest_zip(lat, lon)
    if rec is None or rec.lat is None or rec.lon is None:
        return None, None, None
    if haversine_miles(lat, lon, rec.lat, rec.lon) > within:
        return None, None, None
    return rec.zip, rec.city, rec.state


def name_point(lat: float, lon: float, *, within: float = NAME_WITHIN_MILES) -> Place:
    """The point (checked), named by its nearest ZIP within ``within`` miles, else unnamed."""
    point = check_point(lat, lon)
    zip5, city, state = _name_point(round(point.lat, 3), round(point.lon, 3), within)
    return Place(point.lat, point.lon, zip5, city, state)


def resolve_where(
    *,
    zip: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    location: str | None = None,
    name_within: float = NAME_WITHIN_MILES,
) -> Place:
    """The place to search from, given exactly one of ``zip``, ``lat`` + ``lon``, ``location``."""
    has_point = lat is not None or lon is not None
    given = [name for name, value in (("zip", zip), ("location", location)) if value is not None]
    if has_point:
        given.insert(1 if zip is not None else 0, "lat")
    if not given:
        raise MissingLocation("location", "say where to search", allowed=LOCATION_ALLOWED)
    if len(given) > 1:
        raise InvalidInput(
            given[1],
            f"give only one way to say where: got {' and '.join(given)}",
            allowed=f"one of {LOCATION_ALLOWED}",
        )
    if has_point:
        if lat is None or lon is None:
            raise InvalidInput(
                "lon" if lon is None else "lat",
                "lat and lon go together",
                allowed="both lat and lon",
            )
        return name_point(float(lat), float(lon), within=name_within)
    if zip is not None:
        return lookup_zip(zip, param="zip")
    assert location is not None  # exactly one was given, and it was neither zip nor a point
    if _ZIPLIKE.match(location):
        return lookup_zip(location, param="location")
    return lookup_place(location, param="location")
