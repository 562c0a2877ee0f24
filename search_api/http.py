"""Response helpers and the headers every answer gets: CORS, caching, security."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, request

from .searching import dumps

JSON = "application/json"

#: paths that other sites may call from the browser (Access-Control-Allow-Origin: *)
CORS_PREFIXES = ("/api/v1/",)
#: ... except these (the admin API takes a bearer token and is not for browsers on other sites)
CORS_EXCLUDED_PREFIXES = ("/api/v1/admin",)
#: pages that may be shown in a frame on any site
FRAMEABLE_PATHS = ("/embed",)

PAGE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
)


def json_response(
    body: Any,
    status: int = 200,
    *,
    max_age: int | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A JSON response from a body (dict/list, or ready bytes) with optional public caching."""
    data = body if isinstance(body, (bytes, str)) else dumps(body)
    resp = current_app.response_class(data, status=status, mimetype=JSON)
    if max_age is not None:
        resp.headers["Cache-Control"] = f"public, max-age={max_age}" if max_age > 0 else "no-store"
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def is_public_api(path: str) -> bool:
    return path.startswith(CORS_PREFIXES) and not path.startswith(CORS_EXCLUDED_PREFIXES)


def init_app(app: Flask) -> None:
    @app.after_request
    def _headers(resp: Response) -> Response:
        path = request.path
        h = resp.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if is_public_api(path):
            h["Access-Control-Allow-Origin"] = "*"
            h["Access-Control-Expose-Headers"] = "Retry-After"
            if request.method == "OPTIONS":
                h["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                h["Access-Control-Allow-Headers"] = request.headers.get(
                    "Access-Control-Request-Headers", "Accept, Content-Type"
                )[:200]
                h["Access-Control-Max-Age"] = "86400"
        if resp.mimetype == "text/html":
            if path.startswith(FRAMEABLE_PATHS):
                h.setdefault("Content-Security-Policy", PAGE_CSP + "; frame-ancestors *")
            elif path.startswith(
                "/api/"
            ):  # the Swagger UI page (inline script and styles of its own)
                h.setdefault("X-Frame-Options", "DENY")
            else:
                h.setdefault("Content-Security-Policy", PAGE_CSP + "; frame-ancestors 'none'")
                h.setdefault("X-Frame-Options", "DENY")
        return resp
