"""programs/normalize/money.py pinned down: the cases mutation testing showed no test would notice.

Each word of each cue list has a row of its own (dropping a word from a list is noticed),
beside a control row that shows the same sentence read differently without the cue.
"""

from __future__ import annotations

import pytest

from programs.normalize import parse_price_value, parse_tuition


@pytest.mark.parametrize(
    "text,expected",
    [
        # a fee or a salary BEFORE the tuition does not hide it
        ("$75 application fee. Tuition: $3,995", 3995.0),
        ("$75 application fee, tuition $3,995", 3995.0),
        ("Coders earn $48,000. Tuition: $3,200", 3200.0),
        ("Median salary $48,000; tuition $3,200", 3200.0),
        # an amount marked "total" beats larger amounts that are not
        ("Total tuition: $3,995. Financing up to $5,000 available.", 3995.0),
        ("Financing up to $5,000 available. Total tuition: $3,995.", 3995.0),
        ("Financing up to $5,000 available. Tuition $3,995 in total.", 3995.0),
        ("Financing up to $5,000 available. Tuition $3,995 total.", 3995.0),
        ("Financing up to $5,000 available. Tuition $3,995 all-inclusive.", 3995.0),
        ("Financing up to $5,000 available. Entire program: $3,995.", 3995.0),
        ("Financing up to $5,000 available. Whole program: $3,995.", 3995.0),
        ("Financing up to $5,000 available. Full program: $3,995.", 3995.0),
        ("Financing up to $5,000 available. All-inclusive: $3,995.", 3995.0),
        ("Total: $3,000; total with books: $3,400", 3400.0),
        ("Financing up to $5,000 available. Tuition $3,995 Total.", 3995.0),
        ("Total: $3,995.50", 3995.5),
        # an amount out of range does not stop the search
        ("Our $600,000 lab. Tuition $3,000", 3000.0),
        # an "including" aside is skipped, and the next cue still counts
        ("Price including books and the median salary $50,000", None),
        ("Financing up to $5,000 available. Tuition: $3,995.", 5000.0),  # control
        # thousands
        ("$3k - $4.5k", 4500.0),
        ("$3k", 3000.0),
        ("$3 thousand", 3000.0),
        ("3k USD", 3000.0),
        ("3 thousand dollars", 3000.0),
        ("$3,000 - 4.5k", 4500.0),
        ("$3,000 to 4,500", 4500.0),
        ("$4,500 - $3,000", 4500.0),
        ("$4,500 to 3,000 USD", 4500.0),
        ("4,500 US dollars", 4500.0),
        # the $500,000 limit at its exact value
        ("$500,000", 500000.0),
        ("$500,000.01", None),
        ("$400,000 - $500,001", None),
        ("$0", 0.0),
        ("$1,234.56", 1234.56),
        ("$1,234.567", 1234.0),  # malformed cents are not read as cents
        ("$2,500.5", 2500.5),
        # money needs a mark
        ("4500", None),
        ("Tuition 4500", None),
        ("Room 4,500 dollarsworth", None),
        (None, None),
        ("", None),
        ("   ", None),
        (True, None),
        (3995, 3995.0),
        (3995.5, 3995.5),
        (["$3,995"], None),
    ],
)
def test_tuition(text, expected):
    assert parse_tuition(text) == expected


COST_WORDS = [
    "tuition",
    "total",
    "price",
    "priced",
    "cost of the program",
    "cost of program",
    "cost of the course",
    "cost of the certificate",
    "cost of the training",
    "cost of attendance",
    "cost of the degree",
    "program cost",
    "course cost",
    "training cost",
    "certificate cost",
    "diploma cost",
    "degree cost",
    "program fees",
    "program fee",
    "program price",
    "program tuition",
    "fees",
    "investment",
    "all-inclusive",
]


@pytest.mark.parametrize("word", COST_WORDS)
def test_a_cost_word_after_another_cue_makes_the_amount_a_cost(word):
    assert parse_tuition(f"Exam voucher and {word} $3,000") == 3000.0


def test_cost_word_control():
    assert parse_tuition("Exam voucher and $3,000") is None


OTHER_WORDS = (
    "salary salaries earn earnings wage wages income paid median average hourly annual annually"
    " exam exams test tests voucher vouchers membership application registration deposit book"
    " books textbook textbooks supplies uniform uniforms scrubs background parking transcript"
    " transcripts save saving savings discount scholarship scholarships grant grants loan loans"
    " debt stipend rebate refund reimbursement donation worth value valued retail"
).split() + [
    "pay rate",
    "pay range",
    "pay scale",
    "make up to",
    "make about",
    "make around",
    "drug screen",
    "graduation fee",
    "late fee",
    "technology fee",
    "lab fee",
]


@pytest.mark.parametrize("word", OTHER_WORDS)
def test_an_amount_after_another_cue_is_not_a_cost(word):
    assert parse_tuition(f"Note the {word} $3,000") is None


