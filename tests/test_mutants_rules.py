"""programs/extract/rules.py pinned down: the section and field rules of the program-page extractor,
the cases mutation testing showed no test would notice.

The rows call the rules' own functions (``section_hours``, ``section_tuition``, ``split_sections``,
``apply_page_level`` ...) on small blocks and facts written in our own words; schools, programs and
prices are fictional.
"""

from __future__ import annotations

from typing import Any

import pytest

from programs.extract import rules
from programs.extract.dom import Block, Fact
from programs.extract.rules import Layout, PageLevel, Section

URL = "https://www.example.edu/programs/coding"


def ps(*lines: str) -> list[Block]:
    return [Block("p", line) for line in lines]


def text_of(bs: list[Block], spanish: bool = False) -> str:
    return rules.section_text(bs, spanish)


# --- page-level accreditations -------------------------------------------------------------------

CAHIIM_STATEMENT = (
    "The Health Information Technology accreditor of Fictional Valley College is the Commission on "
    "Accreditation for Health Informatics and Information Management Education."
)


def accs_after(page_text: str, credentials: list[str | None]) -> list[list[str]]:
    programs: list[dict[str, Any]] = [{"credential": c, "accreditations": []} for c in credentials]
    rules.apply_page_level(programs, page_text)
    return [p["accreditations"] for p in programs]


@pytest.mark.parametrize(
    "page_text,credentials,expected",
    [
        # an institutional accreditor counts for every program of the page
        (
            "Fictional Valley College is accredited by ACCSC.",
            ["certificate", "associate"],
            [["ACCSC"], ["ACCSC"]],
        ),
        (
            "Fictional Valley College is accredited by DEAC.",
            ["certificate"],
            [["DEAC"]],
        ),
        # the CAHIIM statement naming a level: only the programs of that level
        (
            CAHIIM_STATEMENT + " The College's accreditation for associate degree in health"
            " information technology has been reaffirmed.",
            ["associate", "certificate", "bachelor", None],
            [["CAHIIM"], [], [], []],
        ),
        (
            CAHIIM_STATEMENT + " The College's accreditation for the baccalaureate degree in health"
            " information management has been reaffirmed.",
            ["associate", "bachelor"],
            [[], ["CAHIIM"]],
        ),
        (
            CAHIIM_STATEMENT + " The College's accreditation for its Master's degree in health"
            " informatics has been reaffirmed.",
            ["master", "bachelor", "associate"],
            [["CAHIIM"], [], []],
        ),
        (
            CAHIIM_STATEMENT + " The College's accreditation for bachelor's degree in health"
            " information management has been reaffirmed.",
            ["master", "bachelor"],
            [[], ["CAHIIM"]],
        ),
        # ... naming no level: every program but the certificates
        (CAHIIM_STATEMENT, ["associate", "certificate", None], [["CAHIIM"], [], ["CAHIIM"]]),
        # CAHIIM named outright (no statement) works the same way
        (
            "Our Health Information Technology program is accredited by CAHIIM.",
            ["associate", "certificate"],
            [["CAHIIM"], []],
        ),
        # PCAP / AAPC approval: the certificate programs only
        (
            "The coding certificate is approved through the AHIMA PCAP.",
            ["certificate", "associate"],
            [["PCAP"], []],
        ),
        (
            "Fictional Valley College is an AAPC approved education partner.",
            ["certificate", "associate"],
            [["AAPC"], []],
        ),
        # nothing on the page: nothing added
        ("Fictional Valley College has three campuses.", ["certificate"], [[]]),
    ],
)
def test_apply_page_level(page_text: str, credentials: list, expected: list) -> None:
    assert accs_after(page_text, credentials) == expected


def test_apply_page_level_keeps_what_the_programs_had() -> None:
    programs: list[dict[str, Any]] = [
        {"credential": "associate", "accreditations": ["CAHIIM"]},
        {"credential": "certificate", "accreditations": None},
        {"credential": "certificate"},
    ]
    rules.apply_page_level(programs, "Fictional Valley College is accredited by ABHES.")
    assert [p["accreditations"] for p in programs] == [["ABHES", "CAHIIM"], ["ABHES"], ["ABHES"]]


def test_apply_page_level_without_page_text_changes_nothing() -> None:
    programs: list[dict[str, Any]] = [{"credential": "certificate"}]
    rules.apply_page_level(programs, "")
    assert programs == [{"credential": "certificate"}]
    rules.apply_page_level([], "Fictional Valley College is accredited by ABHES.")  # no error


# --- enough facts to call a page a program -------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        ({}, False),
        ({"length_months": 9.0}, False),  # one core fact alone is not enough
        ({"length_months": 9.0, "credit_hours": 30.0}, True),
        ({"credit_hours": 30.0, "clock_hours": 600.0}, True),
        ({"clock_hours": 600.0, "tuition_usd": 3995.0}, True),
        ({"tuition_usd": 3995.0, "delivery": "online"}, True),
        (
            {"length_months": 0.0, "certifications": ["CPC"]},
            True,
        ),  # 0 is a value, not a missing one
        ({"clock_hours": 600.0, "accreditations": ["ABHES"]}, True),
        ({"credit_hours": 30.0, "certifications": []}, False),
        # extras alone are no program, however many
        ({"delivery": "online", "certifications": ["CPC"], "accreditations": ["ABHES"]}, False),
        ({"length_months": None, "credit_hours": None, "delivery": "online"}, False),
    ],
)
def test_has_program_facts(raw: dict, expected: bool) -> None:
    assert rules.has_program_facts(raw) is expected


