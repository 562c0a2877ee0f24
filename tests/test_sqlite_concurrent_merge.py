"""Two crawls of different sources writing the same listing at once on SQLite: neither contribution is lost.

Each upsert reads the stored listing, merges its source's contribution and writes it back. The read and the
write are one transaction (BEGIN IMMEDIATE), so a second writer that arrives between them waits instead of
being overwritten.
"""

from __future__ import annotations

import threading
import time

from programs.store import open_store
from tests.store_cases import make_listings


def test_a_write_between_another_crawls_read_and_write_waits_for_it(tmp_path):
    url = f"sqlite:///{tmp_path}/race.db"
    listing = make_listings(1)[0]
    first, second = open_store(url), open_store(url)
    first.upsert([listing], source="ipeds", run_id="r0")

    read_done = threading.Event()
    original_get_many = first.get_many

    def get_many_then_let_the_other_crawl_try(ids):
        found = original_get_many(ids)
        read_done.set()
        time.sleep(0.5)  # the other crawl's upsert runs now, between this read and this write
        return found

    first.get_many = get_many_then_let_the_other_crawl_try  # type: ignore[method-assign]
    errors: list[BaseException] = []

    def other_crawl():
        read_done.wait(5)
        try:
            second.upsert([listing], source="program_pages", run_id="p1")
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    thread = threading.Thread(target=other_crawl)
    thread.start()
    first.upsert([listing], source="scorecard", run_id="s1")
    thread.join(30)
    assert not errors
    stored = open_store(url).get(listing.id)
    assert stored is not None
    assert sorted(stored.source_names()) == ["ipeds", "program_pages", "scorecard"]
