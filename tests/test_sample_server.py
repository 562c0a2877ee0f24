"""The local sample-source server: routes, the Scorecard hiccups, API keys, and every fault switch."""

from __future__ import annotations

import http.client
import io
import json
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from devtools.sample_server import FAULTS, SampleServer, site_file_for

ROOT = Path(__file__).resolve().parent / "fixtures" / "sources"
IPEDS_FILES = ["HD2023.zip", "C2023_A.zip", "C2023DEP.zip", "IC2022_PY.zip"]
KEY = {"X-Api-Key": "test-key"}


def request(
    server: SampleServer,
    path: str,
    method: str = "GET",
    headers: dict | None = None,
    timeout: float = 10,
):
    """(status, headers, body) without following redirects."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


@pytest.fixture(scope="module")
def server():
    with SampleServer(ROOT) as s:
        yield s


@pytest.fixture
def fresh():
    """A server of its own (the Scorecard hiccups happen once per server life)."""
    with SampleServer(ROOT) as s:
        yield s


# ------------------------------------------------------------------------------------------- lifecycle
def test_start_stop_on_an_ephemeral_port():
    s = SampleServer(ROOT, port=0)
    assert not s.running
    s.start()
    try:
        assert s.running and s.port > 0
        assert s.base_url == f"http://127.0.0.1:{s.port}"
        status, _, body = request(s, "/")
        assert status == 200 and "site_hosts" in json.loads(body)
    finally:
        s.stop()
    assert not s.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", s.port), timeout=1).close()
    s.stop()  # idempotent


def test_context_manager_and_urls():
    with SampleServer(ROOT) as s:
        assert s.ipeds_base_url == s.base_url + "/ipeds/"
        assert s.scorecard_base_url == s.base_url + "/scorecard/v1/"
        assert (
            s.site_url("https://www.lakeshorecc.edu/academics/?x=1")
            == s.base_url + "/sites/www.lakeshorecc.edu/academics/?x=1"
        )
        assert (
            s.site_url("www.lakeshorecc.edu", "robots.txt")
            == s.base_url + "/sites/www.lakeshorecc.edu/robots.txt"
        )
        assert "www.lakeshorecc.edu" in s.site_hosts
    assert not s.running


def test_binds_loopback_only():
    with SampleServer(ROOT) as s:
        assert s._httpd.socket.getsockname()[0] == "127.0.0.1"
        other = _non_loopback_address()
        if other:
            with pytest.raises(OSError):
                socket.create_connection((other, s.port), timeout=1).close()


def _non_loopback_address() -> str | None:
    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.connect(("10.255.255.255", 1))  # no packet is sent for UDP connect
        address = probe.getsockname()[0]
        probe.close()
    except OSError:
        return None
    return None if address.startswith("127.") else address


def test_unknown_fault_is_refused():
    with pytest.raises(ValueError, match="unknown fault"):
        SampleServer(ROOT, faults={"explode"})


# ------------------------------------------------------------------------------------------- IPEDS
@pytest.mark.parametrize("name", IPEDS_FILES)
def test_ipeds_zips(server, name):
    status, headers, body = request(server, f"/ipeds/{name}")
    assert status == 200
    assert headers["content-type"] == "application/zip"
    assert int(headers["content-length"]) == len(body) == (ROOT / "ipeds" / name).stat().st_size
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None


def test_ipeds_aliases_case_and_404(server):
    assert request(server, "/ipeds/datacenter/data/HD2023.zip")[0] == 200
    assert request(server, "/ipeds/hd2023.zip")[0] == 200
    assert request(server, "/ipeds/HD1999.zip")[0] == 404
    assert request(server, "/ipeds/EXPECTED.json")[0] == 404


def test_head_sends_headers_only(server):
    status, headers, body = request(server, "/ipeds/HD2023.zip", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["content-length"]) == (ROOT / "ipeds" / "HD2023.zip").stat().st_size
    status, headers, body = request(server, "/sites/www.lakeshorecc.edu/", method="HEAD")
    assert status == 200 and body == b"" and headers["content-type"].startswith("text/html")


# ------------------------------------------------------------------------------------------- Scorecard
def test_scorecard_needs_an_api_key(server):
    status, headers, body = request(server, "/scorecard/v1/schools?page=3")
    assert status == 403 and headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "API_KEY_MISSING"
    status, _, body = request(server, "/scorecard/v1/schools?page=3&api_key=BAD")
    assert status == 403 and json.loads(body)["error"]["code"] == "API_KEY_INVALID"
    status, _, body = request(server, "/scorecard/v1/schools?page=3", headers={"X-Api-Key": "BAD"})
    assert status == 403 and json.loads(body)["error"]["code"] == "API_KEY_INVALID"


def test_scorecard_first_page0_is_429_then_json(fresh):
    status, headers, body = request(fresh, "/scorecard/v1/schools?api_key=k&page=0&per_page=100")
    assert status == 429
    assert headers["retry-after"] == "1"
    assert json.loads(body)["error"]["code"] == "OVER_RATE_LIMIT"
    status, headers, body = request(fresh, "/scorecard/v1/schools?api_key=k&page=0&per_page=100")
    assert status == 200 and headers["content-type"] == "application/json"
    data = json.loads(body)
    assert (
        data["metadata"]["page"] == 0 and len(data["results"]) == data["metadata"]["per_page"] == 20
    )
    assert fresh.hits["/scorecard/v1/schools"] == 2


def test_scorecard_first_page1_is_html_then_json(fresh):
    status, headers, body = request(fresh, "/scorecard/v1/schools.json?page=1", headers=KEY)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"<html" in body.lower()
    status, headers, body = request(fresh, "/scorecard/v1/schools.json?page=1", headers=KEY)
    assert status == 200 and headers["content-type"] == "application/json"
    assert json.loads(body)["metadata"]["page"] == 1


def test_scorecard_key_errors_do_not_use_up_the_hiccup(fresh):
    assert request(fresh, "/scorecard/v1/schools?page=0")[0] == 403
    assert request(fresh, "/scorecard/v1/schools?page=0", headers=KEY)[0] == 429


def test_scorecard_pages_and_past_the_end():
    expected = json.loads((ROOT / "scorecard" / "EXPECTED.json").read_text())
    with SampleServer(ROOT, scorecard_hiccups=False) as s:
        seen = []
        for page in range(expected["pages"]):
            status, _, body = request(
                s, f"/ed/collegescorecard/v1/schools?page={page}", headers=KEY
            )
            assert status == 200
            seen += [r["id"] for r in json.loads(body)["results"]]
        assert len(seen) == len(set(seen)) == expected["total"]
        status, _, body = request(s, f"/scorecard/v1/schools?page={expected['pages']}", headers=KEY)
        data = json.loads(body)
        assert status == 200 and data["results"] == []
        assert data["metadata"] == {
            "total": expected["total"],
            "page": expected["pages"],
            "per_page": 20,
        }
        status, _, body = request(s, "/scorecard/v1/schools?page=abc", headers=KEY)
        assert status == 400 and json.loads(body)["errors"][0]["error"] == "parameter_type_error"


# ------------------------------------------------------------------------------------------- sites
def test_site_pages_and_content_types(server):
    status, headers, body = request(server, "/sites/www.lakeshorecc.edu/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert b"Lakeshore Community College" in body
    status, headers, body = request(server, "/sites/www.lakeshorecc.edu/robots.txt")
    assert (
        status == 200 and headers["content-type"].startswith("text/plain") and b"User-agent" in body
    )
    status, headers, body = request(server, "/sites/www.lakeshorecc.edu/sitemap.xml")
    assert status == 200 and headers["content-type"].startswith("application/xml")
    assert b"https://www.lakeshorecc.edu/" in body  # served raw: real URLs
    status, _, body = request(server, "/sites/www.knikcareer.edu/programs/medical-coding.htm")
    assert status == 200 and b"32 weeks" in body


def test_site_directory_redirects_and_extensionless(server):
    status, headers, _ = request(server, "/sites/www.lakeshorecc.edu/academics")
    assert status == 301 and headers["location"] == "/sites/www.lakeshorecc.edu/academics/"
    status, headers, _ = request(server, "/sites/www.lakeshorecc.edu")
    assert status == 301 and headers["location"] == "/sites/www.lakeshorecc.edu/"
    status, _, body = request(
        server, "/sites/www.midwayhealthcareers.edu/programs/medical-billing-and-coding"
    )
    assert status == 200 and b"720-clock-hour" in body


def test_site_query_string_maps_to_a_file(server):
    status, _, body = request(
        server, "/sites/www.desplainesvalley.edu/preview_program.php?catoid=11&poid=388"
    )
    assert status == 200 and b"Medical Coding Specialist Certificate" in body
    status, _, other = request(
        server, "/sites/www.desplainesvalley.edu/preview_program.php?catoid=11&poid=391"
    )
    assert status == 200 and b"Health Information Technology" in other and other != body
    # parameters in another order find the same file; an unknown query on a plain page is ignored
    assert (
        request(server, "/sites/www.desplainesvalley.edu/preview_program.php?poid=388&catoid=11")[2]
        == body
    )
    status, _, page = request(server, "/sites/www.lakeshorecc.edu/academics/?utm_source=newsletter")
    assert status == 200 and b"Health Sciences" in page
    assert (
        request(
            server, "/sites/www.desplainesvalley.edu/preview_program.php?catoid=11&poid=999999"
        )[0]
        == 404
    )


def test_site_404s(server):
    assert request(server, "/sites/www.no-such-college.edu/")[0] == 404
    assert request(server, "/sites/www.lakeshorecc.edu/no/such/page.html")[0] == 404
    assert request(server, "/sites/www.lakeshorecc.edu/../../ipeds/EXPECTED.json")[0] == 404
    assert request(server, "/sites/www.lakeshorecc.edu/%2e%2e/%2e%2e/ipeds/EXPECTED.json")[0] == 404
    label = "/sites/www.lakeshorecc.edu/academics/health-sciences/medical-billing-coding-certificate.expected.json"
    assert (ROOT / label.lstrip("/")).is_file()
    assert request(server, label)[0] == 404  # the labels are not part of the site
    assert request(server, "/nothing-here")[0] == 404


def test_root_robots_allows_everything(server):
    status, _, body = request(server, "/robots.txt")
    assert status == 200 and b"Allow: /" in body and b"Disallow: /" not in body


def test_proxy_style_requests(server):
    """A request naming the site host (Host header, or an absolute URL as sent to a proxy) is served too."""
    status, _, body = request(server, "/academics/", headers={"Host": "www.lakeshorecc.edu"})
    assert status == 200 and b"Health Sciences" in body
    status, _, body = request(server, "http://www.lakeshorecc.edu/robots.txt")
    assert status == 200 and b"Sitemap: https://www.lakeshorecc.edu/sitemap.xml" in body
    assert request(server, "http://www.not-a-sample.edu/")[0] == 404


def test_hits_are_counted_per_path():
    with SampleServer(ROOT) as s:
        for _ in range(3):
            request(s, "/sites/www.lakeshorecc.edu/robots.txt")
        request(s, "/sites/www.desplainesvalley.edu/preview_program.php?catoid=11&poid=388")
        assert s.hits["/sites/www.lakeshorecc.edu/robots.txt"] == 3
        assert s.hits["/sites/www.desplainesvalley.edu/preview_program.php"] == 1
        assert (
            s.hits_full["/sites/www.desplainesvalley.edu/preview_program.php?catoid=11&poid=388"]
            == 1
        )
        assert ("GET", "/sites/www.lakeshorecc.edu/robots.txt", 200) in s.requests
        s.reset_counters()
        assert not s.hits and not s.requests


def test_site_file_mapping_function(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("x")
    (tmp_path / "p.html").write_text("x")
    (tmp_path / "q.php@x=1&y=2.html").write_text("x")
    assert site_file_for(tmp_path, "/a/") == ("file", (tmp_path / "a" / "index.html").resolve())
    assert site_file_for(tmp_path, "/a") == ("redirect", "/a/")
    assert site_file_for(tmp_path, "/p") == ("file", (tmp_path / "p.html").resolve())
    assert site_file_for(tmp_path, "/q.php", "y=2&x=1")[0] == "file"
    assert site_file_for(tmp_path, "/../etc/passwd") == ("missing", None)


# ------------------------------------------------------------------------------------------- faults
def test_every_fault_is_known():
    assert FAULTS == {
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


def test_fault_500_fails_the_same_pages_every_time():
    site = ROOT / "sites" / "www.lakeshorecc.edu"
    paths = ["/"] + sorted(f"/{p.relative_to(site).as_posix()}" for p in site.rglob("*.html"))
    with SampleServer(ROOT, faults={"500"}) as s:
        first = {p: request(s, f"/sites/www.lakeshorecc.edu{p}")[0] for p in paths}
        again = {p: request(s, f"/sites/www.lakeshorecc.edu{p}")[0] for p in reversed(paths)}
        assert first == again  # a page that failed fails again, whatever the order of requests
        assert 500 in first.values() and 200 in first.values()
        assert all(request(s, "/sites/www.lakeshorecc.edu/robots.txt")[0] == 200 for _ in range(4))
        assert request(s, "/ipeds/HD2023.zip")[0] == 200


def test_fault_timeout_does_not_block_other_requests():
    with SampleServer(ROOT, faults={"timeout"}) as s:
        outcome = {}

        def slow():
            try:
                outcome["slow"] = request(
                    s, "/sites/www.buckeyetech.edu/news/slow/archive.html", timeout=60
                )[0]
            except (OSError, http.client.HTTPException) as exc:
                outcome["slow"] = type(exc).__name__

        worker = threading.Thread(target=slow, daemon=True)
        worker.start()
        time.sleep(0.3)
        started = time.monotonic()
        assert request(s, "/sites/www.buckeyetech.edu/", timeout=5)[0] == 200
        assert time.monotonic() - started < 2
        assert "slow" not in outcome  # still waiting
        with pytest.raises(socket.timeout):
            request(s, "/sites/www.buckeyetech.edu/news/slow/archive.html", timeout=1)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 5  # stopping wakes the sleeping handlers
    worker.join(timeout=5)
    assert outcome["slow"] != 200


def test_fault_timeout_off_serves_the_page(server):
    assert request(server, "/sites/www.buckeyetech.edu/news/slow/archive.html")[0] == 200


def test_fault_reset_closes_without_a_response():
    with SampleServer(ROOT, faults={"reset"}) as s:
        with pytest.raises((ConnectionError, http.client.HTTPException)):
            request(s, "/sites/www.redrivertech.edu/reset/calendar.html")
        assert request(s, "/sites/www.redrivertech.edu/")[0] == 200


def test_fault_truncated_zip():
    with SampleServer(ROOT, faults={"truncated_zip"}) as s:
        status, headers, body = request(s, "/ipeds/HD2023.zip")
        assert status == 200 and len(body) == (ROOT / "ipeds" / "HD2023.zip").stat().st_size // 2
        with pytest.raises(zipfile.BadZipFile):
            zipfile.ZipFile(io.BytesIO(body))


def test_fault_bad_json():
    with SampleServer(ROOT, faults={"bad_json"}, scorecard_hiccups=False) as s:
        status, headers, body = request(s, "/scorecard/v1/schools?page=2", headers=KEY)
        assert status == 200 and headers["content-type"] == "application/json"
        with pytest.raises(ValueError):
            json.loads(body)
        assert (
            json.loads(request(s, "/scorecard/v1/schools?page=3", headers=KEY)[2])["metadata"][
                "page"
            ]
            == 3
        )


def test_fault_html_200():
    with SampleServer(ROOT, faults={"html_200"}) as s:
        for page in range(3):
            for _ in range(2):
                status, headers, body = request(
                    s, f"/scorecard/v1/schools?page={page}", headers=KEY
                )
                assert status == 200 and headers["content-type"].startswith("text/html")


def test_fault_offsite_redirect():
    with SampleServer(ROOT, faults={"offsite_redirect"}) as s:
        status, headers, _ = request(s, "/sites/www.lakeshorecc.edu/go/elsewhere")
        assert status == 302 and headers["location"] == "http://example.com/"
    with SampleServer(ROOT) as s:
        status, _, body = request(s, "/sites/www.lakeshorecc.edu/go/elsewhere")
        assert status == 200 and b"Partner portal" in body


def test_fault_robots_disallow():
    with SampleServer(ROOT, faults={"robots_disallow"}) as s:
        for path in (
            "/robots.txt",
            "/sites/www.lakeshorecc.edu/robots.txt",
            "/sites/www.ozarkscc.edu/robots.txt",
        ):
            status, _, body = request(s, path)
            assert status == 200 and body == b"User-agent: *\nDisallow: /\n"


def test_fault_huge_streams_50_mb():
    with SampleServer(ROOT, faults={"huge"}) as s:
        conn = http.client.HTTPConnection(s.host, s.port, timeout=10)
        conn.request("GET", "/sites/www.cascadiatc.edu/huge/page.html")
        response = conn.getresponse()
        assert response.status == 200
        assert int(response.getheader("Content-Length")) == 50 * 1024 * 1024
        assert response.read(65536).startswith(b"<!DOCTYPE html>")
        conn.close()
        assert request(s, "/sites/www.cascadiatc.edu/")[0] == 200
    with SampleServer(ROOT) as s:
        status, _, body = request(s, "/sites/www.cascadiatc.edu/huge/page.html")
        assert status == 200 and len(body) < 10000


# ------------------------------------------------------------------------------------------- CLI
def test_cli_serves_until_killed():
    proc = subprocess.Popen(
        [sys.executable, "-m", "devtools.sample_server", "--port", "0", "--no-hiccups"],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert "Serving sample sources on http://127.0.0.1:" in line
        port = int(line.split("http://127.0.0.1:")[1].split()[0])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/scorecard/v1/schools?page=0&api_key=k")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode == 0
