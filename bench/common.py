"""Shared helpers for the benchmark scripts: where data goes, the machine line, tables, percentiles."""

from __future__ import annotations

import hashlib
import os
import platform
import resource
import sqlite3
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: generated databases, sites and files (git-ignored); reused between runs when still valid
RESULTS = ROOT / "bench" / "results"


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def today() -> str:
    return date.today().isoformat()


def command_line() -> str:
    return " ".join(["python"] + [str(a) for a in sys.argv])


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def schema_tag() -> str:
    """Changes with the SQLite schema (its file and version) and the generated data, so that cached
    databases are rebuilt when either does."""
    from programs.store.sqlite import SCHEMA_VERSION

    digest = hashlib.sha1(str(SCHEMA_VERSION).encode())
    for rel in ("programs/store/sqlite_schema.sql", "bench/generate.py"):
        digest.update((ROOT / rel).read_bytes())
    return digest.hexdigest()[:10]


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (printed, and returned for BENCHMARKS.md)."""
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    return text


class Timer:
    def __enter__(self) -> Timer:
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.started
