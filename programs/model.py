"""The listing: one program at one institution in one credential.

A listing is kept as plain dataclasses that convert to and from a JSON document
(``to_doc`` / ``from_doc``); both store backends hold that document, and the API's
listing JSON is it (its schemas are tied to these fields by tests/test_api_schemas.py).
``provenance`` records, per merged field, which source gave it.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any

import orjson

from .errors import InvalidInput
from .vocab import CREDENTIALS, DELIVERIES, LENGTH_BASES

STATUS_ACTIVE = "active"
STATUS_REMOVED = "removed"


@dataclass
class Institution:
    name: str
    unitid: str | None = None
    url: str | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Program:
    name: str
    cip: str | None = None
    credential: str | None = None
    award_level: int | None = None
    award_level_label: str | None = None
    #: the longest the program takes, in months (a max_months filter keeps it when this fits)
    length_months: float | None = None
    #: the shortest (the "shortest first" sort uses it); equal to length_months for one figure
    length_min_months: float | None = None
    length_text: str | None = None
    #: what the length rests on: school | ipeds | estimate | award_level (see programs.length)
    length_basis: str | None = None
    #: the length as a card shows it, naming the basis ("about 2 years (62 credits)")
    length_summary: str | None = None
    credit_hours: float | None = None
    clock_hours: float | None = None
    delivery: str | None = None
    tuition_usd: float | None = None
    tuition_text: str | None = None
    certifications: list[str] = field(default_factory=list)
    accreditations: list[str] = field(default_factory=list)
    url: str | None = None
    description: str | None = None


@dataclass
class Outcomes:
    median_earnings_1yr: float | None = None
    median_earnings_2yr: float | None = None
    median_debt: float | None = None
    completions: int | None = None


@dataclass
class SourceRef:
    """One source's contribution to a listing: where and when, and the fields it gave."""

    source: str
    url: str | None = None
    fetched_at: str | None = None
    run_id: str | None = None
    status: str = "active"
    first_seen: str | None = None
    removed_at: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    #: the edition of the source's data, e.g. "IPEDS 2023\u201324 completions and 2024 directory, NCES"
    vintage: str | None = None


