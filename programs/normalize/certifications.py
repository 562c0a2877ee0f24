"""Certification exams a program prepares for, and the accreditations it holds.

``find_certifications(text)`` -> sorted unique codes of :data:`programs.vocab.CERTIFICATIONS`.

* Codes are found by abbreviation (upper case, as whole words; a plural "CPCs" counts)
  and by full name (any case; "&" = "and"; "Certified Professional Coder (CPC)" once).
* Suffixed codes are distinct: "CPC-A" gives CPC-A only and "CCS-P" gives CCS-P only;
  CPC / CCS are added only when they are mentioned on their own too.
* Abbreviations that are also common initialisms elsewhere (CCA, CCS, COC, CIC, CRC)
  count only in a clause that speaks of exams or credentials (exam, certification,
  credential, coding, coder, AHIMA, AAPC, NHA, "sit for", ...) or also names another
  certification ("CPC, CPB, CRC"); the unambiguous ones (CPC, CPB, RHIT, RHIA, CBCS, ...)
  count anywhere.
* URLs and e-mail addresses are ignored ("aapc.com/certification/cpc"), and so is a
  code that is a course number's prefix ("CCS 101: Coding basics").
* People's credentials are not the program's exams: the letters after a person's name
  ("Jane Roe, MS, RHIA, Program Director"; a name is two or three capitalised words that
  are not words of a program's or an exam's name) and credentials said of the teaching
  staff ("taught by RHIA-credentialed faculty", "under the guidance of registered
  administrators (RHIA)", up to a word such as "prepare", "eligible", "sit for").
* Negated eligibility is not a certification the program prepares for: in a clause
  such as "graduates are not eligible to sit for the RHIA examination" (also
  "ineligible", "does not prepare", "cannot sit for") the part of the clause that
  carries the negation is skipped; the rest of the clause still counts.

``normalize_certification(code)`` maps one code or full name (any case, "cpc a",
"ccs–p") to its vocabulary code and raises ``InvalidInput("certification", ...)``
for anything unknown.

``find_accreditations(text)`` -> sorted unique codes of :data:`programs.vocab.ACCREDITATIONS`.

* CAHIIM, PCAP ("PCAP", "Professional Certificate Approval Program", "AHIMA-approved",
  "approved by AHIMA"), ABHES, ACCSC, COE (full name only: "COE" is too common),
  DEAC (also the former DETC name), AAPC only as "AAPC Approved Education Partner" /
  "AAPC-approved" / "approved by AAPC" (a bare "AAPC" is the exam body, not an approval).
* A mention counts when its clause states accreditation or approval (accredited,
  accreditor, approved, approval, partner, recognized, reaffirmed, ...) or when the
  clause is nothing but the names (a structured list such as "CAHIIM, PCAP"). PCAP and
  the AAPC patterns state an approval by themselves ("meets the requirements of the
  AHIMA PCAP").
* Not an accreditation: negated or prospective statements in the same clause ("is
  not accredited by CAHIIM", "seeking CAHIIM accreditation", "candidacy", "candidate",
  "applied for", "in the process of", "pending", "plans to", "will apply", "when
  accredited", "to become accredited"), generic references ("graduates of a
  CAHIIM-accredited program may sit for the RHIT"), definitions of the body ("CAHIIM
  is the accrediting organization for educational programs in ..."), things of the body's
  ("the CAHIIM Accreditation System", "CAHIIM's standards") and a bare name left alone
  in a line of prose (a line of names only, "ABHES / ACCSC; or DEAC", counts).

``is_cahiim_statement(text)`` is True when the text carries the statement CAHIIM requires
of accredited programs: "The <...> accreditor of <College> is the Commission on
Accreditation for Health Informatics and Information Management Education (CAHIIM)"
(full name or abbreviation), not negated.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InvalidInput
from ..vocab import ACCREDITATIONS, CERTIFICATIONS
from ._text import clauses, clean

__all__ = [
    "find_certifications",
    "normalize_certification",
    "find_accreditations",
    "is_cahiim_statement",
]

_URL = re.compile(
    r"(?:https?://|www\.)\S+|(?<!\S)\S+@\S+\.\S+|(?<![\w-])[\w-]+\.(?:com|org|edu|net|gov)(?:/\S*)?",
    re.IGNORECASE,
)
_AMBIGUOUS = {"CCA", "CCS", "COC", "CIC", "CRC"}
_CONTEXT = re.compile(
    r"exam|certif|credential|coding|coder|ahima|aapc|\bnha\b|nccct|sit\s+for|test|designation|prepare|eligib|billing",
    re.IGNORECASE,
)


def _name_pattern(name: str) -> str:
    words = re.split(r"[\s-]+", name.replace("&", " and "))
    parts = []
    for w in words:
        if not w:
            continue
        if w.lower() == "and":
            parts.append(r"(?:and|&)")
        elif w.lower() in ("record", "records"):
            parts.append(r"records?")
        else:
            parts.append(re.escape(w))
    return (
        r"\b" + r"[\s-]+".join(parts) + r"(?:s|'s)?\b"
    )  # "Registered Health Information Technicians"


# Extra full-name spellings seen on real pages.
_ALIASES: dict[str, list[str]] = {
    "CPC-A": [r"\bcertified\s+professional\s+coder\s*(?:-|,)?\s*(?:\(?\s*)?apprentice\b"],
    "CCS-P": [
        r"\bcertified\s+coding\s+specialist\s*(?:-|,|\s)\s*(?:\(?\s*)?physician(?:[\s-]+based)?\b"
    ],
    "RHIT": [r"\bregistered\s+health\s+information\s+technolog(?:ist|y)\b"],
    "CEHRS": [r"\bcertified\s+electronic\s+health\s+records?\s+specialist\b"],
    "CBCS": [r"\bcertified\s+billing\s+(?:and|&)\s+coding\s+specialist\b"],
}
_SUFFIX_PARENTS = {"CPC-A": "CPC", "CCS-P": "CCS"}


def _build_name_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out: list[tuple[str, re.Pattern[str]]] = []
    for code, (name, _body) in CERTIFICATIONS.items():
        pats = list(_ALIASES.get(code, []))
        if code not in _SUFFIX_PARENTS:  # suffixed codes are matched by their aliases only
            pats.append(_name_pattern(name))
        for p in pats:
            out.append((code, re.compile(p, re.IGNORECASE)))
    return out


_NAME_PATTERNS = _build_name_patterns()
_CODE_PATTERNS: list[tuple[str, re.Pattern[str]]] = []
for _code in sorted(CERTIFICATIONS, key=len, reverse=True):
    _esc = re.escape(_code).replace(r"\-", r"(?:\s?-\s?)?")  # "CCS-P", "CCS - P", "CCSP"
    _guard = r"(?!\s?-\s?[A-Z]\b)" if _code in _SUFFIX_PARENTS.values() else ""
    _CODE_PATTERNS.append(
        (
            _code,
            re.compile(
                r"(?<![A-Za-z0-9_-])"
                + _esc
                + _guard
                # "RHIT-eligible", "CPC-ready", but not a code glued to another ("CCS-P" is no CCS)
                + r"(?:s|'s)?(?![A-Za-z0-9_]|-(?!(?i:eligible|ready|prep|preparation|exam|track)\b)[A-Za-z0-9])"
                + r"(?!\s?\d{3}[A-Z]?\b)"  # a course number ("CCS 101: Coding basics")
            ),
        )
    )


_DOTTED = re.compile(r"(?<![A-Za-z.])(?:[A-Z]\.\s?){2,5}(?:-\s?[A-Z]\.?)?(?![A-Za-z])")
_SPACED = re.compile(r"(?<![A-Za-z])[A-Z](?: [A-Z]){2,4}(?![A-Za-z])")
_CODE_LETTERS = {c.replace("-", "") for c in CERTIFICATIONS}
# A credential named as who the program is for ("RHITs who want to become RHIAs"), not as its exam.
_AUDIENCE = re.compile(
    r"(?:\b(?-i:[A-Z]{3,5}(?:-[A-Z])?)s?|\b(?:registered|certified)(?:\s+[a-z-]+){1,5}?s(?:\s*\((?-i:[A-Z]{3,5})s?\))?)"
    r"\s+who\b",
    re.IGNORECASE,
)
# The credential a bridge program starts from ("RHIT to RHIA progression"): not its exam.
_BRIDGE = re.compile(
    r"(?:(?:registered|certified)[a-z\s-]{0,60}?\s*\((?-i:[A-Z]{3,5})\)|\b(?-i:[A-Z]{3,5}))\s*(?:-|to)\s*"
    r"(?=(?-i:[A-Z]{3,5})\b[^.]{0,20}\b(?:progression|bridge|pathway|completion|track)\b)",
    re.IGNORECASE,
)
_SALARY = re.compile(
    r"\b(?:salary|salaries|earnings|wages?|median\s+pay|earn\s+(?:up\s+to|about|around|more|less|\$)"
    r"|earn\s+an?\s+(?!(?:associate|bachelor|master|certificate|diploma|degree|award|credential)\b)\w)",
    re.IGNORECASE,
)


# The letters after a person's name ("Jane Roe, MS, RHIA, Program Director") are that person's
# credentials, not an exam the program prepares for.
_LETTERS = r"(?:[A-Z]{2,6}|[A-Z][a-z]?[A-Z][A-Za-z]{0,3})(?:-[A-Z]{1,2})?"
_PERSON = re.compile(
    r"(?<![A-Za-z])(?P<name>[A-Z][a-z'\u2019-]+(?:\s+[A-Z]\.)?(?:\s+(?:(?:de|da|del|van|von|di|la|le)\s+)?[A-Z][a-z'\u2019-]+){1,2})"
    r"(?P<letters>(?:\s*,\s*" + _LETTERS + r"){1,6})(?![A-Za-z])"
)
# Capitalised words that make a program's or an exam's name, not a person's.
_NOT_NAME_WORDS = frozenset(
    "health information technology technician technicians technologist management medical coding coder coders"
    " billing biller professional professionals certified registered specialist specialists administrator"
    " administrators program programs certificate certificates degree degrees exam exams examination"
    " credential credentials associate science applied insurance records record office college university"
    " school department national course courses students graduates graduate prep preparation review the our"
    " this these all and or for with academy institute center careers career outpatient inpatient facility"
    " physician coding's data analyst analytics informatics systems clinical documentation improvement"
    " risk adjustment revenue cycle compliance auditing auditor auditors integrity privacy security quality"
    " cancer registry reimbursement claims terminology anatomy pharmacology coding-related national-level"
    " prepare prepares preparing earn earns sit take takes pass passes"
    " professional-level entry-level advanced basic intermediate level track pathway option".split()
)
# Credentials that describe the people teaching ("taught by RHIA-credentialed faculty", "under the
# guidance of registered administrators (RHIA)") up to where the clause turns to the students' exam.
_TEACHERS = re.compile(
    r"\b(?:under\s+the\s+(?:guidance|supervision|direction|mentorship)\s+of|taught\s+by|supervised\s+by"
    r"|led\s+by|mentored\s+by|instructors?|faculty|staff|preceptors?)\b"
    r"(?P<rest>.*?)(?=\b(?:prepar\w*|eligib\w*|sit\s+for|qualif\w*|ready\s+for|pass\w*|earn\w*|obtain\w*"
    r"|become|for|exams?|examinations?)\b|$)",
    re.IGNORECASE,
)
_CREDENTIALED_TEACHERS = re.compile(
    r"\b(?-i:[A-Z]{3,5})(?:-(?-i:[A-Z]))?(?:\s*(?:and|/|,|&)\s*(?-i:[A-Z]{3,5})(?:-(?-i:[A-Z]))?)*"
    r"[- ](?:certified|credentialed)\s+(?:faculty|instructors?|staff|educators?|teachers?)\b",
    re.IGNORECASE,
)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _person_letters(m: re.Match[str]) -> str:
    words = re.findall(r"[A-Za-z'\u2019-]+", m.group("name").lower())
    if any(w in _NOT_NAME_WORDS for w in words):
        return m.group(0)
    return m.group("name") + " " * len(m.group("letters"))


def _teachers_letters(m: re.Match[str]) -> str:
    start = m.start("rest") - m.start()
    return m.group(0)[:start] + " " * len(m.group("rest"))


def _without_people(clause: str) -> str:
    """The clause with the credentials of named people and of the teaching staff blanked out."""
    if "," in clause:
        clause = _PERSON.sub(_person_letters, clause)
    clause = _CREDENTIALED_TEACHERS.sub(_blank, clause)
    return _TEACHERS.sub(_teachers_letters, clause)


def _undotted(m: re.Match[str]) -> str:
    return re.sub(r"[.\s]", "", m.group(0))


def _unspaced(m: re.Match[str]) -> str:
    joined = m.group(0).replace(" ", "")
    return joined if joined in _CODE_LETTERS else m.group(0)


_MARKS = re.compile("[\u00ae\u2122\u2120]|\\((?:R|TM)\\)")


def _strip_marks(text: str) -> str:
    """Without trademark marks ("CPC\u00ae", "CPC\u2122", "CPC(TM)"): removed before ``clean``, whose
    NFKC normalisation would turn "\u2122" into the letters "TM"."""
    return _MARKS.sub("", text)


def _prepare(text: Any) -> str | None:
    """The text with URLs gone and codes written with dots or spaces ("C.P.C.", "R H I T") joined."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = clean(_strip_marks(text))
    if "." in text:
        text = _DOTTED.sub(_undotted, text)
    text = _SPACED.sub(_unspaced, text)
    return _URL.sub(" ", text)


