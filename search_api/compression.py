"""Compressed answers and pages for clients that accept them (brotli when installed, else gzip).

A search answer (about 25 KB of JSON) compresses about tenfold; the widget on a
publisher's page and phones on slow networks feel the difference. Search answers
are compressed once: :class:`Answer` keeps each encoding it has made, and the
answer cache holds the ``Answer``, so a cached search is never compressed again.
Other responses (pages, the OpenAPI document) are compressed on their way out by
:func:`init_app`. Every response that could have been compressed says
``Vary: Accept-Encoding``, so shared caches keep the variants apart.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable

from flask import Flask, Response, request

try:  # optional: the `brotli` package (a dependency; a build without it falls back to gzip)
    import brotli
except ImportError:  # pragma: no cover - depends on the installation
    brotli = None

#: smaller bodies are sent as they are (the headers would eat the gain)
MIN_SIZE = 1024
#: what gets compressed on its way out (search answers compress themselves)
COMPRESSIBLE = frozenset(
    {
        "application/json",
        "application/problem+json",
        "text/html",
        "text/javascript",
        "text/css",
        "text/plain",
    }
)
GZIP_LEVEL = 6
#: quality 4: as fast as gzip level 6 on a search answer, about 8 % smaller
BROTLI_QUALITY = 4

ENCODERS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": lambda data: gzip.compress(data, GZIP_LEVEL, mtime=0)
}
if brotli is not None:
    ENCODERS["br"] = lambda data: brotli.compress(data, quality=BROTLI_QUALITY)
#: preferred first when the client accepts several equally
PREFERENCE = tuple(e for e in ("br", "gzip") if e in ENCODERS)


def choose_encoding(accept_encoding: str | None) -> str | None:
    """The encoding to answer in for an ``Accept-Encoding`` header, or None (as it is).

    ``q=0`` refuses an encoding; ``*`` stands for any encoding not named.
    """
    if not accept_encoding:
        return None
    quality: dict[str, float] = {}
    for item in accept_encoding.lower().split(","):
        name, _, params = item.partition(";")
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        quality[name.strip()] = q
    star = quality.get("*", 0.0)
    best, best_q = None, 0.0
    for name in PREFERENCE:
        q = quality.get(name, star)
        if q > best_q:
            best, best_q = name, q
    return best


class Answer:
    """A search answer's bytes, and each compressed form of them made so far."""

    __slots__ = ("data", "_encoded")

    def __init__(self, data: bytes):
        self.data = data
        self._encoded: dict[str, bytes] = {}

    def encoded(self, encoding: str | None) -> tuple[bytes, str | None]:
        """(body, Content-Encoding) for a client that accepts ``encoding``."""
        if encoding is None or len(self.data) < MIN_SIZE:
            return self.data, None
        body = self._encoded.get(encoding)
        if body is None:
            body = self._encoded[encoding] = ENCODERS[encoding](self.data)
        return body, encoding

    def __len__(self) -> int:
        return len(self.data)


def add_vary(resp: Response) -> None:
    if "accept-encoding" not in resp.headers.get("Vary", "").lower():
        resp.headers.add("Vary", "Accept-Encoding")


def init_app(app: Flask) -> None:
    @app.after_request
    def _compress(resp: Response) -> Response:
        if (
            resp.direct_passthrough  # a file sent as a stream
            or resp.is_streamed
            or resp.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in resp.headers
            or resp.status_code < 200
            or resp.status_code in (204, 206, 304)
        ):
            return resp
        add_vary(resp)
        data = resp.get_data()
        encoding = choose_encoding(request.headers.get("Accept-Encoding"))
        if encoding is None or len(data) < MIN_SIZE:
            return resp
        resp.set_data(ENCODERS[encoding](data))
        resp.headers["Content-Encoding"] = encoding
        return resp
