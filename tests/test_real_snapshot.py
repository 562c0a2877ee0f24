"""The shipped NCES snapshot (ops/snapshot/ipeds), crawled by the real ipeds spider as `make run` does.

Expected values are computed here straight from the snapshot's CSV rows (zipfile + csv, an
own haversine), never through project code, and compared with what the store and the API say.
One crawl per year per module (a few seconds each).
"""

from __future__ import annotations

import csv
import io
import math
import re
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from programs.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "ops" / "snapshot" / "ipeds"

# What the project lists, written out here: the core CIP codes and IPEDS award level -> credential.
CORE_CIPS = {"51.0713", "51.0714", "51.0707", "51.0706", "51.0715"}
CREDENTIAL_OF_LEVEL = {
    20: "certificate",
    21: "certificate",
    1: "certificate",
    2: "certificate",
    4: "certificate",
    3: "associate",
    5: "bachelor",
    6: "graduate_certificate",
    8: "graduate_certificate",
    7: "master",
}
# ZIP code centroids (U.S. Census ZCTA internal points).
ZIPS = {
    "60601": (41.8858, -87.6181),
    "99501": (61.2167, -149.8778),
    "00601": (18.1805, -66.7499),
    "77002": (29.7569, -95.3650),
}


def rows(name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(SNAPSHOT / f"{name}.zip") as zf:
        (member,) = zf.namelist()
        text = zf.read(member).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def expected_listings(year: int) -> dict[tuple[str, str, str, bool], dict]:
    """(UNITID, CIP, credential, short course) -> the directory row, from the CSV rows alone."""
    directory = {r["UNITID"]: r for r in rows(f"HD{year}") if r["CYACTIVE"].strip() == "1"}
    out = {}
    for r in rows(f"C{year}_A"):
        level = int(r["AWLEVEL"])
        if (
            r["MAJORNUM"] != "1"
            or r["CIPCODE"] not in CORE_CIPS
            or level not in CREDENTIAL_OF_LEVEL
        ):
            continue
        if r["UNITID"] in directory:
            key = (r["UNITID"], r["CIPCODE"], CREDENTIAL_OF_LEVEL[level], level == 20)
            out[key] = directory[r["UNITID"]]
    return out


def miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 3958.8 * math.asin(math.sqrt(h))


def crawl(store_url: str, log_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "ops.cli", "--store", store_url, "crawl", "ipeds", "--snapshot"]
    argv += ["--log-dir", str(log_dir), "-s", "PROGRESS_INTERVAL=0.5", *extra]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)


