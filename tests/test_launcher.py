"""The crawl launcher with real child processes: a child that dies at once leaves a failed run with its
reason (never a queued one) whatever the machine's speed, a child that signals its start ends the wait
at once, every child is reaped (no zombie), and the sample demo's crawls stay on 127.0.0.1."""

from __future__ import annotations

import os
import sys
import time

import pytest

import ops.launcher
from ops.launcher import Launcher, exit_reason, launcher_factory, setting_value
from programs.runs import RUN_FAILED, RUN_QUEUED, STARTED_FD_ENV, signal_started
from programs.store import open_store
from search_api import create_app

TOKEN = "launcher-test-token-0123456789"


@pytest.fixture
def store_url(tmp_path):
    return f"sqlite:///{tmp_path}/launch.db"


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def wait_for(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"not true after {timeout} s")


def reaped(pid: int) -> bool:
    """True once the process is gone from the process table (not even a zombie)."""
    return not os.path.exists(f"/proc/{pid}")


@pytest.mark.parametrize(
    "table",
    [
        (2, "programs crawl: SCORECARD_API_KEY: needs a key\n", "status 2", "SCORECARD_API_KEY"),
        (1, "", "status 1", "no error output"),
        (1, "line one\n  \nTraceback...\nValueError: boom\n", "status 1", "ValueError: boom"),
    ],
)
def test_exit_reason_names_the_status_and_the_last_error_line(table):
    code, stderr, *needles = table
    reason = exit_reason(code, stderr)
    assert all(n in reason for n in needles), reason


def test_setting_values_are_what_scrapy_reads_back():
    assert setting_value("x") == "x"
    assert setting_value(["a/", "b/"]) == "a/,b/"
    assert setting_value({"http": "h.H"}) == '{"http": "h.H"}'
    assert setting_value(0.5) == "0.5"


@pytest.mark.parametrize("startup_wait", [30.0, 0.0], ids=["seen-at-start", "seen-by-the-reaper"])
def test_a_child_that_dies_at_once_leaves_a_failed_run_with_its_reason(
    store, store_url, monkeypatch, startup_wait
):
    monkeypatch.delenv("SCORECARD_API_KEY", raising=False)
    launcher = Launcher(store, store_url, scrapyd_url="", startup_wait=startup_wait)
    run = launcher.start("scorecard", trigger="api")
    if startup_wait:
        assert run.status == RUN_FAILED  # the caller (the admin API) sees it at once
    recorded = wait_for(lambda: (r := store.get_run(run.id)) and r.status == RUN_FAILED and r)
    assert "status 2" in recorded.finish_reason
    assert "SCORECARD_API_KEY" in recorded.finish_reason
    assert recorded.finished_at
    (child,) = launcher.children
    wait_for(lambda: reaped(child.pid))


def fake_python(tmp_path, body: str) -> str:
    """An executable standing in for the Python the launcher runs ``-m ops.cli crawl`` with."""
    path = tmp_path / "fake-python"
    path.write_text(f"#!{sys.executable}\nimport os, sys, time\n{body}\n")
    path.chmod(0o755)
    return str(path)


SIGNAL = f"fd = int(os.environ['{STARTED_FD_ENV}']); os.write(fd, b'1'); os.close(fd)"


def test_a_child_that_signals_its_start_ends_the_wait_and_is_reaped_later(
    store, store_url, tmp_path
):
    python = fake_python(tmp_path, SIGNAL + "\ntime.sleep(600)")
    launcher = Launcher(store, store_url, scrapyd_url="", python=python, startup_wait=600)
    began = time.monotonic()
    run = launcher.start("ipeds", trigger="api")
    assert time.monotonic() - began < 300  # the signal, not the 600 s bound, ended the wait
    (child,) = launcher.children
    assert child.poll() is None and run.status == RUN_QUEUED
    child.kill()  # a crawl that dies later is recorded by the reaper
    recorded = wait_for(lambda: (r := store.get_run(run.id)) and r.status == RUN_FAILED and r)
    assert "status -9" in recorded.finish_reason
    wait_for(lambda: reaped(child.pid))


def test_a_child_that_neither_signals_nor_exits_is_left_to_the_reaper(store, store_url, tmp_path):
    python = fake_python(tmp_path, "sys.stderr.write('still loading\\n'); time.sleep(600)")
    launcher = Launcher(store, store_url, scrapyd_url="", python=python, startup_wait=0.2)
    run = launcher.start("ipeds", trigger="api")
    assert run.status == RUN_QUEUED
    (child,) = launcher.children
    child.terminate()
    recorded = wait_for(lambda: (r := store.get_run(run.id)) and r.status == RUN_FAILED and r)
    assert "status -15" in recorded.finish_reason and "still loading" in recorded.finish_reason
    wait_for(lambda: reaped(child.pid))


