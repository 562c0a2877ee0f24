"""A running crawl's run record shows its progress: the counts are saved while it runs."""

from __future__ import annotations

import time

import pytest

from programs.runs import RUN_COMPLETE, RUN_RUNNING
from programs.store import open_store
from tests.crawl_helpers import pipelines_with, start_crawl


@pytest.mark.slow
def test_the_run_record_counts_grow_while_the_crawl_runs(sample_server, tmp_path):
    url = f"sqlite:///{tmp_path}/progress.db"
    (tmp_path / "logs").mkdir()
    run_id = "progress01234567"
    proc = start_crawl(
        "ipeds",
        store_url=url,
        sample_url=sample_server.base_url,
        log_dir=tmp_path / "logs",
        extra=[
            "--run-id",
            run_id,
            "-s",
            "RUN_PROGRESS_INTERVAL=0.2",
            "-s",
            "STORE_BATCH_SIZE=1",
            "-s",
            "SLOW_COMMIT_SECONDS=0.02",
            "-s",
            "ITEM_PIPELINES=" + pipelines_with({"tests.crawl_helpers.SlowCommitPipeline": 950}),
        ],
    )
    store = open_store(url)
    seen = []
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            run = store.get_run(run_id)
            if run and run.status == RUN_RUNNING:
                seen.append(run.items_scraped)
            time.sleep(0.1)
        assert proc.wait(timeout=60) == 0, (tmp_path / "logs" / "console.txt").read_text()[-2000:]
    finally:
        proc.kill()
        proc.wait()
    final = store.get_run(run_id)
    store.close()
    assert final.status == RUN_COMPLETE
    growing = sorted(set(seen))
    assert len(growing) >= 2 and growing[-1] > 0, seen  # two different counts seen mid-crawl
    assert growing[-1] <= final.items_scraped
