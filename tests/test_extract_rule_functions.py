"""One table per field rule of the text extractor (the functions ``program_from_section``,
``page_parts`` and ``_extract`` were split into), so that each rule is pinned on its own."""

from __future__ import annotations

import pytest

from programs.extract import rules
from programs.extract.dom import Block, Fact, landmark_kind
from programs.extract.page import pair_programs


def blocks(*lines: str) -> list[Block]:
    return [Block("p", line) for line in lines]


def text_of(bs: list[Block]) -> str:
    return rules.section_text(bs, False)


@pytest.mark.parametrize(
    "facts,lines,expected",
    [
        ([Fact("Total Credits", "62", 0)], [], (62.0, None)),
        ([Fact("Clock hours", "720", 0)], [], (None, 720.0)),
        ([], ["The certificate requires a total of 33 credits."], (33.0, None)),
        ([], ["Totaling 634 hours of instruction/externship experience."], (None, 634.0)),
        (
            [],
            ["The first clinical is 96 hours."],
            (None, None),
        ),  # a clinical's hours are not the program's
        ([], ["Each course is 3 credits."], (None, None)),
    ],
)
def test_section_hours(facts, lines, expected) -> None:
    bs = blocks(*lines)
    credits, clock, _text = rules.section_hours(facts, text_of(bs), bs, False)
    assert (credits, clock) == expected


@pytest.mark.parametrize(
    "facts,lines,credits,clock,expected",
    [
        ([Fact("Program length", "9 months", 0)], [], None, None, (9.0, "stated", False)),
        ([], ["Complete the program in 18 months."], 45.0, None, (18.0, "stated", False)),
        ([], [], 62.0, None, (24.0, "credits", True)),
        ([], [], None, 600.0, (6.0, "clock_hours", True)),
        # a two-year "professional curriculum" inside a 121-credit degree is a part of it
        (
            [],
            ["The two-year professional curriculum follows the core."],
            121.0,
            None,
            (48.0, "credits", True),
        ),
        ([], [], None, None, (None, None, False)),
    ],
)
def test_section_length(facts, lines, credits, clock, expected) -> None:
    bs = blocks(*lines)
    got = rules.section_length(facts, bs, text_of(bs), credits, clock, False)
    assert (got["length_months"], got["length_basis"], got["length_estimated"]) == expected


@pytest.mark.parametrize(
    "facts,lines,page_text,expected",
    [
        ([Fact("Format", "Online", 0)], [], "", "online"),
        ([], ["The program is offered completely online."], "", "online"),
        ([], ["Apply online today."], "", None),
        ([], [], "All programs are offered on campus.", "on_campus"),
        ([], ["Records come in paper-based or hybrid formats."], "", None),
    ],
)
def test_section_delivery(facts, lines, page_text, expected) -> None:
    page = rules.PageLevel(page_text, [], blocks(page_text)) if page_text else None
    delivery, _phrase = rules.section_delivery(facts, text_of(blocks(*lines)), page, False)
    assert delivery == expected


@pytest.mark.parametrize(
    "facts,lines,credits,expected",
    [
        ([Fact("Tuition", "$3,995", 0)], [], None, 3995.0),
        ([Fact("Tuition per credit", "$120", 0)], [], 30.0, 3600.0),
        ([], ["Total program cost: $4,950."], None, 4950.0),
        ([], ["Coders earn a median of $48,780 per year."], None, None),
    ],
)
def test_section_tuition(facts, lines, credits, expected) -> None:
    bs = blocks(*lines)
    tuition, _phrase = rules.section_tuition(facts, text_of(bs), bs, None, credits, False)
    assert tuition == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Graduates may sit for the RHIT exam.", ["RHIT"]),
        ("Prepares students for the C.P.C. and CCA exams.", ["CCA", "CPC"]),
        ("Coders with a CPC earn a median salary of $60,000.", []),
        ("No exam named here.", []),
    ],
)
def test_section_certifications(text: str, expected: list[str]) -> None:
    assert rules.section_certifications(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The program is accredited by CAHIIM.", ["CAHIIM"]),
        (
            "The Health Information Management accreditor of Example College is the Commission on Accreditation "
            "for Health Informatics and Information Management Education.",
            ["CAHIIM"],
        ),
        ("The program is seeking CAHIIM accreditation.", []),
    ],
)
def test_section_accreditations(text: str, expected: list[str]) -> None:
    assert rules.section_accreditations(text) == expected


