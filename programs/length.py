"""What a listing's length is: a minimum, a maximum and the basis they rest on.

One rule, used by every store, the API and the cards (README, "How long a program takes"):

1. ``school``: the school states it (its program page);
2. ``ipeds``: IPEDS states it (``IC{Y}_PY`` months to complete);
3. ``estimate``: estimated from the program's credits (30 semester credits = 12 months)
   or clock hours (900 clock hours = 12 months), stated by the school or by IPEDS, and
   rounded to the precision an estimate has (62 credits -> 24 months, "about 2 years");
4. ``award_level``: the span the IPEDS award level defines (a certificate of at least 1 but
   less than 2 academic years: 12 to 24 months).

``program.length_months`` is the maximum and ``program.length_min_months`` the minimum.
A ``max_months`` filter keeps a listing whose maximum fits; "shortest first" sorts on the
minimum; the length facet counts the band of the maximum (``vocab.length_band``), which is
what the filter uses. ``program.length_summary`` is what a card shows, naming the basis.

Pure functions; :func:`programs.merge.build` applies :func:`resolve_length` to every merged
listing, so the rule holds whichever sources contributed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .normalize.length import estimate_months as estimate_from_count
from .vocab import LENGTH_BASES

BASIS_SCHOOL, BASIS_IPEDS, BASIS_ESTIMATE, BASIS_AWARD_LEVEL = LENGTH_BASES
#: what a source's stated length is, when it does not say
DEFAULT_BASIS = {"ipeds": BASIS_IPEDS}

#: IPEDS award level -> (minimum months, maximum months, the span in words). Academic years are
#: counted as 12 months, as the estimates from credits do; associate's and bachelor's degrees at
#: their full-time length. Post-baccalaureate (6) and post-master's (8) certificates: IPEDS
#: defines them by credits beyond the degree (18 and 24 semester credits), not by time.
AWARD_LEVEL_SPANS: dict[int, tuple[float, float, str]] = {
    20: (0.0, 3.0, "under 12 weeks"),
    21: (3.0, 12.0, "12 weeks to under 1 year"),
    1: (0.0, 12.0, "under 1 year"),
    2: (12.0, 24.0, "1 to under 2 years"),
    4: (24.0, 48.0, "2 to under 4 years"),
    3: (24.0, 24.0, "about 2 years full-time"),
    5: (48.0, 48.0, "about 4 years full-time"),
    6: (7.2, 24.0, "18 or more graduate credits"),
    7: (12.0, 24.0, "1 to 2 years full-time"),
    8: (9.6, 24.0, "24 or more graduate credits"),
}


@dataclass(frozen=True)
class StatedLength:
    """One source's stated length: what it says, on which basis."""

    source: str
    basis: str
    max_months: float
    min_months: float | None = None
    text: str | None = None


@dataclass(frozen=True)
class ResolvedLength:
    min_months: float | None
    max_months: float | None
    basis: str | None
    summary: str | None
    source: str | None  # which source the length (or what it was estimated from) came from
    text: str | None = None


NO_LENGTH = ResolvedLength(None, None, None, None, None)


def _round(value: float) -> float:
    return float(int(value * 10 + 0.5)) / 10


def months_text(months: float) -> str:
    """``9`` -> "9 months", ``24`` -> "2 years", ``30`` -> "2.5 years", ``1`` -> "1 month"."""
    if months >= 24:
        years = _round(months / 12)
        return f"{years:g} years"
    value = _round(months)
    return f"{value:g} month" + ("" if value == 1 else "s")


def approx_text(months: float) -> str:
    """An estimate in round words: whole months under two years, half years above."""
    if months >= 24:
        return f"about {round(months / 6) / 2:g} years"
    whole = max(1, round(months))
    return f"about {whole} month" + ("" if whole == 1 else "s")


def _hours_text(credits: float | None, clock: float | None) -> str:
    if clock:
        return f"{clock:,.0f} clock hours"
    return f"{credits:g} credits"


def estimate_months(credits: float | None, clock: float | None) -> float | None:
    """Months from clock hours (preferred: they measure time) or credits, kept to the precision an
    estimate has (:func:`programs.normalize.length.honest_months`: 62 credits -> 24, "about 2
    years", so ``max_months=24`` keeps it; 33 credits -> 12); None without either."""
    return estimate_from_count(credit_hours=credits or None, clock_hours=clock or None).months


def _stated_summary(lo: float, hi: float, basis: str) -> str:
    label = "school" if basis == BASIS_SCHOOL else "IPEDS"
    if lo < hi:
        if hi < 24:
            return f"{_round(lo):g} to {months_text(hi)} ({label})"
        return f"{months_text(lo)} to {months_text(hi)} ({label})"
    return f"{months_text(hi)} ({label})"


def resolve_length(
    stated: Iterable[StatedLength],
    *,
    credit_hours: float | None,
    clock_hours: float | None,
    hours_source: str | None,
    award_level: int | None,
    award_level_source: str | None,
    source_order: tuple[str, ...] = (),
) -> ResolvedLength:
    """The listing's length by the rule of this module."""

    def rank(s: StatedLength) -> tuple[int, int]:
        order = source_order.index(s.source) if s.source in source_order else len(source_order)
        return (LENGTH_BASES.index(s.basis), order)

    candidates = sorted((s for s in stated if s.basis in LENGTH_BASES), key=rank)
    if candidates:
        best = candidates[0]
        hi = best.max_months
        lo = best.min_months if best.min_months is not None else hi
        lo = min(lo, hi)
        if best.basis == BASIS_ESTIMATE:
            summary = f"{approx_text(hi)} (estimate)"
            if credit_hours or clock_hours:
                summary = f"{approx_text(hi)} ({_hours_text(credit_hours, clock_hours)})"
        else:
            summary = _stated_summary(lo, hi, best.basis)
        return ResolvedLength(lo, hi, best.basis, summary, best.source, best.text)
    estimate = estimate_months(credit_hours, clock_hours)
    if estimate:
        return ResolvedLength(
            estimate,
            estimate,
            BASIS_ESTIMATE,
            f"{approx_text(estimate)} ({_hours_text(credit_hours, clock_hours)})",
            hours_source,
        )
    if award_level in AWARD_LEVEL_SPANS:
        lo, hi, words = AWARD_LEVEL_SPANS[award_level]
        return ResolvedLength(
            lo, hi, BASIS_AWARD_LEVEL, f"{words} (award level)", award_level_source
        )
    return NO_LENGTH
