"""Turn one source's raw view of a program (as a spider or the extractor yields
it) into a normalised :class:`~programs.model.Listing`.

Pure: no I/O. Raises :class:`~programs.errors.InvalidInput` naming the field
when the raw data cannot make a listing (no name, unknown credential, a
malformed CIP code); the crawler drops that item with the parameter as reason.
"""

from __future__ import annotations

import math
from typing import Any

from .errors import InvalidInput
from .model import Institution, Listing, Outcomes, Program, institution_key, listing_id
from .normalize import (
    award_level_label,
    cip_for_program_name,
    clean_institution_name,
    credential_from_award_level,
    credential_from_text,
    delivery_from_flags,
    find_accreditations,
    find_certifications,
    normalize_cip,
    normalize_institution_name,
    normalize_state,
    normalize_url,
    normalize_zip5,
    parse_delivery,
    parse_hours,
    parse_length,
    parse_price_value,
    parse_tuition,
)
from .vocab import (
    ACCREDITATIONS,
    CERTIFICATIONS,
    CORE_CIPS,
    CREDENTIALS,
    DELIVERIES,
    LENGTH_BASES,
    NEIGHBOUR_CIPS,
)

#: the bases a source may give with a length it reports (the award level's span is never given)
STATED_BASES = LENGTH_BASES[:3]
#: the page extractor's ``length_basis`` (see :mod:`programs.normalize.length`): a length it read
#: from the page is the school's (the source's default), one it estimated from credits or clock
#: hours is an estimate, shown "about 2 years (62 credits)"
EXTRACTED_BASES = {"stated": None, "credits": "estimate", "clock_hours": "estimate"}


