"""The three spiders against the sample sources on 127.0.0.1, end to end through the pipelines into SQLite.

One crawl of ipeds, scorecard and program_pages (the order `make run` uses; the
session fixture ``sample_crawl`` in tests/conftest.py) feeds most tests; the fault
tests in tests/test_reliability_crawl.py crawl copies of that store against a
misbehaving sample server and check that nothing stored is lost.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from programs.geo import lookup_zip
from programs.query import SearchQuery
from programs.store import open_store
from tests.crawl_helpers import all_docs, copy_store, crawl  # noqa: F401 - re-exported

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
IPEDS = json.loads((FIXTURES / "ipeds" / "EXPECTED.json").read_text())
SCORECARD = json.loads((FIXTURES / "scorecard" / "EXPECTED.json").read_text())
SITES = json.loads((FIXTURES / "sites" / "INDEX.json").read_text())


def short_course_extras() -> int:
    """In-scope UNITID x CIP pairs with both a short course (award level 20) and a longer certificate:
    each is two listings (see README: short courses get their own listing)."""
    zf = zipfile.ZipFile(FIXTURES / "ipeds" / "C2023_A.zip")
    levels: dict[tuple[str, str], set[str]] = {}
    for row in csv.DictReader(io.TextIOWrapper(zf.open("c2023_a_rv.csv"), encoding="utf-8")):
        if row.get("CIPCODE") in IPEDS["core_cips"] and row.get("AWLEVEL") in (
            "20",
            "21",
            "1",
            "2",
            "4",
            "6",
            "8",
        ):
            levels.setdefault((row["UNITID"], row["CIPCODE"]), set()).add(row["AWLEVEL"])
    keys = {f"{u}|{c}|certificate" for (u, c) in levels}
    return sum(
        1
        for (u, c), lv in levels.items()
        if "20" in lv
        and len(lv) > 1
        and f"{u}|{c}|certificate" in keys
        and f"{u}|{c}|certificate" in set(IPEDS["listings"]["core_keys"])
    )


@pytest.fixture(scope="module")
def server(sample_server):
    return sample_server


@pytest.fixture(scope="module")
def crawled(sample_crawl):
    """The session's crawl of the three sample sources (tests/conftest.py)."""
    return sample_crawl


# ------------------------------------------------------------------ ipeds
def test_ipeds_yields_one_listing_per_institution_cip_credential(crawled):
    store, run = crawled["store"], crawled["runs"]["ipeds"]
    assert run.status == "complete"
    expected = IPEDS["listings"]["core"] + short_course_extras()
    assert run.items_new == expected
    got = {
        (l.institution.unitid, l.program.cip, l.program.credential)
        for batch in store.iter_listings()
        for l in batch
        if "ipeds" in l.source_names()
    }
    assert {f"{u}|{c}|{k}" for u, c, k in got} == set(IPEDS["listings"]["core_keys"])


def test_ipeds_counts_malformed_rows_by_reason(crawled):
    dropped = crawled["runs"]["ipeds"].dropped_reasons
    malformed = IPEDS["c2023_a_rv"]["malformed_rows"]
    # a bad UNITID in the completions file and one in the distance-education file
    assert (
        dropped["ipeds_bad_unitid"]
        == malformed["non_numeric_unitid"]
        + IPEDS["c2023dep"]["malformed_rows"]["non_numeric_unitid"]
    )
    assert dropped["ipeds_bad_cipcode"] == malformed["bad_cipcode"]
    assert dropped["ipeds_bad_awlevel"] == malformed["bad_awlevel"]
    assert dropped["ipeds_malformed_row"] == malformed["truncated"]
    assert (
        dropped["ipeds_unknown_institution"]
        == IPEDS["listings"]["skipped_unitid_not_in_hd"]["in_scope_rows"]
    )
    assert "ipeds_bad_unitid" in crawled["result"].log_text()  # and a log line says so


def test_ipeds_skips_second_major_rows_and_counts_them(crawled):
    zf = zipfile.ZipFile(FIXTURES / "ipeds" / "C2023_A.zip")
    reader = csv.DictReader(io.TextIOWrapper(zf.open("c2023_a_rv.csv"), encoding="utf-8"))
    second = sum(1 for row in reader if row.get("MAJORNUM") == "2")
    assert second > 0
    log = crawled["result"].log_text()
    (ipeds_stats,) = [
        d
        for d in re.findall(r"Dumping Scrapy stats:\n(\{.*?\})\n", log, re.S)
        if "programs/ipeds/program_groups" in d
    ]
    counted = re.search(r"'programs/ipeds/second_major_rows': (\d+)[,}]", ipeds_stats)
    assert counted and int(counted.group(1)) == second


