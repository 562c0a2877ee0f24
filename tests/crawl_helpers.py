"""Running real crawls in tests: the CLI in a child process against a sample server on 127.0.0.1."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class CrawlResult:
    code: int
    stdout: str
    stderr: str
    log_dir: Path

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.log_dir.glob("*.log")))

    def stats(self) -> dict[str, int]:
        """The whole-number crawl stats Scrapy dumped at the end of the (last) crawl in the log."""
        dumps = re.findall(r"Dumping Scrapy stats:\n(\{.*?\})\n", self.log_text(), re.S)
        return (
            {k: int(v) for k, v in re.findall(r"'([^']+)': (-?\d+)[,}]", dumps[-1])}
            if dumps
            else {}
        )


def crawl_argv(
    sources: list[str] | str,
    *,
    store_url: str,
    sample_url: str,
    log_dir: Path,
    extra: list[str] | None = None,
) -> list[str]:
    if isinstance(sources, str):
        sources = [sources]
    log_dir.mkdir(parents=True, exist_ok=True)
    return [
        sys.executable,
        "-m",
        "ops.cli",
        "--store",
        store_url,
        "crawl",
        *sources,
        "--sample-url",
        sample_url,
        "--log-dir",
        str(log_dir),
        *(extra or []),
    ]


def crawl_env(env: dict[str, str] | None = None) -> dict[str, str]:
    child_env = {**os.environ, "CRAWLER_PROGRESS_INTERVAL": "1"}
    child_env.pop("SCORECARD_API_KEY", None)
    child_env.update(env or {})
    return child_env


def crawl(
    sources: list[str] | str,
    *,
    store_url: str,
    sample_url: str,
    log_dir: Path,
    extra: list[str] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> CrawlResult:
    """``programs crawl SOURCES --sample-url URL`` in a child process (a Twisted reactor runs once per process)."""
    argv = crawl_argv(
        sources, store_url=store_url, sample_url=sample_url, log_dir=log_dir, extra=extra
    )
    proc = subprocess.run(
        argv, cwd=ROOT, env=crawl_env(env), capture_output=True, text=True, timeout=timeout
    )
    return CrawlResult(proc.returncode, proc.stdout, proc.stderr, log_dir)


def start_crawl(
    sources: list[str] | str,
    *,
    store_url: str,
    sample_url: str,
    log_dir: Path,
    extra: list[str] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.Popen:
    """The same crawl, started and not waited for (its output goes to ``log_dir``/console.txt)."""
    argv = crawl_argv(
        sources, store_url=store_url, sample_url=sample_url, log_dir=log_dir, extra=extra
    )
    console = open(log_dir / "console.txt", "w")
    return subprocess.Popen(
        argv, cwd=ROOT, env=crawl_env(env), stdout=console, stderr=subprocess.STDOUT, text=True
    )


def copy_store(db: Path, dest: Path) -> str:
    """A consistent copy of a SQLite store (the backup API copies a WAL database safely)."""
    src, dst = sqlite3.connect(db), sqlite3.connect(dest)
    src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{dest}"


def all_docs(store) -> dict[str, dict]:
    return {listing.id: listing.to_doc() for batch in store.iter_listings() for listing in batch}


# ------------------------------------------------------------------------------------------------------------
# Item pipelines for fault tests, switched on in a child crawl with
#   -s ITEM_PIPELINES={json of crawler.settings.ITEM_PIPELINES plus one of these}
# ------------------------------------------------------------------------------------------------------------
def pipelines_with(extra: dict[str, int]) -> str:
    """The project's ITEM_PIPELINES plus ``extra`` (JSON, for ``-s ITEM_PIPELINES=...``)."""
    import json

    from crawler import settings

    return json.dumps({**settings.ITEM_PIPELINES, **extra})


def extensions_with(extra: dict[str, int]) -> str:
    """The project's EXTENSIONS plus ``extra`` (JSON, for ``-s EXTENSIONS=...``)."""
    import json

    from crawler import settings

    return json.dumps({**settings.EXTENSIONS, **extra})


class StoreOpenCounter:
    """Counts the SQLite stores opened in a crawl, from before the crawl's first component is built
    to the spider's close, as the stat ``test/stores_opened`` (enabled before StoreExtension)."""

    opened = 0

    def __init__(self, crawler):
        from scrapy import signals

        from programs.store.sqlite import SQLiteStore

        if not getattr(SQLiteStore, "_counted", False):
            init = SQLiteStore.__init__

            def counting_init(store, path):
                StoreOpenCounter.opened += 1
                init(store, path)

            SQLiteStore.__init__ = counting_init
            SQLiteStore._counted = True
        self.crawler = crawler
        self.start = StoreOpenCounter.opened
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_closed(self, spider):
        self.crawler.stats.set_value("test/stores_opened", StoreOpenCounter.opened - self.start)


class SlowCommitPipeline:
    """Keeps every SQLite write transaction open ``SLOW_COMMIT_SECONDS`` longer (after its writes, before COMMIT),
    so that a crawl killed while it stores listings is almost surely killed inside a transaction."""

    def __init__(self, seconds: float):
        import time

        from programs.store.sqlite import SQLiteStore

        original = SQLiteStore._transaction

        def slow_transaction(store, work):
            def slow_work(conn):
                result = work(conn)
                time.sleep(seconds)
                return result

            return original(store, slow_work)

        SQLiteStore._transaction = slow_transaction

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("SLOW_COMMIT_SECONDS", 0.05))

    def process_item(self, item):
        return item


class BreakingStorePipeline:
    """The store breaks mid-run: after ``STORE_BREAKS_AFTER`` listings were written, every further write of the
    StorePipeline (listings only; run records still work) raises StoreError, as a full disk or a lost server does."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.after = crawler.settings.getint("STORE_BREAKS_AFTER", 100)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        from crawler.pipelines import StorePipeline
        from programs.errors import StoreError

        pipeline = next(
            p
            for p in self.crawler.engine.scraper.itemproc.middlewares
            if isinstance(p, StorePipeline)
        )
        written = [0]
        upsert = pipeline.store.upsert

        def breaking_upsert(listings, **kwargs):
            if written[0] >= self.after:
                raise StoreError("write to the store failed: disk I/O error (injected by the test)")
            stats = upsert(listings, **kwargs)
            written[0] += len(listings)
            return stats

        pipeline.store.upsert = breaking_upsert

    def process_item(self, item):
        return item
