"""``extract_page``: one program page in, the programs it describes out.

Pure: no Scrapy, no I/O. The page is parsed once with lxml. JSON-LD
``EducationalOccupationalProgram`` comes first (only parsed when the page contains
"application/ld+json"); the text rules (:mod:`.rules`) fill what the markup lacks, and
describe the programs of pages without markup. A page is a program page when it
describes at least one in-scope program (CIP from the markup, else guessed from the
program's name); news, events and athletics pages never are (unless their markup
declares a program).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..normalize import (
    clean_institution_name,
    in_scope,
    normalize_state,
    normalize_url,
    normalize_zip5,
)
from . import dom, jsonld, rules
from .address import find_address, name_line_before
from .glossary import looks_spanish, to_english

METHODS = ("jsonld", "text", "none")
_NEWS_SEGMENTS = frozenset(
    "news blog blogs events event calendar athletics sports stories story press newsroom press-releases articles "
    "article magazine podcast podcasts alumni".split()
)
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014\u00b7:-]{1,2}\s+|\s+::\s+")
_TITLE_NOISE = re.compile(
    r"^(?:home|acalog acms\S*|catalog|program|programs|\d{4}\s*-\s*\d{4}.*catalog)$", re.I
)
_PROGRAM_PREFIX = re.compile(r"^(?:program|programme|degree|certificate)\s*:\s*", re.I)


@dataclass
class PageExtraction:
    """What one page says: its programs (raw program dicts with the listing keys) and its school."""

    url: str
    title: str | None = None
    is_program_page: bool = False
    method: str = "none"
    programs: list[dict[str, Any]] = field(default_factory=list)
    institution: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _site_name(parts: dom.PageParts, jsonld_inst: dict[str, Any]) -> str | None:
    for cand in (
        jsonld_inst.get("name"),
        *(parts.copyright_names[:1]),
        parts.meta.get("og:site_name"),
        parts.meta.get("application-name"),
    ):
        if cand and isinstance(cand, str):
            return clean_institution_name(cand)
    return None


def _same(a: str, b: str) -> bool:
    ka, kb = rules._name_key(a), rules._name_key(b)
    return bool(ka) and bool(kb) and (ka == kb or ka in kb or kb in ka)


def clean_title(title: str, site: str | None) -> str | None:
    """The program part of a page title: site names and catalog noise dropped."""
    if not title:
        return None
    pieces = [p.strip() for p in _TITLE_SPLIT.split(title) if p.strip()]
    kept = [p for p in pieces if not _TITLE_NOISE.match(p) and not (site and _same(p, site))]
    if not kept:
        return None
    if len(kept) > 1 and not site:
        # without a known site name, the piece that names a program wins
        named = [p for p in kept if rules.in_scope_name(p) or rules.strong_credential(p)]
        kept = named or kept
    return _PROGRAM_PREFIX.sub("", kept[0]).strip() or None


def _page_name(parts: dom.PageParts, site: str | None) -> tuple[str | None, str | None]:
    """(name from the page's h1 or legacy heading, name from the title)."""
    title_name = clean_title(parts.title, site)
    heading = None
    for b in parts.blocks:
        if b.level == 1 and not b.pseudo:
            heading = b.text
            break
    if heading is None:
        pseudo = [b.text for b in parts.blocks if b.pseudo and not (site and _same(b.text, site))]
        programish = [t for t in pseudo if rules.in_scope_name(t) or rules.strong_credential(t)]
        if programish:
            heading = programish[0]
        elif pseudo and not (title_name and rules.in_scope_name(title_name)):
            heading = pseudo[0]
    if heading is not None:
        heading = _PROGRAM_PREFIX.sub("", " ".join(heading.split()))
    return heading or title_name, title_name


def _is_news(url: str, parts: dom.PageParts) -> bool:
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        path = ""
    segments = {s for s in re.split(r"[/.]", path) if s}
    if segments & _NEWS_SEGMENTS:
        return True
    return (
        parts.meta.get("og:type", "").lower() == "article"
        and "article:published_time" in parts.meta
    )


def _institution(
    parts: dom.PageParts, jsonld_inst: dict[str, Any], site: str | None
) -> dict[str, Any]:
    inst: dict[str, Any] = {"name": None, "address": None, "city": None, "state": None, "zip": None}
    found = None
    source_text = None
    if any(jsonld_inst.get(k) for k in ("address", "city", "zip")):
        found = {k: jsonld_inst.get(k) for k in ("address", "city", "state", "zip")}
    elif jsonld_inst.get("text"):
        found = find_address(jsonld_inst["text"])
    if found is None:
        for text in parts.iter_address_texts():
            found = find_address(text)
            if found:
                source_text = text
                break
    if found is None:
        found = find_address(parts.body_text)
        source_text = parts.body_text if found else None
    if found:
        inst["address"] = found.get("address")
        inst["city"] = found.get("city")
        inst["state"] = normalize_state(found.get("state")) if found.get("state") else None
        inst["zip"] = normalize_zip5(found.get("zip")) if found.get("zip") else None
    name = site
    if not name and found and source_text:
        name = name_line_before(source_text, found.get("address"))
    if not name and parts.meta.get("x-logo"):
        name = clean_institution_name(parts.meta["x-logo"])
    inst["name"] = name or None
    return inst


def _similar(a: str | None, b: str | None) -> float:
    ta = set(rules._name_key(to_english(a or "")).split())
    tb = set(rules._name_key(to_english(b or "")).split())
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


_MERGE_KEYS = (
    "name",
    "credential",
    "credential_text",
    "cip",
    "length_months",
    "length_min_months",
    "length_text",
    "credit_hours",
    "clock_hours",
    "hours_text",
    "delivery",
    "delivery_text",
    "tuition_usd",
    "tuition_text",
    "url",
    "description",
)


def _merge(markup: dict[str, Any], text: dict[str, Any]) -> dict[str, Any]:
    """Markup values win; the text fills what the markup lacks; exam and accreditation lists are joined."""
    out = dict(markup)
    for key in _MERGE_KEYS:
        if out.get(key) in (None, "", []) and text.get(key) not in (None, "", []):
            out[key] = text[key]
    if out.get("length_months") is not None and markup.get("length_months") is not None:
        out["length_min_months"] = markup.get("length_min_months", markup["length_months"])
        out["length_text"] = markup.get("length_text")
    out["certifications"] = sorted(
        set(markup.get("certifications") or []) | set(text.get("certifications") or [])
    )
    out["accreditations"] = sorted(
        set(markup.get("accreditations") or []) | set(text.get("accreditations") or [])
    )
    return out


def _program_in_scope(raw: dict[str, Any]) -> bool:
    if raw.get("cip"):
        return in_scope(raw["cip"])
    return rules.in_scope_name(raw.get("name"))


def _describes(raw: dict[str, Any]) -> bool:
    return any(
        raw.get(k) not in (None, "", [])
        for k in (
            "length_months",
            "credit_hours",
            "clock_hours",
            "tuition_usd",
            "delivery",
            "certifications",
            "accreditations",
            "cip",
        )
    )


def _finish(raw: dict[str, Any], page_url: str) -> dict[str, Any]:
    keys = (
        "name",
        "credential",
        "credential_text",
        "cip",
        "length_months",
        "length_min_months",
        "length_text",
        "credit_hours",
        "clock_hours",
        "hours_text",
        "delivery",
        "delivery_text",
        "tuition_usd",
        "tuition_text",
        "certifications",
        "accreditations",
        "url",
        "description",
    )
    out = {k: raw.get(k) for k in keys}
    out["certifications"] = sorted(set(out["certifications"] or []))
    out["accreditations"] = sorted(set(out["accreditations"] or []))
    out["url"] = normalize_url(out["url"]) or normalize_url(page_url) or page_url
    if out["name"]:
        out["name"] = " ".join(str(out["name"]).split())
    out["source"] = raw.get("source", "text")
    return out


def extract_page(body: bytes | str, url: str, *, encoding: str | None = None) -> PageExtraction:
    """Extract the programs and the school's address that one HTML page states.

    ``body`` is the page (bytes in the declared or detected encoding, or text), ``url`` its
    address (used for the program URL and to recognise news pages). Never raises on odd
    input: an empty or unparsable body gives a non-program page.
    """
    result = PageExtraction(url=url)
    tree = dom.parse_document(body, encoding)
    if tree is None:
        return result
    try:
        return _extract(tree, body, url, result)
    except RecursionError:  # pragma: no cover - absurdly nested markup
        return result


def _has_jsonld(body: bytes | str) -> bool:
    if isinstance(body, str):
        return "application/ld+json" in body
    return b"application/ld+json" in bytes(body[: dom.MAX_BODY])


def _extract(tree, body: bytes | str, url: str, result: PageExtraction) -> PageExtraction:  # noqa: C901
    parts = dom.page_parts(tree)
    result.title = parts.title or None

    markup_programs: list[dict[str, Any]] = []
    jsonld_inst: dict[str, Any] = {}
    if parts.jsonld_nodes and _has_jsonld(body):
        items = jsonld.load_items(parts.jsonld_nodes)
        markup_programs, jsonld_inst = jsonld.programs_from_items(items, url)

    site = _site_name(parts, jsonld_inst)
    result.institution = _institution(parts, jsonld_inst, site)
    site = site or result.institution.get("name")
    page_name, title_name = _page_name(parts, site)
    spanish = looks_spanish(" ".join(b.text for b in parts.blocks[:40]))
    news = _is_news(url, parts)

    text_programs: list[dict[str, Any]] = []
    if not news or markup_programs:
        layout = rules.split_sections(parts.blocks, parts.facts, page_name)
        page_level = None
        if layout.multi:
            page_text = rules.section_text(layout.page_blocks, spanish)
            page_level = rules.PageLevel(page_text, layout.page_facts, layout.page_blocks)
        for section in layout.sections:
            raw = rules.program_from_section(
                section,
                spanish=spanish,
                page=page_level,
                page_url=url,
                title_name=title_name if not layout.multi else None,
            )
            text_programs.append(raw)
        if page_level is not None:
            rules.apply_page_level(text_programs, page_level.text)

    programs: list[dict[str, Any]] = []
    used_text: set[int] = set()
    for markup in markup_programs:
        match = None
        if len(markup_programs) == 1 and len(text_programs) == 1:
            match = 0
        else:
            scored = [
                (_similar(markup.get("name"), t.get("name")), k)
                for k, t in enumerate(text_programs)
                if k not in used_text
            ]
            scored = [s for s in scored if s[0] >= 0.5]
            if scored:
                match = max(scored)[1]
        if match is not None:
            used_text.add(match)
            text = text_programs[match]
            merged = _merge(markup, text)
            if merged.get("credential") is None:
                merged["credential"] = text.get("credential")
            programs.append(merged)
        else:
            programs.append(markup)
    for k, raw in enumerate(text_programs):
        if k in used_text:
            continue
        if markup_programs and not raw.get("name"):
            continue
        programs.append(raw)

    kept: list[dict[str, Any]] = []
    for raw in programs:
        if not raw.get("name") or not _program_in_scope(raw):
            continue
        if raw.get("source") != "jsonld" and not _describes(raw):
            continue  # a name and nothing else ("information is being updated") describes no program
        if raw.get("credential") is None:
            if raw.get("require_credential"):
                continue
            if raw.get("source") == "jsonld" or rules.has_program_facts(raw):
                raw["credential"] = (
                    "certificate"  # a program that names no degree is a certificate-level award
                )
                raw["credential_text"] = raw.get("credential_text") or raw.get("name")
            else:
                continue
        kept.append(_finish(raw, url))

    result.programs = kept
    result.is_program_page = bool(kept)
    if any(p["source"] == "jsonld" for p in kept):
        result.method = "jsonld"
    elif kept:
        result.method = "text"
    return result
