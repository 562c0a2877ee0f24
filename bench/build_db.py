"""SQLite databases of N generated listings for the benchmarks, built once and reused.

    python bench/build_db.py 10000 100000 1000000

The listings come from :func:`bench.generate.generate` and are written through the
store's own writer (``SQLiteStore._write``: the same rows, R*Tree, FTS and source
tables as a crawl writes, without the merge with stored contributions, which a
fresh database does not need). A database is cached under ``bench/results/`` and
rebuilt when the schema or the writer changes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS, Timer, schema_tag  # noqa: E402
from bench.generate import generate  # noqa: E402
from programs.store.sqlite import SQLiteStore  # noqa: E402

BATCH = 5000


def db_path(n: int) -> Path:
    return RESULTS / f"listings-{n}-{schema_tag()}.db"


def load(store: SQLiteStore, n: int, batch: int = BATCH) -> None:
    buf = []
    for listing in generate(n):
        buf.append((listing, None))
        if len(buf) >= batch:
            store._write(buf)
            buf = []
    store._write(buf)


def ensure_db(n: int, *, quiet: bool = False) -> Path:
    """The path of a database holding ``n`` generated listings (built if missing)."""
    path = db_path(n)
    if path.exists():
        return path
    RESULTS.mkdir(parents=True, exist_ok=True)
    for old in RESULTS.glob(f"listings-{n}-*.db*"):
        old.unlink()
    tmp = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    store = SQLiteStore(tmp)
    with Timer() as t:
        load(store, n)
    store.close()
    os.replace(tmp, path)
    if not quiet:
        print(f"built {path.name}: {n:,} listings in {t.seconds:.0f} s", flush=True)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="+", type=int)
    for n in ap.parse_args().sizes:
        print(ensure_db(n))


if __name__ == "__main__":
    main()
