"""Crawl run records and crawl schedules: the operational data the store keeps beside listings."""
from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

RUN_RUNNING = "running"
RUN_COMPLETE = "complete"   # finished normally: the only state that allows removal sweeps
RUN_FAILED = "failed"
RUN_CANCELLED = "cancelled"
RUN_PARTIAL = "partial"     # finished, but hit a page/item limit or lost pages: no sweep
RUN_QUEUED = "queued"       # handed to Scrapyd, not started yet
RUN_STATUSES = (RUN_QUEUED, RUN_RUNNING, RUN_COMPLETE, RUN_FAILED, RUN_CANCELLED, RUN_PARTIAL)
TRIGGERS = ("manual", "schedule", "api")


def new_run_id() -> str:
    return uuid.uuid4().hex[:16]


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> "RunRecord":
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
    def from_dict(cls, doc: dict[str, Any]) -> "Schedule":
        known = {k: v for k, v in doc.items() if k in cls.__dataclass_fields__}
        return cls(**known)
