"""GET /api/v1/programs/<id>: one listing with all its sources."""

from __future__ import annotations

import re

from apiflask import APIBlueprint
from flask import current_app

from programs.errors import InvalidInput

from ..http import json_response
from ..problems import Problem
from ..schemas import ListingFullOut, allowed_for
from ..store import get_store

bp = APIBlueprint("programs", __name__, tag="Programs")

_ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$", re.ASCII)


@bp.get("/api/v1/programs/<listing_id>")
@bp.output(
    ListingFullOut,
    description="The listing, with each source's contribution and when it was last seen",
)
@bp.doc(
    summary="One program",
    description=(
        "One listing by id (as found in search results), with its sources (which source said what, and when each "
        "last saw it) and the provenance of each merged field. A listing that every source stopped showing has "
        "status `removed`."
    ),
    responses={
        400: "Malformed id (problem details)",
        404: "No listing has this id (problem details)",
        503: "The program database is unavailable (problem details)",
    },
)
def get_program(listing_id: str):
    if not _ID_RE.match(listing_id):
        raise InvalidInput(
            "id", f"{listing_id[:40]!r} is not a listing id", allowed=allowed_for("id")
        )
    listing = get_store().get(listing_id)
    if listing is None:
        raise Problem(404, f"no program has the id {listing_id!r}", title="Program not found")
    return json_response(listing.to_doc(), max_age=current_app.config["SEARCH_MAX_AGE"])
