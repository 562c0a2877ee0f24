"""The item pipeline chain: validate -> normalise -> geocode -> resolve -> store.

Each stage drops a bad item with a counted reason (``programs/dropped/<reason>``
in the crawl stats, plus a log line) and never lets one item stop the crawl.
Only :class:`StorePipeline` writes to storage, through the store interface; it and
:class:`ResolvePipeline` use the crawl's one store (see :class:`crawler.extensions.StoreExtension`).
"""

from __future__ import annotations

import logging
import time

from programs.errors import InvalidInput, ProgramsError, StoreError, UnknownLocation
from programs.geo import lookup_zip
from programs.listing_builder import build_listing, is_short_course
from programs.model import Listing, validate_listing
from programs.normalize import normalize_url
from programs.store import InstitutionSeed

from . import stats_keys as sk
from .drops import DropListing, count_drop
from .extensions import crawl_store
from .items import InstitutionItem, ListingItem

logger = logging.getLogger(__name__)


class _StatsMixin:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def drop(self, reason: str, detail: str) -> DropListing:
        count_drop(self.stats, reason, detail, logger=logger)
        return DropListing(reason, detail)


def is_listing(item) -> bool:
    return isinstance(item, ListingItem)


class ValidatePipeline(_StatsMixin):
    """The item has the shape the rest of the chain relies on."""

    def process_item(self, item):
        if isinstance(item, InstitutionItem):
            if not item.get("unitid") or not normalize_url(item.get("url")):
                raise self.drop(
                    "bad_institution", f"directory entry without UNITID or web site: {dict(item)}"
                )
            return item
        for name in ("institution", "program"):
            if item.get(name) is not None and not isinstance(item.get(name), dict):
                raise self.drop(
                    f"bad_{name}", f"{name} is a {type(item.get(name)).__name__}, not an object"
                )
        if item.get("outcomes") is not None and not isinstance(item.get("outcomes"), dict):
            raise self.drop("bad_outcomes", f"outcomes is a {type(item.get('outcomes')).__name__}")
        inst = item.get("institution") or {}
        if not item.get("unitid") and not inst.get("name"):
            raise self.drop(
                "missing_institution", f"no UNITID and no institution name at {item.get('url')}"
            )
        if not item.get("attach_only"):
            prog = item.get("program") or {}
            if not prog.get("name") and not prog.get("cip"):
                raise self.drop(
                    "missing_program", f"no program name or CIP code at {item.get('url')}"
                )
        return item


class NormalisePipeline(_StatsMixin):
    """Raw text to normalised listing fields, with the core's normalisers."""

    def process_item(self, item):
        if not is_listing(item) or item.get("attach_only"):
            return item  # directory entries pass; attach-only items are resolved against stored listings first
        try:
            listing = build_listing(
                unitid=item.get("unitid"),
                institution=item.get("institution") or {},
                program=item.get("program") or {},
                outcomes=item.get("outcomes"),
            )
            validate_listing(listing)
        except InvalidInput as exc:
            raise self.drop(
                f"invalid_{exc.param.replace('.', '_')}", f"{exc} at {item.get('url')}"
            ) from None
        item["listings"] = [listing]
        return item


class GeocodePipeline(_StatsMixin):
    """A campus without coordinates gets the point of its ZIP code."""

    def process_item(self, item):
        if not is_listing(item):
            return item
        for listing in item.get("listings") or []:
            inst = listing.institution
            if inst.lat is not None or not inst.zip:
                continue
            try:
                place = lookup_zip(inst.zip)
            except (UnknownLocation, InvalidInput):
                self.stats.inc_value(sk.GEOCODE_UNKNOWN_ZIP)
                continue
            inst.lat, inst.lon = place.lat, place.lon
            self.stats.inc_value(sk.GEOCODE_FROM_ZIP)
        return item