# --- the description -------------------------------------------------------------------------------

LONG = "Fictional Valley College trains medical coders for clinics, hospitals and insurers. "


@pytest.mark.parametrize(
    "blocks,expected",
    [
        ([Block("p", "Short line.")], None),  # under 40 characters: no paragraph
        ([Block("p", "x" * 39)], None),
        ([Block("p", "y" * 40)], "y" * 40),
        ([Block("h2", LONG, level=2), Block("p", LONG)], LONG.strip()),  # a heading is skipped
        ([Block("li", LONG), Block("div", "Div: " + LONG)], "Div: " + LONG.strip()),
        (
            [
                Block("p", "Tiny."),
                Block("p", "Then  the\n real   one, a paragraph of some length."),
            ],
            "Then the real one, a paragraph of some length.",
        ),
    ],
)
def test_describe(blocks: list[Block], expected: str | None) -> None:
    assert rules.describe(blocks) == expected


def test_describe_cuts_at_a_word_boundary() -> None:
    words = "coding, " * 40  # 320 characters
    assert rules.describe([Block("p", words)]) == ("coding, " * 37).rstrip(" ,") + "\u2026"
    exact = "a" * 299 + "b"
    assert rules.describe([Block("p", exact)]) == exact  # 300 characters: kept whole
    text = "word " * 59 + "abcdefghij"  # 305 characters, the cut falls inside the last word
    assert rules.describe([Block("p", text)]) == ("word " * 59).rstrip() + "\u2026"
    assert rules.describe([Block("p", "ab cd " * 10)], limit=20) == "ab cd ab cd ab cd\u2026"


# --- hours -------------------------------------------------------------------------------------------


def hours(facts: list[Fact], lines: list[str], spanish: bool = False) -> tuple:
    bs = ps(*lines)
    return rules.section_hours(facts, text_of(bs, spanish), bs, spanish)


@pytest.mark.parametrize(
    "facts,lines,spanish,expected",
    [
        # a labelled value that is not a bare number goes through the hours parser
        (
            [Fact("Credits", "30 semester credits", 0)],
            [],
            False,
            (30.0, None, "Credits: 30 semester credits"),
        ),
        # ... which may also give the clock hours
        (
            [Fact("Credits", "30 credits (900 clock hours)", 0)],
            [],
            False,
            (30.0, 900.0, "Credits: 30 credits (900 clock hours)"),
        ),
        ([Fact("Clock hours", "1,080", 0)], [], False, (None, 1080.0, "Clock hours: 1,080")),
        ([Fact("Clock hours", "720 hrs", 0)], [], False, (None, 720.0, "Clock hours: 720 hrs")),
        # a Spanish value is read in English
        (
            [Fact("Horas reloj", "900 horas reloj", 0)],
            [],
            True,
            (None, 900.0, "Horas reloj: 900 horas reloj"),
        ),
        # the prose: the sentence that gives the count is the phrase
        (
            [],
            ["Our graduates work in clinics.", "The diploma requires 64 credit hours."],
            False,
            (64.0, None, "The diploma requires 64 credit hours."),
        ),
        (
            [],
            ["The program totals 1,000 clock hours of training."],
            False,
            (None, 1000.0, "The program totals 1,000 clock hours of training."),
        ),
        (
            [],
            ["Welcome.", "The program totals 1,200 clock hours of training."],
            False,
            (None, 1200.0, "The program totals 1,200 clock hours of training."),
        ),
        # the credits' sentence is the phrase when both are given
        (
            [],
            ["Students complete 36 credits.", "The program totals 1,000 clock hours."],
            False,
            (36.0, 1000.0, "Students complete 36 credits."),
        ),
    ],
)
def test_section_hours(facts: list[Fact], lines: list[str], spanish: bool, expected: tuple) -> None:
    assert hours(facts, lines, spanish) == expected


def test_a_clock_fact_that_says_nothing_keeps_the_clock_hours_of_the_credits_fact() -> None:
    facts = [Fact("Credits", "30 credits (900 clock hours)", 0), Fact("Clock hours", "varies", 1)]
    assert hours(facts, [])[:2] == (30.0, 900.0)


# --- tuition -----------------------------------------------------------------------------------------


def tuition(
    facts: list[Fact],
    lines: list[str],
    page: PageLevel | None = None,
    credits: float | None = None,
    spanish: bool = False,
) -> tuple:
    bs = ps(*lines)
    return rules.section_tuition(facts, text_of(bs, spanish), bs, page, credits, spanish)


def page_level(*lines: str, facts: list[Fact] | None = None) -> PageLevel:
    return PageLevel("\n".join(lines), facts or [], ps(*lines))


PAGE_RATE = page_level("Books are about $800.", "Tuition for all programs is $150 per credit hour.")