_CERT_NEGATION = re.compile(
    r"(?:\bnot|n['\u2019]t|\bnever)\s+(?:be\s+|yet\s+|currently\s+)?(?:eligible|prepared|qualified|able\s+to\s+(?:sit|take|write))\b"
    r"|\bineligible\b|\b(?:does|do|will|did)\s+not\s+(?:prepare|qualify|lead)\b|\b(?:doesn't|don't|won't)\s+(?:prepare|qualify|lead)\b"
    r"|\bcannot\s+(?:sit|take|write)\b|\bnot\s+(?:designed|intended)\s+to\s+prepare\b",
    re.IGNORECASE,
)
_SUBCLAUSE = re.compile(
    r",|\b(?:but|while|whereas|however)\b|\band\s+(?=(?:graduates|students|completers|it|this|the)\b)",
    re.IGNORECASE,
)


def find_certifications(text: str | None) -> list[str]:
    """Sorted unique certification codes named in ``text`` (see the module docstring)."""
    prepared = _prepare(text)
    if prepared is None:
        return []
    found: set[str] = set()
    for clause in clauses(prepared):
        if _SALARY.search(clause):
            continue  # "Certified Professional Biller (CPB) average salary": pay, not an exam it prepares for
        clause = _without_people(clause)
        low = clause.lower()
        if " who" in low:
            clause = _AUDIENCE.sub(_blank, clause)
        if any(w in low for w in ("progression", "bridge", "pathway", "completion", "track")):
            clause = _BRIDGE.sub(_blank, clause)
        if _CERT_NEGATION.search(clause):
            for part in _SUBCLAUSE.split(clause):
                if not _CERT_NEGATION.search(part):
                    found |= _certs_in_clause(part)
            continue
        found |= _certs_in_clause(clause)
    return sorted(found)


