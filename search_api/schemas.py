"""Request parameters and response shapes (marshmallow, through APIFlask/webargs).

The query schemas parse and type-check parameters: strict ASCII numbers (no
NaN, infinity, ``1_000`` or Arabic-Indic digits), whole numbers, flags,
repeatable lists (``credential=a&credential=b`` or ``credential=a,b``), and
reject before anything else a parameter that is empty, given twice when it
takes one value, longer than its limit, or holding a NUL character.
What the values *mean* (vocabularies, ranges, ZIPs) is checked once, by the
core (:class:`programs.query.SearchQuery`, :mod:`programs.geo`), whose errors
name the parameter and say what is allowed.

The response schemas only document the answers in the OpenAPI document: the
views return ready JSON (``json.dumps`` of the stored documents), so no
marshmallow dump runs per request.
"""

from __future__ import annotations

import math
import re
from typing import Any

from apiflask import Schema
from apiflask.fields import Boolean, Dict, Float, Integer, List, Nested, String
from marshmallow import INCLUDE, ValidationError, pre_load

from programs.query import MAX_PAGE, MAX_PER_PAGE, MAX_RADIUS_MILES, MAX_TEXT_CHARS
from programs.vocab import (
    ACCREDITATIONS,
    CERTIFICATIONS,
    CREDENTIALS,
    DELIVERIES,
    LENGTH_BANDS,
    LENGTH_BASES,
    SORTS,
)

MAX_VALUE_CHARS = 200  # any single parameter value
MAX_LIST_VALUES = 20  # values of one repeatable parameter
_NUMBER_RE = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
_WHOLE_RE = re.compile(r"^\+?[0-9]+$")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}

# credential / delivery words accepted besides the vocabulary (documented in the README and the spec)
CREDENTIAL_ALIASES: dict[str, str] = {
    "diploma": "certificate",
    "short course": "certificate",
    "short_course": "certificate",
    "short-course": "certificate",
    "certificates": "certificate",
    "associates": "associate",
    "associate's": "associate",
    "bachelors": "bachelor",
    "bachelor's": "bachelor",
    "masters": "master",
    "master's": "master",
    "graduate certificate": "graduate_certificate",
    "graduate-certificate": "graduate_certificate",
    "post-baccalaureate certificate": "graduate_certificate",
    "post-master's certificate": "graduate_certificate",
}
DELIVERY_ALIASES: dict[str, str] = {
    "on-campus": "on_campus",
    "campus": "on_campus",
    "in_person": "on_campus",
    "in-person": "on_campus",
    "in person": "on_campus",
    "on campus": "on_campus",
}

#: parameter -> what is allowed, for error messages (filled from field metadata below)
_ALLOWED: dict[str, str] = {}


def allowed_for(name: str | None) -> str | None:
    return _ALLOWED.get(name or "")


class StrictNumber(Float):
    """A finite decimal number written in ASCII digits (``25``, ``2.5``, ``1e3``)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> float:
        text = value.strip() if isinstance(value, str) else value
        if not isinstance(text, str) or not _NUMBER_RE.match(text):
            raise ValidationError(f"{str(value)[:40]!r} is not a number")
        number = float(text)
        if math.isinf(number) or abs(number) > 1e15:
            raise ValidationError(f"{text[:40]} is too large")
        return number


class WholeNumber(Integer):
    """A whole number written in ASCII digits."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        text = value.strip() if isinstance(value, str) else value
        if not isinstance(text, str) or not _WHOLE_RE.match(text):
            raise ValidationError(f"{str(value)[:40]!r} is not a whole number")
        if len(text.lstrip("+0")) > 12:
            raise ValidationError(f"{text[:40]} is too large")
        return int(text)


