"""The admin API and the operator page: bearer token (constant time, never leaked), runs, schedules."""

from __future__ import annotations

import logging

import pytest

from programs.runs import RUN_QUEUED, RunRecord
from programs.timeutil import now_iso
from search_api import create_app

TOKEN = "s3cret-admin-token-0123456789"


class FakeLauncher:
    started: list[tuple[str, str]] = []

    def __init__(self, store, config=None):
        self.store = store

    def start(self, source, *, trigger, schedule_id=None):
        run = RunRecord(
            id=f"run-{len(FakeLauncher.started) + 1}",
            source=source,
            trigger=trigger,
            status=RUN_QUEUED,
            started_at=now_iso(),
        )
        FakeLauncher.started.append((source, trigger))
        self.store.save_run(run)
        return run


@pytest.fixture
def admin_app(tmp_path):
    from programs.store import open_store

    store = open_store(f"sqlite:///{tmp_path}/admin.db")
    store.save_run(
        RunRecord(
            id="old",
            source="ipeds",
            status="complete",
            started_at="2026-11-01T03:00:00Z",
            finished_at="2026-11-01T03:02:00Z",
            items_new=410,
        )
    )
    FakeLauncher.started = []
    app = create_app(
        {
            "TESTING": True,
            "STORE": store,
            "ADMIN_TOKEN": TOKEN,
            "LAUNCHER_FACTORY": FakeLauncher,
            "WARM_GEO": False,
        }
    )
    yield app
    store.close()


@pytest.fixture
def admin(admin_app):
    return admin_app.test_client()


def auth(token=TOKEN):
    return {"Authorization": f"Bearer {token}"}


ENDPOINTS = [
    ("GET", "/api/v1/admin/runs", None),
    ("GET", "/api/v1/admin/runs/old", None),
    ("POST", "/api/v1/admin/runs", {"source": "ipeds"}),
    ("GET", "/api/v1/admin/schedules", None),
    ("POST", "/api/v1/admin/schedules", {"source": "ipeds", "cron": "0 3 * * 1"}),
    ("DELETE", "/api/v1/admin/schedules/x", None),
]


@pytest.mark.parametrize("method,path,body", ENDPOINTS)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        auth("wrong"),
        auth(""),
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
        auth(TOKEN + "x"),
        auth(TOKEN[:-1]),
    ],
)
def test_without_the_right_token_everything_is_401(admin, method, path, body, headers):
    resp = admin.open(path, method=method, json=body, headers=headers)
    assert resp.status_code == 401
    assert resp.mimetype == "application/problem+json"
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert TOKEN not in resp.get_data(as_text=True)
    assert not FakeLauncher.started


def test_admin_api_is_off_without_a_configured_token(tmp_path):
    from programs.store import open_store

    app = create_app(
        {
            "TESTING": True,
            "STORE": open_store(f"sqlite:///{tmp_path}/x.db"),
            "ADMIN_TOKEN": None,
            "WARM_GEO": False,
        }
    )
    resp = app.test_client().get("/api/v1/admin/runs", headers=auth(""))
    assert resp.status_code == 401 and "switched off" in resp.json["detail"]


def test_token_is_compared_in_constant_time(admin, monkeypatch):
    import hmac

    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    assert admin.get("/api/v1/admin/runs", headers=auth()).status_code == 200
    assert calls


def test_list_and_read_runs(admin):
    resp = admin.get("/api/v1/admin/runs", headers=auth())
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "no-store"
    assert [r["id"] for r in resp.json] == ["old"] and resp.json[0]["items_new"] == 410
    assert admin.get("/api/v1/admin/runs?source=scorecard", headers=auth()).json == []
    assert admin.get("/api/v1/admin/runs/old", headers=auth()).json["status"] == "complete"
    assert admin.get("/api/v1/admin/runs/nope", headers=auth()).status_code == 404
    bad = admin.get("/api/v1/admin/runs?source=yelp", headers=auth())
    assert bad.status_code == 400 and bad.json["param"] == "source"
    assert admin.get("/api/v1/admin/runs?limit=0", headers=auth()).status_code == 400