@pytest.mark.parametrize(
    "facts,text,expected",
    [
        ([Fact("CIP", "51.0713", 0)], "", "51.0713"),
        ([], "CIP Code: 51.0707", "51.0707"),
        ([], "Program code 5107", None),
    ],
)
def test_section_cip(facts, text: str, expected: str | None) -> None:
    assert rules.section_cip(facts, text, False) == expected


@pytest.mark.parametrize(
    "name,lines,expected",
    [
        ("Health Information Technology, AAS", [], "associate"),
        (
            "Health Information Technology",
            ["Award: Associate of Applied Science degree"],
            "associate",
        ),
        (
            "Medical Billing and Coding",
            ["Graduates of the One Year Certificate Program work in clinics."],
            "certificate",
        ),
        ("Health Information Technology", ["It does not require a baccalaureate degree."], None),
        (
            "Medical Coding",
            ["Courses are part of the Associate of Applied Science degree program."],
            None,
        ),
        (
            "Health Information Technology",
            ["Submit your application to the Certificate Program."],
            None,
        ),
        # real-page patterns (issue 12), in our own words with fictional schools:
        # a degree the graduates go on to is not the program's
        (
            "Health Information Technology",
            [
                "Graduates work in clinics. Many also continue on for a bachelor\u2019s in health information"
                " management. The Health Information Technology associate degree program is accredited."
            ],
            "associate",
        ),
        (
            "Health Information Technology",
            ["Some graduates go on to a Bachelor of Science at a university."],
            None,
        ),
        # an FAQ that asks about, or warns against, another program's certificate
        (
            "Health Information Technology",
            [
                "What is the Fictional Tech Certificate in Medical Coding?",
                "Do not mix up the college certificate with a national credential!",
                "If you earn the college Certificate in Medical Coding you may sit for the CCS exam.",
            ],
            None,
        ),
        (
            "Health Information Technology",
            [
                "Students wishing to pursue the Associate of Applied Science in Health Information Technology"
                " start with the first-year courses."
            ],
            "associate",
        ),
        # what applicants, staff or employers have, what graduates may do later, other programs
        (
            "Health Information Technology",
            ["Applicants must have a high school diploma or GED."],
            None,
        ),
        ("Health Information Technology", ["Our faculty hold master's degrees."], None),
        (
            "Health Information Technology",
            ["Employers prefer candidates with a bachelor's degree."],
            None,
        ),
        ("Medical Billing and Coding", ["Many coders have an associate degree."], None),
        (
            "Health Information Management",
            ["Graduates may pursue a master's degree in health informatics."],
            None,
        ),
        ("Medical Coding", ["Students can also earn a certificate in Phlebotomy."], None),
        ("Health Information Technology", ["Related programs: Medical Coding Certificate"], None),
        (
            "Health Information Technology",
            ["Fictional Valley College also offers a Medical Coding certificate."],
            None,
        ),
        # ... while the program's own award is still read
        (
            "Health Information Technology",
            ["Associate in Applied Science Degree (four semesters)"],
            "associate",
        ),
        ("Medical Coding", ["Earn a certificate in medical coding in nine months."], "certificate"),
        (
            "Health Information Technology",
            [
                "The Associate of Applied Science in Health Information Technology prepares you for the RHIT."
            ],
            "associate",
        ),
    ],
)
def test_section_credential(name: str, lines: list[str], expected: str | None) -> None:
    bs = [Block("h1", name, level=1), *blocks(*lines)]
    section = rules.Section(name, 0, len(bs), bs, [])
    credential, _text = rules.section_credential(section, None, [], False)
    assert credential == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The program is accredited by CAHIIM.", True),
        ("Graduates are eligible to sit for the CCA exam.", True),
        ("Students entering this program must hold a 2.5 GPA.", True),
        (
            "The Billing and Coding (BC) certificate program (Plan Code 221) prepares individuals.",
            True,
        ),
        ("Information about this certificate is being updated.", False),
        ("Medical coders translate records into codes.", False),
        ("The program admits up to 64 students.", False),
        ("The HIM program is available completely online.", True),
        ("The HIT program accepts two cohorts each year.", True),
        ("The coding program will train you to read charts.", True),
        ("Admission to the program is competitive.", True),
        ("Admission to the coding certificate program requires a placement test.", True),
        (
            "The college may offer a program in health information leading to the A.A.S. degree.",
            True,
        ),
        ("Print the program packet before the session.", True),
        ("Read the information packet first.", True),
        ("Admission to college is open to all.", False),
        ("A program packed with practice.", False),
        ("Programs leading nowhere are closed.", False),
    ],
)
def test_speaks_as_program(text: str, expected: bool) -> None:
    assert rules.speaks_as_program(text) is expected


