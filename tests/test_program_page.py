"""The program page (/programs/<id>), the richer cards and the widget's filter line, through
Flask's test client. What a person sees in a real browser is in tests/test_browser_public.py."""

from __future__ import annotations

import lxml.html
import pytest
from werkzeug.datastructures import MultiDict

from search_api.blueprints.pages import NOT_REPORTED, active_filters
from search_api.blueprints.program_page import check_links, college_navigator_url


@pytest.fixture(scope="module")
def fictional_client(tmp_path_factory):
    from scripts.fictional_store import build
    from search_api import create_app

    url = build(tmp_path_factory.mktemp("fictional") / "store.db")
    return create_app({"TESTING": True, "PROGRAMS_STORE": url}).test_client()


def html_of(resp):
    assert resp.mimetype == "text/html"
    return lxml.html.fromstring(resp.get_data(as_text=True))


def facts(doc, selector: str) -> dict[str, str]:
    return {
        div.cssselect("dt")[0].text_content().strip(): div.cssselect("dd")[0].text_content().strip()
        for div in doc.cssselect(f"{selector} > div")
    }


def test_program_page_says_what_the_program_is_and_what_it_leads_to(fictional_client):
    resp = fictional_client.get("/programs/lakefront-mbc")
    assert resp.status_code == 200
    doc = html_of(resp)
    assert doc.cssselect("h1")[0].text_content() == "Medical Billing and Coding Certificate"
    assert "Lakefront Career Institute (fictional) · Chicago, IL" in doc.text_content()
    assert "externship" in doc.cssselect("#description")[0].text_content()
    program = facts(doc, "#program-facts")
    assert program["Credential"] == "Certificate or diploma"
    assert program["Award level (IPEDS)"].startswith("Certificate of at least 12 weeks")
    assert program["Length"] == "9 months (school)"
    assert program["Cost"] == "$4,200"
    assert program["How it is taught"] == "Hybrid (online and on campus)"
    assert program["Prepares for exam"].startswith("CCA (Certified Coding Associate, AHIMA)")
    assert program["Accreditation"].startswith("ABHES (Accrediting Bureau")
    assert program["Field of study (CIP code)"] == "51.0713"
    outcomes = facts(doc, "#outcomes")
    assert outcomes["Completions in a year (IPEDS)"] == "48"
    assert outcomes["Median earnings 1 year after completing (College Scorecard)"] == "$34,100"
    assert outcomes["Median debt at completion (College Scorecard)"] == "$6,500"
    school = facts(doc, "#school")
    assert school["Address"] == "100 E Example PlazaChicago, IL 60601"
    assert school["Website"] == "https://lakefront-mbc.example.edu/"
    sources = [li.text_content() for li in doc.cssselect("#sources li")]
    assert len(sources) == 3
    assert sources[0].startswith(
        "IPEDS (National Center for Education Statistics): IPEDS 2023\u201324 completions and "
        "2024 directory \u2014 fictional schools; last seen 2026-11-20"
    )
    assert any(
        s.startswith("College Scorecard")
        and "College Scorecard 2026 release \u2014 fictional schools; last seen 2026-11-21" in s
        for s in sources
    )
    # the school's own page has no edition: only the day it was read
    assert any(s.startswith("The school's own program page; last seen 2026-11-22") for s in sources)
    checks = {a.text_content(): a.get("href") for a in doc.cssselect("#check-links a")}
    assert checks["The school's website"] == "https://lakefront-mbc.example.edu/"
    assert doc.cssselect("#share-url")[0].get("value").endswith("/programs/lakefront-mbc")
    # printable and self-contained: no script, style or image from another site
    assert not [
        el
        for el in doc.cssselect("script[src], link[href], img[src]")
        if (el.get("src") or el.get("href")).startswith(("http:", "https:", "//"))
    ]


@pytest.mark.parametrize("listing_id", ["lakefront-mbc", "westgate-billing"])
def test_the_card_and_the_program_page_name_the_same_data_years(fictional_client, listing_id):
    from scripts.fictional_store import VINTAGES

    page = html_of(fictional_client.get(f"/programs/{listing_id}"))
    on_page = [v.text_content() for v in page.cssselect("#sources li .vintage")]
    results = html_of(fictional_client.get("/?zip=60601"))
    card = results.cssselect(f'#result-list .card[data-id="{listing_id}"]')[0]
    on_card = card.cssselect(".source")[0].text_content()
    assert on_page and set(on_page) <= set(VINTAGES.values())
    assert [v for v in VINTAGES.values() if v in on_card] == on_page


def test_facts_no_source_gave_read_not_reported(fictional_client):
    doc = html_of(fictional_client.get("/programs/westgate-billing"))
    outcomes = facts(doc, "#outcomes")
    assert outcomes["Median debt at completion (College Scorecard)"] == NOT_REPORTED
    assert doc.cssselect("#description .not-reported")[0].text_content() == NOT_REPORTED


def test_a_fact_not_reported_gives_its_reason_as_on_the_cards(fictional_client):
    from search_api.blueprints.meta import NOT_REPORTED as WHY

    doc = html_of(fictional_client.get("/programs/westgate-billing"))
    marks = doc.cssselect("#facts .not-reported[title]") or doc.cssselect(".not-reported[title]")
    assert marks, "no fact of this fictional program is missing: pick another one"
    for mark in marks:
        why = mark.get("title")
        assert why in WHY.values()
        assert mark.text_content() == f"{NOT_REPORTED} ({why})"  # read out, not only hovered


