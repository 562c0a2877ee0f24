"""Merging what several sources say about one listing, field by field.

Each source's contribution is kept whole in the listing's ``sources`` entry
(``SourceRef.fields``: flat ``"program.length_months"``-style paths). The merged
listing is recomputed from the contributions every time one changes, so a value
a source stops giving falls back to the next source instead of lingering.

Precedence (first source with a non-empty value wins; lists are unioned):

* location, address, name, UNITID, institution URL: ipeds, scorecard, program_pages
* CIP and award level: ipeds, program_pages, scorecard
* program name, length, hours, cost, description, program URL, delivery:
  program_pages (the school's own page), ipeds, scorecard
* earnings and debt: scorecard, ipeds; completions: ipeds, scorecard
* certifications and accreditations: the union over all sources
* the length (minimum, maximum, basis, summary): by :mod:`programs.length`'s rule
  (stated by the school > stated by IPEDS > estimated from hours > the award level's span)

``provenance`` maps each merged field to the source its value came from.
Removed contributions (a complete run of that source no longer saw the listing)
are ignored while any active contribution remains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields as dc_fields
from typing import Any

from .length import BASIS_SCHOOL, DEFAULT_BASIS, StatedLength, resolve_length
from .model import STATUS_ACTIVE, STATUS_REMOVED, Institution, Listing, Outcomes, Program, SourceRef

INSTITUTION_ORDER = ("ipeds", "scorecard", "program_pages")
CLASSIFICATION_ORDER = ("ipeds", "program_pages", "scorecard")
PROGRAM_PAGE_ORDER = ("program_pages", "ipeds", "scorecard")
OUTCOME_ORDER = ("scorecard", "ipeds", "program_pages")
COMPLETIONS_ORDER = ("ipeds", "scorecard", "program_pages")
UNION_FIELDS = frozenset({"program.certifications", "program.accreditations"})

PRECEDENCE: dict[str, tuple[str, ...]] = {}
for _name in (f.name for f in dc_fields(Institution)):
    PRECEDENCE[f"institution.{_name}"] = INSTITUTION_ORDER
for _name in (f.name for f in dc_fields(Program)):
    PRECEDENCE[f"program.{_name}"] = PROGRAM_PAGE_ORDER
for _name in ("cip", "award_level", "award_level_label"):
    PRECEDENCE[f"program.{_name}"] = CLASSIFICATION_ORDER
for _name in (f.name for f in dc_fields(Outcomes)):
    PRECEDENCE[f"outcomes.{_name}"] = OUTCOME_ORDER
PRECEDENCE["outcomes.completions"] = COMPLETIONS_ORDER
# the credential class is part of the id: every contribution agrees on it
PRECEDENCE["program.credential"] = CLASSIFICATION_ORDER
# institution coordinates must come as a pair from one source
_PAIRED = ("institution.lat", "institution.lon")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


#: (section, ((field, "section.field"), ...)) for flatten and build (dataclasses.fields is slow per call)
_SECTION_PATHS = tuple(
    (section, tuple((f.name, f"{section}.{f.name}") for f in dc_fields(cls)))
    for section, cls in (("institution", Institution), ("program", Program), ("outcomes", Outcomes))
)
_SPLIT = {path: (section, name) for section, paths in _SECTION_PATHS for name, path in paths}


def flatten(listing: Listing) -> dict[str, Any]:
    """The non-empty fields of a listing as ``"section.field": value``."""
    out: dict[str, Any] = {}
    for section, paths in _SECTION_PATHS:
        obj = getattr(listing, section)
        for name, path in paths:
            value = getattr(obj, name)
            if not _empty(value):
                out[path] = list(value) if isinstance(value, list) else value
    if ("institution.lat" in out) != ("institution.lon" in out):
        out.pop("institution.lat", None)
        out.pop("institution.lon", None)
    return out


def _rank(order: tuple[str, ...], source: str) -> int:
    return order.index(source) if source in order else len(order)


_PATHS_BY_ORDER: dict[tuple[str, ...], list[str]] = {}
for _path, _order in PRECEDENCE.items():
    _PATHS_BY_ORDER.setdefault(_order, []).append(_path)


def _merge_values(live: list[SourceRef]) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    if len(live) == 1:  # the common case: one source, nothing to rank
        ref = live[0]
        for path, value in ref.fields.items():
            if path in PRECEDENCE and path not in _PAIRED and not _empty(value):
                values[path] = sorted(dict.fromkeys(value)) if path in UNION_FIELDS else value
                provenance[path] = ref.source
    else:
        for order, paths in _PATHS_BY_ORDER.items():
            ranked = sorted(live, key=lambda r: _rank(order, r.source))
            for path in paths:
                if path in _PAIRED:
                    continue
                if path in UNION_FIELDS:
                    union: dict[str, None] = {}
                    for ref in ranked:
                        union.update(dict.fromkeys(ref.fields.get(path) or []))
                    if union:
                        values[path] = sorted(union)
                        provenance[path] = "+".join(r.source for r in ranked if r.fields.get(path))
                    continue
                for ref in ranked:
                    value = ref.fields.get(path)
                    if not _empty(value):
                        values[path] = value
                        provenance[path] = ref.source
                        break
    for ref in sorted(live, key=lambda r: _rank(INSTITUTION_ORDER, r.source)):
        if (
            ref.fields.get("institution.lat") is not None
            and ref.fields.get("institution.lon") is not None
        ):
            values["institution.lat"] = ref.fields["institution.lat"]
            values["institution.lon"] = ref.fields["institution.lon"]
            provenance["institution.location"] = ref.source
            break
    _apply_length(live, values, provenance)
    return values, provenance


_LENGTH_PATHS = tuple(
    f"program.{n}"
    for n in ("length_months", "length_min_months", "length_text", "length_basis", "length_summary")
)


def _apply_length(
    live: list[SourceRef], values: dict[str, Any], provenance: dict[str, str]
) -> None:
    stated = []
    for ref in live:
        months = ref.fields.get("program.length_months")
        if months is None:
            continue
        stated.append(
            StatedLength(
                source=ref.source,
                basis=ref.fields.get("program.length_basis")
                or DEFAULT_BASIS.get(ref.source, BASIS_SCHOOL),
                max_months=months,
                min_months=ref.fields.get("program.length_min_months"),
                text=ref.fields.get("program.length_text"),
            )
        )
    clock = values.get("program.clock_hours")
    resolved = resolve_length(
        stated,
        credit_hours=values.get("program.credit_hours"),
        clock_hours=clock,
        hours_source=provenance.get("program.clock_hours" if clock else "program.credit_hours"),
        award_level=values.get("program.award_level"),
        award_level_source=provenance.get("program.award_level"),
        source_order=PROGRAM_PAGE_ORDER,
    )
    if resolved.basis is None:
        # nothing to measure: keep only a length text a source wrote ("self-paced")
        for path in _LENGTH_PATHS:
            if path != "program.length_text":
                values.pop(path, None)
                provenance.pop(path, None)
        return
    for path in _LENGTH_PATHS:
        values.pop(path, None)
        provenance.pop(path, None)
    for path, value in zip(
        _LENGTH_PATHS,
        (
            resolved.max_months,
            resolved.min_months,
            resolved.text,
            resolved.basis,
            resolved.summary,
        ),
        strict=True,
    ):
        if value is not None:
            values[path] = value
    if resolved.source:
        provenance["program.length_months"] = resolved.source


def build(listing_id: str, refs: Iterable[SourceRef]) -> Listing:
    """The merged listing for the given source contributions."""
    refs = sorted(refs, key=lambda r: _rank(INSTITUTION_ORDER, r.source))
    live = [r for r in refs if r.status == STATUS_ACTIVE] or refs
    values, provenance = _merge_values(live)
    sections: dict[str, dict[str, Any]] = {
        "institution": {"name": ""},
        "program": {"name": ""},
        "outcomes": {},
    }
    for path, value in values.items():
        section, name = _SPLIT[path]
        sections[section][name] = value
    firsts = [first for r in refs if (first := r.first_seen or r.fetched_at)]
    seen = [r.fetched_at for r in live if r.fetched_at] or [
        r.fetched_at for r in refs if r.fetched_at
    ]
    return Listing(
        id=listing_id,
        institution=Institution(**sections["institution"]),
        program=Program(**sections["program"]),
        outcomes=Outcomes(**sections["outcomes"]),
        sources=refs,
        provenance=provenance,
        first_seen=min(firsts) if firsts else None,
        last_seen=max(seen) if seen else None,
        status=STATUS_ACTIVE if any(r.status == STATUS_ACTIVE for r in refs) else STATUS_REMOVED,
    )


def contribute(existing: Listing | None, incoming: Listing, ref: SourceRef) -> Listing:
    """``existing`` with ``ref``'s contribution (the fields of ``incoming``) replaced or added."""
    new_ref = SourceRef(
        source=ref.source,
        url=ref.url,
        fetched_at=ref.fetched_at,
        run_id=ref.run_id,
        status=STATUS_ACTIVE,
        fields=flatten(incoming),
        first_seen=ref.fetched_at,
        vintage=ref.vintage,
    )
    refs: list[SourceRef] = []
    if existing is not None:
        for old in existing.sources:
            if old.source == ref.source:
                new_ref.first_seen = old.first_seen or old.fetched_at or new_ref.first_seen
            else:
                refs.append(old)
    refs.append(new_ref)
    return build(incoming.id, refs)


def withdraw(existing: Listing, source: str, removed_at: str) -> Listing:
    """``existing`` after a complete run of ``source`` did not see it."""
    refs = []
    for old in existing.sources:
        if old.source == source and old.status == STATUS_ACTIVE:
            old = SourceRef(**{**old.__dict__, "status": STATUS_REMOVED, "removed_at": removed_at})
        refs.append(old)
    return build(existing.id, refs)


def same_content(a: Listing, b: Listing) -> bool:
    """True when two listings differ at most in bookkeeping (times, run ids)."""

    def sources(listing: Listing) -> list[tuple]:
        return [(r.source, r.url, r.status, r.fields, r.vintage) for r in listing.sources]

    return (
        a.institution == b.institution
        and a.program == b.program
        and a.outcomes == b.outcomes
        and a.status == b.status
        and a.provenance == b.provenance
        and sources(a) == sources(b)
    )
