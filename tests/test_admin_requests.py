"""The admin API refuses what an operator could send by mistake, saying what to do instead."""

from __future__ import annotations

import pytest

from ops.cli import main
from programs.store import open_store
from search_api import create_app

TOKEN = "requests-test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path}/admin.db")
    yield s
    s.close()


@pytest.fixture
def admin(store):
    app = create_app({"TESTING": True, "STORE": store, "ADMIN_TOKEN": TOKEN, "WARM_GEO": False})
    return app.test_client()


@pytest.mark.parametrize("path", ["/api/v1/admin/runs", "/api/v1/admin/schedules"])
@pytest.mark.parametrize(
    "content_type,body",
    [
        ("application/x-www-form-urlencoded", "source=ipeds&cron=0+3+*+*+1"),
        ("multipart/form-data; boundary=x", "--x\r\n\r\n--x--\r\n"),
        ("text/plain", '{"source": "ipeds"}'),
        (None, '{"source": "ipeds"}'),
    ],
)
def test_a_body_that_is_not_json_gets_send_json(admin, path, content_type, body):
    headers = dict(AUTH)
    if content_type:
        headers["Content-Type"] = content_type
    resp = admin.post(path, data=body, headers=headers)
    assert resp.status_code == 415
    assert resp.mimetype == "application/problem+json"
    detail = resp.json["detail"]
    assert "send JSON" in detail and "application/json" in detail
    assert (content_type or "no Content-Type").split(";")[0] in detail
    assert "Missing data" not in resp.get_data(as_text=True)


def test_a_form_post_without_the_token_is_still_401(admin):
    resp = admin.post("/api/v1/admin/runs", data={"source": "ipeds"})
    assert resp.status_code == 401


def test_a_duplicate_schedule_is_refused_with_409(admin, store):
    first = admin.post(
        "/api/v1/admin/schedules", json={"source": "ipeds", "cron": "0 3 * * 1"}, headers=AUTH
    )
    assert first.status_code == 201
    for cron in ("0 3 * * 1", "  0  3 * * 1 "):
        again = admin.post(
            "/api/v1/admin/schedules", json={"source": "ipeds", "cron": cron}, headers=AUTH
        )
        assert again.status_code == 409
        assert again.mimetype == "application/problem+json"
        assert again.json["title"] == "Schedule already exists"
        assert first.json["id"] in again.json["detail"] and "0 3 * * 1" in again.json["detail"]
        assert again.json["existing_id"] == first.json["id"]
    assert len(store.list_schedules()) == 1
    other_source = admin.post(
        "/api/v1/admin/schedules", json={"source": "scorecard", "cron": "0 3 * * 1"}, headers=AUTH
    )
    other_time = admin.post(
        "/api/v1/admin/schedules", json={"source": "ipeds", "cron": "0 4 * * 1"}, headers=AUTH
    )
    assert other_source.status_code == 201 and other_time.status_code == 201


def test_the_cli_refuses_a_duplicate_schedule(capsys, tmp_path):
    url = f"sqlite:///{tmp_path}/cli.db"
    assert main(["--store", url, "schedule", "add", "ipeds", "--cron", "0 3 * * 1"]) == 0
    capsys.readouterr()
    assert main(["--store", url, "schedule", "add", "ipeds", "--cron", "0 3 * * 1"]) == 2
    err = capsys.readouterr().err
    assert "already crawls ipeds" in err and "remove the existing schedule" in err


def test_the_openapi_document_lists_415_and_409(admin):
    spec = admin.get("/api/v1/openapi.json").json
    post_schedules = spec["paths"]["/api/v1/admin/schedules"]["post"]["responses"]
    assert {"409", "415"} <= set(post_schedules)
    assert "415" in spec["paths"]["/api/v1/admin/runs"]["post"]["responses"]
