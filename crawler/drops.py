"""Counting what a crawl drops, by reason, in the crawl stats (and a log line)."""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from .stats_keys import DROPPED_PREFIX

__all__ = ["DROPPED_PREFIX", "DropListing", "count_drop", "dropped_by_reason"]


class DropListing(DropItem):
    """Drop one item for a named reason (counted as ``programs/dropped/<reason>``)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def count_drop(
    stats, reason: str, detail: str = "", *, logger: logging.Logger | None = None
) -> None:
    """Count a dropped item or row for ``reason`` and log one line about it."""
    stats.inc_value(DROPPED_PREFIX + reason)
    (logger or logging.getLogger("crawler.drops")).warning("dropped (%s): %s", reason, detail[:300])


def dropped_by_reason(stats_dict: dict) -> dict[str, int]:
    return {
        k[len(DROPPED_PREFIX) :]: v for k, v in stats_dict.items() if k.startswith(DROPPED_PREFIX)
    }
