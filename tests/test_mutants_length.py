"""programs/normalize/length.py pinned down: the cases mutation testing showed no test would notice.

Each word of each cue list has a row of its own, so that dropping one word from a list is
noticed; each table has a control row showing the same sentence counted without the cue.
"""

from __future__ import annotations

import pytest

from programs.normalize import Length, parse_length


def months(text: str, **kwargs) -> float | None:
    return parse_length(text, **kwargs).months


def span(text: str) -> tuple[float | None, float | None]:
    result = parse_length(text)
    return result.months, result.min_months


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The program takes 9 months to complete.", (9.0, 9.0)),
        ("It takes 2 years to finish the degree.", (24.0, 24.0)),
        # a month or less
        ("1 month", (1.0, 1.0)),
        ("one-month course", (1.0, 1.0)),
        ("4 weeks", (0.9, 0.9)),
        ("2 weeks", (0.5, 0.5)),
        ("1 wk", (0.2, 0.2)),
        ("4 days", (0.1, 0.1)),
        ("1 day", (None, None)),  # rounds to 0: not a program length
        ("0.04 months", (None, None)),
        ("0.05 months", (0.1, 0.1)),
        ("PT30M", (None, None)),
        ("P0.04M", (None, None)),
        # the 120-month limit at its exact value
        ("120 months", (120.0, 120.0)),
        ("10 years", (120.0, 120.0)),
        ("121 months", (None, None)),
        ("10.1 years", (None, None)),
        ("P120M", (120.0, 120.0)),
        ("P121M", (None, None)),
        ("P10Y", (120.0, 120.0)),
        ("6 to 121 months", (None, None)),
        ("9 months; 121 months", (9.0, 9.0)),
        ("0 months", (None, None)),
        ("0 to 6 months", (None, None)),
        ("9,000 clock hours", (120.0, 120.0)),
        ("9,100 clock hours", (None, None)),
        ("300 credits", (120.0, 120.0)),
        ("301 credits", (None, None)),
    ],
)
def test_short_lengths_and_exact_limits(text, expected):
    assert span(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("3 yr", 36.0),
        ("3 yrs", 36.0),
        ("3 year", 36.0),
        ("3 years", 36.0),
        ("6 mo", 6.0),
        ("6 mos", 6.0),
        ("6 month", 6.0),
        ("13 wk", 3.0),
        ("13 wks", 3.0),
        ("13 week", 3.0),
        ("13 weeks", 3.0),
        ("60 day", 2.0),
        ("60 days", 2.0),
        ("1 semester", 6.0),
        ("1 trimester", 4.0),
        ("5 trimesters", 20.0),
        ("1 quarter", 3.0),
        ("1 term", 3.0),
        ("5 terms", 15.0),
        ("6-month", 6.0),
        ("6 - month", 6.0),
        ("6 months", 6.0),
        ("1,000 clock hours", 12.0),  # an estimate: rounded to a year
        ("45 quarter credits", 12.0),
        ("60 semester credits", 24.0),
        ("6 monthly", None),
        ("6 weekly", None),
        ("6 termination", None),
        ("9 month-credit", None),
        ("9 month hours", None),
        ("9 month units", None),
        ("9 month hrs", None),
        ("$6 months", None),
        ("#6 months", None),
        ("1/6 months", None),
    ],
)
def test_every_unit_spelling(text, expected):
    assert months(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("6-9 months", (9.0, 6.0)),
        ("6 to 9 months", (9.0, 6.0)),
        ("6 or 9 months", (9.0, 6.0)),
        ("between 6 and 9 months", (9.0, 6.0)),
        ("9-6 months", (9.0, 6.0)),
        ("P6M-P9M", (9.0, 6.0)),
        ("P9M/P6M", (9.0, 6.0)),
        ("P6M to P9M", (9.0, 6.0)),
        ("Either P6M or P9M", (9.0, 6.0)),
        ("P1W", (0.2, 0.2)),
        ("P2W3D", (0.6, 0.6)),
        ("PT450H", (6.0, 6.0)),
        ("PT27000M", (6.0, 6.0)),
        ("PT1620000S", (6.0, 6.0)),
        ("P1.5Y", (18.0, 18.0)),
        ("P1Y6M", (18.0, 18.0)),
        # one side of a range unreadable: the readable duration still counts
        ("P6M-P", (6.0, 6.0)),
        ("P-P6M", (6.0, 6.0)),
        ("P6M/P", (6.0, 6.0)),
    ],
)
def test_ranges_and_iso_durations(text, expected):
    assert span(text) == expected