# A clause that matches none of these cannot name a certification (a fast pre-check; same results).
_ANY_CERT = re.compile(
    r"(?<![A-Za-z0-9_-])(?:"
    + "|".join(sorted({re.escape(c.split("-")[0]) for c in CERTIFICATIONS}, key=len, reverse=True))
    + r")|(?i:\b(?:"
    + "|".join(sorted({name.split()[0].lower() for name, _ in CERTIFICATIONS.values()}))
    + r")\b)"
)
_NAME_PATTERNS_ORDERED = sorted(
    _NAME_PATTERNS, key=lambda cp: (cp[0] not in _SUFFIX_PARENTS, cp[0])
)


def _certs_in_clause(clause: str) -> set[str]:
    found: set[str] = set()
    if not _ANY_CERT.search(clause):
        return found
    masked = clause
    # full names first, suffixed names before their parents; mask what matched
    for code, pattern in _NAME_PATTERNS_ORDERED:

        def mask(m: re.Match[str], code: str = code) -> str:
            found.add(code)
            return " " * len(m.group(0))

        masked = pattern.sub(mask, masked)
    for code, pattern in _CODE_PATTERNS:  # unambiguous codes first: they give context to the others
        if code in _AMBIGUOUS:
            continue

        def mask_plain(m: re.Match[str], code: str = code) -> str:
            found.add(code)
            return " " * len(m.group(0))

        masked = pattern.sub(mask_plain, masked)
    context = bool(_CONTEXT.search(clause)) or bool(found)
    for code, pattern in _CODE_PATTERNS:
        if code not in _AMBIGUOUS:
            continue

        def mask_code(m: re.Match[str], code: str = code) -> str:
            if context:
                found.add(code)
            return " " * len(m.group(0))

        masked = pattern.sub(mask_code, masked)
    return found


