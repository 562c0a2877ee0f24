"""programs/extract/page.py pinned down: the page-level decisions of the extractor (the school's name
and address, news pages, the page's own name, which raw programs are kept, how markup and text
programs are paired and merged, the program dicts' keys), the cases mutation testing showed no
test would notice.

Pages, schools, addresses and programs are fictional; the sentences are our own.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from programs.extract import extract_page
from programs.extract import page as pg
from programs.extract.dom import page_parts, parse_document

URL = "https://www.example.edu/programs/medical-coding.html"
# a page the text rules read as one program (a heading, a length, hours, a cost, an exam)
PROGRAM_MAIN = (
    "<h1>Medical Coding Certificate</h1><p>The certificate takes 9 months. The program is 30 credits "
    "and is offered online. Tuition: $3,200. It prepares students for the CCA exam.</p>"
)
ADDRESS = "12 Elm Street, Fictional Falls, OH 45001"


def html(main: str = PROGRAM_MAIN, *, head: str = "", outside: str = "", title: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>{outside}<main>{main}</main>"
        "</body></html>"
    )


def ld(item: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{json.dumps(item)}</script>'


def org(**fields: Any) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@type": "CollegeOrUniversity", **fields}


def markup_program(**fields: Any) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": "Medical Coding Certificate",
        **fields,
    }


def parts(body: str):
    tree = parse_document(body, None)
    assert tree is not None
    return page_parts(tree)


# --- the school: name and address -------------------------------------------------------------

NO_ADDRESS = {"name": None, "address": None, "city": None, "state": None, "zip": None}
FULL = {"address": "12 Elm Street", "city": "Fictional Falls", "state": "OH", "zip": "45001"}


@pytest.mark.parametrize(
    "head,outside,expected",
    [
        # the site name from the meta tags, in this order
        (
            '<meta property="og:site_name" content="Fictional Ridge College">',
            "",
            {"name": "Fictional Ridge College"},
        ),
        (
            '<meta name="application-name" content="Fictional Ridge College">',
            "",
            {"name": "Fictional Ridge College"},
        ),
        (
            '<meta name="application-name" content="Ridge App"><meta property="og:site_name" content="Fictional Ridge College">',
            "",
            {"name": "Fictional Ridge College"},
        ),
        # the logo's text only when nothing else names the school
        (
            "",
            '<a class="logo" href="/">Fictional Ridge College</a>',
            {"name": "Fictional Ridge College"},
        ),
        (
            "",
            '<a class="logo" href="/">Ridge Home</a><footer><p>\u00a9 2025 Fictional Ridge College</p></footer>',
            {"name": "Fictional Ridge College"},
        ),
        # the markup's organisation: a street, a city or a ZIP alone is its address
        (
            ld(org(name="Fictional Ridge College", address={"streetAddress": "12 Elm Street"})),
            "",
            {"name": "Fictional Ridge College", "address": "12 Elm Street"},
        ),
        (
            ld(org(address={"addressLocality": "Fictional Falls", "addressRegion": "Ohio"})),
            "",
            {"city": "Fictional Falls", "state": "OH"},
        ),
        (ld(org(address={"postalCode": "45001-1234"})), "", {"zip": "45001"}),
        # an address written as one string is read like the page's text
        (ld(org(address=ADDRESS)), "", FULL),
        # the markup's address wins over the footer's
        (
            ld(
                org(
                    address={
                        "streetAddress": "12 Elm Street",
                        "addressLocality": "Fictional Falls",
                        "addressRegion": "OH",
                        "postalCode": "45001",
                    }
                )
            ),
            "<footer><address>99 Oak Avenue, Othertown, OH 45999</address></footer>",
            FULL,
        ),
        # an address block: the line before the street names the school
        (
            "",
            f"<footer><address>Fictional Ridge College<br>{ADDRESS}</address></footer>",
            {"name": "Fictional Ridge College", **FULL},
        ),
        # ... but a known site name is not replaced by it
        (
            '<meta property="og:site_name" content="Fictional Ridge College">',
            f"<footer><address>Fictional Ridge Downtown Center<br>{ADDRESS}</address></footer>",
            {"name": "Fictional Ridge College", **FULL},
        ),
        # no address block: the address in the body's text, with its name line
        (
            "",
            f"<div><p>Fictional Ridge College</p><p>{ADDRESS}</p></div>",
            {"name": "Fictional Ridge College", **FULL},
        ),
    ],
)
def test_institution(head: str, outside: str, expected: dict[str, Any]) -> None:
    result = extract_page(html(head=head, outside=outside), URL)
    assert result.institution == {**NO_ADDRESS, **expected}


def test_the_address_block_wins_over_an_address_in_the_content() -> None:
    main = (
        PROGRAM_MAIN
        + "<p>Send transcripts to the Fictional Records Office, 7 Pine Road, Elsewhere, TX 75001.</p>"
    )
    footer = f"<footer><address>Fictional Ridge College<br>{ADDRESS}</address></footer>"
    page = f"<html><head><title></title></head><body><main>{main}</main>{footer}</body></html>"
    result = extract_page(page, URL)
    assert result.institution == {"name": "Fictional Ridge College", **FULL}


# --- news and articles --------------------------------------------------------------------------

ARTICLE_META = '<meta property="og:type" content="{}"><meta property="article:published_time" content="2025-01-05">'


@pytest.mark.parametrize(
    "url,head,program_page",
    [
        (URL, "", True),
        ("https://www.example.edu/NEWS/medical-coding.html", "", False),
        ("https://www.example.edu/press.releases/medical-coding", "", False),
        (URL, ARTICLE_META.format("Article"), False),
        (URL, ARTICLE_META.format("website"), True),  # a dated page that is no article
        (URL, '<meta property="og:type" content="article">', True),  # an article type with no date
        # an address that cannot be parsed is no news address
        ("http://[fictional/programs/medical-coding.html", "", True),
    ],
)
def test_news_pages(url: str, head: str, program_page: bool) -> None:
    assert extract_page(html(head=head), url).is_program_page is program_page


# --- the programs' dicts -------------------------------------------------------------------------

PROGRAM_KEYS = {
    "name",
    "credential",
    "credential_text",
    "cip",
    "length_months",
    "length_min_months",
    "length_text",
    "length_basis",
    "length_estimated",
    "credit_hours",
    "clock_hours",
    "hours_text",
    "delivery",
    "delivery_text",
    "tuition_usd",
    "tuition_text",
    "certifications",
    "accreditations",
    "url",
    "description",
    "source",
}


def test_a_text_program_has_every_listing_key() -> None:
    (got,) = extract_page(html(), URL).programs
    assert set(got) == PROGRAM_KEYS
    first, second = (
        "The certificate takes 9 months.",
        "The program is 30 credits and is offered online.",
    )
    assert got == {
        "name": "Medical Coding Certificate",
        "credential": "certificate",
        "credential_text": "Medical Coding Certificate",
        "cip": None,
        "length_months": 9.0,
        "length_min_months": 9.0,
        "length_text": first,
        "length_basis": "stated",
        "length_estimated": False,
        "credit_hours": 30.0,
        "clock_hours": None,
        "hours_text": second,
        "delivery": "online",
        "delivery_text": second,
        "tuition_usd": 3200.0,
        "tuition_text": "Tuition: $3,200.",
        "certifications": ["CCA"],
        "accreditations": [],
        "url": URL,
        "description": f"{first} {second} Tuition: $3,200. It prepares students for the CCA exam.",
        "source": "text",
    }


def test_a_markup_program_has_every_listing_key() -> None:
    item = markup_program(url="https://[fictional", description="Coding, billing and records.")
    page_url = "HTTPS://WWW.Example.EDU/Programs/Coding#top"
    result = extract_page(html("<h1>Medical Coding Certificate</h1>", head=ld(item)), page_url)
    (got,) = result.programs
    assert set(got) == PROGRAM_KEYS and result.method == "jsonld" and got["source"] == "jsonld"
    # a markup address that cannot be parsed gives the page's own, normalised
    assert got["url"] == "https://www.example.edu/Programs/Coding"
    assert got["description"] == "Coding, billing and records."


def test_names_are_whitespace_normalised() -> None:
    item = markup_program(name="Medical   Coding\n Certificate")
    (got,) = extract_page(html("<p>x</p>", head=ld(item)), URL).programs
    assert got["name"] == "Medical Coding Certificate"


def test_exam_and_accreditation_lists_are_sorted_without_repeats() -> None:
    got = pg._finish(
        {
            "name": "Medical Coding",
            "certifications": ["CPC", "CCA", "CPC"],
            "accreditations": ["ABHES", "ABHES"],
            "source": "text",
        },
        URL,
    )
    assert (got["certifications"], got["accreditations"]) == (["CCA", "CPC"], ["ABHES"])


# --- markup and text programs: pairing and merging -----------------------------------------------


def mk(name: str | None, **fields: Any) -> dict[str, Any]:
    return {"source": "jsonld", "name": name, **fields}


def tx(name: str | None, **fields: Any) -> dict[str, Any]:
    return {"source": "text", "name": name, **fields}


def test_markup_wins_and_the_text_fills_its_gaps() -> None:
    (got,) = pg.pair_programs(
        [
            mk(
                "Medical Coding",
                tuition_usd=3000.0,
                delivery=None,
                description="",
                certifications=["CPC"],
                accreditations=["ABHES"],
            )
        ],
        [
            tx(
                "Medical Coding",
                tuition_usd=4500.0,
                delivery="online",
                description="Our words.",
                certifications=["CCA", "CPC"],
                accreditations=["CAHIIM"],
                credential="certificate",
            )
        ],
    )
    assert (got["tuition_usd"], got["delivery"], got["description"]) == (
        3000.0,
        "online",
        "Our words.",
    )
    assert got["certifications"] == ["CCA", "CPC"] and got["accreditations"] == ["ABHES", "CAHIIM"]
    assert got["credential"] == "certificate" and got["source"] == "jsonld"


def test_an_empty_text_value_does_not_replace_a_missing_one() -> None:
    (got,) = pg.pair_programs(
        [mk("Medical Coding", tuition_text=None)], [tx("Medical Coding", tuition_text="")]
    )
    assert got["tuition_text"] is None


def test_a_markup_length_keeps_its_own_range_and_text() -> None:
    text = tx(
        "Medical Coding",
        length_months=12.0,
        length_min_months=6.0,
        length_text="six to twelve months",
    )
    (got,) = pg.pair_programs([mk("Medical Coding", length_months=9.0)], [text])
    assert (got["length_months"], got["length_min_months"], got["length_text"]) == (9.0, 9.0, None)
    (got,) = pg.pair_programs(
        [mk("Medical Coding", length_months=9.0, length_min_months=8.0, length_text="P8M-P9M")],
        [text],
    )
    assert (got["length_months"], got["length_min_months"], got["length_text"]) == (
        9.0,
        8.0,
        "P8M-P9M",
    )
    # no markup length: the text's length comes whole
    (got,) = pg.pair_programs([mk("Medical Coding")], [text])
    assert (got["length_months"], got["length_min_months"], got["length_text"]) == (
        12.0,
        6.0,
        "six to twelve months",
    )


@pytest.mark.parametrize(
    "markup,texts,expected",
    [
        # one markup program and one text program describe the same program, whatever their names
        (
            ["Medical Coding Certificate"],
            ["Fictional Coding Pathway"],
            ["Medical Coding Certificate"],
        ),
        # otherwise by name: the text program whose words are closest
        (
            ["Health Information Technology"],
            ["Medical Coding", "Health Information Technology"],
            ["Health Information Technology", "Medical Coding"],
        ),
        # half the words in common is enough ...
        (
            ["Medical Coding"],
            ["Medical Coding Certificate Program", "Health Information"],
            ["Medical Coding", "Health Information"],
        ),
        # ... less is not
        (
            ["Medical Coding Certificate"],
            ["Medical Billing", "Health Information Technology"],
            ["Medical Coding Certificate", "Medical Billing", "Health Information Technology"],
        ),
        # a nameless markup program claims no text program
        (
            [None],
            ["Medical Coding", "Medical Billing"],
            [None, "Medical Coding", "Medical Billing"],
        ),
        # a nameless text program is kept only when there is no markup
        ([], [None], [None]),
        (["Medical Coding"], ["Medical Coding", None], ["Medical Coding"]),
    ],
)
def test_pairing(markup: list, texts: list, expected: list) -> None:
    got = pg.pair_programs([mk(n) for n in markup], [tx(n, delivery=f"from {n}") for n in texts])
    assert [p["name"] for p in got] == expected
    for p in got:
        if p["source"] == "jsonld" and p["name"] in texts:
            assert p["delivery"] == f"from {p['name']}"


# --- which raw programs a page keeps --------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,kept,credential",
    [
        (tx(None, credential="certificate", length_months=9.0), False, "certificate"),
        (tx("Practical Nursing", credential="diploma", length_months=9.0), False, "diploma"),
        (
            tx("Medical Coding Admissions", credential="certificate", length_months=9.0),
            False,
            "certificate",
        ),
        # a name and nothing else describes no program ...
        (tx("Medical Coding", credential="certificate"), False, "certificate"),
        (tx("Medical Coding", credential="certificate", delivery=""), False, "certificate"),
        # ... any one fact does
        (tx("Medical Coding", credential="certificate", length_months=9.0), True, "certificate"),
        (tx("Medical Coding", credential="certificate", credit_hours=30.0), True, "certificate"),
        (tx("Medical Coding", credential="certificate", clock_hours=600.0), True, "certificate"),
        (tx("Medical Coding", credential="certificate", tuition_usd=3200.0), True, "certificate"),
        (tx("Medical Coding", credential="certificate", delivery="online"), True, "certificate"),
        (
            tx("Medical Coding", credential="certificate", certifications=["CPC"]),
            True,
            "certificate",
        ),
        (
            tx("Medical Coding", credential="certificate", accreditations=["ABHES"]),
            True,
            "certificate",
        ),
        (
            tx("Fictional Records Pathway", credential="certificate", cip="51.0713"),
            True,
            "certificate",
        ),
        # ... and so does the program speaking of itself
        (tx("Medical Coding", credential="certificate", voice=True), True, "certificate"),
        # an award is needed where the section says so
        (
            tx("Medical Coding", require_credential=True, length_months=9.0, credit_hours=30.0),
            False,
            None,
        ),
        # no award: enough facts, or the program's own voice
        (tx("Health Information Technology", length_months=24.0), False, None),
        (tx("Health Information Technology", certifications=["RHIT"]), False, None),
        (tx("Health Information Technology", length_months=24.0, credit_hours=60.0), True, None),
        (tx("Health Information Technology", certifications=["RHIT"], voice=True), True, None),
        # a coding training that names no award is a certificate
        (
            tx("Medical Coding Specialist", clock_hours=600.0, delivery="online"),
            True,
            "certificate",
        ),
        # markup needs no facts, and names no other award: a certificate
        (mk("Medical Coding"), True, "certificate"),
        (mk("Medical Coding Admissions"), True, "certificate"),
        (mk("Health Information Technology", credential="associate"), True, "associate"),
    ],
)
def test_keep(raw: dict, kept: bool, credential: str | None) -> None:
    raw = copy.deepcopy(raw)  # _keep fills in the credential
    assert pg._keep(raw) is kept
    assert raw.get("credential") == credential


@pytest.mark.parametrize(
    "raw,credential_text",
    [
        (mk("Medical Coding"), "Medical Coding"),
        (
            mk("Medical Coding", credential_text="Certificate of Completion"),
            "Certificate of Completion",
        ),
        (
            tx("Medical Coding Specialist", clock_hours=600.0, delivery="online"),
            "Medical Coding Specialist",
        ),
    ],
)
def test_a_certificate_by_default_keeps_its_award_text(raw: dict, credential_text: str) -> None:
    raw = copy.deepcopy(raw)
    assert pg._keep(raw) and raw["credential"] == "certificate"
    assert raw["credential_text"] == credential_text


@pytest.mark.parametrize(
    "raw,training",
    [
        ({"name": "Medical Coding", "clock_hours": 600.0}, True),
        ({"name": "Medical Coding Specialist"}, False),  # may be a degree
        ({"name": "Medical Coding Course"}, True),
        ({"name": "Medical Coding Specialist", "length_months": 12.0}, True),
        ({"name": "Medical Coding Specialist", "length_months": 13.0}, False),
        (
            {"name": "Medical Coding Specialist", "length_months": 9.0, "length_estimated": True},
            False,
        ),
        # the CIP code says coding or billing, the name does not
        ({"name": "Health Claims Processing", "clock_hours": 300.0}, True),
        ({"name": "Fictional Records Pathway", "cip": "51.0713", "clock_hours": 300.0}, True),
        # the name says coding, the CIP code does not
        ({"name": "Health Information Coding Course", "cip": "51.0707"}, True),
        ({"name": "Health Information Technology", "clock_hours": 900.0}, False),
    ],
)
def test_training_program(raw: dict, training: bool) -> None:
    assert pg._training_program(raw) is training


# --- the page's own name: title, heading, address -------------------------------------------------


@pytest.mark.parametrize(
    "title,site,expected",
    [
        # a title piece that is part of the site's name, or holds it, is the site's
        ("Fictional Ridge | Medical Coding", "Fictional Ridge College", "Medical Coding"),
        (
            "Fictional Ridge College Online | Medical Coding",
            "Fictional Ridge College",
            "Medical Coding",
        ),
        # with the site known, the first other piece names the page (here a topic page)
        (
            "Admissions | Medical Coding | Fictional Ridge College",
            "Fictional Ridge College",
            "Admissions",
        ),
        # without it, the piece that names a program or an award wins
        ("Fictional Ridge College | Medical Coding", None, "Medical Coding"),
        ("Fictional Ridge College | Practical Nursing Diploma", None, "Practical Nursing Diploma"),
        ("Welcome | Fictional Ridge College", None, "Welcome"),
    ],
)
def test_clean_title(title: str, site: str | None, expected: str | None) -> None:
    assert pg.clean_title(title, site) == expected


def font(text: str) -> str:
    return f"<p><font size='4'>{text}</font></p>"


@pytest.mark.parametrize(
    "title,main,site,expected",
    [
        # the h1 names the page, not a legacy heading before it
        (
            "",
            font("Spring Notice") + "<p>Some words first.</p><h1>Program: Medical Coding</h1>",
            None,
            ("Medical Coding", None),
        ),
        # no h1: a legacy heading that is not the site's name ...
        (
            "",
            "<p>Some words first.</p>" + font("Fictional Ridge College") + font("Spring Schedule"),
            "Fictional Ridge College",
            ("Spring Schedule", None),
        ),
        # ... the first that names a program or an award ...
        (
            "",
            font("Spring Schedule") + font("Medical Coding Specialist"),
            None,
            ("Medical Coding Specialist", None),
        ),
        (
            "",
            font("Spring Schedule") + font("Practical Nursing Diploma"),
            None,
            ("Practical Nursing Diploma", None),
        ),
        # ... else the first, unless the title names the program
        (
            "Welcome",
            font("Spring Schedule") + font("Fall Schedule"),
            None,
            ("Spring Schedule", "Welcome"),
        ),
        (
            "Medical Coding Certificate",
            font("Spring Schedule"),
            None,
            ("Medical Coding Certificate", "Medical Coding Certificate"),
        ),
        # the title without the site's name
        (
            "Fictional Ridge College | Admissions",
            "<h1>Medical Coding</h1>",
            "Fictional Ridge College",
            ("Medical Coding", "Admissions"),
        ),
    ],
)
def test_page_name(title: str, main: str, site: str | None, expected: tuple) -> None:
    assert pg._page_name(parts(html(main, title=title)), site) == expected


B = "https://www.example.edu"


@pytest.mark.parametrize(
    "url,expected",
    [
        (f"{B}/programs/health_information_technology/", "Health Information Technology"),
        (f"{B}/programs/medical-coding", "Medical Coding"),  # two words are enough
        (f"{B}/programs/medical-coding-certificate", "Medical Coding"),  # award words dropped
        (f"{B}/academics/hit", "Health Information Technology"),  # an abbreviation spelled out
        (
            f"{B}/programs/Medical-Coding-CPC",
            "Medical Coding CPC",
        ),  # the address's own capitals kept
        # an article's address names no program page, whatever the folder above it says
        (f"{B}/programs/medical-coding/how-to-choose-medical-coding-classes", None),
    ],
)
def test_name_in_url(url: str, expected: str | None) -> None:
    assert pg.name_in_url(url) == expected


@pytest.mark.parametrize(
    "url,topic",
    [
        (f"{B}/medical-coding/admission_requirements.php", True),
        (f"{B}/admissions/medical-coding", False),  # only the last part counts
        (f"{B}/", False),
        ("http://[fictional/admissions", False),
    ],
)
def test_url_topic(url: str, topic: bool) -> None:
    assert pg.url_topic(url) is topic


# --- articles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,article",
    [
        # three first-person words make a personal story ...
        ("Last spring I enrolled.\nThe labs helped me and my friends.", True),
        ("Last spring I enrolled.\nThe labs helped me.", False),
        ("I enrolled.\nI paid.\nI passed.", True),
        # ... but not in an FAQ's questions
        ("May I apply online? \nCan I transfer my credits?  ", False),
        ("I enrolled and my teacher helped me.\nMay I apply?", True),
    ],
)
def test_looks_like_article(text: str, article: bool) -> None:
    assert pg.looks_like_article(None, text) is article


@pytest.mark.parametrize(
    "main,program_page",
    [
        (PROGRAM_MAIN, True),
        # the page's heading is its h1, not a paragraph or a legacy heading before it
        ("<p>Why wait to start?</p>" + PROGRAM_MAIN, True),
        (font("How to Apply") + PROGRAM_MAIN, True),
        ("<h1>How to Become a Medical Coder</h1><p>The certificate takes 9 months.</p>", False),
        # the article voice is looked for in the first 40 blocks
        (PROGRAM_MAIN + "<p>More.</p>" * 38 + "<p>Posted by the webmaster.</p>", True),
        (PROGRAM_MAIN + "<p>More.</p>" * 37 + "<p>Posted by the webmaster.</p>", False),
    ],
)
def test_article_pages(main: str, program_page: bool) -> None:
    assert extract_page(html(main), URL).is_program_page is program_page


@pytest.mark.parametrize(
    "text,article",
    [
        # questions do not count, however the line ends
        ("Where do I send my forms, and when do I pay? ", False),
        ("Where do I send my forms, and when do I pay?", False),
    ],
)
def test_questions_are_no_personal_story(text: str, article: bool) -> None:
    assert pg.looks_like_article(None, text) is article


# --- names written in the body ---------------------------------------------------------------------


def blocks(main: str):
    return parts(html(main)).blocks


@pytest.mark.parametrize(
    "main,expected",
    [
        ("<p>The Medical Coding program prepares coders.</p>", "Medical Coding"),
        ("<p>Our Medical Coding and billing courses start in May.</p>", "Medical Coding"),
        # an organisation's name is passed over, and the search goes on
        (
            "<p>The Commission on Accreditation for Health Informatics approved the Health Information "
            "Technology program.</p>",
            "Health Information Technology",
        ),
        (
            "<p>The American Health Information Management Association sets standards. Our Medical Coding "
            "certificate follows them.</p>",
            "Medical Coding",
        ),
        # a program spoken of in general, or a certification, is no program's name
        ("<p>any Medical Coding program teaches anatomy.</p>", None),
        ("<p>Earn your Medical Coding Certification today.</p>", None),
        # the first 25 blocks are read
        (
            "<p>Welcome.</p>" * 24 + "<p>Fictional Ridge offers Medical Coding.</p>",
            "Medical Coding",
        ),
        ("<p>Welcome.</p>" * 25 + "<p>Fictional Ridge offers Medical Coding.</p>", None),
    ],
)
def test_name_in_body(main: str, expected: str | None) -> None:
    assert pg.name_in_body(blocks(main)) == expected


@pytest.mark.parametrize(
    "main,expected",
    [
        (
            "<p>Welcome to the department<br>Medical Coding Certificate</p>",
            "Medical Coding Certificate",
        ),
        # the first 30 blocks are read
        (
            "<p>Welcome.</p>" * 29 + "<p>Medical Coding Certificate</p>",
            "Medical Coding Certificate",
        ),
        ("<p>Welcome.</p>" * 30 + "<p>Medical Coding Certificate</p>", None),
    ],
)
def test_name_line_in_body(main: str, expected: str | None) -> None:
    assert pg.name_line_in_body(blocks(main)) == expected


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Medical Coding, FAQ", "Medical Coding"),
        ("HIT, FAQs", "Health Information Technology"),
        # 14 words at most
        (
            "Medical Coding and Billing Certificate for Working Adults in the Fictional Ridge Evening Series",
            "Medical Coding and Billing Certificate for Working Adults in the Fictional Ridge Evening Series",
        ),
        (
            "Medical Coding and Billing Certificate for Working Adults in the Fictional Ridge Evening Series Today",
            None,
        ),
    ],
)
def test_heading_name(line: str, expected: str | None) -> None:
    assert pg.heading_name(line) == expected


def test_names_other_program_in_capitals() -> None:
    assert pg.names_other_program("ACCOUNTING AAS") is True


def test_program_words_strip_the_dash_left_behind() -> None:
    assert pg.program_words("Medical Coding \u2013 FAQ") == "Medical Coding"


@pytest.mark.parametrize(
    "heading,topic",
    [
        ("Admission Requirements", True),
        ("Medical Coding Programs", True),
        ("Medical Coding", False),
    ],
)
def test_topic_heading(heading: str, topic: bool) -> None:
    assert pg._topic_heading(heading) is topic


@pytest.mark.parametrize(
    "raw,speaks",
    [
        ({"voice": True, "length_months": 24.0, "credit_hours": 60.0}, True),
        ({"voice": False, "length_months": 24.0, "credit_hours": 60.0}, False),
        # the award with the exam or the accreditation it leads to
        ({"voice": True, "credential": "associate", "certifications": ["RHIT"]}, True),
        ({"voice": True, "credential": "associate", "accreditations": ["CAHIIM"]}, True),
        ({"voice": True, "certifications": ["RHIT"], "accreditations": ["CAHIIM"]}, False),
        ({"voice": True, "credential": "associate"}, False),
    ],
)
def test_speaks_with_facts(raw: dict, speaks: bool) -> None:
    assert pg._speaks_with_facts(raw) is speaks


def school_blocks(before: int, schools: int) -> list:
    names = ["Fictional Ridge College", "Fictional Lake University", "Fictional Hill Institute"]
    filler = "<p>Welcome.</p>" * before
    return blocks(filler + "".join(f"<p>{n} offers coding.</p>" for n in names[:schools]))


@pytest.mark.parametrize(
    "before,schools,several",
    [
        (0, 2, False),
        (0, 3, True),
        (37, 3, True),  # the third school in the 40th block
        (38, 3, False),  # ... in the 41st
    ],
)
def test_names_several_schools(before: int, schools: int, several: bool) -> None:
    assert pg.names_several_schools(school_blocks(before, schools)) is several


@pytest.mark.parametrize(
    "title,main,calls",
    [
        ("Medical Coding Program Overview", "<p>Some words.</p>", True),
        ("Medical Coding Overview", "<p>Some words.</p>", False),
        ("", "<p>Some words<br>Medical Coding Program</p>", True),
        ("", "<ul><li>Medical Coding Program</li></ul>", False),  # a list of links names many
        # the first 30 blocks are read
        ("", "<p>Welcome.</p>" * 29 + "<p>Medical Coding Program</p>", True),
        ("", "<p>Welcome.</p>" * 30 + "<p>Medical Coding Program</p>", False),
    ],
)
def test_calls_itself_a_program(title: str, main: str, calls: bool) -> None:
    assert pg.calls_itself_a_program(parts(html(main, title=title))) is calls


@pytest.mark.parametrize(
    "before,speaks",
    [(59, True), (60, False)],  # the first 60 blocks are read
)
def test_speaks_as_school_reads_sixty_blocks(before: int, speaks: bool) -> None:
    main = "<p>Welcome.</p>" * before + "<p>The college's coding program prepares coders.</p>"
    assert pg.speaks_as_school(blocks(main)) is speaks


def test_program_headings_make_a_listing() -> None:
    listing = parts(
        html(
            "<h2>Medical Coding Certificate</h2><p>Nine months.</p>"
            "<h3>Health Information Technology</h3><p>Two years.</p>"
        )
    )
    assert pg._named_elsewhere("Program Details", None, listing, URL) is None
    assert pg._named_elsewhere("Program Details", "Medical Coding Certificate", listing, URL) == (
        "Medical Coding Certificate"
    )


# --- whole pages: which name, and whether the program is the page's own ----------------------------

FACTS = "<p>The certificate takes 9 months and costs $3,000.</p>"


@pytest.mark.parametrize(
    "main,title,outside,expected",
    [
        # a generic heading: the title names the program (not the address)
        (
            "<h1>Program Details</h1>" + FACTS,
            "Medical Coding Certificate",
            "",
            ["Medical Coding Certificate"],
        ),
        # the award named in the title
        (
            "<h1>Health Information Technology</h1><p>The program takes 2 years and 60 credits.</p>",
            "Health Information Technology, AAS | Fictional Ridge College",
            "",
            [("Health Information Technology", "associate", "Health Information Technology, AAS")],
        ),
        # a program named in the body of a page about several schools is none of theirs
        (
            "<h1>Program Details</h1><p>Medical Coding Certificate</p><p>Fictional Ridge College, Fictional "
            "Lake University and Fictional Hill Institute each offer it.</p>" + FACTS,
            "",
            "",
            [],
        ),
        (
            "<h1>Program Details</h1><p>Medical Coding Certificate</p><p>Fictional Ridge College and "
            "Fictional Lake University each offer it.</p>" + FACTS,
            "",
            "",
            ["Medical Coding Certificate"],
        ),
        # under a topic heading, the program named in the body must speak as itself
        (
            "<h1>Admission Requirements</h1><p>Medical Coding Certificate</p><p>Applicants need a diploma.</p>"
            + FACTS,
            "",
            "",
            [],
        ),
        (
            "<h1>Admission Requirements</h1><p>Medical Coding Certificate</p><p>The program prepares "
            "coders.</p>" + FACTS,
            "",
            "",
            ["Medical Coding Certificate"],
        ),
        # a legacy page: its heading that is the school's name (known from the logo) is passed over,
        # so the topic heading after it counts
        (
            font("Fictional Ridge College")
            + font("Admission Requirements")
            + "<p>Medical Coding Certificate</p><p>Applicants need a diploma. The certificate takes 9 months.</p>",
            "",
            '<a class="logo" href="/">Fictional Ridge College</a>',
            [],
        ),
        # a page named like a list of programs
        ("<h1>Online Medical Coding Programs</h1>" + FACTS, "", "", []),
    ],
)
def test_whole_pages(main: str, title: str, outside: str, expected: list) -> None:
    result = extract_page(html(main, title=title, outside=outside), URL)
    got = [
        p["name"] if isinstance(e, str) else (p["name"], p["credential"], p["credential_text"])
        for p, e in zip(result.programs, expected, strict=False)
    ]
    assert got == expected and result.is_program_page is bool(expected)


# --- markup, bytes and encodings ---------------------------------------------------------------------


def test_markup_in_a_page_given_as_bytes() -> None:
    page = html(
        "<h1>Medical Coding Certificate</h1>", head=ld(markup_program(timeToComplete="P9M"))
    )
    result = extract_page(page.encode("utf-8"), URL)
    assert result.method == "jsonld" and result.programs[0]["length_months"] == 9.0


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_json_ld_type_in_capitals_is_read(as_bytes: bool) -> None:
    script = ld(markup_program(timeToComplete="P9M")).replace(
        "application/ld+json", "application/LD+JSON"
    )
    page = html("<h1>Medical Coding Certificate</h1>", head=script)
    result = extract_page(page.encode("utf-8") if as_bytes else page, URL)
    assert result.method == "jsonld" and result.programs[0]["length_months"] == 9.0


def test_the_encoding_given_is_used() -> None:
    title = (
        "\u041a\u043e\u0434\u0438\u0440\u043e\u0432\u0430\u043d\u0438\u0435"  # Cyrillic, fictional
    )
    body = f"<html><head><title>{title}</title></head><body><p>x</p></body></html>".encode("koi8-r")
    assert extract_page(body, URL, encoding="koi8-r").title == title


# --- pages with several programs: what the page says outside their sections -------------------------


@pytest.mark.parametrize(
    "main,expected",
    [
        (
            "<p>Tuition for each program is $3,000.</p><h2>Medical Coding Certificate</h2><p>The certificate "
            "takes 9 months.</p><h2>Medical Billing Certificate</h2><p>The certificate takes 6 months.</p>",
            [
                ("Medical Coding Certificate", 3000.0, "Tuition for each program is $3,000.", 9.0),
                ("Medical Billing Certificate", 3000.0, "Tuition for each program is $3,000.", 6.0),
            ],
        ),
        # a Spanish page's own words are read in English
        (
            "<p>El costo de cada programa es $3,000 para los estudiantes de la escuela.</p>"
            "<h2>Facturaci\u00f3n M\u00e9dica Certificado</h2><p>El certificado dura 9 meses para los "
            "estudiantes.</p><h2>Codificaci\u00f3n M\u00e9dica Certificado</h2><p>El certificado dura 6 "
            "meses para los estudiantes.</p>",
            [
                (
                    "Facturaci\u00f3n M\u00e9dica Certificado",
                    3000.0,
                    "El costo de cada programa es $3,000 para los estudiantes de la escuela.",
                    9.0,
                ),
                (
                    "Codificaci\u00f3n M\u00e9dica Certificado",
                    3000.0,
                    "El costo de cada programa es $3,000 para los estudiantes de la escuela.",
                    6.0,
                ),
            ],
        ),
    ],
)
def test_page_level_cost(main: str, expected: list) -> None:
    result = extract_page(html(main, title="Programs"), URL)
    assert [
        (p["name"], p["tuition_usd"], p["tuition_text"], p["length_months"])
        for p in result.programs
    ] == expected


@pytest.mark.parametrize(
    "filler,spanish",
    [(37, True), (38, False)],  # the Spanish sentence in the 40th block, then in the 41st
)
def test_the_language_is_judged_on_the_first_forty_blocks(filler: int, spanish: bool) -> None:
    main = (
        "<h1>Facturaci\u00f3n M\u00e9dica Certificado</h1>"
        "<p>Duraci\u00f3n: 11 meses. Modalidad: en l\u00ednea. Costo: $3,000.</p>"
        + "<p>Welcome.</p>" * filler
        + "<p>Los estudiantes de la escuela pueden pedir ayuda para el programa.</p>"
    )
    (got,) = extract_page(html(main), URL).programs
    assert (got["length_months"], got["delivery"]) == (
        (11.0, "online") if spanish else (None, None)
    )