@pytest.mark.parametrize(
    "facts,lines,page,credits,spanish,expected",
    [
        # labelled rows: a total wins over a per-credit price, and is the phrase shown
        (
            [Fact("Tuition per credit", "$120", 0), Fact("Program total", "$3,995", 1)],
            [],
            None,
            30.0,
            False,
            (3995.0, "Program total: $3,995"),
        ),
        # when the total and the per-credit price agree, the total is the phrase
        (
            [Fact("Cost Per Credit", "$120", 0), Fact("Total tuition", "$3,600", 1)],
            [],
            None,
            30.0,
            False,
            (3600.0, "Total tuition: $3,600"),
        ),
        # the phrase is the row that gives the tuition, not the first cost row
        (
            [Fact("Books", "$800", 0), Fact("Tuition per credit", "$120", 1)],
            [],
            None,
            30.0,
            False,
            (3600.0, "Tuition per credit: $120"),
        ),
        # the larger of in-state and out-of-state
        (
            [Fact("In-state tuition", "$3,000", 0), Fact("Out-of-state tuition", "$6,000", 1)],
            [],
            None,
            None,
            False,
            (6000.0, "Out-of-state tuition: $6,000"),
        ),
        # Spanish rows are read in English (per credit times the credits)
        (
            [Fact("Costo por cr\u00e9dito", "$120", 0)],
            [],
            None,
            30.0,
            True,
            (3600.0, "Costo por cr\u00e9dito: $120"),
        ),
        (
            [Fact("Books", "$800", 0), Fact("Costo por cr\u00e9dito", "$120", 1)],
            [],
            None,
            30.0,
            True,
            (3600.0, "Costo por cr\u00e9dito: $120"),
        ),
        # the prose: per credit times the credits; the phrase is the sentence that gives it
        (
            [],
            ["Books cost about $800.", "Tuition is $150 per credit hour."],
            None,
            30.0,
            False,
            (4500.0, "Tuition is $150 per credit hour."),
        ),
        (
            [],
            ["Application fee: $25.", "Costo por cr\u00e9dito: $120."],
            None,
            30.0,
            True,
            (3600.0, "Costo por cr\u00e9dito: $120."),
        ),
        # the page level: its text ...
        ([], ["Welcome."], PAGE_RATE, 30.0, False, (4500.0, PAGE_RATE.blocks[1].text)),
        # ... its labelled cost rows first
        (
            [],
            ["Welcome."],
            page_level("Fees vary.", facts=[Fact("Tuition", "$200 per credit", 0)]),
            30.0,
            False,
            (6000.0, None),
        ),
        # ... and nothing when the page has no text outside the sections
        (
            [],
            ["Welcome."],
            PageLevel("", [Fact("Tuition", "$200 per credit", 0)], []),
            30.0,
            False,
            (None, None),
        ),
        # the section's own cost comes before the page's
        (
            [],
            ["Tuition is $100 per credit hour."],
            PAGE_RATE,
            30.0,
            False,
            (3000.0, "Tuition is $100 per credit hour."),
        ),
    ],
)
def test_section_tuition(facts, lines, page, credits, spanish, expected) -> None:
    assert tuition(facts, lines, page, credits, spanish) == expected


# --- program headings and sections ------------------------------------------------------------------

NAME_120 = "Medical Coding Certificate at Fictional Valley College, " + "Z" * 64


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Office Administration Certificate", True),  # a credential, no code needed
        ("Medical Coding", False),  # no credential
        ("Medical Coding Certificate?", False),  # a question
        (NAME_120, True),
        (NAME_120 + "Z", False),  # over 120 characters: a sentence, not a heading
        ("Certificate Options", False),  # a topic of the page
        ("Medical Coding Certificate Options", True),  # ... unless a program is named
        ("Medical Coding Certificate Courses", False),  # its courses, not the program
        ("Medical Coding Certificate Careers", False),
        ("Medical Coding Certificate FAQ", False),
        ("Medical Coding Certificate Requirements", False),
        ("Medical Coding Certificate Curriculum", False),
        ("Medical Coding Certificate Outcomes", False),
    ],
)
def test_is_program_heading(text: str, expected: bool) -> None:
    assert len(NAME_120) == 120
    assert rules.is_program_heading(text) is expected


def h(level: int, text: str) -> Block:
    return Block(f"h{level}", text, level=level)


CODING = "Medical Coding Certificate"
HIT = "Health Information Technology, AAS"


def test_a_page_listing_two_programs() -> None:
    blocks = [
        h(1, "Our Programs"),
        Block("p", "Tuition for all programs is $150 per credit hour."),
        h(2, CODING),
        Block("p", "Nine months."),
        h(3, "Courses"),
        Block("p", "Coding I, Coding II."),
        h(2, HIT),
        Block("p", "Two years."),
        h(2, "Contact Us"),
        Block("p", "Call the office."),
    ]
    facts = [Fact(f"Label {k}", "value", k) for k in (1, 2, 3, 5, 6, 7, 8, 9)]
    by_block = {f.block: f for f in facts}
    assert rules.split_sections(blocks, facts, "Programs | Fictional Valley College") == Layout(
        [
            Section(CODING, 2, 6, blocks[2:6], [by_block[k] for k in (2, 3, 5)], 2),
            Section(HIT, 6, 8, blocks[6:8], [by_block[k] for k in (6, 7)], 2),
        ],
        [blocks[k] for k in (0, 1, 8, 9)],
        [by_block[k] for k in (1, 8, 9)],
        True,
    )