def normalize_certification(code: str) -> str:
    """The vocabulary code for ``code`` (any case, dashes/spaces tolerated, or a full name).

    Raises ``InvalidInput("certification", ...)`` for anything that is not a known certification.
    """
    allowed = ", ".join(CERTIFICATIONS)
    if not isinstance(code, str) or not code.strip():
        raise InvalidInput("certification", "a certification code is required", allowed=allowed)
    text = clean(_strip_marks(code)).strip()
    key = re.sub(r"\s*[-\s]\s*", "-", text.upper()).strip("-. ")
    if key in CERTIFICATIONS:
        return key
    if len(text) <= 200:
        name = " ".join(text.split())
        for found, pattern in sorted(
            _NAME_PATTERNS, key=lambda cp: (cp[0] not in _SUFFIX_PARENTS, cp[0])
        ):
            if pattern.fullmatch(name):
                return found
    raise InvalidInput("certification", f"unknown certification {text[:40]!r}", allowed=allowed)


# ---------------------------------------------------------------- accreditations

_ACC_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "CAHIIM": [
        re.compile(r"(?<![A-Za-z0-9])CAHIIM(?![A-Za-z0-9])", re.IGNORECASE),
        re.compile(_name_pattern(ACCREDITATIONS["CAHIIM"]), re.IGNORECASE),
    ],
    "PCAP": [
        re.compile(r"(?<![A-Za-z0-9])PCAP(?![A-Za-z0-9])"),
        re.compile(r"\bprofessional\s+certificate\s+approval\s+program\b", re.IGNORECASE),
        re.compile(r"\bAHIMA[\s-]+approved\b|\bapproved\s+by\s+(?:the\s+)?AHIMA\b", re.IGNORECASE),
    ],
    "ABHES": [
        re.compile(r"(?<![A-Za-z0-9])ABHES(?![A-Za-z0-9])"),
        re.compile(_name_pattern(ACCREDITATIONS["ABHES"]), re.IGNORECASE),
    ],
    "ACCSC": [
        re.compile(r"(?<![A-Za-z0-9])ACCSCT?(?![A-Za-z0-9])"),
        re.compile(
            _name_pattern(ACCREDITATIONS["ACCSC"])
            + r"|\baccrediting\s+commission\s+of\s+career\s+schools"
            r"\s+(?:and|&)\s+colleges(?:\s+of\s+technology)?\b",
            re.IGNORECASE,
        ),
    ],
    "COE": [re.compile(_name_pattern(ACCREDITATIONS["COE"]), re.IGNORECASE)],
    "DEAC": [
        re.compile(r"(?<![A-Za-z0-9])DEAC(?![A-Za-z0-9])"),
        re.compile(_name_pattern(ACCREDITATIONS["DEAC"]), re.IGNORECASE),
        re.compile(r"\bdistance\s+education\s+(?:and|&)\s+training\s+council\b", re.IGNORECASE),
    ],
    "AAPC": [
        re.compile(
            r"\bAAPC[\s-]+(?:approved|licensed|authorized)\b|\bapproved\s+by\s+(?:the\s+)?AAPC\b"
            r"|\bAAPC\s+(?:education|training)\s+partner\b|\bAAPC\s+approved\s+education\s+partner\b",
            re.IGNORECASE,
        )
    ],
}
_ACC_CUE = re.compile(
    r"accredit|approv|partner|recogni[sz]|reaffirm|endorse|licensed|authorized|member\s+of|certified\s+by|"
    r"institutional\s+accreditor|programmatic",
    re.IGNORECASE,
)
_ACC_NEGATIVE = re.compile(
    r"\bnot\b|n't\b|\bnon-?accredited\b|\bunaccredited\b|\bseek\w*|\bcandida\w*|\bin\s+the\s+process\b|\bpursu\w*"
    r"|\bapplied\s+for\b|\bappl(?:y|ying)\s+for\b|\bpending\b|\bworking\s+toward\w*|\bplans?\s+to\b|\bplanning\b"
    r"|\bwill\s+(?:be\s+)?(?:seek|apply|pursue|submit)\w*|\bintends?\b|\bintent\b|\banticipat\w*|\beligible\s+to\s+apply\b"
    r"|\bhas\s+yet\b|\bno\s+longer\b|\bwithdrawn\b|\brevoked\b|\bexpected\b|\bpre-?accredit\w*|\bself-?study\b"
    r"|\b(?:when|once|if|until|upon|after)\s+(?:it\s+is\s+|the\s+program\s+is\s+|being\s+)?accredit\w*"
    r"|\bbecome\s+accredited\b|\bto\s+be\s+accredited\b",
    re.IGNORECASE,
)
_GENERIC_REFERENCE = re.compile(
    r"(?:\b(?:from|of|attend|attended|attending|complete|completed|completing|graduated?|graduates?|in|any|another)\s+"
    r"(?:a|an|any|one)\s+$)|\bfrom\s+$|\bgraduat\w*\s+of\s+$",
    re.IGNORECASE,
)
_LIST_ONLY = re.compile(r"^[\s,;/&()\-]*(?:(?:and|or)\b[\s,;/&()\-]*)*$", re.IGNORECASE)


