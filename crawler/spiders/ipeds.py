"""IPEDS bulk files -> one listing per institution x CIP x credential.

Fetches, for one year (``-a year=2023`` or ``IPEDS_YEAR``), from ``IPEDS_BASE_URL``:
completions ``C{YYYY}_A`` (required: which programs exist), distance education
``C{YYYY}DEP`` (optional: the per-program online flag), program-reporter tuition
and length ``IC{YYYY}_PY`` (optional) and the directory ``HD{YYYY}`` (required:
name, address, web site, coordinates). Only in-scope CIP codes are kept. A
malformed row drops with a counted reason; a missing optional file makes the
run partial (no removals), a missing required file fails it.

Which files go together: ``C{Y}_A`` counts the awards of July Y-1 to June Y, so
the program charges of that academic year are ``IC{Y-1}_PY`` (NCES names the
institutional characteristics files by the year the academic year starts).
Completions are counted on first-major rows only (``MAJORNUM`` = 1: the IPEDS award
count; a second major is the same graduate counted again): a ``MAJORNUM`` 2 row is
skipped (counted as ``second_major_rows``), so a program with second majors only gives
no listing; any other value drops the row (``ipeds_bad_majornum``). A completions file
without a ``MAJORNUM`` column (not NCES's layout: its ``C{Y}_A`` files have one) is
taken as first-major rows: every row counts.

``IPEDS_BASE_URL`` may be a web address or a local folder (``file://...``): the
shipped snapshot (``ops/snapshot/ipeds``) is read through this same code path. A folder
with a ``manifest.json`` says which files it holds; a file it does not hold is
treated as not published (no request, the run stays complete). Listings record
``IPEDS_PUBLIC_BASE_URL`` (where NCES publishes the file), not the address the file
was read from, so a re-crawl of the same data from elsewhere changes nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import scrapy

from programs.errors import InvalidInput
from programs.listing_builder import SHORT_COURSE_AWARD_LEVEL
from programs.normalize import credential_from_award_level, in_scope, normalize_cip

from .. import stats_keys as sk
from ..drops import count_drop
from ..ipeds_files import IpedsFileError, iter_rows
from ..items import InstitutionItem, ListingItem
from . import ProgramsSpider

# Institutions with completions in this CIP family (health professions) but none in scope go into the
# institution directory, so program_pages can look for non-credit coding courses on their sites.
HEALTH_PROFESSIONS_FAMILY = "51."
# IPEDS award level -> the CDEP column prefix counting programs at that level
# (P<x> offered, P<x>DE offered entirely at a distance, P<x>DES offered with some distance education).
CDEP_COLUMNS = {
    20: "PCERT1A",
    21: "PCERT1B",
    1: "PCERT1",
    2: "PCERT2",
    3: "PASSOC",
    4: "PCERT4",
    5: "PBACHL",
    6: "PPBACC",
    7: "PMASTR",
    8: "PPMAST",
}
# Certificate award levels from shortest to longest, to name a merged certificate listing.
LEVEL_ORDER = [20, 21, 1, 2, 4, 6, 8, 3, 5, 7]
# IC_PY PRGMSR (how the program length is measured).
MEASURE_CLOCK_HOURS = "1"
MEASURE_CREDIT_HOURS = "2"
# IC_PY imputation flag "not applicable": slot 1's CIPTUIT1 is "." with XCIPTUI1 = "A" at institutions
# with full-time first-time undergraduates; that program's tuition and fees are then in CHG1PY3
# (the current year's published charge) and its books and supplies in CHG4PY3.
NOT_APPLICABLE = "A"
MANIFEST = "manifest.json"


def reporter_slot(row: dict, i: int) -> dict:
    """Tuition, supplies, length, measure and months of program slot ``i`` (1-6) of an IC_PY row."""
    tuition, supplies = _int(row.get(f"CIPTUIT{i}")), _int(row.get(f"CIPSUPP{i}"))
    if i == 1 and tuition is None and (row.get("XCIPTUI1") or "").strip() == NOT_APPLICABLE:
        tuition = _int(row.get("CHG1PY3"))
        if supplies is None:
            supplies = _int(row.get("CHG4PY3"))
    return {
        "tuition": tuition,
        "supplies": supplies,
        "length": _int(row.get(f"CIPLGTH{i}")),
        "measure": (row.get(f"PRGMSR{i}") or "").strip(),
        "months": _int(row.get(f"MTHCMP{i}")),
    }


def read_manifest(base_url: str, year: str) -> tuple[set[str] | None, str | None]:
    """(the file stems a local snapshot holds for ``year``, its vintage); (None, None) for a
    web address or a folder without a manifest."""
    parsed = urlparse(base_url)
    if parsed.scheme != "file":
        return None, None
    path = Path(unquote(parsed.path)) / MANIFEST
    if not path.is_file():
        return None, None
    manifest = json.loads(path.read_text(encoding="utf-8"))
    entry = (manifest.get("years") or {}).get(year)
    if entry is None:
        return set(), None
    return set(entry.get("files") or ()), entry.get("vintage")


def default_vintage(year: str) -> str:
    y = int(year)
    return f"IPEDS {y - 1}\u2013{str(y)[2:]} completions and {y} directory, NCES"


@dataclass
class ProgramGroup:
    """Completions rows of one institution x CIP x credential class (short courses apart)."""

    unitid: str
    cip: str
    credential: str
    levels: set[int] = field(default_factory=set)
    completions: int = 0

    @property
    def award_level(self) -> int:
        return max(self.levels, key=LEVEL_ORDER.index)


def delivery_from_cdep(programs: int, fully_distance: int, some_distance: int) -> str:
    """CDEP counts -> delivery. ``DE`` means the program *can be completed entirely at a
    distance*; it may also be offered on campus (NCES data dictionary), so a program with any
    distance education is ``hybrid`` (offered online, possibly in person too), not ``online``:
    an online-only label would hide it from people who look for a program they can attend.
    None -> ``on_campus``. (``online`` comes from sources that say a school or program is
    online only: the school's page, Scorecard's ``online_only``.)"""
    if fully_distance > 0 or some_distance > 0:
        return "hybrid"
    return "on_campus"


def _int(value: str | None) -> int | None:
    if value is None or value.strip() in ("", "."):
        return None
    try:
        return int(float(value))
    except (ValueError, OverflowError):  # "abc", "nan"; "inf", "1e400"
        return None


class IpedsSpider(ProgramsSpider):
    name = "ipeds"
    custom_settings = {"DOWNLOAD_MAXSIZE": 512 * 1024 * 1024, "DOWNLOAD_WARNSIZE": 0}

    def __init__(self, *args, year: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        if year:
            self.run_args["year"] = year

    async def start(self):
        settings = self.crawler.settings
        self.year = str(self.year or settings.get("IPEDS_YEAR"))
        if not self.year.isdigit() or len(self.year) != 4:
            self.mark_failed(f"year must be four digits, got {self.year!r}")
            return
        self.base = settings.get("IPEDS_BASE_URL").rstrip("/") + "/"
        self.public_base = (
            settings.get("IPEDS_PUBLIC_BASE_URL") or settings.get("IPEDS_BASE_URL")
        ).rstrip("/") + "/"
        try:
            self.held, manifest_vintage = read_manifest(self.base, self.year)
        except (OSError, ValueError) as exc:
            self.mark_failed(f"the snapshot's {MANIFEST} cannot be read: {exc}")
            return
        self.vintage = (
            settings.get("SOURCE_VINTAGE") or manifest_vintage or default_vintage(self.year)
        )
        if self.held is not None and f"C{self.year}_A" not in self.held:
            self.mark_failed(f"the snapshot at {self.base} holds no IPEDS {self.year} files")
            return
        self.include_neighbours = settings.getbool("IPEDS_INCLUDE_NEIGHBOURS")
        self.groups: dict[tuple[str, str, str, bool], ProgramGroup] = {}
        self.distance: dict[tuple[str, str, int], tuple[int, int]] = {}
        self.reporter: dict[tuple[str, str], dict] = {}
        self.health_unitids: set[str] = set()
        yield self._file_request(f"C{self.year}_A", self.parse_completions, required=True)

    def _file_request(self, stem: str, callback, *, required: bool) -> scrapy.Request:
        return scrapy.Request(
            f"{self.base}{stem}.zip",
            callback=callback,
            errback=self.file_failed,
            cb_kwargs={},
            meta={"stem": stem, "required": required},
            dont_filter=True,
        )

    def _next_after(self, stem: str) -> scrapy.Request | None:
        order = [
            (f"C{self.year}DEP", self.parse_distance, False),
            (f"IC{int(self.year) - 1}_PY", self.parse_reporter, False),
            (f"HD{self.year}", self.parse_directory, True),
        ]
        stems = [s for s, _, _ in order]
        index = stems.index(stem) + 1 if stem in stems else 0
        while index < len(order):
            s, callback, required = order[index]
            if required or self.held is None or s in self.held:
                return self._file_request(s, callback, required=required)
            self.crawler.stats.inc_value(sk.IPEDS_FILES_NOT_IN_SNAPSHOT)
            index += 1
        return None

    def file_failed(self, failure):
        request = failure.request
        stem, required = request.meta["stem"], request.meta["required"]
        if required:
            self.mark_failed(f"{stem}.zip could not be fetched: {failure.getErrorMessage()}")
            return None
        self.mark_incomplete(f"{stem}.zip could not be fetched: {failure.getErrorMessage()}")
        return self._next_after(stem)

    def _rows(self, response, stem: str):
        try:
            yield from iter_rows(response.body)
        except IpedsFileError as exc:
            if response.meta.get("required"):
                self.mark_failed(f"{stem}.zip: {exc}")
            else:
                self.mark_incomplete(f"{stem}.zip: {exc}")

    def _unitid_cip(self, row, stem: str) -> tuple[str, str | None] | None:
        """(UNITID, normalised CIP) of a row; None (counted as a drop) when either is malformed."""
        unitid = (row.get("UNITID") or "").strip()
        if not unitid.isdigit():
            self._bad_row("ipeds_bad_unitid", stem, row)
            return None
        try:
            return str(int(unitid)), normalize_cip(row.get("CIPCODE") or "")
        except InvalidInput:
            self._bad_row("ipeds_bad_cipcode", stem, row)
            return None

    def _bad_row(self, reason: str, stem: str, row) -> None:
        count_drop(self.crawler.stats, reason, f"{stem}: {str(row)[:200]}", logger=self.logger)

    # ---------------------------------------------------------------- files
    def parse_completions(self, response):
        stem = response.meta["stem"]
        for row in self._rows(response, stem):
            if None in row or any(v is None for v in row.values()):
                self._bad_row("ipeds_malformed_row", stem, row)
                continue
            if "MAJORNUM" in row and not self._first_major(row, stem):
                continue
            if (row.get("CIPCODE") or "").strip() in ("99", "99.0000"):
                continue  # the grand-total row
            keyed = self._unitid_cip(row, stem)
            if keyed is None:
                continue
            unitid, cip = keyed
            if cip and cip.startswith(HEALTH_PROFESSIONS_FAMILY):
                self.health_unitids.add(unitid)
            if not cip or not in_scope(cip, include_neighbours=self.include_neighbours):
                continue
            level = _int(row.get("AWLEVEL"))
            if level is None:
                self._bad_row("ipeds_bad_awlevel", stem, row)
                continue
            credential = credential_from_award_level(level)
            if credential is None:
                self.crawler.stats.inc_value(sk.IPEDS_OUT_OF_SCOPE_AWARD_LEVEL)
                continue
            # a short course (award level 20) is a program of its own beside a longer certificate
            key = (unitid, cip, credential, level == SHORT_COURSE_AWARD_LEVEL)
            group = self.groups.setdefault(key, ProgramGroup(key[0], cip, credential))
            group.levels.add(level)
            group.completions += _int(row.get("CTOTALT")) or 0
        if self.failed_reason:
            return
        self.crawler.stats.set_value(sk.IPEDS_PROGRAM_GROUPS, len(self.groups))
        yield self._next_after(stem)

    def _first_major(self, row, stem: str) -> bool:
        """True for a first-major row; a second major is counted apart, any other value dropped."""
        major = _int(row["MAJORNUM"])
        if major == 1:
            return True
        if major == 2:
            self.crawler.stats.inc_value(sk.IPEDS_SECOND_MAJOR_ROWS)
        else:
            self._bad_row("ipeds_bad_majornum", stem, row)
        return False

    def parse_distance(self, response):
        stem = response.meta["stem"]
        wanted = {(g.unitid, g.cip) for g in self.groups.values()}
        for row in self._rows(response, stem):
            if None in row:
                self._bad_row("ipeds_malformed_row", stem, row)
                continue
            key = self._unitid_cip(row, stem)
            if key is None or key not in wanted:
                continue
            for level, column in CDEP_COLUMNS.items():
                total = _int(row.get(column))
                if total:
                    self.distance[(key[0], key[1], level)] = (
                        total,
                        _int(row.get(column + "DE")) or 0,
                        _int(row.get(column + "DES")) or 0,
                    )
        yield self._next_after(stem)

    def parse_reporter(self, response):
        stem = response.meta["stem"]
        wanted = {(g.unitid, g.cip) for g in self.groups.values()}
        for row in self._rows(response, stem):
            unitid = row.get("UNITID") or ""
            if None in row or not unitid.isdigit():
                self._bad_row("ipeds_malformed_row", stem, row)
                continue
            for i in range(1, 7):
                try:
                    cip = normalize_cip(row.get(f"CIPCODE{i}") or "")
                except InvalidInput:
                    continue
                key = (str(int(unitid)), cip)
                if cip and key in wanted:
                    self.reporter[key] = reporter_slot(row, i)
        yield self._next_after(stem)

    def parse_directory(self, response):
        stem = response.meta["stem"]
        by_unitid: dict[str, list[ProgramGroup]] = defaultdict(list)
        for group in self.groups.values():
            by_unitid[group.unitid].append(group)
        seen: set[str] = set()
        for row in self._rows(response, stem):
            unitid = row.get("UNITID") or ""
            if not unitid.isdigit():
                self._bad_row("ipeds_bad_unitid", stem, row)
                continue
            unitid = str(int(unitid))
            if unitid not in by_unitid:
                if (
                    unitid in self.health_unitids
                    and row.get("WEBADDR")
                    and (row.get("CYACTIVE") or "1") == "1"
                ):
                    yield InstitutionItem(
                        source=self.name,
                        unitid=unitid,
                        name=row.get("INSTNM"),
                        url=row.get("WEBADDR"),
                        zip=row.get("ZIP"),
                    )
                continue
            if None in row or not row.get("INSTNM"):
                self._bad_row("ipeds_malformed_row", stem, row)
                continue
            if (row.get("CYACTIVE") or "1").strip() not in ("1", ""):
                self.crawler.stats.inc_value(sk.IPEDS_INACTIVE_INSTITUTION)
                seen.add(unitid)  # known, but closed: its programs are not offered
                continue
            seen.add(unitid)
            institution = {
                "name": row.get("INSTNM"),
                "url": row.get("WEBADDR") or None,
                "address": row.get("ADDR"),
                "city": row.get("CITY"),
                "state": row.get("STABBR"),
                "zip": row.get("ZIP"),
                "lat": row.get("LATITUDE"),
                "lon": row.get("LONGITUD"),
            }
            url = f"{self.public_base}HD{self.year}.zip"
            for group in by_unitid[unitid]:
                yield self._item(group, institution, url)
        for unitid in set(by_unitid) - seen:
            count_drop(
                self.crawler.stats,
                "ipeds_unknown_institution",
                f"UNITID {unitid} has completions but no directory row",
                logger=self.logger,
            )

    # ----------------------------------------------------------------- items
    def _item(self, group: ProgramGroup, institution: dict, url: str) -> ListingItem:
        program: dict = {
            "cip": group.cip,
            "award_level": group.award_level,
            "credential": group.credential,
        }
        levels = [lv for lv in group.levels if (group.unitid, group.cip, lv) in self.distance]
        if levels:
            counts = [self.distance[(group.unitid, group.cip, lv)] for lv in levels]
            total, de, some = (sum(c[i] for c in counts) for i in range(3))
            program["distance_education"] = de > 0
            program["delivery"] = delivery_from_cdep(total, de, some)
        reported = self.reporter.get((group.unitid, group.cip))
        if reported:
            if reported["tuition"] is not None:
                program["tuition_usd"] = reported["tuition"]
                supplies = (
                    f"; books and supplies ${reported['supplies']:,}"
                    if reported["supplies"]
                    else ""
                )
                program["tuition_text"] = (
                    f"tuition and fees ${reported['tuition']:,}{supplies} (IPEDS)"
                )
            if reported["months"]:
                program["length_months"] = reported["months"]
                program["length_basis"] = "ipeds"
                program["length_text"] = f"{reported['months']} months (IPEDS)"
            if reported["length"]:
                if reported["measure"] == MEASURE_CREDIT_HOURS:
                    program["credit_hours"] = reported["length"]
                elif reported["measure"] == MEASURE_CLOCK_HOURS:
                    program["clock_hours"] = reported["length"]
        return ListingItem(
            source=self.name,
            url=url,
            unitid=group.unitid,
            institution=institution,
            program=program,
            outcomes={"completions": group.completions},
        )