def test_a_single_program_page_is_one_section() -> None:
    blocks = [h(1, CODING), Block("p", "Nine months."), h(2, "Program Requirements")]
    facts = [Fact("Length", "9 months", 1)]
    assert rules.split_sections(blocks, facts, CODING) == Layout(
        [Section(CODING, 0, 3, blocks, facts)]
    )


def test_no_program_heading_is_one_section() -> None:
    blocks = [h(1, "Campus News"), Block("p", "The library has new hours.")]
    assert rules.split_sections(blocks, [], "Campus News") == Layout(
        [Section("Campus News", 0, 2, blocks, [])]
    )


def test_one_program_heading_on_a_page_that_is_no_program() -> None:
    blocks = [Block("p", "Fictional Valley College offers one coding program."), h(2, CODING)]
    blocks.append(Block("p", "Nine months."))
    assert rules.split_sections(blocks, [], "Fictional Valley College") == Layout(
        [Section(CODING, 1, 3, blocks[1:], [], 2)], blocks[:1], [], True
    )


@pytest.mark.parametrize(
    "page_name",
    [
        "Medical Coding",  # in scope, no credential
        "Certificate in Office Administration",  # a credential, out of scope
    ],
)
def test_one_program_heading_on_a_program_page_is_a_related_program(page_name: str) -> None:
    blocks = [h(1, page_name), Block("p", "Nine months."), h(2, HIT), Block("p", "Two years.")]
    assert rules.split_sections(blocks, [], page_name) == Layout(
        [Section(page_name, 0, 4, blocks, [])]
    )


def test_the_page_program_before_two_others() -> None:
    page_name = "Medical Billing and Coding Diploma"
    blocks = [
        h(1, page_name),  # the page's own name: not a section of its own
        Block("p", "The diploma takes nine months."),
        h(2, CODING),
        Block("p", "Six months."),
        h(2, HIT),
        Block("p", "Two years."),
    ]
    facts = [Fact("Length", "9 months", 1), Fact("Length", "6 months", 2)]
    layout = rules.split_sections(blocks, facts, page_name)
    assert layout.multi
    assert layout.sections == [
        Section(page_name, 0, 2, blocks[:2], facts[:1], require_credential=True),
        Section(CODING, 2, 4, blocks[2:4], facts[1:], 2),
        Section(HIT, 4, 6, blocks[4:6], [], 2),
    ]


def test_no_intro_section_when_the_first_program_heading_is_the_second_block() -> None:
    page_name = "Medical Billing and Coding Diploma"
    blocks = [Block("p", "Choose a program."), h(2, CODING), Block("p", "x"), h(2, HIT)]
    layout = rules.split_sections(blocks, [], page_name)
    assert [s.name for s in layout.sections] == [CODING, HIT]
    assert layout.page_blocks == blocks[:1]


def test_a_page_that_is_no_program_gets_no_intro_section() -> None:
    blocks = [h(1, "Our Programs"), Block("p", "Choose."), h(2, CODING), h(2, HIT)]
    layout = rules.split_sections(blocks, [], "Fictional Valley College")
    assert [s.name for s in layout.sections] == [CODING, HIT]


def names(blocks: list[Block], page_name: str = "Fictional Valley College") -> list[str | None]:
    return [s.name for s in rules.split_sections(blocks, [], page_name).sections]


def test_programs_under_a_related_programs_heading_are_no_sections() -> None:
    blocks = [
        h(1, "Medical Billing and Coding Diploma"),
        Block("p", "Nine months."),
        h(2, "Related Programs"),
        h(3, CODING),
        h(2, "Admissions"),
        h(3, HIT),
    ]
    # the coding certificate is under "Related Programs"; the HIT degree under "Admissions"
    assert names(blocks, "Medical Billing and Coding Diploma") == [
        "Medical Billing and Coding Diploma"
    ]
    blocks = [
        Block("p", "Welcome."),
        h(2, "Related Programs"),
        Block("p", "You may also like:"),
        h(3, CODING),
        Block("p", "Six months."),
        h(3, HIT),
    ]
    assert names(blocks, "Medical Billing and Coding Diploma") == [
        "Medical Billing and Coding Diploma"
    ]


def test_a_related_heading_of_the_same_level_is_no_parent() -> None:
    blocks = [h(2, "Other Programs"), h(2, CODING), Block("p", "x"), h(2, HIT)]
    assert names(blocks) == [CODING, HIT]


def test_a_program_heading_with_a_related_word_is_a_parent_like_any_other() -> None:
    blocks = [
        h(2, "Medical Billing and Coding Diploma"),
        Block("p", "Nine months."),
        h(2, "Also offered: " + HIT),
        h(3, CODING),
    ]
    assert names(blocks) == ["Medical Billing and Coding Diploma", "Also offered: " + HIT, CODING]


def test_headings_with_no_parent_heading_are_sections() -> None:
    blocks = [h(3, CODING), Block("p", "x"), h(3, HIT), Block("p", "y"), h(2, "More Programs")]
    assert names(blocks) == [CODING, HIT]


# --- length ------------------------------------------------------------------------------------------


def P(text: str) -> Block:
    return Block("p", text)


