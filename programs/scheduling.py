"""Crawl schedules: cron expressions, when a schedule is due, adding and describing them.

Rules:

* a schedule is a source and a cron expression (5 fields, UTC);
* a schedule is due when its next fire time after the last one (or after its
  creation) has passed; after downtime it fires ONCE, not once per missed slot;
* a source whose crawl lock is held (a crawl is running) is not started again:
  the schedule stays due and fires when the source is free;
* one scheduler process at a time holds the ``scheduler`` lock; a killed
  scheduler's lock expires after ``lock_ttl`` seconds and another takes over;
* crawls are started by a launcher of the composition layer (``ops.launcher``): a
  child process (``programs crawl SOURCE``) or, when ``SCRAPYD_URL`` is set, a
  Scrapyd job; the loop that fires due schedules is ``ops.scheduler``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from croniter import croniter

from .errors import InvalidInput
from .runs import Schedule
from .store.base import Store, check_source
from .timeutil import iso, now_iso, parse_iso

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


class DuplicateSchedule(InvalidInput):
    """A schedule of the same source at the same cron times exists already (it would fire twice)."""

    def __init__(self, existing: Schedule):
        super().__init__(
            "cron",
            f"schedule {existing.id} already crawls {existing.source} at {existing.cron!r}",
            allowed="another cron expression, or remove the existing schedule first",
            status=409,
        )
        self.existing = existing


def add_schedule(
    store: Store,
    source: str,
    cron: str,
    *,
    now: datetime | None = None,
    args: dict[str, Any] | None = None,
) -> Schedule:
    """A new schedule; DuplicateSchedule when the source already has one with these cron fields."""
    check_source(source)
    cron = check_cron(cron)
    for existing in store.list_schedules():
        if existing.source == source and " ".join(existing.cron.split()) == cron:
            raise DuplicateSchedule(existing)
    schedule = Schedule(
        id=uuid.uuid4().hex[:10],
        source=source,
        cron=cron,
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
