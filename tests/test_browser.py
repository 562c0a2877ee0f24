"""The web page and the widget in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The app runs under a real WSGI server on 127.0.0.1 (werkzeug, port 0, in a thread) over the fixture
store of tests/conftest.py; the widget's host page is served by a second server (another origin).
Every request the browser makes to anything but 127.0.0.1 is blocked and fails the test.
Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"browser tests skipped: {CHROMIUM} is missing (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package"
)

from werkzeug.serving import make_server  # noqa: E402

from tests.conftest import XSS_NAME  # noqa: E402


class Server:
    def __init__(self, wsgi_app):
        self.httpd = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture(scope="module")
def server(api_store_url):
    from search_api import create_app

    srv = Server(create_app({"PROGRAMS_STORE": api_store_url}))
    yield srv.url
    srv.stop()


@pytest.fixture(scope="module")
def host_site(server):
    """A publisher's article on another origin with the one-line widget snippet."""
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Careers in health data</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: Georgia, serif; max-width: 40rem; margin: 1rem auto; padding: 0 1rem">
<h1>How to become a medical coder</h1><p>An article about coding careers.</p>
<h2>Medical Billing and Coding Programs Near You</h2>
<script src="{server}/widget.js" data-zip="60601" data-credential="certificate" async></script>
<p id="after">The end of the article.</p>
</body></html>""".encode()

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [html]

    srv = Server(app)
    yield srv.url
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _context(browser, **kwargs):
    ctx = browser.new_context(**kwargs)
    ctx.set_default_timeout(10_000)
    outside: list[str] = []

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:", "about:")) or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ctx.route("**/*", guard)
    ctx.outside_requests = outside
    return ctx


@pytest.fixture
def context(browser):
    ctx = _context(browser, viewport={"width": 1100, "height": 900})
    yield ctx
    outside = ctx.outside_requests
    ctx.close()
    assert not outside, f"requests to other hosts: {outside}"


@pytest.fixture
def page(context):
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.js_errors = []
    pg.on("pageerror", lambda e: pg.js_errors.append(str(e)))
    yield pg
    assert not pg.dialogs, f"a dialog opened (script ran?): {pg.dialogs}"
    assert not pg.js_errors, pg.js_errors


def shot(pg, name: str, full_page: bool = True):
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def search_by_typing(pg, text: str):
    pg.fill("#f-location", text)
    pg.click("#search-button")


def wait_js_results(pg):
    pg.wait_for_selector('#result-list[data-rendered-by="js"]', state="attached")


def status_starts(pg, text: str):
    """Wait until the status line starts with ``text`` (no string evaluation: the page's CSP forbids it)."""
    sync_api.expect(pg.locator("#status")).to_have_text(re.compile("^" + re.escape(text)))


def wait_until(check, timeout=10.0):
    import time

    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def distances(pg, selector="#result-list .distance") -> list[float]:
    return [float(t.replace(" mi", "")) for t in pg.locator(selector).all_inner_texts()]


# ------------------------------------------------------------------------------------------ the page
def test_type_a_zip_and_see_results_nearest_first(page, server):
    page.goto(server + "/")
    assert page.title().startswith("Medical Billing and Coding Programs Near You")
    search_by_typing(page, "60601")
    wait_js_results(page)
    status = page.inner_text("#status")
    assert status.startswith("8 programs within 25 miles of 60601 (Chicago, IL)")
    found = distances(page)
    assert len(found) == 8 and found == sorted(found) and found[-1] <= 25
    assert (
        page.locator("#result-list .card-title").first.inner_text()
        == "Medical Billing and Coding Certificate"
    )
    # the URL reflects the search, so it can be shared
    assert parse_qs(urlsplit(page.url).query)["zip"] == ["60601"]
    assert page.locator("#online").is_visible()
    assert page.locator("#facets").is_visible()
    first = page.locator("#result-list .card").first
    assert first.locator('abbr[title="Certified Professional Coder"]').count() == 1
    # the card names its source (and the vintage when known) instead of "last verified <crawl day>"
    assert "seen 2026-11-20" in first.locator("dd.source").inner_text()
    shot(page, "page-60601")


def test_apply_a_filter(page, server):
    page.goto(server + "/?zip=60601")
    page.check('input[name="credential"][value="associate"]')
    page.click("#search-button")
    status_starts(page, "2 programs")
    creds = [
        t.strip()
        for t in page.locator("#result-list .card dd").all_inner_texts()
        if t.strip() in ("Associate degree", "Certificate or diploma", "Master's degree")
    ]
    assert creds == ["Associate degree", "Associate degree"]
    assert "credential=associate" in page.url
    # a facet link narrows again without leaving the page
    page.locator("#facets a", has_text="Hybrid").click()
    status_starts(page, "1 program ")
    assert "delivery=hybrid" in page.url
    # back goes to the previous search
    page.go_back()
    status_starts(page, "2 programs")
    shot(page, "page-filter-associate")


def test_bad_zip_shows_the_message_next_to_the_field(page, server):
    page.goto(server + "/")
    search_by_typing(page, "6060A")
    error = page.locator("#f-location-error")
    error.wait_for(state="visible")
    assert "is not a ZIP code" in error.inner_text() and "5 digits" in error.inner_text()
    assert page.get_attribute("#f-location", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "f-location"
    assert page.inner_text("#status") == "Please correct the highlighted field and search again."
    search_by_typing(page, "99999")
    sync_api.expect(page.locator("#f-location-error")).to_contain_text("not a known US ZIP")
    shot(page, "page-bad-zip")


def test_empty_state_and_online_section(page, server):
    page.goto(server + "/")
    search_by_typing(page, "96813")
    wait_js_results(page)
    assert page.inner_text("#status") == "No programs within 25 miles of 96813 (Honolulu, HI)."
    empty = page.locator("#empty")
    assert empty.is_visible() and "search within 50 miles" in empty.inner_text()
    assert page.locator("#online-list .card").count() == 5
    shot(page, "page-empty-honolulu")


def test_crawled_script_renders_as_text_and_bad_urls_are_not_links(page, server):
    page.goto(server + "/")
    search_by_typing(page, "60601")
    wait_js_results(page)
    card = page.locator("#result-list .card", has_text="Evil")
    assert card.locator(".card-title").inner_text() == XSS_NAME + " Coding"
    assert card.locator(".card-school").inner_text().startswith("Evil " + XSS_NAME + " Academy")
    assert page.locator("#result-list script").count() == 0
    plain = page.locator("#result-list .card", has_text="Lakeshore Billing School")
    assert plain.locator("a.external").count() == 0  # no site link; the program page link stays
    hrefs = page.eval_on_selector_all(
        "#result-list a, #online-list a", "els => els.map(e => e.href)"
    )
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
    shot(page, "page-script-as-text")


def test_shared_url_works_on_load(page, server):
    page.goto(server + "/?zip=00601&credential=certificate")
    assert page.inner_text("#status").startswith(
        "1 program within 25 miles of 00601 (Adjuntas, PR)"
    )
    assert page.is_checked('input[name="credential"][value="certificate"]')
    assert page.input_value("#f-location") == "00601"
    assert "Facturación y Codificación Médica" in page.inner_text("#result-list")


def test_keyboard_only_search(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-location"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type("30301")
    page.keyboard.press("Enter")
    wait_js_results(page)
    assert page.inner_text("#status").startswith(
        "2 programs within 25 miles of 30301 (Atlanta, GA)"
    )
    assert page.get_attribute("#status", "aria-live") == "polite"
    # the radius is reachable and changeable from the keyboard
    page.keyboard.press("Tab")  # from the ZIP box to the radius
    assert page.evaluate("document.activeElement.id") == "f-radius"
    page.keyboard.press("ArrowDown")  # 25 -> 50 miles
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    sync_api.expect(page.locator("#status")).to_contain_text("within 50 miles")
    shot(page, "page-keyboard")


def test_phone_viewport_has_no_horizontal_scroll(browser, server):
    ctx = _context(
        browser,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    try:
        pg = ctx.new_page()
        pg.goto(server + "/?zip=60601")
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375
        search_by_typing(pg, "60601")
        wait_js_results(pg)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375
        box = pg.locator("#f-location").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert pg.locator("#search-button").bounding_box()["height"] >= 40  # a thumb-sized target
        shot(pg, "phone-375", full_page=False)
        shot(pg, "phone-375-full")
        assert not ctx.outside_requests
    finally:
        ctx.close()


# ------------------------------------------------------------------------------------------ the widget
def test_widget_in_a_host_page(page, server, host_site):
    page.goto(host_site + "/article.html")
    frame_el = page.wait_for_selector("iframe.programs-near-you-widget")
    assert frame_el.get_attribute("title") == "Medical billing and coding programs near you"
    assert page.evaluate("document.querySelector('iframe').nextElementSibling.id") == "after"
    src = frame_el.get_attribute("src")
    assert (
        src.startswith(server + "/embed?")
        and "zip=60601" in src
        and "credential=certificate" in src
    )
    frame = frame_el.content_frame()
    frame.wait_for_selector("#status")
    assert frame.inner_text("#status").startswith("5 programs within 25 miles of 60601")
    creds = {
        t
        for t in frame.locator("#result-list .card dd").all_inner_texts()
        if t in ("Associate degree", "Certificate or diploma")
    }
    assert creds == {"Certificate or diploma"}
    assert frame.locator("#result-list .card").count() == 5
    # the frame grows to its content (postMessage from the embed page)
    wait_until(lambda: frame_el.evaluate("e => parseInt(e.style.height)") > 600)
    inner = frame.evaluate("document.body.getBoundingClientRect().height")
    assert abs(int(frame_el.evaluate("e => parseInt(e.style.height)")) - inner) <= 5
    # the reader changes the ZIP inside the widget; the certificate filter stays
    frame.fill("#f-location", "30301")
    frame.click("#search-button")
    sync_api.expect(frame.locator("#status")).to_have_text(
        re.compile("^1 program within 25 miles of 30301")
    )
    assert "Atlanta Technical College" in frame.inner_text("#result-list")
    # fewer results: the frame shrinks to fit again
    wait_until(
        lambda: (
            abs(
                frame_el.evaluate("e => parseInt(e.style.height)")
                - frame.evaluate("document.body.getBoundingClientRect().height")
            )
            <= 5
        )
    )
    assert frame.get_attribute("#see-all a", "target") == "_blank"
    assert page.url.startswith(host_site)  # the host page did not navigate
    shot(page, "widget-in-host-page")


def test_widget_escapes_and_works_on_a_phone(browser, server, host_site):
    ctx = _context(browser, viewport={"width": 375, "height": 740}, is_mobile=True)
    try:
        pg = ctx.new_page()
        pg.goto(host_site + "/article.html")
        frame = pg.wait_for_selector("iframe.programs-near-you-widget").content_frame()
        frame.wait_for_selector("#result-list .card")
        assert frame.evaluate("document.documentElement.scrollWidth") <= frame.evaluate(
            "window.innerWidth"
        )
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375
        text = frame.inner_text("#result-list")
        assert XSS_NAME + " Coding" in text
        assert frame.locator("#result-list script").count() == 0
        shot(pg, "widget-phone")
        assert not ctx.outside_requests
    finally:
        ctx.close()


# ------------------------------------------------------------------------------------------ API docs
def test_docs_page_works_offline(page, server):
    page.goto(server + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .information-container .title")
    assert "Programs Near You API" in page.inner_text(".swagger-ui .information-container .title")
    assert (
        page.locator(".opblock-summary-path", has_text=re.compile(r"^/api/v1/programs$")).count()
        >= 1
    )
    shot(page, "api-docs", full_page=False)


# ------------------------------------------------------------------ hostile crawled strings and URLs
@pytest.fixture(scope="module")
def hostile_server(hostile_store_url):
    from search_api import create_app

    srv = Server(create_app({"PROGRAMS_STORE": hostile_store_url}))
    yield srv.url
    srv.stop()


@pytest.fixture(scope="module")
def hostile_host_site(hostile_server):
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<script src="{hostile_server}/widget.js" data-zip="60601" data-per-page="20" async></script></body></html>""".encode()

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [html]

    srv = Server(app)
    yield srv.url
    srv.stop()


def assert_hostile_cards_are_text(scope, compact: bool = False):
    """Every hostile string shows as itself; none became markup; only the one https URL became a link."""
    from tests.conftest import HOSTILE_TEXTS, UNSAFE_URLS

    titles = scope.locator("#result-list .card-title").all_inner_texts()
    schools = scope.locator("#result-list .card-school").all_inner_texts()
    for i in range(len(UNSAFE_URLS)):
        text = HOSTILE_TEXTS[i % len(HOSTILE_TEXTS)]
        assert f"Program {i} {text}" in titles
        assert any(s.startswith(f"School {i} {text}") and f"City {text}" in s for s in schools)
    facts = " ".join(scope.locator("#result-list dd").all_inner_texts())
    assert (
        "Length <script>alert('name')</script>" in facts
        and "Cost <svg/onload=alert('svg')>" in facts
    )
    assert (
        scope.locator(
            "#result-list script, #result-list img, #result-list svg, #result-list iframe, "
            "#result-list b"
        ).count()
        == 0
    )
    hrefs = scope.eval_on_selector_all(
        "#result-list a.external", "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs == ["https://ok.example/safe-program"], hrefs


def test_hostile_listing_strings_are_text_and_only_http_urls_link_on_the_page(
    browser, hostile_server
):
    # as the server renders it (no JavaScript), then as app.js renders it from the API
    for javascript in (False, True):
        ctx = _context(browser, java_script_enabled=javascript)
        try:
            pg = ctx.new_page()
            dialogs = []
            pg.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
            if javascript:
                pg.goto(hostile_server + "/")
                search_by_typing(pg, "60601")
                wait_js_results(pg)
            else:
                pg.goto(hostile_server + "/?zip=60601")
            assert_hostile_cards_are_text(pg)
            shot(pg, f"page-hostile-{'js' if javascript else 'server'}")
            assert not dialogs and not ctx.outside_requests
        finally:
            ctx.close()


def test_hostile_listing_strings_are_text_and_only_http_urls_link_in_the_widget(
    page, hostile_host_site
):
    page.goto(hostile_host_site + "/")
    frame = page.wait_for_selector("iframe.programs-near-you-widget").content_frame()
    frame.wait_for_selector("#result-list .card")
    assert_hostile_cards_are_text(frame, compact=True)
    assert frame.get_attribute("#result-list a.external", "target") == "_blank"
    assert frame.get_attribute("#result-list a.external", "rel") == "noopener nofollow"
    # the widget's own form re-renders with app.js: still text
    frame.fill("#f-location", "60601")
    frame.click("#search-button")
    frame.wait_for_selector('#result-list[data-rendered-by="js"]', state="attached")
    assert_hostile_cards_are_text(frame, compact=True)
    shot(page, "widget-hostile")