def H3(text: str) -> Block:
    return Block("h3", text, level=3)


@pytest.mark.parametrize(
    "blocks,spanish,expected",
    [
        # a limit ("must ... within") loses to the program's duration
        (
            [P("Students must finish within 3 years."), P("The program takes 9 months.")],
            False,
            (9.0, 9.0, "The program takes 9 months."),
        ),
        # a sentence with only a penalty is skipped, and the next ones are still read
        (
            [P("Graduates are employed within 6 months."), P("Study for 12 months.")],
            False,
            (12.0, 12.0, "Study for 12 months."),
        ),
        # a time word but no duration: the next blocks are still read
        (
            [P("Classes meet 2 days a week."), P("The program takes 9 months.")],
            False,
            (9.0, 9.0, "The program takes 9 months."),
        ),
        # equal scores: the first one wins
        (
            [P("Complete in 18 months."), P("Finish in 12 months.")],
            False,
            (18.0, 18.0, "Complete in 18 months."),
        ),
        # a heading counts a little, a program cue more
        ([H3("9 Months")], False, (9.0, 9.0, "9 Months")),
        (
            [H3("9 Months"), P("The program takes 12 months.")],
            False,
            (12.0, 12.0, "The program takes 12 months."),
        ),
        (
            [P("The program takes 12 months."), H3("Program length: 9 months")],
            False,
            (9.0, 9.0, "Program length: 9 months"),
        ),
        (
            [P("Full-time students finish within 9 months."), H3("12 Months")],
            False,
            (12.0, 12.0, "12 Months"),
        ),
        # a cue and a penalty together still count
        (
            [P("Full-time students finish within 9 months.")],
            False,
            (9.0, 9.0, "Full-time students finish within 9 months."),
        ),
        # a heading with a penalty alone is no length
        ([H3("Job placement within 6 months")], False, None),
        # a range keeps its lower bound; the phrase is the sentence that states it
        (
            [P("Welcome. The program takes 9 to 12 months to complete. Enroll now.")],
            False,
            (12.0, 9.0, "The program takes 9 to 12 months to complete."),
        ),
        # credits are no stated duration, even in the phrase
        (
            [
                P(
                    "Classes meet 2 days a week and the program totals 36 credits. "
                    "The program takes 12 months."
                )
            ],
            False,
            (12.0, 12.0, "The program takes 12 months."),
        ),
        ([P("Classes meet 2 days a week and the program totals 36 credits.")], False, None),
        # Spanish, read in English; the phrase keeps the page's words
        (
            [P("Bienvenidos. El programa dura 9 meses.")],
            True,
            (9.0, 9.0, "El programa dura 9 meses."),
        ),
    ],
)
def test_best_length(blocks: list[Block], spanish: bool, expected: tuple | None) -> None:
    assert rules.best_length(blocks, spanish) == expected


def length_keys(months, min_months, text, basis, estimated) -> dict[str, Any]:
    return {
        "length_months": months,
        "length_min_months": min_months,
        "length_text": text,
        "length_basis": basis,
        "length_estimated": estimated,
    }


@pytest.mark.parametrize(
    "facts,lines,credits,clock,spanish,expected",
    [
        (
            [Fact("Duraci\u00f3n", "9 meses", 0)],
            [],
            None,
            None,
            True,
            length_keys(9.0, 9.0, "Duraci\u00f3n: 9 meses", "stated", False),
        ),
        (
            [Fact("Program length", "9 to 12 months", 0)],
            [],
            None,
            None,
            False,
            length_keys(12.0, 9.0, "Program length: 9 to 12 months", "stated", False),
        ),
        # 60 quarter credits (40 semester credits) fit in 12 months
        (
            [],
            ["Complete the program in four Quarters: 12 months."],
            60.0,
            None,
            False,
            length_keys(
                12.0, 12.0, "Complete the program in four Quarters: 12 months.", "stated", False
            ),
        ),
        (
            [],
            ["The program takes 12 months and 60 quarter credits."],
            60.0,
            None,
            False,
            length_keys(
                12.0, 12.0, "The program takes 12 months and 60 quarter credits.", "stated", False
            ),
        ),
        # ... 60 semester credits do not: the 12 months are a part of the program
        (
            [],
            ["The program takes 12 months."],
            60.0,
            None,
            False,
            length_keys(24.0, 24.0, "60 credits", "credits", True),
        ),
        # a range is a part of the program only when its longest time is too short
        (
            [],
            ["The program takes 9 to 12 months."],
            45.0,
            None,
            False,
            length_keys(12.0, 9.0, "The program takes 9 to 12 months.", "stated", False),
        ),
        # estimates from quarter and semester credits, and from clock hours
        (
            [],
            ["Students complete 90 quarter credits."],
            90.0,
            None,
            False,
            length_keys(24.0, 24.0, "90 quarter credits", "credits", True),
        ),
        (
            [],
            ["Students complete 90 credits."],
            90.0,
            None,
            False,
            length_keys(36.0, 36.0, "90 credits", "credits", True),
        ),
        ([], [], None, 600.0, False, length_keys(6.0, 6.0, "600 clock hours", "clock_hours", True)),
        ([], [], None, None, False, length_keys(None, None, None, None, False)),
    ],
)
def test_section_length(facts, lines, credits, clock, spanish, expected) -> None:
    bs = ps(*lines)
    assert (
        rules.section_length(facts, bs, text_of(bs, spanish), credits, clock, spanish) == expected
    )


