"""programs/normalize/hours.py pinned down: the cases mutation testing showed no test would notice.

Rows in our own words; schools and programs are fictional.
"""

from __future__ import annotations

import pytest

from programs.normalize import Hours, parse_hours
from programs.normalize.hours import parse_hours_detail


@pytest.mark.parametrize(
    "value,credits,clock",
    [
        # labelled counts ("Credits: 30"): zero is no count, the limits hold at their exact value
        ("Total Credits: 0", None, None),
        ("Credits: 0.5", 0.5, None),
        ("Credits: 0 | Clock hours: 900", None, 900.0),  # a zero label does not stop the reading
        ("Contact hours: 80", None, 80.0),  # contact hours are clock hours, not credits
        ("Clock hours: 20,000", None, 20000.0),
        ("Clock hours: 20,001", None, None),
        ("Credits: 1000", 1000.0, None),
        ("Credits: 1,001", None, None),
        # counts in running text: the same limits
        ("1 credit", 1.0, None),
        ("0.5 credits", 0.5, None),
        ("1,000 credits", 1000.0, None),
        ("1,001 credits", None, None),  # the clock-hour limit is not the credit limit
        ("20,000 clock hours", None, 20000.0),
        ("20,001 clock hours", None, None),
        # a count that is no count does not stop the search for the next one
        ("No prerequisite credits (0 credits). The certificate is 30 credits.", 30.0, None),
        ("Advisors answer within 48 hours. The program is 720 clock hours.", None, 720.0),
        # "80-hour course" without "this/an" before it is still the program's length
        ("Our online 80-hour course prepares students for entry-level coding jobs.", None, 80.0),
        # a total on one side only ("requires 30", "30 ... in total") beats a larger count
        ("The certificate requires 30 credits. Related degrees list 60 credits.", 30.0, None),
        ("30 credits in total. Related degrees list 60 credits.", 30.0, None),
        # plain "hours" counts when it is nearly the whole text (40 characters or fewer)
        ("Certificate in medical coding: 900 hours", None, 900.0),  # 40 characters
        ("Certificate in medical billing: 900 hours", None, None),  # 41 characters
        # bare numbers: (0, 1000]
        (1, 1.0, None),
        (0.5, 0.5, None),
        (0, None, None),
        (1000, 1000.0, None),
        (1000.5, None, None),
        ("0", None, None),
        ("1", 1.0, None),
        ("0.5", 0.5, None),
        ("1000", 1000.0, None),
        ("1000.5", None, None),
        # structured values: value, @value, maxValue, minValue, in that order
        ({"@value": 30}, 30.0, None),
        ({"maxValue": 60, "minValue": 30}, 60.0, None),
        ({"minValue": 30}, 30.0, None),
        ({"unitText": "credits"}, None, None),
        ([60], None, None),
    ],
)
def test_hours_rows(value: object, credits: float | None, clock: float | None) -> None:
    assert parse_hours(value) == Hours(credits, clock)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value,quarter",
    [
        # quarter credits are flagged (length.py converts them at 3 months a quarter)
        ("Quarter credits: 90", True),
        ("Quarter hours: 90", True),
        ("36 quarter credits", True),
        ("Semester credits: 60", False),
        ("Credits: 60", False),
        ("60 credits", False),
        # no flag when there is no count, or the count is not in quarter credits
        ("", False),
        ("0", False),
        ("60", False),
        (60, False),
        (-5, False),
        (None, False),
        ([60], False),
        ({"unitText": "credits"}, False),
    ],
)
def test_quarter_flag(value: object, quarter: bool) -> None:
    assert parse_hours_detail(value)[2] is quarter  # type: ignore[arg-type]


def test_detail_gives_the_same_counts_as_parse_hours() -> None:
    assert parse_hours_detail("36 quarter credits / 720 clock hours") == (36.0, 720.0, True)
