"""The Elasticsearch store against a recording stub instead of a server.

The store gets a real ``elasticsearch.Elasticsearch`` client whose HTTP node is
replaced by :class:`StubNode`: every request the client would send is recorded
(method, path, query parameters, decoded body) and answered from canned
responses registered per test. So these tests exercise the real client
(argument names, URLs, NDJSON bulk encoding, error classes) without a server,
and they check what the store sends and what it makes of the answers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import elastic_transport
import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse  # the (meta, body) pair a node returns
from elasticsearch import Elasticsearch

from programs.errors import StoreError, StoreUnavailable
from programs.geo import haversine_miles
from programs.model import Institution, Listing, Program
from programs.query import SearchQuery
from programs.runs import RunRecord
from programs.store import es_queries as q
from programs.store.elasticsearch import (
    ElasticsearchStore,
    client_options_from_url,
    load_index_config,
)
from programs.store.sqlite import SQLiteStore

GOLDEN = Path(__file__).parent / "golden" / "es"
CHICAGO = (41.8858, -87.6181)  # the centre of the golden search bodies
FETCHED = "2026-03-01T12:00:00Z"


# ----------------------------------------------------------------------- the stub
@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    body: Any


class Stub:
    """Canned answers by (method, path regex); records every request."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.routes: list[tuple[str, re.Pattern[str], Any]] = []

    def on(self, method: str, path: str, answer: Any) -> None:
        """``answer``: a dict (200 + JSON), (status, body), an exception to raise, or a callable(Request)."""
        self.routes.insert(0, (method, re.compile(path + r"$"), answer))  # later registrations win

    def handle(self, method: str, target: str, body: bytes | None, headers: Any) -> tuple[int, Any]:
        split = urlsplit(target)
        decoded: Any = None
        if body:
            text = body.decode("utf-8")
            ctype = (headers or {}).get("content-type", "") if headers is not None else ""
            if "ndjson" in ctype:
                decoded = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                decoded = json.loads(text)
        req = Request(method, unquote(split.path), dict(parse_qsl(split.query)), decoded)
        self.requests.append(req)
        for m, pattern, answer in self.routes:
            if m == method and pattern.match(req.path):
                if callable(answer) and not isinstance(answer, type):
                    answer = answer(req)
                if isinstance(answer, BaseException):
                    raise answer
                if isinstance(answer, tuple):
                    return answer
                return 200, answer
        return 400, {
            "error": {
                "type": "stub_has_no_answer",
                "reason": f"{method} {req.path}",
                "root_cause": [{"reason": f"no canned answer for {method} {req.path}"}],
            }
        }

    def calls(self, method: str, path: str) -> list[Request]:
        pattern = re.compile(path + r"$")
        return [r for r in self.requests if r.method == method and pattern.match(r.path)]

    def index_of(self, method: str, path: str) -> int:
        pattern = re.compile(path + r"$")
        return next(
            i for i, r in enumerate(self.requests) if r.method == method and pattern.match(r.path)
        )


class StubNode(BaseNode):
    stub: Stub

    def perform_request(
        self, method, target, body=None, headers=None, request_timeout=None
    ) -> NodeApiResponse:
        status, payload = self.stub.handle(method, target, body, headers)
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
            ),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(
            meta, b"" if payload is None else json.dumps(payload).encode("utf-8")
        )


def make_store(stub: Stub, url: str = "http://es.test:9200", **kwargs) -> ElasticsearchStore:
    node_class = type("BoundStubNode", (StubNode,), {"stub": stub})
    client = Elasticsearch("http://es.test:9200", node_class=node_class, max_retries=0)
    return ElasticsearchStore(url, client=client, **kwargs)


SERVER_INFO = {"name": "es", "version": {"number": "9.1.5"}, "tagline": "You Know, for Search"}
CONFLICT = (
    409,
    {
        "error": {
            "type": "version_conflict_engine_exception",
            "reason": "exists",
            "root_cause": [{"reason": "exists"}],
        },
        "status": 409,
    },
)


