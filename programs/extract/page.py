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
# Words that name the kind of page, not the program ("Health Information Technology FAQ").
_PAGE_KIND_WORDS = re.compile(
    r"\s*(?:\b(?:frequently\s+asked\s+questions|faqs?|program\s+(?:information|details|overview|handbook)"
    r"|handbook|fact\s+sheet)\b|\(MCC\)\s*)\s*",
    re.I,
)
# Titles of pages that describe a program without naming it ("Program Details", "Enrollment
# Agreement"): the name is then looked for in the body, then in the address.
_GENERIC_PROGRAM_TITLE = re.compile(
    r"^(?:(?:student\s+)?enrol+ment\s+agreement|program\s+(?:pathways?|details|information|overview)"
    r"|program\s+of\s+study|overview|details|about\s+the\s+program|curriculum)$",
    re.I,
)
_ABBREVIATIONS = {
    "him": "Health Information Management",
    "hit": "Health Information Technology",
    "himt": "Health Information Management Technology",
    "hia": "Health Information Administration",
}
# Articles, guides and rankings about programs in general are not a school's program page.
_ARTICLE_TITLE = re.compile(
    r"^\s*(?:\u00bf|how\b|why\b|what\b|when\b|where\b|which\b|who\b|do\b|does\b|can\b|should\b|is\b|are\b"
    r"|understanding\b|explaining\b|a\s+guide\b|the\s+complete\s+guide\b|guide\b|best\b|top\s+\d|requirements\s+for\b"
    r"|length\s+of\b|curriculum\s+(?:of|for)\b|classes\s+to\b|become\b|becoming\b|choosing\b|your\b|everything\b"
    r"|credit\s+requirements\b|c[o\u00f3]mo\b|qu[e\u00e9]\b|eligibility\s+for\b|an\s+overview\b)"
    r"|\?\s*$|\b(?:guide|explained|timeline|tips|versus|vs\.?|in\s+20\d\d|certifications?(?!\s+program))\b"
    r"|\b(?:pros\s+and\s+cons|launch(?:es|ed)|announces|unveils|celebrates)\b"
    r"|\b(?:colleges|schools|universities)\s+(?:that|with|offering|in|near|for)\b"
    r"|^\s*(?:certified|registered)\b(?!.*\b(?:prep|course|program|training|bootcamp|class|review|certificate)\b)",
    re.I,
)
_ARTICLE_VOICE = re.compile(
    r"\bin\s+this\s+(?:guide|article|post|blog)\b|\bthis\s+(?:guide|article|post)\s+(?:will|is|explains)\b"
    r"|\bposted\s+by\b|\bwritten\s+by\b|\bkey\s+takeaways\b|\bread\s+on\b|\blet['\u2019]s\b"
    r"|\bmy\s+(?:cousin|nephew|niece|friend|sister|brother|uncle|aunt)\b"
    r"|\b(?:several|many|some|other|these)\s+(?:[\w-]+\s+){0,3}(?:colleges|schools|universities)"
    r"\s+(?:offer|provide|have)\b",
    re.I,
)
# "I" as a pronoun: before a lower-case word, not the numeral of "Domain I." or "Level I"
_FIRST_PERSON = re.compile(r"\b(?:I(?=\s+[a-z])|I'm|I've|I'd|my|me)\b")
_BODY_NAME = re.compile(
    r"(?:[A-Z][\w'\u2019/&-]*|of|and|in|&)(?:\s+(?:[A-Z][\w'\u2019/&-]*|of|and|in|&))*"
)
_NAME_NOISE = re.compile(
    r"^(?:the|a|an|our|department\s+of|school\s+of|division\s+of|program\s+in|of|and|in|name)\s+",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"\b(?:association|academy|commission|council|bureau|american|national|accredit\w*|certified|registered"
    r"|school|college|university|institute|inc|llc|management\s+education|guides?|icd|cpt)\b",
    re.I,
)


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
    return program_words(_PROGRAM_PREFIX.sub("", kept[0]).strip()) or None


