"""Crawl schedules, the scheduler, and starting a crawl (locally or on Scrapyd).

Rules:

* a schedule is a source and a cron expression (5 fields, UTC);
* a schedule is due when its next fire time after the last one (or after its
  creation) has passed; after downtime it fires ONCE, not once per missed slot;
* a source whose crawl lock is held (a crawl is running) is not started again:
  the schedule stays due and fires when the source is free;
* one scheduler process at a time holds the ``scheduler`` lock; a killed
  scheduler's lock expires after ``lock_ttl`` seconds and another takes over;
* crawls run as child processes (``programs crawl SOURCE``) or, when
  ``SCRAPYD_URL`` is set, are handed to Scrapyd's ``schedule.json``.

The clock is injectable (``clock`` returns epoch seconds) so tests drive it.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from croniter import croniter

from .errors import InvalidInput, ProgramsError
from .locks import crawl_lock_name
from .runs import RUN_FAILED, RUN_QUEUED, RunRecord, Schedule, new_run_id
from .store.base import Store, check_source
from .timeutil import iso, now_iso, parse_iso

log = logging.getLogger(__name__)
SCRAPYD_PROJECT = "programs_near_you"
SCHEDULER_LOCK = "scheduler"


def check_cron(expr: str) -> str:
    """A valid 5-field cron expression, or InvalidInput saying what is wrong."""
    if not isinstance(expr, str) or not expr.strip():
        raise InvalidInput(
            "cron", "a cron expression is required", allowed='5 fields, e.g. "0 3 * * 1"'
        )
    expr = " ".join(expr.split())
    if len(expr.split(" ")) != 5:
        raise InvalidInput(
            "cron",
            f"{expr[:60]!r} does not have 5 fields",
            allowed='minute hour day-of-month month day-of-week, e.g. "0 3 * * 1"',
        )
    if not croniter.is_valid(expr):
        raise InvalidInput(
            "cron",
            f"{expr[:60]!r} is not a valid cron expression",
            allowed='minute hour day-of-month month day-of-week, e.g. "0 3 * * 1"',
        )
    return expr


def next_fire(cron: str, after: datetime) -> datetime:
    return croniter(cron, after).get_next(datetime)


def add_schedule(
    store: Store,
    source: str,
    cron: str,
    *,
    now: datetime | None = None,
    args: dict[str, Any] | None = None,
) -> Schedule:
    check_source(source)
    schedule = Schedule(
        id=uuid.uuid4().hex[:10],
        source=source,
        cron=check_cron(cron),
        created_at=iso(now) if now else now_iso(),
        args=dict(args or {}),
    )
    store.save_schedule(schedule)
    return schedule


def remove_schedule(store: Store, schedule_id: str) -> bool:
    return store.delete_schedule(schedule_id)


def describe_schedule(schedule: Schedule, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    upcoming = next_fire(schedule.cron, now)
    last = schedule.last_fired_at or "never"
    state = "" if schedule.enabled else " (disabled)"
    return f"{schedule.source} at '{schedule.cron}' (UTC){state}; next {iso(upcoming)}; last fired {last}"


def is_due(schedule: Schedule, now: datetime) -> bool:
    base = parse_iso(schedule.last_fired_at or schedule.created_at or iso(now))
    return schedule.enabled and next_fire(schedule.cron, base) <= now


# --------------------------------------------------------------- launching
class Launcher:
    """Starts a crawl: a child process here, or a Scrapyd job when SCRAPYD_URL is set."""

    def __init__(
        self,
        store: Store,
        store_url: str,
        *,
        scrapyd_url: str | None = None,
        python: str = sys.executable,
        extra_args: list[str] | None = None,
    ):
        self.store = store
        self.store_url = store_url
        self.scrapyd_url = scrapyd_url if scrapyd_url is not None else os.environ.get("SCRAPYD_URL")
        self.python = python
        self.extra_args = list(extra_args or [])
        self.children: list[subprocess.Popen] = []

    def start(self, source: str, *, trigger: str, schedule_id: str | None = None) -> RunRecord:
        check_source(source)
        run = RunRecord(
            id=new_run_id(),
            source=source,
            trigger=trigger,
            status=RUN_QUEUED,
            started_at=now_iso(),
            schedule_id=schedule_id,
        )
        self.store.save_run(run)
        try:
            if self.scrapyd_url:
                run.scrapyd_job = self._scrapyd(run)
            else:
                self._spawn(run)
        except (OSError, ProgramsError) as exc:
            run.status, run.finish_reason, run.finished_at = (
                RUN_FAILED,
                f"could not start: {exc}",
                now_iso(),
            )
        self.store.save_run(run)
        return run

    def command(self, run: RunRecord) -> list[str]:
        argv = [
            self.python,
            "-m",
            "programs.cli",
            "--store",
            self.store_url,
            "crawl",
            run.source,
            "--run-id",
            run.id,
            "--trigger",
            run.trigger,
        ]
        if run.schedule_id:
            argv += ["--schedule-id", run.schedule_id]
        return argv + self.extra_args

    def _spawn(self, run: RunRecord) -> None:
        child = subprocess.Popen(
            self.command(run),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.children.append(child)

    def _scrapyd(self, run: RunRecord) -> str:
        import requests

        data = {
            "project": SCRAPYD_PROJECT,
            "spider": run.source,
            "jobid": run.id,
            "run_id": run.id,
            "trigger": run.trigger,
            "setting": f"PROGRAMS_STORE={self.store_url}",
        }
        if run.schedule_id:
            data["schedule_id"] = run.schedule_id
        try:
            response = requests.post(
                self.scrapyd_url.rstrip("/") + "/schedule.json", data=data, timeout=10
            )
            body = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProgramsError(
                f"Scrapyd at {self.scrapyd_url} did not accept the job: {exc}"
            ) from exc
        if body.get("status") != "ok":
            raise ProgramsError(f"Scrapyd refused the job: {body.get('message', body)}")
        return str(body.get("jobid", run.id))

    def reap(self) -> None:
        self.children = [c for c in self.children if c.poll() is None]

    def wait(self, timeout: float | None = None) -> None:
        for child in self.children:
            child.wait(timeout=timeout)
        self.reap()


# --------------------------------------------------------------- scheduler
class Scheduler:
    def __init__(
        self,
        store: Store,
        *,
        store_url: str = "",
        launcher: Launcher | None = None,
        clock: Callable[[], float] = time.time,
        lock_ttl: float = 120.0,
        owner: str | None = None,
    ):
        self.store = store
        self.launcher = launcher or Launcher(store, store_url)
        self.clock = clock
        self.lock_ttl = lock_ttl
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC).replace(microsecond=0)

    def hold_lock(self) -> bool:
        """Take or keep the scheduler lock; False while another live scheduler has it."""
        return self.store.acquire_lock(SCHEDULER_LOCK, self.owner, self.lock_ttl, self.clock())

    def tick(self) -> list[RunRecord]:
        """Start every due schedule whose source is free; the runs started."""
        if not self.hold_lock():
            log.info(
                "another scheduler holds the lock (%s)",
                self.store.lock_holder(SCHEDULER_LOCK, self.clock()),
            )
            return []
        now = self.now()
        started: list[RunRecord] = []
        busy: set[str] = set()
        for schedule in self.store.list_schedules():
            if not is_due(schedule, now):
                continue
            source = schedule.source
            if (
                source in busy
                or self.store.lock_holder(crawl_lock_name(source), self.clock())
                or self._queued(source)
            ):
                log.info(
                    "schedule %s is due but a crawl of %s is running: waiting", schedule.id, source
                )
                continue
            run = self.launcher.start(source, trigger="schedule", schedule_id=schedule.id)
            schedule.last_fired_at = iso(now)  # fire once for all missed slots
            self.store.save_schedule(schedule)
            busy.add(source)
            started.append(run)
            log.info("schedule %s started run %s of %s", schedule.id, run.id, source)
        self.launcher.reap()
        return started

    def _queued(self, source: str) -> bool:
        """A run handed out moments ago that has not taken its lock yet also counts as running."""
        now = self.clock()
        for run in self.store.list_runs(source, limit=5):
            if (
                run.status == RUN_QUEUED
                and run.started_at
                and now - parse_iso(run.started_at).timestamp() < 300
            ):
                return True
        return False

    def run_forever(self, interval: float = 30.0) -> None:
        log.info("scheduler %s started; checking every %.0f s", self.owner, interval)
        while True:
            try:
                self.tick()
            except ProgramsError as exc:
                log.error("scheduler tick failed: %s", exc)
            time.sleep(interval)

    def wait_for_children(self) -> None:
        self.launcher.wait()