def test_start_a_run(admin):
    resp = admin.post("/api/v1/admin/runs", json={"source": "scorecard"}, headers=auth())
    assert resp.status_code == 202
    assert resp.json["status"] == "queued" and resp.json["trigger"] == "api"
    assert resp.headers["Location"].endswith(f"/api/v1/admin/runs/{resp.json['id']}")
    assert FakeLauncher.started == [("scorecard", "api")]
    again = admin.post("/api/v1/admin/runs", json={"source": "scorecard"}, headers=auth())
    assert again.status_code == 409  # one crawl of a source at a time


def test_start_refused_while_the_source_is_locked(admin, admin_app):
    import time

    admin_app.config["STORE"].acquire_lock("crawl:ipeds", "someone", 600, time.time())
    resp = admin.post("/api/v1/admin/runs", json={"source": "ipeds"}, headers=auth())
    assert resp.status_code == 409 and not FakeLauncher.started


@pytest.mark.parametrize(
    "body,param", [({}, "source"), ({"source": "yelp"}, "source"), (None, None)]
)
def test_start_bad_body(admin, body, param):
    resp = (
        admin.post("/api/v1/admin/runs", json=body, headers=auth())
        if body is not None
        else admin.post(
            "/api/v1/admin/runs",
            data="not json",
            headers={**auth(), "Content-Type": "application/json"},
        )
    )
    assert resp.status_code == 400
    if param:
        assert resp.json["param"] == param


def test_schedules_crud(admin):
    resp = admin.post(
        "/api/v1/admin/schedules", json={"source": "ipeds", "cron": "0 3 * * 1"}, headers=auth()
    )
    assert resp.status_code == 201
    sid = resp.json["id"]
    assert resp.json["next_fire_at"].endswith("T03:00:00Z")
    listed = admin.get("/api/v1/admin/schedules", headers=auth()).json
    assert [s["id"] for s in listed] == [sid]
    assert admin.delete(f"/api/v1/admin/schedules/{sid}", headers=auth()).status_code == 204
    assert admin.delete(f"/api/v1/admin/schedules/{sid}", headers=auth()).status_code == 404


@pytest.mark.parametrize("cron", ["0 3 * *", "61 * * * *", "tomorrow"])
def test_bad_cron_names_the_parameter(admin, cron):
    resp = admin.post(
        "/api/v1/admin/schedules", json={"source": "ipeds", "cron": cron}, headers=auth()
    )
    assert resp.status_code == 400 and resp.json["param"] == "cron"


def test_token_never_appears_in_logs(admin, caplog):
    with caplog.at_level(logging.DEBUG):
        admin.get("/api/v1/admin/runs", headers=auth())
        admin.get("/api/v1/admin/runs", headers=auth(TOKEN + "wrong"))
        admin.post("/api/v1/admin/runs", json={"source": "ipeds"}, headers=auth())
    assert TOKEN not in caplog.text


def test_admin_api_has_no_open_cors(admin):
    resp = admin.get("/api/v1/admin/runs", headers={**auth(), "Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in resp.headers


def test_operator_page_shell(admin):
    resp = admin.get("/admin")
    assert resp.status_code == 200 and "Crawl operations" in resp.get_data(as_text=True)
    assert "admin.js" in resp.get_data(as_text=True)
    assert TOKEN not in resp.get_data(as_text=True)


def test_openapi_documents_the_admin_api_with_bearer_auth(admin):
    spec = admin.get("/api/v1/openapi.json").json
    assert (
        "/api/v1/admin/runs" in spec["paths"]
        and "/api/v1/admin/schedules/{schedule_id}" in spec["paths"]
    )
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("scheme", "").lower() == "bearer" for s in schemes.values())