def find_accreditations(text: str | None) -> list[str]:
    """Sorted unique accreditation/approval codes the text states (see the module docstring)."""
    if not isinstance(text, str) or not text.strip():
        return []
    prepared = _URL.sub(" ", clean(text))
    found: set[str] = set()
    for line in prepared.split("\n"):
        line_clauses = clauses(line)
        names_line = _NamesLine(line_clauses)
        for clause in line_clauses:
            found |= _accs_in_clause(clause, names_line)
    return sorted(found)


class _NamesLine:
    """Whether every clause of a line is nothing but names; worked out once, when first asked."""

    def __init__(self, line_clauses: list[str]) -> None:
        self._clauses = line_clauses
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = all(_names_only(c) for c in self._clauses)
        return self._value


def _names_only(clause: str) -> bool:
    """A clause that is nothing but accreditation names ("CAHIIM", "ABHES / ACCSC", "or DEAC")."""
    return bool(_LIST_ONLY.match(_masked(clause, _hits(clause)).replace("\x00", " ")))


# Every accreditation pattern contains one of these words (a fast pre-check; same results).
_ANY_ACC = re.compile(
    r"cahiim|pcap|ahima|abhes|accsc|deac|aapc|accredit|commission|council|distance\s+education"
    r"|approval\s+program",
    re.IGNORECASE,
)