def number(value: Any, field: str) -> float | None:
    """A finite float from a number or numeric text; None for blank; InvalidInput otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidInput(field, f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        out = float(value)
    else:
        text = str(value).strip().replace(",", "")
        if text == "" or text.lower() in {".", "null", "none", "n/a", "privacysuppressed", "nan"}:
            return None
        try:
            out = float(text)
        except ValueError:
            raise InvalidInput(field, f"{str(value)[:40]!r} is not a number") from None
    if math.isnan(out) or math.isinf(out):
        raise InvalidInput(field, f"{value!r} is not a finite number")
    return out


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _codes(values: Any, known: dict, text: str | None, finder) -> list[str]:
    out: set[str] = set()
    if isinstance(values, str):
        values = [values]
    for value in values or []:
        code = str(value).strip().upper()
        if code in known:
            out.add(code)
    if text:
        out.update(finder(text))
    return sorted(out)


def _coordinate(value: Any, field: str, limit: float) -> float | None:
    try:
        out = number(value, field)
    except InvalidInput:
        return None
    if out is None or not -limit <= out <= limit:
        return None
    return out


def build_institution(raw: dict[str, Any], unitid: str | None) -> Institution:
    name = clean_institution_name(_text(raw.get("name")) or "")
    lat = _coordinate(raw.get("lat"), "institution.lat", 90.0)
    lon = _coordinate(raw.get("lon"), "institution.lon", 180.0)
    if lat is None or lon is None or (lat == 0.0 and lon == 0.0):
        lat = lon = None
    return Institution(
        name=name,
        unitid=str(int(unitid))
        if unitid not in (None, "") and str(unitid).strip().isdigit()
        else None,
        url=normalize_url(raw.get("url")) if raw.get("url") else None,
        address=_text(raw.get("address")),
        city=_text(raw.get("city")),
        state=normalize_state(raw.get("state")) if raw.get("state") else None,
        zip=normalize_zip5(raw.get("zip")) if raw.get("zip") not in (None, "") else None,
        lat=lat,
        lon=lon,
    )


def resolve_credential(raw: dict[str, Any], name: str | None) -> tuple[str | None, int | None]:
    """(credential class, award level) from an explicit class, an IPEDS award level or text."""
    level = raw.get("award_level")
    award_level = None
    value = number(level, "program.award_level")
    if value is not None:  # "n/a", "null" and the like are blank, as for any number
        award_level = int(value)
    credential = raw.get("credential")
    if isinstance(credential, str) and credential.strip().lower() in CREDENTIALS:
        return credential.strip().lower(), award_level
    if award_level is not None:
        from_level = credential_from_award_level(award_level)
        if from_level:
            return from_level, award_level
    for text in (raw.get("credential_text"), credential, name):
        if isinstance(text, str):
            found = credential_from_text(text)
            if found:
                return found, award_level
    return None, award_level


def build_program(raw: dict[str, Any]) -> Program:
    cip = normalize_cip(raw.get("cip")) if raw.get("cip") not in (None, "") else None
    name = _text(raw.get("name"))
    if not name and cip:
        name = CORE_CIPS.get(cip) or NEIGHBOUR_CIPS.get(cip)
    if not name:
        raise InvalidInput("program.name", "the program has no name and no known CIP code")
    credential, award_level = resolve_credential(raw, name)
    if credential is None:
        raise InvalidInput(
            "program.credential",
            f"cannot tell the credential of {name[:60]!r}",
            allowed=", ".join(CREDENTIALS),
        )
    length_text = _text(raw.get("length_text"))
    months = number(raw.get("length_months"), "program.length_months")
    min_months = number(raw.get("length_min_months"), "program.length_min_months")
    if months is None and length_text:
        parsed = parse_length(length_text)
        months, min_months = parsed.months, parsed.min_months
    credit_hours = number(raw.get("credit_hours"), "program.credit_hours")
    clock_hours = number(raw.get("clock_hours"), "program.clock_hours")
    hours_text = _text(raw.get("hours_text"))
    if hours_text and (credit_hours is None and clock_hours is None):
        hours = parse_hours(hours_text)
        credit_hours, clock_hours = hours.credit_hours, hours.clock_hours
    delivery = raw.get("delivery")
    if delivery not in DELIVERIES:
        delivery = parse_delivery(delivery) if isinstance(delivery, str) else None
    if delivery is None and raw.get("delivery_text"):
        delivery = parse_delivery(raw.get("delivery_text"))
    if delivery is None and (
        raw.get("distance_education") is not None or raw.get("online_only") is not None
    ):
        delivery = delivery_from_flags(raw.get("distance_education"), raw.get("online_only"))
    tuition_text = _text(raw.get("tuition_text"))
    tuition = raw.get("tuition_usd")
    tuition = parse_price_value(tuition) if tuition not in (None, "") else None
    if tuition is None and tuition_text:
        tuition = parse_tuition(tuition_text, credits=credit_hours)
    basis = raw.get("length_basis")
    basis = EXTRACTED_BASES.get(basis, basis) if isinstance(basis, str) else None
    basis = basis if months is not None and basis in STATED_BASES else None
    return Program(
        name=name,
        cip=cip,
        credential=credential,
        award_level=award_level,
        award_level_label=award_level_label(award_level) if award_level is not None else None,
        length_months=months,
        length_min_months=min_months if min_months is not None else months,
        length_text=length_text,
        length_basis=basis,
        credit_hours=credit_hours,
        clock_hours=clock_hours,
        delivery=delivery,
        tuition_usd=tuition,
        tuition_text=tuition_text,
        certifications=_codes(
            raw.get("certifications"),
            CERTIFICATIONS,
            _text(raw.get("certifications_text")),
            find_certifications,
        ),
        accreditations=_codes(
            raw.get("accreditations"),
            ACCREDITATIONS,
            _text(raw.get("accreditations_text")),
            find_accreditations,
        ),
        url=normalize_url(raw.get("url")) if raw.get("url") else None,
        description=_text(raw.get("description")),
    )


def build_outcomes(raw: dict[str, Any] | None) -> Outcomes:
    raw = raw or {}

    def money(name: str) -> float | None:
        try:
            value = number(raw.get(name), f"outcomes.{name}")
        except InvalidInput:
            return None
        return value if value is None or value >= 0 else None

    completions = money("completions")
    return Outcomes(
        median_earnings_1yr=money("median_earnings_1yr"),
        median_earnings_2yr=money("median_earnings_2yr"),
        median_debt=money("median_debt"),
        completions=int(completions) if completions is not None else None,
    )


SHORT_COURSE_AWARD_LEVEL = 20
SHORT_COURSE_MAX_MONTHS = 3.0
SHORT_COURSE_MAX_CLOCK_HOURS = 300.0


def is_short_course(program: Program) -> bool:
    """A short course: IPEDS award level 20 (under 12 weeks), or, without an award
    level, a non-credit offering or one of at most 3 months / 300 clock hours that
    carries no credits. A school's short course and its credit certificate in the
    same CIP are different programs, so the short course gets its own listing."""
    if program.award_level is not None:
        return program.award_level == SHORT_COURSE_AWARD_LEVEL
    if program.credential != "certificate" or program.credit_hours:
        return False
    name = program.name.lower().replace("-", "").replace(" ", "")
    if "noncredit" in name:
        return True
    if program.length_months is not None and program.length_months <= SHORT_COURSE_MAX_MONTHS:
        return True
    return program.clock_hours is not None and program.clock_hours <= SHORT_COURSE_MAX_CLOCK_HOURS


def program_key(program: Program) -> str:
    """The CIP code when known (or guessed from the name), else the normalised name;
    with ``:short`` for a short course."""
    key = (
        program.cip
        or cip_for_program_name(program.name)
        or "name:" + normalize_institution_name(program.name)
    )
    return key + ":short" if is_short_course(program) else key


def build_listing(
    *,
    unitid: Any,
    institution: dict[str, Any],
    program: dict[str, Any],
    outcomes: dict[str, Any] | None = None,
    listing_id_override: str | None = None,
) -> Listing:
    """A normalised listing from raw institution/program/outcome dicts."""
    inst = build_institution(institution or {}, unitid if unitid not in (None, "") else None)
    if not inst.name and not inst.unitid:
        raise InvalidInput("institution.name", "the institution has no name and no UNITID")
    prog = build_program(program or {})
    assert prog.credential is not None  # build_program refuses a program without one
    lid = listing_id_override or listing_id(
        institution_key(inst.unitid, inst.name, inst.zip), program_key(prog), prog.credential
    )
    return Listing(id=lid, institution=inst, program=prog, outcomes=build_outcomes(outcomes))
