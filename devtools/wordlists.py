"""Would a test notice if one word were dropped from a regex word list?

mutmut does not remove alternatives from a regular expression, so this checks that
separately: ``python devtools/wordlists.py programs/normalize/length.py``. For every plain
word alternative in the module's string literals (``courses|classes|sessions``), it builds
the module's globals again from the source with that one word removed, puts them in place
of the real ones, and runs the module's focused tests (``[tool.mutate.tests]`` in
pyproject.toml) in this process with a small runner (plain functions, ``parametrize``
only). It prints the words whose removal no test noticed and the share that was noticed.
Only module-level regexes are varied (those written inside a function are left to mutmut).
Some misses are equivalent: a word that another alternative or another list also catches.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import io
import itertools
import re
import sys
import tokenize
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# an alternative made of letters (with regex spaces, hyphens and optional letters), between
# two of "(", "|", ")", "?:" in a string literal
WORD = re.compile(
    r"(?<=[|:(])([A-Za-z][A-Za-z'\-]*(?:(?:\\s\+|\\s\*|\[\\s-\]\+|\[- \]|\s)[A-Za-z'\-]+)*\??s?\??)(?=[|)])"
)


def word_alternatives(source: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each plain-word alternative inside the module's string literals."""
    lines = source.splitlines(keepends=True)
    offsets = [0, *itertools.accumulate(len(line) for line in lines)]
    # module-level data only: a regex written inside a function is compiled when the function
    # runs, from the real module's code, so changing it here would prove nothing
    in_function = {
        line
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    }
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.STRING or "|" not in tok.string or tok.start[0] in in_function:
            continue
        start = offsets[tok.start[0] - 1] + tok.start[1]
        for m in WORD.finditer(tok.string):
            before, after = tok.string[m.start() - 1], tok.string[m.end()]
            if before != "|" and after != "|":
                continue  # not part of an alternation
            yield start + m.start(), start + m.end(), m.group(1)


def without(source: str, start: int, end: int) -> str:
    """The source with the alternative at [start, end) and one neighbouring "|" removed."""
    if source[end] == "|":
        return source[:start] + source[end + 1 :]
    return source[: start - 1] + source[end:]


def test_cases(test_files: list[str]) -> list[tuple[str, Callable[[], object]]]:
    """Every (name, call) of the test functions in ``test_files``, parameters expanded."""
    cases: list[tuple[str, Callable[[], object]]] = []
    for path in test_files:
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        for name, func in vars(module).items():
            if not name.startswith("test_") or not inspect.isfunction(func):
                continue
            grids = [
                [dict(zip(names, v if len(names) > 1 else (v,), strict=True)) for v in values]
                for mark in getattr(func, "pytestmark", [])
                if mark.name == "parametrize"
                for names, values in [(_names(mark.args[0]), mark.args[1])]
            ]
            for combo in itertools.product(*grids) if grids else [()]:
                kwargs = {k: v for part in combo for k, v in part.items()}
                cases.append((f"{path}::{name}", lambda f=func, kw=kwargs: f(**kw)))
    return cases


def _names(spec: str | list[str] | tuple[str, ...]) -> list[str]:
    return [n.strip() for n in spec.split(",")] if isinstance(spec, str) else list(spec)


def noticed(cases: list[tuple[str, Callable[[], object]]]) -> str | None:
    """The first failing case's name, or None when every case passes."""
    for name, call in cases:
        try:
            call()
        except Exception:
            return name
    return None


def check(module_path: str) -> tuple[int, list[str]]:
    table = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutate"]["tests"]
    tests = [t for t in table[module_path] if (ROOT / t).exists()]
    name = module_path.removesuffix(".py").replace("/", ".")
    module = importlib.import_module(name)
    source = (ROOT / module_path).read_text()
    original = dict(vars(module))
    cases = test_cases(tests)
    if noticed(cases):
        raise SystemExit(f"{module_path}: the tests fail on the unchanged module: {noticed(cases)}")

    def passes_with(variant: str) -> bool:
        namespace = {"__name__": name, "__package__": name.rpartition(".")[0]}
        exec(compile(variant, module_path, "exec"), namespace)
        for key, value in namespace.items():
            # data only: functions and classes stay the real ones (tests compare instances)
            if not key.startswith("__") and not callable(value) or isinstance(value, re.Pattern):
                setattr(module, key, value)
        try:
            return noticed(cases) is None
        finally:
            for key, value in original.items():
                setattr(module, key, value)

    if not passes_with(source):
        raise SystemExit(f"{module_path}: rebuilding the module from its source breaks the tests")
    missed: list[str] = []
    total = 0
    for start, end, word in word_alternatives(source):
        total += 1
        if passes_with(without(source, start, end)):
            line = source.count("\n", 0, start) + 1
            missed.append(f"{module_path}:{line}: {word}")
    return total, missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="+")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    for module_path in args.modules:
        total, missed = check(module_path)
        for line in missed:
            print("not noticed:", line)
        share = 100.0 * (total - len(missed)) / total if total else 100.0
        print(
            f"{module_path}: {total - len(missed)} of {total} word removals noticed ({share:.0f}%)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
