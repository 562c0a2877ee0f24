"""CIP (Classification of Instructional Programs) codes.

Rules of ``normalize_cip(value)`` (result: the 6-digit code ``"NN.NNNN"``):

* ``None``, ``""``, blanks and NaN -> ``None``.
* Text ``"51.0713"`` -> ``"51.0713"``; a leading "CIP"/"CIP code"/"CIP2020:" label, quotes,
  a spreadsheet ``="51.0713"`` wrapper and a trailing title ("51.0713 - Medical Insurance
  Coding ...") are tolerated.
* Damage done by number formatting is undone: a lost leading zero of the series
  ("1.0101" -> "01.0101") and lost trailing zeros of the fraction ("51.071" ->
  "51.0710"; so "51.713" is "51.7130": a CIP fraction always has 4 digits).
* Six digits ``"510713"`` / ``510713`` -> ``"51.0713"``; five digits are a 6-digit code
  that lost its leading zero (``10101`` -> ``"01.0101"``).
* A float is read with 4 decimals (``51.0713`` -> ``"51.0713"``).
* 2- and 4-digit codes (``"51"``, ``"51.07"``, ``"5107"``, ``99`` the IPEDS grand total) are
  families, not 6-digit codes -> ``None`` (use ``cip_family`` for them); so is a code
  whose last two digits are ``00`` (``51.0700`` is how a float ``51.07`` prints).
* Anything else that is not blank ("abc", "51.07.13", "-51.0713", booleans) raises
  ``InvalidInput("cip", ...)``.

``cip_family(value)`` -> the 4-digit family ``"51.07"`` of a 4- or 6-digit code, else ``None``
(never raises).

``cip_for_program_name(name)`` guesses the 6-digit CIP from a program title (first rule
that matches wins):

1. claims examiner / examining / claims processing -> 51.0715
2. health information technology / technician / tech, medical records technology /
   technician, "HIT" -> 51.0707
3. health information management / administration, medical records administration,
   "HIM" -> 51.0706
4. coding / coder (incl. "billing and coding") -> 51.0713, unless it is software coding
5. billing / biller / medical insurance specialist / reimbursement / revenue cycle -> 51.0714
6. medical administrative / executive assistant, medical secretary -> 51.0716
7. medical office assistant / specialist -> 51.0710
8. otherwise (health informatics 51.2706, transcription, medical assistant, ...) -> None

``in_scope(cip, include_neighbours=False)`` is True for the core CIPs of
:data:`programs.vocab.CORE_CIPS` (and :data:`programs.vocab.NEIGHBOUR_CIPS` when asked);
it never raises (garbage is not in scope).
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..errors import InvalidInput
from ..vocab import CORE_CIPS, NEIGHBOUR_CIPS
from ._text import clean

__all__ = ["normalize_cip", "cip_family", "cip_for_program_name", "in_scope"]

_ALLOWED = 'a 6-digit CIP code such as "51.0713" or "510713"'
_LABEL = re.compile(
    r"^(?:cip(?:\s*code)?(?:\s*\(?\s*(?:19|20)\d\d\s*\)?)?|cip(?:19|20)\d\d)\s*[:#=]?\s*",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,4})(?:\s*(?:[-:,(]|\s)\s*\D.*)?$", re.DOTALL)
_DIGITS = re.compile(r"^(\d{1,6})(?:\s+\D.*)?$", re.DOTALL)


def _strip(text: str) -> str:
    text = clean(text).strip()
    if text.startswith("="):
        text = text[1:].strip()
    text = text.strip("\"' ")
    text = _LABEL.sub("", text)
    return text.strip("\"' ")


def _parse(value: Any) -> tuple[str, str] | str | None:
    """(series, fraction) of a CIP code, a 'family' marker string, or None for blank.

    Raises InvalidInput for malformed input.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidInput(
            "cip",
            f"{value!r} is not a CIP code",  # pragma: no mutate
            allowed=_ALLOWED,  # pragma: no mutate
        )
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if not math.isfinite(value) or value < 0 or value >= 100:
            raise InvalidInput(
                "cip",
                f"{value!r} is not a CIP code",  # pragma: no mutate
                allowed=_ALLOWED,  # pragma: no mutate
            )
        text = f"{value:.4f}"
        series, fraction = text.split(".")
        return series.zfill(2), fraction
    if isinstance(value, int):
        if value < 0:
            raise InvalidInput(
                "cip",
                f"{value!r} is not a CIP code",  # pragma: no mutate
                allowed=_ALLOWED,  # pragma: no mutate
            )
        value = str(value)
    if not isinstance(value, str):
        raise InvalidInput(
            "cip",
            f"{type(value).__name__} is not a CIP code",  # pragma: no mutate
            allowed=_ALLOWED,  # pragma: no mutate
        )
    text = _strip(value)
    if not text:
        return None
    m = _DOTTED.match(text)
    if m:
        series, fraction = m.group(1), m.group(2)
        if len(fraction) <= 2:
            return "family"
        return series.zfill(2), fraction.ljust(4, "0")
    m = _DIGITS.match(text)
    if m:
        digits = m.group(1)
        if len(digits) <= 4:
            return "family"
        digits = digits.zfill(6)
        return digits[:2], digits[2:]
    raise InvalidInput(
        "cip",
        f"{value[:40]!r} is not a CIP code",  # pragma: no mutate
        allowed=_ALLOWED,  # pragma: no mutate
    )


