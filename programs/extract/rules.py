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
    estimate_months,
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


_WHOLE_PROGRAM = re.compile(r"\b(?:total\w*|program|including|in\s+all)\b", re.I)


def may_program_hours(line: str) -> bool:
    """A line that may give the program's hours: not one about a clinical or externship alone
    ("The first clinical is 96 hours"), unless it gives a total."""
    if not may_hours(line):
        return False
    part = _PRACTICAL.search(line) or _PART_OF_PROGRAM.search(line)
    return not (part and not _WHOLE_PROGRAM.search(line))


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


def sentences_matching(text: str, check) -> str:
    """The sentences of ``text`` that pass ``check``, a line each: a paragraph that also mentions
    a 90-hour practicum still gives the program's "requires 64 credit hours"."""
    return "\n".join(
        sentence
        for line in text.split("\n")
        for sentence in _SENTENCE_END.split(line)
        if check(sentence)
    )


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
        if predicate(b.text):
            return sentence_with(b.text, predicate)
    return None


@dataclass
class PageLevel:
    """What a multi-program page says outside its program sections."""

    text: str = ""
    facts: list[Fact] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


# ---------------------------------------------------------------- one rule per field

# Where a sentence ends: after ".", "!", "?" or ";" and a space, or at a line break (one definition: an
# earlier one, that split only before a capital, was shadowed by this one and never used).
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")
_TEACHING_CUE = re.compile(
    r"\b(?:program|programme|degree|certificate|diploma|courses?|class(?:es)?|curriculum|instruction|instructor"
    r"|taught|teach|offered|offers?|available|delivered|delivery|complete[ds]?|taken|take|format|modality"
    r"|study|studies|attend|learning|classroom|lectures?|sections?|enrol(?:l|led|ling|lment)?|option|finish"
    r"|entirely|fully|completely|train|training"
    r"|all(?=\s+(?:online|on-line|in[- ]person|on[- ]campus|courses|classes|coursework|instruction|lectures|of\s+(?:the|our|its)\s+"
    r"(?:courses|classes|coursework))))\b|100\s?%",
    re.I,
)
_NOT_TEACHING = re.compile(
    r"\bonline\s+(?:specialists?|advis(?:ors?|ing)|resources?|applications?|schedule|documentation|support"
    r"|services|tutoring|library|portal|orientation|information|store|payments?|forms?|catalog|tools?)\b"
    r"|\b(?:online|virtual)\s+(?:[\w-]+\s+){0,2}?(?:information|info)\s+sessions?\b"
    r"|\bon-?site\s+(?:surveys?|visits?|reviews?|evaluations?)\b"
    r"|\bapply\s+online\b|\b(?:an|one|a\s+single|each)\s+online\s+(?:course|class)\b"
    r"|\bvirtually\b(?!\s+(?:delivered|taught|online))|\bvirtual\s+(?:careers?|tours?|cent(?:er|re)s?)\b"
    r"|\b(?:paper-based|electronic)\b[^.]*\bhybrid\b|\bhybrid\s+(?:records?|environments?)\b"
    r"|\byour\s+(?:e-?mail|phone|information|personal\s+data|address)\b"
    # the school's other programs, the general-education part, tools and books: not how this program is taught
    r"|\b(?:many|other|several|various|variety\s+of|numerous|dozens\s+of|more\s+than\s+\d+)\s+online\s+"
    r"(?:programs|degrees|certificates|options)\b"
    r"|\b(?:general\s+education|gen\.?\s*ed)\b[^.]{0,40}\bonline\b|\bonline\b[^.]{0,40}\b(?:general\s+education|gen\.?\s*ed)\b"
    r"|\bonline\s+(?:student\s+)?(?:handbooks?|learning\s+management|lms|platforms?|textbooks?|homework|quizzes"
    r"|assignments|gradebook)\b|\b(?:textbooks?|books|uniforms|supplies)\b[^.]{0,40}\bonline\b",
    re.I,
)
_PRACTICAL = re.compile(
    r"\b(?:externships?|practicums?|practica|ppes?|professional\s+practice|clinicals?|internships?)\b",
    re.I,
)
# Hours that count one part of the program ("24 credit hours in liberal arts as part of the degree").
_PART_OF_PROGRAM = re.compile(
    r"\bas\s+part\s+of\b|\bhours?\s+(?:in|of)\s+(?:the\s+)?(?:liberal\s+arts|general\s+education|electives?"
    r"|humanities|social\s+sciences?|natural\s+sciences?|math\w*|english|prerequisites?|support\s+courses)\b",
    re.I,
)
_COURSE_WORDS = re.compile(r"\b(?:courses|classes|program|degree|certificate)\b", re.I)


