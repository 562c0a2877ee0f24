"""Answers and pages compressed for clients that accept it; compressed answers cached with them."""

from __future__ import annotations

import gzip

import pytest

from search_api import compression, create_app
from search_api.compression import choose_encoding

SEARCH = "/api/v1/programs?zip=60601&radius=50"


def get(client, path: str, accept: str | None):
    headers = {"Accept-Encoding": accept} if accept is not None else {}
    return client.get(path, headers=headers)


def decoded(resp) -> bytes:
    data = resp.get_data()
    encoding = resp.headers.get("Content-Encoding")
    if encoding == "gzip":
        return gzip.decompress(data)
    if encoding == "br":
        import brotli

        return brotli.decompress(data)
    assert encoding is None
    return data


@pytest.mark.parametrize("path", [SEARCH, "/?zip=60601&radius=50", "/embed?zip=60601"])
def test_gzip_when_the_client_accepts_it_and_the_same_content(client, path):
    plain = get(client, path, None)
    packed = get(client, path, "gzip")
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert (
        "Accept-Encoding" in plain.headers["Vary"] and "Accept-Encoding" in packed.headers["Vary"]
    )
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    assert int(packed.headers["Content-Length"]) == len(packed.get_data())
    assert decoded(packed) == plain.get_data()


def test_brotli_preferred_when_installed_and_accepted(client):
    pytest.importorskip("brotli")
    resp = get(client, SEARCH, "gzip, deflate, br")
    assert resp.headers["Content-Encoding"] == "br"
    assert decoded(resp) == get(client, SEARCH, None).get_data()


@pytest.mark.parametrize("accept", ["identity", "gzip;q=0", "deflate", "*;q=0", ""])
def test_sent_as_it_is_when_the_client_does_not_accept_a_compression(client, accept):
    resp = get(client, SEARCH, accept)
    assert "Content-Encoding" not in resp.headers
    assert resp.get_json()["location"]["zip"] == "60601"


@pytest.mark.parametrize(
    "accept,expected",
    [
        (None, None),
        ("gzip", "gzip"),
        ("GZIP;q=0.5", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("*", "br" if compression.brotli else "gzip"),
        ("gzip;q=0, *;q=0.1", "br" if compression.brotli else None),
        ("gzip;q=bad", None),
        ("compress, deflate", None),
    ],
)
def test_choose_encoding(accept, expected):
    assert choose_encoding(accept) == expected


def test_small_answers_and_problems_are_sent_as_they_are(client):
    resp = get(client, "/healthz", "gzip")
    assert "Content-Encoding" not in resp.headers and resp.get_json() == {"status": "ok"}
    resp = get(client, "/api/v1/programs?zip=6060", "gzip")
    assert resp.status_code == 400 and resp.get_json()["param"] == "zip"


def test_a_cached_answer_is_compressed_once(api_store_url, monkeypatch):
    calls = []
    real = compression.ENCODERS["gzip"]
    monkeypatch.setitem(
        compression.ENCODERS, "gzip", lambda data: calls.append(len(data)) or real(data)
    )
    client = create_app({"PROGRAMS_STORE": api_store_url, "WARM_GEO": False}).test_client()
    first = get(client, SEARCH, "gzip")
    again = get(client, SEARCH, "gzip")
    same_search = get(client, SEARCH.replace("radius=50", "radius=50.0"), "gzip")
    assert first.headers["X-Cache"] == "miss"
    assert again.headers["X-Cache"] == same_search.headers["X-Cache"] == "hit"
    assert first.get_data() == again.get_data() == same_search.get_data()
    assert len(calls) == 1
