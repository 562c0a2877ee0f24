"""Store outages: the service answers 503 and recovers by itself; the crawler fails loudly and removes nothing.

The service side extends tests/test_api_errors.py (a store object that raises, and a directory where the SQLite
file should be) with a file that is not a database, and Elasticsearch at a closed port on 127.0.0.1 (with a
password in the URL that must never be echoed), which comes back as a stand-in Elasticsearch on the same port.
These tests run as root too: they never rely on file permissions.

The crawler side: a real crawl whose store breaks half-way (writes retried STORE_WRITE_RETRIES times, then
counted as dropped; the run recorded as failed, nothing swept), and crawls into a store that cannot be reached
at all (one clear line, exit 1, nothing crawled, no traceback, no password).
"""

from __future__ import annotations

import json
import logging
import math
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from programs.store import open_store
from tests.conftest import build_api_store
from tests.crawl_helpers import all_docs, copy_store, crawl, pipelines_with

PROBLEM = "application/problem+json"
PASSWORD = "hunter2-s3cret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_unavailable(resp, *, html: bool = False):
    assert resp.status_code == 503
    assert resp.headers["Retry-After"].isdigit()
    assert resp.headers["Cache-Control"] == "no-store"
    text = resp.get_data(as_text=True)
    assert PASSWORD not in text and "elastic:" not in text
    if html:
        assert resp.mimetype == "text/html" and "unavailable right now" in text
        return
    assert resp.content_type == PROBLEM
    body = json.loads(text)
    assert body["type"] == "/api/v1/problems/store-unavailable" and body["status"] == 503
    assert "cannot be reached" in body["detail"]
    assert "Traceback" not in text and "sqlite" not in text.lower() and "Errno" not in text


OUTAGE_PATHS = [
    "/readyz",
    "/api/v1/programs?zip=60601",
    "/api/v1/programs/chi-loop-cert",
    "/api/v1/meta",
]


# ------------------------------------------------------------------------------------------------- SQLite
def test_a_file_that_is_not_a_database_is_503_and_recovers(tmp_path, caplog):
    from search_api import create_app

    path = tmp_path / "programs.db"
    path.write_bytes(b"this is not a SQLite database\n" * 200)
    app = create_app(
        {"TESTING": True, "PROGRAMS_STORE": f"sqlite:///{path}", "SEARCH_CACHE_SECONDS": 0}
    )
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        for url in OUTAGE_PATHS:
            assert_unavailable(client.get(url))
        assert_unavailable(client.get("/?zip=60601"), html=True)
    assert (
        "store unavailable" in caplog.text or "readiness check failed" in caplog.text
    )  # and the log says why
    assert client.get("/healthz").status_code == 200  # the process is fine

    path.unlink()  # the operator puts the database back; no restart
    build_api_store(path)
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["listings"] > 10
    assert client.get("/api/v1/programs?zip=60601").get_json()["total"] > 0
    assert client.get("/api/v1/meta").status_code == 200


def test_a_store_lost_after_start_up_is_503_and_recovers(tmp_path):
    """The database file disappears under a running service (a directory takes its place), then comes back."""
    from search_api import create_app

    path = build_api_store(tmp_path / "programs.db")
    app = create_app(
        {"TESTING": True, "PROGRAMS_STORE": f"sqlite:///{path}", "SEARCH_CACHE_SECONDS": 0}
    )
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    app.extensions[
        "programs_store"
    ].close()  # as a new worker would: it opens the store on first use
    saved = tmp_path / "saved"
    saved.mkdir()
    for f in tmp_path.glob("programs.db*"):
        f.rename(saved / f.name)
    path.mkdir()
    for url in OUTAGE_PATHS:
        assert_unavailable(client.get(url))
    path.rmdir()
    for f in saved.iterdir():
        f.rename(tmp_path / f.name)
    assert client.get("/readyz").status_code == 200
    assert client.get("/api/v1/programs?zip=60601").status_code == 200


