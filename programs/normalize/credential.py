"""Credential class of a program: ``certificate``, ``associate``, ``bachelor``, ``master``.

Rules of ``credential_from_text``:

* **certificate**: certificate (of achievement / completion / proficiency, career,
  technical, professional, undergraduate, graduate, post-baccalaureate, post-master's),
  diploma, short course, non-credit / noncredit course, continuing education course.
  "Post-baccalaureate certificate" and "post-master's certificate" are certificates,
  not bachelor's or master's.
* **associate**: "Associate of/in (Applied) Science/Arts/...", "Associate degree",
  "Associate's", "Associates Degree", A.A.S., AAS, A.S., A.A., AOS, AAT, AAS-T. A bare
  word "associate" counts only as the whole value ("Associate") or before degree / of /
  in, so "Certified Coding Associate" is not an associate degree.
* **bachelor**: Bachelor('s) of ..., baccalaureate, B.S., B.A., B.A.S., BS, BA, BAS,
  BSHIM, BSHA, BSHI, BSc.
* **master**: Master's / Master of / Masters, M.S., M.A., MS, MA, MHA, MSHI, MSHIM,
  MHI, MHIM, MBA, MPH, MSc, MSHA.
* Abbreviations without dots must be upper case and whole words ("jobs", "forms",
  "as few as" never match). Two-letter ones (AS, AA, BS, BA, MS, MA) also need to be
  the whole value, in parentheses, after a comma at the end of a program's name
  ("Health Information Management, BS"; not MA or MS, which are also states), or followed by in / of / degree / program, so
  "MS Word" and "AS" in a sentence do not match.
* When several credentials are named, the first one mentioned wins ("Certificate
  for bachelor's degree holders" -> certificate).
* Weaker hints used only when nothing above matched: "course", "certification",
  "training program", "bootcamp" -> certificate.
* "degree" alone, doctorates and unknown text -> ``None``.

``credential_from_award_level(level)`` / ``award_level_label(level)`` read
:data:`programs.vocab.AWARD_LEVELS` (IPEDS AWLEVEL). ``None`` or ``""`` -> ``None``;
integral numbers and digit strings ("3", " 3 ", "3.0") are looked up and unknown codes
give ``None``; anything else (text, fractions, booleans, NaN) raises
``InvalidInput("award_level", ...)``.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..errors import InvalidInput
from ..vocab import AWARD_LEVELS
from ._text import clean

__all__ = ["credential_from_text", "credential_from_award_level", "award_level_label"]


# two-letter awards that are also state codes: "Boston, MA" ends no program's name
_STATE_CODES = frozenset({"MA", "MS"})
_TWO_LETTER_CONTEXT = r"(?=\s+(?:in|of|degree|program|track|option)\b)"

_ABBREVIATIONS: dict[str, tuple[list[str], list[str]]] = {
    # credential: (abbreviations of 3+ letters, two-letter abbreviations)
    "associate": (["AAS", "AOS", "AAT", "AAB", "AAS-T"], ["AS", "AA"]),
    "bachelor": (["BAS", "BSHIM", "BSHA", "BSHI", "BSc", "BAAS", "BSBA"], ["BS", "BA"]),
    "master": (
        ["MHA", "MSHI", "MSHIM", "MHI", "MHIM", "MBA", "MPH", "MSc", "MSHA", "MPA"],
        ["MS", "MA"],
    ),
}


# The awards named in words, most specific first (data: the word-list check in TESTING.md covers them).
_WORD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "graduate_certificate",
        re.compile(
            r"\bpost[-\s]?(?:baccalaureate|bachelor'?s?|graduate|master'?s?)\s+"
            r"(?:\w+\s+){0,3}?(?:certificates?|certification|diplomas?)\b"
            r"|(?<![\w-])graduate\s+(?:\w+\s+){0,3}?certificates?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "certificate",
        re.compile(
            r"\bpost[-\s]?(?:degree|associate)\s+"
            r"(?:\w+\s+){0,3}?(?:certificates?|certification|diplomas?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "certificate",
        re.compile(
            r"\b(?:certificates?|diplomas?|short[- ]courses?|non-?credit(?:\s+\w+){0,2}\s+(?:courses?|programs?)"
            r"|non-?credit|continuing\s+education\s+(?:courses?|programs?|certificates?))\b"
            # "cert." ends in a dot: a word boundary after it would need a letter next
            r"|\bcert\.(?!\w)",
            re.IGNORECASE,
        ),
    ),
    (
        "associate",
        re.compile(
            r"\bassociate(?:'?s)?(?=\s+(?:of|in)\s+\w|\s+(?:degree|degrees|program|level)\b)"
            r"|\bassociate'?s\b|^\s*associates?\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"(?<!post-)(?<!post )(?<!post)\b(?:bachelor'?s?|baccalaureate)\b", re.IGNORECASE
        ),
    ),
    (
        "master",
        re.compile(
            r"(?<!post-)(?<!post )(?<!post)\bmaster(?:'?s)?(?=\s+(?:of|in)\s+\w|\s+(?:degree|degrees|program|level)\b)"
            r"|(?<!post-)(?<!post )\bmaster'?s\b|^\s*masters?\s*$",
            re.IGNORECASE,
        ),
    ),
]


# An abbreviation stands alone: no letter or digit (nor, for a dotted one, a dot) touches it.
_ALONE_BEFORE = r"(?<![A-Za-z0-9])"
_ALONE_BEFORE_DOTTED = r"(?<![A-Za-z0-9.])"
_ALONE_AFTER = r"(?![A-Za-z0-9])"


def _build() -> list[tuple[str, re.Pattern[str]]]:
    """The word patterns, then the patterns of each abbreviation ("AAS", "A.A.S.", "(AS)")."""
    pats = list(_WORD_PATTERNS)
    for credential, (long_abbrs, short_abbrs) in _ABBREVIATIONS.items():
        for abbr in long_abbrs:
            pats.append((credential, re.compile(_ALONE_BEFORE + re.escape(abbr) + _ALONE_AFTER)))
            if abbr.isalpha() and abbr.isupper():  # "A.A.S.", not "A.A.S.-T." nor "B.S.c."
                dotted = r"\.\s?".join(abbr) + r"\.?"
                pats.append(
                    (credential, re.compile(_ALONE_BEFORE_DOTTED + dotted + _ALONE_AFTER, re.I))
                )
        for abbr in short_abbrs:
            dotted = abbr[0] + r"\.\s?" + abbr[1] + r"\."
            pats.append((credential, re.compile(_ALONE_BEFORE_DOTTED + dotted + _ALONE_AFTER)))
            pats.append(
                (
                    credential,
                    re.compile(
                        r"^\s*"
                        + abbr
                        + r"\.?\s*$|\(\s*"
                        + abbr
                        + r"\s*\)|"
                        + ("" if abbr in _STATE_CODES else r",\s*" + abbr + r"\s*$|")
                        + r"(?<![^\s(/])"
                        + abbr
                        + _TWO_LETTER_CONTEXT
                        # the award joined to the field's initials: "an AS-HIT degree"
                        + r"|(?<![^\s(/])"
                        + abbr
                        + r"-[A-Z]{2,5}\b"
                    ),
                )
            )
    return pats


_PATTERNS = _build()
_WEAK = re.compile(
    r"\b(?:course|courses|certification|training\s+program|bootcamp|boot\s+camp)\b", re.IGNORECASE
)
_OUT_OF_SCOPE = re.compile(
    r"\b(?:doctor\w*|doctorate|ph\.?\s?d|d\.?h\.?a|dnp|ed\.?d)\b", re.IGNORECASE
)


def credential_from_text(text: str | None) -> str | None:
    """The credential class named in ``text`` (see the module docstring), or ``None``."""
    if not isinstance(text, str) or not text.strip():
        return None
    cleaned = clean(text).replace("\u2019", "'").strip()
    best: tuple[int, str] | None = None
    for credential, pattern in _PATTERNS:
        m = pattern.search(cleaned)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), credential)
    if best is not None:
        return best[1]
    if _OUT_OF_SCOPE.search(cleaned):
        return None
    if _WEAK.search(cleaned):
        return "certificate"
    return None


def _award_level(level: Any) -> int | None:
    if level is None:
        return None
    if isinstance(level, bool):
        raise InvalidInput(
            "award_level",
            f"{level!r} is not an award level",  # pragma: no mutate
            allowed="an IPEDS AWLEVEL code, e.g. 3",  # pragma: no mutate
        )
    if isinstance(level, int):
        return level
    if isinstance(level, float):
        if math.isfinite(level) and level.is_integer():
            return int(level)
        if math.isnan(level):
            return None  # a blank cell read by a numeric CSV reader
        raise InvalidInput(
            "award_level",
            f"{level!r} is not an award level",  # pragma: no mutate
            allowed="an IPEDS AWLEVEL code, e.g. 3",  # pragma: no mutate
        )
    if isinstance(level, str):
        text = level.strip()
        if not text:
            return None
        m = re.fullmatch(r"([+-]?\d{1,4})(?:\.0+)?", text)
        if m:
            return int(m.group(1))
        raise InvalidInput(
            "award_level",
            f"{text[:40]!r} is not an award level",  # pragma: no mutate
            allowed="an IPEDS AWLEVEL code, e.g. 3",  # pragma: no mutate
        )
    raise InvalidInput(
        "award_level",
        f"{type(level).__name__} is not an award level",  # pragma: no mutate
        allowed="an IPEDS AWLEVEL code, e.g. 3",  # pragma: no mutate
    )


def credential_from_award_level(level: int | str | None) -> str | None:
    """Credential class of an IPEDS award level (``3`` -> ``"associate"``); ``None`` if unknown.

    Raises ``InvalidInput("award_level", ...)`` for non-numeric input.
    """
    code = _award_level(level)
    if code is None or code not in AWARD_LEVELS:
        return None
    return AWARD_LEVELS[code][1]


def award_level_label(level: int | str | None) -> str | None:
    """IPEDS label of an award level (``3`` -> ``"Associate's degree"``); ``None`` if unknown.

    Raises ``InvalidInput("award_level", ...)`` for non-numeric input.
    """
    code = _award_level(level)
    if code is None or code not in AWARD_LEVELS:
        return None
    return AWARD_LEVELS[code][0]
