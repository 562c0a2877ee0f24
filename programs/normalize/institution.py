"""Institution names, web addresses, states and ZIP codes.

* ``normalize_institution_name(name)`` is a MATCHING KEY, not a display name: HTML
  entities decoded, accents dropped, lower case, "&" -> "and", "St."/"St" -> "saint",
  "Ste." -> "sainte", "Mt." -> "mount", "Ft." -> "fort", "Univ." -> "university",
  apostrophes dropped ("Mary's" -> "marys"), other punctuation -> space, a leading
  "the " dropped, spaces collapsed. "The University of Alabama" and "University of
  Alabama" give the same key. ``None`` or blank gives ``""``.
* ``clean_institution_name(name)`` is for DISPLAY: entities decoded, trimmed, single
  spaces, no trailing punctuation (``. , ; : -``). ``None`` gives ``""``.
* ``normalize_url(url)``: IPEDS ``WEBADDR`` values ("www.uab.edu/", "uab.edu") get
  ``https://``; an explicit ``http://`` is kept; a protocol-relative "//host" gets
  https; scheme and host are lower-cased, default ports, user info and the fragment
  are dropped, an empty path becomes "/", unsafe characters are percent-encoded
  (w3lib). Other schemes (javascript:, mailto:, data:, ftp:, tel:) and hosts that are
  not a domain name, ``localhost`` or an IP address give ``None``.
* ``site_domain(url)``: the lower-case host of the normalised URL without a leading
  "www."/"www2." and without the port ("https://www.uab.edu/x" -> "uab.edu"). It is not
  cut down to the registrable domain, because one registrable domain can hold several
  institutions ("bmcc.cuny.edu" and "hunter.cuny.edu"). ``url_on_site(url, site)``
  tells whether a page URL is on that site or one of its sub-domains.
* ``normalize_state(text)``: two-letter code for "IL", "il", "Illinois", "Ill."-less
  forms such as "N.Y." and "D.C."; otherwise ``None`` (uses :func:`programs.geo.parse_state`).
* ``normalize_zip5(text)``: the 5-digit ZIP. ZIP+4 ("60601-1234", "606011234") keeps the
  first five; digits that lost leading zeros to a numeric CSV reader are padded (int
  ``601`` or "601" -> "00601", a 7-8 digit ZIP+4 is padded to 9 first); "60601.0" is read
  as 60601; 1-, 2- and 6-digit values, "00000" and anything else give ``None``.

None of these raise.
"""

from __future__ import annotations

import html
import ipaddress
import math
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import safe_url_string

from ..geo import parse_state
from ._text import clean

__all__ = [
    "normalize_institution_name",
    "clean_institution_name",
    "normalize_url",
    "site_domain",
    "url_on_site",
    "normalize_state",
    "normalize_zip5",
]

_ABBREV = [
    (re.compile(r"\bst\b\.?"), "saint"),
    (re.compile(r"\bste\b\.?"), "sainte"),
    (re.compile(r"\bmt\b\.?"), "mount"),
    (re.compile(r"\bft\b\.?"), "fort"),
    (re.compile(r"\buniv\b\.?"), "university"),
]


def _text(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return clean(html.unescape(value))


def normalize_institution_name(name: str | None) -> str:
    """A matching key for an institution name (rules in the module docstring)."""
    text = _text(name)
    if not text.strip():
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("+", " and ")
    text = re.sub(r"['\u2018\u2019`\u00b4]", "", text)
    for pattern, repl in _ABBREV:
        text = pattern.sub(repl, text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text


def clean_institution_name(name: str | None) -> str:
    """A display form of an institution name (rules in the module docstring)."""
    # keep the name's own characters (an em dash, accents): only entities, control
    # characters and runs of white space are cleaned up for display
    if not isinstance(name, str):
        return ""
    text = "".join(ch for ch in html.unescape(name) if ch.isprintable() or ch.isspace())
    text = " ".join(text.split())
    return text.rstrip(" .,;:-\u2013\u2014").lstrip(" ,;:-\u2013\u2014")


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(?!\d)")
_HOST = re.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"
)


def _valid_host(host: str) -> bool:
    if host == "localhost" or _HOST.match(host):
        return True
    try:
        ipaddress.ip_address(host)  # urlsplit's hostname has no brackets around an IPv6 address
        return True
    except ValueError:
        return False


def normalize_url(url: str | None) -> str | None:
    """An absolute http(s) URL for an institution or page address, or ``None``.

    An address that cannot be parsed (a bad port, an IPv6 host that is not one, an
    unencodable host name) is no address: ``None``.
    """
    try:
        return _normalize_url(url)
    except (ValueError, UnicodeError):
        return None


def _normalize_url(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    text = clean(url).strip().strip("\"'<>")
    if not text or len(text) > 2048 or re.search(r"[\x00-\x1f\x7f]", text):
        return None
    if text.startswith("//"):
        text = "https:" + text
    elif "://" in text:
        scheme = text.split("://", 1)[0].lower()
        if scheme not in ("http", "https"):
            return None
    elif _SCHEME.match(text):
        return None  # mailto:, javascript:, data:, tel:, ...
    else:
        text = "https://" + text
    text = text.replace("\\", "/")
    parts = urlsplit(safe_url_string(text))
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host or not _valid_host(host):
        return None
    port = parts.port  # raises ValueError on a bad port -> None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and not (
        (scheme == "https" and port == 443) or (scheme == "http" and port == 80)
    ):
        netloc += f":{port}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def site_domain(url: str | None) -> str | None:
    """The host of ``url`` without "www." (for matching pages to institutions), or ``None``."""
    normalized = normalize_url(url)
    if normalized is None:
        return None
    host = urlsplit(normalized).hostname or ""
    host = re.sub(r"^www\d*\.", "", host)
    return host or None


def url_on_site(url: str | None, site: str | None) -> bool:
    """True when ``url`` is on ``site`` (a domain or a URL) or one of its sub-domains."""
    page = site_domain(url)
    domain = site_domain(site)
    if not page or not domain:
        return False
    return page == domain or page.endswith("." + domain)


def normalize_state(text: str | None) -> str | None:
    """Two-letter state/territory code for "IL", "il", "Illinois", "N.Y.", "D.C."; else ``None``."""
    if not isinstance(text, str):
        return None
    value = " ".join(clean(text).split())
    if not value or len(value) > 40:
        return None
    if re.fullmatch(r"(?:[A-Za-z]\.\s?){2}", value):
        value = value.replace(".", "").replace(" ", "")
    return parse_state(value)


def normalize_zip5(text: str | int | None) -> str | None:
    """The 5-digit ZIP code of ``text`` (rules in the module docstring), or ``None``."""
    return _zip5(text)


def _zip5(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        value = int(value)
    if isinstance(value, int):
        if value <= 0:
            return None
        digits = str(value)
    elif isinstance(value, str):
        text = clean(value).strip()
        if len(text) > 20:
            return None
        m = re.fullmatch(r"(\d{3,5})(?:\s*-\s*|\s+)(\d{4})", text)
        if m:
            zip5 = m.group(1).zfill(5)
            return None if zip5 == "00000" else zip5
        m = re.fullmatch(r"(\d+)(?:\.0+)?", text)
        if not m:
            return None
        digits = m.group(1)
    else:
        return None
    if len(digits) in (1, 2, 6) or len(digits) > 9:
        return None
    if len(digits) <= 5:
        zip5 = digits.zfill(5)
    else:
        zip5 = digits.zfill(9)[:5]
    return None if zip5 == "00000" else zip5
