"""/healthz (the process answers) and /readyz (the store answers)."""

from __future__ import annotations

import logging

from apiflask import APIBlueprint
from flask import current_app

from ..http import json_response
from ..problems import problem_response, redact
from ..schemas import HealthOut, ReadyOut
from ..store import get_store

bp = APIBlueprint("health", __name__, tag="Health")
log = logging.getLogger("search_api")
_OK = b'{"status":"ok"}'


@bp.get("/healthz")
@bp.output(HealthOut, description="The process is up")
@bp.doc(
    summary="Liveness",
    description="Always 200 while the process serves requests; touches nothing else.",
)
def healthz():
    resp = current_app.response_class(_OK, mimetype="application/json")
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.get("/readyz")
@bp.output(ReadyOut, description="The store answers")
@bp.doc(
    summary="Readiness",
    description="200 with the number of active listings when the store answers; "
    "503 (problem details) when it does not. Recovers by itself when the store comes back.",
    responses={503: "The store cannot be reached (problem details)"},
)
def readyz():
    try:
        store = get_store()
        store.ping()
        listings = store.count_active()
    except Exception as exc:  # noqa: BLE001 - any failure to reach the store means "not ready"
        log.warning("readiness check failed: %s", redact(f"{type(exc).__name__}: {exc}"))
        return problem_response(
            503,
            "The program database cannot be reached; not ready to serve searches.",
            type_="store-unavailable",
            headers={"Retry-After": "10"},
        )
    return json_response({"status": "ready", "store": store.kind, "listings": listings}, max_age=0)
