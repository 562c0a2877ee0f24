"""Where a search's time goes, part by part: timers around the parts, in one process (Flask test client,
cache off), over bench/search_http.py's mix of near-ZIP searches.

    python bench/search_parts.py --listings 100000 [--searches 1500] [--rounds 3]

A sampling profiler (bench/profile_search.py) slows Python code more than the SQLite calls it
samples; here each part is timed with ``time.perf_counter`` around it (wrapped at run time), so
the shares are as the service spends them. Prints the mean per search of the best round.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build_db import ensure_db  # noqa: E402
from bench.common import command_line, machine, print_table, today  # noqa: E402
from bench.search_http import search_paths  # noqa: E402


def main() -> None:
    import programs.store.sqlite as sqlite_store
    import search_api.blueprints.search as search_bp
    import search_api.searching as searching
    from search_api import create_app

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listings", type=int, default=100_000)
    ap.add_argument("--searches", type=int, default=1500, help="per round")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    app = create_app(
        {"PROGRAMS_STORE": f"sqlite:///{ensure_db(args.listings)}", "SEARCH_CACHE_SECONDS": 0}
    )
    client = app.test_client()
    spent: Counter[str] = Counter()
    stack: list[str] = []

    def timed(name: str, func: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            started = time.perf_counter()
            stack.append(name)
            try:
                return func(*a, **k)
            finally:
                stack.pop()
                took = time.perf_counter() - started
                spent[name] += took
                if stack:  # the caller's own time excludes this part
                    spent["-" + stack[-1]] += took

        return wrapper

    store_cls, searcher_cls = sqlite_store.SQLiteStore, searching.Searcher
    store_cls._read = timed("sql", store_cls._read)
    sqlite_store.group_sql = timed("sql text", sqlite_store.group_sql)
    store_cls._search_group = timed("store", store_cls._search_group)
    searcher_cls.online_json = timed("online", searcher_cls.online_json)
    searching._results_json = timed("results json", searching._results_json)
    searcher_cls.body_json = timed("body", searcher_cls.body_json)
    search_bp.build_request = timed("build_request", search_bp.build_request)
    search_bp._quick.load = timed("quick", search_bp._quick.load)
    search_bp._response = timed("response", search_bp._response)

    n = args.searches
    paths = search_paths(500 + n * args.rounds, seed=1001)
    for path in paths[:500]:  # warm-up (and the online section's cached totals)
        client.get(path)
    rounds = []
    for r in range(args.rounds):
        spent.clear()
        started = time.perf_counter()
        for path in paths[500 + r * n : 500 + (r + 1) * n]:
            client.get(path)
        rounds.append(((time.perf_counter() - started) / n, {k: v / n for k, v in spent.items()}))
    started = time.perf_counter()
    for _ in range(n):
        client.get("/healthz")
    health = (time.perf_counter() - started) / n
    total, part = min(rounds, key=lambda item: item[0])

    def own(name: str) -> float:
        return part.get(name, 0.0) - part.get("-" + name, 0.0)

    parts = [
        (
            "store queries: SQLite (execute and fetch; the page's and the online rings')",
            part["sql"],
        ),
        ("their SQL text (sqlite_search.group_sql)", part["sql text"]),
        ("rows to results (hits, facets, page order)", own("store")),
        ("results JSON (page and online section)", part["results json"]),
        ("online section beyond its store searches and JSON", own("online")),
        ("answer assembly beyond the above (body_json)", own("body")),
        ("build_request: place lookup, core query", part["build_request"]),
        ("quick parameter loading", part["quick"]),
        ("response object and headers", part["response"]),
    ]
    rest = total - sum(v for _, v in parts)
    parts.append((f"Flask, Werkzeug, test client (/healthz: {health * 1000:.3f} ms)", rest))
    print(f"{today()} · {machine()}")
    print(f"command: {command_line()}")
    print(
        f"{args.listings:,} listings: search {total * 1000:.3f} ms, /healthz {health * 1000:.3f} ms"
        f" (in process, mean of the best of {args.rounds} rounds of {n:,})"
    )
    print_table(
        "Where a search's time goes",
        ["part", "ms", "share"],
        [[name, f"{v * 1000:.3f}", f"{100 * v / total:.0f} %"] for name, v in parts],
    )


if __name__ == "__main__":
    main()
