"""Scrapy extensions: the crawl's one store, the crawl lock, the run recorder and progress lines.

:class:`StoreExtension` opens the one store handle a crawl uses and keeps it on
the crawler (``crawler.programs_store``); every other component that needs the
store (the lock, the run recorder, the resolve and store pipelines) takes it in
its ``from_crawler`` through :func:`crawl_store`. Spiders never touch it.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import CloseSpider, NotConfigured
from twisted.internet import task

from programs.errors import ProgramsError
from programs.locks import CRAWL_LOCK_TTL, LockHeld, StoreLock, crawl_lock_name, default_owner
from programs.runs import (
    RUN_CANCELLED,
    RUN_COMPLETE,
    RUN_FAILED,
    RUN_PARTIAL,
    RUN_RUNNING,
    RunRecord,
    recover_abandoned_runs,
    signal_started,
)
from programs.store import Store, open_store
from programs.timeutil import now_iso

from . import stats_keys as sk
from .drops import DropListing, count_drop, dropped_by_reason

logger = logging.getLogger(__name__)

STORE_ATTRIBUTE = "programs_store"


class StoreExtension:
    """Opens the crawl's store when the crawler is built; closes it when the engine has stopped.

    Enabled first (lowest order in ``EXTENSIONS``) so that the components built
    after it find the store in their ``from_crawler``.
    """

    def __init__(self, crawler, store: Store):
        self.crawler = crawler
        self.store = store
        setattr(crawler, STORE_ATTRIBUTE, store)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, open_store(crawler.settings.get("PROGRAMS_STORE")))

    def spider_opened(self, spider):
        # Connected only now, after every component connected its own engine_stopped handler when it
        # was built: signal handlers run in the order they were connected, so the store closes after
        # the crawl lock was released through it.
        self.crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    def engine_stopped(self):
        self.store.close()


def crawl_store(crawler) -> Store:
    """The store :class:`StoreExtension` opened for this crawl."""
    store = getattr(crawler, STORE_ATTRIBUTE, None)
    if store is None:
        raise RuntimeError(
            "no store on the crawler: enable crawler.extensions.StoreExtension in EXTENSIONS"
        )
    return store


def run_counts(stats: dict) -> dict:
    """The figures a run record keeps, from the crawl stats."""
    dropped = dropped_by_reason(stats)
    return {
        "pages_fetched": int(stats.get(sk.RESPONSE_RECEIVED, 0)),
        "items_scraped": int(stats.get(sk.ITEM_SCRAPED, 0)),
        "items_new": int(stats.get(sk.ITEMS_NEW, 0)),
        "items_updated": int(stats.get(sk.ITEMS_UPDATED, 0)),
        "items_unchanged": int(stats.get(sk.ITEMS_UNCHANGED, 0)),
        "items_dropped": sum(dropped.values()),
        "dropped_reasons": dropped,
        "errors": int(stats.get(sk.LOG_ERRORS, 0)),
    }


def run_status(reason: str, stats: dict, spider) -> str:
    """complete only when the crawl finished normally and saw everything it should.

    A spider sets ``incomplete_reason`` when it could not see its whole source
    (a required file failed, a site could not be crawled); an exception in a
    spider callback also loses part of the source. Such a run is partial and,
    like a failed or cancelled one, never removes anything.
    """
    if stats.get(sk.STORE_FAILED) or reason == "store_failed":
        return RUN_FAILED
    if reason in ("shutdown", "cancelled"):
        return RUN_CANCELLED
    if reason.startswith("closespider_"):
        return RUN_PARTIAL
    if reason != "finished" or getattr(spider, "failed_reason", None):
        return RUN_FAILED
    if getattr(spider, "incomplete_reason", None) or spider_errors(stats):
        return RUN_PARTIAL
    return RUN_COMPLETE


def finish_reason(reason: str, stats: dict, spider) -> str:
    """What the run record says about how the run ended: the most important of these, in order.

    The spider's own failure; listings that could not be written; the part of the
    source the spider could not see; spider errors in a run Scrapy calls finished;
    else Scrapy's finish reason (``finished``, ``shutdown``, ``closespider_…``).
    """
    failed = getattr(spider, "failed_reason", None)
    if failed:
        return failed
    unwritten = dropped_by_reason(stats).get("store_write_failed", 0)
    if stats.get(sk.STORE_FAILED) and unwritten:
        return f"store writes failed: {unwritten} listing(s) not written; see the log"
    incomplete = getattr(spider, "incomplete_reason", None)
    if incomplete:
        return incomplete
    errors = spider_errors(stats)
    if errors and reason == "finished":
        return f"{errors} spider error(s) lost part of the source; see the log"
    return reason


def spider_errors(stats: dict) -> int:
    """Exceptions raised in spider callbacks: what they were parsing was (partly) lost, so no sweep."""
    return sum(int(v) for k, v in stats.items() if k.startswith(sk.SPIDER_EXCEPTIONS_PREFIX))


def closed_sites_with_listings(store: Store, source: str, closed: dict[str, str]) -> list[str]:
    """The hosts among ``closed`` (UNITID -> host of a site the spider could not enter) whose
    institution has active listings from ``source``: the run did not see them again, so it must
    not sweep. A host the store cannot answer for counts as having listings."""
    hosts = []
    for unitid, host in closed.items():
        try:
            listings = store.listings_for_institution(unitid)
        except ProgramsError as exc:
            logger.warning("could not tell whether %s gave listings before: %s", host, exc)
            hosts.append(host)
            continue
        if any(
            ref.source == source and ref.status == "active"
            for listing in listings
            for ref in listing.sources
        ):
            hosts.append(host)
    return hosts


class RunRecorder:
    """Records every crawl in the store: start, end, counts, finish reason; then sweeps.

    The removal sweep of the source runs only here, only after the run was saved
    as ``complete``. While the crawl runs, its counts are saved every
    ``RUN_PROGRESS_INTERVAL`` seconds, so the operator page shows its progress.
    """

    def __init__(self, crawler, store: Store):
        self.crawler = crawler
        self.progress_interval = crawler.settings.getfloat("RUN_PROGRESS_INTERVAL", 5.0)
        self.progress_loop = None
        self.log_path = crawler.settings.get("LOG_FILE") or crawler.settings.get(
            "PROGRAMS_LOG_PATH"
        )
        self.store = store
        self.run: RunRecord | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("PROGRAMS_STORE"):
            raise NotConfigured("PROGRAMS_STORE is not set")
        return cls(crawler, crawl_store(crawler))

    def _save(self) -> None:
        try:
            self.store.save_run(self.run)
        except ProgramsError as exc:
            logger.error("could not record run %s: %s", self.run.id, exc)
            self.crawler.stats.set_value(sk.STORE_FAILED, 1)

    def spider_opened(self, spider):
        existing = None
        try:
            existing = self.store.get_run(spider.run_id)
        except ProgramsError:
            pass
        self.run = existing or RunRecord(id=spider.run_id, source=spider.name)
        self.run.status = RUN_RUNNING
        self.run.trigger = getattr(spider, "trigger", None) or self.run.trigger
        self.run.schedule_id = getattr(spider, "schedule_id", None) or self.run.schedule_id
        self.run.started_at = now_iso()
        self.run.log_path = self.log_path or self.run.log_path
        self.run.args = dict(getattr(spider, "run_args", {}) or {})
        self._save()
        try:
            signal_started()  # the launcher that started this child stops waiting for it
        except OSError as exc:  # that launcher is gone (the service restarted): nobody waits
            logger.warning("could not tell the launcher that run %s started: %s", self.run.id, exc)
        logger.info(
            "run %s of %s started (trigger: %s)", self.run.id, spider.name, self.run.trigger
        )
        if self.progress_interval > 0:
            self.progress_loop = task.LoopingCall(self.save_progress)
            self.progress_loop.start(self.progress_interval, now=False)

    def save_progress(self) -> None:
        """The running run's counts so far, in the store."""
        if self.run is None or self.run.status != RUN_RUNNING:
            return
        for key, value in run_counts(self.crawler.stats.get_stats()).items():
            setattr(self.run, key, value)
        self._save()

    def item_dropped(self, item, response, exception, spider):
        if not isinstance(exception, DropListing):  # DropListing was counted where it was raised
            count_drop(self.crawler.stats, "other", str(exception), logger=logger)

    def spider_closed(self, spider, reason):
        if self.progress_loop and self.progress_loop.running:
            self.progress_loop.stop()
        stats = self.crawler.stats.get_stats()
        run = self.run
        for key, value in run_counts(stats).items():
            setattr(run, key, value)
        run.vintage = getattr(spider, "vintage", None)
        run.finished_at = now_iso()
        closed = closed_sites_with_listings(
            self.store, spider.name, getattr(spider, "closed_sites", {})
        )
        if closed:
            spider.mark_incomplete(
                f"robots.txt of {', '.join(closed)} now forbids the site; its listings are kept"
            )
        run.finish_reason = finish_reason(reason, stats, spider)
        run.status = run_status(reason, stats, spider)
        self._save()
        if run.status == RUN_COMPLETE:
            try:
                run.items_removed = self.store.sweep(spider.name, run.id)
            except ProgramsError as exc:
                logger.error("removal sweep after run %s failed: %s", run.id, exc)
                run.status = RUN_FAILED
                run.finish_reason = "sweep_failed"
            self._save()
        self.crawler.stats.set_value(sk.RUN_STATUS, run.status)
        self.crawler.stats.set_value(sk.ITEMS_REMOVED, run.items_removed)
        logger.info("%s", summary_line(run))


