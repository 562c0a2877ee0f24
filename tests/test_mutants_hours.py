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


# ---- every word of every list, one row each (devtools/wordlists.py drops one word at a time) ----

WORD_ROWS: list[tuple[str, float | None, float | None]] = [
    # ranges: "18 to 24", "18 or 24"
    ("18 to 24 credits", 24.0, None),
    ("18 or 24 credits", 24.0, None),
    # the ways of writing a credit
    ("90 quarter units", 90.0, None),
    ("90 quarter hours", 90.0, None),
    ("60 semester units", 60.0, None),
    ("60 credit units required. Some tracks list 72 credits.", 60.0, None),
    ("60 credit hours required. Some tracks list 72 credits.", 60.0, None),
    ("60 credit-hours", 60.0, None),
    ("Credits needed: 60", 60.0, None),
    # clock hours named by what they are (in a text too long to be a bare "N hours")
    (
        "The certificate includes 120 instructional hours, taught evenings and weekends.",
        None,
        120.0,
    ),
    ("The certificate includes 120 instruction hours, taught evenings and weekends.", None, 120.0),
    ("The certificate includes 120 classroom hours, taught evenings and weekends.", None, 120.0),
    ("The certificate includes 120 lecture hours, taught evenings and weekends.", None, 120.0),
    ("The certificate includes 120 training hours, taught evenings and weekends.", None, 120.0),
    ("The certificate includes 120 program hours, taught evenings and weekends.", None, 120.0),
    ("The certificate includes 120 course hours, taught evenings and weekends.", None, 120.0),
    ("The certificate includes 120 class hours, taught evenings and weekends.", None, 120.0),
    ("The certificate includes 120 direct hours, taught evenings and weekends.", None, 120.0),
    ("The certificate includes 120 total-hours, taught evenings and weekends.", None, 120.0),
    # "N hours of <what>"
    ("The program offers 120 hours of instruction, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of training, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of coursework, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of course work, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of classroom time, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of lecture, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of class, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of study, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of theory, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of content, taught online across the year.", None, 120.0),
    ("The program offers 120 hours of learning, taught online across the year.", None, 120.0),
    # "<determiner> N hour <program word>"
    ("Our 80 hour course prepares coders for entry-level work.", None, 80.0),
    ("The 80 hour course prepares coders for entry-level work.", None, 80.0),
    ("A 120 hour course prepares coders for entry-level work.", None, 120.0),
    ("An 80 hour course prepares coders for entry-level work.", None, 80.0),
    ("This 120 hour program prepares coders for entry-level work.", None, 120.0),
    ("This 120 hour programme prepares coders for entry-level work.", None, 120.0),
    ("This 120 hour certificate prepares coders for entry-level work.", None, 120.0),
    ("This 120 hour training prepares coders for entry-level work.", None, 120.0),
    ("This 120 hour class prepares coders for entry-level work.", None, 120.0),
    ("This 120 hour curriculum prepares coders for entry-level work.", None, 120.0),
    # a total (a cue before or after the count) beats a larger count that is not one
    ("The certificate is required 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("The certificate has a requirement of 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("The certificate is comprised of 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("Graduation needs a minimum of 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("Students complete 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("Students finish by completing 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("Students earn 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("Students graduate after earning 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("The certificate includes 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("The certificates include 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("It is a program of 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("A certificate totaling 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("A certificate totalling 30 credits. Other tracks list 60 credits.", 30.0, None),
    ("Certificate: 30 credits are required. Other tracks list 60 credits.", 30.0, None),
    ("Certificate: 30 credits is required. Other tracks list 60 credits.", 30.0, None),
    # per-course, per-term and per-week counts are not the program's
    ("3 credits apiece", None, None),
    ("10 clock hours a week", None, None),
    ("15 credits a term", None, None),
    ("15 credits a semester", None, None),
    ("12 credits a quarter", None, None),
    ("3 credits a course", None, None),
    ("3 credits a class", None, None),
    ("6 clock hours a day", None, None),
    ("40 clock hours a month", None, None),
    ("10 clock hours/week", None, None),
    ("10 clock hours/wk", None, None),
    ("15 credits/term", None, None),
    ("15 credits/semester", None, None),
    ("3 credit modules", None, None),
    ("4 credit lessons", None, None),
    ("2 credit sessions", None, None),
    ("15 credit terms", None, None),
    ("15 credit semesters", None, None),
    ("6 credit internships", None, None),
    ("4 credit practicums", None, None),
    ("4 credit practica", None, None),
    ("2 credit clinicals", None, None),
    ("1 credit labs", None, None),
    ("3 credit rotations", None, None),
    ("1 credit seminars", None, None),
    ("1 credit workshops", None, None),
    ("3 credit electives", None, None),
    # ... but two words before "courses" that are not the course's own do not make it one
    ("60 credits of core courses", 60.0, None),
    ("60 credits in core courses", 60.0, None),
    ("60 credits from core courses", 60.0, None),
    ("60 credits including core courses", 60.0, None),
    ("60 credits across core courses", 60.0, None),
    ("60 credits over core courses", 60.0, None),
    ("60 credits and lab courses", 60.0, None),
    ("60 credits with elective courses", 60.0, None),
    ("60 credits for core courses", 60.0, None),
    ("60 credits to elective courses", 60.0, None),
    # "each course is 3 credits" and the like
    ("Each course is 3 credits", None, None),
    ("Every course is 3 credits", None, None),
    ("Per course: 3 credits", None, None),
    ("Individual courses: 3 credits", None, None),
    ("Each module is 2 credits", None, None),
    ("Each term has 15 credits", None, None),
    ("Each semester has 15 credits", None, None),
    ("Each session is 1 credit", None, None),
    ("Courses are 3 credits", None, None),
    ("Classes are 3 credits", None, None),
    ("Modules are 2 credits", None, None),
    ("Courses carry 3 credits", None, None),
    ("Courses worth 3 credits", None, None),
    ("Courses of 3 credits", None, None),
    ("Courses range from 3 credits", None, None),
    # hands-on parts and enrolment loads
    ("Practicum: 120 clock hours", None, None),
    ("Internship: 120 clock hours", None, None),
    ("Clinical: 120 clock hours", None, None),
    ("Clinicals: 120 clock hours", None, None),
    ("Clinical experience: 120 clock hours", None, None),
    ("Lab: 30 clock hours", None, None),
    ("Labs: 30 clock hours", None, None),
    ("Full-time enrollment means 12 credits", None, None),
    ("Part-time status means 6 credits", None, None),
    ("Full-time load: 12 credits", None, None),
    ("Full-time students take 12 credits", None, None),
    ("Part-time students enrol in 6 credits", None, None),
    ("Full-time students register for 12 credits", None, None),
    ("Full-time students carry 12 credits", None, None),
    ("Full-time students must carry 12 credits", None, None),
    ("Full-time 12 credits", None, None),
    ("Part-time 6 credits", None, None),
    # continuing-education units
    ("2 credits CEUs", None, None),
    ("2 credits CEU", None, None),
    ("2 credits continuing education", None, None),
]


@pytest.mark.parametrize("value,credits,clock", WORD_ROWS)
def test_each_word_of_each_list(value: str, credits: float | None, clock: float | None) -> None:
    assert parse_hours(value) == Hours(credits, clock)


@pytest.mark.parametrize("value", ["Quarter units: 90", "Quarter hours: 90", "90 quarter units"])
def test_quarter_units_are_flagged(value: str) -> None:
    assert parse_hours_detail(value)[2] is True
