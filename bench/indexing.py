"""Indexing: bulk upsert rate into SQLite through ``store.upsert`` (the real merge path), and a full re-index.

    python bench/indexing.py                                     # quick: 20k upserts, re-index of 100k
    python bench/indexing.py --upserts 200000 --reindex 1000000

Upsert: generated listings (bench/generate.py), as a spider's pipeline hands them
over (no sources yet), written in batches of 500 (``STORE_BATCH_SIZE``) with
``source="ipeds"`` into a new database; then the same listings again (a re-crawl
that finds nothing changed: every listing is read, merged and compared, and its
bookkeeping rewritten). Re-index: ``store.reindex()`` (what ``programs reindex``
runs) over a copy of the benchmark database of that size, in a child process so
that its peak memory is its own. Its peak RSS includes the pages of the memory-mapped
database file it touched (up to 1 GiB, ``MMAP_BYTES``: page cache the kernel can take
back), so the peak of the rest (anonymous memory, sampled) is reported beside it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build_db import ensure_db  # noqa: E402
from bench.common import RESULTS, command_line, machine, peak_rss_mib, print_table, today  # noqa: E402
from bench.generate import generate  # noqa: E402
from programs.store.sqlite import SQLiteStore  # noqa: E402

BATCH = 500
TARGET_PER_SECOND = 20_000


def incoming(n: int) -> list:
    """Listings as the pipeline gives them to the store: one source's view, not merged yet."""
    return [
        dataclasses.replace(listing, sources=[], provenance={}, first_seen=None, last_seen=None)
        for listing in generate(n, seed=5)
    ]


def upsert_all(store: SQLiteStore, listings: list, run_id: str) -> tuple[float, dict]:
    totals = {"new": 0, "updated": 0, "unchanged": 0}
    started = time.perf_counter()
    for i in range(0, len(listings), BATCH):
        stats = store.upsert(listings[i : i + BATCH], source="ipeds", run_id=run_id)
        totals["new"] += stats.new
        totals["updated"] += stats.updated
        totals["unchanged"] += stats.unchanged
    return time.perf_counter() - started, totals


def bench_upserts(n: int) -> list[list]:
    listings = incoming(n)
    rows = []
    with tempfile.TemporaryDirectory(dir=RESULTS) as tmp:
        store = SQLiteStore(Path(tmp) / "upsert.db")
        for label, run_id in (
            ("new listings (empty database)", "run-1"),
            ("re-crawl, nothing changed", "run-2"),
        ):
            seconds, totals = upsert_all(store, listings, run_id)
            rate = n / seconds
            rows.append(
                [
                    f"{n:,}",
                    label,
                    f"{seconds:.1f}",
                    f"{rate:,.0f}",
                    f"**{rate / TARGET_PER_SECOND:.2f}**",
                    f"{totals['new']:,} / {totals['updated']:,} / {totals['unchanged']:,}",
                ]
            )
        store.close()
    return rows


def _anonymous_mib() -> float:
    """Resident memory that is not a mapped file (the SQLite database is memory-mapped)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return 0.0


def reindex_child(path: str) -> None:
    store = SQLiteStore(path)
    store.count_active()  # opened (and brought to the current schema) before the clock starts
    peak_anon = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak_anon[0] = max(peak_anon[0], _anonymous_mib())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    result = store.reindex()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    store.close()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "listings": result["listings"],
                "peak_rss_mib": peak_rss_mib(),
                "peak_anon_mib": max(peak_anon[0], _anonymous_mib()),
            }
        )
    )


def bench_reindex(n: int) -> list[list]:
    source = ensure_db(n)
    with tempfile.TemporaryDirectory(dir=RESULTS) as tmp:
        copy = Path(tmp) / "reindex.db"
        shutil.copy(source, copy)
        out = subprocess.run(
            [sys.executable, __file__, "--child-reindex", str(copy)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    got = json.loads(out.strip().splitlines()[-1])
    return [
        [
            f"{got['listings']:,}",
            f"{got['seconds']:.0f}",
            f"{got['listings'] / got['seconds']:,.0f}",
            f"{got['peak_rss_mib']:.0f}",
            f"{got['peak_anon_mib']:.0f}",
        ]
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--upserts", type=int, default=20_000)
    ap.add_argument(
        "--reindex", type=int, default=100_000, help="listings in the re-indexed database (0: skip)"
    )
    ap.add_argument("--child-reindex", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_reindex:
        reindex_child(args.child_reindex)
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    upserts = bench_upserts(args.upserts)
    reindex = bench_reindex(args.reindex) if args.reindex else []
    print(f"{today()} · {machine()}")
    print(f"command: {command_line()}")
    print_table(
        "Bulk upsert through store.upsert (batches of 500; target 20,000 listings/s)",
        [
            "listings",
            "what",
            "seconds",
            "listings/s",
            "ratio to target",
            "new / updated / unchanged",
        ],
        upserts,
    )
    if reindex:
        print_table(
            "Full re-index (store.reindex)",
            [
                "listings",
                "seconds",
                "listings/s",
                "peak RSS MiB",
                "of which not the mapped file, MiB",
            ],
            reindex,
        )


if __name__ == "__main__":
    main()
