"""The admin API (bearer token) and the operator page.

* ``GET /api/v1/admin/runs`` — recent runs (``source``, ``limit``); ``GET /api/v1/admin/runs/<id>`` — one run
  (a run left "running" by a crawl that was killed is recorded as failed, abandoned, when read);
* ``POST /api/v1/admin/runs`` ``{"source": "ipeds"}`` — start a crawl now (202; 409 while one of that
  source runs); the crawl runs as a child process (``programs crawl``) or on Scrapyd when ``SCRAPYD_URL``
  is set — this service never imports Scrapy;
* ``GET/POST /api/v1/admin/schedules``, ``DELETE /api/v1/admin/schedules/<id>`` (a second schedule
  of a source with the same cron fields: 409);
* bodies are JSON: anything else gets 415 "send JSON" (after the token check);
* ``GET /admin`` — the operator page: runs and schedules, read with the token the operator types in.

The token comes from ``ADMIN_TOKEN``; it is compared in constant time, never logged and never echoed.
Without ``ADMIN_TOKEN`` the admin API is off: every call answers 401.
"""

from __future__ import annotations

import hmac
import time

from apiflask import APIBlueprint, HTTPTokenAuth, Schema
from apiflask.fields import Boolean, Dict, Integer, String
from apiflask.validators import Length, OneOf, Range
from flask import current_app, render_template, request, url_for

from programs.locks import crawl_lock_name
from programs.runs import RUN_QUEUED, RUN_RUNNING, recover_abandoned_runs
from programs.scheduling import DuplicateSchedule, add_schedule, describe_schedule, next_fire
from programs.timeutil import iso, parse_iso, utcnow
from programs.vocab import SOURCES

from ..http import json_response
from ..problems import Problem, problem_response
from ..store import get_store

bp = APIBlueprint("admin", __name__, tag="Admin")
STORE_DOWN = "The store cannot be reached (problem details, with Retry-After)"
auth = HTTPTokenAuth(
    scheme="Bearer", description="The operators' token (ADMIN_TOKEN on the server)"
)


@auth.verify_token
def verify_token(token: str | None):
    expected = current_app.config.get("ADMIN_TOKEN")
    if not expected or not token:
        return None
    if hmac.compare_digest(
        token.encode("utf-8", "surrogatepass"), str(expected).encode("utf-8", "surrogatepass")
    ):
        return "operator"
    return None


@auth.error_processor
def auth_error(error):
    if not current_app.config.get("ADMIN_TOKEN"):
        detail = "the admin API is switched off on this server (no ADMIN_TOKEN is configured)"
    else:
        detail = "a valid bearer token is required: send 'Authorization: Bearer <token>'"
    return problem_response(
        401, detail, title="Unauthorized", headers={"WWW-Authenticate": 'Bearer realm="admin"'}
    )


class RunsQuery(Schema):
    source = String(validate=OneOf(SOURCES), metadata={"description": "only runs of this source"})
    limit = Integer(load_default=50, validate=Range(min=1, max=500))


class RunIn(Schema):
    source = String(required=True, validate=OneOf(SOURCES))


class ScheduleIn(Schema):
    source = String(required=True, validate=OneOf(SOURCES))
    cron = String(
        required=True,
        validate=Length(min=1, max=100),
        metadata={"description": '5-field cron expression in UTC, e.g. "0 3 * * 1"'},
    )


class RunOut(Schema):
    id = String()
    source = String()
    trigger = String()
    status = String()
    started_at = String(allow_none=True)
    finished_at = String(allow_none=True)
    finish_reason = String(allow_none=True)
    pages_fetched = Integer()
    items_scraped = Integer()
    items_new = Integer()
    items_updated = Integer()
    items_unchanged = Integer()
    items_removed = Integer()
    items_dropped = Integer()
    dropped_reasons = Dict(keys=String(), values=Integer())
    errors = Integer()
    log_path = String(allow_none=True)
    schedule_id = String(allow_none=True)
    scrapyd_job = String(allow_none=True)
    args = Dict(metadata={"description": "spider arguments of the run (e.g. the IPEDS year)"})
    vintage = String(
        allow_none=True, metadata={"description": "the edition of the data the run read"}
    )


class ScheduleOut(Schema):
    id = String()
    source = String()
    cron = String()
    enabled = Boolean()
    created_at = String(allow_none=True)
    last_fired_at = String(allow_none=True)
    next_fire_at = String()
    description = String()
    args = Dict(metadata={"description": "spider arguments the schedule passes to its runs"})


@bp.before_request
def require_json_body():
    """An operator's POST must be JSON: a form body would otherwise read as "missing" fields."""
    if request.method not in ("POST", "PUT", "PATCH") or request.is_json:
        return None
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer ") or verify_token(header[7:]) is None:
        return None  # the view answers 401 first: nothing is said to a caller without the token
    sent = request.mimetype or "no Content-Type"
    raise Problem(
        415,
        f"send JSON: the body was {sent}; use 'Content-Type: application/json' and a JSON "
        'object, e.g. {"source": "ipeds"}',
        title="Unsupported Media Type",
        headers={"Accept-Post": "application/json"},
    )


