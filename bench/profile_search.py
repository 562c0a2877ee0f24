"""Where a search's time goes: pyinstrument over the app in one process (Flask test client, cache off).

    python bench/profile_search.py --listings 100000 [--searches 1000] [--html profile.html]

Needs the ``bench`` extra (pyinstrument). Prints the mean time of a search and of
``/healthz`` through the same client, then the profile of the searches
(bench/search_http.py's mix of near-ZIP searches with filters).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build_db import ensure_db  # noqa: E402
from bench.search_http import search_paths  # noqa: E402


def main() -> None:
    from pyinstrument import Profiler

    from search_api import create_app

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listings", type=int, default=100_000)
    ap.add_argument("--searches", type=int, default=1000)
    ap.add_argument("--html", help="also write the profile as HTML here")
    args = ap.parse_args()
    app = create_app(
        {"PROGRAMS_STORE": f"sqlite:///{ensure_db(args.listings)}", "SEARCH_CACHE_SECONDS": 0}
    )
    client = app.test_client()
    paths = search_paths(200 + 2 * args.searches, seed=5)
    for path in paths[:200]:  # warm-up
        client.get(path)
    started = time.perf_counter()
    for path in paths[200 : 200 + args.searches]:
        client.get(path)
    search_ms = (time.perf_counter() - started) / args.searches * 1000
    started = time.perf_counter()
    for _ in range(args.searches):
        client.get("/healthz")
    health_ms = (time.perf_counter() - started) / args.searches * 1000
    print(
        f"{args.listings:,} listings: search {search_ms:.3f} ms, /healthz {health_ms:.3f} ms (in process, mean)"
    )
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for path in paths[200 + args.searches :]:
        client.get(path)
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
