"""GET /programs/<id>: one program as a page a person can read, print and share.

Server-rendered from the same listing document as GET /api/v1/programs/<id>; no script is
needed and nothing is fetched from another site. Unknown ids get a 404 page, a malformed id a
400 page, an unavailable store a 503 page (each a page, not JSON, since people land here).
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, current_app, render_template, request

from programs.errors import StoreUnavailable
from programs.vocab import ACCREDITATIONS, CERTIFICATIONS

from ..problems import redact
from ..store import get_store
from .meta import CREDENTIAL_NAMES, DELIVERY_NAMES
from .meta import NOT_REPORTED as NOT_REPORTED_WHY
from .pages import NOT_REPORTED, fmt_count, fmt_date, fmt_length, fmt_money, safe_url

bp = Blueprint("program_page", __name__)

_ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$", re.ASCII)

#: how each source is named on the page, and what it is
SOURCE_NAMES = {
    "ipeds": "IPEDS (National Center for Education Statistics)",
    "scorecard": "College Scorecard (U.S. Department of Education)",
    "program_pages": "The school's own program page",
}


def college_navigator_url(unitid: Any) -> str | None:
    """NCES College Navigator's page of a school, by its IPEDS UNITID (six digits)."""
    text = str(unitid or "").strip()
    return (
        f"https://nces.ed.gov/collegenavigator/?id={text}" if re.fullmatch(r"\d{6}", text) else None
    )


def scorecard_url(unitid: Any) -> str | None:
    """The College Scorecard's page of a school, by its UNITID."""
    text = str(unitid or "").strip()
    return (
        f"https://collegescorecard.ed.gov/school/?{text}" if re.fullmatch(r"\d{6}", text) else None
    )


def source_vintage(ref: dict[str, Any]) -> str | None:
    """The edition of a source's data (``sources[].vintage``, e.g. "IPEDS 2023\u201324 completions
    and 2024 directory, NCES"), when the crawl that gave it recorded one."""
    vintage = ref.get("vintage")
    return str(vintage) if vintage else None


def check_links(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, url) of the places a reader can check this listing against."""
    prog, inst = doc.get("program") or {}, doc.get("institution") or {}
    links = [
        ("The program's page on the school's site", safe_url(prog.get("url"))),
        ("The school's website", safe_url(inst.get("url"))),
        ("The school in College Navigator (NCES)", college_navigator_url(inst.get("unitid"))),
        ("The school in the College Scorecard", scorecard_url(inst.get("unitid"))),
    ]
    seen: set[str] = set()
    out = []
    for label, url in links:
        if url and url not in seen:
            seen.add(url)
            out.append((label, url))
    return out


def _public_url(path: str) -> str:
    """The address to share: under PUBLIC_BASE_URL when set (behind a proxy), else as requested."""
    base = (current_app.config.get("PUBLIC_BASE_URL") or request.host_url).rstrip("/")
    return base + path


def _page(template: str, status: int, **context: Any):
    html = render_template(template, **context)
    resp = current_app.response_class(html, status=status, mimetype="text/html")
    resp.headers["Cache-Control"] = "public, max-age=300" if status == 200 else "no-store"
    if status == 503:
        resp.headers["Retry-After"] = "30"
    return resp


def _problem_page(status: int, title: str, detail: str):
    return _page("error.html", status, problem={"title": title, "detail": detail})


@bp.get("/programs/<listing_id>")
def show(listing_id: str):
    if not _ID_RE.match(listing_id):
        return _problem_page(400, "Not a program link", "This address does not name a program.")
    try:
        listing = get_store().get(listing_id)
    except StoreUnavailable as exc:
        current_app.logger.warning("store unavailable on %s: %s", request.path, redact(str(exc)))
        return _problem_page(
            503,
            "Program database unavailable",
            "The program database is unavailable right now. Please try again in a minute.",
        )
    if listing is None:
        return _problem_page(
            404,
            "Program not found",
            "No program has this address. It may have been removed, or the link is mistyped.",
        )
    doc = listing.to_doc()
    return _page(
        "program.html",
        200,
        doc=doc,
        prog=doc["program"],
        inst=doc["institution"],
        outcomes=doc.get("outcomes") or {},
        credential_names=CREDENTIAL_NAMES,
        delivery_names=DELIVERY_NAMES,
        certifications=CERTIFICATIONS,
        accreditations=ACCREDITATIONS,
        source_names=SOURCE_NAMES,
        check_links=check_links(doc),
        source_vintage=source_vintage,
        safe_url=safe_url,
        fmt_length=fmt_length,
        fmt_money=fmt_money,
        fmt_count=fmt_count,
        fmt_date=fmt_date,
        not_reported=NOT_REPORTED,
        not_reported_why=NOT_REPORTED_WHY,
        page_url=_public_url(request.path),
    )