class ResolvePipeline(_StatsMixin):
    """Which stored listing an item belongs to.

    * Scorecard items (``attach_only``) are added to the institution's stored
      listings of the same credential and CIP family; with none, they are dropped.
    * A program page whose program the store knows under a CIP code it could not
      guess is attached to the institution's only listing of that credential
      (a short course only to a short course).
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        self.store = crawl_store(crawler)

    def process_item(self, item):
        if not is_listing(item):
            return item
        if item.get("attach_only"):
            item["listings"] = self._attach(item)
        elif item.get("source") == "program_pages" and item.get("unitid"):
            item["listings"] = [self._match_page(listing) for listing in item["listings"]]
        return item

    def _stored(self, unitid: str) -> list[Listing]:
        try:
            return self.store.listings_for_institution(str(unitid))
        except ProgramsError as exc:
            raise self.drop("store_unavailable", str(exc)) from None

    def _attach(self, item) -> list[Listing]:
        unitid = item.get("unitid")
        if not unitid:
            raise self.drop(
                "missing_unitid", f"an attach-only item needs a UNITID at {item.get('url')}"
            )
        family = item.get("cip_family") or ""
        candidates = [
            s
            for s in self._stored(unitid)
            if not family or (s.program.cip or "").startswith(family)
        ]
        out = []
        for stored in candidates:
            raw_prog = dict(item.get("program") or {})
            raw_prog["name"] = raw_prog.get("name") or stored.program.name
            try:
                listing = build_listing(
                    unitid=unitid,
                    institution=item.get("institution") or {},
                    program=raw_prog,
                    outcomes=item.get("outcomes"),
                    listing_id_override=stored.id,
                )
            except InvalidInput as exc:
                raise self.drop(
                    f"invalid_{exc.param.replace('.', '_')}", f"{exc} at {item.get('url')}"
                ) from None
            if listing.program.credential != stored.program.credential:
                continue
            listing.program.name = stored.program.name
            listing.program.cip = None  # the family code is not a 6-digit CIP; IPEDS keeps its own
            out.append(listing)
        if not out:
            raise self.drop(
                "no_matching_listing", f"no stored listing of UNITID {unitid} for this program"
            )
        return out

    def _match_page(self, listing: Listing) -> Listing:
        stored = self._stored(listing.institution.unitid)
        if any(s.id == listing.id for s in stored):
            return listing
        short = is_short_course(listing.program)
        same_credential = [
            s
            for s in stored
            if s.program.credential == listing.program.credential
            and is_short_course(s.program) == short
        ]
        if len(same_credential) == 1 and not listing.program.cip:
            listing.id = same_credential[0].id
            self.stats.inc_value(sk.RESOLVE_ATTACHED_BY_CREDENTIAL)
        else:
            self.stats.inc_value(sk.RESOLVE_NEW_FROM_PAGE)
        return listing


class StorePipeline(_StatsMixin):
    """Writes listings through the store interface in batches, with retries.

    A batch that still fails after ``STORE_WRITE_RETRIES`` attempts is counted
    as dropped (``store_write_failed``) and marks the run failed, so that no
    removal sweep follows it.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.batch_size = settings.getint("STORE_BATCH_SIZE", 500)
        self.retries = settings.getint("STORE_WRITE_RETRIES", 3)
        self.store = crawl_store(crawler)
        self.buffer: list[Listing] = []
        self.urls: dict[str, str] = {}
        self.institutions: list[InstitutionSeed] = []
        self.url_prefixes: dict[str, str] = dict(settings.getdict("RECORDED_URL_PREFIXES"))

    def recorded_url(self, url: str) -> str:
        """The address a listing records for ``url``: a sample server's temporary address is
        replaced by a stable one (``RECORDED_URL_PREFIXES``), so an unchanged re-crawl is unchanged."""
        for prefix, replacement in self.url_prefixes.items():
            if url.startswith(prefix):
                return replacement + url[len(prefix) :]
        return url

    def process_item(self, item):
        if isinstance(item, InstitutionItem):
            self.institutions.append(
                InstitutionSeed(
                    unitid=str(item["unitid"]),
                    name=item.get("name") or "",
                    url=normalize_url(item["url"]),
                    zip=item.get("zip"),
                )
            )
            if len(self.institutions) >= self.batch_size:
                self.flush_institutions()
            return item
        for listing in item.get("listings") or []:
            self.stats.inc_value(sk.LISTINGS_READ)
            self.buffer.append(listing)
            if item.get("url"):
                self.urls[listing.id] = self.recorded_url(item["url"])
        self.stats.set_value(sk.LISTINGS_WAITING, len(self.buffer))
        if len(self.buffer) >= self.batch_size:
            self.flush()
        return item

    def close_spider(self):
        self.flush()
        self.flush_institutions()

    def flush_institutions(self) -> None:
        if not self.institutions:
            return
        batch, self.institutions = self.institutions, []
        try:
            self.store.save_institutions(batch)
            self.stats.inc_value(sk.INSTITUTIONS_SAVED, len(batch))
        except ProgramsError as exc:  # seeds only: listings are unaffected, but say so
            self.stats.inc_value(sk.STORE_WRITE_ERRORS)
            logger.error("could not save %d institution directory entries: %s", len(batch), exc)

    def flush(self) -> None:
        if not self.buffer:
            return
        batch, self.buffer = self.buffer, []
        urls, self.urls = self.urls, {}
        self.stats.set_value(sk.LISTINGS_WAITING, 0)
        spider = self.crawler.spider
        delay = 0.5
        for attempt in range(1, self.retries + 1):
            try:
                stats = self.store.upsert(
                    batch,
                    source=spider.name,
                    run_id=getattr(spider, "run_id", None),
                    url_of=urls,
                    vintage=getattr(spider, "vintage", None),
                )
            except InvalidInput as exc:
                self._drop_batch(batch, f"invalid_{exc.param.replace('.', '_')}", str(exc))
                return
            except (StoreError, ProgramsError) as exc:
                self.stats.inc_value(sk.STORE_WRITE_ERRORS)
                logger.error(
                    "store write failed (attempt %d of %d): %s", attempt, self.retries, exc
                )
                if attempt < self.retries:
                    time.sleep(delay)
                    delay *= 2
                    continue
                self.stats.set_value(sk.STORE_FAILED, 1)
                self._drop_batch(batch, "store_write_failed", str(exc))
                return
            self.stats.inc_value(sk.ITEMS_NEW, stats.new)
            self.stats.inc_value(sk.ITEMS_UPDATED, stats.updated)
            self.stats.inc_value(sk.ITEMS_UNCHANGED, stats.unchanged)
            self.stats.inc_value(sk.ITEMS_STORED, len(batch))
            return

    def _drop_batch(self, batch: list[Listing], reason: str, detail: str) -> None:
        for _ in batch:
            count_drop(self.stats, reason, detail, logger=logger)