@pytest.mark.parametrize(
    "path,status,title",
    [
        ("/programs/no-such-program", 404, "Program not found"),
        ("/programs/" + "x" * 65, 400, "Not a program link"),
        ("/programs/bad%20id", 400, "Not a program link"),
    ],
)
def test_unknown_or_malformed_ids_get_a_page_saying_so(fictional_client, path, status, title):
    resp = fictional_client.get(path)
    assert resp.status_code == status
    doc = html_of(resp)
    assert doc.cssselect("h1")[0].text_content() == title
    assert doc.cssselect('a[href="/"]')  # a way back to the search


def test_how_to_check_links_use_the_unitid_and_only_http_urls():
    doc = {
        "program": {"url": "javascript:alert(1)"},
        "institution": {"unitid": "144005", "url": "https://school.example.edu/"},
    }
    assert check_links(doc) == [
        ("The school's website", "https://school.example.edu/"),
        (
            "The school in College Navigator (NCES)",
            "https://nces.ed.gov/collegenavigator/?id=144005",
        ),
        ("The school in the College Scorecard", "https://collegescorecard.ed.gov/school/?144005"),
    ]
    assert college_navigator_url("12345' onload") is None
    assert college_navigator_url(None) is None


def test_cards_link_to_the_program_page_and_show_outcomes(fictional_client):
    doc = html_of(fictional_client.get("/?zip=60601"))
    card = doc.cssselect('#result-list .card[data-id="lakefront-mbc"]')[0]
    assert card.cssselect("a.program-link")[0].get("href") == "/programs/lakefront-mbc"
    assert card.cssselect(".earnings")[0].text_content() == "$34,100 a year"
    assert card.cssselect(".debt")[0].text_content() == "$6,500"
    assert card.cssselect(".completions")[0].text_content() == "48"
    assert "externship" in card.cssselect(".card-desc")[0].text_content()
    # a card without outcomes does not list empty ones
    bare = doc.cssselect('#result-list .card[data-id="westgate-billing"]')[0]
    assert not bare.cssselect(".earnings, .debt")


def test_online_programs_already_in_the_local_list_are_labelled(fictional_client):
    doc = html_of(fictional_client.get("/?zip=60601"))
    local = {c.get("data-id") for c in doc.cssselect("#result-list .card")}
    online = doc.cssselect("#online-list .card")
    assert online
    for card in online:
        labelled = bool(card.cssselect(".also-local"))
        assert labelled == (card.get("data-id") in local), card.get("data-id")
    assert any(card.cssselect(".also-local") for card in online)


@pytest.mark.parametrize(
    "query,expected",
    [
        ({}, []),
        ({"credential": "certificate"}, ["Certificate or diploma"]),
        ({"credential": "certificate,associate"}, ["Certificate or diploma or Associate degree"]),
        ({"delivery": "online", "max_months": "6"}, ["Online", "6 months or less"]),
        ({"certification": "cpc"}, ["Prepares for CPC"]),
        ({"q": "coding"}, ["Matching \u201ccoding\u201d"]),
    ],
)
def test_active_filters_in_words(query, expected):
    assert active_filters(MultiDict(query)) == expected


def test_a_widget_card_names_its_sources_and_their_data_years(fictional_client):
    from scripts.fictional_store import VINTAGES

    doc = html_of(fictional_client.get("/embed?zip=60601"))
    card = doc.cssselect('#result-list .card[data-id="lakefront-mbc"]')[0]
    on_card = card.cssselect(".source")[0].text_content()
    page = html_of(fictional_client.get("/programs/lakefront-mbc"))
    on_page = [v.text_content() for v in page.cssselect("#sources li .vintage")]
    assert on_page and [v for v in VINTAGES.values() if v in on_card] == on_page


def test_the_widget_shows_its_active_filter(fictional_client):
    doc = html_of(fictional_client.get("/embed?location=Chicago%2C+IL&credential=certificate"))
    assert (
        doc.cssselect("#active-filter")[0].text_content() == "Showing only: Certificate or diploma"
    )
    assert not html_of(fictional_client.get("/embed?zip=60601")).cssselect("#active-filter")


def test_the_share_link_uses_the_public_base_url(tmp_path):
    from scripts.fictional_store import build
    from search_api import create_app

    url = build(tmp_path / "store.db")
    app = create_app(
        {"TESTING": True, "PROGRAMS_STORE": url, "PUBLIC_BASE_URL": "https://programs.example.org/"}
    )
    doc = html_of(app.test_client().get("/programs/lakefront-mbc"))
    assert (
        doc.cssselect("#share-url")[0].get("value")
        == "https://programs.example.org/programs/lakefront-mbc"
    )


@pytest.mark.parametrize("index", range(10))
def test_hostile_strings_on_the_program_page_are_text_and_only_http_urls_link(
    hostile_store_url, index
):
    from search_api import create_app
    from tests.conftest import HOSTILE_TEXTS

    client = create_app({"TESTING": True, "PROGRAMS_STORE": hostile_store_url}).test_client()
    resp = client.get(f"/programs/hostile-{index}")
    assert resp.status_code == 200
    doc = html_of(resp)
    main = doc.cssselect("main")[0]
    assert not main.cssselect("script, img, svg, iframe, b, object, embed")
    assert not [el for el in main.iter() if any(a.startswith("on") for a in el.attrib)]
    text = HOSTILE_TEXTS[index % len(HOSTILE_TEXTS)]
    assert doc.cssselect("h1")[0].text_content() == f"Program {index} {text}"
    hrefs = [a.get("href") for a in main.cssselect("a")]
    assert all(h.startswith(("/", "https://", "http://")) and not h.startswith("//") for h in hrefs)