@pytest.mark.parametrize(
    "months,credits,quarter,part",
    [
        (12.0, 90.0, True, True),  # 60 semester credits a year: too many
        (12.0, 72.0, True, False),
        (12.0, 50.0, False, False),  # 50 a year is the most a stated time may hold
        (12.0, 51.0, False, True),
        (1.0, 6.0, False, True),
        (0.0, 30.0, False, False),  # no time: nothing to compare
        (12.0, None, False, False),
    ],
)
def test_part_of_program(months: float, credits: float | None, quarter: bool, part: bool) -> None:
    assert rules._part_of_program(months, credits, quarter) is part


# --- a whole section ---------------------------------------------------------------------------------

HOURS_SENTENCE = "Students complete 720 clock hours of training in our program, which prepares them for the CPC exam."


def test_program_from_section_in_english_with_a_page_level() -> None:
    blocks = [
        Block("h2", "Medical Billing and Coding", level=2),
        P(HOURS_SENTENCE),
        P("The program is accredited by ABHES. CIP Code: 51.0713"),
        P("Enroll today."),
    ]
    section = Section(None, 0, len(blocks), blocks, [])
    page = page_level("All programs are offered online.", "Tuition is $5,000 for the program.")
    assert rules.program_from_section(
        section,
        spanish=False,
        page=page,
        page_url=URL,
        title_name="Medical Billing and Coding Diploma",
    ) == {
        "source": "text",
        "name": None,
        "url": URL,
        "require_credential": False,
        "credit_hours": None,
        "clock_hours": 720.0,
        "hours_text": HOURS_SENTENCE,
        **length_keys(12.0, 12.0, "720 clock hours", "clock_hours", True),
        "delivery": "online",
        "delivery_text": "All programs are offered online.",
        "tuition_usd": 5000.0,
        "tuition_text": "Tuition is $5,000 for the program.",
        "certifications": ["CPC"],
        "accreditations": ["ABHES"],
        "cip": "51.0713",
        "credential": "certificate",  # from the page title: the section has no name
        "credential_text": "Medical Billing and Coding Diploma",
        "description": HOURS_SENTENCE,
        "voice": True,
    }


def test_program_from_section_in_spanish() -> None:
    name = "Certificado en Facturaci\u00f3n M\u00e9dica"
    blocks = [
        Block("h1", "Facturaci\u00f3n M\u00e9dica", level=1),
        P("El programa se ofrece en l\u00ednea para los estudiantes de la isla."),
    ]
    facts = [
        Fact("Horas reloj", "900 horas reloj", 1),
        Fact("Cr\u00e9ditos", "24 cr\u00e9ditos", 1),
        Fact("Modalidad", "En l\u00ednea", 1),
        Fact("Costo por cr\u00e9dito", "$120", 1),
        Fact("CIP", "51.0714", 1),
    ]
    section = Section(name, 0, 2, blocks, facts, require_credential=True)
    got = rules.program_from_section(section, spanish=True, page=None, page_url=URL)
    got.pop("voice")
    assert got == {
        "source": "text",
        "name": name,
        "url": URL,
        "require_credential": True,
        "credit_hours": 24.0,
        "clock_hours": 900.0,
        "hours_text": "Horas reloj: 900 horas reloj",
        **length_keys(12.0, 12.0, "900 clock hours", "clock_hours", True),
        "delivery": "online",
        "delivery_text": "En l\u00ednea",
        "tuition_usd": 2880.0,
        "tuition_text": "Costo por cr\u00e9dito: $120",
        "certifications": [],
        "accreditations": [],
        "cip": "51.0714",
        "credential": "certificate",
        "credential_text": name,
        "description": "El programa se ofrece en l\u00ednea para los estudiantes de la isla.",
    }


# --- credential --------------------------------------------------------------------------------------

HIT_NAME = "Health Information Technology"


def credential(
    name: str | None, blocks: list[Block], facts: list[Fact] | None = None, spanish: bool = False
) -> tuple:
    section = Section(name, 0, len(blocks), blocks, facts or [])
    return rules.section_credential(section, None, facts or [], spanish)


def test_a_labelled_award() -> None:
    facts = [Fact("Award", "Associate of Applied Science", 0)]
    assert credential(HIT_NAME, [P("Welcome.")], facts) == (
        "associate",
        "Associate of Applied Science",
    )
    # a label naming no credential is passed over
    facts = [Fact("Award", "See the catalog", 0)]
    assert credential(HIT_NAME, [P("Welcome.")], facts) == (None, None)


@pytest.mark.parametrize("tag", ["p", "li", "div", "dd", "span"])
def test_a_credential_named_in_the_first_paragraphs(tag: str) -> None:
    assert credential(HIT_NAME, [Block(tag, "You earn a diploma.")]) == (
        "certificate",
        "You earn a diploma.",
    )


def test_a_table_cell_is_no_paragraph_of_the_section() -> None:
    assert credential(HIT_NAME, [Block("td", "You earn a diploma.")]) == (None, None)


