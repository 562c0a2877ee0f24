"""The layers' rule, checked on the source: the core imports no outer layer, the API no crawler.

``programs/`` (the core) <- ``crawler/`` and ``search_api/`` <- ``ops/`` (the composition layer).
Every import statement counts, including those inside functions. ``devtools/`` is for a checkout
only: of the shipped packages only ``ops/`` may import it, lazily, for sample mode.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN = {
    "programs": {
        "crawler",
        "search_api",
        "ops",
        "devtools",
        "scrapy",
        "twisted",
        "flask",
        "apiflask",
    },
    "search_api": {"crawler", "ops", "devtools", "scrapy", "twisted"},
    "crawler": {"search_api", "ops", "devtools", "flask", "apiflask"},
}


def imported_roots(source: str) -> set[tuple[int, str]]:
    """(line, top-level module) of every absolute import in ``source``."""
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {(node.lineno, alias.name.split(".")[0]) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add((node.lineno, node.module.split(".")[0]))
    return out


def violations(package: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for line, root in sorted(imported_roots(path.read_text(encoding="utf-8"))):
            if root in FORBIDDEN[package]:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {root}")
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_import_only_inwards(package):
    assert violations(package) == []


def test_the_check_sees_every_kind_of_import():
    source = (
        "import scrapy.http\n"
        "from flask import Flask\n"
        "def f():\n"
        "    from crawler.runner import run_crawls\n"
        "from . import sibling\n"
    )
    assert {root for _, root in imported_roots(source)} == {"scrapy", "flask", "crawler"}