def lock_routes(stub: Stub, prefix: str = "programs") -> dict[str, dict]:
    """A locks index that remembers its documents (for the re-index lock)."""
    docs: dict[str, dict] = {}

    def name_of(req: Request) -> str:
        return req.path.rsplit("/", 1)[1]

    def put(req: Request):
        name = name_of(req)
        if req.params.get("op_type") == "create" and name in docs:
            return CONFLICT
        docs[name] = req.body
        return {"result": "created", "_seq_no": 1, "_primary_term": 1}

    def get(req: Request):
        name = name_of(req)
        if name not in docs:
            return 404, {"_id": name, "found": False}
        return {"_id": name, "found": True, "_seq_no": 1, "_primary_term": 1, "_source": docs[name]}

    def delete(req: Request):
        docs.pop(name_of(req), None)
        return {"result": "deleted"}

    stub.on("PUT", f"/{prefix}-locks/_doc/.*", put)
    stub.on("GET", f"/{prefix}-locks/_doc/.*", get)
    stub.on("DELETE", f"/{prefix}-locks/_doc/.*", delete)
    return docs


def indices_exist(stub: Stub, prefix: str = "programs") -> None:
    """Canned answers saying the server is 9.x and every index of the prefix exists already."""
    stub.on("GET", "/", SERVER_INFO)
    stub.on("HEAD", f"/_alias/{prefix}-listings", (200, None))
    for name in ("runs", "schedules", "locks", "institutions"):
        stub.on("HEAD", f"/{prefix}-{name}", (200, None))


def bulk_ok(req: Request) -> dict[str, Any]:
    items = []
    for line in req.body:
        if len(line) == 1 and next(iter(line)) in ("index", "create", "delete", "update"):
            op, meta = next(iter(line.items()))
            items.append(
                {
                    op: {
                        "_index": meta["_index"],
                        "_id": meta["_id"],
                        "status": 201,
                        "result": "created",
                    }
                }
            )
    return {"took": 1, "errors": False, "items": items}


def bulk_pairs(req: Request) -> list[tuple[dict, dict]]:
    return list(zip(req.body[0::2], req.body[1::2], strict=False))


# ----------------------------------------------------------------------- fixtures
def chicago_listings() -> list[Listing]:
    def listing(lid: str, dlat: float, dlon: float, **program: Any) -> Listing:
        inst = Institution(
            name=f"College {lid}",
            unitid=str(100000 + ord(lid[-1])),
            url=f"https://{lid.lower()}.example.edu/",
            lat=round(CHICAGO[0] + dlat, 5),
            lon=round(CHICAGO[1] + dlon, 5),
        )
        return Listing(
            id=lid,
            institution=inst,
            program=Program(**{"name": "Medical Coding", "credential": "certificate", **program}),
        )

    return [
        listing("A", 0.02, 0.01, length_months=9.0, delivery="online", tuition_usd=3995.0),
        listing("B", -0.05, 0.04, credential="associate", length_months=24.0, delivery="on_campus"),
        listing("C", 0.10, -0.12, name="Health Information Technology"),
        listing("D", 1.5, 1.5, length_months=3.0),  # ~130 miles away: outside a 25-mile search
    ]


@pytest.fixture
def sqlite_store(tmp_path):
    s = SQLiteStore(tmp_path / "programs.db")
    s.upsert(chicago_listings(), source="ipeds", run_id="r1", fetched_at=FETCHED)
    yield s
    s.close()