_HEADING_SMALL_WORDS = frozenset("with from into for and the of in on at to".split())
# A numbered item, a question or a price; a row of a table of programs ending in its credit count
# ("Health Information Technology A.A.S 71").
_NOT_A_HEADING = re.compile(r"^\d|[$~?!]|(?:[A-Za-z]|[A-Z]\.)\s?\d{1,3}\s*$")


def looks_like_heading(line: str) -> bool:
    """A line written as a heading: not a numbered item or a sentence; each longer word capitalised
    ("Health Information Management, Plan III, B.S." but not "Students admitted into the ...")."""
    if not line or _NOT_A_HEADING.search(line):
        return False
    for word in re.findall(r"[A-Za-z][A-Za-z'\u2019]*", line):
        if len(word) >= 4 and word[0].islower() and word.lower() not in _HEADING_SMALL_WORDS:
            return False
    return True


# A verb that makes a title-cased line a statement ("This Program Is Offered 100% Online").
_TEACHING_VERB = re.compile(
    r"\b(?:offered|taught|delivered|available|completed?|taken|attend|held|meets?)\b", re.I
)


def _section_title(sentence: str) -> bool:
    """A title-cased line with no verb of teaching that is not a short delivery item: a section or
    a contents entry ("Appendix I – Computer Skills for Online Learning", "Technology in the
    Classroom Policy"), which names a topic, not how the program is taught."""
    return (
        looks_like_heading(sentence)
        and not _TEACHING_VERB.search(sentence)
        and not _delivery_item(sentence)
    )


def is_teaching_statement(sentence: str) -> bool:
    """A sentence about how the program is taught ("offered completely online"), not a question,
    an online service ("online application", "Online Specialists"), a single online course, a
    "virtually unlimited" or a placement ("one PPE will be virtual")."""
    s = sentence.strip()
    if not s or s.endswith("?") or not may_delivery(s):
        return False
    if _NOT_TEACHING.search(s) or _section_title(s):
        return False
    if not _TEACHING_CUE.search(s) and not _delivery_item(s):
        return False
    return not (_PRACTICAL.search(s) and not _COURSE_WORDS.search(s))


_ITEM_SPLIT = re.compile(r"[,;|\u00b7\u2022(]")
_LEADING_DELIVERY = re.compile(
    r"^\s*(?:(?:100\s?%|fully|all|entirely)\s+)?(?:online|on-?line|hybrid|blended|on[- ]campus|in[- ]person"
    r"|face[- ]to[- ]face|on-?site)\b",
    re.I,
)


def _delivery_item(sentence: str) -> bool:
    """A fact-like item that is a delivery ("Nine months, 30 credits, online"; "Hybrid (online plus
    Friday labs)"; a list item "On campus"), not a phrase that merely contains the word."""
    for item in _ITEM_SPLIT.split(sentence):
        if may_delivery(item) and (len(item.split()) <= 4 or _LEADING_DELIVERY.match(item)):
            return True
    return False


# A line broken inside a sentence, as documents turned to text break them ("offered in the\ndistance
# learning online format"): the sentence is read whole.
_SOFT_BREAK = re.compile(r"(?<=[a-z,;])\n(?=[a-z])")


