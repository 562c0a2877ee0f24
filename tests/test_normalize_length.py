"""Program length: real phrasings from program pages, IPEDS and schema.org -> (months, min_months)."""

from __future__ import annotations

import pytest

from programs.normalize import estimate_months, parse_length

CASES: list[tuple[str, float | None, float | None]] = [
    # (text, months = upper bound, min_months = lower bound)
    ("9 months", 9.0, 9.0),
    # a time limit on old coursework is no program length
    ("Biology with a C or better (5-year rule applies)", None, None),
    ("a 7-year limit on science courses", None, None),
    ("4\u201312 months", 12.0, 4.0),
    ("4\u201412 months", 12.0, 4.0),
    ("4-12 months", 12.0, 4.0),
    ("4 - 12 months", 12.0, 4.0),
    ("4 to 12 months", 12.0, 4.0),
    ("6 to 9 months", 9.0, 6.0),
    ("as few as 6 weeks", 1.4, 1.4),
    ("Complete the program in as few as 6 weeks!", 1.4, 1.4),
    ("in as little as 4 months", 4.0, 4.0),
    ("12 weeks", 2.8, 2.8),
    ("two-year (four-semester) program offered completely online", 24.0, 24.0),
    ("two years", 24.0, 24.0),
    ("2-year", 24.0, 24.0),
    ("one year", 12.0, 12.0),
    ("18 months", 18.0, 18.0),
    ("1.5 years", 18.0, 18.0),
    ("one and a half years", 18.0, 18.0),
    ("1\u00bd years", 18.0, 18.0),
    ("eighteen-month certificate", 18.0, 18.0),
    ("twenty-four months", 24.0, 24.0),
    ("Complete in 10 months", 10.0, 10.0),
    ("approximately 11 months", 11.0, 11.0),
    ("3 semesters", 18.0, 18.0),
    ("4 quarters", 12.0, 12.0),
    ("3 terms", 9.0, 9.0),
    ("2 trimesters", 8.0, 8.0),
    ("Length: 36 weeks", 8.3, 8.3),
    ("Program length: 30 weeks (day) / 45 weeks (evening)", 10.4, 6.9),
    ("Students can complete the certificate in 2 semesters.", 12.0, 12.0),
    ("This 12-month program prepares you for the CCS exam.", 12.0, 12.0),
    (
        "The certificate can be completed in as little as 8 months, or up to 12 months part-time.",
        12.0,
        8.0,
    ),
    ("between 9 and 12 months", 12.0, 9.0),
    ("6 months to 1 year", 12.0, 6.0),
    ("3 or 4 semesters", 24.0, 18.0),
    ("Time to complete: 16 weeks", 3.7, 3.7),
    ("Students can finish within 12 months.", 12.0, 12.0),
    ("90 days", 3.0, 3.0),
    ("Fast-track: graduate in 15 months", 15.0, 15.0),
    ("4-year bachelor's degree (120 credits)", 48.0, 48.0),
    ("Complete your associate degree in 2 years; courses are 8 weeks long.", 24.0, 24.0),
    ("Full-time students finish in 4 semesters; part-time students take 6 semesters.", 36.0, 24.0),
    ("Program Length: 9 Months | Credits: 30 | Tuition: $4,500", 9.0, 9.0),
    ("Day Program: 9 months; Evening Program: 14 months", 14.0, 9.0),
    ("Complete your degree in as few as 18 months*", 18.0, 18.0),
    ("The AAS in Health Information Technology is a 64-credit program.", 24.0, 24.0),
    ("Estimated time: 4 months, 100% online", 4.0, 4.0),
    ("Course length: 6-12 months (self-paced)", 12.0, 6.0),
    ("Total program length: 55 weeks", 12.7, 12.7),
    ("10 months (40 weeks)", 10.0, 9.2),
    ("36 credit hours (3 semesters)", 18.0, 18.0),
    ("Length: 720 Clock Hours / 30 Weeks", 6.9, 6.9),
    (
        "Graduates typically finish in 20 months. Students must complete the program within 3 years.",
        20.0,
        20.0,
    ),
    ("Accelerated 8-week classes; finish your AAS in 20 months", 20.0, 20.0),
    ("2 yr", 24.0, 24.0),
    ("10 mos.", 10.0, 10.0),
    # ISO-8601 durations (schema.org timeToComplete)
    ("P6M", 6.0, 6.0),
    ("P1Y", 12.0, 12.0),
    ("P3Y-P4Y", 48.0, 36.0),
    ("P3Y/P4Y", 48.0, 36.0),
    ("P18M", 18.0, 18.0),
    ("P12W", 2.8, 2.8),
    ("PT80H", 1.1, 1.1),
    ("P1Y6M", 18.0, 18.0),
    ("P90D", 3.0, 3.0),
    ("p9m", 9.0, 9.0),
    ("timeToComplete: P10M", 10.0, 10.0),
    # credits and hours, only when no explicit time is given
    ("80 contact hours", 1.0, 1.0),
    ("720 clock hours", 12.0, 12.0),
    ("900 clock hours", 12.0, 12.0),
    ("60 credits", 24.0, 24.0),
    ("A total of 121 credits is required", 48.0, 48.0),
    ("30 semester credit hours", 12.0, 12.0),
    ("90 quarter credits", 24.0, 24.0),
    ("This 80-hour course covers ICD-10-CM and CPT coding.", 1.0, 1.0),
    ("Total Credit Hours: 18", 6.0, 6.0),
    # not program lengths
    ("Fastrack (8-week courses)", None, None),
    ("offered in online, hybrid, Fastrack (8-week courses), and evening options", None, None),
    ("Classes are offered in 16-week sessions.", None, None),
    ("Each course is 8 weeks long.", None, None),
    ("must finish within two years", None, None),
    ("must be completed within 5 years", None, None),
    ("All requirements must be completed within five years of admission.", None, None),
    ("Students have up to 12 months to complete the course.", None, None),
    ("Includes 6 months of access to the course materials.", None, None),
    ("24/7 support", None, None),
    ("Tutors available 24 hours a day", None, None),
    ("begins once a year in the fall semester", None, None),
    ("90% of graduates were employed within 6 months of graduation", None, None),
    ("Applicants need 2 years of work experience.", None, None),
    ("Applicants must be 18 years old.", None, None),
    ("Employment is projected to grow 7 percent over the next 10 years.", None, None),
    ("We have trained coders for over 30 years.", None, None),
    ("Classes meet 3 days a week.", None, None),
    ("Study 10 hours per week", None, None),
    ("8-week externship at a local hospital", None, None),
    ("Starts every 5 weeks", None, None),
    ("Credentials must be renewed every 2 years.", None, None),
    ("3-credit course", None, None),
    ("Semester 1 (16 weeks): HIT 101, BIO 201", None, None),
    ("The program consists of 11 courses, each lasting 5 weeks", None, None),
    ("Clinical practicum: 90 hours", None, None),
    ("Classes begin every 8 weeks", None, None),
    ("Courses run for 7 weeks each", None, None),
    ("Next start: January 12, 2026", None, None),
    ("Mon-Thu, 8am-12pm", None, None),
    ("Access: 12 months", None, None),
    ("You must be at least 18 years of age", None, None),
    ("*Based on full-time enrollment of 12 credits per semester.", None, None),
    (
        "Students must finish within two years of admission; courses older than five years must be retaken.",
        None,
        None,
    ),
    (
        "The Associate in Applied Science requires 64 credit hours and is completed in two years of full-time study.",
        24.0,
        24.0,
    ),
    ("The program requires a total of 60 credits and can be completed in 18 months.", 18.0, 18.0),
    ("Students are required to finish within two years.", None, None),
    ("A total of 64 credits is required, and most students finish in two years.", 24.0, 24.0),
    ("9", None, None),
    ("Self-paced", None, None),
    ("Contact us for details", None, None),
]


