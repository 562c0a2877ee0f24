"""The stored JSON pair (document and public form) a write produces equals encoding the dicts."""

from __future__ import annotations

import json
import math

from programs.merge import build, contribute
from programs.model import SourceRef, compact_json, document_json, public_doc
from tests.store_cases import make_listings


def test_document_json_equals_encoding_the_document_and_its_public_form():
    for incoming in make_listings(5):
        ref = SourceRef(
            source="ipeds",
            url="https://x.example.edu/",
            fetched_at="2026-11-20T03:00:00Z",
            run_id="r1",
        )
        listing = contribute(None, incoming, ref)
        doc, pub = document_json(listing)
        assert doc == compact_json(listing.to_doc())
        assert pub == compact_json(public_doc(listing.to_doc()))
        assert json.loads(doc)["sources"][0]["fields"] and "provenance" not in json.loads(pub)


def test_document_json_writes_nan_as_null():
    listing = build(
        "nan-listing",
        [
            SourceRef(
                source="ipeds",
                fields={
                    "institution.name": "A",
                    "program.name": "B",
                    "outcomes.median_debt": math.inf,
                },
            )
        ],
    )
    doc, pub = document_json(listing)
    assert (
        json.loads(doc)["outcomes"]["median_debt"] is None
        and json.loads(pub)["outcomes"]["median_debt"] is None
    )
