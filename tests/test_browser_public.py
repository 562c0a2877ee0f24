"""What a visitor sees, in real headless Chromium: the widget on a city, one meaning of length (the
card, the length filter, "Shortest first" and the Length facet agree), the online section's labels,
the program page, the map of the results (by keyboard too), and the accessibility check (axe-core)
of every public page and the admin page at 1280 px and 375 px. Helpers and the no-outside-requests
guard come from tests/test_browser.py.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Server,
    _context,
    shot,
    sync_api,
    wait_until,
)

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).resolve().parents[1] / ".test-deps/node_modules/axe-core/axe.min.js"
ADMIN_TOKEN = "test-admin-token-for-axe"
WIDTHS = (1280, 375)
expect = sync_api.expect


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(api_store_url):
    from search_api import create_app

    srv = Server(create_app({"PROGRAMS_STORE": api_store_url, "ADMIN_TOKEN": ADMIN_TOKEN}))
    yield srv.url
    srv.stop()


@pytest.fixture(scope="module")
def fictional_server(tmp_path_factory):
    from scripts.fictional_store import build
    from search_api import create_app

    url = build(tmp_path_factory.mktemp("fictional-browser") / "store.db")
    srv = Server(create_app({"PROGRAMS_STORE": url}))
    yield srv.url
    srv.stop()


@pytest.fixture(scope="module")
def publisher(server):
    """A publisher's site on another origin: /<name> serves a page with one widget snippet."""
    snippets = {
        "/anchorage": 'data-location="Anchorage, AK"',
        "/chicago": 'data-location="Chicago, IL" data-credential="certificate,associate"',
    }

    def app(environ, start_response):
        attrs = snippets.get(environ["PATH_INFO"], "")
        html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><h1>Coding careers</h1>
<script src="{server}/widget.js" {attrs} async></script></body></html>""".encode()
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [html]

    srv = Server(app)
    yield srv.url
    srv.stop()


def build_length_store(path: Path) -> str:
    """A store of FICTIONAL programs near 60601 whose lengths rest on each basis of programs.length:
    stated by the school (one figure and a range), stated by IPEDS, estimated from credits and
    from clock hours, the span of an award level, and none at all."""
    from programs.model import Institution, Listing, Program
    from programs.store import open_store

    def listing(n: int, name: str, **prog) -> Listing:
        return Listing(
            id=f"length-{n}",
            institution=Institution(
                name=f"Length Test School {n} (fictional)",
                url=f"https://length-{n}.example.edu/",
                city="Chicago",
                state="IL",
                zip="60601",
                lat=41.8827 + 0.01 * n,  # school n is about 0.7 n miles north of 60601
                lon=-87.6233,
            ),
            program=Program(name=name, credential="certificate", **prog),
        )

    from_ipeds = [
        listing(1, "Coding Bootcamp", award_level=20),  # under 12 weeks (award level): 0-3
        listing(2, "Coding Certificate", award_level=21),  # 12 weeks to under 1 year: 3-12
        listing(3, "Billing Diploma", length_months=11),  # 11 months (IPEDS)
        listing(4, "Health Information Certificate", credit_hours=62),  # about 2 years
        listing(5, "Coding Specialist Certificate", clock_hours=450),  # about 6 months
        listing(6, "Revenue Cycle Certificate"),  # no length from any source
    ]
    from_schools = [
        listing(7, "Billing Certificate", length_months=9, url="https://length-7.example.edu/b"),
        listing(
            8,
            "Medical Office Certificate",
            length_min_months=4,
            length_months=12,
            url="https://length-8.example.edu/m",
        ),
    ]
    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        store.upsert(from_ipeds, source="ipeds", vintage="fictional length test data")
        store.upsert(from_schools, source="program_pages")
    finally:
        store.close()
    return url


#: what each card's length says -> (the shortest, the longest) it means, in months
CARD_LENGTHS = {
    "under 12 weeks (award level)": (0, 3),
    "12 weeks to under 1 year (award level)": (3, 12),
    "11 months (IPEDS)": (11, 11),
    "about 2 years (62 credits)": (24, 24),  # an estimate: "about", from what
    "about 6 months (450 clock hours)": (6, 6),
    "not reported": (None, None),
    "9 months (school)": (9, 9),
    "4 to 12 months (school)": (4, 12),
}


def length_band_name(months: float | None) -> str:
    """The Length facet's band of a program whose longest is ``months`` (upper bounds inclusive)."""
    if months is None:
        return "Length not known"
    for upper, name in [(3, "Up to 3 months"), (6, "3 to 6 months"), (12, "6 to 12 months")]:
        if months <= upper:
            return name
    return "1 to 2 years" if months <= 24 else "Over 2 years"


