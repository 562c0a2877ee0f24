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
    r"|handbook|fact\s+sheet|information\s+session"
    r"|curriculum(?:\s*,?\s*courses)?(?:\s*,?\s*(?:and|&)\s*requirements)?)\b|\(MCC\)\s*"
    r"|\s[\u2192\u00bb\u203a]\s*$)\s*",
    re.I,
)
# Titles of pages that describe a program without naming it ("Program Details", "Enrollment
# Agreement"): the name is then looked for in the body, then in the address.
_GENERIC_PROGRAM_TITLE = re.compile(
    r"^(?:(?:student\s+)?enrol+ment\s+agreement|program\s+(?:pathways?|details?|information|overview"
    r"|requirements|fact\s+sheet|handbook|description|summary|profile)"
    r"|program|program\s+of\s+study|overview|details|about\s+the\s+program|curriculum|fact\s+sheet|purpose"
    r"|(?:\w+\s+)?information\s+session)$"
    # no words at all: a date, a number, the site's address ("Dec 04, 2023", "68030", "www.x.edu")
    r"|^[\W\d_]*(?:[A-Z][a-z]{2}\w*\.?\s+\d{1,2},?\s+\d{4})?[\W\d_]*$|^(?:www\.)?[\w-]+(?:\.[\w-]+)+$",
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
    r"|\?\s*$|\b(?:guide|explained|timeline|tips|versus|vs\.?|in\s+20\d\d|certifications?(?=\s*(?:$|[:,;.|)\-\u2013\u2014]|(?:guide|exams?|requirements?|overview|options|paths?"
    r"|pathways?|process|costs?|salary|vs)\b)))"
    r"|\b(?:pros\s+and\s+cons|launch(?:es|ed)|announces|unveils|celebrates)\b"
    r"|\b(?:colleges|schools|universities)\s+(?:that|with|offering|in|near|for)\b"
    r"|^\s*(?:certified|registered)\b(?!.*\b(?:prep|course|program|training|bootcamp|class|review|certificate)\b)",
    re.I,
)
_ARTICLE_VOICE = re.compile(
    r"\bin\s+this\s+(?:[\w-]+\s+)?(?:guide|article|post|blog)\b|\bthis\s+(?:guide|article|post)\s+(?:will|is|explains)\b"
    r"|\bposted\s+by\b|\bwritten\s+by\b|\bkey\s+takeaways\b|\bread\s+on\b|\blet['\u2019]s\b"
    r"|\bmy\s+(?:cousin|nephew|niece|friend|sister|brother|uncle|aunt)\b"
    # a policy document about a program ("This guideline outlines the admission criteria for ...")
    r"|\bthis\s+(?:guideline|policy|procedure|regulation)\s+(?:outlines|applies|establishes|describes|sets)\b"
    r"|\b(?:several|many|some|other|these)\s+(?:[\w-]+\s+){0,3}(?:colleges|schools|universities)"
    r"\s+(?:offer|provide|have)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|my|me)\b")
