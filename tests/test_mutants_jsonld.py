"""programs/extract/jsonld.py pinned down: every schema.org variant it reads, field by field.

The rows call ``programs_from_items`` (the parsed JSON-LD items of a page) and compare whole
program dicts or single fields, so that each key name and each fallback has a row that fails
without it. Schools, addresses and prices are fictional.
"""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest

from programs.extract.jsonld import MAX_NODES, load_items, programs_from_items

PAGE = "https://www.example.edu/programs/coding"
PROGRAM = "EducationalOccupationalProgram"


def prog(**fields: Any) -> dict:
    node: dict[str, Any] = {"@type": PROGRAM, "name": "Medical Coding Certificate"}
    node.update(fields)
    return node


def one(**fields: Any) -> dict:
    programs, _ = programs_from_items([prog(**fields)], PAGE)
    assert len(programs) == 1
    return programs[0]


def test_a_whole_program() -> None:
    assert one(
        timeToComplete="P9M",
        educationalProgramMode=["online", "onsite"],
        offers={"category": "Tuition", "price": "3,995", "priceCurrency": "USD"},
        numberOfCredits=30,
        description="Prepares students for the CPC exam.",
        url="https://www.example.edu/coding",
        identifier={"propertyID": "CIP", "value": "51.0713"},
    ) == {
        "source": "jsonld",
        "name": "Medical Coding Certificate",
        "credential": "certificate",
        "credential_text": "Medical Coding Certificate",
        "cip": "51.0713",
        "length_months": 9.0,
        "length_min_months": 9.0,
        "length_text": "P9M",
        "credit_hours": 30.0,
        "clock_hours": None,
        "delivery": "hybrid",
        "delivery_text": "online, onsite",
        "tuition_usd": 3995.0,
        "tuition_text": "Tuition: 3,995",
        "certifications": ["CPC"],
        "accreditations": [],
        "url": "https://www.example.edu/coding",
        "description": "Prepares students for the CPC exam.",
    }


def test_a_bare_program() -> None:
    assert one(name="Medical Coding") == {
        "source": "jsonld",
        "name": "Medical Coding",
        "credential": None,
        "credential_text": None,
        "cip": None,
        "credit_hours": None,
        "clock_hours": None,
        "tuition_usd": None,
        "tuition_text": None,
        "certifications": [],
        "accreditations": [],
        "url": PAGE,  # no url of its own: the page's
        "description": None,
    }


@pytest.mark.parametrize(
    "fields,expected",
    [
        # the credential: from the name first, then from the credential fields
        (
            {"name": "Medical Coding", "programType": "Associate Degree"},
            ("associate", "Associate Degree"),
        ),
        (
            {"name": "Medical Coding", "educationalCredentialAwarded": ["", "Certificate"]},
            ("certificate", "Certificate"),
        ),
        (
            {
                "name": "Medical Coding",
                "educationalCredentialAwarded": {
                    "credentialCategory": "certificate",
                    "name": "Fictional Coding Award",
                },
            },
            ("certificate", "certificate"),
        ),
        (
            {
                "name": "Medical Coding",
                "educationalCredentialAwarded": [{"credentialCategory": "certificate"}],
            },
            ("certificate", "certificate"),
        ),
        (
            {"name": "Medical Coding", "occupationalCredentialAwarded": "Diploma"},
            ("certificate", "Diploma"),  # a diploma is in the certificate class
        ),
    ],
)
def test_credential(fields: dict, expected: tuple) -> None:
    found = one(**fields)
    assert (found["credential"], found["credential_text"]) == expected