@dataclass
class Listing:
    id: str
    institution: Institution
    program: Program
    outcomes: Outcomes = field(default_factory=Outcomes)
    sources: list[SourceRef] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)
    first_seen: str | None = None
    last_seen: str | None = None
    status: str = STATUS_ACTIVE

    def to_doc(self) -> dict[str, Any]:
        """The JSON document both backends store and the API returns.

        Written out by hand: ``dataclasses.asdict`` deep-copies every value and
        dominated the write path.
        """
        program = dict(self.program.__dict__)
        program["certifications"] = list(program["certifications"])
        program["accreditations"] = list(program["accreditations"])
        return {
            "id": self.id,
            "institution": dict(self.institution.__dict__),
            "program": program,
            "outcomes": dict(self.outcomes.__dict__),
            "sources": [{**ref.__dict__, "fields": dict(ref.fields)} for ref in self.sources],
            "provenance": dict(self.provenance),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "status": self.status,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Listing:
        return cls(
            id=doc["id"],
            institution=Institution(**doc["institution"]),
            program=Program(**doc["program"]),
            outcomes=Outcomes(**(doc.get("outcomes") or {})),
            sources=[SourceRef(**s) for s in doc.get("sources") or []],
            provenance=dict(doc.get("provenance") or {}),
            first_seen=doc.get("first_seen"),
            last_seen=doc.get("last_seen"),
            status=doc.get("status") or STATUS_ACTIVE,
        )

    @property
    def has_location(self) -> bool:
        return self.institution.lat is not None and self.institution.lon is not None

    def source_names(self) -> list[str]:
        return [s.source for s in self.sources]


def institution_key(unitid: str | int | None, name: str | None, zip5: str | None) -> str:
    """The IPEDS UNITID when known, else the normalised name plus ZIP."""
    from .normalize.institution import normalize_institution_name

    if unitid not in (None, ""):
        text = str(unitid).strip()
        if not text.isdigit():
            raise InvalidInput("unitid", f"UNITID must be digits, got {text!r}")
        return f"unitid:{int(text)}"
    if not name or not name.strip():
        raise InvalidInput("institution", "an institution needs a UNITID or a name")
    return f"name:{normalize_institution_name(name)}|{(zip5 or '').strip()[:5]}"


def listing_id(inst_key: str, program_key: str, credential: str) -> str:
    """Stable id from (institution key, program key, credential class).

    The program key is the 6-digit CIP code when known, else the normalised
    program name. Re-crawling the same program yields the same id.
    """
    if credential not in CREDENTIALS:
        raise InvalidInput(
            "credential", f"unknown credential {credential!r}", allowed=", ".join(CREDENTIALS)
        )
    if not inst_key or not program_key:
        raise InvalidInput("listing", "a listing id needs an institution key and a program key")
    digest = hashlib.sha1(f"{inst_key}|{program_key}|{credential}".encode()).hexdigest()
    return digest[:16]


def validate_listing(listing: Listing) -> None:
    """Raise InvalidInput when a listing cannot be stored as it is."""
    prog = listing.program
    inst = listing.institution
    if not listing.id:
        raise InvalidInput("id", "a listing needs an id")
    if not inst.name or not inst.name.strip():
        raise InvalidInput("institution.name", "a listing needs an institution name")
    if not prog.name or not prog.name.strip():
        raise InvalidInput("program.name", "a listing needs a program name")
    if prog.credential not in CREDENTIALS:
        raise InvalidInput(
            "program.credential",
            f"unknown credential {prog.credential!r}",
            allowed=", ".join(CREDENTIALS),
        )
    if prog.delivery is not None and prog.delivery not in DELIVERIES:
        raise InvalidInput(
            "program.delivery", f"unknown delivery {prog.delivery!r}", allowed=", ".join(DELIVERIES)
        )
    if (inst.lat is None) != (inst.lon is None):
        raise InvalidInput("institution.location", "latitude and longitude must be given together")
    if inst.lat is not None and inst.lon is not None:
        if not (-90.0 <= inst.lat <= 90.0) or not (-180.0 <= inst.lon <= 180.0):
            raise InvalidInput(
                "institution.location", f"coordinates out of range: {inst.lat}, {inst.lon}"
            )
    if prog.length_basis is not None and prog.length_basis not in LENGTH_BASES:
        raise InvalidInput(
            "program.length_basis",
            f"unknown length basis {prog.length_basis!r}",
            allowed=", ".join(LENGTH_BASES),
        )
    for name in (
        "length_months",
        "length_min_months",
        "tuition_usd",
        "credit_hours",
        "clock_hours",
    ):
        value = getattr(prog, name)
        if value is not None and (value != value or value < 0):
            raise InvalidInput(
                f"program.{name}", f"{name} must be a non-negative number, got {value!r}"
            )


def public_doc(doc: dict[str, Any]) -> dict[str, Any]:
    """A listing document as search results show it: without the per-source field
    dumps, the run ids and the provenance (``GET /api/v1/programs/<id>`` has them)."""
    out = {k: v for k, v in doc.items() if k != "provenance"}
    out["sources"] = [
        {k: v for k, v in src.items() if k not in ("fields", "run_id")}
        for src in doc.get("sources") or ()
    ]
    return out


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def load_json(text: str | bytes) -> Any:
    """Parse stored JSON (orjson; the standard library for what it refuses, such as the NaN
    an earlier version could write)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def compact_json(value: Any) -> str:
    """Compact JSON text (orjson: the write path and every search answer go through here);
    a stray NaN or infinity becomes null instead of invalid JSON."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
    except (
        TypeError
    ):  # a value orjson does not know (an integer beyond 64 bits, a lone surrogate, ...)
        return json.dumps(_finite(value), ensure_ascii=False, separators=(",", ":"), default=str)


def document_json(listing: Listing) -> tuple[str, str]:
    """``compact_json(listing.to_doc())`` and ``compact_json(public_doc(listing.to_doc()))``.

    Built from shared pieces, so that the parts both forms have (the institution,
    the program, the outcomes) are encoded once: this is most of a write's cost.
    """
    head = compact_json(
        {
            "id": listing.id,
            "institution": listing.institution.__dict__,
            "program": listing.program.__dict__,
            "outcomes": listing.outcomes.__dict__,
        }
    )[:-1]
    tail = compact_json(
        {"first_seen": listing.first_seen, "last_seen": listing.last_seen, "status": listing.status}
    )[1:]
    sources = [ref.__dict__ for ref in listing.sources]
    public_sources = [
        {k: v for k, v in src.items() if k not in ("fields", "run_id")} for src in sources
    ]
    doc = f'{head},"sources":{compact_json(sources)},"provenance":{compact_json(listing.provenance)},{tail}'
    return doc, f'{head},"sources":{compact_json(public_sources)},{tail}'