# ----------------------------------------------------------------------- search
def test_search_sends_the_golden_body_and_reads_the_answer_as_sqlite_does(sqlite_store):
    query = SearchQuery(lat=CHICAGO[0], lon=CHICAGO[1], radius_miles=25.0)
    want = sqlite_store.search(query)
    assert [h.doc["id"] for h in want.hits] == ["A", "B", "C"]

    stored = sqlite_store.get_many(["A", "B", "C"])
    hits = []
    for hit in want.hits:
        listing = stored[hit.doc["id"]]
        exact = haversine_miles(
            CHICAGO[0], CHICAGO[1], listing.institution.lat, listing.institution.lon
        )
        hits.append(
            {
                "_index": "programs-listings-v1",
                "_id": listing.id,
                "_score": None,
                "_source": q.build_listing_document(listing),
                "sort": [exact + 3e-7, listing.id],
            }
        )  # ES sorts on a quantised point: not the exact value
    answer = {
        "took": 3,
        "timed_out": False,
        "hits": {"total": {"value": 3, "relation": "eq"}, "max_score": None, "hits": hits},
        "aggregations": {
            "credential": {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [
                    {"key": "certificate", "doc_count": 2},
                    {"key": "associate", "doc_count": 1},
                ],
            },
            "delivery": {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [
                    {"key": "on_campus", "doc_count": 1},
                    {"key": "online", "doc_count": 1},
                ],
            },
            "length": {
                "buckets": {
                    "up_to_3": {"doc_count": 0},
                    "3_to_6": {"doc_count": 0},
                    "6_to_12": {"doc_count": 1},
                    "12_to_24": {"doc_count": 1},
                    "over_24": {"doc_count": 0},
                    "unknown": {"doc_count": 1},
                }
            },
        },
    }
    stub = Stub()
    indices_exist(stub)
    stub.on("POST", "/programs-listings/_search", answer)
    got = make_store(stub).search(query)

    (sent,) = stub.calls("POST", "/programs-listings/_search")
    assert sent.body == json.loads((GOLDEN / "search_radius_only.json").read_text())
    assert got == want  # total, hits (docs + distance), facets
    assert got.facets["length"] == {"6_to_12": 1, "12_to_24": 1, "unknown": 1}  # no zero buckets
    assert all("search" not in h.doc for h in got.hits)


def test_search_without_a_point_has_no_distance():
    stub = Stub()
    indices_exist(stub)
    doc = q.build_listing_document(chicago_listings()[0])
    stub.on(
        "POST",
        "/programs-listings/_search",
        {
            "hits": {
                "total": {"value": 1, "relation": "eq"},
                "hits": [{"_id": "A", "_source": doc, "sort": [9.0, "A"]}],
            },
            "aggregations": {
                "credential": {"buckets": []},
                "delivery": {"buckets": []},
                "length": {"buckets": {"up_to_3": {"doc_count": 0}}},
            },
        },
    )
    res = make_store(stub).search(SearchQuery(radius_miles=None, sort="length"))
    assert [(h.doc["id"], h.distance_miles) for h in res.hits] == [("A", None)]
    assert res.facets == {"credential": {}, "delivery": {}, "length": {}}


# ----------------------------------------------------------------------- writes
def test_upsert_sends_bulk_index_actions_to_the_alias(sqlite_store):
    stub = Stub()
    indices_exist(stub)
    stub.on(
        "POST",
        "/programs-listings/_mget",
        lambda req: {
            "docs": [
                {"_index": "programs-listings-v1", "_id": i, "found": False}
                for i in req.body["ids"]
            ]
        },
    )
    stub.on("PUT", "/_bulk", bulk_ok)
    stub.on("POST", "/_bulk", bulk_ok)
    stub.on("POST", "/programs-listings/_refresh", {})
    store = make_store(stub)
    items = chicago_listings()[:2]
    stats = store.upsert(items, source="ipeds", run_id="r1", fetched_at=FETCHED)
    assert (stats.new, stats.updated, stats.unchanged) == (2, 0, 0)

    (mget,) = stub.calls("POST", "/programs-listings/_mget")  # real-time read through the alias
    assert mget.body == {"ids": ["A", "B"]}
    (bulk,) = stub.calls("PUT", "/_bulk") + stub.calls("POST", "/_bulk")
    # no refresh per bulk chunk: one refresh of the index after the whole write
    assert "refresh" not in bulk.params
    assert stub.index_of("POST", "/programs-listings/_refresh") > stub.requests.index(bulk)
    pairs = bulk_pairs(bulk)
    assert [header for header, _ in pairs] == [  # new listings: created only if still absent
        {"create": {"_index": "programs-listings", "_id": "A"}},
        {"create": {"_index": "programs-listings", "_id": "B"}},
    ]
    # the document is what SQLite stores for the same upsert, plus the search fields
    for _, doc in pairs:
        assert doc == q.build_listing_document(sqlite_store.get(doc["id"]))
    assert pairs[0][1]["search"]["location"] == {
        "lat": items[0].institution.lat,
        "lon": items[0].institution.lon,
    }