class Flag(Boolean):
    """1/0, true/false, yes/no, on/off (any case)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValidationError(f"{str(value)[:40]!r} is not a yes/no value")


class Repeatable(List):
    """A parameter that may be given several times, or once with comma-separated values."""

    def __init__(self, enum: list[str] | None = None, **kwargs: Any):
        super().__init__(String(metadata={"enum": enum} if enum else {}), **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[str]:
        values = value if isinstance(value, (list, tuple)) else [value]
        out: list[str] = []
        for item in values:
            if not isinstance(item, str):
                raise ValidationError("is not text")
            out.extend(part.strip() for part in item.split(",") if part.strip())
        if not out:
            raise ValidationError("is empty")
        if len(out) > MAX_LIST_VALUES:
            raise ValidationError(f"has {len(out)} values")
        return out


def _param(
    field_cls: type,
    description: str,
    allowed: str,
    *,
    name: str,
    enum_items: list[str] | None = None,
    **metadata: Any,
) -> Any:
    _ALLOWED[name] = allowed
    kwargs = {"enum": enum_items} if enum_items else {}
    return field_cls(
        metadata={"description": description, "allowed": allowed, **metadata}, **kwargs
    )


class QueryArgs(Schema):
    """Base of the query-string schemas: rejects empty, repeated, overlong and NUL-holding values."""

    @pre_load
    def _check_raw(self, data: Any, **kwargs: Any) -> Any:
        raw = getattr(data, "data", data)
        getlist = getattr(raw, "getlist", None)
        errors: dict[str, list[str]] = {}
        for name, field in self.fields.items():
            key = field.data_key or name
            if getlist is not None:
                values = getlist(key)
            else:
                value = raw.get(key) if hasattr(raw, "get") else None
                values = (
                    []
                    if value is None
                    else (list(value) if isinstance(value, (list, tuple)) else [value])
                )
            if not values:
                continue
            limit = (field.metadata or {}).get("maxLength", MAX_VALUE_CHARS)
            if len(values) > 1 and not isinstance(field, List):
                errors[key] = [f"is given {len(values)} times; give it once"]
                continue
            for value in values:
                value = str(value)
                if "\x00" in value:
                    errors[key] = ["contains a NUL character"]
                elif not value.strip():
                    errors[key] = ["is empty; give a value or leave the parameter out"]
                elif len(value) > limit:
                    errors[key] = [f"is {len(value)} characters long (at most {limit})"]
                if key in errors:
                    break
        if errors:
            raise ValidationError(errors)
        return data


_CRED_ALLOWED = (
    ", ".join(CREDENTIALS) + " (diploma and short course count as certificate; post-baccalaureate"
    " and post-master's certificates are graduate_certificate)"
)
_DELIV_ALLOWED = ", ".join(DELIVERIES)
_CERT_ALLOWED = ", ".join(CERTIFICATIONS)
_ACCR_ALLOWED = ", ".join(ACCREDITATIONS)
_SORT_ALLOWED = ", ".join(SORTS)


class SearchArgs(QueryArgs):
    """The parameters of GET /api/v1/programs (and of the web page and widget)."""

    zip = _param(
        String,
        "Where to search: a US ZIP code (5 digits; ZIP+4 accepted; leading zeros kept). "
        "Give one of zip, lat+lon or location.",
        "5 digits, e.g. 60601 or 60601-1234",
        name="zip",
        pattern=r"^[0-9]{5}(?:[ -]?[0-9]{4})?$",
        example="60601",
    )
    lat = _param(
        StrictNumber,
        "Latitude of the point to search from (with lon).",
        "a number from -90 to 90",
        name="lat",
        minimum=-90,
        maximum=90,
    )
    lon = _param(
        StrictNumber,
        "Longitude of the point to search from (with lat).",
        "a number from -180 to 180",
        name="lon",
        minimum=-180,
        maximum=180,
    )
    location = _param(
        String,
        'A city and state ("Chicago, IL", "Chicago IL", "Saint Paul, Minnesota") or a ZIP.',
        'a city and state such as "Chicago, IL", or a ZIP',
        name="location",
        maxLength=100,
        example="Chicago, IL",
    )
    radius = _param(
        StrictNumber,
        "Search radius in miles (default 25).",
        f"miles from 1 to {MAX_RADIUS_MILES:g}",
        name="radius",
        minimum=1,
        maximum=MAX_RADIUS_MILES,
        default=25,
    )
    credential = _param(
        Repeatable,
        "Credential class; repeatable or comma-separated; case-insensitive. "
        "'diploma' and 'short course' are accepted as certificate; graduate_certificate is a "
        "post-baccalaureate or post-master's certificate (IPEDS award levels 6 and 8), which a "
        "plain certificate search leaves out.",
        _CRED_ALLOWED,
        name="credential",
        enum_items=list(CREDENTIALS),
    )
    delivery = _param(
        Repeatable,
        "How it is taught; repeatable or comma-separated.",
        _DELIV_ALLOWED,
        name="delivery",
        enum_items=list(DELIVERIES),
    )
    max_months = _param(
        StrictNumber,
        "Longest program length in months; programs of unknown length are left out.",
        "a number greater than 0, at most 1200",
        name="max_months",
        minimum=0,
        exclusiveMinimum=True,
        maximum=1200,
    )
    certification = _param(
        Repeatable,
        "Certification exam the program prepares for (any of them); repeatable.",
        _CERT_ALLOWED,
        name="certification",
        enum_items=list(CERTIFICATIONS),
    )
    accreditation = _param(
        Repeatable,
        "Accreditation or approval the program holds (any of them); repeatable.",
        _ACCR_ALLOWED,
        name="accreditation",
        enum_items=list(ACCREDITATIONS),
    )
    max_tuition = _param(
        StrictNumber,
        "Highest tuition in US dollars; programs of unknown cost are left out.",
        "a number of dollars from 0 to 10000000",
        name="max_tuition",
        minimum=0,
        maximum=10_000_000,
    )
    q = _param(
        String,
        "Words in the program or school name; every word must match; punctuation is ignored. "
        "Words are compared by their stem (Porter), so 'code' finds 'coding'. A partial word "
        "matches when it starts the stem of a name word ('cod', 'bill', 'inform'), not when "
        "it runs past the stem ('codi', 'billin' and 'informat' find nothing, since 'coding', "
        "'billing' and 'information' are indexed as 'code', 'bill' and 'inform').",
        f"text of at most {MAX_TEXT_CHARS} characters",
        name="q",
        maxLength=MAX_TEXT_CHARS,
    )
    sort = _param(
        String,
        "Order of the results.",
        _SORT_ALLOWED,
        name="sort",
        enum=list(SORTS),
        default="distance",
    )
    page = _param(
        WholeNumber,
        "Page number, from 1. A page past the end is empty (the total stays right).",
        f"a whole number from 1 to {MAX_PAGE}",
        name="page",
        minimum=1,
        maximum=MAX_PAGE,
        default=1,
    )
    per_page = _param(
        WholeNumber,
        "Results per page.",
        f"a whole number from 1 to {MAX_PER_PAGE}",
        name="per_page",
        minimum=1,
        maximum=MAX_PER_PAGE,
        default=20,
    )
    online = _param(
        Flag,
        "Include the section of online programs from anywhere (default on).",
        "1 or 0 (also true/false, yes/no, on/off)",
        name="online",
        default=True,
    )
    online_limit = _param(
        WholeNumber,
        "How many online programs to list in the online section (default 10).",
        "a whole number from 0 to 50",
        name="online_limit",
        minimum=0,
        maximum=50,
        default=10,
    )


class QuickLoader:
    """The typed parameters of a query string, as ``schema.load`` gives them, without the schema's
    machinery: each present parameter is checked as :meth:`QueryArgs._check_raw` checks it and
    converted by the schema's own field. Meant for the hot path of a search: anything that is not
    well formed gives None, and the full schema then runs and says what is wrong (so every problem
    detail stays the schema's own)."""

    def __init__(self, schema: QueryArgs):
        self.fields = [
            (
                field.data_key or name,
                name,
                field,
                isinstance(field, List),
                (field.metadata or {}).get("maxLength", MAX_VALUE_CHARS),
            )
            for name, field in schema.fields.items()
        ]

    def load(self, args: Any) -> dict[str, Any] | None:
        """``args``: a MultiDict (werkzeug's ``request.args``)."""
        out: dict[str, Any] = {}
        for key, name, field, is_list, limit in self.fields:
            values = args.getlist(key)
            if not values:
                continue
            if len(values) > 1 and not is_list:
                return None
            for value in values:
                if "\x00" in value or not value.strip() or len(value) > limit:
                    return None
            try:
                out[name] = field.deserialize(values if is_list else values[0])
            except ValidationError:
                return None
        return out


_ALLOWED["id"] = "a listing id: 1 to 64 letters, digits, '-', '_', '.' or ':'"


# ------------------------------------------------------------------ responses (documentation only)
class _Doc(Schema):
    class Meta:
        unknown = INCLUDE  # documents may gain fields; clients ignore what they do not know


class PlaceOut(_Doc):
    zip = String(
        allow_none=True, metadata={"description": "ZIP searched from (or nearest to the point)"}
    )
    city = String(allow_none=True)
    state = String(allow_none=True)
    lat = Float()
    lon = Float()


class InstitutionOut(_Doc):
    name = String(required=True)
    unitid = String(allow_none=True, metadata={"description": "IPEDS UNITID"})
    url = String(allow_none=True)
    address = String(allow_none=True)
    city = String(allow_none=True)
    state = String(allow_none=True)
    zip = String(allow_none=True)
    lat = Float(allow_none=True)
    lon = Float(allow_none=True)


class ProgramOut(_Doc):
    name = String(required=True)
    cip = String(allow_none=True)
    credential = String(metadata={"enum": list(CREDENTIALS)})
    award_level = Integer(allow_none=True)
    award_level_label = String(allow_none=True)
    length_months = Float(
        allow_none=True,
        metadata={
            "description": "the longest the program takes, in months: what max_months compares "
            "and the length facet counts"
        },
    )
    length_min_months = Float(
        allow_none=True,
        metadata={"description": "the shortest it takes, in months: what sort=length orders by"},
    )
    length_text = String(
        allow_none=True, metadata={"description": "the length as the source wrote it"}
    )
    length_basis = String(
        allow_none=True,
        metadata={
            "enum": [*LENGTH_BASES, None],
            "description": "what the length rests on: stated by the school, stated by IPEDS "
            "(IC_PY months), estimated from credits or clock hours, or the IPEDS award level's "
            "span; null when nothing is known",
        },
    )
    length_summary = String(
        allow_none=True,
        metadata={
            "description": 'the length in words, naming its basis: "11 months (IPEDS)", "about '
            '2 years (62 credits)", "1 to under 2 years (award level)"'
        },
    )
    credit_hours = Float(allow_none=True)
    clock_hours = Float(allow_none=True)
    delivery = String(allow_none=True, metadata={"enum": [*DELIVERIES, None]})
    tuition_usd = Float(allow_none=True)
    tuition_text = String(allow_none=True)
    certifications = List(String())
    accreditations = List(String())
    url = String(allow_none=True)
    description = String(allow_none=True)


class OutcomesOut(_Doc):
    median_earnings_1yr = Float(allow_none=True)
    median_earnings_2yr = Float(allow_none=True)
    median_debt = Float(allow_none=True)
    completions = Integer(allow_none=True)


class SourceOut(_Doc):
    source = String(required=True, metadata={"description": "ipeds, scorecard or program_pages"})
    url = String(allow_none=True)
    fetched_at = String(
        allow_none=True, metadata={"description": "when this source last saw the program (UTC)"}
    )
    status = String()
    first_seen = String(allow_none=True)
    removed_at = String(allow_none=True)
    vintage = String(
        allow_none=True,
        metadata={
            "description": "the edition of the source's data, e.g. 'IPEDS 2023\u201324 "
            "completions and 2024 directory, NCES'"
        },
    )


class SourceFullOut(SourceOut):
    run_id = String(allow_none=True)
    fields = Dict(metadata={"description": "the fields this source gave"})


class ListingOut(_Doc):
    id = String(required=True)
    institution = Nested(InstitutionOut)
    program = Nested(ProgramOut)
    outcomes = Nested(OutcomesOut)
    sources = List(Nested(SourceOut))
    first_seen = String(allow_none=True)
    last_seen = String(
        allow_none=True, metadata={"description": "last time any source saw it (UTC)"}
    )
    status = String()


class SearchHitOut(ListingOut):
    distance_miles = Float(
        allow_none=True, metadata={"description": "great-circle miles from the searched point"}
    )


class ListingFullOut(ListingOut):
    sources = List(Nested(SourceFullOut))
    provenance = Dict(metadata={"description": "field -> the source that gave its value"})


class FacetsOut(_Doc):
    credential = Dict(keys=String(), values=Integer())
    delivery = Dict(keys=String(), values=Integer())
    length = Dict(
        keys=String(),
        values=Integer(),
        metadata={
            "description": "length band -> count: "
            + ", ".join(n for n, _ in LENGTH_BANDS)
            + ", unknown"
        },
    )


class OnlineOut(_Doc):
    enabled = Boolean(
        metadata={"description": "false when online=0 or a delivery filter leaves online out"}
    )
    total = Integer()
    results = List(Nested(SearchHitOut))


class SearchOut(_Doc):
    location = Nested(PlaceOut)
    radius = Float()
    total = Integer()
    page = Integer()
    per_page = Integer()
    sort = String()
    results = List(Nested(SearchHitOut))
    facets = Nested(FacetsOut)
    online = Nested(OnlineOut)


class MetaOut(_Doc):
    credentials = List(Dict())
    deliveries = List(Dict())
    certifications = List(Dict())
    accreditations = List(Dict())
    length_bands = List(Dict())
    sorts = List(String())
    limits = Dict()
    active_listings = Integer()
    data_sources = List(
        Dict(),
        metadata={
            "description": "what the listings come from: each source with the vintages of its "
            "data and whether it is fictional sample data"
        },
    )
    sample_data = Boolean(
        metadata={"description": "true when the store holds fictional sample listings"}
    )
    data_line = String(
        allow_none=True,
        metadata={"description": "the data's vintages in one line, as the page shows them"},
    )
    not_reported = Dict(
        metadata={"description": 'why a field reads "not reported" (field -> reason)'}
    )
    source_names = Dict()
    last_completed = Dict(
        keys=String(),
        values=String(allow_none=True),
        metadata={"description": "source -> when it last completed a crawl (UTC), or null"},
    )


class HealthOut(_Doc):
    status = String()


class ReadyOut(_Doc):
    status = String()
    store = String()
    listings = Integer()


class ProblemOut(_Doc):
    type = String(required=True)
    title = String(required=True)
    status = Integer(required=True)
    detail = String()
    instance = String()
    param = String()
    invalid_params = List(Dict())
