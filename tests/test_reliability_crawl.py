"""Crawl fault injection: every fault switch of the sample server, each in a real crawl (a child process) of a copy
of the session's sample store.

Each run must complete (exit, a run record with the right status), count what happened (Scrapy's stats, the
run record's dropped reasons and errors), keep everything good it saw (the listings it could read carry its run
id), and lose nothing stored before: no listing removed, every listing's status unchanged, untouched listings
byte-for-byte the same, SQLite's integrity check "ok".

The page faults need pages the spider visits: the program_pages spider rightly skips the sample server's own
fault paths (``/news/slow/archive.html`` scores as a news page), so these runs serve a copy of the sample sites
in which one college's home page also links program-looking pages under ``/slow/``, ``/reset/``, ``/go/elsewhere``
and ``/huge/page.html`` (without the fault switch they are plain 404s). The malformed-CSV run serves IPEDS
completions with 22 hostile rows (a NUL byte, a 200 KB field, binary garbage, a spreadsheet formula, infinite
and NaN numbers, far too many or too few fields, an unclosed quote) in the middle and at the end.

Bugs these runs found (fixed): an award level of ``inf`` raised OverflowError in the ipeds spider, the run was
recorded complete with nothing read and the sweep removed every IPEDS listing (now: the row is dropped as
``ipeds_bad_awlevel``, and any exception in a spider callback makes the run partial); a robots.txt that closes a
whole site made a complete run that swept away that site's listings (now: partial when the site gave listings
before); an off-site redirect was followed to the other site (now: not followed, dropped as ``offsite_redirect``);
a run cut short by ``PROGRAM_PAGES_SITE_LIMIT`` was complete and swept the sites it skipped (now: partial).
"""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pytest

from devtools.sample_server import DEFAULT_ROOT, SampleServer
from programs.runs import RunRecord
from programs.store import open_store
from tests.crawl_helpers import ROOT, CrawlResult, all_docs, copy_store, start_crawl

pytestmark = pytest.mark.slow

LINK_HOST = "www.lakeshorecc.edu"
FAULT_LINKS = """<section><h2>More programs</h2><ul>
<li><a href="/programs/slow/medical-billing-certificate.html">Medical Billing Certificate</a></li>
<li><a href="/programs/reset/medical-coding-certificate.html">Medical Coding Certificate</a></li>
<li><a href="/programs/medical-coding-online/go/elsewhere">Medical Coding Online Certificate</a></li>
<li><a href="/programs/health-information/huge/page.html">Health Information Technology Program</a></li>
</ul></section>
</main>"""
PARALLEL = 2  # crawls at a time (the machine has two cores; the sample servers share this process)
TIMEOUT = (
    4  # DOWNLOAD_TIMEOUT of the timeout run: far below the 30 s the /slow/ page takes, and far
)
# above what a sample page takes even with two crawls running


# ------------------------------------------------------------------------------------ sample roots
def _short_rows() -> list[bytes]:
    return [
        b'101099,"51.07\x0013",1,21,"R",6',  # NUL in the CIP code
        b'999001,"'
        + b"A" * 200_000
        + b'",1,2,"R",3',  # a 200 KB field: over the csv module's limit
        b"\xff\xfe\x00\x01\x80\x81garbage,,,\x9d",  # binary garbage (and not UTF-8)
        b'=HYPERLINK("http://evil.example/"),"51.0713",1,2,"R",3',  # a spreadsheet formula
        b'101099,"51.0713",1,inf,"R",6',
        b'101099,"51.0713",1,1e400,"R",6',
        b'101099,"51.0713",1,-3,"R",6',
        b'99999999999999999999999,"51.0713",1,2,"R",3',
        b'101099,"51.0713",1,2,"R",6,' + b",".join([b"x"] * 400),  # far too many fields
        b"   ",
        b"101099",
    ]


def _full_rows(template: bytes) -> list[bytes]:
    """Rows with every column, one value made hostile (so they get past the column-count check)."""

    def row(**fields: bytes) -> bytes:
        cols = template.split(b",")
        for index, value in fields.items():
            cols[int(index[1:])] = value
        return b",".join(cols)

    return [
        row(c3=b"inf"),
        row(c3=b"1e400"),
        row(c3=b"nan"),
        row(c3=b"-3"),
        row(c5=b"1e400"),
        row(c5=b"-inf"),
        row(c0=b"99999999999999999999999"),
        row(c1=b'"51.0713\x00"'),
        row(c0=b"0x1F"),
        row(c2=b"1e400"),
    ]


