"""GET /api/v1/meta: vocabularies, limits, the number of active listings and crawl freshness."""

from __future__ import annotations

from apiflask import APIBlueprint
from flask import current_app

from programs.query import MAX_PAGE, MAX_PER_PAGE, MAX_RADIUS_MILES, MAX_TEXT_CHARS
from programs.vocab import (
    ACCREDITATIONS,
    CERTIFICATIONS,
    CREDENTIALS,
    DELIVERIES,
    LENGTH_BANDS,
    SORTS,
    SOURCES,
)

from ..cache import TTLCache
from ..http import json_response
from ..schemas import CREDENTIAL_ALIASES, DELIVERY_ALIASES, MetaOut
from ..searching import DEFAULT_RADIUS
from ..store import get_store

bp = APIBlueprint("meta", __name__, tag="Meta")

CREDENTIAL_NAMES = {
    "certificate": "Certificate or diploma",
    "associate": "Associate degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "graduate_certificate": "Graduate certificate (post-baccalaureate or post-master's)",
}
DELIVERY_NAMES = {
    "on_campus": "On campus",
    "online": "Online",
    "hybrid": "Hybrid (online and on campus)",
}
LENGTH_NAMES = {
    "up_to_3": "Up to 3 months",
    "3_to_6": "3 to 6 months",
    "6_to_12": "6 to 12 months",
    "12_to_24": "1 to 2 years",
    "over_24": "Over 2 years",
    "unknown": "Length not known",
}


def vocabularies() -> dict:
    """The static part of /api/v1/meta (also used by the web page)."""
    bands, lower = [], 0.0
    for code, upper in LENGTH_BANDS:
        bands.append(
            {
                "code": code,
                "name": LENGTH_NAMES.get(code, code),
                "min_months_exclusive": lower,
                "max_months": upper,
            }
        )
        lower = upper if upper is not None else lower
    bands.append(
        {
            "code": "unknown",
            "name": LENGTH_NAMES["unknown"],
            "min_months_exclusive": None,
            "max_months": None,
        }
    )
    return {
        "credentials": [
            {
                "code": c,
                "name": CREDENTIAL_NAMES.get(c, c),
                "aliases": sorted(a for a, t in CREDENTIAL_ALIASES.items() if t == c),
            }
            for c in CREDENTIALS
        ],
        "deliveries": [
            {
                "code": d,
                "name": DELIVERY_NAMES.get(d, d),
                "aliases": sorted(a for a, t in DELIVERY_ALIASES.items() if t == d),
            }
            for d in DELIVERIES
        ],
        "certifications": [
            {"code": code, "name": name, "body": body}
            for code, (name, body) in CERTIFICATIONS.items()
        ],
        "accreditations": [{"code": code, "name": name} for code, name in ACCREDITATIONS.items()],
        "length_bands": bands,
        "sorts": list(SORTS),
        "limits": {
            "radius": {"default": DEFAULT_RADIUS, "min": 1, "max": MAX_RADIUS_MILES},
            "per_page": {"default": 20, "max": MAX_PER_PAGE},
            "page": {"max": MAX_PAGE},
            "q": {"max_chars": MAX_TEXT_CHARS},
            "online_limit": {"default": 10, "max": 50},
        },
    }


@bp.get("/api/v1/meta")
@bp.output(MetaOut, description="Vocabularies, limits, active listings and last completed crawls")
@bp.doc(
    summary="Vocabularies and data freshness",
    description=(
        "The values the filters accept (with full names), the limits of the search parameters, how many "
        "listings are active, and when each source last completed a crawl (null if never)."
    ),
    responses={503: "The program database is unavailable (problem details)"},
)
def meta():
    cache = current_app.extensions.get("meta_cache")
    if cache is None:
        cache = current_app.extensions["meta_cache"] = TTLCache(30, 1)
    data = cache.get("meta")
    if data is None:
        store = get_store()
        completed = store.last_completed()
        body = vocabularies()
        body["active_listings"] = store.count_active()
        body["last_completed"] = {source: completed.get(source) for source in SOURCES}
        data = body
        cache.set("meta", data)
    return json_response(data, max_age=current_app.config["META_MAX_AGE"])