@pytest.mark.parametrize(
    "identifier,fields,cip",
    [
        # the property that names the code: propertyID, PropertyID, propertyId, name or @type
        ({"PropertyID": "CIP", "value": "510713"}, {}, "51.0713"),
        ({"propertyId": "CIP", "value": "510713"}, {}, "51.0713"),
        ({"name": "CIP Code", "value": "510713"}, {}, "51.0713"),
        ({"@type": "CIPCode", "value": "510713"}, {}, "51.0713"),
        ({"propertyID": "CIP", "Value": "510713"}, {}, "51.0713"),
        ({"propertyID": "CIP", "@value": "510713"}, {}, "51.0713"),
        # with no property naming it, only a value written NN.NNNN is a CIP code
        ({"value": "51.0713"}, {}, "51.0713"),
        ({"propertyID": "Program ID", "value": "510713"}, {}, None),
        ({"propertyID": "Program ID", "value": 510713}, {}, None),
        # a text identifier that says CIP
        ("CIP 51.0713", {}, "51.0713"),
        ("Program code 51.0713", {}, None),
        # the code in a field of its own
        (None, {"educationalProgramCode": "51.0713"}, "51.0713"),
        (None, {"programCode": "51.0713"}, "51.0713"),
        (None, {"cip": "51.0713"}, "51.0713"),
        (None, {"cipCode": "51.0713"}, "51.0713"),
        (None, {"cipCode": ["51.0713"]}, None),
    ],
)
def test_cip(identifier: Any, fields: dict, cip: str | None) -> None:
    if identifier is not None:
        fields = {**fields, "identifier": identifier}
    assert one(**fields)["cip"] == cip


@pytest.mark.parametrize(
    "credits,expected",
    [
        ({"value": 900, "unitCode": "CLOCK_HOUR"}, (None, 900.0)),
        ({"value": 900, "name": "Contact hours"}, (None, 900.0)),
        ({"value": 120, "unitText": "hours of instruction"}, (None, 120.0)),
        ({"value": 30, "unitText": "credits"}, (30.0, None)),
    ],
)
def test_hours(credits: dict, expected: tuple) -> None:
    found = one(numberOfCredits=credits)
    assert (found["credit_hours"], found["clock_hours"]) == expected


@pytest.mark.parametrize(
    "mode,delivery,text",
    [
        ("online", "online", "online"),
        ("  Online  learning ", "online", "Online learning"),
        (["online", "onsite"], "hybrid", "online, onsite"),
        ({"name": "online"}, "online", "online"),
    ],
)
def test_delivery(mode: Any, delivery: str, text: str) -> None:
    found = one(educationalProgramMode=mode)
    assert (found["delivery"], found["delivery_text"]) == (delivery, text)


