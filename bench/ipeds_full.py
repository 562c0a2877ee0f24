"""The ``ipeds`` spider over full-size generated IPEDS files: time and peak memory.

    python bench/ipeds_full.py                 # quick: about 1,000 institutions
    python bench/ipeds_full.py --scale 17      # full size: about 7,000 institutions, 300,000 completion rows

The files are written by the same generator as the test samples
(tests/fixtures/generate_samples.py: real column layouts, cp1252 directory, revised
completions file, malformed rows), with ``--scale`` times as many made-up
institutions per state and, like the real completions file, every institution's
programs in other fields too (about 35 more CIP x award-level rows each, which the
spider reads and skips). They are served from memory by bench/static_server.py and
crawled by ``programs crawl ipeds`` (the real spider, pipelines and store) into a
new SQLite store, in a child process whose wall time and peak RSS (its own ``VmHWM``,
see bench/peak_rss.py) are reported.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS, ROOT, command_line, machine, print_table, today  # noqa: E402

IPEDS_ROOT = RESULTS / "ipeds-full"
OTHER_LEVELS = (1, 2, 3, 5, 7)
OTHER_CIPS = tuple(
    f"{family:02d}.{code:04d}"
    for family in (11, 13, 24, 26, 42, 43, 47, 52)
    for code in range(101, 2001, 95)
)


def _samples_module():
    spec = importlib.util.spec_from_file_location(
        "generate_samples", ROOT / "tests" / "fixtures" / "generate_samples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_files(scale: int, other_programs: int) -> dict:
    gs = _samples_module()
    gs.STATES = {state: (*facts[:3], facts[3] * scale) for state, facts in gs.STATES.items()}

    class FullSize(gs.Generator):
        def filler_name(self, sector, state, city, county):
            try:
                return super().filler_name(sector, state, city, county)
            except RuntimeError:
                return f"{city} {self.rng.choice(gs.REGIONS)} College {len(self.used_names)}"

        def pick_programs(self, sector, name):
            programs = super().pick_programs(sector, name)
            taken = {(cip, level) for cip, level, _ in programs}
            for _ in range(other_programs):
                row = (self.rng.choice(OTHER_CIPS), self.rng.choice(OTHER_LEVELS))
                if row not in taken:
                    taken.add(row)
                    programs.append([row[0], row[1], self.de_flag(sector)])
            return programs

    gen = FullSize()
    gen.build_institutions()
    gen.decorate()
    hd = gen.hd_csv()
    c_a, c_a_rv = gen.c_a_files()
    files = {
        f"HD{gs.YEAR}.zip": [(f"hd{gs.YEAR}.csv", hd)],
        f"C{gs.YEAR}_A.zip": [(f"c{gs.YEAR}_a.csv", c_a), (f"c{gs.YEAR}_a_rv.csv", c_a_rv)],
        f"C{gs.YEAR}DEP.zip": [(f"c{gs.YEAR}dep.csv", gen.cdep_csv())],
        f"IC{gs.YEAR}_PY.zip": [(f"ic{gs.YEAR}_py.csv", gen.ic_py_csv())],
    }
    out = IPEDS_ROOT / "ipeds"
    out.mkdir(parents=True, exist_ok=True)
    for name, members in files.items():
        (out / name).write_bytes(gs.make_zip(members))
    return {
        "institutions": len(gen.institutions),
        "completion_rows": c_a_rv.count(b"\n") - 1,
        "zip_mib": sum(p.stat().st_size for p in out.iterdir()) / 2**20,
    }


def crawl(port: int) -> dict:
    store = RESULTS / "ipeds-full.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    cmd = [
        sys.executable,
        str(ROOT / "bench" / "peak_rss.py"),
        "-m",
        "ops.cli",
        "--store",
        f"sqlite:///{store}",
        "crawl",
        "ipeds",
        "--log-dir",
        str(RESULTS / "logs"),
        "-s",
        f"IPEDS_BASE_URL=http://127.0.0.1:{port}/ipeds/",
        "-s",
        "ROBOTSTXT_OBEY=False",
    ]
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the ipeds crawl failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    peak = int(re.search(r"PEAK_RSS_KIB (\d+)", done.stderr).group(1)) / 1024
    from programs.store.sqlite import SQLiteStore

    counted = SQLiteStore(store)
    run = counted.list_runs("ipeds", limit=1)[0]
    result = {
        "seconds": seconds,
        "peak_rss_mib": peak,
        "status": run.status,
        "listings": counted.count_active(),
        "run": run.to_dict(),
    }
    counted.close()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--scale", type=int, default=2, help="made-up institutions per state x this (17: full size)"
    )
    ap.add_argument(
        "--other-programs", type=int, default=35, help="out-of-scope programs added per institution"
    )
    ap.add_argument("--port", type=int, default=8933)
    ap.add_argument(
        "--reuse", action="store_true", help="crawl the files written last time at this scale"
    )
    args = ap.parse_args()
    started = time.perf_counter()
    facts_file = IPEDS_ROOT / f"facts-{args.scale}-{args.other_programs}.json"
    if args.reuse and facts_file.exists():
        facts = json.loads(facts_file.read_text())
    else:
        facts = write_files(args.scale, args.other_programs)
        facts_file.write_text(json.dumps(facts))
    print(
        f"IPEDS files ready in {time.perf_counter() - started:.0f} s: {json.dumps(facts)}; "
        f"this process's peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB",
        flush=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench" / "static_server.py"),
            str(IPEDS_ROOT),
            "--port",
            str(args.port),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(
                    f"http://127.0.0.1:{args.port}/ipeds/HD2023.zip", timeout=1
                ).read()
                break
            except OSError:
                time.sleep(0.1)
        got = crawl(args.port)
    finally:
        server.terminate()
        server.wait()
    print(f"{today()} · {machine()}")
    print(f"command: {command_line()}")
    print_table(
        "ipeds spider over full-size generated files (child process: programs crawl ipeds)",
        [
            "institutions",
            "completion rows (C_A)",
            "zips MiB",
            "crawl seconds",
            "peak RSS MiB",
            "listings stored",
            "run status",
        ],
        [
            [
                f"{facts['institutions']:,}",
                f"{facts['completion_rows']:,}",
                f"{facts['zip_mib']:.1f}",
                f"{got['seconds']:.1f}",
                f"{got['peak_rss_mib']:.0f}",
                f"{got['listings']:,}",
                got["status"],
            ]
        ],
    )


if __name__ == "__main__":
    main()
