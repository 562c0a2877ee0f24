"""ops/ipeds_snapshot.py, the command that cuts the shipped snapshot (ops/snapshot/ipeds) from full NCES
files: it keeps what ops/snapshot/ipeds/PROVENANCE.md says it keeps, byte for byte, writes the manifest
with each year's vintage, and gives the same bytes twice. Then the ipeds spider crawls both the full
files and the cut: the same listings, and completions from first-major rows only.

The files are built here in the NCES layouts (the columns of tests/fixtures/generate_samples.py),
with fictional institutions (UNITIDs 9000xx).
"""

from __future__ import annotations

import codecs
import importlib.util
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ops.ipeds_snapshot import build_snapshot, main
from programs.store import open_store

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "generate_samples", ROOT / "tests" / "fixtures" / "generate_samples.py"
)
layout = importlib.util.module_from_spec(spec)
spec.loader.exec_module(layout)

# UNITIDs of the fictional institutions
HEALTH = "900001"  # first-major 51.0713 (and a second major), other families, a grand total row
NURSING = "900002"  # first-major 51.0707 and 51.3801 (family 51, out of the service's scope)
SECOND_ONLY = "900003"  # family 51 only as a second major; a first major in another family
OTHER = "900004"  # no family 51 row at all
NO_AWARDS = "900006"  # in the directory, no completions row
NO_DIRECTORY = "900005"  # a first-major 51.0706 row, no directory row


def csv_line(values: dict, columns: list[str], text: set[str], end: str) -> str:
    """One line as NCES writes it: text quoted, numbers bare, blanks empty."""
    out = []
    for column in columns:
        value = values.get(column, "")
        if value == "":
            out.append("")
        elif column in text or column.startswith("X"):
            out.append('"' + str(value) + '"')
        else:
            out.append(str(value))
    return ",".join(out) + end


def completions_row(unitid: str, cip: str, major: int, level: int, total: int) -> dict:
    return {
        "UNITID": unitid,
        "CIPCODE": cip,
        "MAJORNUM": major,
        "AWLEVEL": level,
        "XCTOTALT": "R",
        "CTOTALT": total,
        "CTOTALM": total // 2,
        "CTOTALW": total - total // 2,
    }


def directory_row(unitid: str, name: str, zip5: str, lat: str, lon: str) -> dict:
    return {
        "UNITID": unitid,
        "INSTNM": name,
        "ADDR": "100 Fictional Way",
        "CITY": "Chicago",
        "STABBR": "IL",
        "ZIP": zip5,
        "WEBADDR": f"www.fictional{unitid}.edu/",
        "CYACTIVE": 1,
        "LATITUDE": lat,
        "LONGITUD": lon,
    }


# (row, kept by the cut) in file order
C2024_A = [
    (completions_row(HEALTH, "11.0701", 1, 3, 4), False),
    (completions_row(HEALTH, "51.0713", 1, 2, 12), True),
    (completions_row(HEALTH, "51.0713", 2, 2, 3), False),
    (completions_row(HEALTH, "52.0201", 1, 5, 30), False),
    (completions_row(HEALTH, "99", 1, 2, 12), False),
    (completions_row(NURSING, "51.0707", 1, 3, 9), True),
    (completions_row(NURSING, "51.3801", 1, 5, 40), True),
    (completions_row(SECOND_ONLY, "24.0101", 1, 5, 20), False),
    (completions_row(SECOND_ONLY, "51.0714", 2, 5, 2), False),
    (completions_row(OTHER, "52.0201", 1, 3, 7), False),
    (completions_row(NO_DIRECTORY, "51.0706", 1, 5, 5), True),
]
HD2024 = [
    (
        directory_row(HEALTH, "Lakeview Health Institute (fictional)", "60601", "41.88", "-87.62"),
        True,
    ),
    (
        directory_row(NURSING, "Riverbend Nursing College (fictional)", "60605", "41.87", "-87.62"),
        True,
    ),
    (
        directory_row(SECOND_ONLY, "Prairie Arts College (fictional)", "60607", "41.87", "-87.65"),
        False,
    ),
    (directory_row(OTHER, "Harbor Business School (fictional)", "60610", "41.90", "-87.63"), False),
    (directory_row(NO_AWARDS, "Elm Street Academy (fictional)", "60611", "41.89", "-87.62"), False),
]
IC2023_PY = [  # CIP codes written as numbers, missing values "." (as the real IC2023_PY)
    (
        {
            "UNITID": HEALTH,
            "CIPCODE1": "51.0713",
            "CIPTUIT1": ".",
            "XCIPTUI1": "A",
            "CHG1PY3": "14200",
            "CIPLGTH1": "36",
            "PRGMSR1": "2",
            "MTHCMP1": "10",
        },
        True,
    ),
    ({"UNITID": SECOND_ONLY, "CIPCODE1": "51.0714", "CIPTUIT1": "9000"}, False),
    ({"UNITID": OTHER, "CIPCODE1": "12.041", "CIPTUIT1": "8000"}, False),
]
C2024DEP = [
    ({"UNITID": HEALTH, "CIPCODE": "51.0713", "PCERT2": 1, "PCERT2DE": 1}, True),
    ({"UNITID": OTHER, "CIPCODE": "52.0201", "PASSOC": 1}, False),
]
# an older year: the directory in cp1252 with padded values, as NCES wrote 2022 and earlier
C2022_A = [
    (completions_row(HEALTH, "51.0713", 1, 1, 8), True),
    (completions_row(OTHER, "52.0201", 1, 3, 6), False),
]
HD2022 = [
    (
        {
            **directory_row(
                HEALTH,
                "Lakeview Health Institute – Técnico (fictional)",
                "60601",
                " 41.88",
                "-87.62",
            ),
            "IALIAS": " ",
            "ADMINURL": "A ",
        },
        True,
    ),
    (directory_row(OTHER, "Harbor Business School (fictional)", "60610", "41.90", "-87.63"), False),
]

