"""How a program is delivered: ``"on_campus"``, ``"online"``, ``"hybrid"`` or ``None``.

Rules of ``parse_delivery``:

* **hybrid** when the text says so ("hybrid", "blended", "mixed mode", "partially
  online", "web-enhanced", "online with on-campus labs", "some courses are offered
  online") **or when it offers both online and in-person study as options**
  ("online or on campus", "offered in online, hybrid and evening options", "day, evening
  and online sections", "mostly day courses, some evening and online", "a few online
  courses", a list ``["online", "onsite"]``): a student can take it, at least partly, at a distance
  and also on campus, so neither "online" nor "on_campus" alone would be true.
* **online** when only online signals are present: "online", "100% online", "fully
  online", "offered completely online", "distance learning/education", "e-learning",
  "virtual", "web-based", "correspondence courses" / "by correspondence" (not "classroom
  correspondence", a letter), "remote learning".
* **on_campus** when only in-person signals are present: "on campus", "on-campus", "in
  person", "in-person", "onsite", "on-site", "classroom", "face-to-face", "campus-based",
  "traditional classroom", "residential", "at our Chicago campus", "on the Hays campus",
  "day and evening classes on campus".
* schema.org / enum values map the same way: ``online`` / ``ONLINE`` /
  ``OnlineEventAttendanceMode`` -> online; ``onsite`` / ``IN_PERSON`` /
  ``OfflineEventAttendanceMode`` -> on_campus; ``blended`` / ``HYBRID`` /
  ``MixedEventAttendanceMode`` -> hybrid (URLs are read by their last segment).
* Not delivery signals (ignored): "apply online", "online application", "online
  tutoring/library/resources/portal"; "virtual/online classroom" counts as online;
  negated mentions ("not offered online"; a negated campus mention such as "without
  ever setting foot on campus" or "no campus visits" is an online signal); in-person parts that every program has
  (externship, practicum, clinical, proctored exams, orientation).
* Anything else ("full-time", "evening", "") gives ``None``.

``delivery_from_flags(distance_education, online_only)`` maps source flags: a school
that is online-only, or an IPEDS program whose distance-education flag is true, is
online; a distance-education flag that is explicitly false is on_campus; otherwise
None (a school that is not online-only says nothing about one program).
"""

from __future__ import annotations

import re
from typing import Any

from ._text import clauses, clean

__all__ = ["parse_delivery", "delivery_from_flags"]

