"""Named locks in the store that survive a crash: they expire unless refreshed.

A crawl holds ``crawl:<source>`` while it runs (so two crawls of one source never
overlap, whoever starts them); the scheduler holds ``scheduler``. A background
thread refreshes the lock every ``ttl / 3`` seconds; a killed process stops
refreshing, so its lock expires after ``ttl`` seconds and the next one can start.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable

from .errors import ProgramsError

log = logging.getLogger(__name__)
CRAWL_LOCK_TTL = 15 * 60.0


class LockHeld(ProgramsError):
    """Another owner holds an unexpired lock."""


def crawl_lock_name(source: str) -> str:
    return f"crawl:{source}"


def default_owner(tag: str = "") -> str:
    return f"{socket.gethostname()}:{os.getpid()}" + (f":{tag}" if tag else "")


class StoreLock:
    def __init__(
        self,
        store,
        name: str,
        owner: str,
        ttl: float = CRAWL_LOCK_TTL,
        clock: Callable[[], float] = time.time,
    ):
        self.store, self.name, self.owner, self.ttl, self.clock = store, name, owner, ttl, clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.held = False

    def acquire(self) -> None:
        """Take the lock (or raise LockHeld naming the holder) and keep it fresh in the background."""
        if not self.store.acquire_lock(self.name, self.owner, self.ttl, self.clock()):
            raise LockHeld(
                f"{self.name} is held by {self.store.lock_holder(self.name, self.clock())}"
            )
        self.held = True
        self._thread = threading.Thread(target=self._refresh, name=f"lock {self.name}", daemon=True)
        self._thread.start()

    def _refresh(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            try:
                self.store.refresh_lock(self.name, self.owner, self.ttl, self.clock())
            except (
                ProgramsError
            ) as exc:  # retried on the next tick; the TTL leaves room for a few misses
                log.warning("could not refresh %s: %s", self.name, exc)

    def release(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
        if self.held:
            self.store.release_lock(self.name, self.owner)
            self.held = False