COMPONENT_WORDS = (
    "courses classes session sessions term terms module modules block blocks lesson lessons"
    " unit units segment segments rotation rotations externship externships internship"
    " internships practicum practicums practica clinical clinicals semesters quarters"
    " trimesters cycle cycles section sections lab labs"
).split()


@pytest.mark.parametrize("word", COMPONENT_WORDS)
def test_a_duration_of_a_part_of_the_program_is_not_its_length(word):
    assert months(f"Includes 8-week {word}.") is None
    assert months(f"Program length: 9 months of {word}") == 9.0


def test_component_control():
    assert months("Includes 8-week program.") == 1.8


@pytest.mark.parametrize("word", "of in to for and with from or program degree certificate".split())
def test_a_component_word_after_these_words_does_not_exclude(word):
    assert months(f"9 months {word} lab courses") == 9.0


@pytest.mark.parametrize(
    "after",
    [
        "each",
        "apiece",
        "long each",
        "per course",
        "per class",
        "per module",
        "per term",
        "per session",
        "per semester",
        "per quarter",
        "per block",
        "a week",
        "per wk",
        "a day",
        "each month",
        "every year",
        "/ term",
        "an semester",
        "a session",
        "each course",
    ],
)
def test_a_rate_is_not_a_length(after):
    assert months(f"Plan on 8 weeks {after}.") is None


def test_rate_control():
    assert months("Plan on 8 weeks.") == 1.8


@pytest.mark.parametrize(
    "after",
    [
        "old",
        "of age",
        "ago",
        "of coding experience",
        "of relevant coding experience",
        "experience",
        "work experience",
        "relevant experience",
        "in the field",
        "in industry",
        "in business",
        "of service",
        "warranty",
        "in a row",
        "running",
        "of graduation",
        "after completion",
        "from the date",
        "following graduation",
        "post-graduation",
        "after program completion",
        "of high school",
        "of college",
        "of work",
        "of employment",
        "of the exam",
        "of passing",
        "prior",
        "before",
        "later",
        "earlier",
        "to renew",
        "to recertify",
        "after passing",
        "after the exam",
        "after you pass",
    ],
)
def test_noise_after_the_duration(after):
    assert months(f"We ask for 2 years {after}.") is None


@pytest.mark.parametrize(
    "before",
    [
        "the past",
        "the last",
        "every",
        "previous",
        "next",
        "since",
        "founded",
        "established",
        "serving",
        "valid for",
        "renewed every",
        "renewal each",
        "for over",
        "for more than",
        "for nearly",
        "for almost",
        "over the past",
        "over the last",
        "over the next",
        "once every",
        "the age of",
        "aged",
        "age",
        "older than",
        "newer than",
        "projections for",
        "projected to rise in",
        "growth over the next",
        "growing over",
        "grows over the",
    ],
)
def test_noise_before_the_duration(before):
    assert months(f"Note: {before} 2 years.") is None


def test_noise_control():
    assert months("We ask for 2 years.") == 24.0
    assert months("Note: 2 years.") == 24.0


@pytest.mark.parametrize(
    "cue",
    [
        "must",
        "required",
        "requires",
        "requirement",
        "maximum",
        "max",
        "limit",
        "limited",
        "deadline",
        "expires",
        "expire",
        "statute",
        "allowed",
        "permitted",
        "need to",
        "have to",
        "has to",
    ],
)
def test_a_completion_limit_is_not_a_length(cue):
    assert months(f"Completion {cue} within 5 years.") is None


@pytest.mark.parametrize(
    "immediate",
    [
        "within",
        "in",
        "under",
        "up to",
        "no more than",
        "no longer than",
        "not exceed",
        "not to exceed",
        "not exceeding",
        "maximum of",
        "max",
        "at most",
        "a period of",
        "of",
        "by",
        "within a",
        "within a maximum of",
        "in a total of",
    ],
)
def test_a_limit_needs_its_word_right_before_the_duration(immediate):
    assert months(f"Students must finish {immediate} 5 years.") is None


def test_limit_control():
    assert months("Completion within 5 years.") == 60.0
    assert months("Students must know the program is 5 years.") == 60.0


