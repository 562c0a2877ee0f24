"""Hostile input: every normaliser must return (or raise its documented InvalidInput), never crash."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from programs.errors import InvalidInput
from programs.normalize import (
    Hours,
    Length,
    award_level_label,
    cip_family,
    cip_for_program_name,
    clean_institution_name,
    credential_from_award_level,
    credential_from_text,
    delivery_from_flags,
    find_accreditations,
    find_certifications,
    in_scope,
    is_cahiim_statement,
    normalize_certification,
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
    site_domain,
    url_on_site,
)

HOSTILE: list[Any] = [
    "",
    " ",
    "\x00",
    "\x00" * 50,
    "\n\n\t",
    "x" * 10_000,
    "9 months " * 2_000,
    "$" * 10_000,
    "1" * 10_000,
    "-" * 10_000,
    "\U0001f600",
    "\U0001f600 months",
    "\u202e\u202d",
    "\ufeff9 months",
    "$$$",
    "--",
    "P",
    "PT",
    "P-1Y",
    "PT-5H",
    "P1Y2Y",
    "PP6M",
    "P99999999999999999999Y",
    "1e309 months",
    "1e309",
    "-1 months",
    "0 months",
    "NaN months",
    "inf years",
    "$1e309",
    "$-5",
    "$.",
    "$,",
    "$,,,",
    "$1,2,3,4",
    "9999999999999999999999 credits",
    "\u00bd",
    "\u00bd years",
    "\u2013\u2014",
    "()",
    "(((((((((((",
    "[[[[",
    "\\",
    "%s%n",
    "{0}",
    "<script>alert(1)</script>",
    "'; DROP TABLE programs; --",
    "javascript:alert(1)",
    "http://",
    "https://[",
    "http://[::1]:99999/",
    "mailto:",
    "CPC" * 3_000,
    "CAHIIM " * 2_000,
    "not " * 3_000,
    "online " * 3_000,
    "a." * 5_000,
    "0" * 100,
    "00000-0000",
    "\u0661\u0662 \u0634\u0647\u0631",
    "\uff19 months",
    "\u2469 months",
    "\U0001d7eb months",
    None,
    0,
    -1,
    1.5,
    float("nan"),
    float("inf"),
    True,
    [],
    {},
    ["online", None],
    {"value": "x"},
]

# name -> (function, exceptions it may raise on purpose)
FUNCTIONS: dict[str, tuple[Callable[[Any], Any], tuple[type[BaseException], ...]]] = {
    "credential_from_text": (credential_from_text, ()),
    "credential_from_award_level": (credential_from_award_level, (InvalidInput,)),
    "award_level_label": (award_level_label, (InvalidInput,)),
    "parse_length": (parse_length, ()),
    "parse_hours": (parse_hours, ()),
    "parse_tuition": (parse_tuition, ()),
    "parse_tuition_credits": (
        lambda v: parse_tuition(v if isinstance(v, str) else None, credits=60),
        (),
    ),
    "parse_price_value": (parse_price_value, ()),
    "parse_delivery": (parse_delivery, ()),
    "delivery_from_flags": (lambda v: delivery_from_flags(v, v), ()),
    "find_certifications": (find_certifications, ()),
    "normalize_certification": (normalize_certification, (InvalidInput,)),
    "find_accreditations": (find_accreditations, ()),
    "is_cahiim_statement": (is_cahiim_statement, ()),
    "normalize_cip": (normalize_cip, (InvalidInput,)),
    "cip_family": (cip_family, ()),
    "cip_for_program_name": (cip_for_program_name, ()),
    "in_scope": (in_scope, ()),
    "normalize_institution_name": (normalize_institution_name, ()),
    "clean_institution_name": (clean_institution_name, ()),
    "normalize_url": (normalize_url, ()),
    "site_domain": (site_domain, ()),
    "url_on_site": (lambda v: url_on_site(v, v), ()),
    "normalize_state": (normalize_state, ()),
    "normalize_zip5": (normalize_zip5, ()),
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_hostile_input_never_crashes(name: str) -> None:
    func, allowed = FUNCTIONS[name]
    for value in HOSTILE:
        started = time.perf_counter()
        try:
            result = func(value)
        except allowed:
            continue
        elapsed = time.perf_counter() - started
        assert elapsed < 2.0, f"{name}({str(value)[:30]!r}) took {elapsed:.2f}s"
        if name == "parse_length":
            assert isinstance(result, Length)
            assert result.months is None or 0 < result.months <= 120
            assert (result.months is None) == (result.min_months is None)
        elif name == "parse_hours":
            assert isinstance(result, Hours)
        elif name in ("parse_tuition", "parse_tuition_credits", "parse_price_value"):
            assert result is None or (isinstance(result, float) and 0 <= result <= 500_000)
        elif name in ("find_certifications", "find_accreditations"):
            assert isinstance(result, list)
        elif name in ("is_cahiim_statement", "in_scope", "url_on_site"):
            assert isinstance(result, bool)
        elif name in ("normalize_institution_name", "clean_institution_name"):
            assert isinstance(result, str)
        elif name == "parse_delivery" or name == "delivery_from_flags":
            assert result in (None, "on_campus", "online", "hybrid")


def test_hostile_strings_give_nothing() -> None:
    for value in ("", "\x00", "$$$", "--", "P", "PT", "P-1Y", "1e309 months", "\U0001f600"):
        assert parse_length(value).months is None
        assert parse_tuition(value) is None
        assert parse_delivery(value) is None
        assert credential_from_text(value) is None
        assert find_certifications(value) == []
        assert find_accreditations(value) == []
        assert normalize_url(value) is None
        assert normalize_zip5(value) is None
