"""The Elasticsearch backend over real HTTP against a scripted server on 127.0.0.1.

The real client and its urllib3 transport talk to :class:`ScriptedServer`, which answers each
request from a function: a status and a body, or "hang" (accept the request and never answer).
So the timeouts, retries and status handling are the client's own, as in production.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from programs.errors import StoreError, StoreUnavailable
from programs.query import SearchQuery
from programs.store import elasticsearch as es
from programs.store import open_store

HANG = "hang"
Answer = tuple[int, Any] | str
INFO_9 = (200, {"version": {"number": "9.1.5"}})
EXISTS = (200, None)


class ScriptedServer:
    def __init__(self, answer: Callable[[str, str], Answer]):
        self.answer = answer
        self.requests: list[tuple[str, str]] = []
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path = self.path.split("?")[0]
                outer.requests.append((self.command, path))
                answer = outer.answer(self.command, path)
                if answer == HANG:
                    outer.stop.wait(60)
                    self.close_connection = True
                    return
                status, body = answer
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> ScriptedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.requests if r == (method, path))


def error(status: int, kind: str, reason: str = "") -> tuple[int, dict]:
    return status, {"error": {"type": kind, "reason": reason or kind}, "status": status}


def ready_except(path: str, answer: Answer) -> Callable[[str, str], Answer]:
    """A 9.x server whose indices exist, answering ``answer`` at ``path``."""

    def route(method: str, p: str) -> Answer:
        if p == path:
            return answer
        if p == "/":
            return INFO_9
        if method == "HEAD":
            return EXISTS
        return error(400, "not_scripted", f"{method} {p}")

    return route


# ------------------------------------------------------------------ the time budget
def test_the_web_budget_is_below_gunicorns_worker_timeout():
    from gunicorn.config import Config

    import ops.gunicorn_conf as conf

    worker_timeout = getattr(conf, "timeout", Config().timeout)
    assert es.READ_TIMEOUT * es.READ_ATTEMPTS <= 5 < worker_timeout
    store = open_store("http://127.0.0.1:9")
    try:
        client = store.client
        assert client._request_timeout == es.READ_TIMEOUT
        assert client._max_retries + 1 == es.READ_ATTEMPTS and client._retry_on_timeout
        assert store.swap_client._max_retries == 0  # the alias swap is never retried blindly
    finally:
        store.close()


def test_a_hung_server_gives_503_with_retry_after_within_the_budget():
    """The server accepts connections and never answers: /readyz and a search answer 503
    with Retry-After after about READ_TIMEOUT x READ_ATTEMPTS (4 s), not gunicorn's 30 s."""
    from search_api import create_app

    with ScriptedServer(lambda method, path: HANG) as server:
        app = create_app({"TESTING": True, "PROGRAMS_STORE": server.url, "SEARCH_CACHE_SECONDS": 0})
        client = app.test_client()
        for url in ("/readyz", "/api/v1/programs?zip=60601"):
            started = time.monotonic()
            resp = client.get(url)
            took = time.monotonic() - started
            assert resp.status_code == 503, url
            assert resp.headers["Retry-After"].isdigit()
            assert resp.get_json()["type"].endswith("/store-unavailable")
            assert took < 15, f"{url} took {took:.1f} s"  # generous: a busy machine
        assert client.get("/healthz").status_code == 200
        assert len(server.requests) == 2 * es.READ_ATTEMPTS  # one call each, tried twice


def test_a_first_search_on_an_empty_cluster_whose_index_creation_stalls_keeps_the_web_budget():
    """Nothing exists yet and creating an index hangs: the first search creates the indices with
    the web budget (READ_TIMEOUT x READ_ATTEMPTS), not the batch one (30 s x 3), and answers 503
    with Retry-After well before gunicorn's worker timeout."""
    from search_api import create_app

    def route(method: str, path: str) -> Answer:
        if path == "/":
            return INFO_9
        if method == "HEAD":
            return 404, None  # no alias, no index
        if method == "GET" and path.startswith("/programs-listings-v"):
            return 200, {}  # no versioned index
        if method == "PUT":
            return HANG
        return error(400, "not_scripted", f"{method} {path}")

    with ScriptedServer(route) as server:
        app = create_app({"TESTING": True, "PROGRAMS_STORE": server.url, "SEARCH_CACHE_SECONDS": 0})
        started = time.monotonic()
        resp = app.test_client().get("/api/v1/programs?zip=60601")
        took = time.monotonic() - started
        assert resp.status_code == 503 and resp.headers["Retry-After"].isdigit()
        assert server.count("PUT", "/programs-listings-v1") == es.READ_ATTEMPTS
        assert took < 15, f"took {took:.1f} s"  # generous: a busy machine (the budget is 4 s)


