"""The web page (/), the embeddable widget (/embed) and its one-line loader (/widget.js).

Both pages are rendered on the server from the same search code as the API
(so a shared URL works without JavaScript); ``static/app.js`` then takes over
the form, fetches /api/v1/programs and renders with DOM text nodes.
Every crawled string reaches the HTML through Jinja's autoescaping (server) or
``textContent`` (browser); only http(s) URLs become links.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, current_app, render_template, request, send_from_directory
from marshmallow import ValidationError
from webargs.multidictproxy import MultiDictProxy
from werkzeug.datastructures import MultiDict

from programs.errors import InvalidInput, ProgramsError, StoreUnavailable
from programs.vocab import ACCREDITATIONS, CERTIFICATIONS, CREDENTIALS, DELIVERIES

from ..cache import TTLCache
from ..problems import _validation_params, invalid_param, redact
from ..schemas import SearchArgs, allowed_for
from ..searching import build_request
from ..store import get_store
from .meta import (
    CREDENTIAL_NAMES,
    DELIVERY_NAMES,
    NOT_REPORTED_TEXT,
    SOURCE_NAMES,
    data_provenance,
    vocabularies,
)

bp = Blueprint("pages", __name__)

RADIUS_CHOICES = (10, 25, 50, 100, 250, 500)
LENGTH_CHOICES = (
    (3, "3 months or less"),
    (6, "6 months or less"),
    (12, "1 year or less"),
    (24, "2 years or less"),
)
#: the parameters the pages pass on (the API's)
PARAMS = tuple(SearchArgs().fields)
#: which form field shows an error about which parameter
FIELD_OF_PARAM = {"zip": "location", "lat": "location", "lon": "location", "location": "location"}
_schema = SearchArgs()
#: the one wording for a fact no source reported (meta.NOT_REPORTED_TEXT, which /api/v1/meta gives
#: with the reason per field; templates: ``missing()`` of _facts.html and ``not_reported(field)`` of
#: _results.html; app.js reads it from the page's vocabulary island)
NOT_REPORTED = NOT_REPORTED_TEXT.capitalize()


@bp.app_context_processor
def _wording() -> dict[str, str]:
    return {"not_reported": NOT_REPORTED}


# --------------------------------------------------------------------------- formatting helpers
def safe_url(url: Any) -> str | None:
    """The URL if it is an absolute http(s) URL (so it may become a link), else None."""
    if not isinstance(url, str) or len(url) > 2000:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
        or any(c in url for c in '"<> \n\r\t')
    ):
        return None
    return url


#: what an IPEDS award level says of a program's length, when nothing more precise is known
AWARD_LEVEL_SPANS = {
    20: "Under 12 weeks",
    21: "12 weeks to 1 year",
    1: "Under 1 year",
    2: "1 to 2 years",
    4: "2 to 4 years",
}


def fmt_months(months: Any, text: Any = None, award_level: Any = None) -> str:
    if isinstance(months, (int, float)) and math.isfinite(months) and months > 0:
        if months >= 12 and months % 12 == 0:
            years = int(months // 12)
            return f"{years} year" + ("s" if years != 1 else "")
        value = int(months) if float(months).is_integer() else round(months, 1)
        return f"{value} month" + ("s" if value != 1 else "")
    if text:
        return str(text)
    span = AWARD_LEVEL_SPANS.get(award_level) if isinstance(award_level, int) else None
    return f"{span} (award level)" if span else "Length not listed"


def fmt_money(amount: Any, text: Any = None) -> str:
    """The cost as a card shows it; "" when not reported (the card says so, with the reason)."""
    if isinstance(amount, (int, float)) and math.isfinite(amount) and amount >= 0:
        return f"${amount:,.0f}"
    return str(text) if text else ""


def fmt_length(program: dict[str, Any]) -> str:
    """The length as a card shows it (``program.length_summary``, naming its basis: see
    programs.length); listings stored before the length rule fall back to the older wording;
    "" when not reported."""
    summary = program.get("length_summary")
    if isinstance(summary, str) and summary:
        return summary
    text = fmt_months(
        program.get("length_months"), program.get("length_text"), program.get("award_level")
    )
    return "" if text == "Length not listed" else text


def fmt_sources(sources: Any) -> str:
    """Where a listing's facts come from and which edition: "IPEDS (NCES): IPEDS 2023-24 ...";
    the day a source last saw it when its vintage is not known."""
    parts = []
    for ref in sources or []:
        if not isinstance(ref, dict) or ref.get("status", "active") != "active":
            continue
        name = SOURCE_NAMES.get(ref.get("source"), str(ref.get("source")))
        if ref.get("vintage"):
            parts.append(f"{name}: {ref['vintage']}")
        elif fmt_date(ref.get("fetched_at")):
            parts.append(f"{name}, seen {fmt_date(ref.get('fetched_at'))}")
        else:
            parts.append(name)
    return "; ".join(parts) or "not known"


def data_summary() -> dict[str, Any] | None:
    """The store's data sources for the page's data line and sample banner (cached 60 s);
    None when the store cannot say."""
    cache = current_app.extensions.get("data_summary_cache")
    if cache is None:
        cache = current_app.extensions["data_summary_cache"] = TTLCache(60, 1)
    data = cache.get("data")
    if data is None:
        try:
            data = data_provenance(get_store())
        except ProgramsError:
            return None
        cache.set("data", data)
    return data


def fmt_count(value: Any) -> str | None:
    """A whole number with thousands separators, or None when not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return f"{value:,.0f}"


