"""A small bounded time-to-live cache (per worker process, thread-safe)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

_MISSING = object()


class TTLCache:
    """Least-recently-used entries are dropped beyond ``size``; entries expire after ``seconds``.

    ``seconds <= 0`` or ``size <= 0`` turns the cache off (``get`` always misses).
    """

    def __init__(self, seconds: float, size: int, clock=time.monotonic):
        self.seconds = float(seconds)
        self.size = int(size)
        self.clock = clock
        self._data: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.seconds > 0 and self.size > 0

    def get(self, key: Hashable, default: Any = None) -> Any:
        if not self.enabled:
            return default
        with self._lock:
            item = self._data.get(key, _MISSING)
            if item is _MISSING or item[0] <= self.clock():
                if item is not _MISSING:
                    del self._data[key]
                self.misses += 1
                return default
            self._data.move_to_end(key)
            self.hits += 1
            return item[1]

    def set(self, key: Hashable, value: Any) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._data[key] = (self.clock() + self.seconds, value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