C_A_TEXT = {"CIPCODE"}
IC_PY_TEXT: set[str] = set()
CDEP_TEXT = {"CIPCODE"}
# stem: (member, columns, text columns, rows, encoding, BOM, line end)
FILES = {
    "C2024_A": ("c2024_a.csv", layout.C_A_COLUMNS, C_A_TEXT, C2024_A, "utf-8", False, "\r\n"),
    "HD2024": ("hd2024.csv", layout.HD_COLUMNS, layout.HD_TEXT, HD2024, "utf-8", True, "\r\n"),
    "IC2023_PY": (
        "ic2023_py.csv",
        layout.IC_PY_COLUMNS,
        IC_PY_TEXT,
        IC2023_PY,
        "utf-8",
        False,
        "\n",
    ),
    "C2024DEP": ("c2024dep.csv", layout.CDEP_COLUMNS, CDEP_TEXT, C2024DEP, "utf-8", True, "\r\n"),
    "C2022_A": ("c2022_a.csv", layout.C_A_COLUMNS, C_A_TEXT, C2022_A, "utf-8", False, "\r\n"),
    "HD2022": ("hd2022.csv", layout.HD_COLUMNS, layout.HD_TEXT, HD2022, "cp1252", False, "\r\n"),
}


def lines_of(stem: str) -> tuple[bytes, list[bytes], list[bool]]:
    """(header line, data lines, kept) of a file as bytes."""
    _, columns, text, rows, encoding, _, end = FILES[stem]
    header = (",".join(columns) + end).encode(encoding)
    data = [csv_line(values, columns, text, end).encode(encoding) for values, _ in rows]
    return header, data, [kept for _, kept in rows]