_HYBRID = re.compile(
    r"\bhybrid\b|\bblended\b|\bhy-?flex\b|\bmixed(?:\s+(?:mode|modality|event|delivery|format))?\s*(?:attendance\s+mode\s*)?$"
    r"|\bmixed\s+(?:mode|modality|delivery|format)\b|\b(?:partially|partly|mostly|primarily|largely)\s+online\b"
    r"|\bweb-?\s?enhanced\b|\bonline\s+components?\b|\blow[- ]residency\b"
    r"|\bsome\s+(?:of\s+the\s+)?(?:courses|classes)\s+(?:are\s+|may\s+be\s+|can\s+be\s+)?(?:offered\s+|available\s+|taken\s+"
    r"|delivered\s+|completed\s+)?online\b"
    # schedule options listed next to online ones: "day, evening and online sections"
    r"|\b(?:day|daytime|evening|weekend)s?(?:\s*,\s*(?:day|daytime|evening|weekend)s?)*\s*,?\s*(?:and|or|&)\s+online\s+"
    r"(?:sections?|classes|courses|options|cohorts)\b"
    r"|\bonline\s*,?\s*(?:and|or|&)\s+(?:day|daytime|evening|weekend)\s+(?:sections?|classes|options|cohorts)\b"
    # a few courses online: "mostly day courses, some evening and online"
    r"|\bsome\s+(?:(?:day|daytime|evening|weekend|hybrid)\s*(?:,|and|or|&)\s*)*online\b"
    r"|\b(?:a\s+few|several|select(?:ed)?|certain)\s+(?:of\s+the\s+)?online\s+(?:courses|classes|sections)\b"
)
_ONLINE = re.compile(
    r"\bonline\b|\bon-line\b|\bdistance\s+(?:learning|education|ed\b|delivery|format)|\be-?learning\b|\bvirtual(?:ly)?\b"
    r"|\bweb-?\s?based\b|\binternet-?\s?based\b"
    r"|\bcorrespondence\s+(?:courses?|programs?|study|studies|school|education|learning|format|instruction)\b"
    r"|\bby\s+correspondence\b"
    r"|\bremote(?:ly)?\s+(?:learning|instruction|delivery|delivered|classes|courses|program|study|format)\b"
    r"|\bfrom\s+home\s+(?:study|learning)\b|\bsynchronous\b|\basynchronous\b"
)
_IN_PERSON = re.compile(
    r"\bon[- ]?campus\b|\bin[- ]?person\b|\bon[- ]?site\b|\bon[- ]ground\b|\bground[- ]based\b|\bclassroom(?:-based)?\b"
    r"|\bface[- ]to[- ]face\b|\bf2f\b|\bcampus[- ]based\b|\btraditional\s+(?:classroom|format|delivery|on-campus|setting)\b"
    r"|\bresidential\b|\boffline\b|\bseated\b|\bat\s+(?:the|our|its|one\s+of\s+our|any\s+of\s+our)\s+(?:[a-z.'-]+\s+){0,3}"
    r"campus(?:es)?\b|\b(?:on|in)\s+(?:the|our|its)\s+(?:[a-z.'-]+\s+){0,3}campus(?:es)?\b"
    r"|\bcampus\s+(?:location|locations|classes|courses|program|format|visits?|attendance)\b|\bday\s+and\s+evening\s+classes\b"
    r"|\bevening\s+classes\s+on\b|\b(?:main|north|south|east|west|downtown|central|satellite)\s+campus(?:es)?\b"
)
_NOISE = re.compile(
    r"\b(?:apply|register|enroll|pay|order|request\s+info(?:rmation)?|chat|sign\s+up|log\s+in|login|shop)\s+online\b"
    r"|\bonline\s+(?:application|applications|form|forms|tutoring|library|resources|services|student\s+services|portal"
    r"|orientation|catalog|bookstore|payment|payments|chat|support|store|help|directory|databases?|account|tools?"
    r"|job\s+boards?|jobs?|banking|presence|reviews?|search)\b"
    r"|\bvirtual\s+(?:tour|tours|open\s+house|info\s+session|information\s+session|advising|advisor)\b"
    r"|\bwork(?:ing)?\s+(?:remotely|from\s+home|online)\b"
)
_VIRTUAL_CLASSROOM = re.compile(
    r"\b(?:virtual|online|digital|live\s+online|interactive\s+online|web)\s+classrooms?\b"
)
_NEGATED = re.compile(
    r"\b(?:no|never|without|not|zero|non|isn't|aren't|cannot|can't|don't|doesn't|won't)\s+"
    r"(?:[a-z'-]+\s+){0,4}$"
)
_PRACTICAL = re.compile(
    r"\b(?:externships?|practicums?|practica|internships?|clinicals?|clinical\s+(?:rotation|experience|placement)"
    r"|proctored|exams?|testing|orientation|graduation|ceremony|commencement|info\s+session|open\s+house|advising)\b"
)
_SHORT_VALUES: dict[str, str] = {
    "online": "online",
    "onsite": "on_campus",
    "on site": "on_campus",
    "on-site": "on_campus",
    "in person": "on_campus",
    "inperson": "on_campus",
    "in-person": "on_campus",
    "on campus": "on_campus",
    "campus": "on_campus",
    "ground": "on_campus",
    "classroom": "on_campus",
    "face to face": "on_campus",
    "blended": "hybrid",
    "hybrid": "hybrid",
    "mixed": "hybrid",
    "distance": "online",
    "distance learning": "online",
    "distance education": "online",
    "traditional": "on_campus",
    "face-to-face": "on_campus",
    "seated": "on_campus",
    "in class": "on_campus",
    "in-class": "on_campus",
    "web": "online",
    "virtual": "online",
    "remote": "online",
}
_LABEL = re.compile(
    r"^(?:format|delivery|delivery\s+method|delivery\s+mode|mode|modality|instruction(?:al)?\s+method"
    r"|instruction|method|attendance|campus|location|learning\s+format|program\s+format)\s*:\s*"
)


