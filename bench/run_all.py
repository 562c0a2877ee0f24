"""Run every benchmark (``make bench``): quick sizes by default, ``--full`` for the sizes in BENCHMARKS.md.

    python bench/run_all.py            # a few minutes
    python bench/run_all.py --full     # about an hour: 1M-listing databases, 5,000-page crawl, full IPEDS

Each script prints its own results table (Markdown, ready for BENCHMARKS.md). The
search benchmark needs wrk (``apt-get install -y wrk``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent

QUICK = [
    ["search_http.py", "--sizes", "10000", "--duration", "5"],
    ["indexing.py", "--upserts", "20000", "--reindex", "10000"],
    ["crawl.py", "--sites", "50"],
    ["ipeds_full.py", "--scale", "2"],
]
FULL = [
    ["search_http.py", "--sizes", "10000,100000,1000000", "--duration", "10"],
    ["indexing.py", "--upserts", "200000", "--reindex", "1000000"],
    ["crawl.py", "--sites", "250", "--rounds", "3"],
    ["ipeds_full.py", "--scale", "17"],
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="the full sizes (see BENCHMARKS.md)")
    args = ap.parse_args()
    failed = 0
    for script, *flags in FULL if args.full else QUICK:
        print(f"\n== {script} {' '.join(flags)}", flush=True)
        failed += subprocess.call([sys.executable, str(BENCH / script), *flags]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