def program_words(name: str | None) -> str | None:
    """A name without the words that name the kind of page ("Health Information Technology FAQ"
    -> "Health Information Technology"), with a bare abbreviation spelled out ("HIM")."""
    if not name:
        return name
    stripped = _PAGE_KIND_WORDS.sub(" ", name).strip(" -:\u2013\u2014|")
    stripped = " ".join(stripped.split()) or name
    return _ABBREVIATIONS.get(stripped.lower(), stripped)


def looks_like_article(title: str | None, text: str) -> bool:
    """A guide, ranking, blog post or question page about programs in general (its title asks a
    question or promises a guide, or its text speaks in the first person or as an article)."""
    if title and _ARTICLE_TITLE.search(title):
        return True
    if _ARTICLE_VOICE.search(text):
        return True
    statements = "\n".join(line for line in text.split("\n") if not line.rstrip().endswith("?"))
    return (
        len(_FIRST_PERSON.findall(statements)) >= 3
    )  # an FAQ's questions ("May I apply?") do not count


def name_in_body(blocks: list[dom.Block], limit: int = 25) -> str | None:
    """The first in-scope program name written in the first blocks ("The Department of Health
    Information Administration offers ..." -> "Health Information Administration")."""
    for b in blocks[:limit]:
        for m in _BODY_NAME.finditer(b.text):
            candidate = m.group(0).strip()
            while True:
                shorter = _NAME_NOISE.sub("", candidate)
                if shorter == candidate:
                    break
                candidate = shorter
            candidate = re.sub(r"\s+(?:of|and|in|&)$", "", candidate)
            if len(candidate.split()) < 2 or _NOT_A_NAME.search(candidate):
                continue
            if rules.in_scope_name(candidate):
                return candidate
    return None