@pytest.fixture(scope="module")
def length_server(tmp_path_factory):
    from search_api import create_app

    url = build_length_store(tmp_path_factory.mktemp("length-browser") / "store.db")
    srv = Server(create_app({"PROGRAMS_STORE": url}))
    yield srv.url
    srv.stop()


def search_and_wait(pg, button: str = "#search-button"):
    """Submit the search form and wait until the page's script has drawn the new answer."""
    pg.evaluate("document.getElementById('result-list').removeAttribute('data-rendered-by')")
    pg.click(button)
    pg.wait_for_selector('#result-list[data-rendered-by="js"]', state="attached")


def card_lengths(pg) -> list[str]:
    """Each card's length as it reads, in the order shown ("not reported" without its reason)."""
    return pg.eval_on_selector_all(
        "#result-list .card",
        """cards => cards.map(card => {
          const dt = [...card.querySelectorAll("dt")].find(d => d.textContent === "Length");
          const dd = dt.nextElementSibling, missing = dd.querySelector(".not-reported");
          return missing ? missing.firstChild.textContent : dd.textContent;
        })""",
    )


def length_facet(pg) -> dict[str, int]:
    """The Length facet's counts: {"6 to 12 months": 5, ...}."""
    row = pg.locator("#facets p.facet", has_text="Length:")
    counts = {}
    for text in row.locator("span:not(.facet-name)").all_inner_texts():
        name, count = re.fullmatch(r"(.+) \((\d+)\)", text).groups()
        counts[name] = int(count)
    return counts


def new_page(browser, width=1280, **kwargs):
    ctx = _context(browser, viewport={"width": width, "height": 900}, **kwargs)
    pg = ctx.new_page()
    pg.js_errors = []
    pg.on("pageerror", lambda e: pg.js_errors.append(str(e)))
    return ctx, pg


@pytest.fixture
def desk(browser):
    ctx, pg = new_page(browser)
    yield pg
    outside, errors = ctx.outside_requests, pg.js_errors
    ctx.close()
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, errors


# ------------------------------------------------------------------------------- the widget
def test_widget_keeps_a_city_with_a_comma_whole(desk, publisher):
    desk.goto(publisher + "/anchorage")
    frame_el = desk.wait_for_selector("iframe.programs-near-you-widget")
    assert parse_qs(urlsplit(frame_el.get_attribute("src")).query)["location"] == ["Anchorage, AK"]
    frame = frame_el.content_frame()
    expect(frame.locator("#status")).to_have_text(
        re.compile(r"^(No programs|1 program|\d+ programs) within 25 miles of Anchorage, AK\.")
    )
    assert "2 times" not in frame.inner_text("body")


def test_widget_on_a_city_with_two_credentials_shows_its_filter(desk, publisher):
    desk.goto(publisher + "/chicago")
    frame = desk.wait_for_selector("iframe.programs-near-you-widget").content_frame()
    expect(frame.locator("#status")).to_have_text(re.compile(r"^\d+ programs? within 25 miles of"))
    assert (
        frame.inner_text("#active-filter")
        == "Showing only: Certificate or diploma or Associate degree"
    )
    creds = set(frame.locator("#result-list .card dd").all_inner_texts()) & {
        "Associate degree",
        "Certificate or diploma",
        "Master's degree",
    }
    assert creds == {"Associate degree", "Certificate or diploma"}
    # a card's title opens the program page in a new tab (it cannot show inside the frame)
    link = frame.locator("#result-list a.program-link").first
    assert link.get_attribute("target") == "_blank"
    with desk.context.expect_page() as opened:
        link.click()
    program = opened.value
    program.wait_for_load_state()
    assert re.search(r"/programs/[\w.:-]+$", program.url)
    assert program.locator("h1").inner_text() == link.inner_text()


# ------------------------------------------------------------------------------- one meaning of length
def test_card_lengths_the_length_filter_the_sort_and_the_facet_agree(desk, length_server):
    desk.goto(length_server + "/")
    desk.fill("#f-location", "60601")
    search_and_wait(desk)
    shown = card_lengths(desk)
    assert sorted(shown) == sorted(CARD_LENGTHS)  # every basis, an estimate saying "about"
    # the facet counts the cards by the length they show (the longest it can take)
    assert length_facet(desk) == Counter(length_band_name(CARD_LENGTHS[t][1]) for t in shown)

    fits = [t for t, (_, longest) in CARD_LENGTHS.items() if longest is not None]
    kept = {}
    for choice, months in [
        ("1 year or less", 12),
        ("3 months or less", 3),
        ("6 months or less", 6),
    ]:
        desk.select_option("#f-max_months", label=choice)
        search_and_wait(desk)
        kept[choice] = card_lengths(desk)
        assert sorted(kept[choice]) == sorted(t for t in fits if CARD_LENGTHS[t][1] <= months)
        assert length_facet(desk) == Counter(
            length_band_name(CARD_LENGTHS[t][1]) for t in kept[choice]
        )
    # what the issue found: "3 months or less" found nothing next to an "under 12 weeks" card
    assert kept["3 months or less"] == ["under 12 weeks (award level)"]

    desk.select_option("#f-max_months", label="Any length")
    desk.select_option("#f-sort", label="Shortest first")
    search_and_wait(desk)
    ordered = card_lengths(desk)
    assert ordered[-1] == "not reported"  # a length not known comes last
    shortest = [CARD_LENGTHS[t][0] for t in ordered[:-1]]
    assert shortest == sorted(shortest), ordered
    assert ordered[0] == "under 12 weeks (award level)"  # not below the 9-month programs
    # a shared link gives the same answer, drawn by the server
    desk.goto(length_server + "/?zip=60601&sort=length")
    assert card_lengths(desk) == ordered