def teaching_text(text: str) -> str:
    """The sentences of ``text`` that speak of how the program is taught, one a line."""
    candidates = lines_matching(_SOFT_BREAK.sub(" ", text), may_delivery)
    return "\n".join(s.strip() for s in _SENTENCE_END.split(candidates) if is_teaching_statement(s))


def section_hours(
    facts: list[Fact], text: str, blocks: list[Block], spanish: bool
) -> tuple[float | None, float | None, str | None]:
    """(credit hours, clock hours, the phrase they came from): labelled facts first, then the prose."""
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
        h = parse_hours(sentences_matching(text, may_program_hours))
        credits, clock = h.credit_hours, h.clock_hours
        for count in (credits, clock):
            if count is not None and hours_text is None:
                token = f"{count:,.0f}" if count >= 1000 else f"{count:g}"
                hours_text = _block_with(blocks, lambda t, token=token: token in t)
    return credits, clock, hours_text


def section_length(
    facts: list[Fact],
    blocks: list[Block],
    text: str,
    credits: float | None,
    clock: float | None,
    spanish: bool,
) -> dict[str, Any]:
    """The length keys: a labelled length, else the best stated duration, else an ESTIMATE from
    the clock hours or credits (``length_basis`` "clock_hours" / "credits")."""
    f_length = _first_fact(facts, "length", spanish)
    if f_length:
        parsed = parse_length(to_english(f_length.value) if spanish else f_length.value)
        if parsed.months is not None:
            return _length_keys(
                parsed.months,
                parsed.min_months or parsed.months,
                f"{f_length.label}: {f_length.value}",
                parsed.basis,
            )
    stated = best_length(blocks, spanish)
    quarter = bool(_QUARTER_CREDITS.search(text) or re.search(r"\bquarters\b", text, re.I))
    if stated is not None and not _part_of_program(stated[0], credits, quarter):
        return _length_keys(*stated, "stated")
    if clock or credits:
        estimate = estimate_months(
            credit_hours=credits,
            clock_hours=clock,
            quarter=bool(not clock and _QUARTER_CREDITS.search(text)),
        )
        if estimate.months is not None:
            return _length_keys(estimate.months, estimate.min_months, estimate.text, estimate.basis)
    return _length_keys(None, None, None, None)


MAX_CREDITS_PER_YEAR = 50.0  # semester credits; quarter credits count two thirds


def _part_of_program(months: float, credits: float | None, quarter: bool = False) -> bool:
    """A stated time too short for the program's credits (121 credits and "the two-year
    professional curriculum"): it speaks of a part of the program, not of the whole."""
    if not credits or months <= 0:
        return False
    semester_credits = credits * (2.0 / 3.0 if quarter else 1.0)
    return semester_credits / (months / 12.0) > MAX_CREDITS_PER_YEAR


def _length_keys(
    months: float | None, min_months: float | None, text: str | None, basis: str | None
) -> dict[str, Any]:
    return {
        "length_months": months,
        "length_min_months": min_months,
        "length_text": text,
        "length_basis": basis if months is not None else None,
        "length_estimated": months is not None and basis not in (None, "stated"),
    }


def section_delivery(
    facts: list[Fact], text: str, page: PageLevel | None, spanish: bool
) -> tuple[str | None, str | None]:
    """(delivery, the phrase): a labelled format, else only sentences about how the program is taught."""
    f_format = _first_fact(facts, "format", spanish)
    if f_format:
        delivery = parse_delivery(to_english(f_format.value) if spanish else f_format.value)
        if delivery:
            return delivery, f_format.value
    for source_text in (text, page.text if page else ""):
        statements = teaching_text(source_text)
        delivery = parse_delivery(statements) if statements else None
        if delivery:
            phrase = next(
                (s for s in statements.split("\n") if parse_delivery(s) is not None), statements
            )
            return delivery, phrase
    return None, None


