"""The Elasticsearch index lifecycle under faults, on a stateful fake cluster (no server needed).

The re-index is interrupted at every request it makes, in three ways (refused before it is
applied, applied with its answer lost, the server gone from then on), and run again: the live
index must never be deleted, and afterwards exactly one index sits behind the alias with every
listing, without a write block and without a leftover lock.
"""

from __future__ import annotations

import json

import pytest
from elasticsearch import Elasticsearch

from programs.errors import ProgramsError, StoreError
from programs.model import Institution, Listing, Program
from programs.store import es_queries as q
from programs.store.elasticsearch import ElasticsearchStore
from tests.es_fake_cluster import FakeCluster
from tests.test_es_store_offline import StubNode

ALIAS = "programs-listings"


def listings(n: int = 7) -> list[Listing]:
    return [
        Listing(
            id=f"L{i:03d}",
            institution=Institution(
                name=f"College {i}", unitid=str(100000 + i), lat=41.9, lon=-87.6
            ),
            program=Program(name="Medical Coding", credential="certificate"),
        )
        for i in range(n)
    ]


def store_on(cluster: FakeCluster) -> ElasticsearchStore:
    node_class = type("FakeClusterNode", (StubNode,), {"stub": cluster})
    client = Elasticsearch("http://es.test:9200", node_class=node_class, max_retries=0)
    return ElasticsearchStore("http://es.test:9200", client=client)


def loaded_cluster(n: int = 7) -> FakeCluster:
    cluster = FakeCluster()
    store = store_on(cluster)
    store.upsert(listings(n), source="ipeds", run_id="load")
    assert cluster.live(ALIAS) == [f"{ALIAS}-v1"]
    return cluster


def listing_indices(cluster: FakeCluster) -> list[str]:
    return sorted(n for n in cluster.indices if n.startswith(f"{ALIAS}-v"))


def assert_live_and_whole(cluster: FakeCluster, n: int) -> str:
    """The alias points to exactly one index, and it holds every listing."""
    (live,) = cluster.live(ALIAS)
    assert sorted(cluster.indices[live].docs) == [f"L{i:03d}" for i in range(n)]
    return live


def clean_run_length() -> int:
    cluster = loaded_cluster()
    store = store_on(cluster)
    store._ensure()
    before = len(cluster.log)
    store.reindex()
    return len(cluster.log) - before


STEPS = clean_run_length()


def test_a_clean_reindex_leaves_one_index_behind_the_alias():
    cluster = loaded_cluster()
    result = store_on(cluster).reindex()
    assert result["from_index"] == f"{ALIAS}-v1" and result["to_index"] == f"{ALIAS}-v2"
    assert listing_indices(cluster) == [f"{ALIAS}-v2"]
    assert assert_live_and_whole(cluster, 7) == f"{ALIAS}-v2"
    assert not cluster.indices[f"{ALIAS}-v2"].blocked
    assert cluster.indices["programs-locks"].docs == {}
    assert 12 <= STEPS <= 30  # every request of a re-index is interrupted below


@pytest.mark.parametrize("mode", ["refused", "lost", "down"])
@pytest.mark.parametrize("step", range(1, STEPS + 1))
def test_a_reindex_interrupted_at_any_request_is_undone_by_the_next(step, mode):
    cluster = loaded_cluster()
    first = store_on(cluster)
    first._ensure()
    first.reindex_lock_seconds = 0.0  # a crashed holder's lock has expired when the next one runs
    cluster.fail_at(step, mode)
    try:
        first.reindex()
    except ProgramsError:
        pass
    # whatever happened, searches still find every listing through the alias
    assert_live_and_whole(cluster, 7)
    cluster.fault = None

    second = store_on(cluster)  # a new process
    result = second.reindex()
    live = assert_live_and_whole(cluster, 7)
    assert listing_indices(cluster) == [live] == [result["to_index"]]
    assert not cluster.indices[live].blocked
    assert cluster.indices["programs-locks"].docs == {}
    # and the store writes again
    second.upsert(listings(8)[7:], source="ipeds", run_id="later")
    assert_live_and_whole(cluster, 8)


def test_a_swap_applied_whose_answer_is_lost_keeps_the_new_index():
    """The defect: the first _aliases timed out on the client but was applied; its retry got 404
    and the rollback deleted the new index, which held the alias."""
    cluster = loaded_cluster()
    store = store_on(cluster)
    store._ensure()
    swap_at = None
    original = cluster.handle

    def lose_the_swap(method, target, body, headers):
        nonlocal swap_at
        if target.startswith("/_aliases") and swap_at is None:
            swap_at = len(cluster.log) + 1
            cluster.fail_at(1, "lost")
        return original(method, target, body, headers)

    cluster.handle = lose_the_swap
    result = store.reindex()
    assert result["to_index"] == f"{ALIAS}-v2" and result["deleted_index"] == f"{ALIAS}-v1"
    assert [m for m, p in cluster.log if p == "/_aliases"] == ["POST"]  # not retried
    assert ("DELETE", f"/{ALIAS}-v2") not in cluster.log
    assert assert_live_and_whole(cluster, 7) == f"{ALIAS}-v2"


def test_a_second_reindex_while_one_runs_is_refused():
    cluster = loaded_cluster()
    store = store_on(cluster)
    import time

    assert store.acquire_lock(f"reindex:{ALIAS}", "someone-else", 300, time.time())
    with pytest.raises(StoreError, match="another re-index"):
        store.reindex()
    assert listing_indices(cluster) == [f"{ALIAS}-v1"]