def normalize_cip(value: str | int | float | None) -> str | None:
    """The 6-digit CIP code ``"NN.NNNN"`` of ``value``; ``None`` for blank or 2-/4-digit codes.

    Raises ``InvalidInput("cip", ...)`` for malformed non-blank input (see the module docstring).
    """
    parsed = _parse(value)
    if parsed is None or isinstance(parsed, str):  # blank, or "family" (a 2- or 4-digit code)
        return None
    series, fraction = parsed
    if fraction.endswith("00"):
        return None
    return f"{series}.{fraction}"


def cip_family(value: str | int | float | None) -> str | None:
    """The 4-digit family ``"NN.NN"`` of a 4- or 6-digit CIP code; ``None`` otherwise."""
    if isinstance(value, str):
        text = _strip(value)
        m = re.match(r"^(\d{1,2})\.(\d{2})(?:\d{0,2})?(?:\s|$|\s*-)", text + " ")
        if m:
            return f"{m.group(1).zfill(2)}.{m.group(2)}"
        m = re.match(r"^(\d{3,6})(?:\s|$)", text)
        if m:
            digits = m.group(1)
            digits = digits.zfill(4) if len(digits) <= 4 else digits.zfill(6)
            return f"{digits[:2]}.{digits[2:4]}"
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return cip_family(str(value))
    if isinstance(value, float) and math.isfinite(value):
        return cip_family(f"{value:.4f}")
    return None


_SOFTWARE = re.compile(
    r"\b(?:computer|software|web|programming|python|java(?:script)?|app|game|front-?end|back-?end"
    r"|full[- ]stack|developers?|data\s+science)\b"
)
_MEDICAL = re.compile(
    r"\b(?:medical|health|healthcare|insurance|icd|cpt|clinical|outpatient|inpatient|hospital"
    r"|physician|billing|pharmacy|dental)\b"
)
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("51.0715", re.compile(r"\bclaims?\s+(?:examin\w*|processing|processor|adjust\w*)\b")),
    (
        "51.0707",
        re.compile(
            r"\bhealth\s+information\s+(?:management\s+)?(?:technolog\w*|technician|tech)\b"
            r"|\bmedical\s+records?\s+(?:technolog\w*|technician|tech)\b|\bhit\b"
        ),
    ),
    (
        "51.0706",
        re.compile(
            r"\bhealth\s+information\s+(?:management|administrat\w*)\b"
            r"|\bmedical\s+records?\s+(?:administrat\w*|management)\b|\bhim\b"
            r"|\bhealth\b.*\binformation\s+management\b"
        ),
    ),
    ("51.0713", re.compile(r"\bcod(?:ing|er|ers)\b")),
    (
        "51.0714",
        re.compile(
            r"\bbill(?:ing|er|ers)\b|\bmedical\s+insurance\s+specialist\b|\breimbursement\b"
            r"|\brevenue\s+cycle\b|\binsurance\s+specialist\b"
        ),
    ),
    (
        "51.0716",
        re.compile(
            r"\bmedical\s+(?:office\s+)?(?:administrative|executive)\s+(?:assistant|specialist|professional)"
            r"|\bmedical\s+secretar\w*|\bmedical\s+office\s+administrat\w*\s+assistant"
        ),
    ),
    (
        "51.0710",
        re.compile(
            r"\bmedical\s+office\s+(?:assistant|specialist|professional|assisting)\b"
            r"|\bmedical\s+front\s+office\b"
        ),
    ),
]


def cip_for_program_name(name: str) -> str | None:
    """A 6-digit CIP guessed from a program title (rules in the module docstring); ``None`` if unsure."""
    if not isinstance(name, str) or not name.strip():
        return None
    text = clean(name).lower()
    text = re.sub(r"[^a-z0-9/ -]", " ", text)
    text = re.sub(r"[\s/-]+", " ", text)
    for code, pattern in _RULES:
        if not pattern.search(text):
            continue
        if code == "51.0713" and _SOFTWARE.search(text) and not _MEDICAL.search(text):
            continue
        if code == "51.0714" and _SOFTWARE.search(text) and not _MEDICAL.search(text):
            continue
        return code
    return None


def in_scope(cip: str | int | float | None, include_neighbours: bool = False) -> bool:
    """True when ``cip`` is a core CIP of this service (or a neighbour, when asked)."""
    try:
        code = normalize_cip(cip)
    except InvalidInput:
        return False
    if code is None:
        return False
    return code in CORE_CIPS or (include_neighbours and code in NEIGHBOUR_CIPS)
