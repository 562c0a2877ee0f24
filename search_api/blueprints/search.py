"""GET /api/v1/programs: programs near a place."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, current_app, request

from ..compression import Answer, add_vary, choose_encoding
from ..http import json_response
from ..schemas import QuickLoader, SearchArgs, SearchOut
from ..searching import build_request
from ..store import get_store

bp = APIBlueprint("search", __name__, tag="Search")
#: says whether the worker's answer cache served a search (operators and bench/search_http.py read it)
CACHE_HIT = {"X-Cache": "hit"}
CACHE_MISS = {"X-Cache": "miss"}
_quick = QuickLoader(SearchArgs())

DESCRIPTION = """Programs near a place, nearest first (by default), with facet counts and a separate
list of online programs from anywhere.

**Where** (exactly one): `zip`, or `lat` + `lon`, or `location` ("Chicago, IL").
Without one the answer is a 400 naming the parameters to give.

Results lie within `radius` miles (great-circle, to the campus) and carry `distance_miles`
rounded to 0.1 mile. Filters of one kind are OR-ed, different kinds AND-ed. A page past the
end is an empty `results` list with the right `total`. Parameters this endpoint does not know
are ignored; a parameter that takes one value must not be given twice, and no value may be empty.

The `online` section lists active online programs from anywhere (nearest campus first) that
match the other filters; it is `{"enabled": false, "total": 0, "results": []}` when `online=0`
or a `delivery` filter leaves online out.

Errors are RFC 9457 problem details (`application/problem+json`) naming the parameter (`param`,
`invalid_params[].name`) and what is allowed (`invalid_params[].allowed`)."""


@bp.before_request
def _fast_path():
    """A search whose parameters are all well formed is answered here, before APIFlask's schema
    validation runs: a query string answered recently from the worker's cache, unparsed; any other
    by the quick loader (the schema's own fields, without its machinery). Anything else goes on to
    the view, whose schema says what is wrong."""
    if request.method != "GET" or request.endpoint != "search.search_programs":
        return None
    answer = current_app.extensions["searcher"].cached_raw(request.query_string)
    if answer is not None:
        return _response(answer, CACHE_HIT)
    args = _quick.load(request.args)
    return None if args is None else _answer(args)


@bp.get("/api/v1/programs")
@bp.input(SearchArgs, location="query", arg_name="args")
@bp.output(SearchOut, description="Programs near the place")
@bp.doc(
    summary="Search programs near a place",
    description=DESCRIPTION,
    responses={
        400: "Invalid or missing parameter (problem details)",
        503: "The program database is unavailable (problem details)",
    },
)
def search_programs(args):
    return _answer(args)


def _answer(args: dict[str, Any]) -> Response:
    config = current_app.config
    req = build_request(
        args,
        online_limit_default=config["ONLINE_LIMIT_DEFAULT"],
        online_limit_max=config["ONLINE_LIMIT_MAX"],
        name_within=config["NAME_POINT_WITHIN_MILES"],
    )
    answer, hit = current_app.extensions["searcher"].answer(
        get_store(), req, raw_key=request.query_string
    )
    return _response(answer, CACHE_HIT if hit else CACHE_MISS)


def _response(answer: Answer, cache_header: dict[str, str]) -> Response:
    """The answer, compressed when the client accepts it (the compressed bytes are kept with it)."""
    body, encoding = answer.encoded(choose_encoding(request.headers.get("Accept-Encoding")))
    resp = json_response(body, max_age=current_app.config["SEARCH_MAX_AGE"], headers=cache_header)
    if encoding is not None:
        resp.headers["Content-Encoding"] = encoding
    add_vary(resp)
    return resp