@pytest.mark.parametrize(
    "sample", IPEDS["sample_listings"], ids=lambda s: f"{s['unitid']}-{s['cip']}"
)
def test_ipeds_sample_listings(crawled, sample):
    if sample.get("closed"):
        assert not [
            l
            for l in crawled["store"].listings_for_institution(sample["unitid"])
            if l.program.cip == sample["cip"] and l.status == "active"
        ]
        return
    # a short course (award level 20) beside a longer certificate is a listing of its own
    levels = [lv for lv in sample["award_levels"] if lv != 20] or [20]
    (listing,) = [
        l
        for l in crawled["store"].listings_for_institution(sample["unitid"])
        if l.program.cip == sample["cip"]
        and l.program.credential == sample["credential"]
        and (l.program.award_level == 20) == (levels == [20])
    ]
    inst = listing.institution
    assert inst.name == sample["name"]  # cp1252 names decoded right
    assert inst.zip == sample["zip5"]
    assert inst.state == sample["state"]
    if sample["lat"] is not None:
        assert (inst.lat, inst.lon) == pytest.approx((sample["lat"], sample["lon"]))
    else:
        assert inst.lat is not None  # blank coordinates: the ZIP's point
    assert listing.program.award_level == max(levels, key=[20, 21, 1, 2, 4, 6, 8, 3, 5, 7].index)
    cdep = [sample["cdep"][str(lv)] for lv in levels if str(lv) in sample["cdep"]]
    if cdep and "ipeds" in listing.provenance.get("program.delivery", ""):
        assert (listing.program.delivery in ("online", "hybrid")) == any(
            c["de"] or c["some_de"] for c in cdep
        )
        # "DE" = can be completed entirely at a distance, perhaps also on campus: never online-only
        assert listing.program.delivery != "online"
    ipeds_fields = next(s.fields for s in listing.sources if s.source == "ipeds")
    if levels == sample["award_levels"]:
        # first-major rows only (MAJORNUM 1): a second major is the same graduate counted again
        assert ipeds_fields.get("outcomes.completions", 0) == sample["completions"]
    if sample["ic_py"]:
        assert ipeds_fields["program.tuition_usd"] == sample["ic_py"]["tuition"]
        assert ipeds_fields["program.length_months"] == sample["ic_py"]["months"]
        unit = "program.clock_hours" if sample["ic_py"]["prgmsr"] == 1 else "program.credit_hours"
        assert ipeds_fields[unit] == sample["ic_py"]["length"]


def test_ipeds_reads_the_revised_completions_file(crawled):
    rev = IPEDS["revision"]
    store = crawled["store"]
    only_rv = rev["listing_only_in_rv"]
    only_orig = rev["listing_only_in_original"]
    assert any(
        l.program.cip == only_rv["cip"] for l in store.listings_for_institution(only_rv["unitid"])
    )
    assert not any(
        l.program.cip == only_orig["cip"]
        for l in store.listings_for_institution(only_orig["unitid"])
    )


def test_ipeds_adds_health_schools_without_in_scope_programs_to_the_directory(crawled):
    seeds = {s.unitid for s in crawled["store"].institution_seeds()}
    not_in_ipeds = [
        s
        for s in SITES["sites"]
        if not any(p["cip"].startswith("51.07") for p in s["ipeds_programs"])
    ]
    assert not_in_ipeds and all(str(s["unitid"]) in seeds for s in not_in_ipeds)


# -------------------------------------------------------------- scorecard
def test_scorecard_attaches_outcomes_to_ipeds_listings(crawled):
    run = crawled["runs"]["scorecard"]
    assert run.status == "complete" and run.items_new == 0
    school = next(s for s in SCORECARD["schools"] if s["id"] == "145001")
    program = next(p for p in school["programs_5107"] if p["credential_level"] == 2)
    (listing,) = [
        l
        for l in crawled["store"].listings_for_institution("145001")
        if l.program.credential == "associate"
    ]
    assert listing.outcomes.median_earnings_1yr == program["earnings_1yr"]
    assert listing.outcomes.median_debt == program["median_debt"]
    assert listing.provenance["outcomes.median_earnings_1yr"] == "scorecard"
    assert "scorecard" in listing.source_names()


def test_scorecard_survives_429_and_an_html_error_page(crawled):
    hits = crawled["server"].hits
    assert (
        hits["/scorecard/v1/schools"] >= SCORECARD["pages"] + 2
    )  # page 0 after a 429, page 1 after HTML
    log = crawled["result"].log_text()
    assert "429 from" in log and "not JSON: retrying" in log