def test_two_processes_creating_the_first_index_agree_on_v1():
    cluster = FakeCluster()
    a, b = store_on(cluster), store_on(cluster)
    original = cluster.handle
    created_by_a = False

    def a_wins_the_race(method, target, body, headers):
        nonlocal created_by_a
        # b checked for the alias before a created it; a creates -v1 just before b does
        if method == "PUT" and target.startswith(f"/{ALIAS}-v1") and not created_by_a:
            created_by_a = True
            a._ensure()
        return original(method, target, body, headers)

    cluster.handle = a_wins_the_race
    b._ensure()
    assert listing_indices(cluster) == [f"{ALIAS}-v1"] and cluster.live(ALIAS) == [f"{ALIAS}-v1"]


def test_versioned_indices_without_the_alias_are_not_hidden_behind_a_new_empty_one():
    cluster = loaded_cluster()
    cluster.aliases.clear()  # e.g. removed by hand
    with pytest.raises(StoreError, match="alias programs-listings is missing"):
        store_on(cluster)._ensure()
    assert (
        listing_indices(cluster) == [f"{ALIAS}-v1"]
        and len(cluster.indices[f"{ALIAS}-v1"].docs) == 7
    )


def test_a_missing_alias_makes_reads_unavailable_then_heals():
    from programs.errors import StoreUnavailable

    cluster = FakeCluster()
    store = store_on(cluster)
    store._ensure()
    del cluster.indices[f"{ALIAS}-v1"]  # deleted by hand while the service runs
    cluster.aliases.clear()
    with pytest.raises(StoreUnavailable):
        store.count_active()
    assert store.count_active() == 0  # the next call prepared the indices again
    assert cluster.live(ALIAS) == [f"{ALIAS}-v1"]


def test_documents_are_the_listing_documents():
    cluster = loaded_cluster(1)
    (doc,) = cluster.indices[f"{ALIAS}-v1"].docs.values()
    assert doc == q.build_listing_document(store_on(cluster).get("L000"))


def test_a_lost_alias_after_a_reindex_is_refused_and_the_listings_are_never_deleted():
    """Gap A: after a re-index the live index is -v2 (no -v1). With the alias lost, start-up used to
    create an empty -v1 behind the alias, and the next re-index deleted -v2 as an unfinished copy."""
    cluster = loaded_cluster()
    store_on(cluster).reindex()
    assert listing_indices(cluster) == [f"{ALIAS}-v2"]
    cluster.aliases.pop(ALIAS)  # lost: removed by hand, or a restore without aliases
    before = len(cluster.log)
    with pytest.raises(StoreError) as refused:
        store_on(cluster)._ensure()
    message = str(refused.value)
    assert f"{ALIAS}-v2 (7 documents)" in message and "_aliases" in message
    assert listing_indices(cluster) == [f"{ALIAS}-v2"]  # no empty -v1 behind the alias
    with pytest.raises(StoreError):
        store_on(cluster).reindex()
    assert len(cluster.indices[f"{ALIAS}-v2"].docs) == 7
    changes = [
        (m, p)
        for m, p in cluster.log[before:]
        if m in ("PUT", "DELETE") or (m == "POST" and not p.endswith("/_count"))
    ]
    assert changes == []  # nothing created, moved or deleted: only reads and counts


def test_a_reindex_never_deletes_listings_that_are_no_copy_of_the_live_index():
    """Behind the alias, an empty -v1 made after the alias was lost (as start-up once did); the
    listings sit in -v2, copied from the first -v1, which no longer exists: not provably a copy."""
    cluster = loaded_cluster()
    store_on(cluster).reindex()
    cluster.aliases.pop(ALIAS)
    cluster.handle("PUT", f"/{ALIAS}-v1", json.dumps({"aliases": {ALIAS: {}}}).encode(), {})
    with pytest.raises(StoreError) as refused:
        store_on(cluster).reindex()
    assert f"{ALIAS}-v2 (7 documents) not behind {ALIAS}" in str(refused.value)
    assert listing_indices(cluster) == [f"{ALIAS}-v1", f"{ALIAS}-v2"]
    assert len(cluster.indices[f"{ALIAS}-v2"].docs) == 7
    assert cluster.indices["programs-locks"].docs == {}  # the lock is released


def test_a_reindex_deletes_an_empty_leftover_and_its_own_unfinished_copy():
    cluster = loaded_cluster()
    cluster.handle("PUT", f"/{ALIAS}-v7", b"{}", {})  # empty, made by hand
    first = store_on(cluster)
    first._ensure()
    first.reindex_lock_seconds = 0.0
    original = cluster.handle

    def die_after_the_first_copied_chunk(method, target, body, headers):
        if target.startswith("/_bulk"):
            cluster.fail_at(2, "down")  # the chunk is written, then the server is gone
        return original(method, target, body, headers)

    cluster.handle = die_after_the_first_copied_chunk
    with pytest.raises(ProgramsError):
        first.reindex()
    cluster.handle, cluster.fault = original, None
    copy = f"{ALIAS}-v8"
    assert len(cluster.indices[copy].docs) == 7  # the copy holds data, but is provably a copy
    assert cluster.indices[copy].mappings["_meta"][q.COPY_META] == {
        "from_index": f"{ALIAS}-v1",
        "from_uuid": cluster.indices[f"{ALIAS}-v1"].uuid,
    }
    result = store_on(cluster).reindex()
    assert listing_indices(cluster) == [result["to_index"]] == [f"{ALIAS}-v9"]
    assert_live_and_whole(cluster, 7)
