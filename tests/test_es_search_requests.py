"""How many requests one search sends to Elasticsearch, and what they are (golden bodies).

A search through the API sends ONE request: an ``_msearch`` holding the page's search (page,
facets and total in one body) and the online section's (its total and nearest programs in one
body). With the online section off it is one ``_search``. Before ``Store.search_many`` it was
the page's ``_search``, the online total's (when not cached) and one to six ring searches.
"""

from __future__ import annotations

from typing import Any

import pytest

from programs.errors import StoreError, StoreUnavailable
from programs.query import SearchQuery
from programs.store import elasticsearch as es
from programs.store import es_queries as q
from programs.store.elasticsearch import load_index_config
from tests.test_es_golden import check_golden
from tests.test_es_store_offline import (
    CHICAGO,
    Request,
    Stub,
    bulk_ok,
    bulk_pairs,
    chicago_listings,
    indices_exist,
    make_store,
)

EMPTY_ANSWER = {
    "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
    "aggregations": {
        "credential": {"buckets": []},
        "delivery": {"buckets": []},
        "length": {"buckets": {}},
    },
}


def answered(stub: Stub) -> None:
    indices_exist(stub)
    stub.on("POST", "/programs-listings/_count", {"count": 0})
    stub.on("POST", "/programs-listings/_search", EMPTY_ANSWER)
    stub.on(
        "POST",
        "/programs-listings/_msearch",
        lambda req: {"responses": [{**EMPTY_ANSWER, "status": 200}] * (len(req.body) // 2)},
    )


def api_client(stub: Stub):
    from search_api import create_app

    app = create_app(
        {"TESTING": True, "STORE": make_store(stub), "SEARCH_CACHE_SECONDS": 0, "WARM_GEO": False}
    )
    client = app.test_client()
    assert client.get("/readyz").status_code == 200  # prepares the indices once per process
    return client


def requests_of(stub: Stub, client, url: str) -> list[Request]:
    before = len(stub.requests)
    assert client.get(url).status_code == 200
    return stub.requests[before:]


@pytest.mark.parametrize("url", ["/api/v1/programs?zip=60601", "/?zip=60601"])
def test_a_search_is_one_msearch_with_the_page_and_the_online_section(url):
    stub = Stub()
    answered(stub)
    client = api_client(stub)
    assert client.get("/").status_code == 200  # the page's data line (cached 60 s) is read once
    for _ in range(2):  # the second time too: no cached online total changes the count
        (sent,) = requests_of(stub, client, url)
        assert (sent.method, sent.path) == ("POST", "/programs-listings/_msearch")
    check_golden("msearch_api_search_60601", sent.body)
    header, page, header2, online = sent.body
    assert header == header2 == {}  # the index is in the URL
    assert "aggs" in page and page["track_total_hits"] is True  # page, facets, total: one body
    assert "aggs" not in online and online["size"] == 10  # online_limit's nearest, and the total
    assert {"terms": {"program.delivery": ["online"]}} in online["query"]["bool"]["filter"]


def test_without_the_online_section_a_search_is_one_search():
    stub = Stub()
    answered(stub)
    client = api_client(stub)
    (sent,) = requests_of(stub, client, "/api/v1/programs?zip=60601&online=false")
    assert (sent.method, sent.path) == ("POST", "/programs-listings/_search")


def test_search_many_sends_one_msearch_and_reads_each_answer_as_search_does():
    queries = [
        SearchQuery(lat=CHICAGO[0], lon=CHICAGO[1], radius_miles=25.0),
        SearchQuery(lat=CHICAGO[0], lon=CHICAGO[1], radius_miles=None, deliveries=("online",)),
    ]
    doc = q.build_listing_document(chicago_listings()[0])
    one = {
        "status": 200,
        "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [{"_id": "A", "_source": doc}]},
        "aggregations": EMPTY_ANSWER["aggregations"],
    }
    stub = Stub()
    indices_exist(stub)
    stub.on("POST", "/programs-listings/_msearch", {"responses": [one, {**one, "status": 200}]})
    results = make_store(stub).search_many(queries)
    (sent,) = stub.calls("POST", "/programs-listings/_msearch")
    assert sent.body == q.build_msearch_body(queries)
    assert sent.body[1] == q.build_search_body(queries[0])
    for query, result in zip(queries, results, strict=True):
        assert result == q.parse_search_response(query, one)
    assert make_store(stub).search_many([]) == []


@pytest.mark.parametrize(
    ("status", "kind", "raised"),
    [
        (429, "es_rejected_execution_exception", StoreUnavailable),
        (404, "index_not_found_exception", StoreUnavailable),
        (400, "parsing_exception", StoreError),
    ],
)
def test_a_failed_search_inside_msearch_is_classified_like_a_failed_search(status, kind, raised):
    stub = Stub()
    indices_exist(stub)
    failed = {"status": status, "error": {"type": kind, "reason": "x"}}
    stub.on(
        "POST",
        "/programs-listings/_msearch",
        {"responses": [{**EMPTY_ANSWER, "status": 200}, failed]},
    )
    with pytest.raises(raised, match=kind):
        make_store(stub).search_many([SearchQuery(radius_miles=None, sort="length")] * 2)


# ------------------------------------------------------------------ bulk
def test_bulk_items_refused_with_429_are_retried_then_the_index_is_refreshed_once(monkeypatch):
    monkeypatch.setattr(es, "BULK_BACKOFF", 0.01)
    stub = Stub()
    indices_exist(stub)
    stub.on(
        "POST",
        "/programs-listings/_mget",
        lambda req: {"docs": [{"_id": i, "found": False} for i in req.body["ids"]]},
    )
    calls: list[Request] = []

    def first_busy(req: Request) -> dict[str, Any]:
        calls.append(req)
        answer = bulk_ok(req)
        if len(calls) == 1:
            item = answer["items"][0]["create"]
            item.update(status=429, error={"type": "es_rejected_execution_exception"})
            del item["result"]
            answer["errors"] = True
        return answer

    stub.on("PUT", "/_bulk", first_busy)
    stub.on("POST", "/_bulk", first_busy)
    stub.on("POST", "/programs-listings/_refresh", {})
    stats = make_store(stub).upsert(chicago_listings()[:3], source="ipeds", run_id="r1")
    assert stats.new == 3
    assert len(calls) == 2
    assert [doc["id"] for _, doc in bulk_pairs(calls[1])] == ["A"]  # only the refused one again
    assert len(stub.calls("POST", "/programs-listings/_refresh")) == 1


# ------------------------------------------------------------------ mapping
def _text_fields(properties: dict[str, Any], prefix: str = "") -> dict[str, dict]:
    out = {}
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        if spec.get("type") == "text":
            out[path] = spec
        for sub, sub_spec in (spec.get("fields") or {}).items():
            if sub_spec.get("type") == "text":
                out[f"{path}.{sub}"] = sub_spec
        out.update(_text_fields(spec.get("properties") or {}, f"{path}."))
    return out


def _prefix_query_fields(node: Any) -> list[str]:
    """Fields a body searches by prefix (bool_prefix multi_match, match_bool_prefix)."""
    out: list[str] = []
    if isinstance(node, dict):
        multi = node.get("multi_match")
        if isinstance(multi, dict) and multi.get("type") == "bool_prefix":
            out.extend(multi["fields"])
        if isinstance(node.get("match_bool_prefix"), dict):
            out.extend(node["match_bool_prefix"])
        for value in node.values():
            out.extend(_prefix_query_fields(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(_prefix_query_fields(value))
    return out


def test_every_field_searched_by_prefix_indexes_its_prefixes():
    """Prefix queries on text fields are refused where search.allow_expensive_queries=false,
    unless the field has index_prefixes (then they are term queries on the prefix field)."""
    body = q.build_search_body(SearchQuery(text="cod", radius_miles=None, sort="relevance"))
    prefixed = set(_prefix_query_fields(body))
    assert prefixed == set(q.TEXT_FIELDS) | {
        f for kind, f, _ in q.RELEVANCE_WEIGHTS if "prefix" in kind
    }
    fields = _text_fields(load_index_config("listings")["mappings"]["properties"])
    for name in prefixed:
        prefixes = fields[name].get("index_prefixes")
        assert prefixes is not None, f"{name} has no index_prefixes"
        assert prefixes["min_chars"] == 1 and prefixes["max_chars"] == 19  # 19: the largest allowed


def test_the_result_window_is_the_deepest_page_the_api_allows():
    from programs.query import MAX_PAGE, MAX_PER_PAGE

    window = load_index_config("listings")["settings"]["index"]["max_result_window"]
    assert window == MAX_PAGE * MAX_PER_PAGE