def section_tuition(
    facts: list[Fact],
    text: str,
    blocks: list[Block],
    page: PageLevel | None,
    credits: float | None,
    spanish: bool,
) -> tuple[float | None, str | None]:
    """(tuition, the phrase): every labelled cost row together, else the prose, else the page level."""
    cost_facts = _facts_of(facts, "cost", spanish)
    if cost_facts:
        # a total wins over a per-credit price, the larger of in-state / out-of-state
        phrases = [f"{f.label}: {f.value}" for f in cost_facts[:12]]
        joined = "\n".join(phrases)
        tuition = parse_tuition(to_english(joined) if spanish else joined, credits=credits)
        if tuition is not None:
            ordered = sorted(phrases, key=lambda p: bool(re.search(r"\bper\b|/", p, re.I)))
            return tuition, next(
                (
                    p
                    for p in ordered
                    if parse_tuition(to_english(p) if spanish else p, credits=credits) == tuition
                ),
                phrases[0],
            )
    tuition = parse_tuition(lines_matching(text, may_cost), credits=credits)
    if tuition is not None:
        return tuition, _block_with(
            blocks,
            lambda t: (
                may_cost(t)
                and parse_tuition(to_english(t) if spanish else t, credits=credits) == tuition
            ),
        )
    if page is None or not page.text:
        return None, None
    f_page_cost = _first_fact(page.facts, "cost", spanish)
    if f_page_cost:
        tuition = parse_tuition(f"{f_page_cost.label}: {f_page_cost.value}", credits=credits)
    if tuition is None:
        tuition = parse_tuition(lines_matching(page.text, may_cost), credits=credits)
    if tuition is None:
        return None, None
    return tuition, _block_with(
        page.blocks, lambda t: may_cost(t) and parse_tuition(t, credits=credits) == tuition
    )


def section_certifications(text: str) -> list[str]:
    """The exams the section says the program prepares for."""
    return find_certifications(lines_matching(text, may_certification))


def section_accreditations(text: str) -> list[str]:
    """Accreditations the section states, and CAHIIM from its required statement."""
    acc_text = lines_matching(text, may_accreditation)
    accreditations = set(find_accreditations(acc_text))
    if "accreditor" in acc_text.lower() and is_cahiim_statement(acc_text):
        accreditations.add("CAHIIM")
    return sorted(accreditations)


def section_cip(facts: list[Fact], text: str, spanish: bool) -> str | None:
    f_cip = _first_fact(facts, "cip", spanish)
    cip = cip_in_text(f"CIP: {f_cip.value}") if f_cip else None
    return cip or cip_in_text(text)


_CREDENTIAL_STATEMENT = re.compile(
    r"\b(?:certificate|diploma|degree)\s+(?:program|programme)\b"
    r"|\b(?:associate|bachelor|master)(?:'s)?\s+(?:of\s+(?:applied\s+)?(?:science|arts)|degree|in)\b"
    r"|\b(?:technical|college\s+credit|career\s+studies)\s+certificate\b|\bcertificate\s+of\s+\w+"
    r"|(?<![A-Za-z])A\.\s?A\.\s?S\.|\bAAS\b|\bcertificate\s+in\b|\b(?:AAS|AS|AA|BS|BA)-[A-Z]{2,5}\s+degree\b",
    re.I,
)
_NOT_ITS_CREDENTIAL = re.compile(
    r"\b(?:not|without|rather\s+than|instead\s+of|part\s+of|transition\s+into|towards?|transfer\w*"
    r"|admission|admitted|apply|application"
    r"|prerequisite|holders?|already\s+(?:hold|have)"
    # a credential the graduates go on to ("many continue on for a bachelor's"), or one set against it
    r"|continu\w*|go(?:es)?\s+on|went\s+on|further|advanc\w*|ladder|articulat\w*|next\s+step"
    r"|confus\w*|unlike|compared?\s+(?:to|with)|versus"
    r"|(?:may|can|could|might|choose\s+to|go\s+on\s+to|later)\s+pursue"
    # what applicants, staff or employers have or want; the school's other programs
    r"|high\s+school|GED|applicants?|faculty|instructors?|staff|employers?|prefer\w*|hir(?:e|es|ed|ing)"
    r"|(?:many|most|some)\s+(?:coders|billers|professionals|workers|technicians|employees|people)"
    r"|also\s+offer\w*|(?:can|may)\s+also\s+(?:earn|complete|add)|related|other\s+programs|see\s+also|similar)\b",
    re.I,
)
# "a certificate in Medical Coding", "an Associate of Applied Science in Health Information Technology"
_CREDENTIAL_IN = re.compile(
    r"\b(?:certificates?|diplomas?|degrees?|associate(?:'s|\u2019s)?|bachelor(?:'s|\u2019s)?|baccalaureate"
    r"|master(?:'s|\u2019s)?|A\.?A\.?S\.?|A\.?S\.|B\.?S\.)(?:\s+degree)?"
    r"(?:\s+of\s+(?:applied\s+)?(?:science|arts))?\s+in\s+"
    # "an Associate Degree in two years": a time, not a field
    r"(?!(?:one|two|three|four|five|six|a|as\s+(?:few|little)|less|under|just|only|about)\s)"
    r"(?P<field>[A-Za-z&/' -]{3,60})",
    re.I,
)


