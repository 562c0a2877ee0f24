"""Crawl run records and crawl schedules: the operational data the store keeps beside listings."""

from __future__ import annotations

import os
import stat
import time
import uuid
from collections.abc import MutableMapping
from dataclasses import asdict, dataclass, field
from typing import Any

RUN_RUNNING = "running"
RUN_COMPLETE = "complete"  # finished normally: the only state that allows removal sweeps
RUN_FAILED = "failed"
RUN_CANCELLED = "cancelled"
RUN_PARTIAL = "partial"  # finished, but hit a page/item limit or lost pages: no sweep
RUN_QUEUED = "queued"  # handed to Scrapyd, not started yet
RUN_STATUSES = (RUN_QUEUED, RUN_RUNNING, RUN_COMPLETE, RUN_FAILED, RUN_CANCELLED, RUN_PARTIAL)
TRIGGERS = ("manual", "schedule", "api")
ABANDONED = "abandoned: the crawl stopped without finishing (killed or crashed); its lock expired"


#: set by the launcher that starts a crawl as a child process (ops.launcher): the number of a pipe
#: the crawl writes one byte to once it has recorded its run ``running``
STARTED_FD_ENV = "PROGRAMS_STARTED_FD"


def new_run_id() -> str:
    return uuid.uuid4().hex[:16]


def signal_started(environ: MutableMapping[str, str] = os.environ) -> bool:
    """Tell the launcher that started this crawl that the crawl has started: one byte on the pipe
    ``STARTED_FD_ENV`` names, then the pipe is closed (once per process: the variable is removed).
    False when no launcher asked for it (a crawl from the command line or Scrapyd)."""
    value = environ.pop(STARTED_FD_ENV, None)
    if not value:
        return False
    fd = int(value)
    if not stat.S_ISFIFO(os.fstat(fd).st_mode):  # inherited by a process the launcher did not start
        return False
    try:
        os.write(fd, b"1")
    finally:
        os.close(fd)
    return True


@dataclass
class RunRecord:
    id: str
    source: str
    trigger: str = "manual"
    status: str = RUN_RUNNING
    started_at: str | None = None
    finished_at: str | None = None
    finish_reason: str | None = None
    pages_fetched: int = 0
    items_scraped: int = 0
    items_new: int = 0
    items_updated: int = 0
    items_unchanged: int = 0
    items_removed: int = 0
    items_dropped: int = 0
    dropped_reasons: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    log_path: str | None = None
    schedule_id: str | None = None
    scrapyd_job: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    #: the edition of the data the run read ("IPEDS 2023\u201324 completions and 2024 directory, NCES")
    vintage: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> RunRecord:
        known = {k: v for k, v in doc.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class Schedule:
    id: str
    source: str
    cron: str
    enabled: bool = True
    args: dict[str, Any] = field(default_factory=dict)
    created_at: str | None = None
    last_fired_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> Schedule:
        known = {k: v for k, v in doc.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def recover_abandoned_runs(
    store, source: str | None = None, *, now: float | None = None, limit: int = 200
) -> list[RunRecord]:
    """Record as failed every run still marked running whose crawl is gone; the runs changed.

    A crawl takes its source's lock (``crawl:<source>``, the owner tagged with its run id) before its
    run is recorded as running, keeps it fresh while it runs, and gives it up only after its last
    record is saved. A crawl killed outright (SIGKILL, a machine that died) leaves its run "running"
    and its lock to expire after ``CRAWL_LOCK_TTL``. So a running run whose source lock is free, or
    held for another run, was abandoned: it becomes ``failed`` (finish reason :data:`ABANDONED`), and
    like every failed run it never removes anything. Called when a crawl of the source starts, by
    ``programs runs`` and by the admin API's run list.
    """
    from .locks import crawl_lock_name  # locks.py does not import this module
    from .timeutil import now_iso

    now = time.time() if now is None else now
    holders: dict[str, str | None] = {}
    recovered = []
    for run in store.list_runs(source, limit=limit):
        if run.status != RUN_RUNNING:
            continue
        if run.source not in holders:
            holders[run.source] = store.lock_holder(crawl_lock_name(run.source), now)
        holder = holders[run.source]
        if holder is not None and holder.endswith(f":{run.id}"):
            continue  # alive: its crawl holds the lock
        run.status, run.finish_reason = RUN_FAILED, ABANDONED
        run.finished_at = run.finished_at or now_iso()  # when it was found abandoned
        store.save_run(run)
        recovered.append(run)
    return recovered
