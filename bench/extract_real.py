"""Score the program-page extractor on saved real pages: ``python -m bench.extract_real DIR``.

``DIR`` holds one ``.txt`` file per page (the page's text; its first line is the title
as the page shows it). The hand labels are ``tests/fixtures/real_pages/labels.jsonl``
(one line per page: URL, date read, kind, whether it is a program page, and the facts
the page states; ``"not stated"`` where it says nothing). The pages themselves are
third parties' text and are kept outside the repository.

Each text page is scored as the extractor sees a page whose body is that text: it is
wrapped in minimal HTML (``<title>`` and ``<h1>`` from the first line, one ``<p>`` per
following line) and given to :func:`programs.extract.extract_page` with the page's URL.

Scoring, per field, over the labelled program pages:

* a program page that is not recognised counts every field wrong;
* a field labelled ``"not stated"`` is right only when the extractor asserts nothing;
  an asserted fact where the page states none counts as wrong;
* a label may be a list of acceptable answers (a page that offers a program both online
  and on campus may be read as ``online`` or ``hybrid``);
* lengths are right within 10% (at least half a month) or inside ``length_accept``;
  tuition within $1; certifications and accreditations as sets.

Recognition is the share of program pages recognised; the false-positive rate is the
share of non-program pages taken for one. ``--check`` exits 1 when a floor is missed.
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from programs.extract import extract_page  # noqa: E402

LABELS = ROOT / "tests" / "fixtures" / "real_pages" / "labels.jsonl"
NOT_STATED = "not stated"
FIELDS = ("credential", "length", "delivery", "tuition", "certifications", "accreditations")
REPORTED = ("name", "zip")
FLOORS = {
    "recognised": 0.95,
    "credential": 0.90,
    "delivery": 0.90,
    "certifications": 0.90,
    "length": 0.85,
    "tuition": 0.85,
}
MAX_FALSE_POSITIVE = 0.02


def page_html(text: str) -> str:
    """Minimal HTML for a saved text page: its first line as title and heading, a paragraph a line."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    title = lines[0] if lines else ""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    esc = html.escape(title)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{esc}</title></head>"
        f"<body><main><h1>{esc}</h1>\n{body}\n</main></body></html>"
    )