def test_a_spanish_heading_below_the_section_title_names_the_award() -> None:
    found, _text = credential(
        "Facturaci\u00f3n M\u00e9dica", [H3("Programa de grado asociado")], spanish=True
    )
    assert found == "associate"


@pytest.mark.parametrize(
    "blocks,spanish,expected",
    [
        (
            [P("Welcome to our school. Graduates earn an Associate of Applied Science degree.")],
            False,
            ("associate", "Graduates earn an Associate of Applied Science degree."),
        ),
        # the section's own title (h1/h2) is read elsewhere; a lower heading counts
        ([Block("h2", "Associate of Applied Science degree", level=2)], False, (None, None)),
        (
            [H3("Associate of Applied Science degree")],
            False,
            ("associate", "Associate of Applied Science degree"),
        ),
        (
            [
                Block("h2", "Overview", level=2),
                P("Graduates earn an Associate of Applied Science degree."),
            ],
            False,
            ("associate", "Graduates earn an Associate of Applied Science degree."),
        ),
    ],
)
def test_body_credential(blocks: list[Block], spanish: bool, expected: tuple) -> None:
    assert rules.body_credential(blocks, spanish, HIT_NAME) == expected


def test_body_credential_in_spanish() -> None:
    blocks = [P("Otorga un grado asociado en facturaci\u00f3n.")]
    assert rules.body_credential(blocks, True)[0] == "associate"
    assert rules.body_credential(blocks, False) == (None, None)


@pytest.mark.parametrize(
    "sentence,program,expected",
    [
        ("Earn a certificate in Spanish.", "Medical Coding", True),  # no code, no shared word
        ("Earn a certificate in Coding Essentials.", "Medical Coding", False),  # the same code
        (
            "Many go on to a bachelor's in health information management.",
            HIT_NAME,
            True,  # another code, words shared
        ),
        ("Earn a certificate in Spanish.", "General Studies", False),  # own field has no code
        # the award's own name ("in Science") names no field: the next match is read
        ("Earn an Associate in Science, then a certificate in Spanish.", "Medical Coding", True),
    ],
)
def test_names_other_program(sentence: str, program: str, expected: bool) -> None:
    assert rules.names_other_program(sentence, program) is expected


# --- delivery ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # the phrase is the sentence that gives the delivery, not a word of it
        (
            "The program is offered completely online.",
            ("online", "The program is offered completely online."),
        ),
        # ... nor a first statement that gives none
        (
            "Courses are offered in a flexible format.\nThe program is available fully online.",
            ("online", "The program is available fully online."),
        ),
        ("Apply online today.", (None, None)),
    ],
)
def test_section_delivery_phrase(text: str, expected: tuple) -> None:
    assert rules.section_delivery([], text, None, False) == expected


def test_teaching_text_keeps_one_statement_a_line() -> None:
    assert rules.teaching_text("Courses are offered online. Labs are taught on campus.") == (
        "Courses are offered online.\nLabs are taught on campus."
    )


@pytest.mark.parametrize(
    "item,expected",
    [
        ("Nine months, 30 credits, taught on campus", True),  # a short item
        ("classes meet on campus", True),  # four words
        ("classes all meet on campus", False),  # five words, not led by the delivery
        ("fully online with weekly live sessions for all", True),  # led by the delivery
        ("Nine months, 30 credits", False),
    ],
)
def test_delivery_item(item: str, expected: bool) -> None:
    assert rules._delivery_item(item) is expected


@pytest.mark.parametrize(
    "line,expected",
    [
        ("", False),
        ("1 Medical Coding", False),  # a numbered item
        ("Billing plus Coding", False),  # a lower-case word of four letters
        ("Certificate from Fictional College", True),  # small words may stay lower case
        ("Health Information Management, Plan III, B.S.", True),
    ],
)
def test_looks_like_heading(line: str, expected: bool) -> None:
    assert rules.looks_like_heading(line) is expected


# --- the section's text and the cheap pre-checks ----------------------------------------------------


def test_section_text_leaves_out_course_lists() -> None:
    blocks = [
        Block("li", "HIM 101 Introduction (3 credits)"),
        Block("li", "Introduction to Coding (3 credits)", classes="Course-Item"),
        Block("li", "Externship"),
        Block("p", "HIM 200 is taught online."),  # a paragraph is kept
        Block("p", "The program totals 60 credits."),
    ]
    assert rules.section_text(blocks, False) == (
        "Externship\nHIM 200 is taught online.\nThe program totals 60 credits."
    )


def test_lines_and_sentences_matching() -> None:
    assert rules.lines_matching("Tuition $100\nWelcome\nFees $50", rules.may_cost) == (
        "Tuition $100\nFees $50"
    )
    text = (
        "The program totals 64 credits. The clinical is 90 hours.\nIt has 60 credit hours in all."
    )
    assert rules.sentences_matching(text, rules.may_program_hours) == (
        "The program totals 64 credits.\nIt has 60 credit hours in all."
    )