def _hits(clause: str) -> list[tuple[str, re.Match[str]]]:
    """Every accreditation name in the clause, in order (at most 100)."""
    hits: list[tuple[str, re.Match[str]]] = []
    if not _ANY_ACC.search(clause):
        return hits
    for code, patterns in _ACC_PATTERNS.items():
        for pattern in patterns:
            for m in pattern.finditer(clause):
                hits.append((code, m))
    return sorted(hits, key=lambda h: h[1].start())[:100]


def _masked(clause: str, hits: list[tuple[str, re.Match[str]]]) -> str:
    """The clause with every name replaced by NULs of the same length (positions stay valid)."""
    chars = list(clause)
    for _code, m in hits:  # "and" inside names disappears
        chars[m.start() : m.end()] = "\x00" * (m.end() - m.start())
    return "".join(chars)


def _accs_in_clause(clause: str, names_line: _NamesLine) -> set[str]:
    hits = _hits(clause)
    if not hits:
        return set()
    masked = _masked(clause, hits)
    # A list of names ("CAHIIM, PCAP") states them; so does one name in a line of names only (a list
    # item, a table cell), not one name left alone in prose (a page cut after "... (RHIT). CAHIIM").
    list_only = bool(_LIST_ONLY.match(masked.replace("\x00", " "))) and (
        len(hits) > 1 or bool(names_line)
    )
    found: set[str] = set()
    for code, m in hits:
        after = masked[m.end() :]
        if (
            _negated(masked, m.start(), m.end())
            or _DEFINITION.match(after)
            or _ITS_OWN.match(after)
        ):
            continue
        if _GENERIC_REFERENCE.search(clause[: m.start()]):
            continue  # "graduates of a CAHIIM-accredited program" ("is a CAHIIM-..." never matches it)
        if list_only or code in _SELF_STATING or _ACC_CUE.search(clause):
            found.add(code)
    return found