def test_an_update_is_written_only_if_nobody_wrote_the_listing_since_it_was_read():
    """Two sources merging into one listing at once: the later write gets 409 and fails with
    StoreError (the crawl pipeline then reads, merges and writes its batch again)."""
    from programs.merge import contribute
    from programs.model import SourceRef

    stored = contribute(
        None, chicago_listings()[0], SourceRef(source="ipeds", fetched_at=FETCHED, run_id="r1")
    )
    stub = Stub()
    indices_exist(stub)
    stub.on(
        "POST",
        "/programs-listings/_mget",
        {
            "docs": [
                {
                    "_id": "A",
                    "found": True,
                    "_seq_no": 41,
                    "_primary_term": 3,
                    "_source": q.build_listing_document(stored),
                }
            ]
        },
    )

    def changed_meanwhile(req: Request) -> dict[str, Any]:
        ((op, meta),) = req.body[0].items()
        error = {"type": "version_conflict_engine_exception", "reason": "seq_no 41 != 42"}
        item = {"_index": "programs-listings-v1", "_id": meta["_id"], "status": 409, "error": error}
        return {"took": 1, "errors": True, "items": [{op: item}]}

    stub.on("PUT", "/_bulk", changed_meanwhile)
    stub.on("POST", "/_bulk", changed_meanwhile)
    store = make_store(stub)
    with pytest.raises(StoreError, match="changed by another writer"):
        store.upsert(chicago_listings()[:1], source="scorecard", run_id="s1")
    (bulk,) = stub.calls("PUT", "/_bulk") + stub.calls("POST", "/_bulk")
    assert bulk.body[0] == {
        "index": {"_index": "programs-listings", "_id": "A", "if_seq_no": 41, "if_primary_term": 3}
    }


def test_conditional_actions_create_new_listings_guard_read_ones_and_never_write_blindly():
    from programs.merge import contribute
    from programs.model import SourceRef

    new, read, unread = (
        contribute(None, x, SourceRef(source="ipeds", fetched_at=FETCHED, run_id="r1"))
        for x in chicago_listings()[:3]
    )
    actions = q.build_conditional_actions(
        "programs-listings", [(new, None), (read, read)], {read.id: (41, 3)}
    )
    assert [
        (a["_op_type"], a["_id"], a.get("if_seq_no"), a.get("if_primary_term")) for a in actions
    ] == [
        ("create", new.id, None, None),  # 409 if another writer created it first
        ("index", read.id, 41, 3),  # 409 if it changed since it was read
    ]
    # an existing listing whose version was not read: refused, nothing built (no blind overwrite)
    with pytest.raises(StoreError, match=f"read without their version \\({unread.id}\\)"):
        q.build_conditional_actions(
            "programs-listings", [(new, None), (unread, unread)], {read.id: (41, 3)}
        )


def test_a_listing_read_by_another_thread_is_not_written_blindly():
    """Versions are kept per thread: a write whose read happened elsewhere is refused before any
    request is sent (the pipeline's retry reads again)."""
    import threading

    from programs.merge import contribute
    from programs.model import SourceRef

    stored = contribute(
        None, chicago_listings()[0], SourceRef(source="ipeds", fetched_at=FETCHED, run_id="r1")
    )
    stub = Stub()
    indices_exist(stub)
    doc = {"_id": "A", "found": True, "_seq_no": 41, "_primary_term": 3}
    stub.on(
        "POST",
        "/programs-listings/_mget",
        {"docs": [{**doc, "_source": q.build_listing_document(stored)}]},
    )
    store = make_store(stub)
    read: dict = {}
    reader = threading.Thread(target=lambda: read.update(store.get_many(["A"])))
    reader.start()
    reader.join()
    with pytest.raises(StoreError, match="read without their version"):
        store._write([(read["A"], read["A"])])
    assert not stub.calls("PUT", "/_bulk") + stub.calls("POST", "/_bulk")