def test_other_word_control():
    assert parse_tuition("Note the $3,000") == 3000.0


@pytest.mark.parametrize(
    "aside",
    [
        "including the",
        "includes the",
        "plus the",
        "as well as the",
        "covers the",
        "cover the",
        "covering the",
        "with the",
        "with your",
        "including a",
        "including an",
        "including all",
        "including",
    ],
)
def test_an_other_cue_inside_an_including_aside_is_skipped(aside):
    assert parse_tuition(f"The price, {aside} exam voucher, is $3,995") == 3995.0


def test_including_control():
    assert parse_tuition("The price, not the exam voucher, is $3,995") is None


OTHER_AFTER = [
    "fee",
    "fees",
    "deposit",
    "voucher",
    "application fee",
    "non-refundable application fee",
    "nonrefundable registration fee",
    "exam fee",
    "examination fee",
    "test fee",
    "testing fee",
    "enrollment fee",
    "enrolment fee",
    "lab fee",
    "technology fee",
    "graduation fee",
    "late fee",
    "book fee",
    "material fee",
    "materials fee",
    "supply fee",
    "uniform fee",
    "background fee",
    "deposit fee",
    "processing fee",
    "certification fee",
    "membership fee",
    ") fee",
    "for books",
    "for the book",
    "for textbooks",
    "for supplies",
    "for materials",
    "for uniforms",
    "for scrubs",
    "for the exam",
    "for tests",
    "for testing",
    "for application",
    "for registration",
    "for your background",
    "for parking",
    "for all vouchers",
    "on books",
    "in books",
    "off",
    "discount",
    "scholarship",
    "grant",
    "savings",
    "saving",
    "rebate",
    "bonus",
    "stipend",
    "salary",
    "in salary",
    "in earnings",
    "in savings",
    "in scholarships",
    "in aid",
    "in financial aid",
    "annual",
    "annually",
    "a year salary",
    "a year in wages",
    "per hour",
    "per hr",
    "per week",
    "per wk",
    "per month",
    "per mo",
    "per year",
    "per yr",
    "per annum",
    "per semester",
    "per term",
    "per quarter",
    "per session",
    "per day",
    "per payment",
    "per installment",
    "per class",
    "per course",
    "an hour",
    "a week",
    "a month",
    "a year",
    "a semester",
    "a term",
    "a quarter",
    "a day",
    "/hour",
    "/hr",
    "/h",
    "/week",
    "/wk",
    "/month",
    "/mo",
    "/year",
    "/yr",
    "/semester",
    "/term",
    "/quarter",
    "/day",
    "each semester",
    "each term",
    "each quarter",
    "each year",
    "each month",
    "each week",
    "each session",
    "each course",
    "each class",
    "monthly",
    "weekly",
    "hourly",
    "yearly",
]


@pytest.mark.parametrize("after", OTHER_AFTER)
def test_an_amount_followed_by_another_purpose_or_a_rate_is_not_a_cost(after):
    assert parse_tuition(f"Pay $300 {after}") is None


def test_other_after_control():
    assert parse_tuition("Pay $300 now") == 300.0


@pytest.mark.parametrize(
    "text,expected",
    [
        ("$250 per credit, 24 credits", 6000.0),
        ("$250 a credit, 24 credits", 6000.0),
        ("$250 an credit, 24 credits", 6000.0),
        ("$250 each credit, 24 credits", 6000.0),
        ("$250 for each credit, 24 credits", 6000.0),
        ("$250 for every credit, 24 credits", 6000.0),
        ("$250/credit, 24 credits", 6000.0),
        ("$250 per cr., 24 credits", 6000.0),
        ("$250 per cr, 24 credits", 6000.0),
        ("$250 per unit, 24 credits", 6000.0),
        ("$250 per credit hour, 24 credits", 6000.0),
        ("$250 per credit-hour, 24 credits", 6000.0),
        ("$250 per credit hr., 24 credits", 6000.0),
        ("Per credit tuition: $250, 24 credits", 6000.0),
        ("Per credit rate is $250, 24 credits", 6000.0),
        ("Per-credit cost of $250, 24 credits", 6000.0),
        ("Per unit $250, 24 credits", 6000.0),
        ("Exam voucher per credit $250, 24 credits", None),
        ("$250 per credit", None),
        ("$25,000 per credit, 24 credits", None),
        ("$250 per credit, 24 credits; tuition $5,000", 5000.0),
    ],
)
def test_per_credit_prices(text, expected):
    assert parse_tuition(text) == expected


@pytest.mark.parametrize(
    "text",
    ["$250 per semester credit", "$250 per quarter credit", "Per semester credit hour price: $250"],
)
def test_per_credit_price_spellings_with_a_given_count(text):
    assert parse_tuition(text, credits=24) == 6000.0
    assert parse_tuition(text) is None