def summary_line(run: RunRecord) -> str:
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(run.dropped_reasons.items())) or "none"
    return (
        f"run {run.id} of {run.source}: {run.status} ({run.finish_reason}); pages {run.pages_fetched}; "
        f"items {run.items_scraped}: new {run.items_new}, updated {run.items_updated}, "
        f"unchanged {run.items_unchanged}, removed {run.items_removed}; dropped {run.items_dropped} "
        f"({reasons}); errors {run.errors}"
    )


class Progress:
    """A progress line every ``PROGRESS_INTERVAL`` seconds while a crawl runs.

    Listings are written in batches of ``STORE_BATCH_SIZE``: a crawl that yields fewer (a
    program_pages crawl gives one listing per program page) writes them all when it ends, so the
    line says how many are read and waiting, not only how many are written.
    """

    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.batch_size = crawler.settings.getint("STORE_BATCH_SIZE", 500)
        self.loop = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL", 10.0)
        if interval <= 0:
            raise NotConfigured("PROGRESS_INTERVAL is 0")
        return cls(crawler, interval)

    def spider_opened(self, spider):
        self.loop = task.LoopingCall(self.report, spider)
        self.loop.start(self.interval, now=False)

    def report(self, spider):
        s = self.crawler.stats.get_stats()
        dropped = sum(dropped_by_reason(s).values())
        logger.info(
            "progress %s: %d pages, %d items (%d listings read, %d written, %d waiting for a "
            "batch of %d; new %d, updated %d, unchanged %d), %d dropped, %d errors",
            spider.name,
            s.get(sk.RESPONSE_RECEIVED, 0),
            s.get(sk.ITEM_SCRAPED, 0) + dropped,
            s.get(sk.LISTINGS_READ, 0),
            s.get(sk.ITEMS_STORED, 0),
            s.get(sk.LISTINGS_WAITING, 0),
            self.batch_size,
            s.get(sk.ITEMS_NEW, 0),
            s.get(sk.ITEMS_UPDATED, 0),
            s.get(sk.ITEMS_UNCHANGED, 0),
            dropped,
            s.get(sk.LOG_ERRORS, 0),
        )

    def spider_closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()


