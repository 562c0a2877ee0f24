"""Credit hours and clock (contact) hours of a whole program.

Rules:

* ``parse_hours`` returns ``Hours(credit_hours, clock_hours)``; a value it cannot
  find is ``None``. It never raises.
* A bare number (``60``, ``60.0``, ``"60"``, schema.org ``numberOfCredits``, also
  ``{"value": 60}``) is a credit count.
* Credits: "60 credits", "60 credit hours", "60 cr. hrs", "18 semester credits",
  "60 semester hours", "60 semester units", "36 quarter credits" (quarter credits
  are kept as stated, not converted), "Total Credit Hours: 60", "Credits required: 60",
  "Total Semester Hours: 63" (catalog software), "Quarter Hours: 90".
* Clock hours: "720 clock hours", "80 contact hours", "120 instructional hours",
  "80 hours of instruction", "an 80-hour course", "This 80 contact hours course",
  "Total Clock Hours: 900".
  Plain "24 hours" is not a clock-hour count ("24 hours a day").
* Totals win: a count introduced by "a total of", "total", "program requires",
  "requires", "consists of", "minimum of", "completion of" or followed by
  "(are/is) required" / "total" / "in total" is a total. When totals exist the
  largest total is taken; otherwise the largest remaining count.
* Not program totals, always ignored: per-course or per-term counts ("3-credit
  course", "3 credits each", "12 credits per semester", "10 hours per week",
  "a 160-hour externship"), transfer/prior-learning limits ("transfer up to 45
  credits"), enrolment-status counts ("at least 6 credits", "full-time students take 12
  credits"; but "full-time students complete the 45-credit certificate" is a total), money ("$250 per
  credit"), CEUs.
* A range ("18-24 credits") gives its upper bound, like lengths and costs.
* Counts outside (0, 1000] credits or (0, 20000] clock hours are ignored.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ._text import clause_after, clause_before, clean, to_number, words_to_digits

__all__ = ["Hours", "parse_hours"]

MAX_CREDITS = 1000.0
MAX_CLOCK = 20000.0


@dataclass(frozen=True)
class Hours:
    """The credit hours and clock hours a whole program requires (None when unknown)."""

    credit_hours: float | None
    clock_hours: float | None


_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_RANGE = rf"(?P<a>{_NUM})(?:\s*(?:-|to|or)\s*(?P<b>{_NUM}))?"
_LEAD = r"(?<![\w$.,/#])"

_CREDIT_RE = re.compile(
    _LEAD + _RANGE + r"\s*-?\s*(?:total\s+|additional\s+)?"
    r"(?P<kind>(?P<q>quarter)[- ](?:credit|unit|hour)s?(?:[- ]hours?)?"
    r"|(?:semester|sem\.?)[- ](?:credit|unit|hour)s?(?:[- ]hours?)?"
    r"|(?:credit|cr\.?)(?:s\b)?(?:[- ]?(?:hours?|hrs?\.?|units?))?"
    r"|credit-hours?)(?![a-z])",
    re.IGNORECASE,
)
_CLOCK_RE = re.compile(
    _LEAD + _RANGE + r"\s*-?\s*(?:total\s+)?"
    r"(?:(?P<q>clock|contact|instructional|instruction|classroom|lecture|training|program|course|class|direct|total)[- ]"
    r"(?:hours?|hrs?\.?)|(?P<plain>hours?|hrs?\.?))(?![a-z])",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(
    r"(?:total\s+)?(?:program\s+)?(?P<what>(?:(?P<lq>quarter|semester)\s+)?credits?(?:\s+hours?)?|credit\s+hours?|units"
    r"|(?P<lq2>quarter|semester)\s+(?:hours?|units?)|credit\s+units?"
    r"|(?:clock|contact)\s+hours?)\s*(?:required|needed)?\s*[:=]\s*(?P<n>" + _NUM + r")(?![\d.])",
    re.IGNORECASE,
)

_TOTAL_BEFORE = re.compile(
    r"(?:total(?:\s+of)?|requires?|required|requirement\s+of|consists?\s+of|comprised\s+of|minimum\s+of|"
    r"completion\s+of|complete|completing|earn|earning|includes?|program\s+of|totaling|totalling)"
    r"\s*(?:a\s+)?(?:minimum\s+of\s+|total\s+of\s+|approximately\s+|about\s+|at\s+least\s+)?$",
    re.IGNORECASE,
)
_TOTAL_AFTER = re.compile(
    r"^\s*(?:\)\s*)?(?:in\s+total|total\b|(?:are|is)\s+required|required\b)", re.IGNORECASE
)
_PER_AFTER = re.compile(
    r"^\s*\)?\s*(?:each\b|apiece|per\b|a\s+(?:week|term|semester|quarter|course|class|day|month)\b|/\s*(?:week|wk|term|semester)"
    r"|(?:(?!(?:of|in|from|including|across|over|and|with|for|to)\b)[a-z]+\s+){0,2}?"
    r"(?:courses?|class(?:es)?|modules?|lessons?|units?\b|sessions?|terms?|semesters?|quarters?"
    r"|externships?|internships?|practicums?|practica|clinicals?|labs?|rotations?|seminars?|workshops?|electives?)\b)",
    re.IGNORECASE,
)
_PER_BEFORE = re.compile(
    r"(?:\b(?:each|every|per|individual)\s+(?:[a-z]+\s+){0,2}(?:courses?|class(?:es)?|modules?|terms?|semesters?|quarters?"
    r"|sessions?)\b[^.]*$"
    r"|\b(?:courses|classes|modules)\s+(?:are|carry|worth|of|range\s+from)\s*(?:about\s+|approximately\s+)?$"
    r"|\btransfer\w*\b[^.]*$|\bprior\s+learning\b[^.]*$|\bat\s+least\s*$|\benroll(?:ed)?\s+in\s*(?:at\s+least\s+)?$"
    r"|\b(?:externship|practicum|internship|clinicals?|clinical\s+experience|lab|labs)\s*(?:hours?)?\s*[:=-]?\s*(?:of\s+)?$"
    r"|\bup\s+to\s*$|\bmaximum\s+of\s*$|\b(?:full|part)-time\s+(?:enrol(?:l)?ment|status|load|students?\s+(?:take|enrol|enroll"
    r"|register|carry|must))\b[^.]*$|\b(?:full|part)-time\s*$|\bceus?\b[^.]*$)",
    re.IGNORECASE,
)
_CEU_AFTER = re.compile(r"^\s*(?:ceus?|continuing\s+education)", re.IGNORECASE)
_HOURS_OF = re.compile(
    r"^\s*of\s+(?:\w+\s+){0,2}?(?:instruction|training|coursework|course\s*work|classroom|lecture|class|study|theory|"
    r"online\s+instruction|content|learning)\b",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:this|our|the|a|an)\s*$", re.IGNORECASE
)  # "This 80 contact hours course"
_HOUR_PROGRAM_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+){0,2}?(?:course|program|programme|certificate|training|class|curriculum)\b(?!s)",
    re.IGNORECASE,
)


def _value(m: re.Match[str]) -> float | None:
    a = to_number(m.group("a"))
    b = to_number(m.group("b")) if m.group("b") else None
    if a is None:
        return None
    if b is not None and b > a:
        return b
    return a


def _scan(
    text: str, pattern: re.Pattern[str], *, clock: bool, whole: bool
) -> tuple[list[float], list[float], bool]:
    """Totals, other counts, and whether the first kept count was in quarter credits."""
    totals: list[float] = []
    others: list[float] = []
    quarter_flags: list[tuple[float, bool]] = []
    limit = MAX_CLOCK if clock else MAX_CREDITS
    for m in pattern.finditer(text):
        value = _value(m)
        if value is None or not 0 < value <= limit:
            continue
        before = clause_before(text, m.start())
        after = clause_after(text, m.end())
        program_hours = (
            clock
            and ("-" in text[m.start() : m.end()] or bool(_DETERMINER_BEFORE.search(before)))
            and bool(_HOUR_PROGRAM_AFTER.match(after))
        )
        if (
            (_PER_AFTER.match(after) and not program_hours)
            or _PER_BEFORE.search(before)
            or _CEU_AFTER.match(after)
        ):
            continue
        if clock:
            if m.group("plain"):
                # plain "hours" only with "of instruction", "-hour course", or as the whole text
                if not (_HOURS_OF.match(after) or program_hours or whole):
                    continue
            quarter = False
        else:
            quarter = bool(m.group("q"))
        if _TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after):
            totals.append(value)
        else:
            others.append(value)
        quarter_flags.append((value, quarter))
    return totals, others, any(q for _, q in quarter_flags)


def _labels(text: str) -> tuple[list[float], list[float], bool]:
    credits: list[float] = []
    clock: list[float] = []
    quarter = False
    for m in _LABEL_RE.finditer(text):
        value = to_number(m.group("n"))
        if value is None or value <= 0:
            continue
        what = m.group("what").lower()
        if "clock" in what or "contact" in what:
            if value <= MAX_CLOCK:
                clock.append(value)
        elif value <= MAX_CREDITS:
            credits.append(value)
            quarter = quarter or (m.group("lq") or m.group("lq2") or "").lower() == "quarter"
    return credits, clock, quarter


def _parse(value: Any) -> tuple[float | None, float | None, bool]:
    """(credit hours, clock hours, credits are quarter credits)."""
    if value is None or isinstance(value, bool):
        return None, None, False
    if isinstance(value, dict):
        for key in ("value", "@value", "maxValue", "minValue"):
            if key in value:
                return _parse(value[key])
        return None, None, False
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isfinite(number) and 0 < number <= MAX_CREDITS:
            return number, None, False
        return None, None, False
    if not isinstance(value, str):
        return None, None, False
    text = words_to_digits(clean(value)).strip()
    if not text:
        return None, None, False
    if re.fullmatch(_NUM, text):
        found = to_number(text)
        if found is not None and 0 < found <= MAX_CREDITS:
            return found, None, False
        return None, None, False
    whole = len(text) <= 40
    label_credits, label_clock, label_quarter = _labels(text)
    c_tot, c_other, c_quarter = _scan(text, _CREDIT_RE, clock=False, whole=whole)
    h_tot, h_other, _ = _scan(text, _CLOCK_RE, clock=True, whole=whole)
    credits = max(label_credits or c_tot or c_other, default=None)
    clock_hours = max(label_clock or h_tot or h_other, default=None)
    quarter = label_quarter if label_credits else c_quarter
    return credits, clock_hours, quarter


def parse_hours(text: str | int | float | dict[str, Any] | None) -> Hours:
    """The program's total credit hours and clock hours found in ``text``.

    See the module docstring for the rules.
    """
    credits, clock, _ = _parse(text)
    return Hours(credits, clock)


def parse_hours_detail(
    text: str | int | float | dict[str, Any] | None,
) -> tuple[float | None, float | None, bool]:
    """Like :func:`parse_hours`, plus whether the credits were stated in quarter credits."""
    return _parse(text)