def test_scorecard_drops_bad_fields_with_reasons(crawled):
    dropped = crawled["runs"]["scorecard"].dropped_reasons
    bad = SCORECARD["bad_fields"]
    assert dropped["scorecard_bad_program"] == len(bad["program_not_an_object"])
    assert dropped["scorecard_bad_credential_level"] == len(bad["program_credential_null"])
    assert dropped["no_matching_listing"] >= len(SCORECARD["ids_not_in_ipeds"])
    (suppressed,) = [
        l
        for l in crawled["store"].listings_for_institution(bad["earnings_privacy_suppressed"][0])
        if "scorecard" in l.source_names()
    ][:1]
    assert suppressed.outcomes.median_earnings_1yr is None  # "PrivacySuppressed" is no number


def test_scorecard_key_never_reaches_a_log_or_url(crawled):
    assert "sample-key" not in crawled["result"].log_text()
    assert "sample-key" not in crawled["result"].stdout + crawled["result"].stderr
    for batch in crawled["store"].iter_listings():
        for listing in batch:
            for ref in listing.sources:
                assert "sample-key" not in (ref.url or "") and "api_key" not in (ref.url or "")


def test_scorecard_without_a_key_fails_clearly(server, tmp_path):
    result = crawl(
        "scorecard",
        store_url=f"sqlite:///{tmp_path}/p.db",
        sample_url=server.base_url,
        log_dir=tmp_path / "logs",
        extra=["-s", "SCORECARD_API_KEY="],
    )
    assert result.code == 1
    assert "SCORECARD_API_KEY is not set" in result.log_text()
    run = open_store(f"sqlite:///{tmp_path}/p.db").list_runs("scorecard")[0]
    assert run.status == "failed"


# ---------------------------------------------------------- program pages
def test_program_pages_fill_in_length_cost_and_exams(crawled):
    store = crawled["store"]
    (listing,) = [
        l
        for l in store.listings_for_institution("145001")
        if l.program.credential == "certificate" and "program_pages" in l.source_names()
    ]
    assert listing.program.length_months is not None and listing.program.tuition_usd is not None
    assert listing.provenance["program.length_months"] == "program_pages"
    assert listing.provenance["institution.location"] == "ipeds"  # location still from IPEDS
    assert listing.program.certifications


def test_program_pages_create_listings_for_courses_ipeds_lacks(crawled):
    assert crawled["runs"]["program_pages"].items_new >= 4
    for host in (
        "www.bluegrasshealth.edu",
        "www.nutmegstate.edu",
        "www.decaturallied.edu",
        "www.cumberlandtech.edu",
    ):
        site = next(s for s in SITES["sites"] if s["host"] == host)
        only_pages = [
            l
            for l in crawled["store"].listings_for_institution(str(site["unitid"]))
            if l.source_names() == ["program_pages"]
        ]
        assert only_pages, host
        assert only_pages[0].institution.lat is not None  # geocoded from the school's ZIP


def test_program_pages_obey_robots_txt(crawled):
    hits = crawled["server"].hits
    private = [p for p in hits if "/private/" in p]
    assert not private, private
    assert crawled["runs"]["program_pages"].status == "complete"


def test_the_program_pages_crawl_opened_exactly_one_store(crawled):
    """The last crawl of the session (program_pages: two pipelines and three extensions use the store,
    and it asks whether closed sites gave listings) opened one store handle, counted by
    tests.crawl_helpers.StoreOpenCounter."""
    assert crawled["result"].stats()["test/stores_opened"] == 1
    run_id = crawled["runs"]["program_pages"].id
    seeds = crawled["result"].log_dir / f"seeds-{run_id}.csv"  # handed over by the runner
    known = {s.url for s in crawled["store"].institution_seeds()}
    urls = {line.split(",")[0] for line in seeds.read_text().splitlines()[1:]}
    assert urls and urls <= known


def test_every_spider_identifies_itself(crawled):
    log = crawled["result"].log_text()
    assert "ProgramsNearYouBot" in log and "crawler@programsnearyou.org" in log


def test_progress_and_summary_are_printed(crawled):
    out = crawled["result"].stdout + crawled["result"].stderr
    assert "progress program_pages:" in out or "progress ipeds:" in out
    for source in ("ipeds", "scorecard", "program_pages"):
        assert f"of {source}: complete" in out


PROGRESS = re.compile(
    r"progress program_pages: (\d+) pages, (\d+) items \((\d+) listings read, (\d+) written, "
    r"(\d+) waiting for a batch of (\d+); new (\d+), updated (\d+), unchanged (\d+)\)"
)