def _launcher():
    """What starts a crawl, as injected through ``create_app(launcher_factory=...)``."""
    factory = current_app.config.get("LAUNCHER_FACTORY")
    if factory is None:
        raise Problem(
            503,
            "this service was built without a crawl launcher; start it with `programs serve` "
            "(or gunicorn ops.wsgi:app), or run `programs crawl SOURCE`",
            title="Crawls cannot be started here",
        )
    return factory(get_store(), current_app.config)


def _schedule_doc(schedule) -> dict:
    doc = schedule.to_dict()
    doc["next_fire_at"] = iso(next_fire(schedule.cron, utcnow()))
    doc["description"] = describe_schedule(schedule)
    return doc


def _no_store(body, status: int = 200, headers=None):
    return json_response(body, status, max_age=0, headers=headers)


@bp.get("/api/v1/admin/runs")
@bp.auth_required(auth)
@bp.input(RunsQuery, location="query", arg_name="query")
@bp.output(RunOut(many=True))
@bp.doc(
    summary="Recent crawl runs",
    description="Newest first, with their figures and drop reasons.",
    responses={503: STORE_DOWN},
)
def list_runs(query):
    store = get_store()
    recover_abandoned_runs(
        store, query.get("source")
    )  # killed crawls: failed, not "running" forever
    runs = store.list_runs(query.get("source"), limit=query["limit"])
    return _no_store([run.to_dict() for run in runs])


@bp.get("/api/v1/admin/runs/<run_id>")
@bp.auth_required(auth)
@bp.output(RunOut)
@bp.doc(summary="One crawl run", responses={404: "No run has this id", 503: STORE_DOWN})
def get_run(run_id: str):
    store = get_store()
    run = store.get_run(run_id[:64])
    if run is None:
        raise Problem(404, f"no run has the id {run_id[:64]!r}", title="Run not found")
    if run.status == RUN_RUNNING:
        run = next((r for r in recover_abandoned_runs(store, run.source) if r.id == run.id), run)
    return _no_store(run.to_dict())


@bp.post("/api/v1/admin/runs")
@bp.auth_required(auth)
@bp.input(RunIn, arg_name="body")
@bp.output(RunOut, status_code=202, description="The crawl was handed out (queued)")
@bp.doc(
    summary="Start a crawl now",
    responses={
        409: "A crawl of this source is already running",
        415: "The body is not JSON",
        502: "The crawl could not be handed out (problem details)",
        503: STORE_DOWN,
    },
)
def start_run(body):
    store = get_store()
    source = body["source"]
    holder = store.lock_holder(crawl_lock_name(source), time.time())
    recent = [
        r
        for r in store.list_runs(source, limit=5)
        if r.status == RUN_QUEUED
        and r.started_at
        and time.time() - parse_iso(r.started_at).timestamp() < 300
    ]
    if holder or recent:
        raise Problem(
            409,
            f"a crawl of {source} is already running or queued; wait for it to finish",
            title="Crawl already running",
        )
    run = _launcher().start(source, trigger="api")
    if run.status == "failed":
        raise Problem(
            502, f"the crawl could not be started: {run.finish_reason}", title="Crawl not started"
        )
    return _no_store(
        run.to_dict(), 202, headers={"Location": url_for("admin.get_run", run_id=run.id)}
    )


@bp.get("/api/v1/admin/schedules")
@bp.auth_required(auth)
@bp.output(ScheduleOut(many=True))
@bp.doc(summary="Crawl schedules", responses={503: STORE_DOWN})
def list_schedules():
    return _no_store([_schedule_doc(s) for s in get_store().list_schedules()])


@bp.post("/api/v1/admin/schedules")
@bp.auth_required(auth)
@bp.input(ScheduleIn, arg_name="body")
@bp.output(ScheduleOut, status_code=201)
@bp.doc(
    summary="Add a crawl schedule",
    description="A source and a 5-field cron expression in UTC, e.g. "
    '{"source": "ipeds", "cron": "0 3 * * 1"}.',
    responses={
        409: "The source already has a schedule with this cron expression",
        415: "The body is not JSON",
        503: STORE_DOWN,
    },
)
def create_schedule(body):
    try:
        schedule = add_schedule(
            get_store(), body["source"], body["cron"]
        )  # InvalidInput -> 400 naming "cron"
    except DuplicateSchedule as exc:
        raise Problem(
            409,
            str(exc),
            title="Schedule already exists",
            param="cron",
            existing_id=exc.existing.id,
        ) from None
    return _no_store(
        _schedule_doc(schedule),
        201,
        headers={"Location": url_for("admin.list_schedules") + f"#{schedule.id}"},
    )


@bp.delete("/api/v1/admin/schedules/<schedule_id>")
@bp.auth_required(auth)
@bp.output({}, status_code=204)
@bp.doc(
    summary="Remove a crawl schedule", responses={404: "No schedule has this id", 503: STORE_DOWN}
)
def delete_schedule(schedule_id: str):
    if not get_store().delete_schedule(schedule_id[:64]):
        raise Problem(
            404, f"no schedule has the id {schedule_id[:64]!r}", title="Schedule not found"
        )
    return current_app.response_class(status=204, headers={"Cache-Control": "no-store"})


@bp.get("/admin")
@bp.doc(hide=True)
def admin_page():
    """The operator page: a shell; its data comes from the admin API with the token the operator enters."""
    resp = current_app.response_class(
        render_template("admin.html", sources=SOURCES), mimetype="text/html"
    )
    resp.headers["Cache-Control"] = "no-store"
    return resp