# ------------------------------------------------------------------------------- online programs
def online_cards(pg) -> dict[str, bool]:
    """The online section's cards: {listing id: labelled "Also in the list above"}."""
    return dict(
        pg.eval_on_selector_all(
            "#online-list .card",
            """cards => cards.map(c => [c.dataset.id,
              (c.querySelector(".also-local") || {}).textContent === "Also in the list above"])""",
        )
    )


def test_online_programs_already_in_the_local_list_are_labelled_on_the_page(desk, fictional_server):
    desk.goto(fictional_server + "/")
    desk.fill("#f-location", "60601")
    search_and_wait(desk)  # within 25 miles: both online schools are in the local list too
    local = set(desk.eval_on_selector_all("#result-list .card", "cs => cs.map(c => c.dataset.id)"))
    online = online_cards(desk)
    assert online == {"prairie-coding": True, "northshore-him": True}
    assert set(online) <= local
    expect(desk.locator("#online-list .also-local").first).to_be_visible()
    desk.select_option("#f-radius", "10")
    search_and_wait(desk)  # within 10 miles: neither is, and neither is labelled
    local = set(desk.eval_on_selector_all("#result-list .card", "cs => cs.map(c => c.dataset.id)"))
    assert local == {"lakefront-mbc", "riverside-hit"}
    assert online_cards(desk) == {"prairie-coding": False, "northshore-him": False}


# ------------------------------------------------------------------------------- the program page
def test_find_open_and_share_a_program_with_the_keyboard(desk, fictional_server):
    desk.goto(fictional_server + "/")
    desk.keyboard.press("Tab")  # the skip link
    desk.keyboard.press("Tab")
    assert desk.evaluate("document.activeElement.id") == "f-location"
    desk.keyboard.type("Chicago, IL 60601")
    desk.keyboard.press("Enter")
    expect(desk.locator("#status")).to_have_text(re.compile("^5 programs within 25 miles of 60601"))
    desk.locator("#result-list a.program-link").first.focus()
    desk.keyboard.press("Enter")
    desk.wait_for_url(re.compile(r"/programs/lakefront-mbc$"))
    assert desk.locator("h1").inner_text() == "Medical Billing and Coding Certificate"
    text = desk.inner_text("main")
    for fact in (
        "$34,100",
        "$6,500",
        "48",
        "100 E Example Plaza",
        "Last seen",
        "How to check this",
    ):
        assert fact.lower() in text.lower(), fact
    assert desk.input_value("#share-url") == fictional_server + "/programs/lakefront-mbc"
    assert desk.locator("#print-button").is_visible()
    shot(desk, "program-page")
    # printing drops the navigation and the buttons, and spells out where the links go
    desk.emulate_media(media="print")
    assert not desk.locator("#print-button").is_visible()
    assert not desk.locator("#back-to-search").is_visible()
    after = desk.evaluate(
        "getComputedStyle(document.querySelector('#check-links a'), '::after').content"
    )
    assert "https://lakefront-mbc.example.edu/" in after
    # the link works for someone else: a new visitor opens it directly
    desk.emulate_media(media="screen")
    desk.goto(desk.input_value("#share-url"))
    assert desk.locator("h1").inner_text() == "Medical Billing and Coding Certificate"


def test_unknown_program_is_a_404_page(desk, fictional_server):
    resp = desk.goto(fictional_server + "/programs/not-a-program")
    assert resp.status == 404
    assert desk.locator("h1").inner_text() == "Program not found"