@pytest.mark.parametrize(
    "months,credits,quarter,part",
    [
        (24.0, 121.0, False, True),
        (24.0, 62.0, False, False),
        (9.0, 45.0, True, False),
        (9.0, 45.0, False, True),
    ],
)
def test_part_of_program(months: float, credits: float, quarter: bool, part: bool) -> None:
    assert rules._part_of_program(months, credits, quarter) is part


@pytest.mark.parametrize(
    "tag,cls,ident,role,itemtype,expected",
    [
        ("address", "", "", "", "", (0, False, False, None)),
        ("div", "vcard", "", "", "", (1, False, False, None)),
        ("footer", "", "", "", "", (2, True, False, None)),
        ("div", "site-footer", "", "", "", (3, False, False, None)),
        ("main", "", "", "", "", (None, False, False, 0)),
        ("div", "", "", "main", "", (None, False, False, 1)),
        ("article", "", "", "", "", (None, False, False, 2)),
        ("div", "", "main-content", "", "", (None, False, False, 3)),
        ("a", "navbar-brand", "", "", "", (None, False, True, None)),
        ("p", "copyright", "", "", "", (None, True, False, None)),
        ("span", "", "", "", "https://schema.org/PostalAddress", (1, False, False, None)),
    ],
)
def test_landmark_kind(tag, cls, ident, role, itemtype, expected) -> None:
    kind = landmark_kind(tag, cls, ident, role, itemtype)
    assert (kind.address, kind.copyright, kind.logo, kind.main) == expected


@pytest.mark.parametrize(
    "markup,text,expected",
    [
        # one of each: paired whatever the names; markup wins, text fills
        (
            [{"name": "HIT", "length_months": None, "source": "jsonld"}],
            [{"name": "Health Information Technology", "length_months": 24.0, "source": "text"}],
            [("HIT", 24.0)],
        ),
        # several: paired by name, unmatched text programs kept
        (
            [{"name": "Medical Coding Certificate", "source": "jsonld"}],
            [
                {"name": "Medical Coding Certificate", "length_months": 9.0, "source": "text"},
                {
                    "name": "Health Information Technology AAS",
                    "length_months": 24.0,
                    "source": "text",
                },
            ],
            [("Medical Coding Certificate", 9.0), ("Health Information Technology AAS", 24.0)],
        ),
        # a nameless text program is dropped when markup exists
        (
            [{"name": "A", "source": "jsonld"}, {"name": "B", "source": "jsonld"}],
            [{"name": None}],
            [("A", None), ("B", None)],
        ),
        ([], [{"name": None, "length_months": 3.0}], [(None, 3.0)]),
    ],
)
def test_pair_programs(markup, text, expected) -> None:
    got = pair_programs(markup, text)
    assert [(p.get("name"), p.get("length_months")) for p in got] == expected


@pytest.mark.parametrize(
    "line,expected",
    [
        ("The program totals 64 credit hours.", True),
        ("Students complete 24 credit hours in liberal arts as part of the degree.", False),
        ("Complete 15 credit hours of general education.", False),
        ("Take 6 credit hours of electives.", False),
        ("Complete 9 credit hours in the humanities.", False),
        ("Complete 8 credit hours of natural science.", False),
        ("Complete 3 credit hours of mathematics.", False),
        ("The 12 credit hours of prerequisites come first.", False),
        ("The program has 60 credit hours, including 15 hours of general education.", True),
        ("The externship is 160 hours.", False),
        ("The program includes a 160-hour externship.", True),
    ],
)
def test_may_program_hours(line: str, expected: bool) -> None:
    assert rules.may_program_hours(line) is expected
