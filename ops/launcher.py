"""Starting a crawl: a child process on this machine, or a job handed to Scrapyd.

The composition layer owns this: it may run ``programs crawl`` (which imports the
crawler), while the core only records runs and schedules. This module itself never
imports Scrapy (the API process uses it).

A run is recorded ``queued`` when it is handed out; the crawl records it ``running``
when it starts. A child that exits before that (a missing key, a bad store) would
leave the run queued for good. So ``start`` waits (at most ``STARTUP_WAIT`` seconds)
for whichever comes first: the child's signal that it has recorded its run running
(one byte on a pipe, :func:`programs.runs.signal_started`) or the child's exit (the
pipe closes). A child that exited leaves its run ``failed`` with the child's last
error line, and the caller sees that at once, however slow the machine; a reaper
thread waits for every other child, so none stays a zombie and a child that dies
later is recorded too.
"""

from __future__ import annotations

import json
import logging
import os
import select
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from crawler.seeds import seed_args
from programs.errors import ProgramsError
from programs.runs import RUN_FAILED, RUN_QUEUED, STARTED_FD_ENV, RunRecord, new_run_id
from programs.store.base import Store, check_source
from programs.timeutil import now_iso

SCRAPYD_PROJECT = "programs_near_you"
#: the most seconds ``start`` waits for a child to record its run running or to exit (so the caller
#: sees why a crawl that fails at start failed); a child that does either sooner ends the wait. Under
#: gunicorn's 30 s worker timeout, as the admin API waits for it.
STARTUP_WAIT = 15.0
#: seconds to wait for a child's exit status once it closed its end of the pipe
EXIT_WAIT = 5.0

log = logging.getLogger(__name__)


def exit_reason(code: int, stderr_tail: str) -> str:
    """The finish reason of a run whose crawl process exited before recording it."""
    lines = [line.strip() for line in stderr_tail.splitlines() if line.strip()]
    last = lines[-1][:300] if lines else "no error output"
    return f"the crawl process exited (status {code}) before the crawl started: {last}"


def wait_started(pipe: IO[bytes], timeout: float) -> bool | None:
    """Wait on the pipe a child signals its start on: True when it signalled, False when the pipe
    closed without a signal (the child exited), None when neither happened within ``timeout``."""
    readable, _, _ = select.select([pipe], [], [], max(0.0, timeout))
    if not readable:
        return None
    return pipe.read(1) != b""


