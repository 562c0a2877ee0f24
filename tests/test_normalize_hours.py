"""Credit hours and clock hours of whole programs."""

from __future__ import annotations

import pytest

from programs.normalize import Hours, parse_hours

CASES: list[tuple[object, float | None, float | None]] = [
    # (input, credit_hours, clock_hours)
    ("60 credits", 60.0, None),
    ("60 credit hours", 60.0, None),
    ("60 Credit Hours", 60.0, None),
    ("18 semester credits", 18.0, None),
    ("18 semester credit hours", 18.0, None),
    ("60 semester hours", 60.0, None),
    ("A total of 121 credits is required", 121.0, None),
    (
        "A total of 121 credits is required for the B.S. in Health Information Management.",
        121.0,
        None,
    ),
    ("80 contact hours", None, 80.0),
    ("720 clock hours", None, 720.0),
    ("1,500 clock hours", None, 1500.0),
    ("36 quarter credits", 36.0, None),
    ("90 quarter credit hours", 90.0, None),
    (60, 60.0, None),
    (60.0, 60.0, None),
    ("60", 60.0, None),
    ({"@type": "StructuredValue", "value": 24}, 24.0, None),
    ("Total Credit Hours: 60", 60.0, None),
    ("Total Credits: 33", 33.0, None),
    ("Credits Required: 18", 18.0, None),
    ("Total Clock Hours: 900", None, 900.0),
    (
        "The program requires 64 credit hours, including 3-credit courses in anatomy and terminology.",
        64.0,
        None,
    ),
    ("Each course is 3 credits; the certificate totals 30 credits.", 30.0, None),
    ("HIT 101 Introduction to Health Information (3 credits)", 3.0, None),
    ("This 80-hour course prepares you for the CPC exam.", None, 80.0),
    ("120 hours of instruction", None, 120.0),
    ("Program: 24 credits / 480 clock hours", 24.0, 480.0),
    ("18-24 credits", 24.0, None),
    ("sixty credits", 60.0, None),
    ("60 cr. hrs.", 60.0, None),
    ("A minimum of 120 semester credit hours is required to graduate.", 120.0, None),
    ("Students may transfer up to 45 credits toward the degree.", None, None),
    ("Full-time students take at least 12 credits per semester.", None, None),
    ("3-credit course", None, None),
    ("$250 per credit hour", None, None),
    ("Earn 8.0 CEUs", None, None),
    ("Tutoring is available 24 hours a day, 7 days a week.", None, None),
    ("Plan on 10 hours per week of study.", None, None),
    ("includes a 160-hour externship", None, None),
    ("Externship: 160 hours", None, None),
    ("*Based on full-time enrollment of 12 credits per semester.", None, None),
    ("The AAS in Health Information Technology is a 64-credit program.", 64.0, None),
    ("Program Length: 9 Months | Credits: 30", 30.0, None),
    ("Total Semester Hours: 63", 63.0, None),
    ("Semester hours: 25", 25.0, None),
    ("Total Quarter Hours: 90", 90.0, None),
    ("Full-time students complete the 45-credit certificate in as little as 9 months.", 45.0, None),
    ("This 80 contact hours course meets Tuesday and Thursday evenings for 10 weeks.", None, 80.0),
    ("Full-time students take 12 credits per semester.", None, None),
    ("Call 1-800-555-0100", None, None),
    ("", None, None),
    (None, None, None),
    (True, None, None),
    (-5, None, None),
    ("0 credits", None, None),
]


@pytest.mark.parametrize("value,credits,clock", CASES)
def test_parse_hours(value: object, credits: float | None, clock: float | None) -> None:
    assert parse_hours(value) == Hours(credits, clock)  # type: ignore[arg-type]