@pytest.mark.parametrize(
    "fields,tuition,text",
    [
        # no category: the raw price is the text
        ({"offers": {"price": 4350}}, 4350.0, "4350"),
        ({"offers": {"category": "Tuition", "price": 4350}}, 4350.0, "Tuition: 4350"),
        # an offer that is not an object is skipped, not the end
        ({"offers": ["see below", {"price": 4350}]}, 4350.0, "4350"),
        # fee categories are skipped unless they say tuition, total or program
        ({"offers": {"category": "Application fee", "price": 75}}, None, None),
        ({"offers": {"category": "Exam voucher", "price": 100}}, None, None),
        ({"offers": {"category": "Registration", "price": 100}}, None, None),
        ({"offers": {"category": "Deposit", "price": 100}}, None, None),
        ({"offers": {"category": "Books", "price": 100}}, None, None),
        ({"offers": {"category": "Supply kit", "price": 100}}, None, None),
        ({"offers": {"category": "Supplies", "price": 100}}, None, None),
        ({"offers": {"category": "Tuition fee", "price": 3995}}, 3995.0, "Tuition fee: 3995"),
        ({"offers": {"category": "Total fee", "price": 3995}}, 3995.0, "Total fee: 3995"),
        ({"offers": {"category": "Program fee", "price": 3995}}, 3995.0, "Program fee: 3995"),
        # priceSpecification: an object or a list; price, else maxPrice, else minPrice
        ({"offers": {"priceSpecification": [{"price": 3995}]}}, 3995.0, "3995"),
        ({"offers": {"priceSpecification": {"maxPrice": 4000, "minPrice": 3000}}}, 4000.0, "4000"),
        ({"offers": {"priceSpecification": {"minPrice": 3000}}}, 3000.0, "3000"),
        # the offer's own price comes before its specification's
        ({"offers": {"price": 3995, "priceSpecification": {"price": 4200}}}, 3995.0, "3995"),
        # an unreadable price does not hide the next one
        (
            {"offers": {"price": "Call us", "priceSpecification": {"price": 3995}}},
            3995.0,
            "3995",
        ),
        # per-credit prices times the credits (rounded to cents), named by unitText, unitCode or
        # the referenceQuantity's unitText, unitCode or name
        (
            {"numberOfCredits": 30, "offers": {"price": 250, "unitCode": "CREDIT"}},
            7500.0,
            "$250.00 per credit",
        ),
        (
            {
                "numberOfCredits": 30,
                "offers": {"price": 250, "referenceQuantity": {"unitText": "credit"}},
            },
            7500.0,
            "$250.00 per credit",
        ),
        (
            {
                "numberOfCredits": 30,
                "offers": {"price": 250, "referenceQuantity": {"unitCode": "credit hour"}},
            },
            7500.0,
            "$250.00 per credit",
        ),
        (
            {
                "numberOfCredits": 30,
                "offers": {"price": 250, "referenceQuantity": {"name": "unit", "value": 1}},
            },
            7500.0,
            "$250.00 per credit",
        ),
        (
            {
                "numberOfCredits": 30,
                "offers": {
                    "price": 250,
                    "unitText": "per credit",
                    "referenceQuantity": {"value": 1},
                },
            },
            7500.0,
            "$250.00 per credit",
        ),
        (
            {"numberOfCredits": 30.5, "offers": {"price": 249.99, "unitText": "credit"}},
            7624.7,
            "$249.99 per credit",
        ),
        # a unit that is not a credit: the price is the program's
        (
            {"numberOfCredits": 30, "offers": {"price": 3995, "unitText": "whole program"}},
            3995.0,
            "3995",
        ),
        # a per-credit unit on a price its category calls a total is a total
        (
            {
                "numberOfCredits": 30,
                "offers": {"category": "Total tuition", "price": 7500, "unitText": "credit"},
            },
            7500.0,
            "Total tuition: 7500",
        ),
        # a per-credit price with no credit count: the next price is tried
        (
            {
                "offers": {
                    "price": 250,
                    "unitText": "per credit",
                    "priceSpecification": {"price": 7500},
                }
            },
            7500.0,
            "7500",
        ),
        # the currency: the price's own, else the offer's, else dollars
        (
            {
                "offers": {
                    "priceCurrency": "EUR",
                    "priceSpecification": {"price": 3995, "priceCurrency": "USD"},
                }
            },
            3995.0,
            "3995",
        ),
        ({"offers": {"priceSpecification": {"price": 3995, "priceCurrency": "EUR"}}}, None, None),
        ({"offers": {"priceCurrency": "EUR", "priceSpecification": {"price": 3995}}}, None, None),
        ({"offers": {"price": 3995, "priceCurrency": "US$"}}, 3995.0, "3995"),
        ({"offers": {"price": 3995, "priceCurrency": "$"}}, 3995.0, "3995"),
        # a price in another currency does not hide a dollar price after it
        (
            {
                "offers": {
                    "price": 3000,
                    "priceCurrency": "EUR",
                    "priceSpecification": {"price": 3995, "priceCurrency": "USD"},
                }
            },
            3995.0,
            "3995",
        ),
        # only the first 20 offers are read
        ({"offers": [{"category": "Exam fee", "price": 1}] * 20 + [{"price": 3995}]}, None, None),
        (
            {"offers": [{"category": "Exam fee", "price": 1}] * 19 + [{"price": 3995}]},
            3995.0,
            "3995",
        ),
    ],
)
def test_tuition(fields: dict, tuition: float | None, text: str | None) -> None:
    found = one(**fields)
    assert (found["tuition_usd"], found["tuition_text"]) == (tuition, text)