# ------------------------------------------------------------------------------- the map
def test_map_shows_the_place_the_radius_and_each_school(desk, fictional_server):
    desk.goto(fictional_server + "/")
    desk.fill("#f-location", "60601")
    desk.click("#search-button")
    expect(desk.locator("#status")).to_have_text(re.compile("^5 programs"))
    markers = desk.locator("#map-svg a.map-school")
    expect(markers).to_have_count(5)
    labels = [markers.nth(i).get_attribute("aria-label") for i in range(5)]
    assert labels[0].startswith("1. Medical Billing and Coding Certificate at Lakefront Career")
    assert all("miles away" in label for label in labels)
    assert desk.locator("#map-svg circle.map-radius").count() == 1
    wait_until(lambda: desk.locator("#map-svg path.map-state").count() >= 1)  # Illinois at least
    assert "within 25 miles of 60601 (Chicago, IL)" in desk.inner_text("#map-caption")
    # keyboard: from the toggle, Tab reaches the first marker; Enter opens its program
    desk.focus("#map-toggle")
    desk.keyboard.press("Tab")
    assert desk.evaluate("document.activeElement.getAttribute('aria-label')") == labels[0]
    shot(desk, "map-60601", full_page=False)
    desk.keyboard.press("Enter")
    desk.wait_for_url(re.compile(r"/programs/lakefront-mbc$"))


def test_map_can_be_hidden_and_stays_hidden(desk, fictional_server):
    desk.goto(fictional_server + "/?zip=60601")  # server-rendered answer, drawn from #map-data
    expect(desk.locator("#map-svg a.map-school")).to_have_count(5)
    desk.click("#map-toggle")
    assert not desk.locator("#map-figure").is_visible()
    assert desk.get_attribute("#map-toggle", "aria-expanded") == "false"
    desk.reload()
    expect(desk.locator("#map-toggle")).to_have_text("Show map")
    assert not desk.locator("#map-figure").is_visible()
    assert desk.locator("#result-list .card").count() == 5  # the list is unaffected
    desk.click("#map-toggle")
    expect(desk.locator("#map-svg a.map-school")).to_have_count(5)


def test_the_map_hides_and_shows_by_keyboard_alone(desk, fictional_server):
    desk.goto(fictional_server + "/?zip=60601")
    expect(desk.locator("#map-svg a.map-school")).to_have_count(5)
    for _ in range(60):  # Tab through the page to the toggle
        desk.keyboard.press("Tab")
        if desk.evaluate("document.activeElement.id") == "map-toggle":
            break
    else:
        raise AssertionError("Tab never reached the map's toggle")
    desk.keyboard.press("Enter")
    expect(desk.locator("#map-figure")).to_be_hidden()
    expect(desk.locator("#map-toggle")).to_have_text("Show map")
    assert desk.get_attribute("#map-toggle", "aria-expanded") == "false"
    assert desk.evaluate("document.activeElement.id") == "map-toggle"  # the focus stays put
    desk.keyboard.press("Space")
    expect(desk.locator("#map-figure")).to_be_visible()
    expect(desk.locator("#map-toggle")).to_have_text("Hide map")
    assert desk.get_attribute("#map-toggle", "aria-expanded") == "true"
    desk.keyboard.press("Tab")  # on to the first school on the map
    assert desk.evaluate("document.activeElement.getAttribute('aria-label')").startswith("1. ")


def test_no_results_no_map(desk, fictional_server):
    desk.goto(fictional_server + "/?zip=96813")
    assert not desk.locator("#map-box").is_visible()


# ------------------------------------------------------------------------------- axe-core
def axe_violations(pg) -> list[dict]:
    pg.add_script_tag(path=str(AXE_JS))
    return pg.evaluate(
        """async () => {
          const result = await axe.run(document, { resultTypes: ["violations"] });
          return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")) }));
        }"""
    )


def _open(pg, what: str, urls: dict[str, str]):
    if what == "admin":
        pg.goto(urls["server"] + "/admin")
        pg.fill("#admin-token", ADMIN_TOKEN)
        pg.keyboard.press("Enter")
        pg.wait_for_selector("#runs .run")
        return
    path = {
        "search": "/",
        "results": "/?zip=60601",
        "program": "/programs/lakefront-mbc",
        "widget": "/embed?zip=60601&credential=certificate",
    }[what]
    pg.goto(urls["fictional"] + path)
    if what == "results":
        pg.wait_for_selector("#map-svg a.map-school")


@pytest.mark.skipif(not AXE_JS.exists(), reason="axe-core is not installed (make axe; needs npm)")
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("what", ["search", "results", "program", "widget", "admin"])
def test_no_serious_or_critical_axe_violations(browser, server, fictional_server, what, width):
    ctx, pg = new_page(browser, width=width, bypass_csp=True)
    try:
        _open(pg, what, {"server": server, "fictional": fictional_server})
        bad = [v for v in axe_violations(pg) if v["impact"] in ("serious", "critical")]
        assert not bad, bad
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        assert not ctx.outside_requests and not pg.js_errors
    finally:
        ctx.close()
