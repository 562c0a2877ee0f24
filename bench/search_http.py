"""Search end to end: the API under gunicorn on 127.0.0.1, loaded by wrk in a separate process.

    python bench/search_http.py                                   # quick: 10k listings, 5 s per run
    python bench/search_http.py --sizes 10000,100000,1000000 --duration 20

For each size: a SQLite database of generated listings (bench/build_db.py), then
gunicorn (``-c python:ops.gunicorn_conf``, ``--workers 2``) twice: with the
worker's answer cache off (``SEARCH_CACHE_SECONDS=0``: every search reaches the
store) and on (the default 60 s, with a realistic mix of searches). On each server,
at each concurrency, wrk (``apt-get install wrk``; bench/paths.lua) first loads
``/healthz`` (the ceiling: a trivial endpoint of the same app on the same server)
and then near-ZIP searches with filters drawn from the mix below. The ratio is the
search's requests/second over the ceiling's, measured back to back.

The mix: a ZIP drawn uniformly from the real standard ZIP codes (every place
searches), radius 25 (60 %) or 10 / 50 miles, credential certificate / associate /
any, max_months 12 / 24 / any, delivery online or hybrid one time in ten, and the
online section on (the default). With a per-worker cache of 512 searches the hit
rate is what such a spread gives; the table says what it was (from the ``X-Cache``
header).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build_db import ensure_db  # noqa: E402
from bench.common import RESULTS, ROOT, command_line, machine, print_table, today  # noqa: E402
from bench.generate import real_zips  # noqa: E402

LUA = ROOT / "bench" / "paths.lua"
VENV_BIN = Path(sys.executable).parent


def search_paths(n: int, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    zips = [z[0] for z in real_zips()]
    out = []
    for _ in range(n):
        params = [f"zip={rnd.choice(zips)}", f"radius={rnd.choice([25, 25, 25, 10, 50])}"]
        cred = rnd.choices(["certificate", "associate", None], [4, 3, 3])[0]
        if cred:
            params.append(f"credential={cred}")
        months = rnd.choices([12, 24, None], [3, 2, 5])[0]
        if months:
            params.append(f"max_months={months}")
        if rnd.random() < 0.1:
            params.append(f"delivery={rnd.choice(['online', 'hybrid'])}")
        if len(params) == 2:  # always at least one filter
            params.append("credential=certificate")
        out.append("/api/v1/programs?" + "&".join(params))
    return out


class Server:
    def __init__(self, db: Path, port: int, workers: int, cache_seconds: float, log: Path):
        env = dict(
            os.environ, PROGRAMS_STORE=f"sqlite:///{db}", SEARCH_CACHE_SECONDS=str(cache_seconds)
        )
        self.base = f"http://127.0.0.1:{port}"
        self.log = open(log, "ab")
        self.proc = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "-c",
                "python:ops.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "ops.wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/readyz", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start; see {log}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def wrk(
    base: str,
    paths_file: Path,
    connections: int,
    seconds: float,
    seed: int,
    accept_encoding: str | None = None,
) -> dict:
    headers = ["-H", f"Accept-Encoding: {accept_encoding}"] if accept_encoding else []
    cmd = [
        "wrk",
        *headers,
        "-t1",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        base,
        "--",
        str(paths_file),
        str(seed),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("WRKJSON "))
    stats = json.loads(line[len("WRKJSON ") :])
    stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
    return stats


def ms(us: float) -> str:
    return f"{us / 1000:.1f}"


def run_size(n: int | str, args, paths_file: Path, health_file: Path) -> list[list]:
    db = ensure_db(n) if isinstance(n, int) else Path(n)
    label = f"{n:,}" if isinstance(n, int) else args.db_label
    rows = []
    runs = {"off": ("search, cache off", 0), "on": ("search, realistic mix, cache on", 60)}
    for what, cache_seconds in (runs[c] for c in args.cache.split(",")):
        server = Server(db, args.port, args.workers, cache_seconds, RESULTS / "gunicorn-bench.log")
        try:
            wrk(
                server.base, paths_file, 8, args.warmup, seed=99
            )  # warm the page cache and the workers
            for c in args.concurrency:
                health = wrk(server.base, health_file, c, args.duration, c, args.accept_encoding)
                search = wrk(
                    server.base, paths_file, c, args.duration, 1000 + c, args.accept_encoding
                )
                looked = search["hits"] + search["misses"]
                hit_rate = f"{100 * search['hits'] / looked:.1f} %" if looked else "-"
                errors = search["non200"] + search["timeout"] + search["connect"] + search["read"]
                rows.append(
                    [
                        label,
                        what,
                        c,
                        f"{health['rps']:,.0f}",
                        f"{search['rps']:,.0f}",
                        f"**{search['rps'] / health['rps']:.2f}**",
                        ms(search["p50"]),
                        ms(search["p95"]),
                        ms(search["p99"]),
                        ms(health["p50"]),
                        ms(health["p99"]),
                        hit_rate,
                        f"{search['bytes'] / max(1, search['requests']):,.0f}",
                        errors,
                    ]
                )
        finally:
            server.stop()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes",
        default="10000",
        help="comma-separated listing counts (full: 10000,100000,1000000)",
    )
    ap.add_argument(
        "--db", help="a store of real listings (a SQLite file) instead of the generated sizes"
    )
    ap.add_argument("--db-label", default="real data", help="what the table calls --db")
    ap.add_argument(
        "--cache", default="off,on", help="the runs: off (every search reaches the store), on"
    )
    ap.add_argument("--accept-encoding", help="sent with every request (e.g. gzip)")
    ap.add_argument("--concurrency", default="1,8,32")
    ap.add_argument("--duration", type=float, default=5.0, help="seconds per wrk run")
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 2))
    ap.add_argument("--port", type=int, default=8931)
    ap.add_argument(
        "--paths", type=int, default=200_000, help="distinct search paths wrk draws from"
    )
    args = ap.parse_args()
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    RESULTS.mkdir(parents=True, exist_ok=True)
    paths_file = RESULTS / "search-paths.txt"
    paths_file.write_text("\n".join(search_paths(args.paths)) + "\n")
    health_file = RESULTS / "health-paths.txt"
    health_file.write_text("/healthz\n")
    rows = []
    for n in [args.db] if args.db else [int(s) for s in args.sizes.split(",")]:
        rows += run_size(n, args, paths_file, health_file)
    print(
        f"{today()} · {machine()} · gunicorn --workers {args.workers} · wrk -t1, {args.duration:g} s per run"
    )
    print(f"command: {command_line()}")
    print_table(
        "Search end to end (gunicorn + wrk)",
        [
            "listings",
            "what",
            "conc.",
            "/healthz rps",
            "search rps",
            "ratio",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "/healthz p50 ms",
            "/healthz p99 ms",
            "cache hits",
            "bytes/search",
            "errors",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