def _prepare(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        parts = [p for p in (_prepare(v) for v in list(value)[:20]) if p]
        return " ; ".join(parts) if parts else None
    if isinstance(value, dict):
        for key in ("@id", "name", "value", "@value"):
            if isinstance(value.get(key), str):
                return _prepare(value[key])
        return None
    if not isinstance(value, str):
        return None
    text = clean(value).strip()
    if not text:
        return None
    if " " not in text:
        if (
            re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE)
            or text.count("/")
            or "#" in text
        ):
            text = re.split(r"[/#:]", text.rstrip("/"))[
                -1
            ]  # schema.org/OnlineEventAttendanceMode -> last segment
        text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)  # CamelCase
        text = text.replace("_", " ")
    return text.lower()


def parse_delivery(text: str | list[str] | None) -> str | None:
    """``"on_campus"``, ``"online"``, ``"hybrid"`` or ``None`` for a delivery text or value.

    See the module docstring for the rules (both online and in-person offered -> hybrid).

    """
    prepared = _prepare(text)
    if not prepared:
        return None
    return _classify(prepared)


def _classify(text: str) -> str | None:
    short = _LABEL.sub("", text.strip(" .;:,!")).replace("_", " ")
    if short in _SHORT_VALUES:
        return _SHORT_VALUES[short]
    text = _NOISE.sub(" ", text)
    text = _VIRTUAL_CLASSROOM.sub(" online ", text)
    hybrid = online = in_person = False
    for clause in clauses(text):
        if _HYBRID.search(clause):
            hybrid = True
        for m in _ONLINE.finditer(clause):
            if not _NEGATED.search(clause[max(0, m.start() - 60) : m.start()]):
                online = True
        for m in _IN_PERSON.finditer(clause):
            if _NEGATED.search(clause[max(0, m.start() - 60) : m.start()]):
                online = True  # "without ever setting foot on campus", "no on-campus visits"
                continue
            if _practical_near(clause, m.start(), m.end()):
                continue
            in_person = True
    if hybrid or (online and in_person):
        return "hybrid"
    if online:
        return "online"
    if in_person:
        return "on_campus"
    return None


def _practical_near(clause: str, start: int, end: int) -> bool:
    """An in-person mention that is about an externship, an exam or an event, not the classes."""
    words_after = " ".join(clause[end : end + 200].split()[:3])
    words_before = " ".join(clause[max(0, start - 200) : start].split()[-4:])
    return bool(_PRACTICAL.search(words_after) or _PRACTICAL.search(words_before))


def _flag(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value == 1:
            return True
        if value == 0:
            return False
        return None  # IPEDS -1 (missing) / -2 (not applicable)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("1", "true", "yes", "y", "t"):
            return True
        if text in ("0", "false", "no", "n", "f"):
            return False
    return None


def delivery_from_flags(distance_education: bool | None, online_only: bool | None) -> str | None:
    """Delivery from source flags (IPEDS distance-education flag, Scorecard ``online_only``).

    online-only school or distance-education program -> ``"online"``; distance flag
    explicitly false -> ``"on_campus"``; otherwise ``None``. Accepts 1/0 and
    "1"/"0"/"true"/"false"/"yes"/"no" too; IPEDS negative codes count as unknown.
    """
    distance = _flag(distance_education)
    only = _flag(online_only)
    if only is True or distance is True:
        return "online"
    if distance is False:
        return "on_campus"
    return None
