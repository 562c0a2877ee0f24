"""Two writers merging into the same listing at once, on the stateful fake cluster (no server).

Every listing write is conditional on the version read (``create`` for a new listing,
``if_seq_no``/``if_primary_term`` for an existing one). A writer that lost the race gets 409 and
StoreError; the crawl pipeline's retry reads the listing again, merges onto the other writer's
version and writes it: both contributions are kept, none is overwritten.
"""

from __future__ import annotations

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler import stats_keys as sk
from crawler.pipelines import StorePipeline
from crawler.spiders.scorecard import ScorecardSpider
from programs.errors import StoreError
from programs.model import Listing
from tests.es_fake_cluster import FakeCluster
from tests.test_es_reindex_faults import ALIAS, listings, store_on


def race_on_first_bulk(cluster: FakeCluster, other_writer) -> list[int]:
    """Before the first ``_bulk`` reaches the cluster, ``other_writer()`` writes (its own requests
    pass straight through). Returns the statuses of every listing-bulk item, in order."""
    original = cluster.handle
    statuses: list[int] = []
    raced = False

    def handle(method, target, body, headers):
        nonlocal raced
        if target.startswith("/_bulk") and not raced:
            raced = True
            other_writer()
        status, answer = original(method, target, body, headers)
        if target.startswith("/_bulk"):
            statuses.extend(next(iter(i.values()))["status"] for i in answer["items"])
        return status, answer

    cluster.handle = handle
    return statuses


def sources_of(cluster: FakeCluster, listing_id: str) -> list[str]:
    (live,) = cluster.live(ALIAS)
    return sorted(s["source"] for s in cluster.indices[live].docs[listing_id]["sources"])


def test_a_write_that_lost_the_race_fails_with_409_instead_of_overwriting():
    cluster = FakeCluster()
    store_on(cluster).upsert(listings(1), source="ipeds", run_id="i1")
    scorecard = store_on(cluster)
    statuses = race_on_first_bulk(
        cluster,
        lambda: store_on(cluster).upsert(listings(1), source="program_pages", run_id="p1"),
    )
    with pytest.raises(StoreError, match="changed by another writer since read"):
        scorecard.upsert(listings(1), source="scorecard", run_id="s1")
    assert 409 in statuses
    assert sources_of(cluster, "L000") == ["ipeds", "program_pages"]  # the winner's write stands


def test_the_crawl_pipeline_retries_a_409_to_success_keeping_both_contributions(monkeypatch):
    monkeypatch.setattr("crawler.pipelines.time.sleep", lambda s: None)
    cluster = FakeCluster()
    store_on(cluster).upsert(listings(3), source="ipeds", run_id="i1")
    crawler = get_crawler(ScorecardSpider, {"STORE_BATCH_SIZE": 100, "STORE_WRITE_RETRIES": 3})
    crawler.programs_store = store_on(cluster)
    crawler.spider = ScorecardSpider.from_crawler(crawler)
    crawler.spider.run_id = "s1"
    crawler.stats.open_spider()
    pipeline = build_from_crawler(StorePipeline, crawler)
    # while the pipeline's first attempt is between its read and its write, another source
    # merges into L001
    statuses = race_on_first_bulk(
        cluster,
        lambda: store_on(cluster).upsert(listings(2)[1:], source="program_pages", run_id="p1"),
    )
    batch: list[Listing] = listings(3)
    pipeline.process_item({"listings": batch})
    pipeline.close_spider()

    stats = crawler.stats.get_stats()
    assert statuses.count(409) == 1  # L001, on the first attempt
    assert stats.get(sk.STORE_WRITE_ERRORS) == 1  # one failed attempt, then success
    assert sk.STORE_FAILED not in stats and stats.get(sk.ITEMS_STORED) == 3
    assert sources_of(cluster, "L001") == ["ipeds", "program_pages", "scorecard"]
    assert sources_of(cluster, "L000") == ["ipeds", "scorecard"]
