"""The school's own postal address from page text.

Looks for a "City, ST 12345" line (state as a two-letter code or a full name, ZIP or
ZIP+4) and takes the street from the same line ("1500 S. State Street, Chicago, IL
60616") or from the line before it ("5440 S. Pulaski Road" / "Chicago, IL 60632";
"Avenida Las Américas 2250" / "Ponce, PR 00716"). Lines are split at newlines (``<br>``
and block elements), middle dots, bullets and ``|``.

Addresses of other bodies are skipped: an address whose line (or the line before it)
speaks of an accreditor, a certifying body, a state education office (the letterhead of
an approval document) or where to send inquiries (CAHIIM's "200 East Randolph Street,
Suite 5100, Chicago, IL 60601", AHIMA's and AAPC's addresses).
"""

from __future__ import annotations

import re

from ..normalize import normalize_state, normalize_zip5

_SEGMENT_SPLIT = re.compile(r"\n|\s[\u00b7\u2022|]\s|\s[\u00b7\u2022|]|[\u00b7\u2022|]\s")
_CITY_LINE = re.compile(
    r"(?P<city>[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f.'\u2019 -]{0,40}?)\s*,\s*"
    r"(?P<state>[A-Z]{2}|[A-Z]\.[A-Z]\.|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\.?\s*,?\s+"
    r"(?P<zip>\d{5})(?:-\d{4})?(?!\d)"
)
_OTHER_BODY = re.compile(
    r"\bCAHIIM\b|\bAHIMA\b|\bAAPC\b|\bABHES\b|\bACCSC\b|\bDEAC\b|\bNHA\b|\bNCCT\b|accredit|inquir|\bcommission\b"
    r"|\bbureau\b|\bcouncil\b|\bboard\s+of\b"
    # a state office on an approval document ("State Education Department ... Albany, NY")
    r"|\bstate\s+(?:education\s+)?(?:department|board|office|agency)\b|\beducation\s+department\b"
    r"|\bdepartment\s+of\s+(?:higher\s+)?education\b|\bof\s+the\s+state\s+of\b|\bregents\b",
    re.IGNORECASE,
)
_STREET_HINT = re.compile(r"\d")
_LABEL_PREFIX = re.compile(r"^[A-Za-z][A-Za-z ]{0,30}:\s*")
_PHONE = re.compile(
    r"^\s*(?:tel\.?|phone|fax|call)?[:\s]*\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}\s*$", re.IGNORECASE
)


_LEAD_IN = re.compile(r"^.*?\b(?:at|is|in|to|visit)\s+(?=\d)", re.IGNORECASE)


def _clean_street(text: str) -> str | None:
    text = _LABEL_PREFIX.sub("", text.strip()).strip(" ,;")
    text = _LEAD_IN.sub("", text)  # "Visit us at 123 Main St" -> "123 Main St"
    if not text or not _STREET_HINT.search(text) or _PHONE.match(text) or len(text) > 80:
        return None
    return text


_NUMBER_THEN_NAME = re.compile(r"\d[\w-]*\s+[A-Za-z\u00c0-\u024f]")


def _street_start(parts: list[str]) -> int | None:
    """The part the street starts at: the first that begins with a house number and a name ("our
    campus is at 600 Main St", not "Founded in 1965"), else the first with a number in it
    ("Avenida Las Am\u00e9ricas 2250")."""
    for k, part in enumerate(parts):
        if _NUMBER_THEN_NAME.match(_LEAD_IN.sub("", _LABEL_PREFIX.sub("", part.strip()))):
            return k
    return next((k for k, part in enumerate(parts) if _STREET_HINT.search(part)), None)


def find_address(text: str) -> dict[str, str | None] | None:
    """``{"address", "city", "state", "zip"}`` of the first own address in ``text``, or ``None``."""
    if not text:
        return None
    segments = [s.strip() for s in _SEGMENT_SPLIT.split(text[:20000])]
    previous = ""
    before: list[str] = []
    for seg in segments:
        if not seg:
            continue
        for m in _CITY_LINE.finditer(seg):
            state = normalize_state(m.group("state"))
            zip5 = normalize_zip5(m.group("zip"))
            if not state or not zip5:
                continue
            head = seg[: m.start()]
            context = " ".join(before[-2:] + [head])[-250:]
            if _OTHER_BODY.search(context) or _OTHER_BODY.search(seg[m.end() : m.end() + 40]):
                continue
            city = m.group("city").strip()
            street = None
            if head.strip():
                # the street starts at the first comma-separated part with a number: "Some College, 12 Elm St."
                # -> "12 Elm St."; "123 Main St, Suite 100" stays whole; a leading sentence is dropped
                # a semicolon ends what came before ("Fictional Town, XY 12345; 10 Elm St")
                parts = head.rsplit(";", 1)[-1].split(",")  # _clean_street drops the trailing comma
                first = _street_start(parts)
                street = _clean_street(",".join(parts[first:])) if first is not None else None
                if street:
                    # a leading sentence ("We are downtown. 600 Main St"), not an abbreviation ("120 W. 31st Street")
                    m_sentence = re.match(r"^.*\b[A-Za-z]{4,}\.\s+(?=\S*\d)", street)
                    if m_sentence:
                        street = street[m_sentence.end() :]
            if street is None and previous:
                street = _clean_street(previous)
            return {"address": street, "city": city, "state": state, "zip": zip5}
        before.append(seg)
        previous = seg
    return None


def name_line_before(text: str, street: str | None) -> str | None:
    """The line just before the street line of an address block, when it reads like a school name."""
    if not text or not street:
        return None
    lines = [s.strip() for s in _SEGMENT_SPLIT.split(text) if s.strip()]
    for i, line in enumerate(lines):
        if street in line and i > 0:
            cand = lines[i - 1]
            if (
                re.search(r"\d", cand)
                or len(cand) > 100
                or re.search(r"\bcampus\b", cand, re.IGNORECASE)
            ):
                return None
            if re.search(
                r"\b(?:college|university|institute|school|academy|center|centre|colegio|universidad"
                r"|instituto|escuela)\b",
                cand,
                re.IGNORECASE,
            ):
                return cand
            return None
    return None