@pytest.mark.parametrize(
    "check,line,expected",
    [
        (rules.may_accreditation, "Fictional Valley College has three campuses.", False),
        (rules.may_accreditation, "Approved by the Fictional Council.", True),
        (rules.may_certification, "Prepare for the CPC exam.", True),
        (rules.may_certification, "Become certified.", True),
        (rules.may_certification, "Become a registered technician.", True),
        (rules.may_certification, "Sit for a national exam.", True),
        (rules.may_certification, "Our graduates work in clinics.", False),
        (rules.may_cost, "Tuition is 3,000 USD.", True),
        (rules.may_cost, "Three thousand dollars.", True),
        (rules.may_cost, "Tuition varies.", False),
        (rules.may_delivery, "Tuition is $100.", False),
        (rules.may_delivery, "Taught in a classroom.", True),
        (rules.may_hours, "Call 555-0100.", False),  # a number but no hours
        (rules.may_hours, "Sixty credits.", False),  # hours but no number
        (rules.may_hours, "60 credits.", True),
        (rules.may_program_hours, "Call 555-0100.", False),
        (rules.may_time, "Length: P9M", True),  # an ISO duration
        (rules.may_time, "Room 101 is open every day.", False),  # a number, not of days
        (rules.may_time, "Our one campus opens each term.", False),  # a number word, not of terms
        (rules.may_time, "A two-year degree.", True),
        (rules.may_time, "Nine months, full time.", True),
        (rules.may_time, "No time is named.", False),
    ],
)
def test_pre_checks(check, line: str, expected: bool) -> None:
    assert check(line) is expected


# --- labelled facts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "facts,expected",
    [
        # a "Total" row wins over the first row
        ([Fact("Credits", "24", 0), Fact("Total credits", "60", 1)], (60.0, None)),
        (
            [Fact("Clock hours (externship)", "160", 0), Fact("Total clock hours", "900", 1)],
            (None, 900.0),
        ),
        # zero is no count
        ([Fact("Credits", "0", 0)], (None, None)),
        ([Fact("Credits", "1", 0)], (1.0, None)),
    ],
)
def test_first_fact_and_bare_numbers(facts: list[Fact], expected: tuple) -> None:
    assert hours(facts, [])[:2] == expected


@pytest.mark.parametrize(
    "label,value,expected",
    [
        ("Format", "Online ($50 technology fee)", "format"),  # the label says what it is
        ("Program total", "$7,040", "cost"),  # an amount is a cost ...
        ("Lab fee", "$150", None),  # ... unless the label names another fee
        ("Credits", "60", "credits"),
    ],
)
def test_fact_kind(label: str, value: str, expected: str | None) -> None:
    assert rules.fact_kind(label, value) == expected


# --- credential statements and the school's voice ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Is this an associate degree?", False),  # a question
        ("  ", False),
        ("It is an associate degree.", True),
    ],
)
def test_states_own_credential(sentence: str, expected: bool) -> None:
    assert rules.states_own_credential(sentence, None) is expected


def test_speaks_as_program_reads_the_first_20000_characters() -> None:
    voice = "The program prepares"
    assert rules.speaks_as_program("." * (20000 - len(voice)) + voice + " you.")
    assert not rules.speaks_as_program("." * (20001 - len(voice)) + voice + " you.")


# --- after the first run: the cases its survivors showed ------------------------------------------


def test_a_heading_with_the_page_name_is_the_intro_not_a_section_of_its_own() -> None:
    page_name = "Medical Billing and Coding Diploma"
    blocks = [h(2, page_name), P("Nine months."), h(2, CODING), P("x"), h(2, HIT)]
    sections = rules.split_sections(blocks, [], page_name).sections
    assert sections[0] == Section(page_name, 0, 2, blocks[:2], [], require_credential=True)
    assert [s.name for s in sections] == [page_name, CODING, HIT]


def test_a_program_heading_right_after_another() -> None:
    blocks = [h(2, CODING), h(2, HIT), P("Two years.")]
    assert rules.split_sections(blocks, [], "Fictional Valley College").sections == [
        Section(CODING, 0, 1, blocks[:1], [], 2),
        Section(HIT, 1, 3, blocks[1:], [], 2),
    ]


def test_a_lone_program_under_related_programs_makes_no_program_list() -> None:
    blocks = [P("Welcome."), h(2, "Related Programs"), h(3, CODING)]
    assert names(blocks) == ["Fictional Valley College"]


def test_describe_at_the_limit_and_after_a_capital_x() -> None:
    text = "a " * 150 + "b"  # 301 characters: cut
    assert rules.describe([P(text)]) == ("a " * 150).rstrip() + "\u2026"
    text = "The FICTIONAL TOOLBOX, " * 14
    assert rules.describe([P(text)]) == ("The FICTIONAL TOOLBOX, " * 13).rstrip(" ,") + "\u2026"


def test_a_clock_hours_value_without_a_unit() -> None:
    assert hours([Fact("Clock hours", "720 total", 0)], []) == (
        None,
        720.0,
        "Clock hours: 720 total",
    )


def test_the_phrase_of_a_fractional_count() -> None:
    assert hours([], ["The program totals 7.5 credits."]) == (
        7.5,
        None,
        "The program totals 7.5 credits.",
    )


def test_program_from_section_reads_a_spanish_award_below_the_title() -> None:
    section = Section("Facturaci\u00f3n M\u00e9dica", 0, 1, [H3("Programa de grado asociado")], [])
    got = rules.program_from_section(section, spanish=True, page=None, page_url=URL)
    assert got["credential"] == "associate"
