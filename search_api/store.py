"""The store as a Flask extension: opened lazily, once per worker process.

``init_app(app)`` registers it; views call :func:`get_store`. The store is
opened on first use in each process (gunicorn forks workers after the app is
built, and SQLite connections must not cross a fork), never per request.
``app.config["STORE"]`` may hold a ready store object (tests); otherwise
``app.config["PROGRAMS_STORE"]`` is the URL given to :func:`programs.store.open_store`.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from flask import Flask, current_app

from programs.errors import InvalidInput
from programs.store import Store, open_store

EXTENSION_KEY = "programs_store"


class StoreExtension:
    def __init__(self, app: Flask | None = None):
        self._store: Store | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()
        self._config: Any = None
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        url = app.config.get("PROGRAMS_STORE")
        if app.config.get("STORE") is None and not (
            isinstance(url, str) and url.startswith(("sqlite://", "http://", "https://"))
        ):
            # fail at start-up, not on the first request
            raise InvalidInput(
                "PROGRAMS_STORE",
                f"unknown store URL {str(url)[:60]!r}",
                allowed="sqlite:///path/to/file.db or http(s)://elasticsearch-host:9200",
            )
        self._config = app.config
        app.extensions[EXTENSION_KEY] = self

    def get(self) -> Store:
        pid = os.getpid()
        store = self._store
        if store is not None and self._pid == pid:
            return store
        with self._lock:
            if self._store is None or self._pid != pid:
                given = self._config.get("STORE")
                self._store = (
                    given if given is not None else open_store(self._config["PROGRAMS_STORE"])
                )
                self._pid = pid
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None and self._config.get("STORE") is None:
                self._store.close()
            self._store = None


def init_app(app: Flask) -> StoreExtension:
    return StoreExtension(app)


def get_store() -> Store:
    """The store of the current app (opened on first use in this process)."""
    return current_app.extensions[EXTENSION_KEY].get()
