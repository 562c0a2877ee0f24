"""Configuration: defaults, then the environment, then an explicit mapping (tests).

Read by :func:`search_api.create_app`; nothing here reads the environment at
import time, so an app built in a test never sees the developer's variables
unless it asks for them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from programs.store import DEFAULT_STORE_URL

#: every setting the service knows, with its default
DEFAULTS: dict[str, Any] = {
    # where the listings live (programs.store.open_store URL); PROGRAMS_STORE in the environment
    "PROGRAMS_STORE": DEFAULT_STORE_URL,
    # a ready Store object instead of a URL (tests, embedding); wins over PROGRAMS_STORE
    "STORE": None,
    # bearer token of the admin API; ADMIN_TOKEN in the environment (unset: the admin API answers 401)
    "ADMIN_TOKEN": None,
    # where the admin API hands crawls: Scrapyd's URL, or None for a child process on this machine
    "SCRAPYD_URL": None,
    # the sample demo: crawls started here crawl the bundled sample sources on 127.0.0.1, never the
    # internet; CRAWL_SAMPLE=1 in the environment (`programs demo` sets it)
    "CRAWL_SAMPLE": False,
    # what starts crawls for the admin API: a callable(store, config) -> an object with
    # .start(source, trigger=...) -> RunRecord; given by create_app(launcher_factory=...) (ops.wsgi
    # passes ops.launcher.launcher_factory). None: the admin API cannot start runs (503).
    "LAUNCHER_FACTORY": None,
    # Cache-Control max-age (seconds) of public GET answers: search, one program, meta
    "SEARCH_MAX_AGE": 300,
    "META_MAX_AGE": 300,
    # in-process cache of whole search answers, per worker; 0 turns it off
    "SEARCH_CACHE_SECONDS": 60,
    "SEARCH_CACHE_SIZE": 1024,  # entries (a search takes two: its query string and its meaning), ~20 KB each
    # how long the count of online programs for a set of filters is reused (it needs a full scan)
    "ONLINE_TOTAL_CACHE_SECONDS": 120,
    # online section: how many online programs by default, and at most
    "ONLINE_LIMIT_DEFAULT": 10,
    "ONLINE_LIMIT_MAX": 50,
    # name a lat/lon point after the nearest ZIP when it lies within this many miles
    "NAME_POINT_WITHIN_MILES": 10.0,
    # load the ZIP and city tables when the app is built (not on the first request)
    "WARM_GEO": True,
    # absolute base URL of this service for the widget snippet shown on the page (default: the request's)
    "PUBLIC_BASE_URL": None,
    # static files
    "SEND_FILE_MAX_AGE_DEFAULT": 3600,
    # APIFlask / OpenAPI
    "SPEC_FORMAT": "json",
    # 3.0.x: the Swagger UI shipped in swagger-ui-bundle (4.15) does not render 3.1 documents
    "OPENAPI_VERSION": "3.0.3",
    "VALIDATION_ERROR_STATUS_CODE": 400,
    "VALIDATION_ERROR_DESCRIPTION": "Invalid parameter",
    "AUTO_404_RESPONSE": True,
    "JSON_SORT_KEYS": False,
}

_BOOL_TRUE = {"1", "true", "yes", "on"}


def _bool(text: str) -> bool:
    return text.strip().lower() in _BOOL_TRUE


def _optional(text: str) -> str | None:
    return text or None


#: environment variables read by the factory, with how to convert them
ENVIRONMENT: dict[str, Callable[[str], Any]] = {
    "PROGRAMS_STORE": str,
    "ADMIN_TOKEN": _optional,
    "SCRAPYD_URL": _optional,
    "CRAWL_SAMPLE": _bool,
    "SEARCH_MAX_AGE": int,
    "META_MAX_AGE": int,
    "SEARCH_CACHE_SECONDS": float,
    "SEARCH_CACHE_SIZE": int,
    "ONLINE_TOTAL_CACHE_SECONDS": float,
    "PUBLIC_BASE_URL": _optional,
    "WARM_GEO": _bool,
}


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings given in the environment, converted; a bad value raises ValueError naming it."""
    env = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    for name, convert in ENVIRONMENT.items():
        raw = env.get(name)
        if raw is None or raw == "":
            continue
        try:
            out[name] = convert(raw)
        except ValueError as exc:
            raise ValueError(
                f"environment variable {name}={raw[:40]!r} is not valid: {exc}"
            ) from None
    return out
