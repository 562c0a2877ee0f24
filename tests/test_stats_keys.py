"""A crawl stats key is spelt only in crawler/stats_keys.py: everywhere else in crawler/ names it.

A key spelt twice can drift (one component counts under one spelling, the run recorder or a test
reads another, and the count reads 0 without an error), so this reads every string in crawler/'s
source, f-string parts included, and fails on one that starts like a project stats key.
"""

from __future__ import annotations

import ast
from pathlib import Path

from crawler import stats_keys

CRAWLER = Path(__file__).resolve().parents[1] / "crawler"
KEY_PREFIX = "programs/"


def key_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant that starts like a stats key."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith(KEY_PREFIX)
    ]


def test_no_stats_key_is_spelt_in_crawler_outside_stats_keys():
    found = []
    for path in sorted(CRAWLER.rglob("*.py")):
        if path.name == "stats_keys.py":
            continue
        for line, text in key_literals(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(CRAWLER.parent)}:{line}: {text!r}")
    assert not found, "name these in crawler/stats_keys.py:\n" + "\n".join(found)


def test_the_check_sees_plain_strings_and_f_string_parts_but_not_names():
    source = (
        'a = "programs/ipeds/fictional_count"\n'
        'b = f"programs/dropped/{reason}"\n'
        "c = sk.ITEMS_NEW\n"
        'd = "response_received_count"\n'
    )
    assert [line for line, _ in key_literals(source)] == [1, 2]


def test_stats_keys_holds_project_keys_each_once():
    keys = [
        value
        for name, value in vars(stats_keys).items()
        if name.isupper() and isinstance(value, str) and value.startswith(KEY_PREFIX)
    ]
    assert len(keys) == len(set(keys)) and len(keys) > 20
