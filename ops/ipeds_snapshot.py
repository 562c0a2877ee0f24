"""Cut the shipped IPEDS snapshot (``ops/snapshot/ipeds/``, package data) from full NCES files.

    python -m ops.ipeds_snapshot --from DIR [--years 2024 2023] [--out ops/snapshot/ipeds]

``DIR`` holds the NCES zips as published at https://nces.ed.gov/ipeds/datacenter/data/
(``C{Y}_A.zip``, ``HD{Y}.zip`` and, when present, ``IC{Y-1}_PY.zip`` and ``C{Y}DEP.zip``).
The cut keeps, per year:

* ``C{Y}_A``: the first-major rows (``MAJORNUM`` = 1) of CIP family 51 (health professions),
  every column, each line as NCES wrote it;
* ``HD{Y}``: the directory rows of the institutions those rows name, unchanged;
* ``IC{Y-1}_PY`` (program-reporter charges of the academic year of ``C{Y}_A``'s awards) and
  ``C{Y}DEP``: the rows of the same institutions, unchanged.

Lines are copied byte for byte (encoding, BOM, quoting and line ends stay NCES's), so the
spider reads the cut through the same code path as a download. ``manifest.json`` names the
files the snapshot holds and each one's vintage; the spider treats a file the manifest does
not list as not published, not as a failed download.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from crawler.ipeds_files import choose_member, detect_encoding

NCES_BASE_URL = "https://nces.ed.gov/ipeds/datacenter/data/"
HEALTH_FAMILY = "51."
MANIFEST = "manifest.json"


def _lines(zf: zipfile.ZipFile, member: str) -> tuple[str, Iterator[str]]:
    """(encoding, the member's text lines with their line ends)."""
    encoding = detect_encoding(zf, member)
    text = io.TextIOWrapper(zf.open(member), encoding=encoding, newline="")
    return encoding, iter(text)


def _fields(line: str) -> list[str]:
    return next(csv.reader([line]), [])


def cut_lines(lines: Iterable[str], keep) -> Iterator[str]:
    """The header line, then each line whose row (a dict of upper-case names) ``keep`` accepts."""
    it = iter(lines)
    header_line = next(it)
    names = [h.strip().lstrip("\ufeff").upper() for h in _fields(header_line)]
    yield header_line
    for line in it:
        if line.strip() and keep(
            dict(zip(names, (v.strip() for v in _fields(line)), strict=False))
        ):
            yield line


def first_major_health_row(row: dict[str, str]) -> bool:
    return (row.get("MAJORNUM") or "1") == "1" and (row.get("CIPCODE") or "").startswith(
        HEALTH_FAMILY
    )


def _unitid(row: dict[str, str]) -> str:
    text = (row.get("UNITID") or "").strip()
    return str(int(text)) if text.isdigit() else ""


def cut_file(source: Path, target: Path, keep) -> int:
    """Write ``target`` (a zip with one CSV named like the source's) with the kept rows; rows kept."""
    with zipfile.ZipFile(source) as zf:
        member = choose_member(zf.namelist())
        with zf.open(member) as handle:
            bom = handle.read(3) == codecs.BOM_UTF8
        encoding, lines = _lines(zf, member)
        kept = list(cut_lines(lines, keep))
    data = "".join(kept).encode("utf-8" if encoding == "utf-8-sig" else encoding)
    if bom:  # utf-8-sig reading dropped it; NCES wrote one, so the cut keeps it
        data = codecs.BOM_UTF8 + data
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        info = zipfile.ZipInfo(member.split("/")[-1], date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(info, data, compresslevel=9)
    return len(kept) - 1


def cut_year(source_dir: Path, out_dir: Path, year: int) -> dict[str, dict]:
    """Cut one year's files; the manifest entries of what was written."""
    files: dict[str, dict] = {}
    unitids: set[str] = set()

    def completions(row: dict[str, str]) -> bool:
        if first_major_health_row(row):
            unitids.add(_unitid(row))
            return True
        return False

    def named(row: dict[str, str]) -> bool:
        return _unitid(row) in unitids

    plan = [
        (f"C{year}_A", completions, f"completions July {year - 1}-June {year}", True),
        (f"HD{year}", named, f"institution directory {year}", True),
        (f"IC{year - 1}_PY", named, f"program-reporter charges {year - 1}-{str(year)[2:]}", False),
        (f"C{year}DEP", named, f"distance education by program {year - 1}-{str(year)[2:]}", False),
    ]
    for stem, keep, what, required in plan:
        source = source_dir / f"{stem}.zip"
        if not source.is_file():
            if required:
                raise SystemExit(f"{source} is missing: it is needed for {year}")
            continue
        rows = cut_file(source, out_dir / f"{stem}.zip", keep)
        files[stem] = {"what": what, "rows": rows, "source_url": f"{NCES_BASE_URL}{stem}.zip"}
    return files


def build_snapshot(source_dir: Path, out_dir: Path, years: Iterable[int]) -> dict:
    """Cut every year into ``out_dir`` and write its manifest; the manifest."""
    years = list(years)
    files: dict[str, dict] = {}
    for year in years:
        files.update(cut_year(source_dir, out_dir, year))
    manifest = {
        "publisher": "U.S. Department of Education, National Center for Education Statistics (IPEDS)",
        "source_base_url": NCES_BASE_URL,
        "default_year": years[0],
        "years": {
            str(y): {
                "vintage": f"IPEDS {y - 1}\u2013{str(y)[2:]} completions and {y} directory, NCES",
                "files": sorted(
                    s for s in files if s in (f"C{y}_A", f"HD{y}", f"IC{y - 1}_PY", f"C{y}DEP")
                ),
            }
            for y in years
        },
        "files": files,
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", required=True, help="folder of full NCES zips")
    parser.add_argument("--years", type=int, nargs="+", default=[2024, 2023])
    parser.add_argument("--out", default="ops/snapshot/ipeds")
    args = parser.parse_args(argv)
    manifest = build_snapshot(Path(args.source), Path(args.out), args.years)
    for stem, info in sorted(manifest["files"].items()):
        print(f"{stem}: {info['rows']} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
