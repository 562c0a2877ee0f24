"""The scheduler: fires due schedules, one crawl per source at a time, one scheduler at a time.

* a source whose crawl lock is held (a crawl is running) is not started again:
  the schedule stays due and fires when the source is free;
* one scheduler process at a time holds the ``scheduler`` lock; a killed
  scheduler's lock expires after ``lock_ttl`` seconds and another takes over;
* crawls are started by :class:`ops.launcher.Launcher`.

The clock is injectable (``clock`` returns epoch seconds) so tests drive it.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from programs.errors import ProgramsError
from programs.locks import crawl_lock_name
from programs.runs import RUN_QUEUED, RunRecord
from programs.scheduling import SCHEDULER_LOCK, is_due
from programs.store.base import Store
from programs.timeutil import iso, parse_iso

from .launcher import Launcher

log = logging.getLogger(__name__)


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
