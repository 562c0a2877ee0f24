"""The program_pages spider's seed file, written from the store by whoever starts the crawl.

The spider never reads the store: the runner (``programs crawl``) or the launcher (for a
Scrapyd job) writes the institution web sites the store knows to a CSV file and hands it to
the spider as ``-a seeds=FILE``. No Scrapy here, so the launcher in the API process may use it.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable
from pathlib import Path

from programs.errors import ProgramsError
from programs.store import InstitutionSeed, Store

logger = logging.getLogger(__name__)

SEED_COLUMNS = ["url", "name", "zip", "unitid"]


def write_seed_file(seeds: Iterable[InstitutionSeed], path: str | Path) -> int:
    """Write institution web sites as a seed file (a header, then ``url,name,zip,unitid``); how
    many rows."""
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SEED_COLUMNS)
        for seed in seeds:
            writer.writerow([seed.url, seed.name, seed.zip or "", seed.unitid])
            count += 1
    return count


def seed_args(store: Store, path: Path) -> dict[str, str]:
    """The program_pages spider's arguments: the institution web sites the store knows, in a seed
    file at ``path``. With the store unreadable the spider gets no seed file, and its run is partial.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        count = write_seed_file(store.institution_seeds(), path)
    except (ProgramsError, OSError) as exc:
        logger.error("could not write the institution web sites to %s: %s", path, exc)
        return {}
    logger.info("%d institution web sites to crawl (%s)", count, path)
    return {"seeds": str(path)}