def test_program_pages_progress_lines_count_items_while_the_crawl_runs(crawled, tmp_path):
    """A program_pages crawl yields one listing per program page, fewer than a batch of the store
    pipeline (500): they are written when the crawl ends. Its progress lines count the pages, items
    and listings read so far, and say how many listings wait for the batch."""
    url = copy_store(crawled["db"], tmp_path / "programs.db")
    result = crawl(
        "program_pages",
        store_url=url,
        sample_url=crawled["server"].base_url,
        log_dir=tmp_path / "logs",
        extra=["--run-id", "progresspages001", "-s", "PROGRESS_INTERVAL=0.25"],
    )
    assert result.code == 0, result.stderr[-3000:]
    store = open_store(url)
    run = store.get_run("progresspages001")
    store.close()
    lines = [tuple(map(int, m)) for m in PROGRESS.findall(result.stderr)]
    assert len(lines) >= 3, result.stderr[-3000:]
    total = run.items_scraped + run.items_dropped
    # items and listings are counted while the crawl runs, not only at its end
    assert any(0 < items < total and read > 0 for _, items, read, *_ in lines)
    for pages, items, read, written, waiting, batch, new, updated, unchanged in lines:
        assert pages <= run.pages_fetched and items <= total
        assert batch == 500 and read == written + waiting  # every listing read is accounted for
        assert written == new + updated + unchanged


# ------------------------------------------------------------- end to end
@pytest.mark.parametrize("zip5", sorted(IPEDS["near"]))
def test_search_finds_the_programs_near_each_test_zip(crawled, zip5):
    near = IPEDS["near"][zip5]
    place = lookup_zip(zip5)
    res = crawled["store"].search(
        SearchQuery(lat=place.lat, lon=place.lon, radius_miles=25, per_page=100)
    )
    found = {h.doc["institution"]["unitid"] for h in res.hits}
    assert {i["unitid"] for i in near["institutions"]} <= found
    distances = [h.distance_miles for h in res.hits]
    assert distances == sorted(distances) and all(d <= 25 for d in distances)


def test_recrawl_is_idempotent_and_removes_nothing(crawled, tmp_path):
    from devtools.sample_server import SampleServer

    url = copy_store(crawled["db"], tmp_path / "copy.db")
    before = all_docs(open_store(url))
    # another sample server, on another port, as a second `programs crawl --sample` would start
    server = SampleServer().start()
    try:
        assert server.base_url != crawled["server"].base_url
        result = crawl(
            "ipeds", store_url=url, sample_url=server.base_url, log_dir=tmp_path / "logs"
        )
    finally:
        server.stop()
    assert result.code == 0
    run = open_store(url).list_runs("ipeds")[0]
    assert (
        run.status == "complete"
        and run.items_new == 0
        and run.items_updated == 0
        and run.items_removed == 0
    )
    assert run.items_unchanged > 0
    after = all_docs(open_store(url))
    assert set(after) == set(before)
    assert all(after[k]["program"] == before[k]["program"] for k in before)
    ipeds_urls = {s["url"] for d in after.values() for s in d["sources"] if s["source"] == "ipeds"}
    assert ipeds_urls == {"https://samples.invalid/ipeds/HD2023.zip"}


# ------------------------------------------------------------- faults
# Every fault switch of the sample server (500, timeout, reset, truncated zip, malformed CSV rows, invalid JSON,
# an HTML page with status 200, off-site redirects, robots.txt, a 50 MB page) is crawled in
# tests/test_reliability_crawl.py: each run completes, counts what happened, keeps what it saw and loses nothing.


@pytest.mark.parametrize("zip5", sorted(IPEDS["near"]))
def test_the_api_over_the_crawled_store_answers_for_each_test_zip(crawled, zip5):
    """What a newcomer sees after `make run`: the API finds the programs near 60601, 30301, 00601 and 99501."""
    from search_api import create_app

    app = create_app({"TESTING": True, "STORE": crawled["store"], "SEARCH_CACHE_SECONDS": 0})
    resp = app.test_client().get(f"/api/v1/programs?zip={zip5}&per_page=100")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["location"]["zip"] == zip5 and body["total"] >= len(
        IPEDS["near"][zip5]["institutions"]
    )
    names = {r["institution"]["name"] for r in body["results"]}
    assert {i["name"] for i in IPEDS["near"][zip5]["institutions"]} <= names
    assert all(r["distance_miles"] <= 25 for r in body["results"])
    assert body["online"]["results"], "online programs from anywhere are offered too"