@pytest.mark.parametrize(
    "fields,expected",
    [
        ({"url": "http://www.example.edu/coding"}, "http://www.example.edu/coding"),
        ({"url": "/coding"}, PAGE),
        ({"name": {"@value": "Medical Coding Certificate", "@language": "en"}}, None),
    ],
)
def test_url(fields: dict, expected: str | None) -> None:
    assert one(**fields)["url"] == (expected or PAGE)


@pytest.mark.parametrize(
    "name",
    [
        {"name": "Medical Coding Certificate"},
        {"@value": "Medical Coding Certificate"},
        {"value": "Medical Coding Certificate"},
        {"text": "Medical Coding Certificate"},
        ["", "Medical Coding Certificate"],
        "  Medical   Coding Certificate ",
    ],
)
def test_name_forms(name: Any) -> None:
    assert one(name=name)["name"] == "Medical Coding Certificate"


def test_description_counts_for_certifications() -> None:
    found = one(description={"text": "Graduates sit for the CCA exam."})
    assert found["certifications"] == ["CCA"]
    assert found["description"] == "Graduates sit for the CCA exam."


@pytest.mark.parametrize(
    "node_type",
    [
        "https://schema.org/EducationalOccupationalProgram",
        "http://schema.org/EducationalOccupationalProgram/",
        "schema:EducationalOccupationalProgram",
        ["Thing", "EducationalOccupationalProgram"],
    ],
)
def test_type_forms(node_type: Any) -> None:
    programs, _ = programs_from_items([{"@type": node_type, "name": "Medical Coding"}], PAGE)
    assert [p["name"] for p in programs] == ["Medical Coding"]


def test_type_without_at_sign() -> None:
    programs, _ = programs_from_items([{"type": PROGRAM, "name": "Medical Coding"}], PAGE)
    assert len(programs) == 1


@pytest.mark.parametrize(
    "items",
    [
        [{"@context": "https://schema.org", "@graph": prog()}],  # a graph of one node
        [[prog()]],  # lists inside the list
        [{"@graph": [prog()]}],
    ],
)
def test_containers(items: list) -> None:
    programs, _ = programs_from_items(items, PAGE)
    assert len(programs) == 1


def test_a_node_with_a_graph_and_fields_of_its_own_is_a_node() -> None:
    items = [{"@type": "CollegeOrUniversity", "name": "Fictional College", "@graph": [prog()]}]
    programs, institution = programs_from_items(items, PAGE)
    assert len(programs) == 1
    assert institution == {"name": "Fictional College"}


def test_at_most_max_nodes_are_read() -> None:
    programs, _ = programs_from_items([prog(name=f"Coding {i}") for i in range(600)], PAGE)
    assert len(programs) == MAX_NODES


def test_load_items_reads_at_most_50_scripts() -> None:
    empty = '<script type="application/ld+json">{}</script>'
    real = '<script type="application/ld+json">{"@type": "EducationalOccupationalProgram"}</script>'

    def scripts(n_before: int) -> list:
        doc = lxml.html.fromstring(f"<html><head>{empty * n_before}{real}</head></html>")
        return doc.xpath("//script")

    assert len(programs_from_items(load_items(scripts(49)), PAGE)[0]) == 1
    assert len(programs_from_items(load_items(scripts(50)), PAGE)[0]) == 0


# ---- the institution -------------------------------------------------------------------------

ADDRESS = {
    "@type": "PostalAddress",
    "streetAddress": "100 Fictional Way",
    "addressLocality": "Springfield",
    "addressRegion": "IL",
    "postalCode": "62701",
}
FULL = {"address": "100 Fictional Way", "city": "Springfield", "state": "IL", "zip": "62701"}
OTHER_ORG = {
    "@type": "CollegeOrUniversity",
    "name": "Fictional Other College",
    "address": {
        "streetAddress": "9 Other Rd",
        "addressLocality": "Elsewhere",
        "postalCode": "60601",
    },
}


def institution(*nodes: dict) -> dict:
    return programs_from_items(list(nodes), PAGE)[1]