def name_in_url(url: str) -> str | None:
    """An in-scope program name spelled in the address ("/programs/health-information-technology/")."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for segment in reversed([s for s in path.split("/") if s]):
        words = re.sub(r"\.\w+$", "", segment).replace("-", " ").replace("_", " ").strip()
        if len(words.split()) >= 2 and rules.in_scope_name(words):
            return words.title()
    return None


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
        heading = program_words(_PROGRAM_PREFIX.sub("", " ".join(heading.split())))
    return heading or title_name, title_name


_HEADING_LINE_MAX_WORDS = 12
# A line that reads as a sentence, a caption, a price or a list item, not as a program's heading.
_NOT_A_HEADING = re.compile(
    r"^(?:a|an|the|students?|graduates?|applicants?|you|we|our|this|these|\d)\b|^\d|[$~?!]"
    r"|\b(?:must|will|should|is|are|was|were|working|launch(?:es|ed)?|announce[sd]?|earns?)\b",
    re.I,
)
_LINE_LEAD = re.compile(r"^[\s\-\u2013\u2014|:>\u2022*]+|[\s\-\u2013\u2014|:.,;]+$")


def name_line_in_body(blocks: list[dom.Block], limit: int = 30) -> str | None:
    """The first short line of the first blocks that is an in-scope program name, the way a
    catalog record or a document turned to text shows its heading ("Certificate in Medical
    Coding", "HIM - program information", "MEDICAL CODING SPECIALIST PROGRAM")."""
    for b in blocks[:limit]:
        for line in b.text.split("\n"):
            line = _LINE_LEAD.sub("", line)
            words = line.split()
            if not words or len(words) > _HEADING_LINE_MAX_WORDS or line.endswith("?"):
                continue
            if rules._COURSE_LINE.match(line) or _NOT_A_HEADING.search(line):
                continue  # "HIT 101 Coding I": a course; "Students admitted into ...": a sentence
            candidate = program_words(line.title() if line.isupper() else line) or ""
            candidate = _LINE_LEAD.sub("", candidate)
            candidate = _ABBREVIATIONS.get(candidate.lower(), candidate)
            if rules.in_scope_name(candidate) and not _NOT_A_NAME.search(candidate):
                return candidate
    return None


def _named_elsewhere(
    name: str | None, title_name: str | None, parts: dom.PageParts, url: str
) -> str | None:
    """For a page whose heading names no in-scope program (a generic title, a date, a notice),
    the name from the title, a heading-like line of the body, a sentence of the body or the URL."""
    if name and rules.in_scope_name(name):
        return None
    if title_name and rules.in_scope_name(title_name):
        return title_name
    if name and not says_nothing(name) and not _GENERIC_PROGRAM_TITLE.match(name.strip()):
        return None  # a heading of its own ("Admission Requirements"): the page is about that
    first = first_heading_line(parts.blocks)
    if first and _NOT_PROGRAM_NAME.search(first) and not rules.in_scope_name(first):
        return None  # "Important Notice", then "Admission Requirements": an admissions page
    if first and _ARTICLE_TITLE.search(first):
        return None  # a host name, then "How Do I Become a Medical Coder": an article
    found = name_line_in_body(parts.blocks) or name_in_body(parts.blocks) or name_in_url(url)
    return None if found and _ARTICLE_NAME.search(found) else found


# A name found in the body that is an article's title ("Classes To Take To Learn Medical Coding").
_ARTICLE_NAME = re.compile(
    r"^\s*(?:how|why|what|when|where|which|who|classes\s+to|become|becoming|choosing|your|everything"
    r"|c[o\u00f3]mo|qu[e\u00e9]|pros\s+and\s+cons)\b|\b(?:launch(?:es|ed)|announces|unveils|celebrates)\b",
    re.I,
)


# What a page's first line may be when it names nothing: a date, a notice, navigation, a host name,
# the kind of document, the school's own name, a photo's caption.
_SAYS_NOTHING = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|skip\s+to\b.*|javascript\b.*|back\s+to\b.*|important\s+notice"
    r"|main\s+photo|all\s+categories|purpose|program|programs|frequently\s+asked\s+questions"
    r"|\[?\s*(?:more\s+info|read\s+more|learn\s+more)\s*\]?"
    r"|program\s+(?:details?|handbook|requirements|information|overview|sheet)"
    r"|(?:[\w\s-]*\d{4}\s*-\s*\d{2,4}[\w\s-]*)?\bcatalog\b.*"
    r"|(?:[\w-]+\.)+[a-z]{2,}"
    r"|[\w\s.&'-]{0,60}\b(?:college|university|institute|school)"
    r")$",
    re.I,
)


def says_nothing(line: str) -> bool:
    """A first line that names nothing a reader could search for (see ``_SAYS_NOTHING``), a bare
    word that is no topic ("EA2Rev08062016"), a sentence, or a caption in lower case."""
    text = line.strip(" \u00d7|+-*\u2022:")
    if not text or _SAYS_NOTHING.match(text):
        return True
    words = text.split()
    if len(words) == 1 and not _NOT_PROGRAM_NAME.search(text):
        return True
    return text[0].islower() or (len(words) > 8 and text.endswith("."))


def first_heading_line(blocks: list[dom.Block], limit: int = 12) -> str | None:
    """The first short line of the first blocks that says something (a heading as text shows one),
    if it comes before the first paragraph."""
    for b in blocks[:limit]:
        for line in b.text.split("\n"):
            line = line.strip()
            words = len(line.split())
            if words > 25:
                return None  # the page begins with its text
            if not line or line.endswith("?") or says_nothing(line):
                continue  # an FAQ's first question is not its heading
            if words > 8 or (words > 4 and line.endswith(".")):
                continue  # "Health Information Technology, A.A.S." is a heading, a sentence is not
            return line
    return None


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