def summary(result: subprocess.CompletedProcess) -> dict[str, int]:
    line = re.search(
        r"items (\d+): new (\d+), updated (\d+), unchanged (\d+), removed (\d+)",
        result.stderr + result.stdout,
    )
    assert line, result.stderr[-2000:]
    return dict(
        zip(
            ("items", "new", "updated", "unchanged", "removed"),
            map(int, line.groups()),
            strict=True,
        )
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """The 2024 default crawled into a fresh SQLite store, then crawled again unchanged."""
    tmp = tmp_path_factory.mktemp("snapshot")
    store_url = f"sqlite:///{tmp / 'programs.db'}"
    first = crawl(store_url, tmp / "logs")
    assert first.returncode == 0, first.stderr[-3000:]
    second = crawl(store_url, tmp / "logs")
    assert second.returncode == 0, second.stderr[-3000:]
    store = open_store(store_url)
    listings = [lst for batch in store.iter_listings() for lst in batch]
    store.close()
    return {"url": store_url, "first": first, "second": second, "listings": listings}


@pytest.fixture(scope="module")
def client(crawled):
    from search_api import create_app

    return create_app(
        {"TESTING": True, "PROGRAMS_STORE": crawled["url"], "STORE": None}
    ).test_client()


def test_listing_counts_per_cip_and_credential_equal_an_independent_count(crawled):
    expected = Counter((cip, cred) for _, cip, cred, _ in expected_listings(2024))
    got = Counter((lst.program.cip, lst.program.credential) for lst in crawled["listings"])
    assert got == expected
    assert sum(got.values()) >= 1400
    assert len({lst.institution.unitid for lst in crawled["listings"]}) == len(
        {unitid for unitid, *_ in expected_listings(2024)}
    )


def test_only_real_institutions_each_with_a_length_and_the_nces_source(crawled):
    directory = {r["UNITID"]: r["INSTNM"] for r in rows("HD2024")}
    for lst in crawled["listings"]:
        assert " ".join(directory[lst.institution.unitid].split()) == lst.institution.name
        assert lst.program.length_basis in ("ipeds", "estimate", "award_level")
        assert lst.program.length_months is not None and lst.program.length_summary
        (ref,) = lst.sources
        assert ref.url == "https://nces.ed.gov/ipeds/datacenter/data/HD2024.zip"
        assert ref.vintage == "IPEDS 2023\u201324 completions and 2024 directory, NCES"


def test_a_recrawl_of_the_same_data_changes_nothing(crawled):
    first, second = summary(crawled["first"]), summary(crawled["second"])
    n = len(crawled["listings"])
    assert (first["new"], first["updated"]) == (n, 0)
    assert (second["new"], second["updated"], second["unchanged"], second["removed"]) == (
        0,
        0,
        n,
        0,
    )
    progress = re.findall(r"progress ipeds: \d+ pages, (\d+) items", crawled["first"].stderr)
    assert progress and max(map(int, progress)) > 0  # progress lines count items


@pytest.mark.parametrize("zip5", sorted(ZIPS))
def test_searches_name_real_schools_at_the_right_distance(client, zip5):
    body = client.get(f"/api/v1/programs?zip={zip5}&radius=25&per_page=100").get_json()
    here = (body["location"]["lat"], body["location"]["lon"])  # the ZIP's point the search used
    assert miles(here, ZIPS[zip5]) < 3  # and it is that ZIP's (Census centroid, within 3 miles)
    expected: dict[str, float] = {}
    for row in expected_listings(2024).values():
        d = miles(here, (float(row["LATITUDE"]), float(row["LONGITUD"])))
        if d <= 24.95:
            expected[" ".join(row["INSTNM"].split())] = d
    got = {hit["institution"]["name"]: hit["distance_miles"] for hit in body["results"]}
    assert expected and set(got) == set(expected), zip5
    for name, d in expected.items():
        assert abs(got[name] - d) <= 0.06, (zip5, name, got[name], d)


def test_alaska_career_college_shows_its_ipeds_charges_and_months(client):
    body = client.get("/api/v1/programs?zip=99501&radius=25").get_json()
    (hit,) = [
        h
        for h in body["results"]
        if h["institution"]["name"] == "Alaska Career College" and h["program"]["cip"] == "51.0713"
    ]
    program = hit["program"]
    assert (program["tuition_usd"], program["length_months"], program["length_basis"]) == (
        12729,
        11,
        "ipeds",
    )
    html = client.get("/?zip=99501").get_data(as_text=True)
    assert "$12,729" in html and "11 months (IPEDS)" in html
    assert "Data: IPEDS 2023\u201324 completions and 2024 directory, NCES" in html
    assert 'id="sample-banner"' not in html


def test_every_listing_near_60601_has_a_length_the_filter_sort_and_facet_use(client):
    body = client.get("/api/v1/programs?zip=60601&radius=25&per_page=100").get_json()
    assert body["total"] >= 20 and body["facets"]["length"].get("unknown", 0) == 0
    short = client.get("/api/v1/programs?zip=60601&radius=25&per_page=100&max_months=12").get_json()
    assert short["total"] > 0
    assert all(h["program"]["length_months"] <= 12 for h in short["results"])
    by_length = client.get(
        "/api/v1/programs?zip=60601&radius=25&per_page=100&sort=length"
    ).get_json()
    minimums = [h["program"]["length_min_months"] for h in by_length["results"]]
    assert minimums == sorted(minimums)


def test_graduate_certificates_stand_apart(client):
    plain = client.get("/api/v1/programs?zip=60601&radius=25&credential=certificate&per_page=100")
    levels = {h["program"]["award_level"] for h in plain.get_json()["results"]}
    assert levels and not levels & {6, 8}
    grad = client.get(
        "/api/v1/programs?zip=60601&radius=25&credential=graduate_certificate&per_page=100"
    ).get_json()
    assert grad["total"] > 0
    assert {h["program"]["award_level"] for h in grad["results"]} <= {6, 8}


def test_meta_names_the_source_and_vintage(client):
    meta = client.get("/api/v1/meta").get_json()
    assert meta["data_sources"] == [
        {
            "source": "ipeds",
            "listings": meta["active_listings"],
            "vintages": ["IPEDS 2023\u201324 completions and 2024 directory, NCES"],
            "sample": False,
        }
    ]
    assert meta["sample_data"] is False


def test_the_2023_year_crawls_too(tmp_path):
    store_url = f"sqlite:///{tmp_path / 'y2023.db'}"
    result = crawl(store_url, tmp_path / "logs", "--year", "2023")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "complete" in result.stderr and "partial" not in result.stderr  # IC2022_PY not held
    store = open_store(store_url)
    got = Counter(
        (lst.program.cip, lst.program.credential)
        for batch in store.iter_listings()
        for lst in batch
    )
    store.close()
    assert got == Counter((cip, cred) for _, cip, cred, _ in expected_listings(2023))


def test_snapshot_is_small_and_says_where_it_comes_from():
    size = sum(p.stat().st_size for p in SNAPSHOT.iterdir())
    assert size <= 3 * 1024 * 1024
    note = (SNAPSHOT / "PROVENANCE.md").read_text()
    for fact in (
        "National Center for Education Statistics",
        "C2024_A",
        "HD2024",
        "IC2023_PY",
        "MAJORNUM",
    ):
        assert fact in note
    per_cip = defaultdict(int)
    for r in rows("C2024_A"):
        assert r["CIPCODE"].startswith("51.") and r["MAJORNUM"] == "1"
        per_cip[r["CIPCODE"]] += 1
    assert per_cip["51.0713"] > 0


def test_make_run_rebuilds_a_default_store_that_holds_sample_listings(
    tmp_path, monkeypatch, capsys
):
    from ops import cli
    from programs.model import Institution, Listing, Program

    store_url = f"sqlite:///{tmp_path / 'programs.db'}"
    store = open_store(store_url)
    store.upsert(
        [
            Listing(
                id="fictional",
                institution=Institution(
                    name="Midtown Anchorage Medical Careers", lat=61.2, lon=-149.9
                ),
                program=Program(name="Medical Coding", credential="certificate"),
            )
        ],
        source="ipeds",
        run_id="r-sample",
        vintage="sample data \u2014 fictional schools",
    )
    store.close()
    crawls: list[list[str]] = []
    monkeypatch.setattr(cli, "_crawl_child", lambda url, argv: crawls.append(argv) or 0)
    monkeypatch.setattr(cli, "cmd_serve", lambda args: 0)
    assert cli.main(["--store", store_url, "run"]) == 0
    out = capsys.readouterr().out
    assert (
        "held fictional sample listings" in out and "rebuilding it from the IPEDS snapshot" in out
    )
    assert crawls == [["ipeds", "--snapshot"]]
    store = open_store(store_url)
    assert store.count_active() == 0  # the sample listings are gone; the snapshot crawl refills it
    store.close()


def test_the_sample_demo_never_writes_the_default_store(monkeypatch, capsys):
    from ops import cli

    monkeypatch.delenv("PROGRAMS_STORE", raising=False)
    assert cli.main(["--store", "sqlite:///data/programs.db", "demo"]) == cli.EXIT_USAGE
    assert "never writes the default store" in capsys.readouterr().err


def test_a_store_of_sample_listings_says_so_on_the_page_the_widget_and_meta(tmp_path):
    from devtools.local_sites import SAMPLE_VINTAGE
    from programs.model import Institution, Listing, Program
    from programs.runs import RunRecord
    from search_api import create_app

    store_url = f"sqlite:///{tmp_path / 'demo.db'}"
    store = open_store(store_url)
    store.upsert(
        [
            Listing(
                id="fictional",
                institution=Institution(
                    name="Midtown Anchorage Medical Careers", lat=61.2, lon=-149.9
                ),
                program=Program(name="Medical Coding", credential="certificate", award_level=21),
            )
        ],
        source="ipeds",
        run_id="r-sample",
        vintage=SAMPLE_VINTAGE,
    )
    store.save_run(
        RunRecord(id="r-sample", source="ipeds", status="complete", vintage=SAMPLE_VINTAGE)
    )
    store.close()
    client = create_app({"TESTING": True, "PROGRAMS_STORE": store_url, "STORE": None}).test_client()
    for path in ("/?zip=99501", "/embed?zip=99501"):
        html = client.get(path).get_data(as_text=True)
        assert 'id="sample-banner"' in html and "Sample data — fictional schools" in html, path
        assert "Midtown Anchorage Medical Careers" in html
    meta = client.get("/api/v1/meta").get_json()
    assert meta["sample_data"] is True and meta["data_line"] == SAMPLE_VINTAGE
