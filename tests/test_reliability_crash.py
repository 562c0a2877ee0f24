"""Crash recovery: a crawl and a scheduler killed with SIGKILL, then started again.

* A crawl of ``ipeds`` into a store that already holds the sample crawl is killed while it writes (one listing
  per transaction, every transaction held open a little longer, so the kill lands inside one). The store stays
  consistent (``PRAGMA integrity_check``), every listing from before is still there with its status; the
  killed run stays "running" and its lock stays held until ``CRAWL_LOCK_TTL`` passes: a crawl started at once is
  refused ("locked", a failed run), the next one after the TTL completes normally and records the killed run as
  failed ("abandoned"). ``programs runs`` and the admin API do the same for runs nobody will start again.
* A scheduler (``programs scheduler --interval 0.5 --lock-ttl 3``) is killed after it started a crawl; a second
  scheduler started at once waits while the first one's lock is fresh, takes it over after the TTL, and goes on
  firing due schedules; the crawl the killed scheduler started finishes on its own.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from devtools.sample_server import SampleServer
from programs.locks import crawl_lock_name
from programs.runs import ABANDONED, RUN_RUNNING, RunRecord, recover_abandoned_runs
from programs.scheduling import SCHEDULER_LOCK, add_schedule
from programs.store import open_store
from programs.timeutil import now_iso
from tests.crawl_helpers import ROOT, all_docs, copy_store, crawl, pipelines_with, start_crawl

LOCK_TTL = 10.0  # CRAWL_LOCK_TTL of the killed crawl: long enough for a second crawl to start and find it held


def wait_for(check, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(interval)


def written_by(store, run_id: str) -> int:
    return sum(
        1
        for batch in store.iter_listings()
        for listing in batch
        if any(ref.run_id == run_id for ref in listing.sources)
    )


@pytest.mark.slow
def test_crawl_killed_while_writing(sample_crawl, sample_server, tmp_path):
    url = copy_store(sample_crawl["db"], tmp_path / "programs.db")
    store = open_store(url)
    before = all_docs(store)
    killed_id = "killed0123456789"
    proc = start_crawl(
        "ipeds",
        store_url=url,
        sample_url=sample_server.base_url,
        log_dir=tmp_path / "logs",
        extra=[
            "--run-id",
            killed_id,
            "-s",
            "STORE_BATCH_SIZE=1",
            "-s",
            f"CRAWL_LOCK_TTL={LOCK_TTL}",
            "-s",
            "SLOW_COMMIT_SECONDS=0.03",
            "-s",
            "ITEM_PIPELINES=" + pipelines_with({"tests.crawl_helpers.SlowCommitPipeline": 950}),
        ],
    )
    try:
        wait_for(
            lambda: proc.poll() is not None or written_by(store, killed_id) >= 25,
            120,
            "listings being written",
        )
        assert proc.poll() is None, (tmp_path / "logs" / "console.txt").read_text()[-2000:]
        assert store.get_run(killed_id).status == RUN_RUNNING
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()

    # the store is consistent and lost nothing
    assert store.integrity_check() == "ok"
    after = all_docs(store)
    assert set(after) == set(before)
    assert {k: d["status"] for k, d in after.items()} == {k: d["status"] for k, d in before.items()}
    partly = written_by(store, killed_id)
    assert 25 <= partly < len(before)  # it was killed half-way
    assert store.get_run(killed_id).status == RUN_RUNNING  # nobody said otherwise
    assert store.lock_holder(crawl_lock_name("ipeds"), time.time()).endswith(":" + killed_id)

    # a crawl started at once finds the killed crawl's lock fresh: refused, recorded as failed, nothing touched
    blocked = crawl(
        "ipeds",
        store_url=url,
        sample_url=sample_server.base_url,
        log_dir=tmp_path / "logs2",
        extra=["--run-id", "blocked012345678"],
    )
    assert blocked.code == 1 and "Traceback" not in blocked.stderr
    run = store.get_run("blocked012345678")
    assert run.status == "failed" and run.finish_reason.startswith("locked: crawl:ipeds is held by")
    assert run.pages_fetched == 0
    assert store.get_run(killed_id).status == RUN_RUNNING

    # after the TTL the next crawl runs: complete, nothing removed, and the killed run is recorded as abandoned
    wait_for(
        lambda: store.lock_holder(crawl_lock_name("ipeds"), time.time()) is None,
        LOCK_TTL + 5,
        "the lock to expire",
    )
    again = crawl(
        "ipeds",
        store_url=url,
        sample_url=sample_server.base_url,
        log_dir=tmp_path / "logs3",
        extra=["--run-id", "again01234567890"],
    )
    assert again.code == 0, again.stderr[-2000:]
    run = store.get_run("again01234567890")
    assert run.status == "complete" and run.items_removed == 0
    killed = store.get_run(killed_id)
    assert killed.status == "failed" and killed.finish_reason == ABANDONED and killed.finished_at
    assert "was abandoned" in again.stderr + again.log_text()
    final = all_docs(store)
    assert set(final) == set(before)
    assert {k: d["status"] for k, d in final.items()} == {k: d["status"] for k, d in before.items()}
    assert written_by(store, "again01234567890") == len(
        [d for d in before.values() if any(s["source"] == "ipeds" for s in d["sources"])]
    )
    assert store.integrity_check() == "ok"
    assert (
        store.lock_holder(crawl_lock_name("ipeds"), time.time()) is None
    )  # given up after the last record


# ----------------------------------------------------------------------------------------- abandoned runs
@pytest.fixture
def runs_store(tmp_path):
    store = open_store(f"sqlite:///{tmp_path}/runs.db")
    yield store
    store.close()


def _running(store, run_id, source="ipeds"):
    store.save_run(RunRecord(id=run_id, source=source, status=RUN_RUNNING, started_at=now_iso()))


def test_a_running_run_without_its_lock_is_abandoned(runs_store):
    now = time.time()
    _running(runs_store, "dead")  # killed: its lock expired
    _running(runs_store, "alive")  # still crawling: holds its lock
    _running(runs_store, "other", source="scorecard")  # killed while another run holds the lock
    runs_store.acquire_lock(crawl_lock_name("ipeds"), "host:123:alive", 600, now)
    runs_store.acquire_lock(crawl_lock_name("scorecard"), "host:456:newer", 600, now)
    recovered = recover_abandoned_runs(runs_store, now=now)
    assert sorted(r.id for r in recovered) == ["dead", "other"]
    assert (
        runs_store.get_run("dead").status == "failed"
        and runs_store.get_run("dead").finish_reason == ABANDONED
    )
    assert runs_store.get_run("alive").status == RUN_RUNNING
    assert recover_abandoned_runs(runs_store, now=now) == []  # once


def test_programs_runs_shows_a_killed_run_as_failed(runs_store, tmp_path, capsys):
    from ops.cli import main

    _running(runs_store, "killed-run")
    assert main(["--store", f"sqlite:///{tmp_path}/runs.db", "runs", "--json"]) == 0
    (run,) = json.loads(capsys.readouterr().out)
    assert run["status"] == "failed" and run["finish_reason"] == ABANDONED


def test_admin_api_shows_a_killed_run_as_failed(runs_store):
    from search_api import create_app

    _running(runs_store, "killed-run")
    app = create_app(
        {"TESTING": True, "STORE": runs_store, "ADMIN_TOKEN": "t0ken", "WARM_GEO": False}
    )
    body = (
        app.test_client()
        .get("/api/v1/admin/runs", headers={"Authorization": "Bearer t0ken"})
        .get_json()
    )
    assert [(r["id"], r["status"]) for r in body] == [("killed-run", "failed")]


# ----------------------------------------------------------------------------------------------- scheduler
def _scheduler(store_url: str, env: dict, log) -> subprocess.Popen:
    argv = [
        sys.executable,
        "-m",
        "ops.cli",
        "--store",
        store_url,
        "scheduler",
        "--interval",
        "0.5",
        "--lock-ttl",
        "5",
    ]
    return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


@pytest.mark.slow
def test_scheduler_killed_mid_run_is_taken_over(tmp_path):
    url = f"sqlite:///{tmp_path}/programs.db"
    store = open_store(url)
    long_ago = datetime.now(UTC) - timedelta(days=800)
    yearly = "0 0 1 1 *"  # due at once (it was created long ago), then not again for months
    first = add_schedule(store, "ipeds", yearly, now=long_ago)
    host = socket.gethostname()
    with SampleServer(scorecard_hiccups=False) as server:
        env = {
            **os.environ,
            "IPEDS_BASE_URL": server.ipeds_base_url,
            "IPEDS_YEAR": "2023",  # the sample files' year (the live default is 2024)
            "SCORECARD_BASE_URL": server.scorecard_base_url,
            "SCORECARD_API_KEY": "sample-key",
            "CRAWL_LOG_DIR": str(tmp_path / "logs"),
        }
        log = open(tmp_path / "schedulers.txt", "w")
        a = _scheduler(url, env, log)
        b = None
        try:
            # A fires the due schedule: a crawl of ipeds starts (in its own process group)
            run = wait_for(
                lambda: next(
                    (r for r in store.list_runs("ipeds") if r.schedule_id == first.id), None
                ),
                30,
                "the first scheduler to start a crawl",
            )
            wait_for(
                lambda: store.list_schedules()[0].last_fired_at,
                10,
                "the schedule to be marked fired",
            )
            # the launch returns once the crawl has said it started; A then ticks (every 0.5 s) and
            # renews its lock: kill it after that tick, so that its lock is fresh when B starts
            time.sleep(1.0)
            assert store.lock_holder(SCHEDULER_LOCK, time.time()).startswith(f"{host}:{a.pid}:")
            a.send_signal(signal.SIGKILL)  # killed mid-run
            a.wait()
            killed_at = time.monotonic()

            # B starts at once: it waits while A's lock is fresh ...
            b = _scheduler(url, env, log)
            time.sleep(1.5)
            assert store.lock_holder(SCHEDULER_LOCK, time.time()).startswith(f"{host}:{a.pid}:")
            # ... takes it over once A's lock expired (5 s after A's last tick) ...
            wait_for(
                lambda: (store.lock_holder(SCHEDULER_LOCK, time.time()) or "").startswith(
                    f"{host}:{b.pid}:"
                ),
                10,
                "the second scheduler to take the lock",
            )
            assert time.monotonic() - killed_at >= 1.5
            # ... and goes on: a schedule that falls due is fired, once
            second = add_schedule(store, "scorecard", yearly, now=long_ago)
            later = wait_for(
                lambda: next(
                    (r for r in store.list_runs("scorecard") if r.schedule_id == second.id), None
                ),
                15,
                "the second scheduler to fire a schedule",
            )
            assert later.trigger == "schedule"
            # both crawls finish: the one the killed scheduler started, and the new one
            wait_for(
                lambda: store.get_run(run.id).status == "complete",
                60,
                "the first crawl to complete",
            )
            wait_for(
                lambda: store.get_run(later.id).status in ("complete", "partial"),
                60,
                "the second crawl",
            )
            assert [r.id for r in store.list_runs("ipeds")] == [
                run.id
            ]  # the first schedule fired once
            assert b.poll() is None  # B is still scheduling
        finally:
            for proc in (a, b):
                if proc is not None and proc.poll() is None:
                    proc.kill()
                    proc.wait()
            log.close()
    assert store.integrity_check() == "ok"