@pytest.mark.parametrize("text,months,min_months", CASES)
def test_parse_length(text: str, months: float | None, min_months: float | None) -> None:
    got = parse_length(text)
    assert (got.months, got.min_months, got.text) == (months, min_months, text)


# A length derived from a count is an estimate, with the precision it has and its basis.
ESTIMATES = [
    # text, months, basis
    ("62 credits", 24.0, "credits"),  # "about 2 years", not 24.8 months
    ("33 credits", 12.0, "credits"),  # a one-year certificate stays inside a 12-month filter
    ("37 credit hour college credit certificate", 12.0, "credits"),
    ("45 credits", 18.0, "credits"),
    ("16 credits", 6.0, "credits"),
    ("135 quarter credits", 36.0, "credits"),
    ("634 hours of instruction", 6.0, "clock_hours"),
    ("750 clock hours", 12.0, "clock_hours"),
    ("240 clock hours", 3.0, "clock_hours"),
    ("36 contact hours", 0.5, "clock_hours"),
    ("The program is 62 credits and takes two years.", 24.0, "stated"),
    ("9 months", 9.0, "stated"),
]


@pytest.mark.parametrize("text,months,basis", ESTIMATES)
def test_length_basis_and_estimate(text: str, months: float, basis: str) -> None:
    got = parse_length(text)
    assert (got.months, got.basis, got.estimated) == (months, basis, basis != "stated")