def write_full_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, (member, *_, bom, _end) in FILES.items():
        header, data, _ = lines_of(stem)
        body = (codecs.BOM_UTF8 if bom else b"") + header + b"".join(data)
        with zipfile.ZipFile(folder / f"{stem}.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(member, body)


def member_bytes(path: Path) -> tuple[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        (name,) = zf.namelist()
        return name, zf.read(name)


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("nces") / "full"
    write_full_files(folder)
    return folder


@pytest.fixture(scope="module")
def cut(full, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("cut") / "ipeds"
    return out, build_snapshot(full, out, [2024, 2022])


@pytest.mark.parametrize("stem", sorted(FILES))
def test_the_cut_keeps_exactly_the_rows_provenance_names_byte_for_byte(cut, stem):
    out, _ = cut
    member, *_, bom, _end = FILES[stem]
    header, data, kept = lines_of(stem)
    name, body = member_bytes(out / f"{stem}.zip")
    assert name == member
    expected = header + b"".join(line for line, keep in zip(data, kept, strict=True) if keep)
    assert body == (codecs.BOM_UTF8 if bom else b"") + expected


def test_the_cut_keeps_first_major_family_51_rows_and_the_institutions_they_name(cut):
    """PROVENANCE.md: completions = first-major rows of CIP family 51; directory, IC_PY (and CDEP) =
    the rows of the institutions those rows name. Read back as a user of the cut would."""
    out, _ = cut
    _, body = member_bytes(out / "C2024_A.zip")
    rows = [line.split(",") for line in body.decode().splitlines()[1:]]
    assert {(r[0], r[1].strip('"'), r[2]) for r in rows} == {
        (HEALTH, "51.0713", "1"),
        (NURSING, "51.0707", "1"),
        (NURSING, "51.3801", "1"),
        (NO_DIRECTORY, "51.0706", "1"),
    }
    for stem in ("HD2024", "IC2023_PY", "C2024DEP"):
        _, body = member_bytes(out / f"{stem}.zip")
        unitids = {line.split(",")[0] for line in body.decode("utf-8-sig").splitlines()[1:]}
        assert unitids <= {HEALTH, NURSING, NO_DIRECTORY}, stem
    _, body = member_bytes(out / "HD2024.zip")
    assert {line.split(",")[0] for line in body.decode("utf-8-sig").splitlines()[1:]} == {
        HEALTH,
        NURSING,
    }


def test_the_manifest_names_each_years_files_and_vintage(cut):
    out, manifest = cut
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest
    assert manifest["default_year"] == 2024
    assert manifest["source_base_url"] == "https://nces.ed.gov/ipeds/datacenter/data/"
    assert manifest["years"] == {
        "2024": {
            "vintage": "IPEDS 2023\u201324 completions and 2024 directory, NCES",
            "files": ["C2024DEP", "C2024_A", "HD2024", "IC2023_PY"],
        },
        # no IC2021_PY nor C2022DEP in the folder: the year holds only what was there
        "2022": {
            "vintage": "IPEDS 2021\u201322 completions and 2022 directory, NCES",
            "files": ["C2022_A", "HD2022"],
        },
    }
    rows = {stem: info["rows"] for stem, info in manifest["files"].items()}
    assert rows == {stem: sum(kept for _, kept in FILES[stem][3]) for stem in FILES}
    for stem, info in manifest["files"].items():
        assert info["source_url"] == f"https://nces.ed.gov/ipeds/datacenter/data/{stem}.zip"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{stem}.zip" for stem in FILES] + ["manifest.json"]
    )


def test_the_cut_is_deterministic(full, cut, tmp_path):
    out, _ = cut
    again = tmp_path / "again"
    assert main(["--from", str(full), "--years", "2024", "2022", "--out", str(again)]) == 0
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in out.iterdir())
    for path in out.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_command_prints_the_rows_it_kept(full, tmp_path, capsys):
    assert main(["--from", str(full), "--years", "2024", "--out", str(tmp_path / "o")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "C2024DEP: 1 rows",
        "C2024_A: 4 rows",
        "HD2024: 2 rows",
        "IC2023_PY: 1 rows",
    ]


def test_a_missing_required_file_stops_the_command(full, tmp_path):
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "C2024_A.zip").write_bytes((full / "C2024_A.zip").read_bytes())
    with pytest.raises(SystemExit, match="HD2024.zip is missing"):
        build_snapshot(partial, tmp_path / "o", [2024])


# ------------------------------------------------------------------ the spider on full files and on the cut
def crawl_folder(folder: Path, tmp: Path) -> tuple[str, list]:
    """(the crawl's log, the listings it stored)."""
    store_url = f"sqlite:///{tmp / 'programs.db'}"
    argv = [sys.executable, "-m", "ops.cli", "--store", store_url, "crawl", "ipeds"]
    argv += ["--snapshot", str(folder), "--year", "2024", "--log-dir", str(tmp / "logs")]
    result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    store = open_store(store_url)
    listings = [lst for batch in store.iter_listings() for lst in batch]
    store.close()
    log = "\n".join(p.read_text(errors="replace") for p in sorted((tmp / "logs").glob("*.log")))
    return log, listings


def listing_facts(listings) -> dict[tuple[str, str, str], dict]:
    out = {}
    for lst in listings:
        (ref,) = lst.sources
        key = (lst.institution.unitid, lst.program.cip, lst.program.credential)
        out[key] = {
            "completions": ref.fields.get("outcomes.completions"),
            "tuition": ref.fields.get("program.tuition_usd"),
        }
    return out


@pytest.fixture(scope="module")
def crawls(full, cut, tmp_path_factory):
    # the full folder, read as a snapshot: its manifest names the files it holds
    (full / "manifest.json").write_text(
        json.dumps(
            {
                "default_year": 2024,
                "years": {"2024": {"files": sorted(cut[1]["years"]["2024"]["files"])}},
            }
        ),
        encoding="utf-8",
    )
    return {
        "full": crawl_folder(full, tmp_path_factory.mktemp("crawl_full")),
        "cut": crawl_folder(cut[0], tmp_path_factory.mktemp("crawl_cut")),
    }


def test_completions_count_first_major_rows_and_second_majors_alone_give_no_listing(crawls):
    log, listings = crawls["full"]
    facts = listing_facts(listings)
    # 12 first-major awards; the 3 of the second major are the same graduates counted again
    assert facts[(HEALTH, "51.0713", "certificate")] == {"completions": 12, "tuition": 14200}
    assert facts[(NURSING, "51.0707", "associate")]["completions"] == 9
    # 51.0714 only as a second major: no listing, and its school is no health-professions school
    assert not [key for key in facts if key[0] == SECOND_ONLY]
    assert set(facts) == {(HEALTH, "51.0713", "certificate"), (NURSING, "51.0707", "associate")}
    # the two second-major rows are skipped and counted
    assert re.findall(r"'programs/ipeds/second_major_rows': (\d+)[,}]", log) == ["2"]


def test_the_spider_finds_the_same_listings_in_the_cut_as_in_the_full_files(crawls):
    assert listing_facts(crawls["cut"][1]) == listing_facts(crawls["full"][1])