def names_other_program(sentence: str, program_name: str | None) -> bool:
    """True when the sentence names a credential in another field than the program's ("a bachelor's
    in health information management" on a Health Information Technology page)."""
    own = name_cip(program_name)
    if own is None:
        return False
    own_words = set(_name_key(program_name).split()) - _SMALL_WORDS
    for m in _CREDENTIAL_IN.finditer(sentence):
        field_words = set(_name_key(m.group("field")).split()) - _AWARD_WORDS - _SMALL_WORDS
        if not field_words:
            continue  # "Associate in Applied Science Degree": the award's own name, no field
        other = name_cip(m.group("field"))
        if other is not None and other != own:
            return True
        if other is None and not own_words & field_words:
            return True  # "a certificate in Phlebotomy" on a Medical Coding page
    return False


_SMALL_WORDS = frozenset(
    {"and", "of", "in", "the", "for", "a", "an", "to", "with", "this", "our", "its"}
)
_AWARD_WORDS = frozenset(
    {
        "applied",
        "science",
        "sciences",
        "arts",
        "degree",
        "program",
        "programme",
        "certificate",
        "diploma",
    }
)


def states_own_credential(sentence: str, program_name: str | None) -> bool:
    """A sentence that may state the program's own award: not a question, not a credential it
    requires, leads on to or is set against, not one in another field."""
    s = sentence.strip()
    if not s or s.endswith("?") or _NOT_ITS_CREDENTIAL.search(s):
        return False
    return not names_other_program(s, program_name)


def body_credential(
    blocks: list[Block], spanish: bool, program_name: str | None = None
) -> tuple[str | None, str | None]:
    """The credential a sentence of the section awards ("a two-year Associate of Applied Science
    degree", "One Year Certificate Program"), not one it requires or leads on to."""
    for b in blocks:
        if b.level and b.level <= 2:
            continue
        text = to_english(b.text) if spanish else b.text
        for sentence in _SENTENCE_END.split(text):
            if not _CREDENTIAL_STATEMENT.search(sentence) or not states_own_credential(
                sentence, program_name
            ):
                continue
            found = credential_from_text(sentence)
            if found:
                return found, sentence.strip()
    return None, None


def section_credential(
    section: Section, title_name: str | None, facts: list[Fact], spanish: bool
) -> tuple[str | None, str | None]:
    """(credential, the text): the program's name, the title, a labelled award, then the prose."""
    for candidate in (section.name, title_name):
        credential = name_credential(candidate)
        if credential:
            return credential, candidate
    f_cred = _first_fact(facts, "credential", spanish)
    if f_cred and name_credential(f_cred.value):
        return name_credential(f_cred.value), f_cred.value
    head = [b for b in section.blocks if not b.level and b.tag in ("p", "li", "div", "dd", "span")]
    for b in head[:5]:
        for sentence in _SENTENCE_END.split(b.text):
            found = strong_credential(sentence)
            if found and states_own_credential(sentence, section.name or title_name):
                return found, sentence.strip()
    return body_credential(section.blocks, spanish, section.name or title_name)