def test_the_started_signal_is_one_byte_once_and_nothing_without_a_launcher():
    read_end, write_end = os.pipe()
    environ = {STARTED_FD_ENV: str(write_end)}
    assert signal_started(environ) is True
    assert os.read(read_end, 10) == b"1"
    assert os.read(read_end, 10) == b""  # the crawl's end is closed
    os.close(read_end)
    assert signal_started(environ) is False  # once per process
    assert signal_started({}) is False
    with open(os.devnull, "wb") as other:  # a number inherited without its pipe: left alone
        assert signal_started({STARTED_FD_ENV: str(other.fileno())}) is False
        os.fstat(other.fileno())  # still open


def test_a_failed_start_does_not_block_the_next_one_with_409(store, store_url, monkeypatch):
    monkeypatch.delenv("SCORECARD_API_KEY", raising=False)
    # the launcher waits for the child's exit, not for a fixed time: a slow machine only makes
    # the wait longer (the bound, 15 s by default, is raised so a loaded test machine passes too)
    monkeypatch.setattr(ops.launcher, "STARTUP_WAIT", 600.0)
    app = create_app(
        {
            "TESTING": True,
            "STORE": store,
            "PROGRAMS_STORE": store_url,
            "ADMIN_TOKEN": TOKEN,
            "WARM_GEO": False,
        },
        launcher_factory=launcher_factory,
    )
    client = app.test_client()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/v1/admin/runs", json={"source": "scorecard"}, headers=headers)
    assert first.status_code == 502, first.json
    assert "SCORECARD_API_KEY" in first.json["detail"]
    runs = client.get("/api/v1/admin/runs", headers=headers).json
    assert runs[0]["status"] == "failed" and "SCORECARD_API_KEY" in runs[0]["finish_reason"]
    again = client.post("/api/v1/admin/runs", json={"source": "scorecard"}, headers=headers)
    assert again.status_code == 502  # the same clear failure, not "already running" (409)


def test_the_sample_demo_passes_the_sample_switch(store, store_url):
    demo = launcher_factory(store, {"PROGRAMS_STORE": store_url, "CRAWL_SAMPLE": True})
    live = launcher_factory(store, {"PROGRAMS_STORE": store_url, "CRAWL_SAMPLE": False})
    run = type("R", (), {"source": "ipeds", "id": "r1", "trigger": "api", "schedule_id": None})
    assert "--sample" in demo.command(run)
    assert "--sample" not in live.command(run)


def test_the_demo_sets_the_sample_switch_for_the_service(monkeypatch, tmp_path):
    import ops.cli

    seen = {}
    monkeypatch.setattr(ops.cli, "cmd_serve", lambda args: seen.update(os.environ) or 0)
    monkeypatch.setenv("CRAWL_SAMPLE", "0")  # recorded, so the demo's "1" is undone after the test
    store = open_store(f"sqlite:///{tmp_path}/demo.db")
    store.close()
    assert ops.cli.main(["--store", f"sqlite:///{tmp_path}/demo.db", "demo", "--no-crawl"]) == 0
    assert seen["CRAWL_SAMPLE"] == "1"
    from search_api.config import from_environment

    assert from_environment({"CRAWL_SAMPLE": "1"})["CRAWL_SAMPLE"] is True


@pytest.mark.slow
def test_crawl_now_in_the_demo_crawls_the_sample_sources(store, store_url, tmp_path, monkeypatch):
    """The admin API of a demo service starts a real child that crawls the samples on 127.0.0.1."""
    monkeypatch.setenv("CRAWL_LOG_DIR", str(tmp_path / "logs"))
    app = create_app(
        {
            "TESTING": True,
            "STORE": store,
            "PROGRAMS_STORE": store_url,
            "ADMIN_TOKEN": TOKEN,
            "CRAWL_SAMPLE": True,
            "WARM_GEO": False,
        },
        launcher_factory=launcher_factory,
    )
    client = app.test_client()
    resp = client.post(
        "/api/v1/admin/runs",
        json={"source": "ipeds"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert resp.status_code == 202, resp.json
    # the launcher waited for the crawl's signal that it recorded its run running (a child that
    # never signalled would have been waited for until it exited: its run would read complete)
    assert resp.json["status"] == "running"
    run_id = resp.json["id"]
    done = wait_for(
        lambda: (r := store.get_run(run_id)) and r.status not in (RUN_QUEUED, "running") and r,
        timeout=120,
    )
    assert done.status == "complete", done.finish_reason
    assert done.items_new > 0 and done.pages_fetched > 0
