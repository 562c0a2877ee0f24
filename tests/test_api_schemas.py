"""The response schemas in the OpenAPI document are tied to the model: every field a listing's JSON
has is documented, and every documented field is in the JSON (search results, the online section and
one listing in full). A field added to the model and not to search_api/schemas.py (or the other way
round) fails here."""

from __future__ import annotations

import dataclasses
import json

import pytest

from programs.model import Institution, Listing, Outcomes, Program, SourceRef, public_doc
from search_api import schemas


def declared(schema_cls) -> set[str]:
    return set(schema_cls().fields)


MODEL_SCHEMAS = [
    (Institution, schemas.InstitutionOut),
    (Program, schemas.ProgramOut),
    (Outcomes, schemas.OutcomesOut),
    (SourceRef, schemas.SourceFullOut),
]


@pytest.mark.parametrize(("model", "schema"), MODEL_SCHEMAS, ids=lambda x: x.__name__)
def test_each_part_of_a_listing_has_its_schema(model, schema):
    assert {f.name for f in dataclasses.fields(model)} == declared(schema)


def sample_listing() -> Listing:
    return Listing(
        id="x",
        institution=Institution(name="Lakeshore College"),
        program=Program(name="Medical Coding", credential="certificate"),
        sources=[SourceRef(source="ipeds")],
    )


def test_listing_documents_match_their_schemas():
    doc = sample_listing().to_doc()
    assert set(doc) == declared(schemas.ListingFullOut)
    public = public_doc(doc)
    assert set(public) == declared(schemas.ListingOut)
    assert set(public["sources"][0]) == declared(schemas.SourceOut)
    assert set(public) | {"distance_miles"} == declared(schemas.SearchHitOut)


# ------------------------------------------------------------------ the served JSON against the spec
@pytest.fixture
def spec(client):
    return json.loads(client.get("/api/v1/openapi.json").get_data(as_text=True))


def resolve(spec: dict, node: dict) -> dict:
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def mismatches(spec: dict, value, node: dict, path: str) -> list[str]:
    """Where ``value`` has a key the schema lacks, or the schema a property ``value`` lacks."""
    node = resolve(spec, node)
    if isinstance(value, list) and "items" in node:
        return [
            m
            for i, v in enumerate(value)
            for m in mismatches(spec, v, node["items"], f"{path}[{i}]")
        ]
    if not isinstance(value, dict) or "properties" not in node:
        return []
    props = node["properties"]
    out = [f"{path}.{k}: not in the schema" for k in sorted(set(value) - set(props))]
    out += [f"{path}.{k}: documented, not in the JSON" for k in sorted(set(props) - set(value))]
    for key in set(value) & set(props):
        out += mismatches(spec, value[key], props[key], f"{path}.{key}")
    return out


def test_search_results_match_the_schema(client, spec):
    body = client.get("/api/v1/programs?zip=60601&radius=100&per_page=50").get_json()
    assert body["results"] and body["online"]["results"]  # both kinds of hits are checked
    assert (
        mismatches(
            spec,
            body["results"],
            {"items": {"$ref": "#/components/schemas/SearchHitOut"}},
            "results",
        )
        == []
    )
    online = {"items": {"$ref": "#/components/schemas/SearchHitOut"}}
    assert mismatches(spec, body["online"]["results"], online, "online.results") == []
    assert (
        mismatches(spec, body["location"], {"$ref": "#/components/schemas/PlaceOut"}, "location")
        == []
    )


def test_one_listing_in_full_matches_the_schema(client, spec):
    hit = client.get("/api/v1/programs?zip=60601").get_json()["results"][0]
    full = client.get(f"/api/v1/programs/{hit['id']}").get_json()
    assert mismatches(spec, full, {"$ref": "#/components/schemas/ListingFullOut"}, "listing") == []
