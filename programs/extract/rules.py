"""Text rules: program facts from the blocks and labelled facts of one page section.

A *section* is the part of the main content that describes one program: the whole
content on a single-program page, or the blocks under one program heading (h2-h4 whose
text names a program with a credential) on a page that lists several. Rules, in order
of trust:

1. **Labelled facts** (facts tables, ``dl`` lists, "Label: value" lines): Length /
   Duration -> length; Credits / Units / Semester hours -> credit hours; Clock / Contact
   hours -> clock hours; Cost / Tuition / Price / Fee -> cost (per-credit prices times
   the credits); Format / Delivery / Mode / Modality / Location -> delivery; CIP -> cip.
2. **Prose** of the section: length from the best sentence that states a duration (one
   that speaks of the program, not of courses, limits or employment; never derived
   from hours when a duration is stated), hours and cost through the normalisers (which
   skip per-course counts, fees, salaries, phone numbers...), delivery, the exams the
   program prepares for, accreditations and the CAHIIM statement.
3. **Page-level text** (a multi-program page's text outside the program sections):
   delivery and cost (e.g. "Tuition for all programs is $120 per credit hour") when the
   section says nothing; institutional accreditations (ABHES, ACCSC, COE, DEAC) for
   every section; a CAHIIM statement for the section of the degree it names
   ("accreditation for associate degree in ...").
4. Length from hours when no duration is stated: clock hours at 900 a year, credits at
   30 a year (quarter credits at 45).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidInput
from ..normalize import (
    cip_for_program_name,
    credential_from_text,
    find_accreditations,
    find_certifications,
    in_scope,
    is_cahiim_statement,
    normalize_cip,
    parse_delivery,
    parse_hours,
    parse_length,
    parse_tuition,
)
from .dom import Block, Fact
from .glossary import to_english

# ---------------------------------------------------------------- labels

_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("cip", re.compile(r"\bcip\b", re.I)),
    (
        "clock",
        re.compile(
            r"\b(?:clock|contact|instructional|program)\s+hours?\b|^\s*(?:total\s+)?hours\s*$|\bhoras\b",
            re.I,
        ),
    ),
    (
        "credits",
        re.compile(
            r"\bcredits?\b|\bunits?\b|\bsemester\s+hours?\b|\bquarter\s+hours?\b|\bcr[eé]ditos?\b",
            re.I,
        ),
    ),
    (
        "length",
        re.compile(
            r"\blength\b|\bduration\b|\bduraci[oó]n\b|\btime\s+to\s+(?:complete|finish)\b"
            r"|\bcompletion\s+time\b|\bprogram\s+time\b|\bweeks\b|\bmonths\b",
            re.I,
        ),
    ),
    (
        "cost",
        re.compile(
            r"\bcost\b|\btuition\b|\bprice\b|\bfees?\b|\bcosto\b|\bmatr[ií]cula\b|\binvestment\b",
            re.I,
        ),
    ),
    (
        "format",
        re.compile(
            r"\bformat\b|\bdelivery\b|\bmode\b|\bmodality\b|\bmodalidad\b|\blocation\b|\bcampus\b"
            r"|\binstruction(?:al)?\s+method\b|\bschedule\b|\bwhere\b",
            re.I,
        ),
    ),
    (
        "credential",
        re.compile(
            r"\bcredential\b|\baward\b|\bdegree\s+type\b|\bprogram\s+type\b|\bdegree\b", re.I
        ),
    ),
]
_OTHER_FEE_LABEL = re.compile(
    r"\b(?:application|exam|registration|book|supply|supplies|lab|technology|graduation)\b", re.I
)


@functools.lru_cache(maxsize=4096)
def classify_label(label: str) -> str | None:
    """The field a fact label names ("Program length" -> "length"), or ``None``."""
    text = label.strip().rstrip(":").strip()
    if not text or len(text) > 50:
        return None
    for key, pattern in _LABELS:
        if pattern.search(text):
            if (
                key == "cost"
                and _OTHER_FEE_LABEL.search(text)
                and not re.search(r"tuition|total|program", text, re.I)
            ):
                return None
            return key
    return None


# ---------------------------------------------------------------- credentials and program headings

_STRONG_CREDENTIAL = re.compile(
    r"(?i:\b(?:certificates?|diplomas?|associate'?s?|bachelor'?s?|baccalaureate|master'?s?|degree|non-?credit)\b)"
    r"|(?<![A-Za-z])(?:A\.\s?A\.\s?S\.?|A\.\s?S\.|A\.\s?A\.|B\.\s?S\.|B\.\s?A\.|M\.\s?S\.|M\.\s?A\.)"
    r"|\b(?:AAS|AOS|AAT|BSHIM|MSHI|MHA|MBA|AS|AA|BS|BA|MS|CAS|TCC|CTS)\b"
)
_NOT_PROGRAM_HEADING = re.compile(
    r"\b(?:requirements?|courses?|curriculum|outcomes?|careers?|faqs?|admissions?|tuition|costs?|overview|learn|jobs?"
    r"|salary|salaries|schedule|sequence|plan|options|accreditation|certifications?|contact|apply|how|why|what"
    r"|ready|questions?|gainful|disclosures?)\b",
    re.I,
)


def strong_credential(text: str | None) -> str | None:
    """A credential only when the text names one outright (not "course" or "certification")."""
    if not text:
        return None
    english = to_english(text)
    if not _STRONG_CREDENTIAL.search(english):
        return None
    return credential_from_text(english)


def name_credential(name: str | None) -> str | None:
    if not name:
        return None
    return credential_from_text(to_english(name))


def name_cip(name: str | None) -> str | None:
    if not name:
        return None
    return cip_for_program_name(to_english(name))


def is_program_heading(text: str) -> bool:
    """A heading that names a program with a credential ("Health Information Technology, AAS")."""
    if not text or len(text) > 120 or text.endswith("?"):
        return False
    if strong_credential(text) is None:
        return False
    english = to_english(text)
    stripped = _STRONG_CREDENTIAL.sub(" ", english)
    if _NOT_PROGRAM_HEADING.search(stripped) and not cip_for_program_name(english):
        return False
    if _NOT_PROGRAM_HEADING.search(stripped) and re.search(
        r"\b(?:courses|requirements|curriculum|outcomes|"
        r"careers|faqs?)\b",
        stripped,
        re.I,
    ):
        return False
    return True


def in_scope_name(name: str | None) -> bool:
    return in_scope(name_cip(name))


# ---------------------------------------------------------------- sections


@dataclass
class Section:
    name: str | None
    start: int  # index of the first block (the heading on multi-program pages)
    end: int
    blocks: list[Block]
    facts: list[Fact]
    heading_level: int = 0
    require_credential: bool = (
        False  # keep only when a credential is named (never the certificate default)
    )


@dataclass
class Layout:
    sections: list[Section]
    page_blocks: list[Block] = field(
        default_factory=list
    )  # outside every section (multi-program pages)
    page_facts: list[Fact] = field(default_factory=list)
    multi: bool = False


def split_sections(blocks: list[Block], facts: list[Fact], page_name: str | None) -> Layout:
    """One section for a single-program page; one per program heading on a page listing several."""
    heads = [
        i
        for i, b in enumerate(blocks)
        if b.level >= 2 and not b.pseudo and is_program_heading(b.text)
    ]
    page_key = _name_key(page_name)
    heads = [
        i
        for i in heads
        if not (page_key and _name_key(blocks[i].text) == page_key)
        and not _under_related(blocks, i)
    ]
    in_scope_heads = [i for i in heads if in_scope_name(blocks[i].text)]
    page_is_program = bool(page_name) and (
        in_scope_name(page_name) or strong_credential(page_name) is not None
    )
    multi = len(in_scope_heads) >= 2 or (len(in_scope_heads) == 1 and not page_is_program)
    if not multi:
        return Layout([Section(page_name, 0, len(blocks), blocks, facts)])
    sections: list[Section] = []
    covered: set[int] = set()
    head_set = set(heads)
    for i in heads:
        level = blocks[i].level
        j = i + 1
        while j < len(blocks):
            b = blocks[j]
            if j in head_set or (b.level and b.level <= level):
                break
            j += 1
        sec_facts = [f for f in facts if i <= f.block < j]
        sections.append(Section(blocks[i].text, i, j, blocks[i:j], sec_facts, level))
        covered.update(range(i, j))
    if page_is_program and heads and heads[0] > 1:
        # the page's own program, described before the others ("Related programs" further down)
        first = heads[0]
        intro = Section(
            page_name,
            0,
            first,
            blocks[:first],
            [f for f in facts if f.block < first],
            require_credential=True,
        )
        sections.insert(0, intro)
    page_blocks = [b for k, b in enumerate(blocks) if k not in covered]
    page_facts = [f for f in facts if f.block not in covered]
    return Layout(sections, page_blocks, page_facts, True)


_RELATED = re.compile(
    r"\b(?:related|other|similar|explore|also|more|popular|featured|recommended)\b", re.I
)


def _under_related(blocks: list[Block], i: int) -> bool:
    """A heading inside a "Related programs" / "Other programs you may like" part of the page."""
    level = blocks[i].level
    for k in range(i - 1, -1, -1):
        b = blocks[k]
        if b.level and b.level < level:
            return bool(_RELATED.search(b.text)) and not is_program_heading(b.text)
    return False


def _name_key(name: str | None) -> str:
    if not name:
        return ""
    return " ".join(re.findall(r"[a-z0-9]+", name.lower()))


# ---------------------------------------------------------------- single fields

_LENGTH_PROGRAM_CUE = re.compile(
    r"\b(?:program|programme|certificate|degree|diploma|bootcamp|course|complete[ds]?|completion|finish|graduate"
    r"|full-time|part-time|as\s+(?:few|little)\s+as|train|study|takes?|runs?|length|duration|lasts?)\b",
    re.I,
)
_LENGTH_PENALTY = re.compile(
    r"\b(?:must|within|maximum|limit|deadline|older|retake|retaken|access|employ\w*|jobs?|hired|placement|rate"
    r"|renew\w*|experience|ago|since|founded|per\s+week|each\s+course)\b",
    re.I,
)
_CIP_TEXT = re.compile(
    r"\bCIP(?:\s*(?:code|20[12]0|#|no\.?|number))?\s*[:#]?\s*(\d{2}\.\d{4})\b", re.I
)
_COURSE_LINE = re.compile(r"^[A-Z]{2,5}\s?-?\d{3}[A-Z]?\b")
_QUARTER_CREDITS = re.compile(r"\bquarter\s+(?:credit|hour|unit)", re.I)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s*$")
_LEVEL = re.compile(
    r"accreditation\s+for\s+(?:the\s+|its\s+)?(associate|baccalaureate|bachelor'?s?|master'?s?)",
    re.I,
)
_INSTITUTIONAL = ("ABHES", "ACCSC", "COE", "DEAC")


# Cheap pre-checks (substring tests, much faster than the normalisers' regexes): a line
# that fails one cannot hold that fact, so the normalisers only read the lines that may.
# They work clause by clause and clauses never cross lines, so the results are the same.
_DIGIT = re.compile(r"\d")
_ISO = re.compile(r"\bP\d")
_HOURS_WORDS = ("credit", "cr.", "cr ", "hour", "hrs", "unit", "semester", "quarter")
_COST_WORDS = ("$", "usd", "dollar")
_DELIVERY_WORDS = (
    "online",
    "on-line",
    "campus",
    "person",
    "hybrid",
    "blended",
    "site",
    "classroom",
    "distance",
    "virtual",
    "face",
    "web",
    "remote",
    "learning",
    "residential",
    "seated",
    "ground",
    "synchronous",
    "correspondence",
    "internet",
    "flex",
    "mixed",
    "partially",
    "in-class",
    "traditional",
    "offline",
)
_TIME_WORDS = ("year", "yr", "month", "mos", "week", "wk", "day", "semester", "quarter", "term")
_NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "teen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "dozen",
    "half",
)


def may_hours(line: str) -> bool:
    low = line.lower()
    return any(w in low for w in _HOURS_WORDS) and bool(_DIGIT.search(low))


def may_cost(line: str) -> bool:
    low = line.lower()
    return any(w in low for w in _COST_WORDS)


def may_delivery(line: str) -> bool:
    low = line.lower()
    return any(w in low for w in _DELIVERY_WORDS)


_UNIT = r"(?:years?|yrs?|months?|mos?|weeks?|wks?|days?|semesters?|trimesters?|quarters?|terms?)\b"
_DIGIT_UNIT = re.compile(
    r"\d[\d.,]*\)?\s*(?:-|to|or|and|\u2013|\u2014)?\s*\d*[\d.,]*\s*-?\s*\(?" + _UNIT, re.I
)
_WORD_UNIT = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|dozen|half)(?:[- ]\w+)?\s*(?:-|to|or|and)?\s*\w*"
    r"\s*-?\s*\(?" + _UNIT,
    re.I,
)
_CERT_CODES = (
    "CPC",
    "CPB",
    "COC",
    "CIC",
    "CRC",
    "CCA",
    "CCS",
    "RHIT",
    "RHIA",
    "CDIP",
    "CHDA",
    "CBCS",
    "CMAA",
    "CEHRS",
    "NCICS",
    "CMRS",
)
_ACC_WORDS = (
    "cahiim",
    "pcap",
    "ahima",
    "abhes",
    "accsc",
    "deac",
    "aapc",
    "accredit",
    "commission",
    "council",
    "distance education",
    "approval program",
    "detc",
)


def may_time(line: str) -> bool:
    """A number next to a time unit ("9 months", "two-year", "4\u201312 months"), or an ISO duration."""
    low = line.lower()
    if not any(w in low for w in _TIME_WORDS):
        return bool(_ISO.search(line))
    if _DIGIT.search(low) and _DIGIT_UNIT.search(low):
        return True
    return any(w in low for w in _NUMBER_WORDS) and bool(_WORD_UNIT.search(low))


def may_certification(line: str) -> bool:
    if any(code in line for code in _CERT_CODES):
        return True
    low = line.lower()
    return "certified" in low or "registered" in low or "national" in low


def may_accreditation(line: str) -> bool:
    low = line.lower()
    return any(w in low for w in _ACC_WORDS)


def section_text(blocks: list[Block], spanish: bool) -> str:
    lines = []
    for b in blocks:
        if b.tag == "li" and ("course" in b.classes.lower() or _COURSE_LINE.match(b.text)):
            continue  # a course list: per-course credits are not the program's
        lines.append(b.text)
    text = "\n".join(lines)
    return to_english(text) if spanish else text


def lines_matching(text: str, check) -> str:
    """The lines of ``text`` that pass the pre-check ``check``."""
    return "\n".join(line for line in text.split("\n") if check(line))


def best_length(blocks: list[Block], spanish: bool) -> tuple[float, float, str] | None:
    """(months, min months, text) from the sentence that best states the program's duration."""
    best: tuple[int, int, float, float, str] | None = None
    for idx, b in enumerate(blocks):
        text = to_english(b.text) if spanish else b.text
        if not may_time(text):
            continue
        length = parse_length(text, explicit_only=True)
        if length.months is None:
            continue
        score = 0
        if _LENGTH_PROGRAM_CUE.search(text):
            score += 2
        if _LENGTH_PENALTY.search(text):
            score -= 2
        if b.level:
            score += 1
        if score < 0:
            continue
        if best is None or score > best[0]:
            best = (score, idx, length.months, length.min_months or length.months, b.text)
    if best is None:
        return None
    months = best[2]
    phrase = sentence_with(
        best[4],
        lambda t: (
            parse_length(to_english(t) if spanish else t, explicit_only=True).months == months
        ),
    )
    return best[2], best[3], phrase