@pytest.mark.parametrize(
    "credits,expected",
    [
        (30, 7500.0),
        (30.0, 7500.0),
        (0, None),
        (-3, None),
        (True, None),
        ("30", None),
        (float("nan"), None),
        (float("inf"), None),
        (None, None),
    ],
)
def test_per_credit_with_a_given_credit_count(credits, expected):
    assert parse_tuition("$250 per credit", credits=credits) == expected


@pytest.mark.parametrize(
    "price,credits,expected",
    [
        ("$100 per credit", 1 / 3, 33.33),  # rounded to cents
        ("$250 per credit", 1, 250.0),
        ("$500 per credit", 1000, 500000.0),  # the limit at its exact value
        ("$500 per credit", 1001, None),
    ],
)
def test_per_credit_totals(price, credits, expected):
    assert parse_tuition(price, credits=credits) == expected


def test_given_credits_win_over_the_text():
    assert parse_tuition("$250 per credit, 24 credits", credits=30) == 7500.0


@pytest.mark.parametrize(
    "value,expected",
    [
        (3995, 3995.0),
        (3995.456, 3995.46),
        (0, 0.0),
        (-1, None),
        (500_000, 500000.0),
        (500_000.01, None),
        (float("nan"), None),
        (float("inf"), None),
        (True, None),
        (None, None),
        ("3995", 3995.0),
        ("3995.00", 3995.0),
        ("3.995e3", 3995.0),
        ("$3,995", 3995.0),
        ("USD 3,995.50", 3995.5),
        ("-3995", None),
        ("- $3,995", None),
        ("$3,000 - $3,995", 3000.0),
        ("Free", None),
        ("", None),
        ("9" * 101, None),
        ("$600,000", None),
        ({"price": "3995"}, 3995.0),
        ({"value": 3995}, 3995.0),
        ({"@value": "3995"}, 3995.0),
        ({"maxPrice": 3995}, 3995.0),
        ({"minPrice": 3995}, 3995.0),
        ({"priceSpecification": {"price": 3995}}, 3995.0),
        ({"offers": [{"price": "3995"}]}, 3995.0),
        ({"price": "Free", "value": 10}, 10.0),
        ({"name": "x"}, None),
        ({"price": {"price": {"price": {"price": {"price": 3995}}}}}, 3995.0),
        ({"price": {"price": {"price": {"price": {"price": {"price": 3995}}}}}}, None),
        ("3995 " + "x" * 95, 3995.0),  # 100 characters
        ("3995 " + "x" * 96, None),
        ("3.995E3", 3995.0),
        ("0", 0.0),
        ("0.5", 0.5),
        ("500000", 500000.0),
        ("3995.456", 3995.46),
        ([None, "Free", 3995], 3995.0),
        ((None,), None),
        ([None] * 20 + [5], None),
        ([[[[[[3995]]]]]], None),
        ([[[[[3995]]]]], 3995.0),
        (object(), None),
    ],
)
def test_price_value(value, expected):
    assert parse_price_value(value) == expected


# Each word of the module's word lists, in a phrase where that word decides the answer
# (devtools/wordlists.py). Programs are fictional.
@pytest.mark.parametrize(
    "text,expected",
    [
        # an amount in billions is no program cost
        ("Medical billing is a $5 billion industry.", None),
        # the currency after the upper bound of a range belongs to it: the rate after it counts
        ("Tuition: $3,000 to 4,500 dollars per semester.", None),
        ("Tuition: $3,000 to $4,500 USD per semester.", None),
        # a cost word nearer than another cue
        ("Apart from books, program prices start at $2,500.", 2500.0),
        # other costs
        ("Criminal history check: $45", None),
        ("Health insurance: $350", None),
        ("Insurance premiums: $350", None),
        ("Insurance coverage: $350", None),
        ("Insurance policy: $350", None),
        ("Insurance policies: $350", None),
        ("BLS card: $75", None),
        ("First aid card: $60", None),
        ("Entry-level coding work pays $40,000.", None),
        # aid after the amount
        ("Most students receive $5,000 in financial assistance.", None),
        ("Graduates leave with $12,000 in loans.", None),
        ("Students received $1,500 in awards.", None),
        # paid by the student apart from tuition
        ("Lab kit: $150 at student expense.", None),
        ("Lab kit: $150 at the student's expense.", None),
        ("Lab kit: $150 at your own expense.", None),
        # a rate named before the amount
        ("Tuition per term: $1,200", None),
        ("Tuition each semester: $2,100", None),
        ("Tuition every semester: $2,100", None),
        ("Tuition, billed once a year: $4,000", None),
        ("Tuition per quarter: $1,500", None),
        ("Tuition per year: $8,000", None),
        ("Cost per month: $300", None),
        ("Cost per week: $150", None),
        ("Cost per class: $450", None),
        ("Cost per session: $90", None),
        ("Cost per module: $600", None),
        ("Cost per day: $120", None),
    ],
)
def test_money_words(text, expected):
    assert parse_tuition(text) == expected