# A registry program named beside health information ("Health Information Technology & Cancer
# Information") is a cancer or tumor registry program, not one of ours.
_REGISTRY_NAME = re.compile(r"\b(?:cancer|tumou?r)\s+(?:information|registry|registrar)", re.I)


def _program_in_scope(raw: dict[str, Any]) -> bool:
    if raw.get("cip"):
        return in_scope(raw["cip"])
    name = raw.get("name")
    return rules.in_scope_name(name) and not _REGISTRY_NAME.search(name or "")


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


_LIST_TITLE = re.compile(
    r"\b(?:programs|degrees|schools|colleges|certificates|careers|courses|options)\s*(?:\(|$)", re.I
)
_NOT_PROGRAM_NAME = re.compile(
    r"\b(?:admissions?|apply|application|faculty|staff|directory|news|events?|calendar|tuition|costs?"
    r"|financial|careers|jobs?|salary|outcomes|polic(?:y|ies)|guidelines?|requirements|readmission|transfer"
    r"|graduation|commencement|contact|advising|criteria|selection|proposal|minutes|agenda)\b",
    re.I,
)
_TRAINING_CIPS = frozenset({"51.0713", "51.0714", "51.0715"})
_TRAINING_NAME = re.compile(
    r"\b(?:course|training|bootcamp|prep|curriculum|coder|biller|billing|coding|specialist)\b", re.I
)


def _is_article(parts: dom.PageParts) -> bool:
    heading = next((b.text for b in parts.blocks if b.level == 1 and not b.pseudo), "")
    if any(t and _ARTICLE_TITLE.search(t) for t in (parts.title, heading)):
        return True
    return looks_like_article(None, "\n".join(b.text for b in parts.blocks[:40]))


_COURSE_NAME = re.compile(r"\b(?:course|training|bootcamp|prep|curriculum)\b", re.I)


def _training_program(raw: dict[str, Any]) -> bool:
    """A coding or billing training that names no award and is certificate-level: counted in clock
    hours (degrees count credits), named a course, a training or a curriculum, or said to take a
    year or less (no degree does; a length estimated from credits is no such statement). A college's "Medical Coding Specialist" program that names no award and no
    short length may be a certificate, a diploma or a degree."""
    name = raw.get("name") or ""
    cip = raw.get("cip") or rules.name_cip(name)
    coding = cip in _TRAINING_CIPS or bool(_TRAINING_NAME.search(name))
    months = raw.get("length_months")
    within_a_year = months is not None and months <= 12 and not raw.get("length_estimated")
    return coding and bool(raw.get("clock_hours") or _COURSE_NAME.search(name) or within_a_year)


def _keep(raw: dict[str, Any]) -> bool:
    """Whether a raw program is one this page offers (and its credential when the page names none)."""
    if not raw.get("name") or not _program_in_scope(raw):
        return False
    jsonld_source = raw.get("source") == "jsonld"
    if not jsonld_source:
        if _NOT_PROGRAM_NAME.search(raw["name"]):
            return False  # "Medical Coding Admissions": a page about the program, not the program
        if not _describes(raw) and not raw.get("voice"):
            return False  # a name and nothing else ("information is being updated") describes no program
    if raw.get("credential") is not None:
        return True
    if raw.get("require_credential"):
        return False
    if not (jsonld_source or rules.has_program_facts(raw) or raw.get("voice")):
        return False
    if jsonld_source or _training_program(raw):
        # a coding or billing program that names no degree is a certificate-level award
        raw["credential"] = "certificate"
        raw["credential_text"] = raw.get("credential_text") or raw.get("name")
    return True  # a degree-type program (HIT, HIM) whose award the page does not state: None


