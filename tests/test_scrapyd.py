"""Scrapyd for real: a Scrapyd started on 127.0.0.1 in a temporary folder, the project deployed to it as the
README says (installed beside Scrapyd, mapped in scrapyd.conf), and a due schedule fired by the scheduler
runs a sample crawl there to a complete run record. A Scrapyd that is down or refuses gives a failed run."""

from __future__ import annotations

import configparser
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from ops.launcher import Launcher
from ops.scheduler import Scheduler
from programs.runs import RUN_COMPLETE, RUN_FAILED, RUN_QUEUED, RUN_RUNNING
from programs.scheduling import add_schedule
from programs.store import open_store

pytest.importorskip("scrapyd", reason="the scrapyd extra is not installed (make test installs it)")

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: not after {timeout} s")


def test_the_shipped_scrapyd_conf_binds_loopback_and_maps_the_project():
    conf = configparser.ConfigParser()
    conf.read(ROOT / "scrapyd.conf")
    assert conf["scrapyd"]["bind_address"] == "127.0.0.1"
    assert conf["settings"]["programs_near_you"] == "crawler.settings"
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "scrapy.cfg")  # Scrapy finds the project's settings here when Scrapyd runs it
    assert cfg["settings"]["programs_near_you"] == "crawler.settings"


@pytest.fixture(scope="module")
def scrapyd_url(tmp_path_factory):
    """`scrapyd` started in a folder holding the repository's scrapyd.conf and scrapy.cfg (the README's
    recipe), on a free port; the project is installed in this environment (`pip install -e .`)."""
    folder = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    conf = (ROOT / "scrapyd.conf").read_text().replace("http_port = 6800", f"http_port = {port}")
    (folder / "scrapyd.conf").write_text(conf)
    (folder / "scrapy.cfg").write_text((ROOT / "scrapy.cfg").read_text())
    log = (folder / "scrapyd.out").open("wb")
    # the sample crawl's download handler lives in devtools/ (a checkout's, not the wheel's)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrapyd"], cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env
    )
    url = f"http://127.0.0.1:{port}"

    def up():
        if proc.poll() is not None:
            raise AssertionError("scrapyd exited: " + (folder / "scrapyd.out").read_text()[-2000:])
        try:
            return requests.get(url + "/daemonstatus.json", timeout=2).json()["status"] == "ok"
        except requests.RequestException:
            return False

    try:
        wait_for(up, 60, "Scrapyd answering")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_scrapyd_sees_the_deployed_project_and_its_spiders(scrapyd_url):
    projects = requests.get(scrapyd_url + "/listprojects.json", timeout=10).json()
    assert "programs_near_you" in projects["projects"]
    spiders = requests.get(
        scrapyd_url + "/listspiders.json", params={"project": "programs_near_you"}, timeout=60
    ).json()
    assert {"ipeds", "scorecard", "program_pages"} <= set(spiders["spiders"])


def test_a_due_schedule_runs_a_sample_crawl_on_scrapyd(scrapyd_url, sample_server, tmp_path):
    from devtools.local_sites import sample_settings

    store_url = (
        f"sqlite:///{tmp_path}/scrapyd.db"  # a file the scheduler and Scrapyd's crawl both see
    )
    store = open_store(store_url)
    now = datetime.now(UTC)
    schedule = add_schedule(store, "ipeds", "*/5 * * * *", now=now - timedelta(hours=1))
    launcher = Launcher(
        store,
        store_url,
        scrapyd_url=scrapyd_url,
        scrapyd_settings=sample_settings(sample_server.base_url),
    )
    (run,) = Scheduler(store, launcher=launcher).tick()
    assert run.status == RUN_QUEUED and run.scrapyd_job == run.id
    assert run.trigger == "schedule" and run.schedule_id == schedule.id

    def finished():
        r = store.get_run(run.id)
        return r if r and r.status not in (RUN_QUEUED, RUN_RUNNING) else None

    done = wait_for(finished, 180, "the Scrapyd crawl finishing")
    assert done.status == RUN_COMPLETE, done.finish_reason
    assert done.pages_fetched > 0 and done.items_scraped > 0 and done.items_new > 0
    assert done.trigger == "schedule" and done.schedule_id == schedule.id
    assert done.log_path and run.id in done.log_path  # Scrapyd's log of the job
    assert store.counts()["total"] == done.items_new

    def job_finished():
        jobs = requests.get(
            scrapyd_url + "/listjobs.json", params={"project": "programs_near_you"}, timeout=10
        ).json()
        return run.id in {j["id"] for j in jobs["finished"]}

    wait_for(job_finished, 60, "Scrapyd listing the job as finished")
    assert [s.last_fired_at for s in store.list_schedules()] != [None]  # fired once
    store.close()


def test_a_refusing_scrapyd_gives_a_failed_run_with_the_reason(scrapyd_url, tmp_path, monkeypatch):
    monkeypatch.setattr("ops.launcher.SCRAPYD_PROJECT", "not_deployed")
    store = open_store(f"sqlite:///{tmp_path}/refused.db")
    run = Launcher(store, "sqlite:///x.db", scrapyd_url=scrapyd_url).start("ipeds", trigger="api")
    assert run.status == RUN_FAILED
    assert "Scrapyd refused the job" in run.finish_reason and "not_deployed" in run.finish_reason
    assert store.get_run(run.id).status == RUN_FAILED
    store.close()


def test_a_scrapyd_that_is_down_gives_a_failed_run_with_the_reason(tmp_path):
    store = open_store(f"sqlite:///{tmp_path}/down.db")
    down = f"http://127.0.0.1:{free_port()}"
    add_schedule(store, "ipeds", "*/5 * * * *", now=datetime.now(UTC) - timedelta(hours=1))
    launcher = Launcher(store, "sqlite:///x.db", scrapyd_url=down)
    (run,) = Scheduler(store, launcher=launcher).tick()
    assert run.status == RUN_FAILED
    assert f"Scrapyd at {down} did not accept the job" in run.finish_reason
    store.close()
