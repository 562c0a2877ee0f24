"""The repository stands on its own: its documents link only to files it has, and nothing points to
a design document or a directory outside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", ".git", "data", "logs", "test-artifacts", "build", "dist", "node_modules"}
OUTSIDE = re.compile(r"\bDESIGN\.md\b|/work/shared|\.\./shared")
MD_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def repo_files(*suffixes: str) -> list[Path]:
    return sorted(
        p
        for p in ROOT.rglob("*")
        if p.suffix in suffixes
        and p.is_file()
        and not SKIP & set(p.relative_to(ROOT).parts)
        and not any(part.endswith(".egg-info") for part in p.parts)
    )


@pytest.mark.parametrize("path", repo_files(".md"), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_in_documents_resolve(path):
    missing = [
        target
        for target in MD_LINK.findall(path.read_text(encoding="utf-8"))
        if "://" not in target
        and not target.startswith("mailto:")
        and not (path.parent / target).exists()
    ]
    assert missing == []


def test_nothing_points_outside_the_repository():
    this = Path(__file__).resolve()
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in repo_files(".md", ".py", ".toml", ".cfg", ".yml", ".html")
        if p.resolve() != this
        for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert found == []