def _finish(raw: dict[str, Any], page_url: str) -> dict[str, Any]:
    keys = (
        "name",
        "credential",
        "credential_text",
        "cip",
        "length_months",
        "length_min_months",
        "length_text",
        "length_basis",
        "length_estimated",
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


def _markup(parts: dom.PageParts, body: bytes | str, url: str) -> tuple[list[dict], dict]:
    """(programs, institution) that the page's JSON-LD declares."""
    if not (parts.jsonld_nodes and _has_jsonld(body)):
        return [], {}
    return jsonld.programs_from_items(jsonld.load_items(parts.jsonld_nodes), url)


def _text_programs(
    parts: dom.PageParts, page_name: str | None, title_name: str | None, spanish: bool, url: str
) -> list[dict[str, Any]]:
    """The raw programs the text rules find: one per section (see :func:`rules.split_sections`)."""
    layout = rules.split_sections(parts.blocks, parts.facts, page_name)
    page_level = None
    if layout.multi:
        page_text = rules.section_text(layout.page_blocks, spanish)
        page_level = rules.PageLevel(page_text, layout.page_facts, layout.page_blocks)
    found = [
        rules.program_from_section(
            section,
            spanish=spanish,
            page=page_level,
            page_url=url,
            title_name=title_name if not layout.multi else None,
        )
        for section in layout.sections
    ]
    if page_level is not None:
        rules.apply_page_level(found, page_level.text)
    elif _LIST_TITLE.search(page_name or ""):
        return []  # one section named like a list ("Online HIT Degree Programs")
    return found


def _matching_text(
    markup: dict, text_programs: list[dict], used: set[int], only_pair: bool
) -> int | None:
    """The index of the text program that describes the same program as ``markup``."""
    if only_pair:
        return 0
    scored = [
        (_similar(markup.get("name"), t.get("name")), k)
        for k, t in enumerate(text_programs)
        if k not in used
    ]
    scored = [s for s in scored if s[0] >= 0.5]
    return max(scored)[1] if scored else None


def pair_programs(markup_programs: list[dict], text_programs: list[dict]) -> list[dict[str, Any]]:
    """Markup programs merged with the text program that matches each (markup wins), then the
    text programs no markup claimed (nameless ones only when there is no markup)."""
    programs: list[dict[str, Any]] = []
    used: set[int] = set()
    only_pair = len(markup_programs) == 1 and len(text_programs) == 1
    for markup in markup_programs:
        match = _matching_text(markup, text_programs, used, only_pair)
        if match is None:
            programs.append(markup)
            continue
        used.add(match)
        merged = _merge(markup, text_programs[match])
        if merged.get("credential") is None:
            merged["credential"] = text_programs[match].get("credential")
        programs.append(merged)
    for k, raw in enumerate(text_programs):
        if k not in used and (raw.get("name") or not markup_programs):
            programs.append(raw)
    return programs


def _method(kept: list[dict[str, Any]]) -> str:
    if any(p["source"] == "jsonld" for p in kept):
        return "jsonld"
    return "text" if kept else "none"


def _extract(tree, body: bytes | str, url: str, result: PageExtraction) -> PageExtraction:
    parts = dom.page_parts(tree)
    result.title = parts.title or None
    markup_programs, jsonld_inst = _markup(parts, body, url)
    site = _site_name(parts, jsonld_inst)
    result.institution = _institution(parts, jsonld_inst, site)
    page_name, title_name = _page_name(parts, site or result.institution.get("name"))
    page_name = _named_elsewhere(page_name, title_name, parts, url) or page_name
    spanish = looks_spanish(" ".join(b.text for b in parts.blocks[:40]))
    not_a_program_page = _is_news(url, parts) or _is_article(parts)
    text_programs = []
    if not not_a_program_page or markup_programs:
        text_programs = _text_programs(parts, page_name, title_name, spanish, url)
    kept = [
        _finish(raw, url) for raw in pair_programs(markup_programs, text_programs) if _keep(raw)
    ]
    result.programs = kept
    result.is_program_page = bool(kept)
    result.method = _method(kept)
    return result