@pytest.mark.parametrize(
    "credits,clock,quarter,months,basis",
    [
        (62, None, False, 24.0, "credits"),
        (33, None, False, 12.0, "credits"),
        (63, None, False, 24.0, "credits"),
        (121, None, False, 48.0, "credits"),
        (90, None, True, 24.0, "credits"),
        (None, 600, False, 6.0, "clock_hours"),
        (30, 900, False, 12.0, "clock_hours"),  # clock hours win over credits
        (None, 80, False, 1.0, "clock_hours"),
        (None, None, False, None, "stated"),
        (0, None, False, None, "stated"),
        (4000, None, False, None, "stated"),  # beyond 120 months: not a program length
    ],
)
def test_estimate_months(credits, clock, quarter, months, basis) -> None:
    got = estimate_months(credit_hours=credits, clock_hours=clock, quarter=quarter)
    assert (got.months, got.basis) == (months, basis)
    assert got.estimated is (months is not None)


@pytest.mark.parametrize("text", [None, "", "   ", "P", "PT", "P-1Y", "1e309 months", "--", "\x00"])
def test_parse_length_unusable(text: str | None) -> None:
    result = parse_length(text)
    assert result.months is None and result.min_months is None
    assert result.text == text


@pytest.mark.parametrize(
    "text,months",
    [
        ("30 credits", None),
        ("720 clock hours", None),
        ("Finish in 9 months with 30 credit hours.", 9.0),
        ("Courses run as 8-week courses; 30 credit hours in total.", None),
        ("P6M", 6.0),
    ],
)
def test_parse_length_explicit_only(text: str, months: float | None) -> None:
    assert parse_length(text, explicit_only=True).months == months


def test_length_keeps_raw_text() -> None:
    assert parse_length("  4\u201312 months ").text == "  4\u201312 months "


def test_length_rejects_absurd_values() -> None:
    assert parse_length("500 years").months is None
    assert parse_length("P200Y").months is None
    assert parse_length("P0D").months is None


def test_range_upper_bound_is_months() -> None:
    result = parse_length("12-4 months")
    assert (result.months, result.min_months) == (12.0, 4.0)


# Suspected bugs from the mutation survey, fixed (TESTING.md); fictional phrasings.
@pytest.mark.parametrize(
    "text,months,min_months",
    [
        ("1 day to 3 months", 3.0, 0.1),  # the lower bound is not the upper bound
        ("From 2 days to 6 weeks, depending on the student", 1.4, 0.1),
        ("Students must finish max. 5 years after admission.", None, None),  # "max." ends no clause
        ("Completion limit: Max. 4 years", None, None),
        ("Program length approx. 9 months", 9.0, 9.0),
    ],
)
def test_fixed_length_bugs(text: str, months: float | None, min_months: float | None) -> None:
    got = parse_length(text)
    assert (got.months, got.min_months) == (months, min_months)


# Real-page patterns (issue 12), in our own words with fictional schools.
@pytest.mark.parametrize(
    "text,months",
    [
        ("Fictional Valley, a two-year college, serves three counties.", None),
        ("Agreements with several four year colleges let graduates transfer.", None),
        ("Credits transfer to a four-year university.", None),
        ("Most of our students go on to four-year institutions.", None),
        ("Earn a two-year college degree in health information.", 24.0),
        ("A two-year program at a community college", 24.0),
        # a placement's length is not the program's
        ("Externship: 6 weeks", None),
        ("The practicum lasts 4 weeks at a fictional clinic.", None),
        ("Program: 9 months; externship: 4 weeks", 9.0),
    ],
)
def test_a_kind_of_school_or_a_placement_is_no_length(text: str, months: float | None) -> None:
    assert parse_length(text).months == months