# ------------------------------------------------------------------------------------------ Elasticsearch
class FakeElasticsearch:
    """Just enough of Elasticsearch for /readyz: its version, index checks and a count."""

    def __init__(self, port: int):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path = self.path.split("?")[0]
                if path == "/":  # the store checks the server's version on first use
                    status, body = 200, {"version": {"number": "9.1.5"}}
                elif path == "/_cluster/health":
                    status, body = 200, {"status": "green"}
                elif path.endswith("/_count"):
                    status, body = 200, {"count": 7}
                elif self.command == "HEAD":
                    status, body = 200, None
                else:
                    status, body = 404, {"error": "not in this stand-in"}
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_HEAD = do_POST = do_PUT = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_elasticsearch_at_a_closed_port_is_503_then_recovers(caplog):
    from search_api import create_app

    port = free_port()
    app = create_app(
        {
            "TESTING": True,
            "PROGRAMS_STORE": f"http://elastic:{PASSWORD}@127.0.0.1:{port}",
            "SEARCH_CACHE_SECONDS": 0,
        }
    )
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        for url in OUTAGE_PATHS:
            started = time.monotonic()
            assert_unavailable(client.get(url))
            assert time.monotonic() - started < 10  # refused at once, not after long timeouts
        assert_unavailable(client.get("/?zip=60601"), html=True)
    assert PASSWORD not in caplog.text
    assert "127.0.0.1" in caplog.text  # the log says which store, without the password

    with FakeElasticsearch(port):  # Elasticsearch is back on the same port
        deadline = time.monotonic() + 15
        while (resp := client.get("/readyz")).status_code != 200:
            assert time.monotonic() < deadline, resp.get_data(as_text=True)
            time.sleep(0.25)
        assert resp.get_json() == {"status": "ready", "store": "elasticsearch", "listings": 7}


# ---------------------------------------------------------------------------------------------- crawler
@pytest.mark.slow
def test_a_crawl_whose_store_breaks_half_way(sample_crawl, sample_server, tmp_path):
    url = copy_store(sample_crawl["db"], tmp_path / "programs.db")
    store = open_store(url)
    before = all_docs(store)
    ipeds_ids = {k for k, d in before.items() if any(s["source"] == "ipeds" for s in d["sources"])}
    batch, retries = 200, 3
    result = crawl(
        "ipeds",
        store_url=url,
        sample_url=sample_server.base_url,
        log_dir=tmp_path / "logs",
        extra=[
            "--run-id",
            "breaks0123456789",
            "-s",
            f"STORE_BATCH_SIZE={batch}",
            "-s",
            "STORE_BREAKS_AFTER=100",
            "-s",
            f"STORE_WRITE_RETRIES={retries}",
            "-s",
            "ITEM_PIPELINES=" + pipelines_with({"tests.crawl_helpers.BreakingStorePipeline": 950}),
        ],
    )
    # loud: exit status 1, errors on the console and in the log, one per attempt
    assert result.code == 1
    assert "Traceback" not in result.stderr
    log = result.log_text()
    failing_batches = math.ceil((len(ipeds_ids) - batch) / batch)
    assert log.count("store write failed (attempt 1 of 3)") == failing_batches
    assert log.count("store write failed (attempt 3 of 3)") == failing_batches
    assert "store write failed" in result.stderr
    assert result.stats()["programs/store/write_errors"] == retries * failing_batches
    # recorded as failed, with the count of what could not be written
    run = store.get_run("breaks0123456789")
    unwritten = len(ipeds_ids) - batch
    assert run.status == "failed" and run.items_removed == 0
    assert run.dropped_reasons["store_write_failed"] == unwritten
    assert (
        run.finish_reason == f"store writes failed: {unwritten} listing(s) not written; see the log"
    )
    # nothing swept, nothing damaged: the listings it could not write keep the previous run's contribution
    after = all_docs(store)
    assert set(after) == set(before)
    assert {k: d["status"] for k, d in after.items()} == {k: d["status"] for k, d in before.items()}
    written = {k for k, d in after.items() if any(s["run_id"] == run.id for s in d["sources"])}
    assert len(written) == batch
    assert all(after[k] == before[k] for k in set(before) - written)
    assert store.integrity_check() == "ok"


@pytest.mark.parametrize("kind", ["elasticsearch", "sqlite-directory"])
def test_a_crawl_into_a_store_that_cannot_be_reached(sample_server, tmp_path, kind):
    if kind == "elasticsearch":
        store_url = f"http://elastic:{PASSWORD}@127.0.0.1:{free_port()}"
    else:
        (tmp_path / "programs.db").mkdir()
        store_url = f"sqlite:///{tmp_path}/programs.db"
    started = time.monotonic()
    result = crawl(
        "ipeds", store_url=store_url, sample_url=sample_server.base_url, log_dir=tmp_path / "logs"
    )
    assert time.monotonic() - started < 30
    assert result.code == 1
    lines = result.stderr.strip().splitlines()
    assert (
        len(lines) == 1
        and lines[0].startswith("programs crawl: ")
        and lines[0].endswith("nothing was crawled")
    )
    assert "cannot be" in lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert not list((tmp_path / "logs").glob("*.log"))  # no crawl started