def test_a_failed_bulk_item_raises_store_error():
    stub = Stub()
    indices_exist(stub)
    stub.on("POST", "/programs-listings/_mget", {"docs": [{"_id": "A", "found": False}]})

    def one_fails(req: Request) -> dict[str, Any]:
        return {
            "took": 1,
            "errors": True,
            "items": [
                {
                    "index": {
                        "_index": "programs-listings-v1",
                        "_id": "A",
                        "status": 400,
                        "error": {
                            "type": "document_parsing_exception",
                            "reason": "failed to parse field [program.tuition_usd]",
                        },
                    }
                }
            ],
        }

    stub.on("PUT", "/_bulk", one_fails)
    stub.on("POST", "/_bulk", one_fails)
    with pytest.raises(StoreError, match="1 document.*A: document_parsing_exception"):
        make_store(stub).upsert(chicago_listings()[:1], source="ipeds", run_id="r1")


def test_first_use_creates_the_versioned_index_behind_the_alias():
    stub = Stub()
    stub.on("GET", "/", SERVER_INFO)
    stub.on("HEAD", "/_alias/programs-listings", (404, None))
    stub.on("HEAD", "/programs-listings", (404, None))
    stub.on("GET", "/programs-listings-v\\*", {})
    stub.on("PUT", "/programs-listings-v1", {"acknowledged": True, "index": "programs-listings-v1"})
    for name in ("runs", "schedules", "locks", "institutions"):
        stub.on("HEAD", f"/programs-{name}", (404, None))
        stub.on("PUT", f"/programs-{name}", {"acknowledged": True})
    stub.on(
        "GET",
        "/programs-runs/_doc/r9",
        (404, {"_index": "programs-runs", "_id": "r9", "found": False}),
    )
    assert make_store(stub).get_run("r9") is None

    (create,) = stub.calls("PUT", "/programs-listings-v1")
    assert create.body == q.build_create_index_body(
        load_index_config("listings"), alias="programs-listings"
    )
    assert create.body["aliases"] == {"programs-listings": {}}
    for name in ("runs", "schedules", "locks", "institutions"):
        (made,) = stub.calls("PUT", f"/programs-{name}")
        assert made.body == q.build_create_index_body(load_index_config(name))


# ----------------------------------------------------------------------- reindex
def test_reindex_builds_a_new_index_then_swaps_the_alias_in_one_call():
    stub = Stub()
    indices_exist(stub)
    locks = lock_routes(stub)
    listings = chicago_listings()[:2]
    stub.on(
        "GET",
        "/_alias/programs-listings",
        {"programs-listings-v1": {"aliases": {"programs-listings": {}}}},
    )
    stub.on(
        "GET",
        "/programs-listings-v\\*",
        {
            "programs-listings-v1": {
                "aliases": {"programs-listings": {}},
                "mappings": {},
                "settings": {"index": {"uuid": "uuid-of-v1"}},
            }
        },
    )
    stub.on("PUT", "/programs-listings-v2", {"acknowledged": True, "index": "programs-listings-v2"})
    stub.on("PUT", "/programs-listings-v1/_settings", {"acknowledged": True})
    stub.on(
        "POST",
        "/programs-listings-v1/_search",
        {
            "hits": {
                "hits": [
                    {"_id": x.id, "_source": q.build_listing_document(x), "sort": [x.id]}
                    for x in listings
                ]
            }
        },
    )
    stub.on("PUT", "/_bulk", bulk_ok)
    stub.on("POST", "/_bulk", bulk_ok)
    stub.on(
        "POST",
        "/programs-listings-v2/_refresh",
        {"_shards": {"total": 1, "successful": 1, "failed": 0}},
    )
    stub.on("POST", "/programs-listings-v2/_count", {"count": 2})
    stub.on("GET", "/programs-listings-v2/_count", {"count": 2})
    stub.on("POST", "/_aliases", {"acknowledged": True})
    stub.on("DELETE", "/programs-listings-v1", {"acknowledged": True})

    result = make_store(stub).reindex()
    assert result == {
        "backend": "elasticsearch",
        "listings": 2,
        "alias": "programs-listings",
        "from_index": "programs-listings-v1",
        "to_index": "programs-listings-v2",
        "deleted_index": "programs-listings-v1",
    }
    (create,) = stub.calls("PUT", "/programs-listings-v2")
    # no alias yet; the mapping's _meta names the index (and its uuid) it is a copy of
    assert create.body == q.build_create_index_body(
        q.with_copy_meta(load_index_config("listings"), "programs-listings-v1", "uuid-of-v1")
    )
    assert create.body["mappings"]["_meta"] == {
        "programs_reindex": {"from_index": "programs-listings-v1", "from_uuid": "uuid-of-v1"}
    }
    unblock, block = stub.calls("PUT", "/programs-listings-v1/_settings")
    assert unblock.body == {"index.blocks.write": None}  # clears what an interrupted run left
    assert block.body == {"index.blocks.write": True}
    (swap,) = stub.calls("POST", "/_aliases")  # ONE alias call
    assert swap.body == {
        "actions": json.loads(
            (GOLDEN / "alias_swap_actions.json")
            .read_text()
            .replace("-v3", "-v1")
            .replace("-v4", "-v2")
        )
    }
    (bulk,) = stub.calls("PUT", "/_bulk") + stub.calls("POST", "/_bulk")
    assert {h["index"]["_index"] for h, _ in bulk_pairs(bulk)} == {"programs-listings-v2"}
    order = [
        stub.index_of("PUT", "/programs-listings-v2"),
        stub.requests.index(block),
        stub.requests.index(bulk),
        stub.index_of("POST", "/_aliases"),
        stub.index_of("DELETE", "/programs-listings-v1"),
    ]
    assert order == sorted(order)
    lock = "reindex:programs-listings"
    assert stub.index_of("PUT", f"/programs-locks/_doc/{lock}") < order[0]
    assert stub.index_of("DELETE", f"/programs-locks/_doc/{lock}") > order[-1]
    assert locks == {}  # released