#: what the hostile completions rows add to the drop counts of a clean run (the others are read harmlessly:
#: an award level of -3 is out of scope, an unreadable completions count is no count); an unreadable major
#: number is dropped with its reason, since only first-major rows count
HOSTILE_CSV_DROPS = {
    "ipeds_malformed_row": 12,
    "ipeds_bad_unitid": 1,
    "ipeds_bad_cipcode": 1,
    "ipeds_bad_awlevel": 3,
    "ipeds_unknown_institution": 1,
    "ipeds_bad_majornum": 1,
}


def make_root(dest: Path, *, fault_links: bool = False, hostile_csv: bool = False) -> Path:
    """A sample-sources folder: links to the real one, with the changes asked for."""
    dest.mkdir(parents=True)
    (dest / "scorecard").symlink_to(DEFAULT_ROOT / "scorecard")
    sites = dest / "sites"
    sites.mkdir()
    for host in (DEFAULT_ROOT / "sites").iterdir():
        if host.is_dir() and not (fault_links and host.name == LINK_HOST):
            (sites / host.name).symlink_to(host)
    if fault_links:
        shutil.copytree(DEFAULT_ROOT / "sites" / LINK_HOST, sites / LINK_HOST)
        index = sites / LINK_HOST / "index.html"
        html = index.read_text(encoding="utf-8")
        assert html.count("</main>") == 1
        index.write_text(html.replace("</main>", FAULT_LINKS), encoding="utf-8")
    ipeds = dest / "ipeds"
    ipeds.mkdir()
    for f in (DEFAULT_ROOT / "ipeds").iterdir():
        if not (hostile_csv and f.name == "C2023_A.zip"):
            (ipeds / f.name).symlink_to(f)
    if hostile_csv:
        source = zipfile.ZipFile(DEFAULT_ROOT / "ipeds" / "C2023_A.zip")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename.lower().endswith("_rv.csv"):
                    lines = data.split(b"\r\n")
                    middle = len(lines) // 2
                    lines[middle:middle] = _short_rows() + _full_rows(lines[1])
                    lines.append(b'101099,"51.0713,1,2,"R",6')  # an unclosed quote at the very end
                    data = b"\r\n".join(lines)
                zout.writestr(info, data)
        (ipeds / "C2023_A.zip").write_bytes(out.getvalue())
    return dest


# ---------------------------------------------------------------------------------------- the runs
@dataclass
class Case:
    name: str
    source: str
    faults: set[str]
    status: str  # what the run is recorded as
    stored: str  # "all": every listing the source gave before was seen again; "some"; "none"
    check: Callable  # (outcome) -> None: what the run counted
    root: dict = field(default_factory=dict)
    settings: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    case: Case
    result: CrawlResult
    base_run: RunRecord  # the source's run in the session's sample crawl
    url: str
    requests: list  # what the sample server was asked: (method, target, status)
    seconds: float

    @cached_property
    def store(self):
        return open_store(self.url)

    @cached_property
    def run(self) -> RunRecord:
        return self.store.list_runs(self.case.source)[0]

    @cached_property
    def stats(self) -> dict[str, int]:
        return self.result.stats()


def failed_fetches(o: Outcome) -> dict[str, int]:
    prefix = "programs/program_pages/failed/"
    return {
        k[len(prefix) :]: v
        for k, v in o.stats.items()
        if k.startswith(prefix) and k != prefix + "http_404"
    }


def check_truncated_zip(o: Outcome):
    assert "C2023_A.zip" in o.run.finish_reason and "zip" in o.run.finish_reason
    assert o.run.errors >= 1 and o.run.items_scraped == 0


def check_ipeds_robots(o: Outcome):
    assert o.stats["robotstxt/forbidden"] >= 1
    assert "could not be fetched" in o.run.finish_reason


