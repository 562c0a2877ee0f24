"""The installed wheel works outside the checkout: it holds every file the code opens, and nothing of
devtools/ or tests/.

The wheel is built without the network (the build tools come from the test environment) from a copy of
the source tree, installed with ``--no-deps --no-index`` into a fresh virtual environment outside the
checkout whose dependencies are the test environment's (a .pth file naming its site-packages; that
directory's own .pth files, among them the editable install of this checkout, are not processed);
``programs status`` runs there on a new SQLite store, and ``programs crawl ipeds --snapshot`` crawls the
IPEDS snapshot the wheel ships as package data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("programs", "crawler", "search_api", "ops")
NOT_SHIPPED = ("devtools", "tests", "bench")


def run(
    argv: list[str], cwd: Path, env_extra: dict[str, str] | None = None, **kwargs
) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PROGRAMS_SNAPSHOT_DIR")
    }
    env["PIP_NO_INPUT"] = "1"
    env.update(env_extra or {})
    proc = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, **kwargs
    )
    assert proc.returncode == 0 or kwargs.get("check") is False, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src") / "project"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "data", "logs", "build", "dist", "*.egg-info", "__pycache__",
            ".pytest_cache", ".ruff_cache", ".mypy_cache", "test-artifacts", "tests", "bench",
        ),
    )  # fmt: skip
    out = tmp_path_factory.mktemp("dist")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index"]
    run([*pip_wheel, "--no-build-isolation", "-w", str(out), str(src)], cwd=out)
    (built,) = out.glob("programs_near_you-*.whl")
    return built


def package_data_files() -> set[str]:
    """Every file in the packages of the checkout that is not Python source: the code opens them."""
    out = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if (
                path.is_file()
                and path.suffix not in (".py", ".pyc")
                and "__pycache__" not in path.parts
            ):
                out.add(path.relative_to(ROOT).as_posix())
    return out


def test_wheel_holds_every_data_file_and_no_devtools(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "programs/store/sqlite_schema.sql" in names
    assert package_data_files() <= names, sorted(package_data_files() - names)
    assert not [n for n in names if n.split("/")[0] in NOT_SHIPPED]
    assert "ops/snapshot/ipeds/manifest.json" in names
    assert wheel.stat().st_size <= 3 * 1024 * 1024  # the IPEDS snapshot is about 1.8 MB of it


def test_installed_wheel_runs_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    site = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=tmp_path,
    )
    (Path(site.stdout.strip()) / "test_environment.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )
    pip_install = [sys.executable, "-m", "pip", "--python", str(python), "install"]
    run([*pip_install, "--no-deps", "--no-index", str(wheel)], cwd=tmp_path)

    where = run(
        [str(python), "-c", "import programs, search_api, ops; print(programs.__file__)"],
        cwd=tmp_path,
    )
    assert where.stdout.strip().startswith(str(venv))  # the installed copy, not the checkout
    programs = str(venv / "bin" / "programs")
    status = run([programs, "--store", f"sqlite:///{tmp_path}/new.db", "status"], cwd=tmp_path)
    assert "listings: 0" in status.stdout and "last complete run: never" in status.stdout
    assert (tmp_path / "new.db").exists()

    sample = run(
        [str(venv / "bin" / "programs"), "crawl", "ipeds", "--sample"], cwd=tmp_path, check=False
    )
    assert sample.returncode != 0 and "needs a checkout of the repository" in sample.stderr

    # `make run`'s crawl: the shipped IPEDS snapshot is package data, read from the installed copy
    snapshot_store = f"sqlite:///{tmp_path}/snapshot.db"
    crawl = [programs, "--store", snapshot_store, "crawl", "ipeds", "--snapshot"]
    crawled = run([*crawl, "--log-dir", str(tmp_path / "logs")], cwd=tmp_path)
    assert "complete" in crawled.stderr, crawled.stderr[-2000:]
    status = run([programs, "--store", snapshot_store, "status", "--json"], cwd=tmp_path)
    ipeds = json.loads(status.stdout)["listings"]["by_source"]["ipeds"]
    assert ipeds["active"] >= 1400, status.stdout

    # PROGRAMS_SNAPSHOT_DIR still overrides where the snapshot is read from
    elsewhere = run(crawl, cwd=tmp_path, check=False, env_extra={"PROGRAMS_SNAPSHOT_DIR": "none"})
    assert elsewhere.returncode == 2 and "none holds no IPEDS snapshot" in elsewhere.stderr