@pytest.mark.parametrize(
    "text",
    [
        "12 months of access",
        "12 months access",
        "12 months unlimited access",
        "12 months of full access",
        "12 months online access",
        "12 months course access",
        "12 months of program access",
        "access to the course for 12 months",
        "Access: 12 months",
        "Access period: 12 months",
        "Access length - 12 months",
        "Access duration = 12 months",
        "Access time: 12 months",
    ],
)
def test_access_periods_are_not_lengths(text):
    assert months(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "You have 12 months to complete the course.",
        "Each student has 12 months to finish.",
        "You get 12 months to finish.",
        "You are given 12 months to finish.",
        "You receive 12 months to finish.",
        "You are allowed 12 months to finish.",
        "The plan allows 12 months to finish.",
        "Plans allow 12 months to finish.",
        "You are permitted 12 months to finish.",
        "You have up to 12 months to finish.",
        "You have a maximum of 12 months to finish.",
        "You have only 12 months to take the course.",
        "You have 12 months in which to complete it.",
        "You have 12 months to finish.",
    ],
)
def test_time_allowed_to_complete_is_not_a_length(text):
    assert months(text) is None


def test_time_allowed_control():
    assert months("You study 12 months to complete the course.") == 12.0
    assert months("You have 12 months of study.") == 12.0


@pytest.mark.parametrize(
    "text",
    [
        "Each course lasts 8 weeks.",
        "Every class runs 8 weeks.",
        "Per module: 8 weeks.",
        "Individual modules take 8 weeks.",
        "Individual courses: 8 weeks.",
        "All courses: 8 weeks.",
        "Sessions last for 8 weeks.",
        "All courses are 8 weeks.",
        "Each online course is 8 weeks.",
        "Courses are 8 weeks.",
        "Classes run 8 weeks.",
        "Sessions last 8 weeks.",
        "Terms meet for 8 weeks.",
        "Modules take 8 weeks.",
        "Blocks span 8 weeks.",
        "Courses will be 8 weeks.",
        "Each term is 8 weeks.",
        "Every semester is 8 weeks.",
        "Each block is 8 weeks.",
        "Each session is 8 weeks.",
        "It takes each 8 weeks.",
        "Semester 1: 16 weeks.",
        "Term 2 (10 weeks)",
        "Quarter 3 (10 weeks)",
        "Module IV: 8 weeks",
        "Course 2: 8 weeks",
        "Block 1: 8 weeks",
        "Session 3: 8 weeks",
        "Part 2: 8 weeks",
        "Level 1: 8 weeks",
        "Phase 2: 8 weeks",
    ],
)
def test_durations_of_courses_or_terms_are_not_lengths(text):
    assert months(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Each course is online, and the program takes 9 months.",
        "Each course is online, and the programme takes 9 months.",
        "Each course is online, and the certificate takes 9 months.",
        "Each course is online, and the degree takes 9 months.",
        "Each course is online, and the diploma takes 9 months.",
        "Each course is online, and most complete it in 9 months.",
        "Each course is online, and it is completed in 9 months.",
        "Each course is online, and you graduate in 9 months.",
        "Each course is online, and you finish in 9 months.",
    ],
)
def test_a_program_word_after_the_course_cue_makes_it_a_length(text):
    assert months(text) == 9.0


def test_program_word_control():
    assert months("Each course is online, and the course takes 9 months.") is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Requires 64 credit hours and is completed in 2 years.", 24.0),
        ("Requires a total of 64 credits and is completed in 2 years.", 24.0),
        ("Requires a minimum of 64 semester credits and is completed in 2 years.", 24.0),
        ("Requires 64 quarter units and is completed in 2 years.", 24.0),
        ("Requires 900 clock hours and is completed in 2 years.", 24.0),
        ("Requires 900 contact hours and is completed in 2 years.", 24.0),
        ("64 credit hours are required and it is completed in 2 years.", 24.0),
        ("64 semester credits is required and it is completed in 2 years.", 24.0),
        ("64 units required, completed in 2 years.", 24.0),
    ],
)
def test_a_count_after_the_cue_is_not_a_limit(text, expected):
    assert months(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("720 clock hours and 30 credits", 12.0),
        ("60 quarter credits", 18.0),
        ("24 credits", 12.0),
    ],
)
def test_counts(text, expected):
    assert months(text) == expected
    assert months(text, explicit_only=True) is None


@pytest.mark.parametrize(
    "value,expected",
    [
        (12, Length(None, None, "12")),  # a bare number has no unit; the text is kept
        (9.5, Length(None, None, "9.5")),
        (True, Length(None, None, None)),
        ([9], Length(None, None, None)),
        ({"months": 9}, Length(None, None, None)),
    ],
)
def test_non_text(value, expected):
    assert parse_length(value) == expected


