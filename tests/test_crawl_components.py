"""The crawl's components one at a time, built as Scrapy builds them (``get_crawler``), with a fake store.

What a real crawl does end to end is in tests/test_crawl.py; here: the finish reason a run record
gets, how ResolvePipeline matches items to stored listings, and that a crawl has exactly one store.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler import stats_keys as sk
from crawler.drops import DropListing
from crawler.extensions import (
    CrawlLock,
    RunRecorder,
    StoreExtension,
    closed_sites_with_listings,
    crawl_store,
    finish_reason,
    run_status,
)
from crawler.items import ListingItem
from crawler.pipelines import ResolvePipeline, StorePipeline
from crawler.seeds import write_seed_file
from crawler.spiders.program_pages import ProgramPagesSpider, read_seed_file
from programs.errors import StoreUnavailable
from programs.listing_builder import build_listing
from programs.model import Listing, SourceRef
from programs.store import InstitutionSeed

UNITID = "100001"


def stored(name: str, credential: str, cip: str, *, source: str = "ipeds") -> Listing:
    listing = build_listing(
        unitid=UNITID,
        institution={"name": "Lakeshore College", "zip": "60601"},
        program={"name": name, "credential": credential, "cip": cip},
    )
    listing.sources = [SourceRef(source=source, status="active")]
    return listing


class FakeStore:
    """The store methods the crawl components call, recorded."""

    def __init__(self, listings: list[Listing] | None = None, *, broken: bool = False):
        self.listings = listings or []
        self.broken = broken
        self.calls: list[str] = []

    def listings_for_institution(self, unitid: str) -> list[Listing]:
        self.calls.append(f"listings_for_institution {unitid}")
        if self.broken:
            raise StoreUnavailable("the store is down (fake)")
        return [x for x in self.listings if x.institution.unitid == unitid]

    def close(self) -> None:
        self.calls.append("close")


def crawler_with(store, spidercls=ProgramPagesSpider, **settings):
    crawler = get_crawler(spidercls, {"PROGRAMS_STORE": "sqlite:///unused.db", **settings})
    crawler.programs_store = store
    return crawler


class Spider:
    """What finish_reason and run_status read of a spider."""

    def __init__(self, failed=None, incomplete=None):
        self.failed_reason = failed
        self.incomplete_reason = incomplete


# ------------------------------------------------------------------------------------ finish reason
FINISH_CASES = [
    # (scrapy's reason, stats, spider failed / incomplete, expected finish reason, expected status)
    ("finished", {}, None, None, "finished", "complete"),
    ("shutdown", {}, None, None, "shutdown", "cancelled"),
    ("closespider_timeout", {}, None, None, "closespider_timeout", "partial"),
    ("finished", {}, "C2023_A.zip is not a zip", None, "C2023_A.zip is not a zip", "failed"),
    ("locked", {}, "locked: held by another crawl", None, "locked: held by another crawl", "failed"),
    ("finished", {}, None, "some pages could not be fetched", "some pages could not be fetched",
     "partial"),
    ("finished", {"spider_exceptions/ValueError": 2}, None, None,
     "2 spider error(s) lost part of the source; see the log", "partial"),
    # spider errors in a run Scrapy did not call finished: Scrapy's reason stands
    ("shutdown", {"spider_exceptions/ValueError": 1}, None, None, "shutdown", "cancelled"),
    ("finished",
     {sk.STORE_FAILED: 1, sk.DROPPED_PREFIX + "store_write_failed": 7}, None, "a site was closed",
     "store writes failed: 7 listing(s) not written; see the log", "failed"),
    # the store failed but no listing was lost (a run record could not be saved): failed, reason as is
    ("finished", {sk.STORE_FAILED: 1}, None, None, "finished", "failed"),
    # the spider's own failure comes before lost writes
    ("finished", {sk.STORE_FAILED: 1, sk.DROPPED_PREFIX + "store_write_failed": 3}, "gone", None,
     "gone", "failed"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("reason", "stats", "failed", "incomplete", "text", "status"), FINISH_CASES
)
def test_finish_reason_and_status(reason, stats, failed, incomplete, text, status):
    spider = Spider(failed, incomplete)
    assert finish_reason(reason, stats, spider) == text
    assert run_status(reason, stats, spider) == status


# ------------------------------------------------------------------------------------ ResolvePipeline
def resolve(store: FakeStore, item: ListingItem):
    crawler = crawler_with(store)
    pipeline = build_from_crawler(ResolvePipeline, crawler)
    try:
        return pipeline.process_item(item), crawler.stats.get_stats()
    except DropListing as exc:
        return exc, crawler.stats.get_stats()


def scorecard_item(**extra) -> ListingItem:
    return ListingItem(
        source="scorecard",
        url="https://api.example/school/100001",
        unitid=UNITID,
        attach_only=True,
        cip_family="51.07",
        institution={"name": "Lakeshore College"},
        program={"credential": "certificate", "cost_total": 4200},
        **extra,
    )


def test_scorecard_item_joins_the_stored_listing_of_its_credential_and_family():
    cert = stored("Medical Coding", "certificate", "51.0713")
    assoc = stored("Health Information Technology", "associate", "51.0707")
    other = stored("Nursing Aide", "certificate", "51.3902")
    item, stats = resolve(FakeStore([cert, assoc, other]), scorecard_item())
    assert [x.id for x in item["listings"]] == [cert.id]
    joined = item["listings"][0]
    assert joined.program.name == "Medical Coding" and joined.program.cip is None
    assert not any(k.startswith(sk.DROPPED_PREFIX) for k in stats)


def test_scorecard_item_without_a_stored_listing_is_dropped_and_counted():
    drop, stats = resolve(FakeStore([stored("HIT", "associate", "51.0707")]), scorecard_item())
    assert isinstance(drop, DropListing) and drop.reason == "no_matching_listing"
    assert stats[sk.DROPPED_PREFIX + "no_matching_listing"] == 1


def test_resolve_drops_an_item_when_the_store_is_down():
    drop, stats = resolve(FakeStore(broken=True), scorecard_item())
    assert isinstance(drop, DropListing) and drop.reason == "store_unavailable"
    assert stats[sk.DROPPED_PREFIX + "store_unavailable"] == 1


def page_item(program: dict) -> ListingItem:
    institution = {"name": "Lakeshore College", "zip": "60601"}
    listing = build_listing(unitid=UNITID, institution=institution, program=program)
    return ListingItem(
        source="program_pages", url="https://lakeshore.example/p", unitid=UNITID,
        institution=institution, program=program, listings=[listing],
    )  # fmt: skip


def test_page_without_cip_attaches_to_the_only_stored_listing_of_its_credential():
    cert = stored("Medical Coding", "certificate", "51.0713")
    item, stats = resolve(
        FakeStore([cert, stored("HIT", "associate", "51.0707")]),
        page_item({"name": "Insurance Billing Specialist", "credential": "certificate"}),
    )
    assert item["listings"][0].id == cert.id
    assert stats[sk.RESOLVE_ATTACHED_BY_CREDENTIAL] == 1


def test_page_with_two_candidates_makes_a_new_listing():
    page = page_item({"name": "Insurance Billing Specialist", "credential": "certificate"})
    own_id = page["listings"][0].id
    item, stats = resolve(
        FakeStore(
            [
                stored("Coding", "certificate", "51.0713"),
                stored("Health Information Technology", "certificate", "51.0707"),
            ]
        ),
        page,
    )
    assert item["listings"][0].id == own_id
    assert stats[sk.RESOLVE_NEW_FROM_PAGE] == 1


# ------------------------------------------------------------------------------------ one store
def test_a_crawl_opens_exactly_one_store(tmp_path, monkeypatch):
    """Every component of the project's crawl (extensions, then pipelines, as Scrapy builds them)
    gets the same store; only StoreExtension opens one."""
    from programs.store.sqlite import SQLiteStore

    opened = []
    init = SQLiteStore.__init__

    def counting_init(self, path):
        opened.append(path)
        init(self, path)

    monkeypatch.setattr(SQLiteStore, "__init__", counting_init)
    crawler = get_crawler(
        ProgramPagesSpider,
        {
            "PROGRAMS_STORE": f"sqlite:///{tmp_path}/one.db",
            "EXTENSIONS": project_settings.EXTENSIONS,
            "ITEM_PIPELINES": project_settings.ITEM_PIPELINES,
        },
    )
    store = crawl_store(crawler)
    extensions = {type(x): x for x in crawler.extensions.middlewares}
    assert extensions[CrawlLock].store is store and extensions[RunRecorder].store is store
    pipelines = [build_from_crawler(cls, crawler) for cls in (ResolvePipeline, StorePipeline)]
    assert all(p.store is store for p in pipelines)
    assert len(opened) == 1


def test_the_store_closes_after_the_crawl_lock_is_released():
    class LockStore(FakeStore):
        def release_lock(self, name, owner):
            self.calls.append("release")

    store = LockStore()
    crawler = get_crawler(ProgramPagesSpider, {"PROGRAMS_STORE": "sqlite:///unused.db"})
    extension = StoreExtension(crawler, store)
    lock = CrawlLock(crawler, crawl_store(crawler))
    lock.lock = type(
        "Lock", (), {"name": "crawl:x", "release": lambda _: store.release_lock(1, 2)}
    )()
    extension.spider_opened(None)
    from scrapy import signals

    crawler.signals.send_catch_log(signals.engine_stopped)
    assert store.calls == ["release", "close"]


def test_components_without_the_store_extension_say_so():
    crawler = get_crawler(ProgramPagesSpider, {"PROGRAMS_STORE": "sqlite:///unused.db"})
    with pytest.raises(RuntimeError, match="StoreExtension"):
        build_from_crawler(StorePipeline, crawler)


# ------------------------------------------------------------------------------------ closed sites
def test_closed_sites_with_listings_are_the_ones_this_source_gave():
    gave = stored("Coding", "certificate", "51.0713", source="program_pages")
    store = FakeStore([gave])
    hosts = closed_sites_with_listings(
        store, "program_pages", {UNITID: "lakeshore.example", "100002": "other.example"}
    )
    assert hosts == ["lakeshore.example"]
    assert closed_sites_with_listings(store, "scorecard", {UNITID: "lakeshore.example"}) == []
    # a store that cannot answer: keep (no sweep)
    assert closed_sites_with_listings(
        FakeStore(broken=True), "program_pages", {UNITID: "lakeshore.example"}
    ) == ["lakeshore.example"]


# ------------------------------------------------------------------------------------ seeds
def test_seed_file_written_by_the_runner_is_read_by_the_spider(tmp_path: Path):
    path = tmp_path / "seeds.csv"
    seeds = [
        InstitutionSeed(unitid=UNITID, name="Lakeshore, College", url="https://www.lake.example/x", zip="60601"),
        InstitutionSeed(unitid="100002", name="Ozarks", url="http://ozarks.example", zip=None),
    ]  # fmt: skip
    assert write_seed_file(seeds, str(path)) == 2
    sites = read_seed_file(str(path))
    assert [(s.url, s.name, s.zip, s.unitid) for s in sites] == [
        ("https://www.lake.example/", "Lakeshore, College", "60601", UNITID),
        ("http://ozarks.example/", "Ozarks", None, "100002"),
    ]


def test_program_pages_without_a_seed_file_removes_nothing():
    crawler = get_crawler(ProgramPagesSpider, {"PROGRAM_PAGES_SEEDS": "https://a.example/"})
    spider = ProgramPagesSpider.from_crawler(crawler)
    assert [s.host for s in spider.load_sites()] == ["a.example"]
    assert "no seed file" in spider.incomplete_reason
