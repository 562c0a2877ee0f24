"""Shared fixtures: stores for every backend (the conformance suite runs on each)."""
from __future__ import annotations

import os
import uuid

import pytest

from programs.store import open_store

BACKENDS = ["sqlite", "elasticsearch"]


def make_store(kind: str, tmp_path_factory: pytest.TempPathFactory):
    if kind == "sqlite":
        return open_store(f"sqlite:///{tmp_path_factory.mktemp('store')}/programs.db")
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("Elasticsearch leg skipped: ELASTICSEARCH_URL is not set (no server on this machine)")
    return open_store(url, index_prefix=f"test-{uuid.uuid4().hex[:8]}")


def drop_store(store) -> None:
    if getattr(store, "kind", "") == "elasticsearch":
        store.drop_all()
    store.close()


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path_factory):
    """An empty store of each backend."""
    s = make_store(request.param, tmp_path_factory)
    yield s
    drop_store(s)