# Reported speech, as news stories quote people ("Walker said", "said Dr. Roe", "according to Dean Roe").
_REPORTED_SPEECH = re.compile(
    r"\b[A-Z][a-z]+\s+(?:said|says)\b"
    r"|\b(?:said|says|according\s+to)\s+(?:Dr\.|Mr\.|Ms\.|Mrs\.|Dean|Director|President|[A-Z][a-z]+\s+[A-Z][a-z]+)"
)
_ROMAN_AFTER_NAME = re.compile(r"\b[A-Z][\w&]*\s+I{1,3}\b(?:\s*(?:and|&|,|-)\s*I{1,3}\b)*")
# The school speaking of its program in ways the section rules do not read as the program's voice
# ("Fictional College's HIT program prepares ...").
_SCHOOL_VOICE = re.compile(
    r"\b(?:college|university|school|institute)(?:'s)?\s+(?:[\w/&().'-]+\s+){0,8}?program\s+"
    r"(?:prepares|provides|offers|is|trains|teaches|began|has)\b"
    r"|\b(?:provides|prepares)\s+(?:students|graduates)\s+(?:with|for|to)\b"
    # "the only university in the state that offers the Bachelor of Science in HIM"
    r"|\b(?:college|university|school|institute)\s+(?:[\w,'-]+\s+){0,8}?(?:that|which)\s+offers\s+(?:the|an?)\s+"
    r"(?:bachelor|associate|certificate|diploma)",
    re.I,
)
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
        *parts.copyright_names,
        parts.meta.get("og:site_name"),
        parts.meta.get("application-name"),
    ):
        if cand:
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
    if len(_REPORTED_SPEECH.findall(text)) >= 2:
        return True  # a news story quoting people
    statements = "\n".join(line for line in text.split("\n") if not line.rstrip().endswith("?"))
    statements = _ROMAN_AFTER_NAME.sub(" ", statements)  # "Anatomy and Physiology I" is no "I"
    return (
        len(_FIRST_PERSON.findall(statements)) >= 3
    )  # an FAQ's questions ("May I apply?") do not count


# A name that belongs to the organisation before it ("Commission on Accreditation for Health
# Informatics ..."), or a program spoken of in general ("a Health Information Management program").
_ORGANISATION_BEFORE = re.compile(
    r"\b(?:commission|council|association|accreditation|board|society|foundation|bureau|academy)"
    r"(?:\s+(?:on|for|of|and|the|in))+\s*$|(?:^|\s)(?:a|an|any)\s+$",
    re.I,
)


def _clean_body_name(candidate: str) -> str:
    while True:
        shorter = _NAME_NOISE.sub("", candidate)
        if shorter == candidate:
            break
        candidate = shorter
    return re.sub(r"\s+(?:of|and|in|&)$", "", candidate)


_SCHOOL_WORD = re.compile(r"^.*\b(?:college|university|institute)(?:'s)?\s+(?=\S)", re.I)


def _after_school_name(run: str) -> str:
    """The program part of a run of capitalised words that begins with the school's name
    ("Fictional State Community College Health Information Technology" -> "Health Information Technology")."""
    return _SCHOOL_WORD.sub("", run)


_AWARD_AND_ABBREVIATION = re.compile(r"^(?:(?:AAS|AS|AA|BS|BA)\s+(?:in\s+)?)?(HIT|HIM|HIMT|HIA)$")


def _spelled_out(name: str) -> str:
    """An award and an abbreviation spelled out ("AAS in HIT" -> "Health Information Technology")."""
    m = _AWARD_AND_ABBREVIATION.match(name)
    return _ABBREVIATIONS[m.group(1).lower()] if m else name


_PROGRAM_NEXT = re.compile(r"\s+program\b", re.I)
_GLUED = re.compile(r"[a-z]{2}[A-Z]\b")


def name_in_body(blocks: list[dom.Block], limit: int = 25) -> str | None:
    """The first in-scope program name written in the first blocks ("The Department of Health
    Information Administration offers ..." -> "Health Information Administration"); not an
    organisation's name nor a program spoken of in general ("a Health Information ... program")."""
    for b in blocks[:limit]:
        for m in _BODY_NAME.finditer(b.text):
            if _ORGANISATION_BEFORE.search(b.text[max(0, m.start() - 80) : m.start()]):
                continue
            candidate = _clean_body_name(_after_school_name(m.group(0).strip()))
            if len(candidate.split()) < 2 or _NOT_A_NAME.search(candidate):
                continue
            if _GLUED.search(candidate):
                continue  # "Health Information TechnologyA.A.S71": cells of a table run together
            # "the ... Specialist Certification program": the words are read with the noun they name
            named = candidate + (" program" if _PROGRAM_NEXT.match(b.text, m.end()) else "")
            if _program_name_words(named) and not _OCCUPATION.search(candidate):
                return _spelled_out(candidate)
    return _own_program_in_lower_case(blocks[:limit])


