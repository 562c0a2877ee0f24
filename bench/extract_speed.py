"""Program-page extraction speed on a typical 40-70 KB page (the one tests/test_extract_page.py builds).

    python -m bench.extract_speed [--rounds 5]

Prints the best per-page time over the rounds; results go to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import time

from programs.extract import extract_page
from tests.test_extract_page import URL, _typical_page


def best_ms(rounds: int = 5, per_round: int = 5) -> float:
    body = _typical_page()
    extract_page(body, URL)  # warm-up: regex compilation, imports
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(per_round):
            extract_page(body, URL)
        timings.append((time.perf_counter() - start) / per_round)
    return min(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"extract_page on a typical page: {best_ms(args.rounds):.1f} ms (best of {args.rounds})")


if __name__ == "__main__":
    main()
