"""Extraction accuracy over the labelled sample program pages.

Walks every ``X.expected.json`` under tests/fixtures/sources/sites, runs
:func:`programs.extract.extract_page` on the page beside it with the labelled URL,
matches extracted programs to labelled ones (credential + name similarity) and scores
every labelled field:

* numbers are right within 0.05 months / $1 / 0.5 hours; lists are compared as sets;
  a labelled ``null`` is right only when the extractor gives ``None`` too;
* the name is right when it is close to the labelled name or one of its aliases;
* a labelled program that was not extracted counts all its labelled fields wrong;
  extracted programs that match no label are reported;
* institution fields (name, address, city, state, zip) are scored where the page is
  labelled with an institution.

Prints a per-field table (run ``pytest -s`` to see it), writes it to
test-artifacts/extraction_accuracy.txt, and fails below 90% of labelled fields right.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

from programs.extract import extract_page
from programs.normalize import normalize_institution_name

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "fixtures" / "sources" / "sites"
ARTIFACT = ROOT / "test-artifacts" / "extraction_accuracy.txt"
THRESHOLD = 1.0  # issue 12: the sample sites stay at 100% on their labelled pages

PROGRAM_FIELDS = (
    "name",
    "credential",
    "length_months",
    "credit_hours",
    "clock_hours",
    "delivery",
    "tuition_usd",
    "certifications",
    "accreditations",
    "cip",
)
INSTITUTION_FIELDS = ("name", "address", "city", "state", "zip")
TOLERANCE = {"length_months": 0.05, "tuition_usd": 1.0, "credit_hours": 0.5, "clock_hours": 0.5}


def _labelled_pages() -> list[tuple[Path, Path]]:
    pages = []
    for expected in sorted(SITES.rglob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        for ext in (".html", ".htm"):
            page = expected.with_name(stem + ext)
            if page.exists():
                pages.append((expected, page))
                break
    return pages


def _key(text: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def name_similarity(label: dict, name: str | None) -> float:
    names = [label.get("name")] + list(label.get("aliases") or [])
    got = _key(name)
    if not got:
        return 0.0
    return max(difflib.SequenceMatcher(None, _key(n), got).ratio() for n in names if n)


def field_right(field: str, expected, got) -> bool:
    if expected is None:
        return got in (None, [], "")
    if isinstance(expected, list):
        return isinstance(got, list) and set(expected) == set(got)
    if field in TOLERANCE:
        try:
            return got is not None and abs(float(got) - float(expected)) <= TOLERANCE[field] + 1e-9
        except (TypeError, ValueError):
            return False
    return got == expected


def _match(labels: list[dict], got: list[dict]) -> dict[int, int]:
    pairs = []
    for i, label in enumerate(labels):
        for j, program in enumerate(got):
            sim = name_similarity(label, program.get("name"))
            same_cred = label.get("credential") == program.get("credential")
            if sim >= 0.35 or (same_cred and sim >= 0.2):
                pairs.append((sim + (0.5 if same_cred else 0.0), i, j))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _score, i, j in sorted(pairs, reverse=True):
        if i in matched or j in used:
            continue
        matched[i] = j
        used.add(j)
    return matched


def score_all() -> tuple[dict[str, list[int]], list[str], list[str]]:  # noqa: C901
    """Per-field [right, total], the list of wrong fields, and the extra programs."""
    table: dict[str, list[int]] = {f: [0, 0] for f in PROGRAM_FIELDS}
    table.update({f"institution.{f}": [0, 0] for f in INSTITUTION_FIELDS})
    wrong: list[str] = []
    extra: list[str] = []
    for expected_path, page in _labelled_pages():
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        result = extract_page(page.read_bytes(), expected["url"])
        rel = str(page.relative_to(SITES))
        labels = expected.get("programs") or []
        matched = _match(labels, result.programs)
        for i, label in enumerate(labels):
            program = result.programs[matched[i]] if i in matched else None
            for field in PROGRAM_FIELDS:
                if field not in label:
                    continue
                table[field][1] += 1
                if program is None:
                    wrong.append(f"{rel}: {label.get('name')!r} not extracted ({field})")
                    continue
                if field == "name":
                    ok = name_similarity(label, program.get("name")) >= 0.8
                else:
                    ok = field_right(field, label[field], program.get(field))
                if ok:
                    table[field][0] += 1
                else:
                    wrong.append(
                        f"{rel}: {label.get('name')!r} {field}: expected {label[field]!r}, "
                        f"got {program.get(field)!r}"
                    )
        for j, program in enumerate(result.programs):
            if j not in matched.values():
                extra.append(
                    f"{rel}: extra program {program.get('name')!r} ({program.get('credential')})"
                )
        inst_label = expected.get("institution")
        if isinstance(inst_label, dict):
            for field in INSTITUTION_FIELDS:
                if field not in inst_label:
                    continue
                key = f"institution.{field}"
                table[key][1] += 1
                got = (result.institution or {}).get(field)
                exp = inst_label[field]
                if field == "name":
                    ok = normalize_institution_name(exp) == normalize_institution_name(got)
                elif field == "address" and exp is not None:
                    ok = _key(exp) == _key(got)
                else:
                    ok = field_right(field, exp, got)
                if ok:
                    table[key][0] += 1
                else:
                    wrong.append(f"{rel}: {key}: expected {exp!r}, got {got!r}")
    return table, wrong, extra


def format_table(
    table: dict[str, list[int]], wrong: list[str], extra: list[str]
) -> tuple[str, float]:
    lines = [f"{'field':<26}{'right':>7}{'total':>7}{'%':>8}"]
    right = total = 0
    for field, (r, t) in table.items():
        if not t:
            continue
        right += r
        total += t
        lines.append(f"{field:<26}{r:>7}{t:>7}{100.0 * r / t:>7.1f}%")
    overall = right / total if total else 0.0
    lines.append(f"{'OVERALL':<26}{right:>7}{total:>7}{100.0 * overall:>7.1f}%")
    pages = len(_labelled_pages())
    lines.append(f"({pages} labelled pages)")
    if wrong:
        lines.append("")
        lines.append(f"wrong fields ({len(wrong)}):")
        lines.extend("  " + w for w in wrong)
    if extra:
        lines.append("")
        lines.append(f"extra programs ({len(extra)}):")
        lines.extend("  " + e for e in extra)
    return "\n".join(lines), overall


def test_extraction_accuracy() -> None:
    if not _labelled_pages():
        pytest.skip("no labelled sample pages under tests/fixtures/sources/sites")
    table, wrong, extra = score_all()
    report, overall = format_table(table, wrong, extra)
    print("\nExtraction accuracy over the labelled sample pages\n" + report)
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(report + "\n", encoding="utf-8")
    assert overall >= THRESHOLD, (
        f"extraction accuracy {overall:.1%} is below {THRESHOLD:.0%}\n{report}"
    )


def test_no_unlabelled_sample_page_is_taken_for_a_program_page() -> None:
    """No page without a label (home, news, athletics, nursing, medical assisting, diesel, listings) is taken for a program page."""
    labelled = {page for _e, page in _labelled_pages()}
    pages = [
        p for p in SITES.rglob("*.htm*") if p not in labelled and p.suffix in (".html", ".htm")
    ]
    if not pages:
        pytest.skip("no sample pages")
    flagged = []
    for page in pages:
        url = "https://" + str(page.relative_to(SITES)).replace("@", "?")
        result = extract_page(page.read_bytes(), url)
        if result.is_program_page:
            flagged.append(f"{page.relative_to(SITES)}: {[p['name'] for p in result.programs]}")
    print(f"\n{len(flagged)} of {len(pages)} unlabelled pages taken for program pages")
    for line in flagged:
        print("  " + line)
    assert not flagged, "\n".join(flagged)