def test_batch_callers_create_the_indices_with_the_batch_budget():
    """A crawl's first write may wait for a slow cluster: its creations get the batch client."""
    from tests.es_fake_cluster import FakeCluster
    from tests.test_es_reindex_faults import listings, store_on

    def recording(store):
        used: list = []
        original = store._create_index

        def record(index, config, alias=None, client=None):
            used.append(client)
            return original(index, config, alias=alias, client=client)

        store._create_index = record
        return used

    crawl = store_on(FakeCluster())
    used = recording(crawl)
    crawl.upsert(listings(2), source="ipeds", run_id="r1")
    assert len(used) == 5 and all(client is crawl.batch_client for client in used)
    web = store_on(FakeCluster())
    used = recording(web)
    web.count_active()
    assert len(used) == 5 and all(client is web.client for client in used)


# ------------------------------------------------------------------ statuses
def test_refused_credentials_are_unavailable_and_say_so_without_the_password():
    with ScriptedServer(
        lambda m, p: error(401, "security_exception", "unable to authenticate")
    ) as s:
        store = open_store(s.url.replace("http://", "http://app:pw-s3cret@"))
        with pytest.raises(StoreUnavailable, match="credentials") as err:
            store.count_active()
        assert "pw-s3cret" not in str(err.value)
        store.close()


def test_an_index_only_key_is_ready_and_a_missing_privilege_is_named():
    forbidden = error(
        403, "security_exception", "action [indices:data/read/search] is unauthorized"
    )

    def route(method: str, path: str) -> Answer:
        if path in ("/", "/_cluster/health"):
            return error(403, "security_exception", "cluster:monitor/main is unauthorized")
        if path == "/programs-listings/_count":
            return 200, {"count": 5}
        if path == "/programs-listings/_search":
            return forbidden
        return EXISTS if method == "HEAD" else error(400, "not_scripted")

    with ScriptedServer(route) as s:
        store = open_store(s.url)
        store.ping()
        assert store.count_active() == 5
        with pytest.raises(StoreUnavailable, match="privileges"):
            store.search(SearchQuery(lat=41.9, lon=-87.6))
        assert s.count("GET", "/_cluster/health") == 0
        store.close()


@pytest.mark.parametrize(
    "answer",
    [
        error(429, "es_rejected_execution_exception"),
        error(503, "no_shard_available_action_exception"),
    ],
)
def test_busy_or_failing_is_unavailable_after_the_retry(answer):
    with ScriptedServer(ready_except("/programs-listings/_search", answer)) as s:
        store = open_store(s.url)
        with pytest.raises(StoreUnavailable, match=answer[1]["error"]["type"]):
            store.search(SearchQuery(lat=41.9, lon=-87.6))
        assert s.count("POST", "/programs-listings/_search") == es.READ_ATTEMPTS
        store.close()


def test_a_refused_query_is_a_bug_not_a_retry_later():
    """A 400 (a malformed body) is a 500 for the API, logged, not a 503 'try again'."""
    from search_api import create_app

    refused = error(400, "parsing_exception", "unknown query [nope]")
    with ScriptedServer(ready_except("/programs-listings/_msearch", refused)) as s:
        store = open_store(s.url)
        with pytest.raises(StoreError, match="parsing_exception"):
            store.search_many([SearchQuery(lat=41.9, lon=-87.6)] * 2)
        store.close()
        app = create_app({"TESTING": True, "PROGRAMS_STORE": s.url, "SEARCH_CACHE_SECONDS": 0})
        resp = app.test_client().get("/api/v1/programs?zip=60601")
        assert resp.status_code == 500 and "Retry-After" not in resp.headers
        assert s.count("POST", "/programs-listings/_msearch") == 2  # not retried


# ------------------------------------------------------------------ server version
def test_a_version_8_server_is_refused_at_first_use_naming_its_version():
    def route(method: str, path: str) -> Answer:
        if path == "/":
            return 200, {"version": {"number": "8.15.3"}}
        return EXISTS if method == "HEAD" else (200, {"count": 0})

    with ScriptedServer(route) as s:
        store = open_store(s.url)
        with pytest.raises(StoreError, match=r"version 8\.15\.3.*needs Elasticsearch 9\.x"):
            store.count_active()
        assert s.requests == [("GET", "/")]  # nothing else was sent
        store.close()


def test_an_older_server_refusing_the_9x_headers_is_named_even_without_monitor_privilege():
    refusal = error(
        400,
        "media_type_header_exception",
        "Accept version must be either version 8 or 7, but found 9. "
        "Accept=application/vnd.elasticsearch+json; compatible-with=9",
    )
    with ScriptedServer(lambda m, p: refusal) as s:
        store = open_store(s.url)
        with pytest.raises(StoreError, match="refused the 9.x client's headers.*9\\.x"):
            store.count_active()
        store.close()
