"""Program length in months, from prose or an ISO-8601 duration.

``parse_length(text)`` returns ``Length(months, min_months, text, basis)``; ``text`` is the
raw input, kept so that the listing can show what the source said, and ``basis`` says
where the months come from: ``"stated"`` (a duration the text gives), ``"credits"`` or
``"clock_hours"`` (an ESTIMATE from a count: ``Length.estimated`` is then True).
Unusable input gives ``Length(None, None, text)``; input of the wrong type raises
nothing either (a normaliser sees anything), but a bug raises: callers catch at their
boundary.

``estimate_months(credit_hours=..., clock_hours=..., quarter=...)`` turns a count into
an honest estimate (see "Credits and hours" below).

Rules:

* **Ranges.** ``months`` is the UPPER bound (the time a student may need);
  ``min_months`` is the LOWER bound, equal to ``months`` for a single value. When
  a text states several lengths ("as few as 9 months ... up to 14 months", "two-year
  (four-semester)"), they are merged into one range: the smallest lower bound and
  the largest upper bound. "as few as 6 weeks" alone is a single value (min = max).
  Range separators: hyphen, en/em dash, "to", "or", "between ... and ...".
* **Conversions.** 1 year = 12 months; 1 week = 12/52 month; 1 day = 1/30 month;
  1 semester = 6 months (two per year: "four-semester" = 24); 1 trimester = 4
  months; 1 quarter = 1 term = 3 months.
* **Credits and hours** are used only when no explicit time is given (and never with
  ``explicit_only=True``, for callers that read a page sentence by sentence) (the counts
  come from :func:`programs.normalize.hours.parse_hours`, so per-course credits are
  ignored and totals win). Clock/contact hours win over credits: 900 clock hours make
  a year; 30 semester credits (45 quarter credits) make a year. Such a length is an
  ESTIMATE and keeps only the precision it has: under a month it is kept to a tenth
  (36 hours -> 0.5), up to 4.5 months it is rounded to whole months (80 contact hours
  -> 1, 240 hours -> 3), above that to the nearest half year (62 credits -> 24, "about
  2 years"; 33 credits -> 12, so a one-year certificate fits a 12-month filter; 600
  hours -> 6; 720 hours -> 12). ``basis`` is ``"credits"`` or ``"clock_hours"``.
* **ISO-8601** durations (``P6M``, ``P1Y6M``, ``P12W``, ``P90D``, ``PT80H``) and
  ranges of them (``P3Y-P4Y``, ``P3Y/P4Y``, ``P3Y to P4Y``) are read as such; hours in a
  duration are instruction (clock) hours, converted as above.
* **Not program lengths** (ignored): per-course/per-term durations ("8-week
  courses", "16-week sessions", "each course is 8 weeks", "each lasting 5 weeks",
  "Semester 1 (16 weeks)", "3 days a week", "an 8-week externship", "Externship: 6
  weeks");
  completion LIMITS ("must finish within two years", "must be completed within 5
  years", "you have up to 12 months to complete", "6 months of access", "Access: 12
  months"; but "requires 64 credit hours and is completed in two years" and "64 credits is
  required, and most students finish in two years" are lengths); time
  after graduation ("employed within 6 months of graduation"); kinds of school ("a
  two-year college", "transfer to four-year universities"; but "a two-year college
  degree" is a length); experience, ages,
  history and projections ("2 years of experience", "18 years old", "over the
  next 10 years", "courses older than five years"); "24/7".
* Results are rounded half-up to one decimal; a length that rounds to 0 or is
  longer than 120 months is not a program length and is ignored; a lower bound that
  rounds to 0 ("1 day to 3 months") is kept as 0.1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ._text import clause_after, clause_before, clean, round_1, to_number, words_to_digits
from .hours import parse_hours_detail

__all__ = ["Length", "parse_length", "estimate_months", "MAX_MONTHS", "BASES"]

MAX_MONTHS = 120.0
CLOCK_HOURS_PER_YEAR = 900.0
CREDITS_PER_YEAR = 30.0
QUARTER_CREDITS_PER_YEAR = 45.0
BASES = ("stated", "credits", "clock_hours")


@dataclass(frozen=True)
class Length:
    """A program length: upper bound ``months``, lower bound ``min_months``, raw ``text``, and
    ``basis``: ``"stated"``, or ``"credits"`` / ``"clock_hours"`` for an estimate from a count."""

    months: float | None
    min_months: float | None
    text: str | None
    basis: str = "stated"

    @property
    def estimated(self) -> bool:
        """True when the months are an estimate from credits or clock hours, not a stated time."""
        return self.months is not None and self.basis != "stated"


def honest_months(months: float) -> float:
    """An estimated length rounded to the precision it has (see the module docstring)."""
    if months < 1.0:
        return round_1(months)
    if months < 4.5:
        return float(int(months + 0.5))
    return 6.0 * int(months / 6.0 + 0.5)


def estimate_months(
    *, credit_hours: float | None = None, clock_hours: float | None = None, quarter: bool = False
) -> Length:
    """An honest length ESTIMATE from a program's clock hours (preferred) or credits.

    ``Length.basis`` is ``"clock_hours"`` or ``"credits"``; no usable count gives
    ``Length(None, None, None)``.
    """
    if clock_hours is not None and clock_hours > 0:
        raw, basis = clock_hours * 12.0 / CLOCK_HOURS_PER_YEAR, "clock_hours"
        text = f"{clock_hours:g} clock hours"
    elif credit_hours is not None and credit_hours > 0:
        per_year = QUARTER_CREDITS_PER_YEAR if quarter else CREDITS_PER_YEAR
        raw, basis = credit_hours * 12.0 / per_year, "credits"
        text = f"{credit_hours:g} {'quarter ' if quarter else ''}credits"
    else:
        return Length(None, None, None)
    if raw > MAX_MONTHS:
        return Length(None, None, text)
    months = honest_months(raw)
    if months <= 0:
        return Length(None, None, text)
    return Length(months, months, text, basis)


_UNIT_MONTHS: dict[str, float] = {
    "year": 12.0,
    "month": 1.0,
    "week": 12.0 / 52.0,
    "day": 1.0 / 30.0,
    "semester": 6.0,
    "trimester": 4.0,
    "quarter": 3.0,
    "term": 3.0,
}

_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_MENTION = re.compile(
    r"(?<![\w$.,/#-])(?P<a>" + _NUM + r")(?:\s*(?:-|to|or|and)\s*(?P<b>" + _NUM + r"))?\s*-?\s*"
    r"(?:(?P<year>y(?:ea)?rs?)|(?P<month>mo(?:nth)?s?)|(?P<week>w(?:ee)?ks?)|(?P<day>days?)"
    r"|(?P<semester>semesters?)|(?P<trimester>trimesters?)|(?P<quarter>quarters?)|(?P<term>terms?))"
    r"(?![a-z])(?![- ](?:credit|hour|unit|hrs?\b))"
)
_NUM_PART = r"(?:\d+(?:\.\d+)?)"
_ISO_ONE = (
    rf"P(?=\d|T\d)(?:(?P<Y>{_NUM_PART})Y)?(?:(?P<M>{_NUM_PART})M)?(?:(?P<W>{_NUM_PART})W)?(?:(?P<D>{_NUM_PART})D)?"
    rf"(?:T(?=\d)(?:(?P<H>{_NUM_PART})H)?(?:(?P<TM>{_NUM_PART})M)?(?:(?P<S>{_NUM_PART})S)?)?"
)
_ISO_FULL = re.compile(_ISO_ONE, re.IGNORECASE)
_ISO_RANGE = re.compile(r"^\s*(P\S*?)\s*(?:-|/|to)\s*(P\S*)\s*$", re.IGNORECASE)
_ISO_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])P(?=\d|T\d)[0-9.YMWDTHS]+(?![A-Za-z0-9])")

_COMPONENT_AFTER = re.compile(
    r"^\s*\)?\s*(?:(?!(?:of|in|to|for|and|with|from|or|program|degree|certificate)\b)[a-z]+\s+){0,2}?"
    r"(?:courses|classes|sessions?|terms?|modules?|blocks?|lessons?|units?|segments?|rotations?|externships?"
    r"|internships?|practicums?|practica|clinicals?|semesters?|quarters?|trimesters?|cycles?|sections?|labs?)\b"
)
_RATE_AFTER = re.compile(
    r"^\s*(?:each\b|apiece\b|long\s+each|per\s+(?:course|class|module|term|session|semester|quarter|block)"
    r"|(?:per|a|an|each|every|/)\s*(?:week|wk|day|month|year|term|semester|quarter|session|course|class)\b)"
)
_COMPONENT_CUE = re.compile(
    r"\b(?:(?:each|every|per|individual|all)\s+(?:[a-z]+\s+){0,2}?(?:courses?|class(?:es)?|modules?|terms?|sessions?"
    r"|blocks?|semesters?)|(?:courses|classes|sessions|terms|modules|blocks)\s+(?:are|run|last|meet|take|span|will\s+be))\b"
    r"|\beach\s+(?:[a-z]+\s+){0,2}$"
    r"|\b(?:semester|term|quarter|module|course|block|session|part|level|phase)\s+(?:\d+|[ivx]+)\s*[(:-]?\s*$"
    # "Externship: 6 weeks", "the practicum lasts 120 hours"
    r"|\b(?:externships?|internships?|practicums?|practica|clinicals?|clinical\s+(?:rotations?|experiences?))"
    r"\s*(?:is|lasts|runs|takes|of|:|-|\()?\s*(?:about|approximately|approx\.?|roughly)?\s*$"
)
_PROGRAM_WORD = re.compile(
    r"\b(?:program|programme|certificate|degree|diploma|complete|completed|graduate|finish)\b"
)
_LIMIT_CUE = re.compile(
    r"\b(?:must|required|requires|requirement|maximum|max|limit|limited|deadline|no\s+more\s+than|no\s+longer\s+than"
    r"|not\s+(?:to\s+)?exceed|at\s+most|expires?|statute|allowed|permitted|need\s+to|have\s+to|has\s+to)\b"
)
_LIMIT_IMMEDIATE = re.compile(
    r"(?:within|in|under|up\s+to|no\s+more\s+than|no\s+longer\s+than|not\s+(?:to\s+)?exceed(?:ing)?|maximum\s+of"
    r"|max(?:imum)?\.?|at\s+most|a\s+period\s+of|of|by)\s*(?:a\s+)?(?:maximum\s+of\s+|total\s+of\s+)?$"
)
# "requires 64 credit hours and is completed in two years": the cue is about the credits, not a time limit
_COUNT_AFTER_CUE = re.compile(
    r"^\s*(?:a\s+)?(?:total\s+of\s+|minimum\s+of\s+)?\d[\d,.]*\s*-?\s*"
    r"(?:semester\s+|quarter\s+|clock\s+|contact\s+)?(?:credit|hour|unit)"
)
_COUNT_BEFORE_CUE = re.compile(
    r"\d\s*-?\s*(?:semester\s+|quarter\s+|clock\s+|contact\s+)?(?:credit|hour|unit)s?"
    r"(?:[- ]hours?)?\s+(?:is\s+|are\s+)?$"
)  # "a total of 64 credits is required"
_HAVE_BEFORE = re.compile(
    r"\b(?:have|has|get|given|receive|allowed|allows?|permitted)\s+(?:up\s+to\s+|a\s+maximum\s+of\s+|only\s+)?$"
)
_TO_COMPLETE_AFTER = re.compile(r"^\s*(?:to|in\s+which\s+to)\s+(?:complete|finish|take)")
_ACCESS_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:unlimited\s+|full\s+|online\s+)?(?:course\s+|program\s+)?access\b"
)
_ACCESS_BEFORE = re.compile(
    r"\baccess\b[^.]{0,30}\bfor\s*$|\baccess\s*(?:period|length|duration|time)?\s*[:=-]\s*$"
)
_NOISE_AFTER = re.compile(
    r"^\s*(?:old\b|of\s+age\b|ago\b|of\s+(?:[a-z-]+\s+){0,3}?experience|(?:work\s+|relevant\s+)?experience\b"
    r"|in\s+(?:the\s+)?(?:field|industry|business)\b|of\s+service\b|warranty\b|in\s+a\s+row\b|running\b"
    r"|(?:of|after|from|following|post)[- ]+(?:the\s+)?(?:graduat|complet|finish|the\s+date|program\s+completion)\w*"
    r"|of\s+(?:high\s+school|college|work|employment|the\s+exam|passing)\b|(?:prior|before|later|earlier)\b"
    r"|to\s+(?:renew|recertify)\b|after\s+(?:passing|the\s+exam|you\s+pass)\b"
    # a time limit on old coursework ("the 5-year rule applies", "a 7-year limit on science courses")
    r"|(?:rule|limit|time\s+limit)\b"
    # a kind of school ("a two-year college", "four-year universities"), not a program's length
    r"|(?:(?:public|private|community|technical|state)\s+)?(?:colleges?|universit(?:y|ies)|institutions?|schools?)\b"
    r"(?!\s+(?:degrees?|programs?|diplomas?|certificates?|credentials?|courses?)\b))"
)
_NOISE_BEFORE = re.compile(
    r"(?:\b(?:past|last|every|previous|next|since|founded|established|serving|valid\s+for|renew\w*\s+(?:every|each)"
    r"|for\s+(?:over|more\s+than|nearly|almost)|over\s+the\s+(?:past|last|next)|once\s+every|age\s+of|aged?)\s*(?:the\s+)?$"
    r"|\b(?:older|newer)\s+than\s*$"
    r"|\bproject(?:ed|ions?)\b.*$|\bgrow(?:th|ing|s)?\b.*\bover\s*(?:the\s+)?(?:next\s+)?$)"
)


def _iso_months(token: str) -> float | None:
    m = _ISO_FULL.fullmatch(token.strip())
    if not m:
        return None
    raw = {k: to_number(v) if v else 0.0 for k, v in m.groupdict().items()}
    parts = {k: v for k, v in raw.items() if v is not None}
    if len(parts) < len(raw):
        return None
    hours = parts["H"] + parts["TM"] / 60.0 + parts["S"] / 3600.0
    months = (
        parts["Y"] * 12.0
        + parts["M"]
        + parts["W"] * 12.0 / 52.0
        + parts["D"] / 30.0
        + hours * 12.0 / CLOCK_HOURS_PER_YEAR
    )
    return months


def _iso_range(text: str) -> tuple[float, float] | None:
    stripped = text.strip()
    single = _iso_months(stripped)
    if single is not None:
        return single, single
    m = _ISO_RANGE.match(stripped)
    if m:
        a, b = _iso_months(m.group(1)), _iso_months(m.group(2))
        if a is not None and b is not None:
            return min(a, b), max(a, b)
    return None


def _excluded(text: str, m: re.Match[str]) -> bool:
    before = clause_before(text, m.start(), 100)
    after = clause_after(text, m.end(), 60)
    if _COMPONENT_AFTER.match(after) or _RATE_AFTER.match(after) or _NOISE_AFTER.match(after):
        return True
    if _ACCESS_AFTER.match(after) or _ACCESS_BEFORE.search(before):
        return True
    if _NOISE_BEFORE.search(before):
        return True
    cues = list(_COMPONENT_CUE.finditer(before))
    if cues and not _PROGRAM_WORD.search(before[cues[-1].end() :]):
        return True
    if _LIMIT_IMMEDIATE.search(before) and any(
        not (
            _COUNT_AFTER_CUE.match(before[c.end() :])
            or _COUNT_BEFORE_CUE.search(before[: c.start()])
        )
        for c in _LIMIT_CUE.finditer(before)
    ):
        return True
    if _HAVE_BEFORE.search(before) and _TO_COMPLETE_AFTER.match(after):
        return True
    return False


def _explicit(text: str) -> list[tuple[float, float]]:
    found: list[tuple[float, float]] = []
    for m in _MENTION.finditer(text):
        unit = next(name for name in _UNIT_MONTHS if m.group(name))
        a = to_number(m.group("a"))
        b = to_number(m.group("b")) if m.group("b") else None
        if a is None:
            continue
        lo, hi = (a, a) if b is None else (min(a, b), max(a, b))
        factor = _UNIT_MONTHS[unit]
        lo, hi = lo * factor, hi * factor
        if lo <= 0 or hi > MAX_MONTHS:
            continue
        if _excluded(text, m):
            continue
        found.append((lo, hi))
    return found


def _from_counts(text: str, raw: str) -> Length | None:
    credits, clock, quarter = parse_hours_detail(text)
    if clock is None and credits is None:
        return None
    estimate = estimate_months(credit_hours=credits, clock_hours=clock, quarter=quarter)
    return Length(estimate.months, estimate.min_months, raw, estimate.basis)


def _finish(lo: float, hi: float, text: str) -> Length:
    lo_r, hi_r = round_1(lo), round_1(hi)
    if hi_r <= 0 or hi > MAX_MONTHS:
        return Length(None, None, text)
    if lo_r <= 0:
        lo_r = (
            0.1  # "1 day to 3 months": the lower bound is the shortest length shown, not the upper
        )
    return Length(hi_r, lo_r, text)


def _parse(raw: str, explicit_only: bool = False) -> Length:
    if not raw.strip():
        return Length(None, None, raw)
    cleaned = clean(raw)
    iso = _iso_range(cleaned)
    if iso is None:
        tokens = [_iso_months(t) for t in _ISO_IN_TEXT.findall(cleaned)]
        values = [v for v in tokens if v is not None]
        if values:
            iso = min(values), max(values)
    if iso is not None:
        return _finish(iso[0], iso[1], raw)
    text = words_to_digits(cleaned.lower())
    if re.fullmatch(r"\s*(?:" + _NUM + r")\s*", text):
        return Length(None, None, raw)  # a bare number has no unit
    spans = _explicit(text)
    if spans:
        return _finish(min(lo for lo, _ in spans), max(hi for _, hi in spans), raw)
    counts = None if explicit_only else _from_counts(text, raw)
    if counts is not None and counts.months is not None:
        return counts
    return Length(None, None, raw)


def parse_length(text: str | None, *, explicit_only: bool = False) -> Length:
    """Program length in months from ``text``; see the module docstring for the rules.

    With ``explicit_only`` a length is read only from stated times (durations), never
    derived from credit or clock hours.

    ``months`` is the upper bound, ``min_months`` the lower bound, ``text`` the input,
    ``basis`` ``"stated"`` or, for an estimate from a count, ``"credits"`` / ``"clock_hours"``.
    Unusable input gives ``Length(None, None, text)``.
    """
    if text is None:
        return Length(None, None, None)
    raw: Any = text
    if not isinstance(raw, str):
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            return Length(None, None, None)
        raw = str(raw)
    return _parse(raw, explicit_only)