class CrawlLock:
    """Never two crawls of one source at once, however they were started (CLI, scheduler, Scrapyd).

    Takes ``crawl:<source>`` in the store when the spider opens (before the run
    recorder records the run as running); if another live crawl holds it, the
    spider closes at once with reason ``locked`` (recorded as a failed run). A
    crashed crawl's lock expires after ``CRAWL_LOCK_TTL`` seconds; the next crawl
    of the source that takes the lock records the crashed run as failed
    (abandoned). The lock is given up when the engine stops, after the run's last
    record is saved, so a running run without its lock is always a dead one.
    """

    def __init__(self, crawler, store: Store):
        self.crawler = crawler
        self.ttl = crawler.settings.getfloat("CRAWL_LOCK_TTL", CRAWL_LOCK_TTL)
        self.lock: StoreLock | None = None
        self.store = store
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("PROGRAMS_STORE"):
            raise NotConfigured("PROGRAMS_STORE is not set")
        return cls(crawler, crawl_store(crawler))

    def spider_opened(self, spider):
        self.lock = StoreLock(
            self.store,
            crawl_lock_name(spider.name),
            default_owner(getattr(spider, "run_id", "")),
            ttl=self.ttl,
        )
        try:
            self.lock.acquire()
        except LockHeld as exc:
            spider.failed_reason = f"locked: {exc}"
            logger.error("not crawling %s: %s", spider.name, exc)
            raise CloseSpider("locked") from None
        except ProgramsError as exc:
            spider.failed_reason = f"store unavailable: {exc}"
            logger.error("not crawling %s: the store cannot be reached: %s", spider.name, exc)
            raise CloseSpider("store_unavailable") from None
        try:
            for run in recover_abandoned_runs(self.store, spider.name):
                logger.warning(
                    "run %s of %s (started %s) was abandoned: recorded as failed",
                    run.id,
                    run.source,
                    run.started_at,
                )
        except ProgramsError as exc:
            logger.warning("could not check for abandoned runs of %s: %s", spider.name, exc)

    def engine_stopped(self):
        if self.lock is not None:
            try:
                self.lock.release()
            except ProgramsError as exc:  # it expires after CRAWL_LOCK_TTL
                logger.error("could not release %s: %s", self.lock.name, exc)