def test_an_excluded_mention_does_not_stop_the_search():
    text = "Each course is 8 weeks long; finish the program in 9 months."
    assert span(text) == (9.0, 9.0)


# Each word of the module's word lists, in a phrase where that word decides the answer
# (devtools/wordlists.py): (months, min_months, basis). Programs are fictional.
@pytest.mark.parametrize(
    "text,expected",
    [
        # units after a number are credits, not semesters
        ("A 12 semester-unit certificate in medical coding.", (6.0, 6.0, "credits")),
        ("The program is made of 8-week learning units.", (None, None, "stated")),
        # a rate is not a length
        ("The program meets 4 days a month for 10 months.", (10.0, 10.0, "stated")),
        ("The 2-year program runs 16 weeks/semester.", (24.0, 24.0, "stated")),
        ("The 1-year program runs 11 weeks/quarter.", (12.0, 12.0, "stated")),
        ("The 1-year program runs 8 weeks/session.", (12.0, 12.0, "stated")),
        ("The 1-year program runs 8 weeks/course.", (12.0, 12.0, "stated")),
        ("The 1-year program runs 8 weeks/class.", (12.0, 12.0, "stated")),
        # the length of a part of the program
        ("Every term lasts 10 weeks.", (None, None, "stated")),
        ("Every block lasts 4 weeks.", (None, None, "stated")),
        ("Internship: 6 weeks", (None, None, "stated")),
        ("Practica: 6 weeks", (None, None, "stated")),
        ("Clinicals: 6 weeks", (None, None, "stated")),
        ("A 12-month program; the clinical rotation lasts 8 weeks.", (12.0, 12.0, "stated")),
        ("A 12-month program; clinical experience: 6 weeks.", (12.0, 12.0, "stated")),
        ("The externship is 6 weeks.", (None, None, "stated")),
        ("The externship runs 6 weeks.", (None, None, "stated")),
        ("The practicum takes 6 weeks.", (None, None, "stated")),
        ("The 9-month program includes an externship of 6 weeks.", (9.0, 9.0, "stated")),
        ("The externship is about 6 weeks.", (None, None, "stated")),
        ("The externship lasts approximately 6 weeks.", (None, None, "stated")),
        ("The externship lasts roughly 6 weeks.", (None, None, "stated")),
        # completion limits, and a count that the cue is about
        ("Complete the program in no more than 3 years.", (None, None, "stated")),
        ("Time to complete: at most 3 years.", (None, None, "stated")),
        ("A total of 45 credits are required to finish in 12 months.", (12.0, 12.0, "stated")),
        ("720 clock hours are required to finish in 9 months.", (9.0, 9.0, "stated")),
        ("A student has 2 years to complete the certificate.", (None, None, "stated")),
        # time after the program, a rule on old courses
        (
            "A 9-month program; most graduates are hired within 3 months of finishing.",
            (9.0, 9.0, "stated"),
        ),
        ("A 5-year time limit applies to science courses.", (None, None, "stated")),
        # kinds of school, but a school's program is a length
        ("Transfer from a two-year community college.", (None, None, "stated")),
        ("Transfer to four-year public universities.", (None, None, "stated")),
        ("Transfer to four-year private universities.", (None, None, "stated")),
        ("Transfer from a two-year technical college.", (None, None, "stated")),
        ("Transfer to four-year state universities.", (None, None, "stated")),
        ("Transfer to four-year universities.", (None, None, "stated")),
        ("Transfer from a two-year school.", (None, None, "stated")),
        ("A two-year college program in health information.", (24.0, 24.0, "stated")),
        ("A one-year college diploma in medical billing.", (12.0, 12.0, "stated")),
        ("A one-year college certificate in medical coding.", (12.0, 12.0, "stated")),
        ("A one-year college credential in medical coding.", (12.0, 12.0, "stated")),
        ("This one-year college course prepares you for the CPC exam.", (12.0, 12.0, "stated")),
        # schedules and projections
        ("Exams are offered every 3 months.", (None, None, "stated")),
        ("Job growth of 8% is expected over 5 years.", (None, None, "stated")),
    ],
)
def test_length_words(text, expected):
    result = parse_length(text)
    assert (result.months, result.min_months, result.basis) == expected
