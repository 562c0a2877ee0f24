"""``bench.extract_real --held-out`` scores only the pages labelled as read after the rules."""

from __future__ import annotations

import json
from pathlib import Path

from bench.extract_real import evaluate, main


def _label(file: str, program_page: bool, held_out: bool) -> dict:
    row: dict = {
        "file": file,
        "url": f"https://college.invalid/{file}",
        "read": "2026-11-26",
        "kind": "program_page" if program_page else "news",
        "language": "en",
        "program_page": program_page,
        "programs": [],
    }
    if held_out:
        row["held_out"] = True
    return row


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "n1.txt").write_text(
        "Campus news\nThe library opens late on Fridays.\n", encoding="utf-8"
    )
    (pages / "n2.txt").write_text("Alumni dinner\nTickets are on sale now.\n", encoding="utf-8")
    (pages / "n3.txt").write_text("Parking\nPermits renew in August.\n", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    rows = [
        _label("n1.txt", False, False),
        _label("n2.txt", False, True),
        _label("n3.txt", False, True),
    ]
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return pages, labels


def test_held_out_only_scores_the_held_out_pages(tmp_path: Path) -> None:
    pages, labels = _corpus(tmp_path)
    _, every = evaluate(pages, labels)
    _, held = evaluate(pages, labels, held_out_only=True)
    assert every["other_pages"] == 3
    assert held["other_pages"] == 2


def test_held_out_flag_names_the_set_in_the_report(tmp_path: Path, capsys) -> None:
    pages, labels = _corpus(tmp_path)
    assert main([str(pages), "--labels", str(labels), "--held-out"]) == 0
    out = capsys.readouterr().out
    assert "held-out real pages" in out
    assert "0 program pages, 2 other pages" in out
