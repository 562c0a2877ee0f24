"""Mutation testing, one module at a time: ``make mutate MUTATE_PATHS=programs/geo.py``.

mutmut 3 reads one ``[tool.mutmut]`` table, with one test selection for the whole run. A run
over every module with every test would take hours on two cores, so this driver runs mutmut
once per module, each time in a scratch copy of the checkout (``build/mutate/<module>/``),
with ``only_mutate`` set to that module and the test selection set to the focused tests
listed for it in ``[tool.mutate.tests]``. The working tree is never touched, so you can
keep editing while it runs.

``--raw`` strips the ``# pragma: no mutate`` markers from the module first, so the score
also counts the mutants that only change a message's text (TESTING.md reports both).

Each module ends with a summary line and the diff of every surviving mutant; the numbers
are also appended to ``build/mutate/scores.jsonl``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutate"
# everything in the checkout but these (tests may import any package of the project)
NOT_COPIED = {".git", ".venv", "build", "data", "logs", "mutants", "test-artifacts", "bench"}
PRAGMA_RE = re.compile(r"\s*# pragma: no mutate\b.*$")


def test_selection(module: str) -> list[str]:
    """The focused tests listed for ``module`` in pyproject.toml."""
    table = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutate"]["tests"]
    if module not in table:
        raise SystemExit(f"{module}: no tests listed for it in [tool.mutate.tests]")
    tests = [t for t in table[module] if (ROOT / t.split("::")[0]).exists()]
    if not tests:
        raise SystemExit(f"{module}: none of its tests exist: {table[module]}")
    return tests


def prepare(module: str, *, raw: bool) -> Path:
    """A fresh scratch copy of the checkout to run mutmut in."""
    work = WORK / (module.replace("/", "_").removesuffix(".py") + ("-raw" if raw else ""))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "test-artifacts")
    for src in sorted(ROOT.iterdir()):
        name = src.name
        if name in NOT_COPIED or name.startswith("."):
            continue
        if src.is_dir():
            shutil.copytree(src, work / name, ignore=ignore)
        else:
            shutil.copy2(src, work / name)
    if raw:
        target = work / module
        lines = target.read_text().splitlines(keepends=True)
        target.write_text("".join(PRAGMA_RE.sub("", line.rstrip("\n")) + "\n" for line in lines))
    return work


def run_one(module: str, max_children: int) -> int:
    """Run mutmut on ``module`` in the current directory (a scratch copy) and summarise."""
    import mutmut.configuration as mconf

    base = mconf._load_config()
    mconf._config = dataclasses.replace(
        base,
        only_mutate=[module],
        pytest_add_cli_args_test_selection=test_selection(module),
    )
    from mutmut.__main__ import cli

    try:
        cli(["run", "--max-children", str(max_children)], standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            return int(stop.code)
    return summarise(module)


def summarise(module: str) -> int:
    from mutmut.__main__ import get_diff_for_mutant, status_by_exit_code

    meta = json.loads((Path("mutants") / (module + ".meta")).read_text())
    statuses = {k: status_by_exit_code[v] for k, v in meta["exit_code_by_key"].items()}
    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    tested = len(statuses) - counts.get("skipped", 0)
    killed = counts.get("killed", 0) + counts.get("timeout", 0)
    score = 100.0 * killed / tested if tested else 0.0
    for name, status in sorted(statuses.items()):
        if status not in ("killed", "timeout", "skipped"):
            print(f"\n# {name}: {status}")
            print(get_diff_for_mutant(name, path=module))
    raw = Path.cwd().name.endswith("-raw")
    summary = {
        "date": dt.date.today().isoformat(),
        "module": module,
        "pragmas": "ignored (raw)" if raw else "honoured",
        "mutants": len(statuses),
        "killed": killed,
        "score": round(score, 1),
        **{k: v for k, v in sorted(counts.items()) if k not in ("killed",)},
    }
    print("\nSUMMARY", json.dumps(summary))
    with open(WORK / "scores.jsonl", "a") as out:
        out.write(json.dumps(summary) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "modules", nargs="*", help="e.g. programs/geo.py (default: every module listed)"
    )
    parser.add_argument("--raw", action="store_true", help="ignore the # pragma: no mutate markers")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        return run_one(args.one, args.max_children)
    modules = args.modules or list(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutate"]["tests"]
    )
    failed = 0
    for module in modules:
        test_selection(module)
        work = prepare(module, raw=args.raw)
        print(f"== {module} in {work.relative_to(ROOT)}", flush=True)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--one", module]
        cmd += ["--max-children", str(args.max_children)]
        failed |= subprocess.call(cmd, cwd=work, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