# "The health information management program (HIM) provides ...": the school naming its own
# program in lower case, as prose often does.
_OWN_PROGRAM_LOWER = re.compile(
    r"\b(?:[Tt]he|[Oo]ur|[Tt]his)\s+((?:medical|health)\s+(?:[a-z/&]+\s+){0,4}?)program\b"
    r"(?:\s+\([A-Z]{2,5}\))?"
    r"\s+(?:provides|prepares|offers|is\s+(?:designed|accredited)|trains)\b"
)


def _own_program_in_lower_case(blocks: list[dom.Block]) -> str | None:
    for b in blocks:
        m = _OWN_PROGRAM_LOWER.search(b.text)
        if m:
            candidate = m.group(1).strip().title()
            if _program_name_words(candidate):
                return candidate
    return None


# A job, not a program ("Health Information Technician: a candidate with ...").
_OCCUPATION = re.compile(
    r"\b(?:technicians?|professionals?|administrators?|managers?|coders)\s*$", re.I
)


def _program_name_words(candidate: str) -> bool:
    """An in-scope program name with its field words ("Medical Coding", not "Authentic Coding
    Cases"), not the title of an article or of a page about admissions."""
    return bool(
        _FIELD_PHRASE.search(candidate)
        and not _ARTICLE_TITLE.search(candidate)
        and not _NOT_PROGRAM_NAME.search(candidate)
        and rules.in_scope_name(candidate)
    )


def name_in_url(url: str) -> str | None:
    """An in-scope program name spelled in the address ("/programs/health-information-technology/")."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for segment in reversed([s for s in path.split("/") if s]):
        words = re.sub(r"\.\w+$", "", segment).replace("-", " ").replace("_", " ").strip().split()
        if _ARTICLE_TITLE.search(" ".join(words)):
            return None  # "/how-do-i-become-a-medical-coder.htm": an article
        spelled = [_ABBREVIATIONS.get(w.lower(), w) for w in words if w.lower() not in _URL_AWARDS]
        name = " ".join(spelled)
        if len(name.split()) >= 2 and rules.in_scope_name(name):
            return name.title() if name.islower() else name
    return None


_URL_AWARDS = frozenset("aas as aa aat bs ba bas cert certificate degree".split())


def url_topic(url: str) -> bool:
    """The address's last part names a page about something other than a program itself
    ("/medical-coding/admission-requirements/", "application-selection-process.php")."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    words = re.sub(r"\.\w+$", "", segments[-1]).replace("-", " ").replace("_", " ")
    return bool(_NOT_PROGRAM_NAME.search(words))


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


_HEADING_LINE_MAX_WORDS = 14
_LINE_LEAD = re.compile(r"^[\s\-\u2013\u2014|:>\u2022*]+|[\s\-\u2013\u2014|:.,;]+$")
# The field words a heading names an in-scope program with ("Medical Information Coder/Biller",
# "Health Information Technology, AAS", "Billing and Coding", "HIM").
_FIELD_PHRASE = re.compile(
    r"\b(?:medical|health|healthcare)\b.*\b(?:cod(?:ing|er)|bill(?:ing|er)|information|records?|informatics"
    r"|insurance|reimbursement)\b|\bbilling\b.*\bcoding\b|\bcoding\b.*\bbilling\b|\bcoding\s+specialist\b"
    r"|\b(?:HIM|HIT|HIMT|HIMS)\b",
    re.I,
)
looks_like_heading = rules.looks_like_heading


def heading_name(line: str) -> str | None:
    """The in-scope program a heading-like line names, or ``None``."""
    line = _LINE_LEAD.sub("", line)
    words = line.split()
    if not words or len(words) > _HEADING_LINE_MAX_WORDS:
        return None
    if rules._COURSE_LINE.match(line) or _ARTICLE_TITLE.search(line):
        return None  # "HIT 101 Coding I" is a course; "... Certification Guide" an article
    candidate = program_words(line.title() if line.isupper() else line) or ""
    candidate = _LINE_LEAD.sub("", candidate)
    candidate = _ABBREVIATIONS.get(candidate.lower(), candidate)
    if not looks_like_heading(candidate):
        return None
    if _NOT_A_NAME.search(candidate) or not _program_name_words(candidate):
        return None
    return candidate