def test_a_failed_swap_leaves_the_old_index_live_and_removes_the_new_one():
    stub = Stub()
    indices_exist(stub)
    lock_routes(stub)
    stub.on(
        "GET",
        "/_alias/programs-listings",
        {"programs-listings-v1": {"aliases": {"programs-listings": {}}}},
    )
    stub.on("GET", "/programs-listings-v\\*", {"programs-listings-v1": {}})
    stub.on("PUT", "/programs-listings-v2", {"acknowledged": True})
    stub.on("PUT", "/programs-listings-v1/_settings", {"acknowledged": True})
    stub.on("POST", "/programs-listings-v1/_search", {"hits": {"hits": []}})
    stub.on("POST", "/programs-listings-v2/_refresh", {})
    stub.on("POST", "/programs-listings-v2/_count", {"count": 0})
    stub.on("GET", "/programs-listings-v2/_count", {"count": 0})
    stub.on(
        "POST",
        "/_aliases",
        (
            404,
            {
                "error": {
                    "type": "aliases_not_found_exception",
                    "reason": "gone",
                    "root_cause": [{"reason": "gone"}],
                },
                "status": 404,
            },
        ),
    )
    stub.on("DELETE", "/programs-listings-v2", {"acknowledged": True})
    with pytest.raises(StoreError, match="moving programs-listings"):
        make_store(stub).reindex()
    assert stub.calls("DELETE", "/programs-listings-v2")
    assert not stub.calls("DELETE", "/programs-listings-v1")
    unblock = stub.calls("PUT", "/programs-listings-v1/_settings")[-1]
    assert unblock.body == {"index.blocks.write": None}