def fmt_date(iso: Any) -> str:
    return iso[:10] if isinstance(iso, str) and len(iso) >= 10 else ""


def place_label(place: dict[str, Any]) -> str:
    town = ", ".join(p for p in (place.get("city"), place.get("state")) if p)
    if place.get("zip"):
        return f"{place['zip']} ({town})" if town else place["zip"]
    if town:
        return town
    return f"{place.get('lat', 0):.3f}, {place.get('lon', 0):.3f}"


def next_radius(radius: float) -> int | None:
    for choice in RADIUS_CHOICES:
        if choice > radius:
            return choice
    return None


def map_data(body: dict[str, Any] | None) -> dict[str, Any] | None:
    """What static/map.js draws for a server-rendered answer: the API answer's shape, trimmed to
    the searched place, the radius and, for each result, its id, names, point and distance."""
    if not body:
        return None
    return {
        "location": body.get("location"),
        "radius": body.get("radius"),
        "results": [
            {
                "id": doc.get("id"),
                "distance_miles": doc.get("distance_miles"),
                "program": {"name": (doc.get("program") or {}).get("name")},
                "institution": {
                    key: (doc.get("institution") or {}).get(key) for key in ("name", "lat", "lon")
                },
            }
            for doc in body.get("results") or []
        ],
    }


def active_filters(params: MultiDict) -> list[str]:
    """The filters a search applies, in words ("Certificate or diploma", "Within 50 miles", ...),
    for the widget, whose filters are set by its publisher and not shown as form fields."""
    out: list[str] = []
    for key, names in (("credential", CREDENTIAL_NAMES), ("delivery", DELIVERY_NAMES)):
        values = [v.strip().lower() for raw in params.getlist(key) for v in raw.split(",")]
        chosen = [names.get(v, v) for v in values if v]
        if chosen:
            out.append(" or ".join(chosen))
    if params.get("max_months"):
        out.append(f"{params['max_months']} months or less")
    for key, label in (("certification", "Prepares for"), ("accreditation", "Accredited by")):
        values = [v.strip().upper() for raw in params.getlist(key) for v in raw.split(",")]
        if any(values):
            out.append(f"{label} {' or '.join(v for v in values if v)}")
    if params.get("max_tuition"):
        out.append(f"Cost up to ${params['max_tuition']}")
    if params.get("q"):
        out.append(f"Matching “{params['q']}”")
    return out