@pytest.mark.parametrize(
    "provider,extra,expected",
    [
        # the provider of the (first) program
        (
            {"name": "Fictional College", "address": ADDRESS},
            [],
            {"name": "Fictional College", **FULL},
        ),
        # a list of providers: the first
        (
            [{"name": "Fictional College"}, {"name": "Fictional Second College"}],
            [],
            {"name": "Fictional College"},
        ),
        ([], [], {}),
        # references to nodes of the graph: the provider, its address, an address in a list
        (
            {"@id": "#p", "@type": "Corporation"},
            [{"@id": "#p", "@type": "Corporation", "name": "Fictional Training Corp"}],
            {"name": "Fictional Training Corp"},
        ),
        (
            [{"@id": "#p"}],
            [{"@id": "#p", "name": "Fictional Training Corp"}],
            {"name": "Fictional Training Corp"},
        ),
        (
            {"@id": "#p", "@type": "Corporation", "name": "Local label"},  # not a bare reference
            [{"@id": "#p", "@type": "Corporation", "name": "Fictional Training Corp"}],
            {"name": "Local label"},
        ),
        ({"@id": "#missing"}, [], {}),
        (
            {"name": "Fictional College", "address": {"@id": "#a"}},
            [{"@id": "#a", **ADDRESS}],
            {"name": "Fictional College", **FULL},
        ),
        (
            {"name": "Fictional College", "address": [7, {"@id": "#a"}]},
            [{"@id": "#a", **ADDRESS}],
            {"name": "Fictional College", **FULL},
        ),
        ({"name": "Fictional College", "address": [7]}, [], {"name": "Fictional College"}),
        (
            {"name": "Fictional College", "address": "100 Fictional Way,\n  Springfield, IL 62701"},
            [],
            {"name": "Fictional College", "text": "100 Fictional Way, Springfield, IL 62701"},
        ),
        (
            {"name": "Fictional College", "location": ADDRESS},
            [],
            {"name": "Fictional College", **FULL},
        ),
        (
            {"name": "Fictional College", "address": {"postalCode": 62701}},
            [],
            {"name": "Fictional College", "zip": "62701"},
        ),
        # the provider's name and address come first; an organisation node fills the gaps
        (
            {"name": "Fictional College"},
            [OTHER_ORG],
            {
                "name": "Fictional College",
                **{"address": "9 Other Rd", "city": "Elsewhere", "zip": "60601"},
            },
        ),
        ({"address": ADDRESS}, [OTHER_ORG], {"name": "Fictional Other College", **FULL}),
        (
            {"address": {"streetAddress": "100 Fictional Way"}},
            [OTHER_ORG],
            {"name": "Fictional Other College", "address": "100 Fictional Way"},
        ),
        (
            {"address": {"addressLocality": "Springfield"}},
            [OTHER_ORG],
            {"name": "Fictional Other College", "city": "Springfield"},
        ),
        (
            {"address": {"postalCode": "62701"}},
            [OTHER_ORG],
            {"name": "Fictional Other College", "zip": "62701"},
        ),
        (
            {"address": "Springfield, IL"},
            [OTHER_ORG],
            {"name": "Fictional Other College", "text": "Springfield, IL"},
        ),
        # only organisation nodes count, not the page's other nodes
        (
            None,
            [{"@type": "WebPage", "name": "Programs | Fictional"}, OTHER_ORG],
            {
                "name": "Fictional Other College",
                "address": "9 Other Rd",
                "city": "Elsewhere",
                "zip": "60601",
            },
        ),
    ],
)
def test_institution(provider: Any, extra: list, expected: dict) -> None:
    program = prog() if provider is None else prog(provider=provider)
    assert institution(program, *extra) == expected


def test_the_first_program_gives_the_provider() -> None:
    first = prog(provider={"name": "Fictional College"})
    second = prog(name="Medical Billing", provider={"name": "Fictional Second College"})
    assert institution(first, second) == {"name": "Fictional College"}


def test_no_program_still_gives_the_organisation() -> None:
    assert institution(OTHER_ORG)["name"] == "Fictional Other College"
