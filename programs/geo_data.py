"""The ZIP and place tables, kept in a small SQLite file instead of in every process's memory.

The ``zipcodes`` package ships its 42,800 ZIPs as one JSON document: reading it
takes about 0.6 s and leaves some 60 MB of Python objects in the process (more
for the city table built from it), in every worker of the service and every crawl.
Here the tables are built from that data once, into
``<cache dir>/zip-places-<digest>.sqlite`` (about 4 MB; the digest covers the
``zipcodes`` version and this module and :mod:`programs.geo`, so a change to
either rebuilds it), in a child process so that the JSON never enters the
process that asks. A lookup is then one indexed read (well under a millisecond;
the first one in a process opens the file).

The cache directory is ``PROGRAMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/programs-near-you``,
else ``~/.cache/programs-near-you``; when it cannot be written the system's
temporary directory is used. ``python -m programs.geo_data`` builds the file
ahead of time (``make install`` does).
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

SCHEMA = """
CREATE TABLE zips (
    zip TEXT PRIMARY KEY, city TEXT NOT NULL, state TEXT NOT NULL,
    lat REAL, lon REAL, kind TEXT NOT NULL, ord INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX zips_lat ON zips (lat, ord);
CREATE TABLE places (
    key TEXT NOT NULL, state TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    city TEXT NOT NULL, PRIMARY KEY (key, state)
) WITHOUT ROWID;
"""

#: a ZIP row: (zip, city, state, lat, lon, kind); lat and lon are None when unknown
ZipRow = tuple[str, str, str, float | None, float | None, str]
#: a place row: (lat, lon, city, state)
PlaceRow = tuple[float, float, str, str]


def cache_dir() -> Path:
    explicit = os.environ.get("PROGRAMS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "programs-near-you"


def _digest() -> str:
    import zipcodes

    from . import geo

    h = hashlib.sha1(str(zipcodes.__version__).encode())
    for module in (__file__, geo.__file__):
        h.update(Path(module).read_bytes())
    return h.hexdigest()[:12]


def table_path(directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"zip-places-{_digest()}.sqlite"


# ------------------------------------------------------------------ building (child process)
def zip_rows() -> Iterator[ZipRow]:
    """Every ZIP of the ``zipcodes`` package, state by state (its order, kept in ``ord``)."""
    from zipcodes import _zipcodes

    from .geo import US_STATES

    for state in sorted(US_STATES):
        for row in _zipcodes.filter_by(state=state):
            lat, lon = _to_float(row.get("lat")), _to_float(row.get("long"))
            if lat == 0.0 and lon == 0.0:
                lat = lon = None
            yield (
                row["zip_code"],
                row.get("city") or "",
                row.get("state") or "",
                lat,
                lon,
                row.get("zip_code_type") or "",
            )


def _to_float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def place_rows(zips: list[ZipRow]) -> Iterator[tuple[str, str, float, float, str]]:
    """(key, state, lat, lon, city) of every city: the mean point of its ZIPs (standard ones
    preferred), named as its lowest ZIP names it."""
    from .geo import _city_key

    groups: dict[tuple[str, str], list[ZipRow]] = {}
    for row in zips:
        if row[3] is not None and row[4] is not None:
            groups.setdefault((_city_key(row[1]), row[2]), []).append(row)
    for (key, state), rows in groups.items():
        standard = [r for r in rows if r[5] == "STANDARD"] or rows
        lat = sum(r[3] or 0.0 for r in standard) / len(standard)
        lon = sum(r[4] or 0.0 for r in standard) / len(standard)
        first = min(standard, key=lambda r: r[0])
        yield key, state, round(lat, 4), round(lon, 4), first[1]


def build(path: Path) -> None:
    """Write the tables to ``path`` (atomically: a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(SCHEMA)
        by_zip: dict[str, ZipRow] = {}
        for row in zip_rows():  # a ZIP listed twice keeps its first place and its last values
            by_zip[row[0]] = row
        zips = list(by_zip.values())
        db.executemany(
            "INSERT INTO zips VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((*row, i) for i, row in enumerate(zips)),
        )
        db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?)", place_rows(zips))
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def ensure_table() -> Path:
    """The table file, built (in a child process) when missing."""
    path = table_path()
    if path.exists():
        return path
    try:
        _build_in_child(path)
    except (OSError, subprocess.CalledProcessError):
        path = table_path(Path(tempfile.gettempdir()) / "programs-near-you")
        if not path.exists():
            _build_in_child(path)
    return path


def _build_in_child(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    root = str(Path(__file__).resolve().parents[1])
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    )
    subprocess.run(
        [sys.executable, "-m", "programs.geo_data", str(path)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


# ------------------------------------------------------------------ reading
class Tables:
    """Read access to the table file: one read-only connection per process (a connection must
    not cross a fork), shared by its threads under a lock."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._db: sqlite3.Connection | None = None

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            if self._pid != os.getpid() or self._db is None:
                self._db = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=ro&immutable=1",
                    uri=True,
                    check_same_thread=False,
                )
                self._pid = os.getpid()
            return self._db.execute(sql, params).fetchall()

    def zip(self, zip5: str) -> ZipRow | None:
        rows = self._query(
            "SELECT zip, city, state, lat, lon, kind FROM zips WHERE zip = ?", (zip5,)
        )
        return rows[0] if rows else None

    def zips(self) -> list[ZipRow]:
        return self._query("SELECT zip, city, state, lat, lon, kind FROM zips ORDER BY ord")

    def zips_nearest(self, lat: float, lon: float, band: float, n: int) -> list[ZipRow]:
        """The ``n`` ZIPs nearest to (lat, lon) on a flat-earth approximation, among those whose
        latitude is within ``band`` degrees, in the package's order (the caller measures exactly)."""
        scale = math.cos(math.radians(lat))
        rows = self._query(
            "SELECT zip, city, state, lat, lon, kind, ord FROM zips WHERE lat BETWEEN ? AND ? "
            "ORDER BY (lat - ?) * (lat - ?) "
            "+ min(abs(lon - ?), 360 - abs(lon - ?)) * min(abs(lon - ?), 360 - abs(lon - ?)) * ? "
            "LIMIT ?",
            (lat - band, lat + band, lat, lat, lon, lon, lon, lon, scale * scale, n),
        )
        return [row[:6] for row in sorted(rows, key=lambda row: row[6])]

    def zip_count(self) -> int:
        return self._query("SELECT count(*) FROM zips")[0][0]

    def place(self, key: str, state: str) -> PlaceRow | None:
        rows = self._query(
            "SELECT lat, lon, city, state FROM places WHERE key = ? AND state = ?", (key, state)
        )
        return rows[0] if rows else None

    def places(self) -> list[tuple[str, str, float, float, str, str]]:
        return self._query("SELECT key, state, lat, lon, city, state FROM places")

    def place_count(self) -> int:
        return self._query("SELECT count(*) FROM places")[0][0]


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else table_path())
