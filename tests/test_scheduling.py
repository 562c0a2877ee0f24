"""The scheduler, driven by a fake clock and a fake launcher."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime

import pytest

from ops.launcher import Launcher
from ops.scheduler import Scheduler
from programs.errors import InvalidInput
from programs.runs import RUN_QUEUED, RunRecord
from programs.scheduling import (
    add_schedule,
    check_cron,
    describe_schedule,
    is_due,
)
from programs.timeutil import iso


def ts(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


class FakeClock:
    def __init__(self, start: str):
        self.now = ts(start)

    def __call__(self) -> float:
        return self.now

    def set(self, text: str) -> None:
        self.now = ts(text)


class FakeLauncher:
    """Records what would start, without spawning anything."""

    def __init__(self, store, clock):
        self.store = store
        self.clock = clock
        self.started: list[RunRecord] = []

    def start(self, source, *, trigger, schedule_id=None):
        run = RunRecord(
            id=f"run{len(self.started) + 1}",
            source=source,
            trigger=trigger,
            status=RUN_QUEUED,
            started_at=iso(datetime.fromtimestamp(self.clock(), UTC)),
            schedule_id=schedule_id,
        )
        self.store.save_run(run)
        self.started.append(run)
        return run

    def reap(self):
        pass


@pytest.fixture
def sqlite_store(tmp_path):
    from programs.store import open_store

    s = open_store(f"sqlite:///{tmp_path}/s.db")
    yield s
    s.close()


def make(store, clock, owner="sched-a"):
    launcher = FakeLauncher(store, clock)
    return Scheduler(store, launcher=launcher, clock=clock, owner=owner, lock_ttl=120), launcher


@pytest.mark.parametrize("expr", ["0 3 * * 1", "*/15 * * * *", "0 0 1 * *", " 0  3 * * 1 "])
def test_valid_cron(expr):
    assert check_cron(expr) == " ".join(expr.split())


@pytest.mark.parametrize(
    "expr", ["", "0 3 * *", "61 3 * * 1", "every monday", "0 3 * * 1 2024", None]
)
def test_bad_cron_is_refused_with_the_parameter_named(expr):
    with pytest.raises(InvalidInput) as info:
        check_cron(expr)
    assert info.value.param == "cron"


def test_unknown_source_is_refused(sqlite_store):
    with pytest.raises(InvalidInput) as info:
        add_schedule(sqlite_store, "yelp", "0 3 * * 1")
    assert info.value.param == "source"


def test_not_due_then_due(sqlite_store):
    clock = FakeClock("2026-11-23T00:00:00")  # a Monday
    add_schedule(sqlite_store, "ipeds", "0 3 * * 1", now=datetime.fromtimestamp(clock(), UTC))
    scheduler, launcher = make(sqlite_store, clock)
    clock.set("2026-11-23T02:59:00")
    assert scheduler.tick() == []
    clock.set("2026-11-23T03:00:30")
    started = scheduler.tick()
    assert [r.source for r in started] == ["ipeds"] and started[0].trigger == "schedule"
    clock.set("2026-11-23T03:05:00")
    assert scheduler.tick() == []  # fired once for this slot


def test_catch_up_after_downtime_is_one_run(sqlite_store):
    clock = FakeClock("2026-11-01T00:00:00")
    add_schedule(sqlite_store, "scorecard", "0 * * * *", now=datetime.fromtimestamp(clock(), UTC))
    scheduler, launcher = make(sqlite_store, clock)
    clock.set("2026-11-03T12:30:00")  # 60 hourly slots were missed
    assert len(scheduler.tick()) == 1
    assert scheduler.tick() == []
    clock.set("2026-11-03T13:00:01")
    assert len(scheduler.tick()) == 1


def test_overlap_refused_while_a_crawl_of_the_source_runs(sqlite_store):
    clock = FakeClock("2026-11-23T00:00:00")
    add_schedule(sqlite_store, "ipeds", "*/5 * * * *", now=datetime.fromtimestamp(clock(), UTC))
    scheduler, launcher = make(sqlite_store, clock)
    sqlite_store.acquire_lock("crawl:ipeds", "a-running-crawl", 600, clock())
    clock.set("2026-11-23T00:06:00")
    assert scheduler.tick() == []  # still due, not started
    sqlite_store.release_lock("crawl:ipeds", "a-running-crawl")
    assert len(scheduler.tick()) == 1


def test_a_run_handed_out_but_not_yet_locked_also_blocks(sqlite_store):
    clock = FakeClock("2026-11-23T00:00:00")
    add_schedule(sqlite_store, "ipeds", "*/5 * * * *", now=datetime.fromtimestamp(clock(), UTC))
    add_schedule(sqlite_store, "ipeds", "*/3 * * * *", now=datetime.fromtimestamp(clock(), UTC))
    scheduler, launcher = make(sqlite_store, clock)
    clock.set("2026-11-23T00:06:00")
    assert len(scheduler.tick()) == 1  # two schedules of one source due at once: one crawl


def test_restart_keeps_state_and_second_scheduler_waits(sqlite_store):
    clock = FakeClock("2026-11-23T00:00:00")
    add_schedule(sqlite_store, "ipeds", "0 3 * * *", now=datetime.fromtimestamp(clock(), UTC))
    first, _ = make(sqlite_store, clock, owner="first")
    clock.set("2026-11-23T03:00:10")
    assert len(first.tick()) == 1
    # the first scheduler is killed; a second one starts at once and must wait for the stale lock
    second, launcher2 = make(sqlite_store, clock, owner="second")
    clock.set("2026-11-23T03:01:00")
    assert second.tick() == [] and not second.hold_lock()
    clock.set("2026-11-23T03:03:00")  # the killed scheduler's lock expired
    assert second.tick() == []  # took over; nothing due (state survived the restart)
    clock.set("2026-11-24T03:00:05")
    assert len(second.tick()) == 1


def test_disabled_schedule_never_fires(sqlite_store):
    clock = FakeClock("2026-11-23T00:00:00")
    sched = add_schedule(
        sqlite_store, "ipeds", "* * * * *", now=datetime.fromtimestamp(clock(), UTC)
    )
    sched.enabled = False
    sqlite_store.save_schedule(sched)
    assert not is_due(sched, datetime(2026, 12, 1, tzinfo=UTC))
    assert "disabled" in describe_schedule(sched)


def test_launcher_command_and_record(sqlite_store, monkeypatch):
    spawned = []

    class FakePopen:
        def __init__(self, argv, **kwargs):
            spawned.append(argv)

        def poll(self):
            return None

        def wait(self, timeout=None):
            raise subprocess.TimeoutExpired("crawl", timeout)

    monkeypatch.setattr("ops.launcher.subprocess.Popen", FakePopen)
    monkeypatch.setattr(Launcher, "_reap_later", lambda *args: None)
    launcher = Launcher(sqlite_store, "sqlite:///x.db", scrapyd_url="")
    run = launcher.start("ipeds", trigger="api")
    assert run.status == RUN_QUEUED
    assert spawned[0][1:] == [
        "-m",
        "ops.cli",
        "--store",
        "sqlite:///x.db",
        "crawl",
        "ipeds",
        "--run-id",
        run.id,
        "--trigger",
        "api",
    ]
    assert sqlite_store.get_run(run.id).status == RUN_QUEUED


def test_launcher_hands_runs_to_scrapyd(sqlite_store, monkeypatch):
    posted = {}

    class Resp:
        def json(self):
            return {"status": "ok", "jobid": "job-1"}

    def fake_post(url, data, timeout):
        posted.update(url=url, data=data)
        return Resp()

    monkeypatch.setattr("requests.post", fake_post)
    run = Launcher(sqlite_store, "http://es:9200", scrapyd_url="http://scrapyd:6800").start(
        "scorecard", trigger="schedule", schedule_id="s1"
    )
    assert posted["url"] == "http://scrapyd:6800/schedule.json"
    assert (
        posted["data"]["project"] == "programs_near_you" and posted["data"]["spider"] == "scorecard"
    )
    assert posted["data"]["run_id"] == run.id and posted["data"]["jobid"] == run.id
    assert posted["data"]["setting"] == ["PROGRAMS_STORE=http://es:9200"]
    assert run.scrapyd_job == run.id
    assert sqlite_store.get_run(run.id).status == RUN_QUEUED


def test_scrapyd_refusal_records_a_failed_run(sqlite_store, monkeypatch):
    class Resp:
        def json(self):
            return {"status": "error", "message": "spider not found"}

    monkeypatch.setattr("requests.post", lambda url, data, timeout: Resp())
    run = Launcher(sqlite_store, "sqlite:///x.db", scrapyd_url="http://scrapyd:6800").start(
        "ipeds", trigger="api"
    )
    assert run.status == "failed" and "spider not found" in run.finish_reason


def test_scrapyd_job_of_program_pages_gets_the_seed_file(sqlite_store, monkeypatch, tmp_path):
    from programs.store import InstitutionSeed

    sqlite_store.save_institutions(
        [InstitutionSeed(unitid="100001", name="Lakeshore", url="https://lake.example/", zip=None)]
    )
    posted = {}

    class Resp:
        def json(self):
            return {"status": "ok", "jobid": "job-2"}

    def fake_post(url, data, timeout):
        posted.update(data)
        return Resp()

    monkeypatch.setattr("requests.post", fake_post)
    monkeypatch.setenv("CRAWL_LOG_DIR", str(tmp_path / "shared"))
    run = Launcher(sqlite_store, "sqlite:///x.db", scrapyd_url="http://scrapyd:6800").start(
        "program_pages", trigger="api"
    )
    assert posted["seeds"] == str(tmp_path / "shared" / f"seeds-{run.id}.csv")
    assert "https://lake.example/,Lakeshore,,100001" in open(posted["seeds"]).read()
