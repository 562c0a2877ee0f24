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

from .seeds import seed_args


def check_sources(sources: Iterable[str]) -> list[str]:
    out = []
    for source in sources:
        if source not in SOURCES:
            raise InvalidInput("source", f"unknown source {source!r}", allowed=", ".join(SOURCES))
        out.append(source)
    return out


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
    whose lock is held is recorded as a failed run saying so. program_pages is
    handed the institution web sites known when it starts (after the sources
    before it), unless its arguments name a seed file.
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
    store = open_store(store_url)  # the runner's own: seeds before a crawl, run records after

    def start(index: int):
        if index >= len(sources):
            return None
        source = sources[index]
        args = dict((spider_args or {}).get(source, {}))
        if source == "program_pages" and "seeds" not in args:
            args.update(seed_args(store, Path(log_dir) / f"seeds-{run_ids[source]}.csv"))
        log.info("crawling %s (run %s; log %s)", source, run_ids[source], log_file)
        deferred = process.crawl(
            source, run_id=run_ids[source], trigger=trigger, schedule_id=schedule_id, **args
        )
        deferred.addBoth(lambda _: start(index + 1))
        return deferred

    try:
        start(0)
        process.start()
        return [r for r in (store.get_run(run_ids[s]) for s in sources) if r is not None]
    finally:
        store.close()