def cip_in_text(text: str) -> str | None:
    m = _CIP_TEXT.search(text)
    if not m:
        return None
    try:
        return normalize_cip(m.group(1))
    except InvalidInput:
        return None


def fact_kind(label: str, value: str) -> str | None:
    """The field a labelled fact gives: by its label, except that an amount of money is a cost
    ("Tuition per credit | $110", "Program total | $7,040") unless the label names another fee."""
    kind = classify_label(label)
    if kind in ("cost", "cip", "format"):
        return kind
    if may_cost(value) and re.search(r"\d", value) and not _OTHER_FEE_LABEL.search(label):
        return "cost"
    return kind


def _facts_of(facts: list[Fact], key: str, spanish: bool) -> list[Fact]:
    return [
        f for f in facts if fact_kind(to_english(f.label) if spanish else f.label, f.value) == key
    ]


def _first_fact(facts: list[Fact], key: str, spanish: bool) -> Fact | None:
    """The first fact with a label of that kind; a "Total ..." label wins for hours."""
    found = _facts_of(facts, key, spanish)
    if not found:
        return None
    if key in ("credits", "clock"):
        for f in found:
            if re.search(r"\btotal\b", f.label, re.I):
                return f
    return found[0]


def _number(text: str) -> float | None:
    m = _BARE_NUMBER.match(text)
    if not m:
        return None
    try:
        value = float(m.group(1).replace(",", ""))
    except ValueError:
        return None
    return value if value > 0 else None


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\u00bf\u00a1(\"'])|\n")


