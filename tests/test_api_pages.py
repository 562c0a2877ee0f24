"""The web page, the widget page and widget.js as the server renders them (no browser needed)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import XSS_NAME


def page(client, url: str, status: int = 200) -> str:
    resp = client.get(url)
    assert resp.status_code == status, resp.get_data(as_text=True)[:300]
    assert resp.mimetype == "text/html"
    return resp.get_data(as_text=True)


def test_home_page_without_a_search(client):
    html = page(client, "/")
    assert "<h1>Medical Billing and Coding Programs Near You</h1>" in html
    assert 'id="search-form"' in html and 'method="get"' in html
    for label in (
        "ZIP code or city",
        "Within",
        "Credential",
        "How it is taught",
        "Length",
        "Prepares for exam",
    ):
        assert label in html
    assert 'class="skip-link"' in html and 'aria-live="polite"' in html


def test_page_renders_results_on_the_server(client):
    html = page(client, "/?zip=60601")
    assert "8 programs within 25 miles of 60601 (Chicago, IL)" in html
    assert (
        html.index("Loop Career Institute")
        < html.index("Oakton College")
        < html.index("College of DuPage")
    )
    assert "0.3 mi" in html and "$3,995" in html and "9 months" in html
    assert '<abbr title="Certified Professional Coder">CPC</abbr>' in html
    assert '<abbr title="Accrediting Bureau of Health Education Schools">ABHES</abbr>' in html
    # where the facts come from instead of "last verified <crawl day>"; no vintage known here
    assert '<dt>Source</dt><dd class="source">' in html and "seen 2026-11-20" in html
    assert "Last verified" not in html
    assert 'href="https://loop-career.example.edu/billing-coding"' in html
    assert "Online programs you can take from anywhere" in html


def test_missing_facts_read_not_reported_with_the_reason(client):
    html = page(client, "/?zip=60601")
    assert "Not listed" not in html and "Cost not listed" not in html
    assert '<span class="not-reported" title="Only a school&#39;s own program page names' in html
    assert 'not reported<span class="visually-hidden">' in html
    assert 'id="sample-banner"' not in html  # no fictional data in this store


def test_page_escapes_crawled_text(client):
    html = page(client, "/?zip=60601")
    assert XSS_NAME not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Coding" in html


def test_only_http_urls_become_links(client):
    html = page(client, "/?zip=60601")
    assert "javascript:" not in html
    card = html[html.index('data-id="chi-jsurl"') :]
    card = card[: card.index("</li>")]
    # its name links to its page here, and its javascript: URL is not a link to anywhere else
    assert 'href="/programs/chi-jsurl">Medical Billing Specialist Diploma</a>' in card
    assert 'class="external"' not in card
    assert (
        'href="https://evil.example.edu' not in html
    )  # a URL with markup in it is not linked either


def test_form_keeps_the_search_and_empty_fields_are_ignored(client):
    html = page(
        client,
        "/?location=60601&radius=50&credential=certificate&max_months=&delivery=&certification=",
    )
    assert 'value="60601"' in html
    assert '<option value="50" selected>' in html
    assert 'value="certificate" checked' in html
    assert "programs within 50 miles" in html


def test_empty_state_suggests_a_larger_radius(client):
    html = page(client, "/?zip=96813")
    assert "No programs within 25 miles of 96813 (Honolulu, HI)." in html
    assert "search within 50 miles" in html and "radius=50" in html
    assert "The online programs below can be taken from anywhere." in html


def test_bad_zip_shows_the_message_next_to_the_field(client):
    html = page(client, "/?location=6060A", status=400)
    match = re.search(r'<p id="f-location-error" class="field-error">([^<]*)</p>', html)
    assert match and "is not a ZIP code" in match.group(1) and "5 digits" in match.group(1)
    assert 'aria-invalid="true"' in html


def test_unknown_place_and_bad_radius(client):
    html = page(client, "/?location=Nowhereville%2C+IL", status=400)
    assert "No place called Nowhereville, IL" in html
    html = page(client, "/?zip=60601&radius=900", status=400)
    assert re.search(r'id="f-radius-error" class="field-error">[^<]*too large', html)


def test_page_links_keep_the_search(client):
    html = page(client, "/?zip=60601&per_page=3")
    assert 'href="/?zip=60601&amp;per_page=3&amp;page=2"' in html
    assert "Page 1 of 3" in html
    assert 'data-nav href="/?zip=60601&amp;per_page=3&amp;credential=associate"' in html


def test_pages_load_nothing_from_outside(client):
    for url in ("/", "/?zip=60601", "/embed?zip=60601"):
        html = page(client, url)
        for ref in re.findall(r'<(?:script|link|img|iframe)[^>]*(?:src|href)="([^"]*)"', html):
            assert ref.startswith("/"), (url, ref)


def test_main_page_may_not_be_framed_but_the_embed_may(client):
    main = client.get("/?zip=60601")
    assert main.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in main.headers["Content-Security-Policy"]
    assert "script-src 'self'" in main.headers["Content-Security-Policy"]
    embed = client.get("/embed?zip=60601")
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]


def test_embed_is_compact_and_keeps_the_filters(client):
    html = page(client, "/embed?zip=60601&credential=certificate")
    assert "5 programs within 25 miles of 60601" in html
    assert html.count('class="card"') <= 5 + 3
    assert '<input type="hidden" name="credential" value="certificate">' in html
    assert 'target="_blank"' in html
    assert (
        "See all results and filters" in html
        and 'href="/?zip=60601&amp;credential=certificate"' in html
    )
    assert XSS_NAME not in html


def test_embed_without_a_place_shows_the_form(client):
    html = page(client, "/embed")
    assert 'id="f-location"' in html and 'class="card"' not in html


def test_widget_js(client):
    resp = client.get("/widget.js")
    assert resp.status_code == 200
    assert resp.mimetype in ("text/javascript", "application/javascript")
    assert "max-age" in resp.headers["Cache-Control"]
    js = resp.get_data(as_text=True)
    assert "/embed" in js and "postMessage" not in js.split("addEventListener")[0]
    assert "document.currentScript" in js and "iframe" in js


def test_page_shows_the_snippet(client):
    html = page(client, "/")
    assert (
        "&lt;script src=&#34;http://localhost/widget.js&#34; data-zip=&#34;60601&#34;" in html
        or '&lt;script src="http://localhost/widget.js" data-zip="60601"' in html
    )


def test_static_files(client):
    for name in ("app.js", "app.css", "widget.js"):
        assert client.get(f"/static/{name}").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/?zip=%00",
        "/?zip=60601&q=" + "x" * 300,
        "/?zip=60601&page=0&per_page=0",
        "/?lat=91&lon=0",
        "/?zip=60601&zip=60602",
        "/embed?zip=bad&credential=phd",
    ],
)
def test_page_never_fails_on_bad_input(client, url):
    resp = client.get(url)
    assert resp.status_code == 400 and resp.mimetype == "text/html"


def test_error_without_a_form_field_is_shown_above_the_results(client):
    html = page(client, "/?zip=60601&page=0", status=400)
    assert "Please correct the search and try again." in html
    assert re.search(
        r'<div id="general-error" class="alert" role="alert"><p>page: 0 is out of range', html
    )


@pytest.mark.parametrize(
    "months,text,level,shown",
    [
        (9, None, 21, "9 months"),
        (24, None, 3, "2 years"),
        (None, "4–12 months", 21, "4–12 months"),
        (None, None, 20, "Under 12 weeks (award level)"),
        (None, None, 2, "1 to 2 years (award level)"),
        (None, None, 3, "Length not listed"),
        (None, None, None, "Length not listed"),
        (float("nan"), None, None, "Length not listed"),
    ],
)
def test_length_falls_back_to_what_the_award_level_says(months, text, level, shown):
    from search_api.blueprints.pages import fmt_months

    assert fmt_months(months, text, level) == shown
