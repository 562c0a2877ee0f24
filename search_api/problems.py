"""RFC 9457 problem details: the one shape of every error the service returns.

Use it from any blueprint (the admin API too)::

    from search_api.problems import Problem
    raise Problem(401, "missing or wrong bearer token", type_="unauthorized",
                  headers={"WWW-Authenticate": "Bearer"})

or build a response directly with :func:`problem_response`. :func:`init_app`
registers the handlers that turn every error into a problem:

* :class:`programs.errors.InvalidInput` (and ``UnknownLocation``) -> 400 naming the parameter;
* APIFlask / webargs validation errors -> 400 with ``invalid_params``;
* :class:`programs.errors.StoreUnavailable` -> 503 with ``Retry-After``;
* every Werkzeug HTTP error (404, 405, ...) -> its status;
* anything unexpected -> 500, logged with its traceback (a last resort: no
  known input gets there, and the tests check that).

Paths outside the JSON API (the web page) get a small HTML page instead.

Body: ``{"type", "title", "status", "detail", "instance", "param",
"invalid_params": [{"name", "reason", "allowed"}]}``. ``type`` is a relative URI
(``/api/v1/problems/<slug>``) that the docs blueprint serves as a page.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from apiflask import HTTPError
from flask import Flask, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from programs.errors import InvalidInput, StoreUnavailable, UnknownLocation
from programs.store import redact_credentials

log = logging.getLogger("search_api")

MIMETYPE = "application/problem+json"
TYPE_BASE = "/api/v1/problems/"

#: slug -> (title, what it means and what to do); served at /api/v1/problems/<slug>
TYPES: dict[str, tuple[str, str]] = {
    "invalid-parameter": (
        "Invalid parameter",
        "A query or path parameter is malformed, out of range, given twice, empty, or not one of the allowed "
        "values. `param` names the first offending parameter; `invalid_params` lists each one with the reason "
        "and what is allowed. Fix the request; repeating it unchanged gives the same answer.",
    ),
    "missing-location": (
        "Where to search is missing",
        "A search needs a place: give `zip` (5 digits, e.g. 60601), or `lat` and `lon`, or `location` "
        '(a city and state such as "Chicago, IL", or a ZIP).',
    ),
    "unknown-location": (
        "Unknown location",
        "The ZIP code or place is well formed but we have no map location for it (for example a military "
        "APO/FPO ZIP, or a city name that does not exist in that state). Search by the ZIP or city where "
        "you live.",
    ),
    "store-unavailable": (
        "Program data temporarily unavailable",
        "The database of programs cannot be reached right now. The request was fine; try again after the "
        "number of seconds in the Retry-After header.",
    ),
    "internal-error": (
        "Internal error",
        "Something went wrong on our side. The error was logged; please try again later.",
    ),
}

_STATUS_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    408: "Request Timeout",
    409: "Conflict",
    413: "Content Too Large",
    414: "URI Too Long",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Problem(Exception):
    """Raise to answer with a problem; the handler registered by :func:`init_app` renders it."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        type_: str | None = None,
        title: str | None = None,
        invalid_params: list[dict[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
        **extra: Any,
    ):
        super().__init__(detail or title or str(status))
        self.status = status
        self.detail = detail
        self.type_ = type_
        self.title = title
        self.invalid_params = invalid_params
        self.headers = dict(headers or {})
        self.extra = extra


def redact(text: str) -> str:
    """Remove user:password from URLs in a message before it is logged."""
    return redact_credentials(text)


def wants_problem_json(path: str | None = None) -> bool:
    """True for the JSON API and the health checks; the web pages get HTML errors."""
    path = request.path if path is None else path
    return path.startswith("/api/") or path in ("/healthz", "/readyz")


def problem_body(
    status: int,
    detail: str | None = None,
    *,
    type_: str | None = None,
    title: str | None = None,
    invalid_params: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    if type_ and type_ in TYPES:
        type_uri = TYPE_BASE + type_
        title = title or TYPES[type_][0]
    else:
        type_uri = type_ or "about:blank"
        title = title or _STATUS_TITLES.get(status, "Error")
    body: dict[str, Any] = {"type": type_uri, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    try:
        body["instance"] = request.path
    except RuntimeError:  # outside a request
        pass
    if invalid_params:
        body["param"] = invalid_params[0]["name"]
        body["invalid_params"] = invalid_params
    body.update({k: v for k, v in extra.items() if v is not None})
    return body


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    type_: str | None = None,
    title: str | None = None,
    invalid_params: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response:
    """An ``application/problem+json`` response (or an HTML error page outside the API)."""
    body = problem_body(
        status, detail, type_=type_, title=title, invalid_params=invalid_params, **extra
    )
    if not wants_problem_json():
        try:
            html = render_template("error.html", problem=body)
        except Exception:  # noqa: BLE001 - the error page must never fail
            html = f"<!doctype html><title>{status}</title><h1>{status}</h1>"
        resp = current_app.response_class(html, status=status, mimetype="text/html")
    else:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str)
        resp = current_app.response_class(data, status=status, mimetype=MIMETYPE)
    for key, value in (headers or {}).items():
        if key.lower() != "content-type":
            resp.headers[key] = value
    resp.headers["Cache-Control"] = "no-store"
    return resp


def invalid_param(name: str, reason: str, allowed: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"name": name, "reason": reason}
    if allowed:
        item["allowed"] = allowed
    return item


def from_invalid_input(exc: InvalidInput) -> Response:
    if isinstance(exc, UnknownLocation):
        type_ = "unknown-location"
    elif getattr(exc, "missing_location", False):
        type_ = "missing-location"
    else:
        type_ = "invalid-parameter"
    params = [invalid_param(exc.param, exc.message, exc.allowed)]
    params += list(getattr(exc, "more_params", ()))
    status = exc.status if 400 <= getattr(exc, "status", 400) < 500 else 400
    return problem_response(
        status, f"{exc.param}: {exc.message}", type_=type_, invalid_params=params
    )


def _validation_params(detail: Any) -> list[dict[str, Any]]:
    """webargs/marshmallow messages ({location: {field: [messages]}}) as invalid_params."""
    from .schemas import allowed_for  # local import: schemas imports nothing from here

    out: list[dict[str, Any]] = []

    def walk(field: str, messages: Any) -> None:
        if isinstance(messages, dict):
            # List fields report {index: [msg]}; nested ones {name: [msg]}
            for key, value in messages.items():
                walk(
                    field
                    if isinstance(key, int) or str(key).isdigit()
                    else f"{field}.{key}"
                    if field
                    else str(key),
                    value,
                )
        elif isinstance(messages, (list, tuple)):
            for message in messages:
                walk(field, message)
        else:
            out.append(invalid_param(field or "request", str(messages), allowed_for(field)))

    if isinstance(detail, dict):
        for location, fields in detail.items():
            if isinstance(fields, dict):
                for name, messages in fields.items():
                    walk(str(name), messages)
            else:
                walk(str(location), fields)
    # one entry per parameter, first message wins
    seen: set[str] = set()
    unique = []
    for item in out:
        if item["name"] not in seen:
            seen.add(item["name"])
            unique.append(item)
    return unique


def _error_processor(error: Any) -> Response:
    """APIFlask's error callback: validation errors, abort()/HTTPError and every Werkzeug HTTP error."""
    status = int(getattr(error, "status_code", 500) or 500)
    headers = dict(getattr(error, "headers", None) or {})
    detail = getattr(error, "detail", None)
    params = _validation_params(detail) if detail else []
    if params:
        text = "; ".join(f"{p['name']}: {p['reason']}" for p in params)
        return problem_response(
            status, text, type_="invalid-parameter", invalid_params=params, headers=headers
        )
    message = getattr(error, "message", None)
    extra = dict(getattr(error, "extra_data", None) or {})
    if status == 404:
        message = f"Nothing here: {request.path[:200]}. See /api/v1/docs for the endpoints."
    elif status == 405:
        allowed = headers.get("Allow", "")
        message = f"{request.method} is not allowed here" + (f"; use {allowed}" if allowed else "")
    elif status >= 500:
        message = TYPES["internal-error"][1]
    return problem_response(status, message, headers=headers, **extra)


def init_app(app: Flask) -> None:
    """Register the handlers that turn every error into a problem."""

    app.error_processor(_error_processor)  # APIFlask: HTTPError, validation errors, Werkzeug errors

    @app.errorhandler(Problem)
    def _problem(exc: Problem):
        return problem_response(
            exc.status,
            exc.detail,
            type_=exc.type_,
            title=exc.title,
            invalid_params=exc.invalid_params,
            headers=exc.headers,
            **exc.extra,
        )

    @app.errorhandler(InvalidInput)
    def _invalid(exc: InvalidInput):
        return from_invalid_input(exc)

    @app.errorhandler(StoreUnavailable)
    def _store_down(exc: StoreUnavailable):
        log.warning("store unavailable on %s: %s", request.path, redact(str(exc)))
        return problem_response(
            503,
            "The program database cannot be reached right now. Please try again in a minute.",
            type_="store-unavailable",
            headers={"Retry-After": "30"},
        )

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if isinstance(
            exc, HTTPException
        ):  # not normally reached: APIFlask's handler is more specific
            return _error_processor(HTTPError(exc.code or 500, message=exc.name))
        log.exception("unexpected error on %s %s", request.method, request.path)
        return problem_response(500, TYPES["internal-error"][1], type_="internal-error")