def check_hostile_csv(o: Outcome):
    base = o.base_run.dropped_reasons
    added = {k: v - base.get(k, 0) for k, v in o.run.dropped_reasons.items() if v != base.get(k, 0)}
    assert added == HOSTILE_CSV_DROPS
    assert o.run.errors == 0
    assert "ipeds_malformed_row" in o.result.log_text()  # and a log line says so


def check_html_200(o: Outcome):
    assert o.stats["programs/scorecard/not_json"] >= 4  # the first try and its retries
    assert "never came back as JSON" in o.run.finish_reason


def check_bad_json(o: Outcome):
    assert o.stats["programs/scorecard/not_json"] >= 1 and o.run.items_scraped > 0


def check_500(o: Outcome):
    assert o.stats["retry/reason_count/500 Internal Server Error"] >= 1
    assert failed_fetches(o).get("http_500", 0) >= 1
    assert o.run.finish_reason == "some program pages could not be fetched"


def check_timeout_reset_huge(o: Outcome):
    """Three page faults in one crawl, each on its own page of one college."""
    failed = failed_fetches(o)
    assert sum(failed.values()) == 3, failed
    # timeout: the /slow/ page never answered within DOWNLOAD_TIMEOUT, retried once, then given up
    log = o.result.log_text()
    assert "Gave up retrying <GET https://www.lakeshorecc.edu/programs/slow/" in log
    assert f"took longer than {TIMEOUT}.0 seconds" in log
    assert any("Timeout" in k for k in failed)
    # reset: the /reset/ page closed the connection without an answer, on the first try and on its retry
    resets = [r for r in o.requests if "/reset/" in r[1]]
    assert len(resets) >= 2 and all(status == -1 for _, _, status in resets)
    assert o.stats["retry/count"] >= 2  # the slow page's retry and the reset page's
    assert "Gave up retrying <GET https://www.lakeshorecc.edu/programs/reset/" in log
    # huge: DOWNLOAD_MAXSIZE cut the 50 MB page off as soon as its size was announced
    cancelled = sum(
        v
        for k, v in o.stats.items()
        if k.startswith("downloader/exception_type_count/") and "Cancel" in k
    )
    assert cancelled == 1
    assert "larger than download max size" in log
    assert o.stats["downloader/response_bytes"] < 5 * 1024 * 1024
    assert o.run.finish_reason == "some program pages could not be fetched"


def check_offsite(o: Outcome):
    assert o.run.dropped_reasons == {"offsite_redirect": 1}
    assert o.stats["downloader/response_status_count/302"] == 1
    assert not [r for r in o.requests if "example.com" in r[1]], (
        "the redirect to another site was followed"
    )


def check_pages_robots(o: Outcome):
    assert o.run.items_scraped == 0
    assert o.stats["programs/program_pages/robots_disallowed_sites"] >= 40
    assert "now forbids the site" in o.run.finish_reason


def check_site_limit(o: Outcome):
    assert o.run.finish_reason.startswith("crawling 3 of ")
    assert o.stats["programs/program_pages/sites"] == 3


LINKS = {"fault_links": True}
CASES = [
    Case("ipeds-truncated_zip", "ipeds", {"truncated_zip"}, "failed", "none", check_truncated_zip),
    Case(
        "ipeds-robots_disallow", "ipeds", {"robots_disallow"}, "failed", "none", check_ipeds_robots
    ),
    Case(
        "ipeds-malformed_csv_rows",
        "ipeds",
        set(),
        "complete",
        "all",
        check_hostile_csv,
        {"hostile_csv": True},
    ),
    Case("scorecard-html_200", "scorecard", {"html_200"}, "partial", "none", check_html_200),
    Case("scorecard-bad_json", "scorecard", {"bad_json"}, "partial", "some", check_bad_json),
    Case("program_pages-500", "program_pages", {"500"}, "partial", "some", check_500),
    Case(
        "program_pages-timeout+reset+huge",
        "program_pages",
        {"timeout", "reset", "huge"},
        "partial",
        "all",
        check_timeout_reset_huge,
        LINKS,
        ["-s", f"DOWNLOAD_TIMEOUT={TIMEOUT}", "-s", "RETRY_TIMES=1"],
    ),
    Case(
        "program_pages-offsite_redirect",
        "program_pages",
        {"offsite_redirect"},
        "complete",
        "all",
        check_offsite,
        LINKS,
    ),
    Case(
        "program_pages-robots_disallow",
        "program_pages",
        {"robots_disallow"},
        "partial",
        "none",
        check_pages_robots,
    ),
    # not a fault: a run limited to a few sites did not see the others, so it must not sweep them away
    Case(
        "program_pages-site_limit",
        "program_pages",
        set(),
        "partial",
        "none",
        check_site_limit,
        {},
        ["-s", "PROGRAM_PAGES_SITE_LIMIT=3"],
    ),
]


