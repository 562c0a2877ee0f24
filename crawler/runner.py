"""Running crawls from code: settings for a run, sample mode, several sources in order.

One process runs one crawl (or, for ``make run``, the three sources in order);
the scheduler starts each crawl as a child process so that a crash stays there.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from programs.errors import InvalidInput
from programs.runs import RunRecord, new_run_id
from programs.store import open_store
from programs.vocab import SOURCES

SAMPLE_API_KEY = "sample-key"
#: what a sample crawl records as its data's edition (the page shows a "fictional" banner for it)
SAMPLE_VINTAGE = "sample data \u2014 fictional schools"
#: where a sample crawl says its data came from: a stable, unreachable address instead of the sample
#: server's (a new port each run), so that a re-crawl of the same samples changes nothing
SAMPLE_RECORDED_BASE = "https://samples.invalid/"


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
        "IPEDS_PUBLIC_BASE_URL": "",
        "IPEDS_YEAR": "2023",
        "SCORECARD_BASE_URL": f"{base}/scorecard/v1/",
        "SCORECARD_API_KEY": SAMPLE_API_KEY,
        "SAMPLE_SITES_BASE": f"{base}/sites",
        "SAMPLE_PASSTHROUGH_PREFIXES": [base + "/"],
        "SOURCE_VINTAGE": SAMPLE_VINTAGE,
        "RECORDED_URL_PREFIXES": {base + "/": SAMPLE_RECORDED_BASE},
        "DOWNLOAD_HANDLERS": {
            "http": "crawler.local_sites.LocalSitesDownloadHandler",
            "https": "crawler.local_sites.LocalSitesDownloadHandler",
        },
        "AUTOTHROTTLE_START_DELAY": 0.01,
        "AUTOTHROTTLE_MAX_DELAY": 0.5,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        "RETRY_AFTER_MAX": 1.0,
        "DOWNLOAD_TIMEOUT": 10,
        "PROGRESS_INTERVAL": 2.0,
    }


def crawl_settings(
    store_url: str, *, log_file: str | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
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
            return record.levelno >= logging.ERROR or record.name in (
                "crawler.extensions",
                "crawler.runner",
            )

    handler.addFilter(_Filter())
    handler.setLevel(logging.INFO)
    return handler


def run_crawls(
    sources: list[str],
    *,
    store_url: str,
    trigger: str = "manual",
    run_ids: dict[str, str] | None = None,
    spider_args: dict[str, Any] | None = None,
    overrides: dict[str, Any] | None = None,
    log_dir: str = "logs",
    schedule_id: str | None = None,
    console: bool = True,
) -> list[RunRecord]:
    """Run the sources' crawls one after another in this process; their run records, in order.

    Each crawl takes its source's lock (crawler.extensions.CrawlLock); a source
    whose lock is held is recorded as a failed run saying so.
    """
    check_sources(sources)
    run_ids = dict(run_ids or {})
    for source in sources:
        run_ids.setdefault(source, new_run_id())
    Path(log_dir).mkdir(parents=True, exist_ok=True)
    log_file = str(Path(log_dir) / f"crawl-{'-'.join(sources)}-{run_ids[sources[0]]}.log")
    settings = crawl_settings(store_url, log_file=log_file, overrides=overrides)
    process = CrawlerProcess(settings)
    if console:
        logging.getLogger().addHandler(_console_handler())
    log = logging.getLogger(__name__)

    def start(index: int):
        if index >= len(sources):
            return None
        source = sources[index]
        log.info("crawling %s (run %s; log %s)", source, run_ids[source], log_file)
        deferred = process.crawl(
            source,
            run_id=run_ids[source],
            trigger=trigger,
            schedule_id=schedule_id,
            **(spider_args or {}).get(source, {}),
        )
        deferred.addBoth(lambda _: start(index + 1))
        return deferred

    start(0)
    process.start()
    store = open_store(store_url)
    records = [r for r in (store.get_run(run_ids[s]) for s in sources) if r is not None]
    store.close()
    return records