# "CAHIIM is the accrediting organization for educational programs in ...": what the body is, not
# a statement that this program holds its accreditation.
_DEFINITION = re.compile(
    r"^[\s\x00()]*(?:is|serves\s+as)\s+(?:the|an?)\s+(?:[\w-]+\s+){0,2}?(?:accrediting|accreditation"
    r"|accreditor)\b[^.]{0,60}?\b(?:for|of)\s+(?:the\s+accreditation\s+of\s+)?(?:[\w-]+\s+){0,3}?programs\b",
    re.IGNORECASE,
)


# "the CAHIIM Accreditation System", "CAHIIM's standards": something of the body's, not a claim.
_ITS_OWN = re.compile(
    r"^(?:['\u2019]s\b|\s+(?:accreditation\s+)?(?:system|process|manual|standards|policies|procedures|website"
    r"|web\s+site|portal|application|handbook)\b)",
    re.IGNORECASE,
)


def _negated(clause: str, start: int, end: int) -> bool:
    """A negative or prospective cue before the mention (same clause) or just after it."""
    before = _SPLIT.split(re.sub("\x00+", "\x00", clause[max(0, start - 500) : start])[-80:])[-1]
    after = _SPLIT.split(re.sub("\x00+", "\x00", clause[end : end + 500])[:60], maxsplit=1)[0]
    return bool(_ACC_NEGATIVE.search(before) or _ACC_NEGATIVE.search(after))


_SELF_STATING = {
    "PCAP",
    "AAPC",
}  # an approval program / "approved partner": the name states the approval
_SPLIT = re.compile(r",|\b(?:and|but|while|however|whereas)\b", re.IGNORECASE)


_STATEMENT = re.compile(
    r"\baccreditor\s+of\s+.{1,200}?\s+(?:is|has\s+been)\s+(?:the\s+)?"
    r"(?:commission\s+on\s+accreditation\s+for\s+health\s+informatics\s+(?:and|&)\s+information\s+management"
    r"\s+education|CAHIIM\b)",
    re.IGNORECASE | re.DOTALL,
)


def is_cahiim_statement(text: str | None) -> bool:
    """True when ``text`` carries CAHIIM's required accreditation statement (see module docstring)."""
    if not isinstance(text, str) or not text.strip():
        return False
    prepared = clean(text)
    for m in _STATEMENT.finditer(prepared):
        start = max(prepared.rfind(". ", 0, m.start()), prepared.rfind("\n", 0, m.start())) + 1
        sentence = prepared[start : m.end() + 20]
        if not _ACC_NEGATIVE.search(sentence):
            return True
    return False
