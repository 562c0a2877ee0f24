"""Soak: the search API under gunicorn, 32 concurrent searches for 5 minutes; zero errors, flat worker memory.

    python bench/soak.py                       # 50,000 listings, 2 workers, 32 connections, 30 s warm-up + 300 s
    python bench/soak.py --duration 60 --listings 5000      # a quick look

1. Builds a SQLite store of generated listings (``bench/generate.py``) through the store interface, in a
   temporary folder (a copy nobody else uses).
2. Starts gunicorn the way ``programs serve`` does (``ops.cli.gunicorn_argv``: the project's gunicorn
   config, preloaded app, ``--workers 2``) on a free 127.0.0.1 port, with ``PROGRAMS_STORE`` pointing at it.
3. Loads it with ``wrk`` (one thread, 32 connections) in slices of ``--sample-every`` seconds, each request a
   different search: real ZIPs near the listings, radius 10-100 miles, filters, sorts, pages, words, plus
   program and meta requests (all valid, so every answer must be a 200). Without wrk, 32 Python threads do it.
4. After every slice it reads each worker's memory from /proc (VmRSS, and RssAnon: the heap, where a leak
   would show; the rest is mostly SQLite's memory-mapped database file, shared with the page cache).

Passes (exit 0) when there was no error (a non-200 answer, a socket error, a timeout, a worker restart)
and every worker's RSS after the warm-up stayed within 10% of its first post-warm-up sample. Prints a table
per slice and a summary; ``--markdown`` prints the summary as Markdown for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate, real_zips  # noqa: E402
from ops.cli import gunicorn_argv  # noqa: E402
from programs.store import open_store  # noqa: E402

FLAT_WITHIN = 0.10
WRK_SCRIPT = r"""
local paths = {}
for line in io.lines(os.getenv("SOAK_PATHS")) do paths[#paths + 1] = line end
local i = 0
local statuses = {}
function setup(thread) thread:set("offset", math.random(#paths)) end
function init(args) i = offset or 0 end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format('{"requests": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, ' ..
    '"p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n', summary.requests, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


# ------------------------------------------------------------------------------------------------ data
def build_store(path: Path, n: int) -> list[str]:
    """``n`` generated listings in a new SQLite store at ``path``; their ids."""
    store = open_store(f"sqlite:///{path}")
    ids, batch = [], []
    for listing in generate(n, seed=42, run_id="soak"):
        batch.append(listing)
        ids.append(listing.id)
        if len(batch) == 1000:
            store.upsert(batch, source="ipeds", run_id="soak")
            batch = []
    if batch:
        store.upsert(batch, source="ipeds", run_id="soak")
    store.close()
    return ids


def request_paths(ids: list[str], count: int, seed: int = 5) -> list[str]:
    """Varied valid requests: mostly searches near the listings, some program pages and meta."""
    rnd = random.Random(seed)
    zips = [z for z, *_ in real_zips()]
    words = ["coding", "billing", "health", "information", "medical", "technology", "certificate"]
    out = []
    for _ in range(count):
        roll = rnd.random()
        if roll < 0.08:
            out.append(f"/api/v1/programs/{rnd.choice(ids)}")
            continue
        if roll < 0.10:
            out.append("/api/v1/meta")
            continue
        params: list[tuple[str, str]] = [
            ("zip", rnd.choice(zips)),
            ("radius", str(rnd.choice([10, 25, 25, 50, 100]))),
        ]
        if rnd.random() < 0.5:
            params.append(
                (
                    "credential",
                    rnd.choice(["certificate", "associate", "bachelor", "certificate,associate"]),
                )
            )
        if rnd.random() < 0.3:
            params.append(("delivery", rnd.choice(["online", "on_campus", "hybrid"])))
        if rnd.random() < 0.3:
            params.append(("max_months", str(rnd.choice([6, 12, 24]))))
        if rnd.random() < 0.2:
            params.append(("certification", rnd.choice(["CPC", "CCA", "RHIT", "CBCS"])))
        if rnd.random() < 0.15:
            params.append(("q", rnd.choice(words)))
        if rnd.random() < 0.3:
            params.append(("sort", rnd.choice(["distance", "length", "tuition", "relevance"])))
        if rnd.random() < 0.2:
            params.append(("page", str(rnd.randint(2, 4))))
        if rnd.random() < 0.1:
            params.append(("online", "0"))
        out.append("/api/v1/programs?" + urlencode(params))
    return out


# --------------------------------------------------------------------------------------------- server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return sorted(out)


def memory_kib(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile"):
            fields[key] = int(value.split()[0])
    return fields


class Gunicorn:
    def __init__(self, store_url: str, workers: int, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        argv = gunicorn_argv("127.0.0.1", self.port, workers)
        argv[argv.index("--access-logfile") + 1] = "/dev/null"  # the rest as `programs serve`
        env = {**os.environ, "PROGRAMS_STORE": store_url}
        self.log = open(log, "w")
        self.proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=5) as resp:
                    if resp.status == 200 and len(children(self.proc.pid)) >= workers:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {log}")
            time.sleep(0.2)
        self.workers = children(self.proc.pid)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


# ----------------------------------------------------------------------------------------------- load
def wrk_slice(base: str, connections: int, seconds: float, script: Path, paths_file: Path) -> dict:
    proc = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds:g}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        env={**os.environ, "SOAK_PATHS": str(paths_file)},
        capture_output=True,
        text=True,
    )
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not line:
        raise RuntimeError(f"wrk failed: {proc.stderr or proc.stdout}")
    out = json.loads(line[-1])
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", proc.stdout)
    out["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    return out


def python_slice(base: str, connections: int, seconds: float, paths: list[str]) -> dict:
    """The same load without wrk: ``connections`` threads, one request at a time each."""
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    result = {
        "requests": 0,
        "connect": 0,
        "read": 0,
        "write": 0,
        "status": 0,
        "timeout": 0,
        "non2xx": 0,
    }
    latencies: list[float] = []

    def worker(offset: int):
        i = offset
        while time.monotonic() < stop:
            i = (i + 1) % len(paths)
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base + paths[i], timeout=10) as resp:
                    resp.read()
                    ok = resp.status == 200
            except urllib.error.HTTPError:
                ok = False
            except (urllib.error.URLError, OSError):
                with lock:
                    result["connect"] += 1
                continue
            with lock:
                result["requests"] += 1
                latencies.append((time.perf_counter() - started) * 1000)
                if not ok:
                    result["non2xx"] += 1

    threads = [
        threading.Thread(target=worker, args=(random.randrange(len(paths)),))
        for _ in range(connections)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()

    def pick(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else 0.0

    result.update(p50_ms=pick(0.5), p99_ms=pick(0.99), max_ms=latencies[-1] if latencies else 0.0)
    return result


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    mem = next(
        (
            int(ln.split()[1]) // 1024
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        ),
        0,
    )
    return (
        f"{platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:,} MiB RAM, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


# ----------------------------------------------------------------------------------------------- main
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration", type=float, default=300.0, help="seconds of measured load (after warm-up)"
    )
    parser.add_argument(
        "--warmup", type=float, default=30.0, help="seconds of load before the memory baseline"
    )
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent connections")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers (as `programs serve`)"
    )
    parser.add_argument("--listings", type=int, default=50_000)
    parser.add_argument(
        "--sample-every", type=float, default=15.0, help="seconds per load slice / memory sample"
    )
    parser.add_argument(
        "--paths", type=int, default=50_000, help="distinct requests to rotate through"
    )
    parser.add_argument(
        "--python-client", action="store_true", help="use Python threads even if wrk is installed"
    )
    parser.add_argument("--markdown", action="store_true", help="print the summary as Markdown")
    args = parser.parse_args()
    use_wrk = bool(shutil.which("wrk")) and not args.python_client

    work = Path(tempfile.mkdtemp(prefix="soak-"))
    try:
        started = time.monotonic()
        ids = build_store(work / "programs.db", args.listings)
        print(
            f"store: {args.listings:,} generated listings in {time.monotonic() - started:.0f} s "
            f"({(work / 'programs.db').stat().st_size / 2**20:.0f} MiB)",
            flush=True,
        )
        paths = request_paths(ids, args.paths)
        paths_file = work / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        script = work / "soak.lua"
        script.write_text(WRK_SCRIPT)
        server = Gunicorn(f"sqlite:///{work / 'programs.db'}", args.workers, work / "gunicorn.log")
        print(
            f"gunicorn on {server.base}: master {server.proc.pid}, workers {server.workers}; load: "
            f"{'wrk -t1' if use_wrk else 'python threads'} -c{args.concurrency}",
            flush=True,
        )
        try:
            return run(args, server, use_wrk, script, paths_file, paths, work)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(
    args,
    server: Gunicorn,
    use_wrk: bool,
    script: Path,
    paths_file: Path,
    paths: list[str],
    work: Path,
) -> int:
    rows = []
    total = {"requests": 0, "errors": 0}
    baseline: dict[int, int] | None = None
    peak: dict[int, int] = {}
    restarts = 0
    elapsed = 0.0
    end = args.warmup + args.duration
    header = (
        f"{'t (s)':>6} {'phase':>7} {'requests':>9} {'req/s':>7} {'errors':>6} {'p50 ms':>7} {'p99 ms':>7} "
        + " ".join(f"{'w' + str(i + 1) + ' RSS/anon MiB':>20}" for i in range(len(server.workers)))
    )
    print(header, flush=True)
    while elapsed < end - 0.01:
        seconds = min(args.sample_every, end - elapsed)
        if use_wrk:
            r = wrk_slice(server.base, args.concurrency, seconds, script, paths_file)
        else:
            r = python_slice(server.base, args.concurrency, seconds, paths)
        elapsed += seconds
        errors = r["non2xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"]
        workers_now = children(server.proc.pid)
        if workers_now != server.workers:
            restarts += 1
            errors += 1
            print(
                f"workers changed: {server.workers} -> {workers_now} (a worker was restarted)",
                flush=True,
            )
            server.workers = workers_now
        mem = {pid: memory_kib(pid) for pid in server.workers}
        phase = "warm-up" if elapsed <= args.warmup + 0.01 else "load"
        if phase == "load":
            if baseline is None:
                baseline = {pid: m["VmRSS"] for pid, m in mem.items()}
            for pid, m in mem.items():
                peak[pid] = max(peak.get(pid, 0), m["VmRSS"])
            total["requests"] += r["requests"]
            total["errors"] += errors
        else:
            total["errors"] += errors  # errors count in the warm-up too
        row = {
            "t": round(elapsed),
            "phase": phase,
            "requests": r["requests"],
            "rps": r["requests"] / seconds,
            "errors": errors,
            "p50": r["p50_ms"],
            "p99": r["p99_ms"],
            "rss": [(mem[p]["VmRSS"] / 1024, mem[p]["RssAnon"] / 1024) for p in server.workers],
        }
        rows.append(row)
        print(
            f"{row['t']:>6} {phase:>7} {r['requests']:>9,} {row['rps']:>7.0f} {errors:>6} {r['p50_ms']:>7.1f} "
            f"{r['p99_ms']:>7.1f} " + " ".join(f"{a:>11.1f}/{b:<8.1f}" for a, b in row["rss"]),
            flush=True,
        )

    growth = {pid: (peak[pid] - baseline[pid]) / baseline[pid] for pid in baseline if pid in peak}
    final = {pid: memory_kib(pid)["VmRSS"] for pid in server.workers}
    flat = bool(growth) and all(g <= FLAT_WITHIN for g in growth.values()) and not restarts
    ok = total["errors"] == 0 and flat
    log_tail = (work / "gunicorn.log").read_text(errors="replace")
    worker_errors = len(re.findall(r"\[ERROR\]|Traceback|WORKER TIMEOUT", log_tail))
    if worker_errors:
        ok = False
    summary = {
        "date": date.today().isoformat(),
        "machine": machine(),
        "listings": args.listings,
        "workers": len(server.workers),
        "concurrency": args.concurrency,
        "client": "wrk -t1" if use_wrk else "python",
        "warmup_s": args.warmup,
        "duration_s": args.duration,
        "requests": total["requests"],
        "req_per_s": total["requests"] / args.duration,
        "errors": total["errors"],
        "worker_restarts": restarts,
        "gunicorn_errors": worker_errors,
        "rss_mib": {
            f"w{i + 1}": {
                "after_warmup": round(baseline[p] / 1024, 1),
                "peak": round(peak[p] / 1024, 1),
                "end": round(final.get(p, 0) / 1024, 1),
                "growth_pct": round(100 * growth[p], 1),
            }
            for i, p in enumerate(sorted(baseline))
        },
        "passed": ok,
    }
    print(json.dumps(summary, indent=2), flush=True)
    if args.markdown:
        print_markdown(summary, rows)
    print(
        "PASS"
        if ok
        else "FAIL: "
        + ("errors " if total["errors"] or worker_errors else "")
        + ("memory grew more than 10% " if not flat else ""),
        flush=True,
    )
    return 0 if ok else 1


def print_markdown(summary: dict, rows: list[dict]) -> None:
    workers = sorted(summary["rss_mib"])
    print(
        "\n| t (s) | phase | requests | req/s | errors | p50 | p99 | "
        + " | ".join(f"{w} RSS (anon) MiB" for w in workers)
        + " |"
    )
    print("|" + "---|" * (7 + len(workers)))
    for r in rows:
        print(
            f"| {r['t']} | {r['phase']} | {r['requests']:,} | {r['rps']:.0f} | {r['errors']} | {r['p50']:.1f} ms | "
            f"{r['p99']:.1f} ms | " + " | ".join(f"{a:.1f} ({b:.1f})" for a, b in r["rss"]) + " |"
        )


if __name__ == "__main__":
    sys.exit(main())
