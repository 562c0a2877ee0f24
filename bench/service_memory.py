"""Memory of the search service: gunicorn (master and workers) after N varied searches.

    python bench/service_memory.py --db bench/results/real-ipeds.db [--searches 10000] [--workers 2]
    python bench/service_memory.py --listings 100000

Starts the service as bench/search_http.py does (``-c python:ops.gunicorn_conf``),
sends ``--searches`` different near-ZIP searches with filters (bench/search_http.py's
mix, 4 connections, every answer checked to be a 200), then reads
``/proc/<pid>/smaps_rollup`` of the master and of each worker: RSS, PSS (shared
pages divided among the processes sharing them, so the PSS of all processes adds
up to what the service really costs) and USS (pages no other process shares).
"""

from __future__ import annotations

import argparse
import http.client
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build_db import ensure_db  # noqa: E402
from bench.common import RESULTS, command_line, machine, print_table, today  # noqa: E402
from bench.search_http import Server, search_paths  # noqa: E402


def rollup(pid: int) -> dict[str, float]:
    """MiB of RSS, PSS and USS (private clean + private dirty) of a process."""
    kib: dict[str, int] = {}
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                kib[parts[0].rstrip(":")] = int(parts[1])
    return {
        "rss": kib["Rss"] / 1024,
        "pss": kib["Pss"] / 1024,
        "uss": (kib["Private_Clean"] + kib["Private_Dirty"]) / 1024,
    }


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()]


def send(base_port: int, paths: list[str], failures: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", base_port, timeout=30)
    for path in paths:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            failures.append(f"{resp.status} {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a SQLite store (default: --listings generated listings)")
    ap.add_argument("--listings", type=int, default=10_000)
    ap.add_argument("--searches", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--port", type=int, default=8937)
    args = ap.parse_args()
    db = Path(args.db) if args.db else ensure_db(args.listings)
    RESULTS.mkdir(parents=True, exist_ok=True)
    server = Server(db, args.port, args.workers, 60, RESULTS / "gunicorn-memory.log")
    try:
        paths = search_paths(args.searches, seed=23)
        failures: list[str] = []
        started = time.perf_counter()
        threads = [
            threading.Thread(target=send, args=(args.port, paths[i::4], failures)) for i in range(4)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        pids = [("master", server.proc.pid)] + [
            (f"worker {i + 1}", pid) for i, pid in enumerate(children(server.proc.pid))
        ]
        rows, total = [], {"rss": 0.0, "pss": 0.0, "uss": 0.0}
        for name, pid in pids:
            mem = rollup(pid)
            for key in total:
                total[key] += mem[key]
            rows.append([name, f"{mem['rss']:.1f}", f"{mem['pss']:.1f}", f"{mem['uss']:.1f}"])
        rows.append(
            ["**all**", f"{total['rss']:.1f}", f"**{total['pss']:.1f}**", f"{total['uss']:.1f}"]
        )
    finally:
        server.stop()
    print(f"{today()} · {machine()} · gunicorn --workers {args.workers} · store {db.name}")
    print(f"command: {command_line()}")
    print(
        f"{len(paths):,} different searches in {seconds:.1f} s, {len(failures)} not 200"
        + (f" (first: {failures[0]})" if failures else "")
    )
    print_table(
        f"Service memory after {len(paths):,} searches (MiB, /proc/<pid>/smaps_rollup)",
        ["process", "RSS", "PSS", "USS"],
        rows,
    )


if __name__ == "__main__":
    main()