def setting_value(value: Any) -> str:
    """A Scrapy setting as the text ``scrapy crawl -s KEY=VALUE`` reads back (lists comma-joined)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return json.dumps(value)


class Launcher:
    """Starts a crawl: a child process here, or a Scrapyd job when SCRAPYD_URL is set.

    ``sample``: the child crawls the bundled sample sources on 127.0.0.1 (``programs crawl
    --sample``), never the internet; the sample demo sets it. ``scrapyd_settings``: extra Scrapy
    settings sent with every Scrapyd job (e.g. the sample server's URLs).
    """

    def __init__(
        self,
        store: Store,
        store_url: str,
        *,
        scrapyd_url: str | None = None,
        python: str = sys.executable,
        extra_args: list[str] | None = None,
        sample: bool = False,
        scrapyd_settings: Mapping[str, Any] | None = None,
        startup_wait: float | None = None,
    ):
        self.store = store
        self.store_url = store_url
        self.scrapyd_url = scrapyd_url if scrapyd_url is not None else os.environ.get("SCRAPYD_URL")
        self.python = python
        self.extra_args = list(extra_args or [])
        self.sample = sample
        self.scrapyd_settings = dict(scrapyd_settings or {})
        self.startup_wait = STARTUP_WAIT if startup_wait is None else startup_wait
        self.children: list[subprocess.Popen] = []

    def start(self, source: str, *, trigger: str, schedule_id: str | None = None) -> RunRecord:
        """Hand out one crawl; the run as recorded (queued, or failed with the reason)."""
        check_source(source)
        run = RunRecord(
            id=new_run_id(),
            source=source,
            trigger=trigger,
            status=RUN_QUEUED,
            started_at=now_iso(),
            schedule_id=schedule_id,
        )
        if self.scrapyd_url:
            run.scrapyd_job = run.id  # the job id Scrapyd is asked to use
        self.store.save_run(run)
        try:
            if self.scrapyd_url:
                self._scrapyd(run)
            else:
                self._spawn(run)
        except (OSError, ProgramsError) as exc:
            self.fail_if_queued(run.id, f"could not start: {exc}")
        return self.store.get_run(run.id) or run

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
        if self.sample:
            argv.append("--sample")
        return argv + self.extra_args

    def fail_if_queued(self, run_id: str, reason: str) -> RunRecord | None:
        """Record a run that never started as failed; a run its crawl already took is left alone."""
        run = self.store.get_run(run_id)
        if run is None or run.status != RUN_QUEUED:
            return run
        run.status, run.finish_reason, run.finished_at = RUN_FAILED, reason, now_iso()
        self.store.save_run(run)
        return run

    def _spawn(self, run: RunRecord) -> None:
        errors = tempfile.TemporaryFile()
        started_fd, child_end = os.pipe()
        try:
            child = subprocess.Popen(
                self.command(run),
                stdout=subprocess.DEVNULL,
                stderr=errors,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                pass_fds=(child_end,),
                env={**os.environ, STARTED_FD_ENV: str(child_end)},
            )
        except OSError:
            errors.close()
            os.close(started_fd)
            raise
        finally:
            os.close(child_end)  # only the child holds it now: its exit closes the pipe
        self.children.append(child)
        started = os.fdopen(started_fd, "rb", buffering=0)
        if wait_started(started, self.startup_wait) is False:  # the pipe closed: the child exits
            try:
                child.wait(timeout=EXIT_WAIT)
            except subprocess.TimeoutExpired:
                pass
            else:
                started.close()
                self._after_exit(child, errors, run.id)
                return
        threading.Thread(
            target=self._reap_later,
            args=(child, errors, started, run.id),
            name=f"reaper-{run.id}",
            daemon=True,
        ).start()

    def _reap_later(
        self, child: subprocess.Popen, errors: IO[bytes], started: IO[bytes], run_id: str
    ) -> None:
        child.wait()  # reaps it: no zombie under the worker
        started.close()  # open until now, so a late signal never meets a closed pipe
        try:
            self._after_exit(child, errors, run_id)
        except ProgramsError as exc:  # the store is down: the run stays queued, and expires
            log.error("could not record how run %s ended: %s", run_id, exc)

    def _after_exit(self, child: subprocess.Popen, errors: IO[bytes], run_id: str) -> None:
        with errors:
            errors.seek(0, os.SEEK_END)
            errors.seek(max(0, errors.tell() - 4096))
            tail = errors.read().decode("utf-8", "replace")
        self.fail_if_queued(run_id, exit_reason(child.returncode, tail))

    def _scrapyd(self, run: RunRecord) -> None:
        import requests

        assert self.scrapyd_url  # start() calls this only with a Scrapyd URL
        settings = {"PROGRAMS_STORE": self.store_url, **self.scrapyd_settings}
        data: dict[str, Any] = {
            "project": SCRAPYD_PROJECT,
            "spider": run.source,
            "jobid": run.id,
            "run_id": run.id,
            "trigger": run.trigger,
            "setting": [f"{k}={setting_value(v)}" for k, v in settings.items()],
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

    def reap(self) -> None:
        self.children = [c for c in self.children if c.poll() is None]

    def wait(self, timeout: float | None = None) -> None:
        for child in self.children:
            child.wait(timeout=timeout)
        self.reap()


def launcher_factory(store: Store, config: Mapping[str, Any]) -> Launcher:
    """The admin API's launcher (given to ``search_api.create_app``): crawls into the service's
    own store, on Scrapyd when ``SCRAPYD_URL`` is configured; the sample sources on 127.0.0.1
    when ``CRAWL_SAMPLE`` is on (the sample demo)."""
    return Launcher(
        store,
        config["PROGRAMS_STORE"],
        scrapyd_url=config.get("SCRAPYD_URL"),
        sample=bool(config.get("CRAWL_SAMPLE")),
    )