def name_line_in_body(blocks: list[dom.Block], limit: int = 30) -> str | None:
    """The first short line of the first blocks that is an in-scope program name, the way a
    catalog record or a document turned to text shows its heading ("Certificate in Medical
    Coding", "HIM - program information", "MEDICAL CODING SPECIALIST PROGRAM")."""
    for b in blocks[:limit]:
        for line in b.text.split("\n"):
            found = heading_name(line)
            if found:
                return found
    return None


# A heading that is a sentence ("To apply, fill out the form below."): it names nothing.
_SENTENCE_TITLE = re.compile(r"^(?:\S+\s+){5,}\S+[.!]$")
_AWARD_WORDS = re.compile(r"\b(?:of|in|applied|science|arts|general|studies)\b", re.I)


def names_other_program(heading: str) -> bool:
    """A heading that names a program with its award and a field ("Practical Nursing Diploma",
    "Accounting AAS"), not an award alone ("Associate in Applied Science Degree")."""
    if rules.strong_credential(heading) is None:
        return False
    rest = _AWARD_WORDS.sub(" ", rules._STRONG_CREDENTIAL.sub(" ", heading))
    return bool(re.search(r"[A-Za-z]{3,}", rest))


def _program_headings(blocks: list[dom.Block]) -> bool:
    return any(b.level >= 2 and not b.pseudo and rules.is_program_heading(b.text) for b in blocks)


def _named_elsewhere(
    name: str | None, title_name: str | None, parts: dom.PageParts, url: str
) -> str | None:
    """For a page whose heading names no in-scope program (a generic title, a date, a notice),
    the name from the title, a heading-like line of the body or a sentence of the body; for a
    generic title ("Program Details") also from the URL. Not for a page whose heading names
    another program or a list, nor one whose headings name its programs (a listing)."""
    generic = bool(
        name and (_GENERIC_PROGRAM_TITLE.match(name.strip()) or _SENTENCE_TITLE.match(name))
    )
    if name and not generic and rules.in_scope_name(name):
        return None
    if title_name and title_name != name and rules.in_scope_name(title_name):
        return title_name
    if name and not generic and (names_other_program(name) or _LIST_TITLE.search(name)):
        return None
    if _program_headings(parts.blocks):
        return None
    found = name_line_in_body(parts.blocks) or name_in_body(parts.blocks)
    return found or (name_in_url(url) if generic or not name else None)


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
        source_text = parts.body_text
    if found:
        inst["address"] = found.get("address")
        inst["city"] = found.get("city")
        inst["state"] = normalize_state(found.get("state"))
        inst["zip"] = normalize_zip5(found.get("zip"))
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
    name = raw["name"]
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


_SCHOOL_NAME = re.compile(
    r"\b(?:[A-Z][\w'\u2019.-]*\s+){1,4}(?:Community\s+College|College|University|Institute)\b"
    r"|\bUniversity\s+of\s+(?:[A-Z][\w'\u2019.-]*\s*){1,3}"
)


def names_several_schools(blocks: list[dom.Block], limit: int = 40, most: int = 2) -> bool:
    """True when the first blocks name more than ``most`` different schools: an article or a
    listing about programs at several colleges, not one school's program page."""
    names = {
        " ".join(m.group(0).split()).lower()
        for b in blocks[:limit]
        for m in _SCHOOL_NAME.finditer(b.text)
    }
    return len(names) > most


def speaks_as_school(blocks: list[dom.Block], limit: int = 60) -> bool:
    """True when the first blocks speak as the school offering the program (see ``_SCHOOL_VOICE``)."""
    return any(_SCHOOL_VOICE.search(b.text) for b in blocks[:limit])


