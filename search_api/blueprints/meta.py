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
#: why a card reads "not reported" for a field (the sources that could give it did not)
NOT_REPORTED = {
    "length": "No source gives this program's length, credits, clock hours or IPEDS award level.",
    "delivery": "Whether a program is online or on campus comes from the school's own page or "
    "from IPEDS's distance-education file by program, which the current data does not include.",
    "cost": "A program's own cost comes from the school's page or from IPEDS for institutions "
    "that report charges by program (mostly career schools); this one has neither.",
    "exam_prep": "Only a school's own program page says which certification exam a program "
    "prepares for; IPEDS does not report it.",
    "accreditation": "Only a school's own program page names a program's accreditation "
    "(CAHIIM, PCAP); IPEDS does not report it.",
}
NOT_REPORTED_TEXT = "not reported"
SOURCE_NAMES = {
    "ipeds": "IPEDS (NCES)",
    "scorecard": "College Scorecard",
    "program_pages": "the school's own program page",
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
        "not_reported": {"text": NOT_REPORTED_TEXT, "why": NOT_REPORTED},
        "source_names": SOURCE_NAMES,
        "sorts": list(SORTS),
        "limits": {
            "radius": {"default": DEFAULT_RADIUS, "min": 1, "max": MAX_RADIUS_MILES},
            "per_page": {"default": 20, "max": MAX_PER_PAGE},
            "page": {"max": MAX_PAGE},
            "q": {"max_chars": MAX_TEXT_CHARS},
            "online_limit": {"default": 10, "max": 50},
        },
    }


def data_provenance(store) -> dict:
    """What the listings come from: ``data_sources`` (per source: listings, vintages, sample),
    ``data_line`` (the sentence the page shows) and ``sample_data`` (fictional listings held)."""
    sources = store.data_sources()
    vintages = [v for s in sources for v in s["vintages"]]
    return {
        "data_sources": sources,
        "data_line": "; ".join(dict.fromkeys(vintages)) or None,
        "sample_data": any(s["sample"] for s in sources),
    }


@bp.get("/api/v1/meta")
@bp.output(MetaOut, description="Vocabularies, limits, active listings and last completed crawls")
@bp.doc(
    summary="Vocabularies and data freshness",
    description=(
        "The values the filters accept (with full names), the limits of the search parameters, how many "
        "listings are active, where they come from (each source with the vintage of its data, and "
        "whether it is fictional sample data), and when each source last completed a crawl (null if "
        "never)."
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
        body.update(data_provenance(store))
        body["last_completed"] = {source: completed.get(source) for source in SOURCES}
        data = body
        cache.set("meta", data)
    return json_response(data, max_age=current_app.config["META_MAX_AGE"])
