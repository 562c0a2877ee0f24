"""Running crawls from code: settings for a run, the per-source lock, sample mode.

One process runs one crawl (or, for ``make run``, the three sources in order);
the scheduler starts each crawl as a child process so that a crash stays there.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterable

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from programs.errors import InvalidInput
from programs.runs import RUN_FAILED, RunRecord, new_run_id
from programs.store import open_store
from programs.timeutil import now_iso
from programs.vocab import SOURCES

LOCK_TTL_SECONDS = 15 * 60
SAMPLE_API_KEY = "sample-key"


class CrawlLocked(RuntimeError):
    """Another crawl of the same source holds the lock."""


def lock_name(source: str) -> str:
    return f"crawl:{source}"


def lock_owner(run_id: str) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{run_id}"


class SourceLock:
    """The per-source crawl lock, refreshed in the background while a crawl runs.

    A crashed process stops refreshing, so its lock expires after ``ttl`` seconds
    and the next crawl of that source can start.
    """

    def __init__(self, store, source: str, owner: str, ttl: float = LOCK_TTL_SECONDS, clock=time.time):
        self.store, self.name, self.owner, self.ttl, self.clock = store, lock_name(source), owner, ttl, clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def acquire(self) -> None:
        if not self.store.acquire_lock(self.name, self.owner, self.ttl, self.clock()):
            holder = self.store.lock_holder(self.name, self.clock())
            raise CrawlLocked(f"a crawl of {self.name.split(':', 1)[1]} is already running ({holder})")
        self._thread = threading.Thread(target=self._refresh, name=f"lock-{self.name}", daemon=True)
        self._thread.start()

    def _refresh(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            try:
                self.store.refresh_lock(self.name, self.owner, self.ttl, self.clock())
            except Exception:  # a refresh that fails now is retried on the next tick
                logging.getLogger(__name__).warning("could not refresh %s", self.name)

    def release(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
        self.store.release_lock(self.name, self.owner)


def check_sources(sources: Iterable[str]) -> list[str]:
    out = []
    for source in sources:
        if source not in SOURCES:
            raise InvalidInput("source", f"unknown source {source!r}", allowed=", ".join(SOURCES))
        out.append(source)
    return out


def sample_settings(base_url: str) -> dict[str, Any]:
    """Settings that point every spider at the sample server at ``base_url``."""
    base = base_url.rstrip("/")
    return {
        "IPEDS_BASE_URL": f"{base}/ipeds/",
        "SCORECARD_BASE_URL": f"{base}/scorecard/v1/",
        "SCORECARD_API_KEY": SAMPLE_API_KEY,
        "SAMPLE_SITES_BASE": f"{base}/sites",
        "SAMPLE_PASSTHROUGH_PREFIXES": [base + "/"],
        "DOWNLOAD_HANDLERS": {"http": "crawler.local_sites.LocalSitesDownloadHandler",
                              "https": "crawler.local_sites.LocalSitesDownloadHandler"},
        "AUTOTHROTTLE_START_DELAY": 0.01,
        "AUTOTHROTTLE_MAX_DELAY": 0.5,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        "RETRY_AFTER_MAX": 1.0,
        "DOWNLOAD_TIMEOUT": 10,
        "PROGRESS_INTERVAL": 2.0,
    }


def crawl_settings(store_url: str, *, log_file: str | None = None,
                   overrides: dict[str, Any] | None = None) -> Settings:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    settings.set("PROGRAMS_STORE", store_url, priority="cmdline")
    if log_file:
        settings.set("LOG_FILE", log_file, priority="cmdline")
        settings.set("PROGRAMS_LOG_PATH", log_file, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def _console_handler() -> logging.Handler:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))

    class _Filter(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return record.levelno >= logging.ERROR or record.name in ("crawler.extensions", "crawler.runner")

    handler.addFilter(_Filter())
    handler.setLevel(logging.INFO)
    return handler


def run_crawls(sources: list[str], *, store_url: str, trigger: str = "manual", run_ids: dict[str, str] | None = None,
               spider_args: dict[str, Any] | None = None, overrides: dict[str, Any] | None = None,
               log_dir: str = "logs", schedule_id: str | None = None, console: bool = True) -> list[RunRecord]:
    """Run the sources' crawls one after another in this process; their run records, in order.

    Takes each source's lock first; a source whose lock is held is skipped with
    a failed record saying why (the crawl that holds it goes on).
    """
    check_sources(sources)
    run_ids = dict(run_ids or {})
    store = open_store(store_url)
    Path(log_dir).mkdir(parents=True, exist_ok=True)
    first = run_ids.setdefault(sources[0], new_run_id())
    log_file = str(Path(log_dir) / f"crawl-{'-'.join(sources)}-{first}.log")
    settings = crawl_settings(store_url, log_file=log_file, overrides=overrides)
    process = CrawlerProcess(settings)
    if console:
        logging.getLogger().addHandler(_console_handler())
    log = logging.getLogger(__name__)
    locks: dict[str, SourceLock] = {}
    records: list[RunRecord] = []

    def start(index: int):
        if index >= len(sources):
            return None
        source = sources[index]
        run_id = run_ids.setdefault(source, new_run_id())
        lock = SourceLock(store, source, lock_owner(run_id))
        try:
            lock.acquire()
        except CrawlLocked as exc:
            log.error("%s", exc)
            record = RunRecord(id=run_id, source=source, trigger=trigger, status=RUN_FAILED, started_at=now_iso(),
                               finished_at=now_iso(), finish_reason=f"locked: {exc}", log_path=log_file,
                               schedule_id=schedule_id)
            store.save_run(record)
            return start(index + 1)
        locks[source] = lock
        log.info("crawling %s (run %s; log %s)", source, run_id, log_file)
        deferred = process.crawl(source, run_id=run_id, trigger=trigger, schedule_id=schedule_id,
                                 **(spider_args or {}).get(source, {}))

        def done(result):
            locks.pop(source).release()
            return start(index + 1)

        deferred.addBoth(done)
        return deferred

    start(0)
    process.start()
    for source in sources:
        record = store.get_run(run_ids[source])
        if record is not None:
            records.append(record)
    for lock in locks.values():
        lock.release()
    store.close()
    return records
