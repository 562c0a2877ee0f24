"""API fuzzing: schemathesis against the served OpenAPI document, through the Flask app (WSGI, no server).

Every operation of /api/v1/openapi.json gets (1) schemathesis's deterministic coverage cases (boundary
values, wrong types, missing and duplicated parameters, unexpected HTTP methods) and (2) Hypothesis-generated
requests, valid and invalid, derandomized (a fixed seed: the same requests on every run). The search also gets
"located" requests (a real place plus generated filters and unknown parameters) so that the success path and
the store are fuzzed too, and the program endpoint gets real ids. The admin operations are fuzzed with the
right bearer token and without one.

Every response must pass schemathesis's checks: no 5xx, a documented status code, the documented content type
(``application/json``, or ``application/problem+json`` for errors), a body that matches the documented
schema, invalid input rejected with a 4xx, and admin answers that really need the token. One check is left
out: ``positive_data_acceptance`` (a schema-valid request must be accepted). OpenAPI 3.0 cannot say "give
exactly one of zip, lat+lon or location" or "a ZIP that exists", so many schema-valid searches are rightly
400s; the located requests show that valid searches do succeed.

The same operations are fuzzed once more with the store down: every answer must still be documented, and
every 5xx a 503 problem with Retry-After that leaks nothing of the store URL.

Found and fixed by this fuzzing: the admin run and schedule answers carried an ``args`` field their schemas
(``additionalProperties: false``) did not document (regression: ``test_admin_answers_document_args``); the
admin operations answered an undocumented 503 when the store was down, and ``POST /api/v1/admin/runs`` an
undocumented 502 when a crawl could not be handed out (regression: ``test_operation_with_the_store_down``).
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter

import pytest

schemathesis = pytest.importorskip(
    "schemathesis", reason="API fuzzing needs schemathesis (the test extra)"
)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.core.failures import FailureGroup  # noqa: E402

from programs.errors import StoreUnavailable  # noqa: E402
from programs.runs import RUN_QUEUED, RunRecord, Schedule  # noqa: E402
from programs.store import open_store  # noqa: E402
from programs.timeutil import now_iso  # noqa: E402
from tests.conftest import api_listings, build_api_store  # noqa: E402

pytestmark = pytest.mark.slow  # about 15 s

TOKEN = "fuzz-admin-token-7f3a"
PUBLIC = [
    "GET /api/v1/programs",
    "GET /api/v1/programs/{listing_id}",
    "GET /api/v1/meta",
    "GET /healthz",
    "GET /readyz",
]
ADMIN = [
    "GET /api/v1/admin/runs",
    "POST /api/v1/admin/runs",
    "GET /api/v1/admin/runs/{run_id}",
    "GET /api/v1/admin/schedules",
    "POST /api/v1/admin/schedules",
    "DELETE /api/v1/admin/schedules/{schedule_id}",
]
#: generated requests per operation (coverage cases come on top); operations without parameters have one case
FUZZ_EXAMPLES = {"GET /api/v1/programs": 900, "GET /api/v1/programs/{listing_id}": 300}
ADMIN_EXAMPLES = 60  # per admin operation and token state
#: what each fuzzed operation must at least have sent (checked after it ran)
MIN_REQUESTS = {"GET /api/v1/programs": 1100, "GET /api/v1/programs/{listing_id}": 300}
MIN_ADMIN_REQUESTS = 60
PLACES = ["60601", "30301", "00601", "99501", "96813", "60601-1234", "606011234", "60611"]
SKIPPED_CHECKS = ["positive_data_acceptance"]

_FLASK_PARAM = re.compile(r"<(?:[^<>:]+:)?([^<>]+)>")
OPENAPI_PARAM = r"{\1}"
REQUESTS: Counter[str] = Counter()
STATUSES: Counter[tuple[str, int]] = Counter()


class FakeLauncher:
    """POST /admin/runs must not start a real crawl: record a queued run instead."""

    def __init__(self, store, config=None):
        self.store = store

    def start(self, source, *, trigger, schedule_id=None):
        run = RunRecord(
            id=f"fuzz-{time.monotonic_ns()}",
            source=source,
            trigger=trigger,
            status=RUN_QUEUED,
            started_at=now_iso(),
            schedule_id=schedule_id,
        )
        self.store.save_run(run)
        return run


class ErrorLog(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(record.getMessage())


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    from flask import request

    from search_api import create_app

    path = build_api_store(
        tmp_path_factory.mktemp("fuzz") / "programs.db"
    )  # a copy of our own: admin writes
    store = open_store(f"sqlite:///{path}")
    for i in range(8):  # for DELETE to find
        store.save_schedule(
            Schedule(id=f"fuzz-{i}", source="ipeds", cron="0 3 * * 1", created_at=now_iso())
        )
    store.close()
    app = create_app(
        {
            "PROGRAMS_STORE": f"sqlite:///{path}",
            "ADMIN_TOKEN": TOKEN,
            "LAUNCHER_FACTORY": FakeLauncher,
            "SEARCH_CACHE_SECONDS": 0,
        }
    )  # no response cache: every request reaches the store

    @app.after_request
    def _count(resp):
        rule = request.url_rule.rule if request.url_rule else "(no route)"
        label = f"{request.method} {_FLASK_PARAM.sub(OPENAPI_PARAM, rule)}"  # Flask's <name> is OpenAPI's {name}
        REQUESTS[label] += 1
        STATUSES[(label, resp.status_code)] += 1
        return resp

    errors = ErrorLog()
    logging.getLogger().addHandler(errors)
    app.fuzz_errors = errors
    yield app
    logging.getLogger().removeHandler(errors)


@pytest.fixture(scope="module")
def fuzz_schema(fuzz_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)
    # The API ignores query parameters it does not know (documented); schemathesis would count them as invalid.
    # The located searches below send unknown parameters on purpose instead.
    schema.config.generation.update(allow_extra_parameters=False)
    return schema


def _skipped(*more: str):
    from schemathesis import checks

    return [getattr(checks, name) for name in (*SKIPPED_CHECKS, *more)]


#: schemathesis calls the app through WSGI and reads bodies as sent: ask for them uncompressed
#: (compression itself is tested in tests/test_api_compression.py)
IDENTITY = {"Accept-Encoding": "identity"}


def _run(
    schema,
    label: str,
    strategy,
    examples: int,
    headers: dict | None = None,
    skip: tuple[str, ...] = (),
) -> list[str]:
    """Coverage cases, then ``examples`` generated ones; the failures found (as text)."""
    op = schema.find_operation_by_label(label)
    failures: list[str] = []
    excluded = _skipped(*skip)

    def call(case):
        try:
            case.call_and_validate(
                headers={**IDENTITY, **(headers or {})}, excluded_checks=excluded
            )
        except (Exception, FailureGroup) as exc:  # noqa: BLE001 - every failure is collected and reported
            failures.append(
                f"{case.method} {case.formatted_path} query={case.query!r} "
                f"body={getattr(case, 'body', None)!r}:\n{str(exc)[:1500]}"
            )

    for case in schema.iter_coverage_cases(
        op, generation_modes=list(GenerationMode), generation_config=schema.config.generation
    ):
        call(case)

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy(op))
    def generated(case):
        call(case)

    generated()
    return failures


def _valid_and_invalid(op):
    return st.one_of(
        op.as_strategy(GenerationMode.POSITIVE), op.as_strategy(GenerationMode.NEGATIVE)
    )


_UNKNOWN_KEYS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=12
)


def _located_search(op):
    """A real place with generated filters, sometimes with unknown parameters (ignored by the API)."""

    def place(case, zip5, extra):
        query = {
            k: v
            for k, v in (case.query or {}).items()
            if k not in ("zip", "lat", "lon", "location")
        }
        known = {p.name for p in op.query}
        query.update({k: v for k, v in extra.items() if k not in known})
        query["zip"] = zip5
        case.query = query
        return case

    return st.builds(
        place,
        op.as_strategy(GenerationMode.POSITIVE),
        st.sampled_from(PLACES),
        st.dictionaries(_UNKNOWN_KEYS, st.text(max_size=20), max_size=2),
    )


def _search(op):
    return st.one_of(_valid_and_invalid(op), _located_search(op))


def _program(op):
    ids = [listing.id for listing in api_listings()]
    real = st.sampled_from(ids).flatmap(
        lambda i: op.as_strategy(GenerationMode.POSITIVE, path_parameters={"listing_id": i})
    )
    return st.one_of(_valid_and_invalid(op), real)


def _with_real(**fixed):
    """Generated requests, plus requests with real path ids / valid bodies (so success answers are checked)."""

    def strategy(op):
        real = [
            op.as_strategy(GenerationMode.POSITIVE, path_parameters={name: value})
            for name, values in fixed.items()
            if name != "body"
            for value in values
        ]
        real += [
            op.as_strategy(GenerationMode.POSITIVE, body=body) for body in fixed.get("body", ())
        ]
        return st.one_of(_valid_and_invalid(op), *real)

    return strategy


STRATEGIES = {
    "GET /api/v1/programs": _search,
    "GET /api/v1/programs/{listing_id}": _program,
    "GET /api/v1/admin/runs/{run_id}": _with_real(run_id=["run-fixture"]),
    "POST /api/v1/admin/runs": _with_real(
        body=[{"source": s} for s in ("ipeds", "scorecard", "program_pages")]
    ),
    "POST /api/v1/admin/schedules": _with_real(
        body=[
            {"source": "ipeds", "cron": "0 3 * * 1"},
            {"source": "scorecard", "cron": "*/15 * * * *"},
        ]
    ),
    "DELETE /api/v1/admin/schedules/{schedule_id}": _with_real(
        schedule_id=[f"fuzz-{i}" for i in range(8)]
    ),
}


def _assert_clean(label: str, failures: list[str], app, minimum: int, before: int) -> None:
    sent = REQUESTS[label] - before
    assert not failures, (
        f"{len(failures)} failing responses for {label}; the first ones:\n\n"
        + "\n\n".join(failures[:5])
    )
    server_errors = {k: v for k, v in STATUSES.items() if k[0] == label and k[1] >= 500}
    assert not server_errors, server_errors
    assert sent >= minimum, (
        f"{label}: only {sent} requests were generated (at least {minimum} expected)"
    )


def test_every_operation_of_the_document_is_fuzzed(fuzz_app):
    spec = fuzz_app.test_client().get("/api/v1/openapi.json").get_json()
    assert spec["openapi"] == "3.0.3"
    documented = {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert documented == set(PUBLIC) | set(ADMIN)


def test_fuzzing_plan_sends_at_least_2000_requests():
    planned = (
        sum(MIN_REQUESTS.values())
        + len(PUBLIC)
        - len(MIN_REQUESTS)
        + 2 * len(ADMIN) * MIN_ADMIN_REQUESTS
    )
    assert planned >= 2000


@pytest.mark.parametrize("label", PUBLIC)
def test_public_operation(fuzz_app, fuzz_schema, label):
    before = REQUESTS[label]
    failures = _run(
        fuzz_schema, label, STRATEGIES.get(label, _valid_and_invalid), FUZZ_EXAMPLES.get(label, 100)
    )
    _assert_clean(label, failures, fuzz_app, MIN_REQUESTS.get(label, 1), before)
    assert not [m for m in fuzz_app.fuzz_errors.records if "unexpected error" in m]
    if label == "GET /api/v1/programs":
        ok = STATUSES[(label, 200)]
        # about 300 of the generated searches are valid and succeed (it varies a little from run to run:
        # 296-330 seen); far fewer would mean the generator stopped reaching the store
        assert ok >= 250, f"only {ok} searches succeeded: the fuzzing barely reached the store"


@pytest.mark.parametrize("token", [TOKEN, None], ids=["with-token", "without-token"])
@pytest.mark.parametrize("label", ADMIN)
def test_admin_operation(fuzz_app, fuzz_schema, label, token):
    headers = {"Authorization": f"Bearer {token}"} if token else None
    before = REQUESTS[label]
    failures = _run(
        fuzz_schema,
        label,
        STRATEGIES.get(label, _valid_and_invalid),
        ADMIN_EXAMPLES,
        headers=headers,
    )
    _assert_clean(label, failures, fuzz_app, MIN_ADMIN_REQUESTS, before)
    if token is None:
        statuses = {status for (lab, status), n in STATUSES.items() if lab == label}
        assert 401 in statuses


def test_admin_answers_document_args(fuzz_app):
    """Regression: run and schedule answers include ``args``; the schemas must document it."""
    spec = fuzz_app.test_client().get("/api/v1/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    for name in ("RunOut", "ScheduleOut"):
        assert "args" in schemas[name]["properties"], name


# ------------------------------------------------------------------------------------------ store down
class DownStore:
    """Every store call fails the way an unreachable backend does."""

    kind = "down"

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise StoreUnavailable("connection refused to http://elastic:hunter2@127.0.0.1:9")

        return fail


@pytest.fixture(scope="module")
def down_schema():
    from search_api import create_app

    app = create_app(
        {
            "STORE": DownStore(),
            "ADMIN_TOKEN": TOKEN,
            "LAUNCHER_FACTORY": FakeLauncher,
            "SEARCH_CACHE_SECONDS": 0,
            "WARM_GEO": False,
        }
    )
    seen: list = []

    @app.after_request
    def _record(resp):
        seen.append(
            (
                resp.status_code,
                resp.mimetype,
                resp.headers.get("Retry-After"),
                resp.get_data(as_text=True),
            )
        )
        return resp

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    schema.config.generation.update(allow_extra_parameters=False)
    schema.seen = seen
    return schema


@pytest.mark.parametrize("label", PUBLIC + ADMIN)
def test_operation_with_the_store_down(down_schema, label):
    """With the store unreachable, every answer is still documented: 503 problems (never another 5xx)."""
    down_schema.seen.clear()
    headers = {"Authorization": f"Bearer {TOKEN}"} if label in ADMIN else None
    failures = _run(
        down_schema,
        label,
        STRATEGIES.get(label, _valid_and_invalid),
        30,
        headers=headers,
        skip=("not_a_server_error",),
    )  # 503 is the right answer here; checked below
    assert not failures, "\n\n".join(failures[:5])
    errors = [s for s in down_schema.seen if s[0] >= 500]
    assert all(status == 503 for status, *_ in errors), {s[0] for s in errors}
    for _status, mimetype, retry_after, body in errors:
        assert mimetype == "application/problem+json" and retry_after and retry_after.isdigit()
        assert "hunter2" not in body and "127.0.0.1" not in body
    if label not in ("GET /healthz",):
        assert errors, f"{label} never reached the store"