def program_from_section(
    section: Section,
    *,
    spanish: bool,
    page: PageLevel | None,
    page_url: str,
    title_name: str | None = None,
) -> dict[str, Any]:
    """The raw program dict (listing keys) that the rules find in one section."""
    blocks, facts = section.blocks, section.facts
    text = section_text(blocks, spanish)
    credits, clock, hours_text = section_hours(facts, text, blocks, spanish)
    delivery, delivery_text = section_delivery(facts, text, page, spanish)
    tuition, tuition_text = section_tuition(facts, text, blocks, page, credits, spanish)
    credential, credential_text = section_credential(section, title_name, facts, spanish)
    return {
        "source": "text",
        "name": section.name,
        "url": page_url,
        "require_credential": section.require_credential,
        "credit_hours": credits,
        "clock_hours": clock,
        "hours_text": hours_text,
        **section_length(facts, blocks, text, credits, clock, spanish),
        "delivery": delivery,
        "delivery_text": delivery_text,
        "tuition_usd": tuition,
        "tuition_text": tuition_text,
        "certifications": section_certifications(text),
        "accreditations": section_accreditations(text),
        "cip": section_cip(facts, text, spanish),
        "credential": credential,
        "credential_text": credential_text,
        "description": describe(blocks),
        "voice": speaks_as_program(text),
    }


# A page that speaks as the school offering the program ("The program is accredited by ...",
# "Graduates are eligible to ...", "Students must ..."), not about programs in general.
_PROGRAM_VOICE = re.compile(
    r"\b(?:this|the|our)\s+(?:[\w/&'-]+\s+){0,6}?(?:program|programme|certificate|degree|curriculum)"
    r"(?:\s+(?:\([^)]{1,40}\)|[\w/&'-]+)){0,6}?\s+(?:prepares|provides|offers|consists|includes|begins"
    r"|requires|emphasizes|focuses|teaches|leads|allows|accepts"
    r"|is\s+(?:accredited|designed|offered|approved|available|a|an)"
    r"|will\s+(?:train|prepare|teach|give)|(?:can|may)\s+be\s+(?:completed|taken))\b"
    r"|\bgraduates\s+(?:of\s+(?:the|this|our)\b|are\s+(?:eligible|prepared|qualified|awarded)|will\s+be"
    r"|of\s+[\w' .-]{0,80}?\bprogram\s+(?:are|will|may|can)\b)"
    r"|\bstudents\s+(?:will\s+(?:learn|complete|be\s+(?:prepared|eligible|able))|enrolled\s+in|entering"
    r"|admitted|are\s+(?:prepared|eligible))\b"
    r"|\bupon\s+(?:successful\s+)?completion\s+of\s+(?:the|this)\b|\bprogram\s+(?:code|outcomes|description"
    r"|learning\s+outcomes|handbook)\b|\bplan\s+code\b|\benrollment\s+agreement\b"
    r"|\btotal\s+credit\s+hours\b|\binterest\s+in\s+(?:the\s+)?[\w /&()\n-]{3,80}?\bprogram\b"
    r"|\b(?:accepted|acceptance)\s+into\s+the\s+[\w /&-]{3,80}?\bprogram\b"
    r"|\badmission\s+(?:to|into)\s+the\s+(?:[\w/&'-]+\s+){0,4}?program\s+(?:is|requires)\b"
    r"|\bprogram\s+(?:in\s+[\w ,&/-]{3,60}?\s+)?leading\s+to\s+(?:the|an?)\b"
    r"|\b(?:program|information)\s+packet\b",
    re.I,
)


def speaks_as_program(text: str) -> bool:
    """True when the text speaks as the school offering a program (see ``_PROGRAM_VOICE``)."""
    return bool(_PROGRAM_VOICE.search(text[:20000]))


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