# ----------------------------------------------------------------------- sweep
def test_sweep_searches_stale_contributions_then_rereads_them_in_real_time():
    stub = Stub()
    indices_exist(stub)
    from programs.merge import contribute
    from programs.model import SourceRef

    def stored(listing: Listing, run_id: str) -> Listing:
        return contribute(
            None, listing, SourceRef(source="ipeds", fetched_at=FETCHED, run_id=run_id)
        )

    a_old, b_old = (stored(x, "r1") for x in chicago_listings()[:2])
    a_now = stored(
        chicago_listings()[0], "run-2"
    )  # seen by run-2 after the search index last refreshed
    run = RunRecord(id="run-2", source="ipeds", status="complete").to_dict()
    stub.on(
        "GET",
        "/programs-runs/_doc/run-2",
        {
            "_index": "programs-runs",
            "_id": "run-2",
            "found": True,
            "_seq_no": 1,
            "_primary_term": 1,
            "_source": run,
        },
    )
    stub.on("POST", "/programs-listings/_refresh", {})
    stub.on(
        "POST",
        "/programs-listings/_search",
        {
            "hits": {
                "hits": [
                    {"_id": x.id, "_source": q.build_listing_document(x), "sort": [x.id]}
                    for x in (a_old, b_old)
                ]
            }
        },
    )
    stub.on(
        "POST",
        "/programs-listings/_mget",
        {
            "docs": [
                {
                    "_id": x.id,
                    "found": True,
                    "_seq_no": seq_no,
                    "_primary_term": 1,
                    "_source": q.build_listing_document(x),
                }
                for seq_no, x in ((5, a_now), (6, b_old))
            ]
        },
    )
    stub.on("PUT", "/_bulk", bulk_ok)
    stub.on("POST", "/_bulk", bulk_ok)
    assert make_store(stub).sweep("ipeds", "run-2", removed_at="2026-03-02T00:00:00Z") == 1

    assert stub.index_of("POST", "/programs-listings/_refresh") < stub.index_of(
        "POST", "/programs-listings/_search"
    )
    (scan,) = stub.calls("POST", "/programs-listings/_search")
    assert scan.body == json.loads((GOLDEN / "sweep_scan_first_page.json").read_text())
    (bulk,) = stub.calls("PUT", "/_bulk") + stub.calls("POST", "/_bulk")
    written = bulk_pairs(bulk)
    assert [doc["id"] for _, doc in written] == ["B"]  # A was seen by run-2: not withdrawn
    # written only if unchanged since the real-time re-read
    assert written[0][0] == {
        "index": {"_index": "programs-listings", "_id": "B", "if_seq_no": 6, "if_primary_term": 1}
    }
    assert written[0][1]["status"] == "removed" and written[0][1]["search"]["active_sources"] == []


# ----------------------------------------------------------------------- locks
def test_lock_held_by_another_owner_is_refused_and_an_expired_one_is_taken_with_seq_no():
    stub = Stub()
    indices_exist(stub)
    stub.on(
        "PUT",
        "/programs-locks/_doc/crawl:ipeds",
        (
            409,
            {
                "error": {
                    "type": "version_conflict_engine_exception",
                    "reason": "exists",
                    "root_cause": [{"reason": "exists"}],
                },
                "status": 409,
            },
        ),
    )
    held = {
        "_index": "programs-locks",
        "_id": "crawl:ipeds",
        "found": True,
        "_seq_no": 7,
        "_primary_term": 2,
        "_source": {"name": "crawl:ipeds", "owner": "other", "expires_at": 1060.0},
    }
    stub.on("GET", "/programs-locks/_doc/crawl:ipeds", held)
    store = make_store(stub)
    assert not store.acquire_lock("crawl:ipeds", "me", 60, now=1010.0)
    assert store.lock_holder("crawl:ipeds", now=1010.0) == "other"
    assert store.lock_holder("crawl:ipeds", now=1061.0) is None

    def conditional_put(req: Request):
        if req.params.get("op_type") == "create":
            return (
                409,
                {
                    "error": {
                        "type": "version_conflict_engine_exception",
                        "reason": "exists",
                        "root_cause": [{"reason": "exists"}],
                    },
                    "status": 409,
                },
            )
        return {"result": "updated", "_seq_no": 8, "_primary_term": 2}

    stub.on("PUT", "/programs-locks/_doc/crawl:ipeds", conditional_put)
    assert store.acquire_lock("crawl:ipeds", "me", 60, now=1061.0)
    take = stub.requests[-1]
    assert take.params == {"if_seq_no": "7", "if_primary_term": "2"}
    assert take.body == {"name": "crawl:ipeds", "owner": "me", "expires_at": 1121.0}
    first = stub.calls("PUT", "/programs-locks/_doc/crawl:ipeds")[0]
    assert first.params == {"op_type": "create"}