def sentence_with(text: str, predicate) -> str:
    """The first sentence of ``text`` for which ``predicate`` holds (else the whole text)."""
    for sentence in _SENTENCE_SPLIT.split(text):
        if sentence.strip() and predicate(sentence):
            return sentence.strip()
    return text


def _block_with(blocks: list[Block], predicate) -> str | None:
    """The sentence (of the first block) that ``predicate`` holds for: the phrase a fact came from."""
    for b in blocks:
        try:
            if predicate(b.text):
                return sentence_with(b.text, predicate)
        except Exception:  # pragma: no cover - defensive
            continue
    return None


@dataclass
class PageLevel:
    """What a multi-program page says outside its program sections."""

    text: str = ""
    facts: list[Fact] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def program_from_section(  # noqa: C901
    section: Section,
    *,
    spanish: bool,
    page: PageLevel | None,
    page_url: str,
    title_name: str | None = None,
) -> dict[str, Any]:
    """The raw program dict (listing keys) that the rules find in one section."""
    blocks = section.blocks
    facts = section.facts
    text = section_text(blocks, spanish)
    raw: dict[str, Any] = {
        "source": "text",
        "name": section.name,
        "url": page_url,
        "require_credential": section.require_credential,
    }

    # hours
    credits = clock = None
    hours_text = None
    f_credits = _first_fact(facts, "credits", spanish)
    f_clock = _first_fact(facts, "clock", spanish)
    if f_credits:
        value = to_english(f_credits.value) if spanish else f_credits.value
        credits = _number(value)
        if credits is None:
            h = parse_hours(value)
            credits = h.credit_hours
            clock = clock or h.clock_hours
        hours_text = f"{f_credits.label}: {f_credits.value}"
    if f_clock:
        value = to_english(f_clock.value) if spanish else f_clock.value
        number = _number(value)
        if number is not None:
            clock = number
        else:
            h = parse_hours(value if re.search(r"hour|hr", value, re.I) else f"{value} clock hours")
            clock = h.clock_hours or clock
        hours_text = f"{f_clock.label}: {f_clock.value}"
    if credits is None and clock is None:
        h = parse_hours(lines_matching(text, may_hours))
        credits, clock = h.credit_hours, h.clock_hours
        for amount in (credits, clock):
            if amount is not None and hours_text is None:
                token = f"{amount:,.0f}" if amount >= 1000 else f"{amount:g}"
                hours_text = _block_with(blocks, lambda t, token=token: token in t)
    raw["credit_hours"] = credits
    raw["clock_hours"] = clock
    raw["hours_text"] = hours_text

    # length
    f_length = _first_fact(facts, "length", spanish)
    length = None
    if f_length:
        parsed = parse_length(to_english(f_length.value) if spanish else f_length.value)
        if parsed.months is not None:
            length = (
                parsed.months,
                parsed.min_months or parsed.months,
                f"{f_length.label}: {f_length.value}",
            )
    if length is None:
        length = best_length(blocks, spanish)
    if length is None and (clock or credits):
        if clock:
            phrase = f"{clock:g} clock hours"
        elif _QUARTER_CREDITS.search(text):
            phrase = f"{credits:g} quarter credits"
        else:
            phrase = f"{credits:g} credits"
        parsed = parse_length(phrase)
        if parsed.months is not None:
            length = (parsed.months, parsed.min_months or parsed.months, phrase)
    if length:
        raw["length_months"], raw["length_min_months"], raw["length_text"] = length
    else:
        raw["length_months"] = raw["length_min_months"] = raw["length_text"] = None

    # delivery
    delivery = None
    delivery_text = None
    f_format = _first_fact(facts, "format", spanish)
    if f_format:
        delivery = parse_delivery(to_english(f_format.value) if spanish else f_format.value)
        delivery_text = f_format.value
    if delivery is None:
        delivery = parse_delivery(lines_matching(text, may_delivery))
        if delivery:
            delivery_text = _block_with(
                blocks,
                lambda t: (
                    may_delivery(t) and parse_delivery(to_english(t) if spanish else t) == delivery
                ),
            )
    if delivery is None and page is not None and page.text:
        delivery = parse_delivery(lines_matching(page.text, may_delivery))
        if delivery:
            delivery_text = _block_with(
                page.blocks, lambda t: may_delivery(t) and parse_delivery(t) == delivery
            )
    raw["delivery"] = delivery
    raw["delivery_text"] = delivery_text

    # cost
    tuition = None
    tuition_text = None
    cost_facts = _facts_of(facts, "cost", spanish)
    if cost_facts:
        # every cost row together: a total wins over a per-credit price, the larger of in-state / out-of-state
        phrases = [f"{f.label}: {f.value}" for f in cost_facts[:12]]
        joined = "\n".join(phrases)
        tuition = parse_tuition(to_english(joined) if spanish else joined, credits=credits)
        if tuition is not None:
            ordered = sorted(
                phrases, key=lambda p: bool(re.search(r"\bper\b|/", p, re.I))
            )  # totals first
            tuition_text = next(
                (
                    p
                    for p in ordered
                    if parse_tuition(to_english(p) if spanish else p, credits=credits) == tuition
                ),
                phrases[0],
            )
    if tuition is None:
        tuition = parse_tuition(lines_matching(text, may_cost), credits=credits)
        if tuition is not None:
            tuition_text = _block_with(
                blocks,
                lambda t: (
                    may_cost(t)
                    and parse_tuition(to_english(t) if spanish else t, credits=credits) == tuition
                ),
            )
    if tuition is None and page is not None and page.text:
        f_page_cost = _first_fact(page.facts, "cost", spanish)
        if f_page_cost:
            tuition = parse_tuition(f"{f_page_cost.label}: {f_page_cost.value}", credits=credits)
        if tuition is None:
            tuition = parse_tuition(lines_matching(page.text, may_cost), credits=credits)
        if tuition is not None:
            tuition_text = _block_with(
                page.blocks, lambda t: may_cost(t) and parse_tuition(t, credits=credits) == tuition
            )
    raw["tuition_usd"] = tuition
    raw["tuition_text"] = tuition_text

    # certifications and accreditations
    raw["certifications"] = find_certifications(lines_matching(text, may_certification))
    acc_text = lines_matching(text, may_accreditation)
    accreditations = set(find_accreditations(acc_text))
    if "accreditor" in acc_text.lower() and is_cahiim_statement(acc_text):
        accreditations.add("CAHIIM")
    raw["accreditations"] = sorted(accreditations)

    # cip, credential, description
    cip = None
    f_cip = _first_fact(facts, "cip", spanish)
    if f_cip:
        cip = cip_in_text(f"CIP: {f_cip.value}")
    raw["cip"] = cip or cip_in_text(text)
    credential, credential_text = None, None
    for candidate in (section.name, title_name):
        credential = name_credential(candidate)
        if credential:
            credential_text = candidate
            break
    if credential is None:
        f_cred = _first_fact(facts, "credential", spanish)
        if f_cred and name_credential(f_cred.value):
            credential, credential_text = name_credential(f_cred.value), f_cred.value
    if credential is None:
        for b in [b for b in blocks if not b.level and b.tag in ("p", "li", "div", "dd", "span")][
            :5
        ]:
            found = strong_credential(b.text)
            if found:
                credential, credential_text = found, b.text
                break
    raw["credential"] = credential
    raw["credential_text"] = credential_text
    raw["description"] = describe(blocks)
    return raw


