"""Program cost in US dollars.

``parse_tuition(text, credits=None)`` reads the total cost of a program from prose;
``parse_price_value(value)`` reads a structured price (schema.org ``price``). Neither
raises; what cannot be read is ``None``.

Rules of ``parse_tuition``:

* Only amounts marked as money count: ``$3,995``, ``$3,895.00``, ``US$ 2,500``,
  ``USD 2500``, ``2500 USD``, ``2,500 dollars``, ``$3.5k`` (``$1.2 million`` is
  $1,200,000, so no program cost). Bare numbers never do, so
  phone numbers, years, ZIP codes, street numbers and suites are never costs.
* **Ranges** (``$3,000 - $4,500``, ``$3,000 to $4,500``, ``$3,000-4,500``; "between
  $3,000 and $4,500" through the next rule) give their UPPER bound: what a student may
  have to pay. The same holds for several program-cost amounts in one text (in-state /
  out-of-state): the largest is taken.
* Amounts in a clause about something else are ignored. The nearest cue word
  before the amount decides (words in an "including ..." aside are skipped): salary
  and pay words (salary, earn, wage, income, median, average), exam and
  certification fees (exam, test, voucher, membership), other fees and extras
  (application, registration, deposit, books, supplies, uniform, background check,
  parking, transcript, criminal history checks, fingerprints, immunizations, CPR,
  liability or health insurance), savings and aid (save, discount, scholarship, grant,
  Pell, loan, debt, financial aid, "... in grants"). Cost words
  (tuition, total, cost of the program, price, fees, investment, "Cost:") make an amount a
  program cost. An amount directly followed by "application fee", "exam fee", "fee",
  "deposit", "off", "scholarship", "for books", "at student expense" etc. is ignored too.
* Rates are not program totals: per hour / week / month / semester / term / year
  amounts are ignored (so are "$99/month" and "Tuition per semester: $2,100"), except
  per-credit prices.
* **Per-credit prices** (``$250 per credit hour``, ``$250/credit``, ``$250 a credit``)
  are multiplied by the credit count: the ``credits`` argument, else the total credits
  found in the same text (:func:`programs.normalize.hours.parse_hours`); with no credit
  count the per-credit price gives ``None``.
* Preference: an amount with a "total" cue, else the largest other program-cost
  amount, else a per-credit price times credits.
* Amounts above $500,000 are not program costs and are ignored. Results are rounded
  to cents.
"""

from __future__ import annotations

import math
import re
from typing import Any

from price_parser import Price

from ._text import clause_after, clause_before, clean, to_number
from .hours import parse_hours

__all__ = ["parse_tuition", "parse_price_value", "MAX_TUITION"]

MAX_TUITION = 500_000.0

_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
_K = r"(?:\s?(?P<k{i}>k|thousand|million|billion)\b)?"
_MONEY = re.compile(
    r"(?:(?:\bUS\s?\$|\$|\bUSD\s?)\s?(?P<a>"  # \b: not the "us" of "bonus", "campus", "status"
    + _AMOUNT
    + r")(?!\d|,\d)"  # "$54,8902" (a footnote mark glued on) is no amount
    + _K.format(i="a")
    + r"|(?<![\w.,$])(?P<c>"
    + _AMOUNT
    + r")"
    + _K.format(i="c")
    + r"\s?(?:USD|US\s+dollars|dollars)\b)"
    + r"(?:\s*(?:-|to)\s*(?:\bUS\s?\$|\$|\bUSD\s?)?\s?(?P<b>"
    + _AMOUNT
    + r")"
    + _K.format(i="b")
    + r"(?:\s?(?:USD|dollars)\b)?)?",
    re.IGNORECASE,
)

