"""Running real crawls in tests: the CLI in a child process against a sample server on 127.0.0.1."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class CrawlResult:
    code: int
    stdout: str
    stderr: str
    log_dir: Path

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.log_dir.glob("*.log")))


def crawl(sources: list[str] | str, *, store_url: str, sample_url: str, log_dir: Path, extra: list[str] | None = None,
          env: dict[str, str] | None = None, timeout: float = 300) -> CrawlResult:
    """``programs crawl SOURCES --sample-url URL`` in a child process (a Twisted reactor runs once per process)."""
    if isinstance(sources, str):
        sources = [sources]
    log_dir.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "programs.cli", "--store", store_url, "crawl", *sources,
            "--sample-url", sample_url, "--log-dir", str(log_dir), *(extra or [])]
    child_env = {**os.environ, "CRAWLER_PROGRESS_INTERVAL": "1"}
    child_env.pop("SCORECARD_API_KEY", None)
    child_env.update(env or {})
    proc = subprocess.run(argv, cwd=ROOT, env=child_env, capture_output=True, text=True, timeout=timeout)
    return CrawlResult(proc.returncode, proc.stdout, proc.stderr, log_dir)
