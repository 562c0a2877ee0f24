"""A local stand-in for every source the crawler reads, served on 127.0.0.1.

The tests and ``make run`` point the spiders here so that nothing ever reaches
the internet. The files come from ``tests/fixtures/sources/`` (see the README
files there); stdlib only.

Routes (``BASE`` is ``server.base_url``, e.g. ``http://127.0.0.1:8765``):

* ``BASE/ipeds/<FILE>.zip`` — the IPEDS bulk files (``HD2023.zip``, ``C2023_A.zip``,
  ``C2023DEP.zip``, ``IC2022_PY.zip``); ``BASE/ipeds/`` stands for
  ``https://nces.ed.gov/ipeds/datacenter/data/`` (the longer
  ``BASE/ipeds/datacenter/data/<FILE>.zip`` works too). File names match
  case-insensitively.
* ``BASE/scorecard/v1/schools`` (also ``schools.json``, and the real path
  ``BASE/ed/collegescorecard/v1/schools``) — the College Scorecard API. Needs
  ``api_key=`` or an ``X-Api-Key`` header (missing: 403 ``API_KEY_MISSING``; the
  key ``BAD``: 403 ``API_KEY_INVALID``). ``page`` (0-based) selects
  ``scorecard/schools_p{N}.json``; past the last page the answer is an empty
  ``results`` list. Other query parameters (``fields``, ``per_page``, filters)
  are accepted and ignored: the sample always pages by the ``per_page`` its
  ``metadata`` states. Like the real gateway it misbehaves a little, by
  default: the first authorised GET of page 0 in a server's life answers 429
  with ``Retry-After: 1`` and a JSON error, and the first authorised GET of
  page 1 answers 200 with an HTML error page; retries succeed
  (``scorecard_hiccups=False`` switches this off).
* ``BASE/sites/<host>/<path>`` — the institutions' web sites, from
  ``sites/<host>/<path>``, served raw (links, sitemaps and robots.txt keep the
  real ``https://<host>/...`` URLs; a client maps ``https://<host>/<path>?<q>``
  to ``BASE/sites/<host>/<path>?<q>``). A path ending in ``/`` serves
  ``index.html``; a directory without the slash redirects (301) to the slash;
  a path without an extension also finds ``<path>.html``; a query string
  selects the file ``<path>@<query>.html`` (so ``preview_program.php?catoid=11&poid=388``
  is the file ``preview_program.php@catoid=11&poid=388.html``), else the query
  is ignored. The ``*.expected.json`` label files beside the pages are not served. The request may instead name the host the way a proxy request
  does (absolute URL on the request line, or a ``Host:`` header naming a
  sample host): the site file is then served from the path alone.
* ``BASE/robots.txt`` allows everything; ``BASE/`` describes the routes (JSON);
  anything else is 404. HEAD works wherever GET does.

``faults`` switches on misbehaviour for fault-injection tests (all off by
default): ``500`` (about one page in three under ``/sites/``, chosen by its
address, answers 500 every time; robots.txt never does), ``timeout`` (a path containing ``/slow/`` answers only after 30 s,
without holding up other requests), ``reset`` (a path containing ``/reset/``
closes the connection without a response), ``truncated_zip`` (the IPEDS zips
are cut in half), ``bad_json`` (scorecard page 2 is invalid JSON),
``html_200`` (every scorecard page is an HTML error page with status 200),
``offsite_redirect`` (a site path ending ``/go/elsewhere`` redirects 302 to
``http://example.com/``), ``robots_disallow`` (every robots.txt disallows
everything), ``huge`` (a path ending ``/huge/page.html`` streams 50 MB of HTML).

``server.hits`` counts requests per path (without the query string);
``server.hits_full`` per path with the query string; ``server.requests`` logs
``(method, target, status)``.

CLI: ``python -m devtools.sample_server --port 8765 [--fault 500 ...]`` serves
until killed.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import signal
import socket
import struct
import sys
import threading
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sources"

FAULTS = frozenset(
    {
        "500",
        "timeout",
        "reset",
        "truncated_zip",
        "bad_json",
        "html_200",
        "offsite_redirect",
        "robots_disallow",
        "huge",
    }
)

SLOW_SECONDS = 30.0
HUGE_BYTES = 50 * 1024 * 1024
QUERY_FILE_SEPARATOR = "@"
LABEL_SUFFIX = ".expected.json"

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".php": "text/html",
    ".aspx": "text/html",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".json": "application/json",
    ".css": "text/css",
    ".js": "application/javascript",
    ".zip": "application/zip",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".csv": "text/csv",
}
TEXT_TYPES = (
    "text/",
    "application/xml",
    "application/json",
    "application/javascript",
    "image/svg+xml",
)

ALLOW_ALL_ROBOTS = b"User-agent: *\nAllow: /\n"
DISALLOW_ALL_ROBOTS = b"User-agent: *\nDisallow: /\n"

SCORECARD_PATHS = (
    "/scorecard/v1/schools",
    "/scorecard/v1/schools.json",
    "/ed/collegescorecard/v1/schools",
    "/ed/collegescorecard/v1/schools.json",
)
SCORECARD_HTML_ERROR = b"""<!DOCTYPE html>
<html><head><title>503 Service Temporarily Unavailable</title></head>
<body><h1>Service Temporarily Unavailable</h1>
<p>The server is temporarily unable to service your request due to maintenance downtime or capacity
problems. Please try again later.</p><hr><address>api.data.gov</address></body></html>
"""
SERVER_ERROR_PAGE = b"""<!DOCTYPE html>
<html><head><title>500 Internal Server Error</title></head>
<body><h1>Internal Server Error</h1><p>The server encountered an internal error or misconfiguration
and was unable to complete your request.</p></body></html>
"""
NOT_FOUND_PAGE = b"""<!DOCTYPE html>
<html><head><title>404 Not Found</title></head>
<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>
"""


def content_type_for(path: Path | str, body: bytes | None = None) -> str:
    """The Content-Type for a file: from its extension; text types get ``charset=utf-8``
    when the bytes are UTF-8 (otherwise no charset, so that a page's own
    ``<meta charset>`` decides)."""
    suffix = posixpath.splitext(str(path))[1].lower()
    ctype = CONTENT_TYPES.get(suffix, "application/octet-stream")
    if ctype.startswith(TEXT_TYPES) and body is not None:
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return ctype
        return ctype + "; charset=utf-8"
    return ctype


def site_file_for(site_dir: Path, path: str, query: str = "") -> tuple[str, Path | str | None]:
    """Map a site-relative URL path (+ query string) to a file under ``site_dir``.

    Returns ``("file", Path)``, ``("redirect", new_path)`` for a directory asked
    for without its trailing slash, or ``("missing", None)``.
    """
    rel = path.lstrip("/")
    if rel.endswith("/") or rel == "":
        rel += "index.html"
    candidates: list[str] = []
    if query:
        candidates.append(f"{rel}{QUERY_FILE_SEPARATOR}{query}.html")
        candidates.append(f"{rel}{QUERY_FILE_SEPARATOR}{query}")
        ordered = "&".join(sorted(query.split("&")))
        if ordered != query:
            candidates.append(f"{rel}{QUERY_FILE_SEPARATOR}{ordered}.html")
    candidates.append(rel)
    if not posixpath.splitext(rel)[1]:
        candidates.append(rel + ".html")
    root = site_dir.resolve()
    for candidate in candidates:
        target = (site_dir / candidate).resolve()
        if root != target and root not in target.parents:
            return "missing", None
        if target.is_file():
            return "file", target
        if target.is_dir() and (target / "index.html").is_file():
            return "redirect", "/" + rel + "/"
    return "missing", None


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def handle_error(
        self, request, client_address
    ):  # quiet: clients hang up, tests reset connections
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, OSError)):
            return
        super().handle_error(request, client_address)


class SampleServer:
    """Serves ``root`` (default ``tests/fixtures/sources``) on ``host:port`` in a daemon thread."""

    def __init__(
        self,
        root: Path | str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: set[str] | frozenset[str] | None = None,
        scorecard_hiccups: bool = True,
    ):
        self.root = Path(root) if root is not None else DEFAULT_ROOT
        self.host = host
        self.port = port
        faults = set(faults or ())
        unknown = faults - FAULTS
        if unknown:
            raise ValueError(f"unknown fault(s) {sorted(unknown)}; known: {sorted(FAULTS)}")
        self.faults = frozenset(faults)
        self.scorecard_hiccups = scorecard_hiccups
        self.hits: Counter[str] = Counter()
        self.hits_full: Counter[str] = Counter()
        self.requests: list[tuple[str, str, int]] = []
        self._scorecard_gets: Counter[int] = Counter()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._site_hosts: frozenset[str] | None = None

    # ------------------------------------------------------------ lifecycle
    def start(self) -> SampleServer:
        if self._httpd is not None:
            return self
        server = self

        class Handler(_Handler):
            sample = server

        self._stopping.clear()
        self._httpd = _HTTPServer((self.host, self.port), Handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sample-server-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()  # wakes sleeping "slow" handlers and ends "huge" streams
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> SampleServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._httpd is not None

    # ----------------------------------------------------------------- URLs
    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ipeds_base_url(self) -> str:
        return f"{self.base_url}/ipeds/"

    @property
    def scorecard_base_url(self) -> str:
        """Stands for ``https://api.data.gov/ed/collegescorecard/v1/`` (append ``schools``)."""
        return f"{self.base_url}/scorecard/v1/"

    @property
    def sites_base_url(self) -> str:
        return f"{self.base_url}/sites"

    def site_url(self, url_or_host: str, path: str = "/") -> str:
        """The local URL for a real site URL (``https://host/path?q``) or for ``host`` + ``path``."""
        if "://" in url_or_host:
            parts = urlsplit(url_or_host)
            host, path = (
                parts.hostname or "",
                (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
            )
        else:
            host = url_or_host
        return f"{self.sites_base_url}/{host}{path if path.startswith('/') else '/' + path}"

    @property
    def site_hosts(self) -> frozenset[str]:
        if self._site_hosts is None:
            sites = self.root / "sites"
            self._site_hosts = (
                frozenset(p.name.lower() for p in sites.iterdir() if p.is_dir())
                if sites.is_dir()
                else frozenset()
            )
        return self._site_hosts

    def reset_counters(self) -> None:
        with self._lock:
            self.hits.clear()
            self.hits_full.clear()
            self.requests.clear()
            self._scorecard_gets.clear()

    # -------------------------------------------------------------- helpers
    def _record(self, method: str, target: str, status: int) -> None:
        path = target.split("?", 1)[0]
        with self._lock:
            self.hits[path] += 1
            self.hits_full[target] += 1
            self.requests.append((method, target, status))

    def _next_scorecard_get(self, page: int) -> int:
        with self._lock:
            self._scorecard_gets[page] += 1
            return self._scorecard_gets[page]


def always_fails(host: str, path: str) -> bool:
    """Under the ``500`` fault, about one page in three answers 500 on every request.

    Chosen by the page's address, not by a request counter, so which pages fail (and so whether a
    retry can rescue one) does not depend on the order concurrent requests arrive in.
    """
    return zlib.crc32(f"{host}{path}".encode()) % 3 == 0


class _Handler(BaseHTTPRequestHandler):
    sample: SampleServer  # set on the per-server subclass
    protocol_version = "HTTP/1.1"
    server_version = "SampleSources/1.0"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - keep test output clean
        pass

    def do_GET(self):
        self._dispatch(head=False)

    def do_HEAD(self):
        self._dispatch(head=True)

    # ------------------------------------------------------------- dispatch
    def _dispatch(self, head: bool) -> None:
        target = self.path
        vhost = None
        if target.startswith(("http://", "https://")):  # absolute form, as sent to a proxy
            parts = urlsplit(target)
            vhost = (parts.hostname or "").lower()
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        else:
            host_header = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
            if host_header in self.sample.site_hosts:
                vhost = host_header
        raw_path, _, query = target.partition("?")
        path = unquote(raw_path)
        self._status = 0
        self._head = head
        self._target, self._vhost, self._recorded = target, vhost, False
        try:
            if vhost is not None and vhost in self.sample.site_hosts:
                self._serve_site(vhost, path, query, record_as=f"/sites/{vhost}{target}")
                return
            if vhost is not None:
                self._send(404, NOT_FOUND_PAGE, "text/html; charset=utf-8")
            elif path in ("/", "/index.json"):
                self._serve_index()
            elif path == "/robots.txt":
                faulty = "robots_disallow" in self.sample.faults
                self._send(
                    200,
                    DISALLOW_ALL_ROBOTS if faulty else ALLOW_ALL_ROBOTS,
                    "text/plain; charset=utf-8",
                )
            elif path.startswith("/ipeds/"):
                self._serve_ipeds(path)
            elif path in SCORECARD_PATHS:
                self._serve_scorecard(query)
            elif path.startswith("/sites/"):
                host, _, rest = path[len("/sites/") :].partition("/")
                host = host.lower()
                if host not in self.sample.site_hosts:
                    self._send(404, NOT_FOUND_PAGE, "text/html; charset=utf-8")
                elif not rest and not path.endswith("/"):
                    self._redirect(301, f"/sites/{host}/")
                else:
                    self._serve_site(host, "/" + rest, query)
            else:
                self._send(404, NOT_FOUND_PAGE, "text/html; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            if self._status and not self._recorded:
                self._record_hit()

    # ---------------------------------------------------------------- routes
    def _serve_index(self) -> None:
        s = self.sample
        body = {
            "ipeds": s.ipeds_base_url,
            "scorecard": s.scorecard_base_url + "schools",
            "sites": s.sites_base_url + "/<host>/<path>",
            "site_hosts": sorted(s.site_hosts),
            "faults": sorted(s.faults),
        }
        self._send(200, json.dumps(body, indent=2).encode(), "application/json")

    def _serve_ipeds(self, path: str) -> None:
        name = posixpath.basename(path)
        folder = self.sample.root / "ipeds"
        match = None
        if name and folder.is_dir():
            for candidate in folder.iterdir():
                if candidate.is_file() and candidate.name.lower() == name.lower():
                    match = candidate
                    break
        if match is None or not name.lower().endswith(".zip"):
            self._send(404, NOT_FOUND_PAGE, "text/html; charset=utf-8")
            return
        body = match.read_bytes()
        if "truncated_zip" in self.sample.faults:
            body = body[: len(body) // 2]
        self._send(
            200,
            body,
            "application/zip",
            extra={"Content-Disposition": f'attachment; filename="{match.name}"'},
        )

    def _scorecard_error(self, status: int, code: str, message: str) -> None:
        self._send(
            status,
            json.dumps({"error": {"code": code, "message": message}}).encode(),
            "application/json",
        )

    def _serve_scorecard(self, query: str) -> None:
        s = self.sample
        params = parse_qs(query, keep_blank_values=True)
        key = (params.get("api_key") or [""])[0] or self.headers.get("X-Api-Key") or ""
        if not key:
            self._scorecard_error(
                403,
                "API_KEY_MISSING",
                "No api_key was supplied. Get one at https://api.data.gov:443",
            )
            return
        if key == "BAD":
            self._scorecard_error(
                403,
                "API_KEY_INVALID",
                "An invalid api_key was supplied. Get one at https://api.data.gov:443",
            )
            return
        page_text = (params.get("page") or ["0"])[0].strip() or "0"
        try:
            page = int(page_text)
            if page < 0:
                raise ValueError(page_text)
        except ValueError:
            body = {
                "errors": [
                    {
                        "error": "parameter_type_error",
                        "input": page_text,
                        "message": f"The parameter 'page' expects a non-negative integer, got '{page_text}'.",
                    }
                ]
            }
            self._send(400, json.dumps(body).encode(), "application/json")
            return
        nth = 0 if self._head else s._next_scorecard_get(page)
        if "html_200" in s.faults:
            self._send(200, SCORECARD_HTML_ERROR, "text/html; charset=utf-8")
            return
        if s.scorecard_hiccups and nth == 1 and page == 0:
            self._send(
                429,
                json.dumps(
                    {
                        "error": {
                            "code": "OVER_RATE_LIMIT",
                            "message": "You have exceeded your rate limit. Try again later or contact us at "
                            "https://api.data.gov:443/contact/ for assistance",
                        }
                    }
                ).encode(),
                "application/json",
                extra={"Retry-After": "1"},
            )
            return
        if s.scorecard_hiccups and nth == 1 and page == 1:
            self._send(200, SCORECARD_HTML_ERROR, "text/html; charset=utf-8")
            return
        folder = s.root / "scorecard"
        page_file = folder / f"schools_p{page}.json"
        if "bad_json" in s.faults and page == 2:
            body = (
                page_file.read_bytes()
                if page_file.is_file()
                else b'{"metadata": {"page": 2}, "results": ['
            )
            self._send(200, body[: max(1, len(body) // 3)] + b',,"\x00', "application/json")
            return
        if page_file.is_file():
            self._send(200, page_file.read_bytes(), "application/json")
            return
        first = folder / "schools_p0.json"
        metadata = {"total": 0, "page": page, "per_page": 20}
        if first.is_file():
            try:
                meta0 = json.loads(first.read_bytes()).get("metadata", {})
                metadata.update(total=meta0.get("total", 0), per_page=meta0.get("per_page", 20))
            except (ValueError, AttributeError):
                pass
        self._send(
            200, json.dumps({"metadata": metadata, "results": []}).encode(), "application/json"
        )

    def _serve_site(self, host: str, path: str, query: str, record_as: str | None = None) -> None:
        s = self.sample
        faults = s.faults
        is_robots = path == "/robots.txt"
        if is_robots and "robots_disallow" in faults:
            self._send(200, DISALLOW_ALL_ROBOTS, "text/plain; charset=utf-8")
            return
        if "reset" in faults and "/reset/" in path:
            self._reset_connection()
            return
        if "timeout" in faults and "/slow/" in path:
            if s._stopping.wait(SLOW_SECONDS):
                self.close_connection = True
                return
        if "offsite_redirect" in faults and path.rstrip("/").endswith("/go/elsewhere"):
            self._redirect(302, "http://example.com/")
            return
        if "huge" in faults and path.endswith("/huge/page.html"):
            self._stream_huge()
            return
        if "500" in faults and not is_robots and always_fails(host, path):
            self._send(500, SERVER_ERROR_PAGE, "text/html; charset=utf-8")
            return
        if path.endswith(LABEL_SUFFIX):  # the labelled truth beside a page is not part of the site
            self._send(404, NOT_FOUND_PAGE, "text/html; charset=utf-8")
            return
        kind, found = site_file_for(s.root / "sites" / host, path, query)
        if kind == "redirect":
            self._redirect(301, found if record_as else f"/sites/{host}{found}")
            return
        if kind == "missing":
            self._send(404, NOT_FOUND_PAGE, "text/html; charset=utf-8")
            return
        body = Path(found).read_bytes()
        self._send(200, body, content_type_for(found, body))

    # ------------------------------------------------------------ low level
    def _record_hit(self) -> None:
        """Count the request before its answer goes out, so a client that has the answer sees the count."""
        self._recorded = True
        self.sample._record(
            self.command,
            self._target if self._vhost is None else f"/sites/{self._vhost}{self._target}",
            self._status,
        )

    def _send(
        self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None
    ) -> None:
        self._status = status
        self._record_hit()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not self._head:
            self.wfile.write(body)

    def _redirect(self, status: int, location: str) -> None:
        self._send(status, b"", "text/html; charset=utf-8", extra={"Location": location})

    def _reset_connection(self) -> None:
        self._status = -1  # logged as "no response"
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        try:
            self.connection.close()
        except OSError:
            pass

    def _stream_huge(self) -> None:
        self._status = 200
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        if self._head:
            return
        head = b"<!DOCTYPE html><html><head><title>Archive</title></head><body>\n"
        line = b"<p>Medical billing and coding news archive, page filler for a very large document.</p>\n"
        chunk = (line * (65536 // len(line) + 1))[:65536]
        sent = 0
        self.wfile.write(head)
        sent += len(head)
        while sent < HUGE_BYTES and not self.sample._stopping.is_set():
            piece = chunk[: HUGE_BYTES - sent]
            self.wfile.write(piece)
            sent += len(piece)
        self.close_connection = True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.sample_server",
        description="Serve the sample IPEDS, Scorecard and institution sites locally.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)"
    )
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the sources folder")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        choices=sorted(FAULTS),
        help="switch on a misbehaviour (repeatable)",
    )
    parser.add_argument(
        "--no-hiccups",
        action="store_true",
        help="no 429 / HTML answer on the first Scorecard requests",
    )
    args = parser.parse_args(argv)
    server = SampleServer(
        args.root,
        host=args.host,
        port=args.port,
        faults=set(args.fault),
        scorecard_hiccups=not args.no_hiccups,
    ).start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print(
        f"Serving sample sources on {server.base_url}  (IPEDS {server.ipeds_base_url}, "
        f"Scorecard {server.scorecard_base_url}schools, sites {server.sites_base_url}/<host>/)",
        flush=True,
    )
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