_COST_CUE = (
    r"tuition|total|price|priced|cost\s+of\s+(?:the\s+)?(?:program|course|certificate|training|attendance|degree)"
    r"|(?:program|course|training|certificate|diploma|degree)\s+(?:cost|fee|price|tuition)s?|fees|investment"
    r"|all-inclusive"
)
_OTHER_CUE = (
    r"salar(?:y|ies)|earn\w*|wages?|income|paid|pay\s+(?:rate|range|scale)|make\s+(?:up\s+to|about|around)"
    r"|median|average|hourly|annual(?:ly)?|exam\w*|test\w*|vouchers?|membership|application|registration"
    r"|deposit|books?|textbooks?|supplies|uniforms?|scrubs|background|drug\s+screen|parking|transcripts?"
    r"|graduation\s+fee|late\s+fee|technology\s+fee|lab\s+fee|save|saving|savings|discount|scholarships?"
    r"|grants?|loans?|debt|stipend|bonus|rebate|refund|reimburse\w*|donat\w*|worth|value|valued|retail"
    r"|(?:financial\s+)?aid|criminal|fingerprint\w*|immuni[sz]ations?|physical\s+exam\w*|pell"
    r"|(?:liability|malpractice|health)\s+insurance|insurance\s+(?:premiums?|coverage|polic(?:y|ies))"
    r"|cpr|bls|first\s+aid|pays|pay\s+up\s+to"
)
_CUE = re.compile(
    r"\b(?:(?P<cost>(?:" + _COST_CUE + r")\b|costs?\s*:)|(?P<other>" + _OTHER_CUE + r")\b)",
    re.IGNORECASE,
)
_INCLUDING = re.compile(
    r"\b(?:includ\w*|plus|as\s+well\s+as|covers?|covering|with)\s+(?:the\s+|a\s+|an\s+|your\s+|all\s+)?"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_OTHER_AFTER = re.compile(
    r"^\s*(?:\)\s*)?(?:non-?refundable\s+)?(?:application|registration|exam\w*|test\w*|enrollment|enrolment|lab|technology"
    r"|graduation|late|book|materials?|supply|uniform|background|deposit|processing|testing|certification|membership)?"
    r"\s*(?:fees?\b|deposit\b|voucher\b)"
    r"|^\s*(?:for|on|in)\s+(?:the\s+|your\s+|all\s+)?(?:books?|textbooks?|supplies|materials|uniforms?|scrubs|exam\w*|tests?"
    r"|testing|application|registration|background|parking|vouchers?)\b"
    r"|^\s*(?:off\b|discount|scholarship|grant|savings?|rebate|bonus|stipend|salary|in\s+(?:salary|earnings|savings|scholarships?|aid|financial)"
    r"|annual(?:ly)?|a\s+year\s+(?:salary|in)|per\s+(?:hour|hr|week|wk|month|mo|year|yr|annum|semester|term|quarter|session|day|payment|installment|class|course)\b"
    r"|an?\s+(?:hour|week|month|year|semester|term|quarter|day)\b|/\s*(?:hour|hr|h|week|wk|month|mo|year|yr|semester|term|quarter|day)\b"
    r"|each\s+(?:semester|term|quarter|year|month|week|session|course|class)\b|(?:monthly|weekly|hourly|yearly))"
    r"|^\s*(?:\)\s*)?(?:is\s+|are\s+)?(?:paid\s+)?(?:at|by)\s+(?:the\s+)?(?:student'?s?|your\s+own)\s+expense\b"
    r"|^\s*in\s+(?:\w+\s+)?(?:grants?|loans?|aid|awards?)\b",
    re.IGNORECASE,
)
_PER_CREDIT_AFTER = re.compile(
    r"^\s*(?:per|a|an|each|for\s+each|for\s+every|/)\s*(?:semester\s+|quarter\s+)?(?:credit|cr\.?|unit)s?\b"
    r"(?:[- ]?(?:hours?|hrs?\.?))?",
    re.IGNORECASE,
)
_PER_CREDIT_BEFORE = re.compile(
    r"\bper[- ](?:semester\s+)?(?:credit|unit)(?:[- ]hour)?\s*(?:tuition|rate|cost|price)?"
    r"\s*(?:is|of|:)?\s*$",
    re.IGNORECASE,
)
# "Tuition per semester: $2,100", "Cost per course $600": a rate, not the program's total
_RATE_BEFORE = re.compile(
    r"\b(?:per|each|a|every)\s+(?:semester|term|quarter|year|month|week|course|class|session|module|day)\s*[:=-]?\s*$",
    re.IGNORECASE,
)
_RATE_WORD = re.compile(
    r"\b(?:per|each|a|every)\b", re.IGNORECASE
)  # a cheap pre-check for _RATE_BEFORE
_TOTAL = re.compile(
    r"\b(?:total|all-inclusive|entire\s+program|whole\s+program|full\s+program)\b", re.IGNORECASE
)


_BLANKS = re.compile(r"\$[\s_]*_[\s_]*(?=\d)")  # a filled-in form: "Tuition $___1955.15___"


_SCALE = {"k": 1e3, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def _amount(number: str | None, k: str | None) -> float | None:
    if not number:
        return None
    value = to_number(number)
    if value is None:
        return None
    if k:
        value *= _SCALE[k.lower()]
    return value


def _last_cue(before: str) -> str | None:
    """'cost', 'other' or None: the kind of the nearest cue word before an amount."""
    kind = None
    for m in _CUE.finditer(before):
        if m.group("other") and _INCLUDING.search(before[: m.start()]):
            continue  # "including the exam voucher" does not make the amount an exam fee
        kind = "cost" if m.group("cost") else "other"
    return kind


def parse_tuition(text: str | None, *, credits: float | None = None) -> float | None:
    """Total program cost in US dollars found in ``text``; see the module docstring for the rules.

    ``credits`` is the program's credit count, used for per-credit prices.
    """
    return _parse_tuition(text, credits)


def _parse_tuition(text: Any, credits: Any) -> float | None:  # noqa: C901
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return parse_price_value(text)
    if not isinstance(text, str) or not text.strip():
        return None
    text = _BLANKS.sub("$", clean(text))
    totals: list[float] = []
    plain: list[float] = []
    per_credit: list[float] = []
    for m in _MONEY.finditer(text):
        low = _amount(m.group("a") or m.group("c"), m.group("ka") or m.group("kc"))
        high = _amount(m.group("b"), m.group("kb"))
        if low is None:
            continue
        value = max(low, high) if high is not None else low
        if not 0 <= value <= MAX_TUITION:
            continue
        before = clause_before(text, m.start(), 80)
        after = clause_after(text, m.end(), 60)
        if _PER_CREDIT_AFTER.match(after) or _PER_CREDIT_BEFORE.search(before):
            if _last_cue(before) != "other":
                per_credit.append(value)
            continue
        if _OTHER_AFTER.match(after) or (_RATE_WORD.search(before) and _RATE_BEFORE.search(before)):
            continue
        cue = _last_cue(before)
        if cue == "other":
            continue
        if _TOTAL.search(before) or re.match(
            r"^\s*(?:total|in\s+total|all-inclusive)\b", after, re.IGNORECASE
        ):
            totals.append(value)
        else:
            plain.append(value)
    if totals:
        return round(max(totals), 2)
    if plain:
        return round(max(plain), 2)
    if per_credit:
        count = _credit_count(credits)
        if count is None:
            count = parse_hours(text).credit_hours
        if count is None:
            return None
        total = max(per_credit) * count
        if total > MAX_TUITION:
            return None
        return round(total, 2)
    return None


def _credit_count(credits: Any) -> float | None:
    if credits is None or isinstance(credits, bool) or not isinstance(credits, (int, float)):
        return None
    value = float(credits)
    if not math.isfinite(value) or value <= 0:
        return None
    return value


def parse_price_value(value: Any) -> float | None:
    """A structured price in dollars: ``3995``, ``3995.0``, ``"3995.00"``, ``"$3,995"``.

    Dicts are read through their ``price`` / ``value`` / ``priceSpecification`` keys and
    lists give their first readable item (schema.org ``offers`` shapes). Text must
    contain a digit ("Free" is not a price). Negative, non-finite and absurd (over
    $500,000) values give ``None``.
    """
    return _parse_price_value(value, 0)


def _parse_price_value(value: Any, depth: int) -> float | None:
    if value is None or isinstance(value, bool) or depth > 5:
        return None
    if isinstance(value, (int, float)):
        amount = float(value)
        return round(amount, 2) if math.isfinite(amount) and 0 <= amount <= MAX_TUITION else None
    if isinstance(value, dict):
        for key in (
            "price",
            "value",
            "@value",
            "maxPrice",
            "minPrice",
            "priceSpecification",
            "offers",
        ):
            if key in value:
                found = _parse_price_value(value[key], depth + 1)
                if found is not None:
                    return found
        return None
    if isinstance(value, (list, tuple)):
        for item in value[:20]:
            found = _parse_price_value(item, depth + 1)
            if found is not None:
                return found
        return None
    if not isinstance(value, str):
        return None
    text = clean(value).strip()
    if not text or len(text) > 100 or not re.search(r"\d", text):
        return None
    if re.fullmatch(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", text):
        number = to_number(text)  # schema.org: "." is the decimal separator
    else:
        if re.search(r"(?<![\w])-\s*\$?\s*\d", text) and not re.search(r"\d\s*-\s*\$?\s*\d", text):
            return None  # a negative amount
        number = Price.fromstring(text).amount_float
    if number is None or not math.isfinite(number) or not 0 <= number <= MAX_TUITION:
        return None
    return round(number, 2)