# ----------------------------------------------------------------------- failures
def test_ping_raises_store_unavailable_on_a_connection_error_without_leaking_secrets():
    stub = Stub()
    stub.on("GET", "/", elastic_transport.ConnectionError("Connection refused"))
    store = make_store(stub, url="https://admin:s3cret-pw@es.test:9200")
    with pytest.raises(StoreUnavailable) as err:
        store.ping()
    assert "https://es.test:9200" in str(err.value) and "Connection refused" in str(err.value)
    assert "s3cret" not in str(err.value) and "s3cret" not in repr(store)


def test_ping_is_a_count_on_the_alias_needing_no_cluster_privilege():
    """An API key with index privileges only: GET / and cluster health answer 403, ping works;
    another application's red index does not matter, our own index failing does."""
    stub = Stub()
    indices_exist(stub)
    forbidden = (
        403,
        {
            "error": {
                "type": "security_exception",
                "reason": "action [cluster:monitor/*] is unauthorized",
            },
            "status": 403,
        },
    )
    stub.on("GET", "/", forbidden)
    stub.on("GET", "/_cluster/health", forbidden)
    stub.on("POST", "/programs-listings/_count", {"count": 7})
    store = make_store(stub)
    store.ping()
    assert store.count_active() == 7
    assert not stub.calls("GET", "/_cluster/health")
    stub.on(
        "POST",
        "/programs-listings/_count",
        (
            503,
            {
                "error": {"type": "no_shard_available_action_exception", "reason": "red"},
                "status": 503,
            },
        ),
    )
    with pytest.raises(StoreUnavailable, match="no_shard_available"):
        store.ping()


def test_reads_fail_as_unavailable_and_writes_as_store_errors():
    stub = Stub()
    indices_exist(stub)
    stub.on("POST", "/programs-listings/_search", elastic_transport.ConnectionTimeout("timed out"))
    stub.on("POST", "/programs-listings/_mget", {"docs": []})
    stub.on("PUT", "/_bulk", elastic_transport.ConnectionError("reset by peer"))
    stub.on("POST", "/_bulk", elastic_transport.ConnectionError("reset by peer"))
    stub.on(
        "PUT",
        "/programs-runs/_doc/r1",
        (
            503,
            {
                "error": {
                    "type": "unavailable_shards_exception",
                    "reason": "x",
                    "root_cause": [{"reason": "x"}],
                }
            },
        ),
    )
    store = make_store(stub)
    with pytest.raises(StoreUnavailable, match="cannot search listings"):
        store.search(SearchQuery(lat=CHICAGO[0], lon=CHICAGO[1]))
    with pytest.raises(StoreError, match="writing listings"):
        store.upsert(chicago_listings()[:1], source="ipeds", run_id="r1")
    with pytest.raises(StoreError, match="saving a run.*503"):
        store.save_run(RunRecord(id="r1", source="ipeds"))


def test_client_options_come_from_the_url_or_the_environment():
    base, options = client_options_from_url(
        "https://user:p%40ss@es.example.com:9243/prefix/", environ={}
    )
    assert base == "https://es.example.com:9243/prefix"
    assert options["basic_auth"] == ("user", "p@ss") and "api_key" not in options
    assert (
        options["request_timeout"] > 0
        and options["max_retries"] >= 1
        and options["retry_on_timeout"]
    )
    base, options = client_options_from_url(
        "https://user:pw@es.example.com", environ={"ELASTICSEARCH_API_KEY": "k=="}
    )
    assert base == "https://es.example.com:443"
    assert options["api_key"] == "k==" and "basic_auth" not in options
    base, options = client_options_from_url("http://localhost:9200", environ={})
    assert (
        base == "http://localhost:9200" and "basic_auth" not in options and "api_key" not in options
    )


def test_open_store_builds_the_backend_from_a_url(monkeypatch):
    from programs.store import open_store

    monkeypatch.setenv("ELASTICSEARCH_API_KEY", "abc==")
    store = open_store("http://localhost:9200", index_prefix="unit-test")
    try:
        assert store.kind == "elasticsearch" and store.alias == "unit-test-listings"
        assert store.runs_index == "unit-test-runs" and "abc==" not in repr(store)
    finally:
        store.close()
    with pytest.raises(Exception, match="index_prefix"):
        ElasticsearchStore("http://localhost:9200", index_prefix="Bad Prefix*")