@bp.app_template_global()
def query_url(endpoint_path: str, params: MultiDict, **changes: Any) -> str:
    """``endpoint_path`` with ``params`` where each keyword replaces that parameter (None removes it)."""
    md = MultiDict(params)
    for key, value in changes.items():
        md.poplist(key)
        if value is not None:
            md.add(key, value)
    query = urlencode(list(md.items(multi=True)))
    return endpoint_path + ("?" + query if query else "")


# --------------------------------------------------------------------------- the search behind both pages
def _given_params() -> MultiDict:
    """The request's search parameters without empty values (a GET form sends every field)."""
    md = MultiDict()
    for key in PARAMS:
        for value in request.args.getlist(key):
            if value.strip():
                md.add(key, value)
    return md


def _run(
    params: MultiDict, defaults: dict[str, Any]
) -> tuple[dict | None, list[dict], str | None, int]:
    """(body, invalid params, general error, status) for the page."""
    if not any(k in params for k in ("zip", "location", "lat", "lon")):
        return None, [], None, 200
    try:
        args = _schema.load(MultiDictProxy(params, _schema))
        for key, value in defaults.items():
            if args.get(key) is None:
                args[key] = value
        config = current_app.config
        req = build_request(
            args,
            online_limit_default=config["ONLINE_LIMIT_DEFAULT"],
            online_limit_max=config["ONLINE_LIMIT_MAX"],
            name_within=config["NAME_POINT_WITHIN_MILES"],
        )
        return current_app.extensions["searcher"].body(get_store(), req), [], None, 200
    except ValidationError as exc:
        return None, _validation_params({"query": exc.messages}), None, 400
    except InvalidInput as exc:
        return None, [invalid_param(exc.param, exc.message, exc.allowed)], None, 400
    except StoreUnavailable as exc:
        current_app.logger.warning("store unavailable on %s: %s", request.path, redact(str(exc)))
        return (
            None,
            [],
            "The program database is unavailable right now. Please try again in a minute.",
            503,
        )


def _field_errors(errors: list[dict]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in errors:
        field = FIELD_OF_PARAM.get(item["name"], item["name"])
        text = item["reason"].rstrip(".")
        text = text[:1].upper() + text[1:]
        if item.get("allowed"):
            text += f". Allowed: {item['allowed']}"
        out.setdefault(field, text)
    return out


def _render(template: str, defaults: dict[str, Any], **extra: Any):
    params = _given_params()
    body, errors, general, status = _run(params, defaults)
    vocab = vocabularies()
    base = (current_app.config.get("PUBLIC_BASE_URL") or request.host_url).rstrip("/")
    html = render_template(
        template,
        params=params,
        body=body,
        errors=_field_errors(errors),
        general_error=general,
        vocab=vocab,
        credential_names=CREDENTIAL_NAMES,
        delivery_names=DELIVERY_NAMES,
        certifications=CERTIFICATIONS,
        accreditations=ACCREDITATIONS,
        credentials=CREDENTIALS,
        deliveries=DELIVERIES,
        radius_choices=RADIUS_CHOICES,
        length_choices=LENGTH_CHOICES,
        location_value=params.get("zip") or params.get("location") or "",
        safe_url=safe_url,
        fmt_months=fmt_months,
        fmt_length=fmt_length,
        fmt_sources=fmt_sources,
        data=data_summary(),
        fmt_money=fmt_money,
        fmt_count=fmt_count,
        fmt_date=fmt_date,
        place_label=place_label,
        next_radius=next_radius,
        base_url=base,
        allowed_for=allowed_for,
        active_filters=active_filters(params),
        map_data=map_data(body),
        **extra,
    )
    resp = current_app.response_class(html, status=status, mimetype="text/html")
    resp.headers["Cache-Control"] = "public, max-age=300" if status == 200 else "no-store"
    if status == 503:
        resp.headers["Retry-After"] = "30"
    return resp


@bp.get("/")
def index():
    return _render("index.html", {}, mode="page")


@bp.get("/embed")
def embed():
    return _render("embed.html", {"per_page": 5, "online_limit": 3}, mode="embed")


@bp.get("/widget.js")
def widget_js():
    resp = send_from_directory(
        current_app.static_folder, "widget.js", max_age=3600, mimetype="text/javascript"
    )
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp
