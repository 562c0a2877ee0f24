"""The sample sources themselves: reproducible, internally consistent, and labelled with valid vocabulary."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import warnings
import zipfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from devtools.sample_server import site_file_for
from programs.vocab import ACCREDITATIONS, CERTIFICATIONS, CREDENTIALS, DELIVERIES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = FIXTURES / "sources"
SITES = ROOT / "sites"
INDEX = json.loads((SITES / "INDEX.json").read_text(encoding="utf-8"))
IPEDS_EXPECTED = json.loads((ROOT / "ipeds" / "EXPECTED.json").read_text(encoding="utf-8"))
SCORECARD_EXPECTED = json.loads((ROOT / "scorecard" / "EXPECTED.json").read_text(encoding="utf-8"))
CORE = set(IPEDS_EXPECTED["core_cips"])
NEIGHBOURS = set(IPEDS_EXPECTED["neighbour_cips"])
CREDENTIAL_OF_AWLEVEL = {
    20: "certificate",
    21: "certificate",
    1: "certificate",
    2: "certificate",
    3: "associate",
    4: "certificate",
    5: "bachelor",
    6: "certificate",
    7: "master",
    8: "certificate",
}
PROGRAM_KEYS = {
    "name",
    "credential",
    "length_months",
    "credit_hours",
    "clock_hours",
    "delivery",
    "tuition_usd",
    "certifications",
    "accreditations",
    "cip",
    "aliases",
    "notes",
}
REQUIRED_PROGRAM_KEYS = PROGRAM_KEYS - {"aliases", "notes"}
EXPECTED_KEYS = {"url", "programs", "institution", "blocked_by_robots", "notes"}
INSTITUTION_KEYS = {"name", "address", "city", "state", "zip"}


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "generate_samples", FIXTURES / "generate_samples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def zip_text(path: Path, member: str, encoding: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(member).decode(encoding)


def csv_rows(path: Path, member: str, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(zip_text(path, member, encoding), newline="")))


def zip_contents(data: bytes) -> list:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, i.date_time, i.CRC, zf.read(i.filename)) for i in zf.infolist()]


def label_files() -> list[Path]:
    return sorted(SITES.rglob("*.expected.json"))


def page_for(label: Path) -> Path:
    stem = label.name[: -len(".expected.json")]
    for suffix in (".html", ".htm"):
        candidate = label.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    raise AssertionError(f"no page beside {label}")


@pytest.fixture(scope="module")
def hd() -> list[dict]:
    rows = csv_rows(ROOT / "ipeds" / "HD2023.zip", "hd2023.csv", "utf-8-sig")
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


# --------------------------------------------------------------------------------------- the generator
def test_generator_reproduces_the_committed_files(tmp_path):
    load_generator().generate(tmp_path)
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(
        p.relative_to(ROOT)
        for d in ("ipeds", "scorecard")
        for p in (ROOT / d).rglob("*")
        if p.is_file()
    )
    assert generated == committed
    for rel in generated:
        new, old = (tmp_path / rel).read_bytes(), (ROOT / rel).read_bytes()
        if rel.suffix == ".zip" and new != old:
            # zips differ only if this machine's zlib deflates differently; their contents must not
            assert zip_contents(new) == zip_contents(old), rel
            warnings.warn(
                f"{rel}: same contents, different deflate output (another zlib build)", stacklevel=2
            )
            continue
        assert new == old, f"{rel} differs from a fresh run of generate_samples.py"


def test_zip_members_have_fixed_timestamps():
    for path in (ROOT / "ipeds").glob("*.zip"):
        with zipfile.ZipFile(path) as zf:
            assert {i.date_time for i in zf.infolist()} == {(2024, 12, 5, 9, 30, 0)}, path.name
            assert zf.testzip() is None


# --------------------------------------------------------------------------------------- IPEDS files
def test_ipeds_zip_members():
    for name, members in IPEDS_EXPECTED["files"].items():
        with zipfile.ZipFile(ROOT / "ipeds" / name) as zf:
            assert sorted(zf.namelist()) == sorted(members)


def test_hd_is_utf8_with_a_bom_like_nces_2023_and_later():
    raw = zipfile.ZipFile(ROOT / "ipeds" / "HD2023.zip").read("hd2023.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    for name in (
        "Cañada College",
        "Universidad Metropolitana — Bayamón",
        "Lehigh Carbon Community College – Schnecksville",
    ):
        assert f'"{name}"' in text
    assert "\r\n" in text
    dep = zipfile.ZipFile(ROOT / "ipeds" / "C2023DEP.zip").read("c2023dep.csv")
    assert dep.startswith(b"\xef\xbb\xbf")
    for member in ("c2023_a.csv", "c2023_a_rv.csv"):
        zipfile.ZipFile(ROOT / "ipeds" / "C2023_A.zip").read(member).decode("utf-8")
    zipfile.ZipFile(ROOT / "ipeds" / "IC2022_PY.zip").read("ic2022_py.csv").decode("utf-8")


def test_hd_layout_and_coverage(hd):
    header = csv_rows(ROOT / "ipeds" / "HD2023.zip", "hd2023.csv", "utf-8-sig")[0]
    for column in (
        "UNITID",
        "INSTNM",
        "ADDR",
        "CITY",
        "STABBR",
        "ZIP",
        "WEBADDR",
        "SECTOR",
        "ICLEVEL",
        "CONTROL",
        "CLOSEDAT",
        "CYACTIVE",
        "LONGITUD",
        "LATITUDE",
    ):
        assert column in header
    assert header.index("LONGITUD") < header.index("LATITUDE")
    assert 400 <= len(hd) <= 600
    states = {r["STABBR"] for r in hd}
    assert len(states) == 52 and {"DC", "PR", "AK", "HI"} <= states
    assert sum(1 for r in hd if "-" in r["ZIP"]) >= 3
    assert sum(1 for r in hd if r["LATITUDE"] == "" and r["LONGITUD"] == "") >= 3
    pr = [r["ZIP"] for r in hd if r["STABBR"] == "PR"]
    assert pr and all(re.match(r"^00[6-9]\d\d", z) for z in pr)
    ids = [r["UNITID"] for r in hd]
    assert len(ids) == len(set(ids))
    assert sorted(IPEDS_EXPECTED["institutions"]["closed"]) == sorted(
        r["UNITID"] for r in hd if r["CYACTIVE"] != "1"
    )


def test_completions_quote_cipcode_and_have_grand_totals():
    text = zip_text(ROOT / "ipeds" / "C2023_A.zip", "c2023_a_rv.csv", "utf-8")
    assert '"51.0713"' in text and '"99"' in text
    header = text.split("\r\n", 1)[0].split(",")
    assert header[:10] == [
        "UNITID",
        "CIPCODE",
        "MAJORNUM",
        "AWLEVEL",
        "XCTOTALT",
        "CTOTALT",
        "XCTOTALM",
        "CTOTALM",
        "XCTOTALW",
        "CTOTALW",
    ]
    rows = csv_rows(ROOT / "ipeds" / "C2023_A.zip", "c2023_a_rv.csv", "utf-8")[1:]
    assert (
        sum(1 for r in rows if len(r) > 1 and r[1] == "99")
        == IPEDS_EXPECTED["c2023_a_rv"]["grand_total_rows"]
    )
    cips = {r[1] for r in rows if len(r) > 1}
    assert {
        "51.3801",
        "52.0201",
        "11.0701",
    } <= cips  # out-of-scope programs are there to be skipped
    levels = {r[3] for r in rows if len(r) > 3}
    assert {"20", "21", "2", "3", "5", "7"} <= levels


def reference_listings(member: str) -> tuple[set, dict]:
    """An independent reading of the completions + directory files: the listing keys and the malformed rows."""
    hd_rows = csv_rows(ROOT / "ipeds" / "HD2023.zip", "hd2023.csv", "utf-8-sig")
    hd_header = hd_rows[0]
    active = {r[0] for r in hd_rows[1:] if dict(zip(hd_header, r, strict=False))["CYACTIVE"] == "1"}
    rows = csv_rows(ROOT / "ipeds" / "C2023_A.zip", member, "utf-8")
    width = len(rows[0])
    keys, bad = set(), defaultdict(int)
    for r in rows[1:]:
        if len(r) != width:
            bad["truncated"] += 1
            continue
        unitid, cip, _, level = r[:4]
        if not unitid.isdigit():
            bad["non_numeric_unitid"] += 1
            continue
        if cip == "99":
            continue
        if not re.fullmatch(r"\d{2}\.\d{4}", cip):
            bad["bad_cipcode"] += 1
            continue
        if not level.isdigit():
            bad["bad_awlevel"] += 1
            continue
        if (
            (cip in CORE or cip in NEIGHBOURS)
            and unitid in active
            and int(level) in CREDENTIAL_OF_AWLEVEL
        ):
            keys.add(f"{unitid}|{cip}|{CREDENTIAL_OF_AWLEVEL[int(level)]}")
    return keys, dict(bad)


def test_expected_listings_match_an_independent_reading():
    keys, bad = reference_listings("c2023_a_rv.csv")
    listings = IPEDS_EXPECTED["listings"]
    assert {k for k in keys if k.split("|")[1] in CORE} == set(listings["core_keys"])
    assert {k for k in keys if k.split("|")[1] in NEIGHBOURS} == set(listings["neighbour_keys"])
    assert listings["core"] == len(listings["core_keys"]) and listings["core"] > 300
    assert bad == IPEDS_EXPECTED["c2023_a_rv"]["malformed_rows"]
    assert set(bad) == {"non_numeric_unitid", "bad_cipcode", "truncated", "bad_awlevel"}


def test_revised_completions_differ_from_the_original():
    rv, _ = reference_listings("c2023_a_rv.csv")
    original, _ = reference_listings("c2023_a.csv")
    revision = IPEDS_EXPECTED["revision"]
    only_rv = revision["listing_only_in_rv"]
    only_orig = revision["listing_only_in_original"]
    assert rv - original == {f"{only_rv['unitid']}|{only_rv['cip']}|{only_rv['credential']}"}
    assert original - rv == {f"{only_orig['unitid']}|{only_orig['cip']}|{only_orig['credential']}"}
    changed = revision["ctotalt_changed"]
    for member, key in (("c2023_a_rv.csv", "ctotalt_rv"), ("c2023_a.csv", "ctotalt_original")):
        rows = csv_rows(ROOT / "ipeds" / "C2023_A.zip", member, "utf-8")
        row = next(
            r
            for r in rows
            if r[:4] == [changed["unitid"], changed["cip"], "1", str(changed["awlevel"])]
        )
        assert int(row[5]) == changed[key]


def test_cdep_layout_and_online_flags():
    rows = csv_rows(ROOT / "ipeds" / "C2023DEP.zip", "c2023dep.csv", "utf-8-sig")
    header = rows[0]
    assert header[:5] == ["UNITID", "CIPCODE", "PTOTAL", "PTOTALDE", "PTOTALDES"]
    for prefix in (
        "PASSOC",
        "PBACHL",
        "PMASTR",
        "PCERT1A",
        "PCERT1B",
        "PCERT2",
        "PCERT4",
        "PPBACC",
    ):
        assert {prefix, prefix + "DE", prefix + "DES"} <= set(header)
    table = {(r[0], r[1]): dict(zip(header, r, strict=False)) for r in rows[1:]}
    assert any(cip == "99" for _, cip in table) and any(len(cip) == 2 for _, cip in table)
    for listing in IPEDS_EXPECTED["sample_listings"]:
        row = table[(listing["unitid"], listing["cip"])]
        de = any(int(row[v["column"] + "DE"]) > 0 for v in listing["cdep"].values())
        assert de == listing["online"], listing["unitid"]


def test_ic_py_layout_and_sample_values():
    rows = csv_rows(ROOT / "ipeds" / "IC2022_PY.zip", "ic2022_py.csv", "utf-8")
    header = rows[0]
    for n in range(1, 7):
        assert {
            f"CIPCODE{n}",
            f"CIPTUIT{n}",
            f"CIPSUPP{n}",
            f"CIPLGTH{n}",
            f"PRGMSR{n}",
            f"MTHCMP{n}",
        } <= set(header)
    table = {r[0]: dict(zip(header, r, strict=False)) for r in rows[1:]}
    checked = 0
    for listing in IPEDS_EXPECTED["sample_listings"]:
        if listing["ic_py"] is None:
            continue
        row = table[listing["unitid"]]
        slot = next(n for n in range(1, 7) if row[f"CIPCODE{n}"] == listing["cip"])
        if (
            slot == 1
        ):  # the real layout: no program tuition, flagged not applicable; CHG1PY3 holds it
            assert (row["CIPTUIT1"], row["XCIPTUI1"]) == (".", "A")
            assert int(row["CHG1PY3"]) == listing["ic_py"]["tuition"]
        else:
            assert int(row[f"CIPTUIT{slot}"]) == listing["ic_py"]["tuition"]
        assert int(row[f"MTHCMP{slot}"]) == listing["ic_py"]["months"]
        assert int(row[f"PRGMSR{slot}"]) == listing["ic_py"]["prgmsr"]
        checked += 1
    assert checked >= 2


def test_sample_listings_agree_with_the_directory(hd):
    by_id = {r["UNITID"]: r for r in hd}
    for listing in IPEDS_EXPECTED["sample_listings"]:
        row = by_id[listing["unitid"]]
        assert (
            row["INSTNM"] == listing["name"]
            and row["CITY"] == listing["city"]
            and row["STABBR"] == listing["state"]
        )
        assert row["ZIP"] == listing["zip_raw"] and row["ZIP"][:5] == listing["zip5"]
        if listing["lat"] is None:
            assert row["LATITUDE"] == ""
        else:
            assert (
                float(row["LATITUDE"]) == listing["lat"]
                and float(row["LONGITUD"]) == listing["lon"]
            )


def test_anchor_places_have_programs_nearby():
    near = IPEDS_EXPECTED["near"]
    for code, minimum in (("60601", 3), ("30301", 3), ("99501", 3), ("00601", 2)):
        found = near[code]["institutions"]
        assert len(found) >= minimum and all(i["miles"] <= 25 for i in found), code


# --------------------------------------------------------------------------------------- Scorecard
def test_scorecard_pages():
    files = sorted((ROOT / "scorecard").glob("schools_p*.json"))
    assert [f.name for f in files] == sorted(SCORECARD_EXPECTED["files"])
    ids = []
    for n in range(SCORECARD_EXPECTED["pages"]):
        page = json.loads((ROOT / "scorecard" / f"schools_p{n}.json").read_text())
        assert page["metadata"] == {"total": SCORECARD_EXPECTED["total"], "page": n, "per_page": 20}
        assert 0 < len(page["results"]) <= 20
        for school in page["results"]:
            assert {
                "id",
                "school.name",
                "school.city",
                "school.state",
                "school.zip",
                "school.school_url",
                "school.ownership",
                "school.online_only",
                "location.lat",
                "location.lon",
                "latest.cost.tuition.in_state",
                "latest.cost.tuition.out_of_state",
                "latest.cost.avg_net_price.overall",
                "latest.programs.cip_4_digit",
            } <= set(school)
            ids.append(str(school["id"]))
    assert 60 <= len(ids) == len(set(ids)) == SCORECARD_EXPECTED["total"] <= 100


def test_scorecard_ids_are_mostly_ipeds_ids(hd):
    unitids = {r["UNITID"] for r in hd}
    assert set(SCORECARD_EXPECTED["ids_in_ipeds"]) <= unitids
    assert not set(SCORECARD_EXPECTED["ids_not_in_ipeds"]) & unitids
    assert len(SCORECARD_EXPECTED["ids_not_in_ipeds"]) >= 3


def test_scorecard_bad_fields_are_present():
    schools = {}
    for n in range(SCORECARD_EXPECTED["pages"]):
        for s in json.loads((ROOT / "scorecard" / f"schools_p{n}.json").read_text())["results"]:
            schools[str(s["id"])] = s
    bad = SCORECARD_EXPECTED["bad_fields"]
    assert schools[bad["lat_not_a_number"][0]]["location.lat"] == "abc"
    assert any(
        isinstance(p, str)
        for p in schools[bad["program_not_an_object"][0]]["latest.programs.cip_4_digit"]
    )
    assert any(
        isinstance(p, dict) and p["credential"] is None
        for p in schools[bad["program_credential_null"][0]]["latest.programs.cip_4_digit"]
    )
    for sid in bad["earnings_privacy_suppressed"]:
        assert "PrivacySuppressed" in json.dumps(schools[sid])
    valid = sum(
        1
        for s in schools.values()
        for p in s["latest.programs.cip_4_digit"]
        if isinstance(p, dict)
        and p.get("code") == "5107"
        and isinstance(p.get("credential"), dict)
        and p["credential"].get("level") in (1, 2, 3, 4, 5)
    )
    assert valid == SCORECARD_EXPECTED["valid_5107_programs"]


# --------------------------------------------------------------------------------------- sites
def test_enough_sites_and_labelled_programs():
    hosts = [p.name for p in SITES.iterdir() if p.is_dir()]
    assert len(hosts) >= 40
    assert sorted(hosts) == sorted(s["host"] for s in INDEX["sites"])
    reachable = 0
    for label in label_files():
        data = json.loads(label.read_text(encoding="utf-8"))
        if not data.get("blocked_by_robots"):
            reachable += len(data["programs"])
    assert reachable >= 55
    assert reachable == INDEX["counts"]["labelled_programs_reachable"]


def test_every_site_has_robots_and_a_home_page():
    kinds = defaultdict(int)
    for site in INDEX["sites"]:
        root = SITES / site["host"]
        robots = (root / "robots.txt").read_text()
        assert "User-agent:" in robots
        assert (root / "index.html").is_file()
        kinds[site["robots"]] += 1
    assert kinds["private"] >= 1 and kinds["none"] >= 1
    assert sum(n for k, n in kinds.items() if k not in ("private", "none")) >= 35
    without_sitemap = [s for s in INDEX["sites"] if not s["sitemap"]]
    assert len(without_sitemap) >= 3


def test_every_site_host_is_a_webaddr_in_hd(hd):
    web_hosts = {}
    for row in hd:
        address = row["WEBADDR"]
        host = urlsplit(address if "://" in address else "//" + address).hostname
        web_hosts[host] = row
    for site in INDEX["sites"]:
        row = web_hosts.get(site["host"])
        assert row is not None, site["host"]
        assert row["UNITID"] == str(site["unitid"]) and row["INSTNM"] == site["name"]
        assert row["ADDR"] == site["address"] and row["ZIP"][:5] == site["zip"]


def test_site_programs_match_the_completions_file():
    rows = csv_rows(ROOT / "ipeds" / "C2023_A.zip", "c2023_a_rv.csv", "utf-8")
    have = defaultdict(set)
    for r in rows[1:]:
        if len(r) > 3 and r[1] != "99":
            have[r[0]].add((r[1], r[3]))
    for site in INDEX["sites"]:
        expected = {(p["cip"], str(p["awlevel"])) for p in site["ipeds_programs"]}
        assert expected <= have[str(site["unitid"])], site["host"]


def test_some_site_programs_are_not_in_ipeds():
    """Non-credit courses IPEDS does not list: the program_pages spider has to create these listings."""
    pages = [p for s in INDEX["sites"] for p in s["program_pages"] if "not_in_ipeds" in p["styles"]]
    assert len(pages) >= 4
    schools_without_any = [
        s["host"]
        for s in INDEX["sites"]
        if "not_in_ipeds" in s["styles"] and not any(p["cip"] in CORE for p in s["ipeds_programs"])
    ]
    assert len(schools_without_any) >= 3


@pytest.mark.parametrize("label", label_files(), ids=lambda p: str(p.relative_to(SITES)))
def test_label_is_valid(label):
    data = json.loads(label.read_text(encoding="utf-8"))
    assert set(data) <= EXPECTED_KEYS and {"url", "programs"} <= set(data)
    host = label.relative_to(SITES).parts[0]
    url = urlsplit(data["url"])
    assert url.scheme == "https" and url.hostname == host
    kind, found = site_file_for(SITES / host, url.path, url.query)
    assert kind == "file" and found == page_for(label).resolve(), (
        "the url must serve the page beside the label"
    )
    assert data["programs"]
    for program in data["programs"]:
        assert set(program) <= PROGRAM_KEYS and REQUIRED_PROGRAM_KEYS <= set(program), program
        assert isinstance(program["name"], str) and program["name"].strip()
        assert program["credential"] in CREDENTIALS
        assert program["delivery"] is None or program["delivery"] in DELIVERIES
        assert set(program["certifications"]) <= set(CERTIFICATIONS)
        assert set(program["accreditations"]) <= set(ACCREDITATIONS)
        for field in ("length_months", "credit_hours", "clock_hours", "tuition_usd"):
            value = program[field]
            assert value is None or (isinstance(value, (int, float)) and value > 0), field
        assert program["length_months"] is None or program["length_months"] <= 60
        assert program["cip"] is None or re.fullmatch(r"\d{2}\.\d{4}", program["cip"])
        if program["cip"]:
            assert program["cip"] in page_for(label).read_text(encoding="utf-8")
    if "institution" in data:
        assert set(data["institution"]) == INSTITUTION_KEYS
        site = next(s for s in INDEX["sites"] if s["host"] == host)
        assert data["institution"] == {
            "name": site["name"],
            "address": site["address"],
            "city": site["city"],
            "state": site["state"],
            "zip": site["zip"],
        }
        assert data["institution"]["address"] in page_for(label).read_text(encoding="utf-8")


def test_every_program_page_is_labelled():
    listed = {(s["host"], p["file"]) for s in INDEX["sites"] for p in s["program_pages"]}
    labelled = {
        (
            l.relative_to(SITES).parts[0],
            str(page_for(l).relative_to(SITES / l.relative_to(SITES).parts[0])),
        )
        for l in label_files()
    }
    assert listed == labelled
    # any page carrying schema.org program markup must be a labelled program page
    for page in SITES.rglob("*.htm*"):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "EducationalOccupationalProgram" in text:
            host = page.relative_to(SITES).parts[0]
            assert (host, str(page.relative_to(SITES / host))) in labelled, page


def test_robots_blocked_pages_really_are_disallowed():
    from protego import Protego

    for label in label_files():
        data = json.loads(label.read_text(encoding="utf-8"))
        host = label.relative_to(SITES).parts[0]
        robots = Protego.parse((SITES / host / "robots.txt").read_text())
        allowed = robots.can_fetch(data["url"], "ProgramsNearYouBot")
        assert allowed == (not data.get("blocked_by_robots")), data["url"]