def _key(text: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _options(label: Any) -> list[Any]:
    return label if isinstance(label, list) else [label]


def _is_unstated(value: Any) -> bool:
    return value in (None, "", []) or value == NOT_STATED


def credential_right(label: Any, got: str | None) -> bool:
    return any((got is None) if _is_unstated(opt) else got == opt for opt in _options(label))


def delivery_right(label: Any, got: str | None) -> bool:
    return credential_right(label, got)


def tuition_right(label: Any, got: float | None) -> bool:
    for opt in _options(label):
        if _is_unstated(opt):
            if got is None:
                return True
        elif got is not None and abs(float(got) - float(opt)) <= 1.0:
            return True
    return False


def length_right(label: dict[str, Any], got: float | None) -> bool:
    accept = label.get("length_accept")
    if accept:
        if got is None:
            return NOT_STATED in accept
        numbers = [float(a) for a in accept if not isinstance(a, str)]
        if numbers and min(numbers) - 0.05 <= got <= max(numbers) + 0.05:
            return True
    expected = label.get("length_months")
    if _is_unstated(expected):
        return got is None
    if got is None:
        return False
    return abs(float(got) - float(expected)) <= max(0.5, 0.1 * float(expected))


def set_right(label: list[str], accept: list[list[str]] | None, got: list[str] | None) -> bool:
    options = accept or [label]
    return any(set(opt) == set(got or []) for opt in options)


def name_right(label: str, got: str | None) -> bool:
    a, b = _key(label), _key(got)
    return bool(a and b) and (
        a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.6
    )


def _best_program(label: dict[str, Any], programs: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not programs:
        return None
    return max(
        programs,
        key=lambda p: difflib.SequenceMatcher(
            None, _key(label["name"]), _key(p.get("name"))
        ).ratio(),
    )


@dataclass
class Score:
    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, ok: bool, why: str) -> None:
        self.total[name] += 1
        if ok:
            self.right[name] += 1
        else:
            self.misses[name].append(why)

    def rate(self, name: str) -> float:
        return self.right[name] / self.total[name] if self.total[name] else 0.0


def score_program(
    score: Score, file: str, label: dict[str, Any], got: dict[str, Any] | None, zip5: str | None
) -> None:
    g = got or {}
    score.add(
        "credential",
        got is not None and credential_right(label["credential"], g.get("credential")),
        f"{file}: credential {g.get('credential')!r}, label {label['credential']!r}",
    )
    score.add(
        "length",
        got is not None and length_right(label, g.get("length_months")),
        f"{file}: length {g.get('length_months')!r} ({g.get('length_text')!r}), label "
        f"{label['length_months']!r}",
    )
    score.add(
        "delivery",
        got is not None and delivery_right(label["delivery"], g.get("delivery")),
        f"{file}: delivery {g.get('delivery')!r} ({g.get('delivery_text')!r}), label {label['delivery']!r}",
    )
    score.add(
        "tuition",
        got is not None and tuition_right(label["tuition_usd"], g.get("tuition_usd")),
        f"{file}: tuition {g.get('tuition_usd')!r}, label {label['tuition_usd']!r}",
    )
    score.add(
        "certifications",
        got is not None
        and set_right(label["certifications"], label.get("certs_accept"), g.get("certifications")),
        f"{file}: certifications {g.get('certifications')!r}, label {label['certifications']!r}",
    )
    score.add(
        "accreditations",
        got is not None and set_right(label["accreditations"], None, g.get("accreditations")),
        f"{file}: accreditations {g.get('accreditations')!r}, label {label['accreditations']!r}",
    )
    score.add(
        "name",
        got is not None and name_right(label["name"], g.get("name")),
        f"{file}: name {g.get('name')!r}, label {label['name']!r}",
    )
    want_zip = label.get("zip")
    score.add(
        "zip",
        (zip5 is None) if _is_unstated(want_zip) else zip5 == want_zip,
        f"{file}: zip {zip5!r}, label {want_zip!r}",
    )


def evaluate(
    folder: Path, labels_path: Path = LABELS, held_out_only: bool = False
) -> tuple[Score, dict[str, Any]]:
    """Run the extractor on every labelled page found in ``folder`` and score it.

    ``held_out_only`` scores only the pages labelled ``"held_out": true`` (read after the
    extraction rules were written), a measurement the rules were not tuned on.
    """
    score = Score()
    counts: Counter = Counter()
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if held_out_only and not row.get("held_out"):
            continue
        path = folder / row["file"]
        if not path.exists():
            counts["missing"] += 1
            continue
        page = extract_page(page_html(path.read_text(encoding="utf-8")), row["url"])
        zip5 = (page.institution or {}).get("zip")
        if row["program_page"]:
            counts["program_pages"] += 1
            score.add("recognised", page.is_program_page, f"{row['file']}: not recognised")
            for label in row["programs"]:
                got = _best_program(label, page.programs) if page.is_program_page else None
                score_program(score, row["file"], label, got, zip5)
        else:
            counts["other_pages"] += 1
            score.add(
                "false_positive",
                not page.is_program_page,
                f"{row['file']}: taken for a program page "
                f"({[p.get('name') for p in page.programs]!r})",
            )
    return score, dict(counts)


def report(score: Score, counts: dict[str, Any], held_out_only: bool = False) -> str:
    which = "held-out real pages" if held_out_only else "real pages"
    rows = [
        f"Extraction on {which} ({date.today().isoformat()}): "
        f"{counts.get('program_pages', 0)} program pages, {counts.get('other_pages', 0)} other pages",
        "",
        "| field | right | of | share | floor |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in ("recognised", *FIELDS, *REPORTED):
        floor = FLOORS.get(name)
        rows.append(
            f"| {name} | {score.right[name]} | {score.total[name]} | {score.rate(name):.0%} | "
            f"{'≥ ' + format(floor, '.0%') if floor else '-'} |"
        )
    fp_total = score.total["false_positive"]
    fp = fp_total - score.right["false_positive"]
    rows.append(
        f"| non-program pages taken for one | {fp} | {fp_total} | "
        f"{(fp / fp_total if fp_total else 0):.0%} | ≤ {MAX_FALSE_POSITIVE:.0%} |"
    )
    return "\n".join(rows)


def floors_met(score: Score) -> bool:
    fp_total = score.total["false_positive"]
    fp_rate = (fp_total - score.right["false_positive"]) / fp_total if fp_total else 0.0
    return all(score.rate(k) >= v for k, v in FLOORS.items()) and fp_rate <= MAX_FALSE_POSITIVE


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="folder of saved text pages (one .txt per page)")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every wrong field")
    ap.add_argument("--check", action="store_true", help="exit 1 when a floor is not met")
    ap.add_argument(
        "--held-out",
        action="store_true",
        help='score only the pages labelled "held_out" (read after the rules were written)',
    )
    args = ap.parse_args(argv)
    score, counts = evaluate(args.folder, args.labels, args.held_out)
    print(report(score, counts, args.held_out))
    if counts.get("missing"):
        print(f"\n{counts['missing']} labelled pages are not in {args.folder}")
    if args.verbose:
        for name, misses in score.misses.items():
            for why in misses:
                print(f"  [{name}] {why}")
    if args.check and not floors_met(score):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
