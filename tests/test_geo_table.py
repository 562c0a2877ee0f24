"""The ZIP and place tables in their file (programs.geo_data) hold what the zipcodes package says."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from programs import geo, geo_data


@pytest.fixture(scope="module")
def package_zips() -> dict[str, geo.ZipRecord]:
    """Every ZIP as the package gives it, read the way geo read it before the table file."""
    table: dict[str, geo.ZipRecord] = {}
    for row in geo_data.zip_rows():
        table[row[0]] = geo.ZipRecord(*row)
    return table


def test_every_zip_of_the_package_in_its_order(package_zips):
    assert list(geo._zip_table()) == list(package_zips)
    assert geo._zip_table().values() == list(package_zips.values())


def test_every_city_at_the_mean_point_of_its_zips(package_zips):
    groups: dict[tuple[str, str], list[geo.ZipRecord]] = {}
    for rec in package_zips.values():
        if rec.lat is not None:
            groups.setdefault((geo._city_key(rec.city), rec.state), []).append(rec)
    cities = geo._city_table()
    assert len(cities) == len(groups)
    for key in random.Random(3).sample(sorted(groups), 500) + [("chicago", "IL")]:
        recs = groups[key]
        standard = [r for r in recs if r.kind == "STANDARD"] or recs
        first = min(standard, key=lambda r: r.zip)
        assert cities[key] == geo.Place(
            round(sum(r.lat for r in standard) / len(standard), 4),
            round(sum(r.lon for r in standard) / len(standard), 4),
            None,
            first.city,
            first.state,
        )


def _nearest_by_scan(zips, lat: float, lon: float):
    """geo.nearest_zip as it was: every ZIP within a degree of latitude, measured."""
    best, best_d = None, float("inf")
    for rec in zips:
        if rec.lat is None or abs(rec.lat - lat) > 1.0:
            continue
        d = geo.haversine_miles(lat, lon, rec.lat, rec.lon)
        if d < best_d:
            best, best_d = rec, d
    return best


def test_nearest_zip_is_the_one_a_full_scan_finds(package_zips):
    rnd = random.Random(7)
    zips = list(package_zips.values())
    located = [r for r in zips if r.lat is not None]
    points = [
        (r.lat + rnd.uniform(-0.2, 0.2), r.lon + rnd.uniform(-0.2, 0.2))
        for r in rnd.sample(located, 300)
    ]
    points += [(rnd.uniform(18, 65), rnd.uniform(-160, -65)) for _ in range(100)]
    points += [(52.0, 179.9), (52.0, -179.9), (13.4, 144.8), (0.0, 0.0), (89.0, 10.0)]
    for lat, lon in points:
        assert geo.nearest_zip(lat, lon) == _nearest_by_scan(zips, lat, lon), (lat, lon)


def test_the_file_is_built_once_in_a_child_process(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRAMS_CACHE_DIR", str(tmp_path))
    path = geo_data.ensure_table()
    assert path.parent == tmp_path and path.exists()
    built = path.stat().st_mtime_ns
    assert geo_data.ensure_table() == path and path.stat().st_mtime_ns == built
    assert geo_data.Tables(path).zip("00601")[1:3] == ("Adjuntas", "PR")
    assert not list(tmp_path.glob("*.tmp"))


def test_a_first_lookup_holds_no_zip_table_in_memory():
    """A fresh process answers a ZIP, a city and a point while growing by a few MiB (the tables
    read from the package took about 70 MiB)."""
    code = (
        "import re\n"
        "import programs.model, programs.errors, sqlite3\n"
        "def rss():\n"
        "    text = open('/proc/self/status').read()\n"
        "    return int(re.search(r'VmRSS:\\s+(\\d+)', text).group(1)) / 1024\n"
        "before = rss()\n"
        "from programs import geo\n"
        "geo.lookup_zip('60601'); geo.lookup_place('Chicago, IL'); geo.nearest_zip(41.9, -87.6)\n"
        "print(rss() - before)\n"
    )
    geo_data.ensure_table()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) <= 10
