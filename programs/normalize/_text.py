"""Small text helpers shared by the normalisers (private to the package).

Rules kept here so that every normaliser reads text the same way:

* every Unicode dash (hyphen, en dash, em dash, minus, ...) becomes ``-``;
  non-breaking and other odd spaces become a plain space; runs of spaces collapse;
* number words "one" .. "ninety-nine" (and "a dozen") become digits, "N and a half"
  (``words_to_digits``) and "N½" (``clean``) become ``N.5``;
* rounding is half-up to one decimal (``round_1``), never banker's rounding;
* a clause is the text between sentence punctuation (``. ! ? ;``), a newline or a
  bullet; the period of an abbreviation ("max.", "min.", "approx.", "est.", "ca.",
  "incl.") ends no clause; context windows never cross a clause.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_TEXT = 20_000  # longer input is cut: no program fact needs more, and it bounds regex work

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_WORDNUM = re.compile(
    r"\b(?:(?P<tens>"
    + "|".join(_TENS)
    + r")(?:[- ](?P<unit1>"
    + "|".join(k for k in _UNITS if _UNITS[k] and _UNITS[k] < 10)
    + r"))?|(?P<unit>"
    + "|".join(_UNITS)
    + r")|(?P<dozen>a dozen))\b",
    re.IGNORECASE,
)
# runs after the number words became digits, so "and one-half" reads "and 1-half" by then
_HALF = re.compile(r"(?<![\d.])(\d+(?:\.0)?)\s*-?\s*and\s+(?:a|1)[- ]half", re.IGNORECASE)
# The period of an abbreviation ("max. 5 years", "approx. $55") ends no clause.
# (The look-behinds follow the dot, so that they run only where there is one.)
_ABBREVIATION_DOT = (
    r"\.(?<!\b[Mm]ax\.)(?<!\b[Mm]in\.)(?<!\b[Aa]pprox\.)(?<!\b[Aa]ppx\.)(?<!\b[Ee]st\.)(?<!\b[Cc]a\.)"
    r"(?<!\b[Ii]ncl\.)"
)
_CLAUSE_SPLIT = re.compile(r"(?:(?:[!?;]|" + _ABBREVIATION_DOT + r")(?=\s|$)|\n|\r|\u2022|\|)")


def clean(text: str) -> str:
    """Dashes to ``-``, odd spaces to one space, cut to MAX_TEXT characters."""
    text = text[:MAX_TEXT]
    if "\u00bd" in text:  # before NFKC turns "1½" into "11⁄2"
        text = re.sub(r"(\d)\u00bd", r"\1.5", text).replace("\u00bd", "0.5")
    text = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    text = _DASHES.sub("-", text)
    text = _SPACES.sub(" ", text)
    return text


def words_to_digits(text: str) -> str:
    """ "two-year" -> "2-year", "twenty-four months" -> "24 months", "1 and a half" -> "1.5"."""

    def repl(m: re.Match[str]) -> str:
        if m.group("dozen"):
            return "12"
        if m.group("tens"):
            value = _TENS[m.group("tens").lower()]
            if m.group("unit1"):
                value += _UNITS[m.group("unit1").lower()]
            return str(value)
        return str(_UNITS[m.group("unit").lower()])

    text = _WORDNUM.sub(repl, text)
    text = _HALF.sub(lambda m: f"{float(m.group(1)) + 0.5:g}", text)
    return text


def to_number(text: str) -> float | None:
    """A float from "1,500", "1.5" or "12"; None when not finite or not a number."""
    try:
        value = float(text.replace(",", ""))
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(value):
        return None
    return value


def round_1(value: float) -> float:
    """Half-up rounding to one decimal: 1.05 -> 1.1, 2.769 -> 2.8."""
    try:
        return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        return value


def clause_before(text: str, start: int, limit: int = 80) -> str:
    """The text of the clause before ``start`` (at most ``limit`` characters)."""
    window = text[max(0, start - limit) : start]
    return _CLAUSE_SPLIT.split(window)[-1]  # split() always gives at least one part


def clause_after(text: str, end: int, limit: int = 60) -> str:
    """The text of the clause after ``end`` (at most ``limit`` characters)."""
    window = text[end : end + limit]
    return _CLAUSE_SPLIT.split(window)[0]


def clauses(text: str) -> list[str]:
    """The clauses of a text (split at sentence punctuation, newlines, bullets and ``|``)."""
    return [c for c in _CLAUSE_SPLIT.split(text) if c.strip()]
