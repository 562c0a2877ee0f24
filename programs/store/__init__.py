"""Choose a store backend from a URL.

``PROGRAMS_STORE`` (or the ``url`` argument) selects it:

* ``sqlite:///data/programs.db`` — a relative path; ``sqlite:////var/lib/programs.db`` — absolute;
* ``http://localhost:9200`` or ``https://user:pass@host:9200`` — Elasticsearch
  (index names take the prefix in ``PROGRAMS_INDEX_PREFIX``, default ``programs``).
"""

from __future__ import annotations

import os
import re

from ..errors import InvalidInput
from .base import InstitutionSeed, Store, UpsertStats

DEFAULT_STORE_URL = "sqlite:///data/programs.db"

__all__ = [
    "DEFAULT_STORE_URL",
    "InstitutionSeed",
    "Store",
    "UpsertStats",
    "open_store",
    "redact_credentials",
    "store_url_from_env",
]
_CREDENTIALS_IN_URL = re.compile(r"(//)[^/@\s]+@")


def redact_credentials(text: str) -> str:
    """``text`` without the user:password of any URL in it (for logs, messages and error bodies)."""
    return _CREDENTIALS_IN_URL.sub(r"\1***@", text)


def store_url_from_env(environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return env.get("PROGRAMS_STORE") or DEFAULT_STORE_URL


def open_store(url: str | None = None, **options) -> Store:
    """The store a URL names; InvalidInput for a URL no backend understands."""
    url = url or store_url_from_env()
    if url.startswith("sqlite://"):
        from .sqlite import SQLiteStore

        path = url[len("sqlite://") :]
        if path.startswith("/"):
            path = path[1:]
        if not path:
            raise InvalidInput(
                "PROGRAMS_STORE",
                "a sqlite URL needs a file path",
                allowed="sqlite:///relative/path.db or sqlite:////absolute/path.db",
            )
        return SQLiteStore(path)
    if url.startswith(("http://", "https://")):
        from .elasticsearch import ElasticsearchStore

        prefix = options.pop("index_prefix", None) or os.environ.get(
            "PROGRAMS_INDEX_PREFIX", "programs"
        )
        return ElasticsearchStore(url, index_prefix=prefix, **options)
    raise InvalidInput(
        "PROGRAMS_STORE",
        f"unknown store URL {url[:60]!r}",
        allowed="sqlite:///path/to/file.db or http(s)://elasticsearch-host:9200",
    )