def test_every_fault_switch_is_crawled():
    from devtools.sample_server import FAULTS

    assert set().union(*(c.faults for c in CASES)) == set(FAULTS)


@pytest.fixture(scope="module")
def outcomes(sample_crawl, tmp_path_factory) -> dict[str, Outcome]:
    """Every case crawled, a few at a time, each against its own sample server and store copy."""
    pending = list(CASES)
    running: list[tuple] = []
    done: dict[str, Outcome] = {}
    while pending or running:
        while pending and len(running) < PARALLEL:
            case = pending.pop(0)
            work = tmp_path_factory.mktemp(case.name)
            url = copy_store(sample_crawl["db"], work / "programs.db")
            root = make_root(work / "sources", **case.root) if case.root else None
            server = SampleServer(root=root, faults=case.faults, scorecard_hiccups=False).start()
            proc = start_crawl(
                case.source,
                store_url=url,
                sample_url=server.base_url,
                log_dir=work / "logs",
                extra=case.settings,
            )
            running.append((case, work, url, server, proc, time.monotonic()))
        time.sleep(0.2)
        for item in list(running):
            case, work, url, server, proc, started = item
            if proc.poll() is None:
                if time.monotonic() - started > 240:
                    proc.kill()
                continue
            server.stop()
            running.remove(item)
            console = (work / "logs" / "console.txt").read_text(errors="replace")
            done[case.name] = Outcome(
                case,
                CrawlResult(proc.returncode, console, console, work / "logs"),
                base_run=sample_crawl["runs"][case.source],
                url=url,
                requests=list(server.requests),
                seconds=time.monotonic() - started,
            )
    return done


@pytest.fixture(scope="module")
def before(sample_crawl) -> dict:
    return all_docs(sample_crawl["store"])


def _ids_from(docs: dict, source: str, run_id: str | None = None) -> set[str]:
    return {
        lid
        for lid, doc in docs.items()
        for ref in doc["sources"]
        if ref["source"] == source
        and ref["status"] == "active"
        and (run_id is None or ref["run_id"] == run_id)
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fault(outcomes, before, case):
    o = outcomes[case.name]
    run = o.run
    # the run completed and was recorded
    assert run.id != o.base_run.id and run.finished_at, o.result.stdout[-2000:]
    assert run.status == case.status, (run.status, run.finish_reason, o.result.stdout[-2000:])
    assert o.result.code == (1 if case.status == "failed" else 0)
    assert "Traceback" not in o.result.stdout
    assert f"of {case.source}: {case.status}" in o.result.stdout  # the summary line
    # it counted what happened
    case.check(o)
    # nothing stored before was lost or damaged
    store = o.store
    assert store.integrity_check() == "ok"
    after = all_docs(store)
    assert set(after) == set(before)
    assert {k: d["status"] for k, d in after.items()} == {k: d["status"] for k, d in before.items()}
    assert run.items_removed == 0
    seen = _ids_from(after, case.source, run.id)
    untouched = set(before) - seen
    assert all(after[k] == before[k] for k in untouched), (
        "a listing the run did not see was changed"
    )
    # and it kept what it could read
    had = _ids_from(before, case.source)
    if case.stored == "all":
        assert seen == had
    elif case.stored == "some":
        assert seen and seen <= had
    else:
        assert not seen


def test_root_without_changes_is_the_fixture(tmp_path):
    root = make_root(tmp_path / "plain")
    assert sorted(p.name for p in (root / "sites").iterdir()) == sorted(
        p.name for p in (DEFAULT_ROOT / "sites").iterdir() if p.is_dir()
    )
    assert (root / "ipeds" / "C2023_A.zip").resolve() == (
        ROOT / "tests/fixtures/sources/ipeds/C2023_A.zip"
    ).resolve()
