"""How thin the web layer is: (``/healthz`` time + in-process search time) / end-to-end search time.

    python bench/thin_layer.py --listings 100000 [--rounds 3] [--duration 3]

One gunicorn server (2 workers, answer cache off) over bench/build_db.py's database.
Each round, back to back: wrk at one connection on ``/healthz`` (the time any request
costs: HTTP, gunicorn, Flask), wrk at one connection on bench/search_http.py's searches,
then the same kind of searches in this process with their online section
(bench/search_inprocess.py ``http_mix``: place lookup, core query, store search, online
section). The ratio is (1 / healthz rps + in-process mean) / (1 / search rps): 1.0 when
the web layer adds nothing beyond what ``/healthz`` pays. Rounds are interleaved so that
a busy machine slows all three alike; the table shows each round and the median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build_db import ensure_db  # noqa: E402
from bench.common import RESULTS, command_line, machine, print_table, today  # noqa: E402
from bench.search_http import Server, search_paths, wrk  # noqa: E402
from bench.search_inprocess import http_mix  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listings", type=int, default=100_000)
    ap.add_argument("--db", help="a SQLite store instead of generated listings")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=float, default=3.0)
    ap.add_argument("--inprocess", type=int, default=400, help="in-process searches per round")
    ap.add_argument("--port", type=int, default=8935)
    args = ap.parse_args()
    db = Path(args.db) if args.db else ensure_db(args.listings)
    RESULTS.mkdir(parents=True, exist_ok=True)
    paths_file = RESULTS / "thin-paths.txt"
    paths_file.write_text("\n".join(search_paths(50_000)) + "\n")
    health_file = RESULTS / "health-paths.txt"
    health_file.write_text("/healthz\n")
    server = Server(db, args.port, 2, 0, RESULTS / "gunicorn-thin.log")
    rows, ratios = [], []
    try:
        wrk(server.base, paths_file, 1, 2, seed=7)  # warm-up
        for r in range(args.rounds):
            health = wrk(server.base, health_file, 1, args.duration, seed=r)
            search = wrk(server.base, paths_file, 1, args.duration, seed=100 + r)
            inproc = http_mix(str(db), args.inprocess)
            health_ms, search_ms = 1000 / health["rps"], 1000 / search["rps"]
            ratio = (health_ms + inproc["mean"]) / search_ms
            ratios.append(ratio)
            rows.append(
                [
                    r + 1,
                    f"{health_ms:.2f}",
                    f"{inproc['mean']:.2f}",
                    f"{search_ms:.2f}",
                    f"{search_ms - health_ms - inproc['mean']:.2f}",
                    f"{ratio:.2f}",
                ]
            )
    finally:
        server.stop()
    rows.append(["**median**", "", "", "", "", f"**{statistics.median(ratios):.2f}**"])
    print(f"{today()} · {machine()} · gunicorn --workers 2, cache off · wrk -t1 -c1")
    print(f"command: {command_line()}")
    print_table(
        f"Thin web layer ({db.name})",
        [
            "round",
            "/healthz ms",
            "in process ms (with online)",
            "end to end ms",
            "web layer beyond /healthz ms",
            "ratio",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
