"""Starting a crawl: a child process on this machine, or a job handed to Scrapyd.

The composition layer owns this: it may run ``programs crawl`` (which imports the
crawler), while the core only records runs and schedules.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crawler.seeds import seed_args
from programs.errors import ProgramsError
from programs.runs import RUN_FAILED, RUN_QUEUED, RunRecord, new_run_id
from programs.store.base import Store, check_source
from programs.timeutil import now_iso

SCRAPYD_PROJECT = "programs_near_you"


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
            "ops.cli",
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
        if (
            run.source == "program_pages"
        ):  # on a path Scrapyd shares with us (docker-compose: /app/logs)
            log_dir = Path(os.environ.get("CRAWL_LOG_DIR", "logs"))
            data.update(seed_args(self.store, log_dir / f"seeds-{run.id}.csv"))
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


def launcher_factory(store: Store, config: Mapping[str, Any]) -> Launcher:
    """The admin API's launcher (given to ``search_api.create_app``): crawls into the service's
    own store, on Scrapyd when ``SCRAPYD_URL`` is configured."""
    return Launcher(store, config["PROGRAMS_STORE"], scrapyd_url=config.get("SCRAPYD_URL"))