def describe(blocks: list[Block], limit: int = 300) -> str | None:
    """The first real paragraph, cut at a word boundary."""
    for b in blocks:
        if b.level or b.tag not in ("p", "div") or len(b.text) < 40:
            continue
        text = " ".join(b.text.split())
        if len(text) <= limit:
            return text
        cut = text[:limit].rsplit(" ", 1)[0]
        return cut.rstrip(" ,;:") + "\u2026"
    return None


def has_program_facts(raw: dict[str, Any]) -> bool:
    """Enough facts to call a credential-less in-scope page a program (a duration, hours or a cost, and more)."""
    core = sum(
        raw.get(k) is not None
        for k in ("length_months", "credit_hours", "clock_hours", "tuition_usd")
    )
    extra = sum(bool(raw.get(k)) for k in ("delivery", "certifications", "accreditations"))
    return core >= 1 and core + extra >= 2


def apply_page_level(programs: list[dict[str, Any]], page_text: str) -> None:
    """Page-level accreditations: institutional ones for all programs, a CAHIIM statement for its degree."""
    if not page_text or not programs:
        return
    found = set(find_accreditations(page_text))
    institutional = found & set(_INSTITUTIONAL)
    for raw in programs:
        raw["accreditations"] = sorted(set(raw.get("accreditations") or []) | institutional)
    if is_cahiim_statement(page_text) or "CAHIIM" in found:
        m = _LEVEL.search(page_text)
        level = None
        if m:
            word = m.group(1).lower()
            level = (
                "associate"
                if word.startswith("assoc")
                else "master"
                if word.startswith("master")
                else "bachelor"
            )
        for raw in programs:
            if (level and raw.get("credential") == level) or (
                level is None and raw.get("credential") != "certificate"
            ):
                raw["accreditations"] = sorted(set(raw["accreditations"]) | {"CAHIIM"})
    if "PCAP" in found or "AAPC" in found:
        for raw in programs:
            if raw.get("credential") == "certificate":
                raw["accreditations"] = sorted(
                    set(raw["accreditations"]) | (found & {"PCAP", "AAPC"})
                )
