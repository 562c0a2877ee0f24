"""Downloader middlewares."""

from __future__ import annotations

import asyncio
import logging

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, default: float, cap: float) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds form; dates fall back to the default)."""
    if value is None:
        return default
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    try:
        seconds = float(value.strip())
    except ValueError:
        return default
    return max(0.0, min(seconds, cap))


class RetryAfterMiddleware:
    """On HTTP 429, wait out the server's Retry-After (capped) before the retry middleware retries.

    Runs before RetryMiddleware on the response path (a higher order number), so
    the retry it schedules starts after the wait.
    """

    def __init__(self, default: float, cap: float):
        self.default = default
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler):
        return cls(
            crawler.settings.getfloat("RETRY_AFTER_DEFAULT", 5.0),
            crawler.settings.getfloat("RETRY_AFTER_MAX", 60.0),
        )

    async def process_response(self, request, response):
        if response.status == 429:
            wait = retry_after_seconds(response.headers.get(b"Retry-After"), self.default, self.cap)
            logger.info(
                "429 from %s: waiting %.1f s before retrying", request.url.split("?")[0], wait
            )
            await asyncio.sleep(wait)
        return response
