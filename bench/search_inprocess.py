"""In-process search latency on SQLite with N generated listings (issue 2's target: median < 10 ms at 100k).

Usage: python bench/search_inprocess.py [--listings 100000] [--queries 2000] [--db PATH]
Measures store.search() for near-ZIP searches with two filters (credential and
max_months), including the ZIP lookup, after a warm-up.

    python bench/search_inprocess.py --mix http --listings 100000 [--db PATH]

times, in process, the searches bench/search_http.py sends (the same paths, the
same database) with everything a search does besides the web layer: the place
lookup and the core query (``build_request``), the store's search, and the
online section (its count, cached as the service caches it, and its rings; the
ring at the search's own radius goes with the search, as ``Searcher.body_json``
sends it). The
mean is what bench/search_http.py's ratio of the thin web layer compares with.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import generate, sample_queries  # noqa: E402
from programs.geo import lookup_zip  # noqa: E402
from programs.query import SearchQuery  # noqa: E402
from programs.store.sqlite import SQLiteStore  # noqa: E402


def load(store: SQLiteStore, n: int, batch: int = 5000) -> float:
    started = time.perf_counter()
    buf = []
    for listing in generate(n):
        buf.append(listing)
        if len(buf) >= batch:
            store._write([(item, None) for item in buf])
            buf = []
    if buf:
        store._write([(item, None) for item in buf])
    return time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def http_mix(db: str, n: int) -> dict[str, float]:
    """Mean and median ms of the HTTP benchmark's searches, in process, with their online section."""
    from urllib.parse import parse_qsl

    from bench.search_http import search_paths
    from search_api.schemas import SearchArgs
    from search_api.searching import Searcher, build_request

    schema = SearchArgs()
    store = SQLiteStore(db)
    searcher = Searcher(cache_seconds=0)
    paths = search_paths(n + 50, seed=5)
    times = []
    for i, path in enumerate(paths):
        args = schema.load(dict(parse_qsl(path.partition("?")[2])))
        t0 = time.perf_counter()
        req = build_request(args)
        # the store work of Searcher.body_json: the page's search (with the online section's ring
        # at its radius, on SQLite in the same statement), then the online section
        at_radius = searcher.online_at_radius_query(store, req)
        results = store.search_many([req.query] + ([at_radius] if at_radius else []))
        searcher.online_json(
            store, req, near=results[0], at_radius=results[1] if at_radius else None
        )
        if i >= 50:
            times.append((time.perf_counter() - t0) * 1000)
    return {"mean": statistics.mean(times), "median": statistics.median(times), "n": len(times)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--listings", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--mix", choices=("zip", "http"), default="zip")
    args = ap.parse_args()
    if args.mix == "http":
        from bench.build_db import ensure_db

        stats = http_mix(args.db or str(ensure_db(args.listings)), args.queries)
        print(
            f"{args.db or args.listings} · {stats['n']} searches of bench/search_http.py, in process, "
            f"with the online section: mean {stats['mean']:.3f} ms, median {stats['median']:.3f} ms"
        )
        return
    db = args.db or os.path.join(tempfile.mkdtemp(), f"bench-{args.listings}.db")
    store = SQLiteStore(db)
    if store.count_active() < args.listings:
        secs = load(store, args.listings)
        print(
            f"loaded {args.listings} listings in {secs:.1f} s ({args.listings / secs:,.0f}/s, raw writes)"
        )
    queries = sample_queries(args.queries)
    times, totals = [], []
    for i, spec in enumerate(queries):
        t0 = time.perf_counter()
        place = lookup_zip(spec["zip"])
        res = store.search(
            SearchQuery(
                lat=place.lat,
                lon=place.lon,
                radius_miles=spec["radius"],
                credentials=(spec["credential"],),
                max_months=spec["max_months"],
            )
        )
        elapsed = (time.perf_counter() - t0) * 1000
        if i >= 50:  # warm-up
            times.append(elapsed)
            totals.append(res.total)
    print(
        f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {__import__('sqlite3').sqlite_version}"
    )
    print(
        f"{args.listings} listings, {len(times)} near-ZIP searches with 2 filters: "
        f"median {statistics.median(times):.2f} ms, p95 {percentile(times, 95):.2f} ms, "
        f"p99 {percentile(times, 99):.2f} ms, max {max(times):.2f} ms; "
        f"mean matches {statistics.mean(totals):.1f}, max {max(totals)}"
    )


if __name__ == "__main__":
    main()
