"""programs/normalize/_text.py pinned down: the shared text helpers, row by row.

These helpers are private to the normalisers; the rows call them directly, plus one row through
parse_length for the bug the survey found ("two and one-half years" gave no length at all).
"""

from __future__ import annotations

import pytest

from programs.normalize import parse_length
from programs.normalize._text import (
    clause_after,
    clause_before,
    clauses,
    clean,
    round_1,
    words_to_digits,
)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("½ year", "0.5 year"),  # a lone half, not NFKC's "1⁄2"
        ("1½ years", "1.5 years"),
        ("ｆｕｌｌ-time", "full-time"),  # full-width letters are folded
        ("12 months—full time", "12 months-full time"),
        ("a\u00a0\u00a0b\tc", "a b c"),
    ],
)
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("a dozen courses", "12 courses"),
        ("twenty-four months", "24 months"),
        ("two and a half years", "2.5 years"),
        # "one-half" (the number word) as well as "a half"
        ("two and one-half years", "2.5 years"),
        ("2 and one half years", "2.5 years"),
    ],
)
def test_words_to_digits(text: str, expected: str) -> None:
    assert words_to_digits(text) == expected


def test_one_and_a_half_in_words_is_a_length() -> None:
    assert parse_length("Complete the degree in two and one-half years.").months == 30.0


@pytest.mark.parametrize(
    "value,expected",
    [(0.25, 0.3), (1.05, 1.1), (2.769, 2.8), (0.35, 0.4)],  # half-up, not to the even digit
)
def test_round_1(value: float, expected: float) -> None:
    assert round_1(value) == expected


def test_clause_windows() -> None:
    # 60 characters after, 80 before, by default
    assert clause_after("x" * 70, 0) == "x" * 60
    assert clause_before("x" * 90, 90) == "x" * 80
    assert clause_after("$3,000 per year. Books extra", 6) == " per year"
    assert clause_before("Fees apply. Tuition is $3,000", 23) == " Tuition is "


def test_clauses() -> None:
    # blank clauses (the spaces between "!" and the newline) are dropped
    assert clauses("One. Two!  \nThree \u2022 four | five; six") == [
        "One",
        " Two",
        "Three ",
        " four ",
        " five",
        " six",
    ]