_PROGRAM_WORD = re.compile(r"\bprogram\b", re.I)
_LIST_ITEM = re.compile(r"^\s*[\u2022\u00b7*\u25aa\u25e6-]")
# "Building a New Degree Program in ...", "Complete a Medical Billing and Coding Program": a
# program spoken of in general, not the page's own.
_INDEFINITE = re.compile(r"\b(?:a|an)\s", re.I)


def calls_itself_a_program(parts: dom.PageParts, limit: int = 30) -> bool:
    """True when the title, the heading or a heading-like line of the first blocks names an
    in-scope program and calls it a program ("HIT Program Overview", "HIM – program
    information"), not a topic of one ("HIT Program Admission Requirements")."""
    lines = [parts.title or ""]
    for b in parts.blocks[:limit]:
        if b.tag != "li":
            lines.extend(b.text.split("\n"))
    return any(
        _PROGRAM_WORD.search(line)
        and not _LIST_ITEM.match(line)
        and not _INDEFINITE.search(line)
        and not _topic_heading(line)
        and heading_name(line)
        for line in lines
    )


def _topic_heading(heading: str) -> bool:
    """A heading that names what the page is about other than a program ("Admission
    Requirements", "Selection Process") or a list of them ("Programs")."""
    return bool(_NOT_PROGRAM_NAME.search(heading) or _LIST_TITLE.search(heading))


def _body_named_program(raw: dict[str, Any], topic: bool, blocks: list[dom.Block]) -> bool:
    """Whether a program named only in the body (the heading is generic, a date, a notice) is
    the page's own: a page about several schools never is; under a topic heading ("Admission
    Requirements") the text must speak as the program and state its facts."""
    if names_several_schools(blocks):
        return False
    return _speaks_with_facts(raw) if topic else True


def _speaks_with_facts(raw: dict[str, Any]) -> bool:
    """The text speaks as the program and states its facts: a length, hours or a cost with one
    more fact, or the award it leads to with the exam or the accreditation it prepares for."""
    award_facts = raw.get("credential") is not None and bool(
        raw.get("certifications") or raw.get("accreditations")
    )
    return bool(raw.get("voice")) and (rules.has_program_facts(raw) or award_facts)


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
    out["source"] = raw["source"]
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


_JSONLD_TYPE = re.compile(r"application/ld\+json", re.I)
_JSONLD_TYPE_BYTES = re.compile(rb"application/ld\+json", re.I)


def _has_jsonld(body: bytes | str) -> bool:
    """Whether the page has a JSON-LD script, its type written in any case (as ``dom`` reads it)."""
    if isinstance(body, str):
        return bool(_JSONLD_TYPE.search(body))
    return bool(_JSONLD_TYPE_BYTES.search(bytes(body[: dom.MAX_BODY])))


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
        programs.append(_merge(markup, text_programs[match]))
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
    elsewhere = _named_elsewhere(page_name, title_name, parts, url)
    body_named = elsewhere is not None and elsewhere != title_name
    topic = (bool(page_name) and _topic_heading(page_name or "")) or url_topic(url)
    page_name = elsewhere or page_name
    spanish = looks_spanish(" ".join(b.text for b in parts.blocks[:40]))
    not_a_program_page = _is_news(url, parts) or _is_article(parts)
    text_programs = []
    if not not_a_program_page or markup_programs:
        text_programs = _text_programs(parts, page_name, title_name, spanish, url)
    if len(text_programs) == 1 and not text_programs[0].get("voice"):
        text_programs[0]["voice"] = speaks_as_school(parts.blocks) or calls_itself_a_program(parts)
    if body_named:
        text_programs = [
            raw for raw in text_programs if _body_named_program(raw, topic, parts.blocks)
        ]
    elif url_topic(url):
        text_programs = [raw for raw in text_programs if _speaks_with_facts(raw)]
    kept = [
        _finish(raw, url) for raw in pair_programs(markup_programs, text_programs) if _keep(raw)
    ]
    result.programs = kept
    result.is_program_page = bool(kept)
    result.method = _method(kept)
    return result
