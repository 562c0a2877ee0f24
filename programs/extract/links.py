"""Keyword-guided link discovery for the ``program_pages`` spider.

``score_link(url, text)`` rates a link found on an institution's site: positive for links
that are likely to lead to an in-scope program page (coding, billing, health
information, HIM/HIT, medical records, reimbursement, revenue cycle) or to a listing of
programs (programs, academics, areas of study, catalog, certificates, degrees, health
sciences, allied health, workforce / continuing education, Acalog catalog pages);
negative for pages that never hold programs (athletics, news, events, calendar, login,
donate, apply, jobs, privacy ...) and for programs outside the scope (nursing, dental,
welding ...). Links that cannot be a page (``mailto:``, ``tel:``, ``javascript:``, ``#top``,
images, PDFs, office documents, media, archives) get :data:`REJECT`. The spider follows
links with a score above zero, best first.

``looks_like_program_url(url)`` tells whether a URL itself looks like an in-scope program
page (an in-scope keyword in its path, or an Acalog ``preview_program.php`` page).

Both are pure functions of their arguments; neither raises.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

REJECT = -100.0

_SCHEMES = (
    "mailto:",
    "tel:",
    "javascript:",
    "sms:",
    "fax:",
    "data:",
    "ftp:",
    "file:",
    "callto:",
    "skype:",
)
_FILE_EXT = re.compile(
    r"\.(?:jpe?g|png|gif|svg|webp|bmp|ico|tiff?|pdf|docx?|xlsx?|pptx?|csv|zip|gz|tgz|rar|7z|mp[34]|m4[av]|mov|avi"
    r"|wmv|webm|ogg|wav|ics|css|js|json|xml|rss|atom|exe|dmg|woff2?|ttf|eot)$",
    re.IGNORECASE,
)

# (pattern over the words of the URL path and the link text, weight)
_IN_SCOPE: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"\bmedical (?:billing|coding|coder|insurance|records?|reimbursement)\b"), 6.0),
    (re.compile(r"\bhealth (?:information|info)\b|\bhealth informatics\b"), 6.0),
    (re.compile(r"\b(?:coding|coder|coders|billing|biller)\b"), 4.0),
    (re.compile(r"\b(?:him|hit|himt|rhit|rhia|cpc|cpb|cca|ccs)\b"), 4.0),
    (
        re.compile(
            r"\b(?:reimbursement|revenue cycle|claims? (?:examin\w*|processing)|medical office)\b"
        ),
        3.0,
    ),
    (re.compile(r"\b(?:codificacion|facturacion|informacion (?:de )?salud)\b"), 4.0),
]
_LISTING: list[tuple[re.Pattern[str], float]] = [
    (
        re.compile(
            r"\b(?:health sciences?|allied health|health professions?|health careers?|healthcare|health care)\b"
        ),
        2.5,
    ),
    (
        re.compile(
            r"\b(?:programs?|programas?|programmes?|areas? of (?:study|interest)|fields? of study|majors?"
            r"|academics?|academic programs?|degrees?|certificates?|diplomas?|credentials?)\b"
        ),
        1.5,
    ),
    (
        re.compile(
            r"\b(?:catalog|catalogue|course catalog|programs? of study|preview program|content|catoid)\b"
        ),
        1.0,
    ),
    (
        re.compile(
            r"\b(?:workforce|continuing education|community education|non credit|noncredit|career training"
            r"|professional development|certifications?|online learning|online programs?|business)\b"
        ),
        1.5,
    ),
]
_NEGATIVE: list[tuple[re.Pattern[str], float]] = [
    (
        re.compile(
            r"\b(?:athletics?|sports?|teams?|roster|tickets?|news|newsroom|press|blog|blogs|stories|events?"
            r"|calendars?|podcasts?|magazine|gallery|photos?|videos?)\b"
        ),
        -6.0,
    ),
    (
        re.compile(
            r"\b(?:login|log in|sign in|signin|logout|my account|portal|password|webmail|email|canvas|blackboard"
            r"|moodle|d2l)\b"
        ),
        -5.0,
    ),
    (
        re.compile(
            r"\b(?:donate|donations?|give|giving|foundation|alumni|apply|application|apply now|enroll now"
            r"|request info|visit|tours?)\b"
        ),
        -3.0,
    ),
    (
        re.compile(
            r"\b(?:privacy|terms|cookies?|accessibility|title ix|sitemap|site map|search|contact us|directory"
            r"|employment|jobs at|human resources|careers at|bookstore|library|parking|housing|dining"
            r"|police|safety|board of trustees|foundation|store)\b"
        ),
        -2.5,
    ),
    (
        re.compile(
            r"\b(?:nursing|nurse|nclex|dental|dentistry|hygiene|pharmacy|radiolog\w*|sonography|phlebotomy|emt"
            r"|paramedic|surgical|massage|respiratory|physical therapy|occupational therapy|veterinary"
            r"|medical assist\w*|clinical medical|welding|hvac|automotive|cosmetology|culinary|electrical|plumbing"
            r"|truck|cdl|aviation|criminal justice|fire science|early childhood|enfermeria)\b"
        ),
        -5.0,
    ),
]
_WORDS = re.compile(r"[a-z0-9]+")


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _url_words(url: str) -> tuple[str, str, str]:
    """(path words, query words, lower-case path) of a URL (one that ``_is_rejected`` let through)."""
    parts = urlsplit(url.strip())
    path = unquote(parts.path or "")
    query = unquote(parts.query or "")
    # "medical-billing_coding" -> "medical billing coding"; CamelCase splits too
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", path)
    return _words(spaced), _words(query), path.lower()


def _is_rejected(url: str) -> bool:
    lower = url.strip().lower()
    if not lower or lower.startswith("#") or lower.startswith(_SCHEMES):
        return True
    try:
        path = urlsplit(lower).path
    except ValueError:
        return True
    return bool(_FILE_EXT.search(path))


def score_link(url: str, text: str = "") -> float:
    """How promising a link is for finding in-scope program pages (> 0: follow; :data:`REJECT`: never)."""
    if not isinstance(url, str) or _is_rejected(url):
        return REJECT
    path_words, query_words, path = _url_words(url)
    words = f"{path_words} {query_words} {_words(text or '')}"
    score = 0.0
    for pattern, weight in _IN_SCOPE:
        if pattern.search(words):
            score += weight
    for pattern, weight in _LISTING:
        if pattern.search(words):
            score += weight
    for pattern, weight in _NEGATIVE:
        if pattern.search(words):
            score += weight
    if "preview_program.php" in path:
        score += 4.0
    elif path.endswith(("content.php", "index.php")) and "catoid" in query_words:
        score += 1.0
    return round(score, 2)


def looks_like_program_url(url: str) -> bool:
    """True when the URL itself looks like an in-scope program page."""
    if not isinstance(url, str) or _is_rejected(url):
        return False
    path_words, query_words, path = _url_words(url)
    if "preview_program.php" in path:
        query = parse_qs(urlsplit(url).query)
        return bool(query.get("poid"))
    if not any(p.search(path_words) for p, _ in _IN_SCOPE):
        return False
    return not any(p.search(path_words) for p, _ in _NEGATIVE[:3])
