"""What an operator sees at the command line when starting the service or listing runs."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ops.cli import main
from programs.runs import RunRecord
from programs.store import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def busy_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock.getsockname()[1]
    sock.close()


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_a_busy_port_is_named_with_how_to_pick_another(busy_port, command, tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ops.cli",
            "--store",
            f"sqlite:///{tmp_path}/x.db",
            command,
            "--port",
            str(busy_port),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode != 0
    assert f"127.0.0.1:{busy_port}" in proc.stderr and "in use" in proc.stderr
    assert f"PORT={busy_port + 1} make run" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "serving" not in proc.stdout and "crawling" not in proc.stdout  # checked first


def test_a_free_port_passes_the_check():
    from ops.cli import check_port_free

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    check_port_free("127.0.0.1", port)  # no error


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_runs_limit_below_one_is_refused_clearly(capsys, tmp_path, limit):
    url = f"sqlite:///{tmp_path}/runs.db"
    store = open_store(url)
    store.save_run(RunRecord(id="r1", source="ipeds", status="complete"))
    store.close()
    code = main(["--store", url, "runs", "--limit", limit])
    out = capsys.readouterr()
    assert code == 2
    assert "--limit" in out.err and "from 1" in out.err
    assert "no runs recorded yet" not in out.out + out.err
