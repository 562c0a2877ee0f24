"""Security checks that need no browser (tests/test_browser.py runs the same hostile listings in Chromium).

* Crawled strings are text and crawled URLs are links only when they are absolute http(s) URLs: the page and the
  widget as the server renders them, parsed as HTML (tests/conftest.py ``hostile_listings``).
* Secrets stay out of logs, consoles and error bodies: the Scorecard key given in the environment (debug logging
  on), Elasticsearch credentials in PROGRAMS_STORE (service logs, CLI messages), the admin token.
  (The admin token's constant-time comparison and the 401s without it are in tests/test_admin_api.py and
  tests/test_fuzz_api.py.)
"""

from __future__ import annotations

import logging
import secrets
import socket

import lxml.html
import pytest

from programs.store import open_store
from tests.conftest import HOSTILE_TEXTS, UNSAFE_URLS
from tests.crawl_helpers import all_docs, copy_store, crawl

PASSWORD = "pw-" + secrets.token_hex(8)


@pytest.fixture
def hostile_client(hostile_store_url):
    from search_api import create_app

    return create_app({"TESTING": True, "PROGRAMS_STORE": hostile_store_url}).test_client()


@pytest.mark.parametrize("path", ["/?zip=60601&per_page=20", "/embed?zip=60601&per_page=20"])
def test_crawled_strings_are_text_and_only_http_urls_are_links(hostile_client, path):
    resp = hostile_client.get(path)
    assert resp.status_code == 200
    doc = lxml.html.fromstring(resp.get_data(as_text=True))
    (results,) = doc.cssselect("#result-list")
    assert not results.cssselect("script, img, svg, iframe, b, object, embed")
    assert not [el for el in results.iter() if any(a.startswith("on") for a in el.attrib)]
    assert [a.get("href") for a in results.cssselect("a.external")] == [
        "https://ok.example/safe-program"
    ]
    # every other link is the card's own program page on this site
    others = [a.get("href") for a in results.cssselect("a:not(.external)")]
    assert others and all(h.startswith("/programs/") for h in others), others
    text = results.text_content()
    for text_piece in HOSTILE_TEXTS:
        assert text_piece in text  # shown as itself
    assert (
        len(UNSAFE_URLS) == len(results.cssselect(".card")) - 1
    )  # every unsafe URL had its card, unlinked


def test_the_api_returns_crawled_strings_as_data(hostile_client):
    resp = hostile_client.get("/api/v1/programs?zip=60601&per_page=20")
    assert (
        resp.mimetype == "application/json" and resp.headers["X-Content-Type-Options"] == "nosniff"
    )
    names = {r["program"]["name"] for r in resp.get_json()["results"]}
    assert (
        f"Program 0 {HOSTILE_TEXTS[0]}" in names
    )  # the data, unchanged: escaping is the renderer's job


@pytest.mark.slow
def test_scorecard_key_from_the_environment_is_never_logged(sample_crawl, sample_server, tmp_path):
    key = "env-key-" + secrets.token_hex(12)
    url = copy_store(sample_crawl["db"], tmp_path / "programs.db")
    result = crawl(
        "scorecard",
        store_url=url,
        sample_url=sample_server.base_url,
        log_dir=tmp_path / "logs",
        extra=["-s", "LOG_LEVEL=DEBUG"],
        env={"SCORECARD_API_KEY": key},
    )
    assert result.code == 0, result.stderr[-2000:]
    store = open_store(url)
    run = store.list_runs("scorecard")[0]
    assert run.status in ("complete", "partial") and run.items_scraped > 0
    log = result.log_text()
    assert "DEBUG" in log and "Crawled (200)" in log  # debug logging was on
    assert key not in log and key not in result.stdout + result.stderr
    assert key not in str(run.to_dict())
    assert key not in str(all_docs(store))


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://elastic:{PASSWORD}@127.0.0.1:{port}"


@pytest.mark.parametrize("command", [["status"], ["runs"], ["scheduler", "--once"], ["reindex"]])
def test_cli_messages_never_show_the_store_password(command, capsys):
    from ops.cli import main

    assert main(["--store", _closed_port_url(), *command]) == 1
    out = capsys.readouterr()
    assert PASSWORD not in out.out + out.err
    assert out.err.startswith(f"programs {command[0]}: Elasticsearch at http://127.0.0.1:")
    assert "Traceback" not in out.err


def test_service_logs_never_show_the_store_password(caplog):
    from search_api import create_app

    with caplog.at_level(logging.DEBUG):
        client = create_app(
            {"TESTING": True, "PROGRAMS_STORE": _closed_port_url(), "WARM_GEO": False}
        ).test_client()
        for path in ("/readyz", "/api/v1/programs?zip=60601", "/api/v1/meta", "/?zip=60601"):
            resp = client.get(path)
            assert resp.status_code == 503 and PASSWORD not in resp.get_data(as_text=True)
    assert PASSWORD not in caplog.text
    assert "127.0.0.1" in caplog.text


def test_status_shows_the_store_without_its_password(tmp_path, capsys):
    from ops.cli import main

    # SQLite URLs have no password; the redaction is for http(s)://user:pass@host URLs (checked above on
    # Elasticsearch). Here: the line is printed, and a password-looking URL part would be masked.
    assert main(["--store", f"sqlite:///{tmp_path}/p.db", "status"]) == 0
    assert f"store: sqlite (sqlite:///{tmp_path}/p.db)" in capsys.readouterr().out
    from programs.store import redact_credentials

    assert (
        redact_credentials(f"https://elastic:{PASSWORD}@es.internal:9200/")
        == "https://***@es.internal:9200/"
    )
