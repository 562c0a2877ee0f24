"""schema.org EducationalOccupationalProgram in JSON-LD: the variants real pages use."""

from __future__ import annotations

import json

import pytest

from programs.extract import extract_page

URL = "https://www.example.edu/programs/medical-coding.html"


def page(
    *items: object, body: str = "<h1>Medical Coding Certificate</h1>", raw: str | None = None
) -> str:
    scripts = "".join(
        f'<script type="application/ld+json">{raw if raw is not None else json.dumps(item)}</script>'
        for item in (items or [None])
    )
    return f"<!doctype html><html><head><title>T</title>{scripts}</head><body><main>{body}</main></body></html>"


def program(**fields: object) -> dict:
    base = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": "Medical Coding Certificate",
    }
    base.update(fields)
    return base


def only(html: str) -> dict:
    result = extract_page(html, URL)
    assert result.method == "jsonld", result
    assert len(result.programs) == 1, result.programs
    return result.programs[0]


# (JSON-LD fields, expected program fields)
CASES: list[tuple[dict, dict]] = [
    # timeToComplete: ISO durations and ranges
    ({"timeToComplete": "P9M"}, {"length_months": 9.0, "length_min_months": 9.0}),
    ({"timeToComplete": "P1Y"}, {"length_months": 12.0}),
    ({"timeToComplete": "P40W"}, {"length_months": 9.2}),
    ({"timeToComplete": "P12W"}, {"length_months": 2.8}),
    ({"timeToComplete": "P3Y-P4Y"}, {"length_months": 48.0, "length_min_months": 36.0}),
    ({"timeToComplete": "P18M-P2Y"}, {"length_months": 24.0, "length_min_months": 18.0}),
    ({"timeToComplete": "9 months"}, {"length_months": 9.0}),
    # educationalProgramMode
    ({"educationalProgramMode": "online"}, {"delivery": "online"}),
    ({"educationalProgramMode": "ONLINE"}, {"delivery": "online"}),
    ({"educationalProgramMode": "onsite"}, {"delivery": "on_campus"}),
    ({"educationalProgramMode": "IN_PERSON"}, {"delivery": "on_campus"}),
    ({"educationalProgramMode": "blended"}, {"delivery": "hybrid"}),
    ({"educationalProgramMode": "HYBRID"}, {"delivery": "hybrid"}),
    ({"educationalProgramMode": ["online", "onsite"]}, {"delivery": "hybrid"}),
    (
        {"educationalProgramMode": "https://schema.org/OnlineEventAttendanceMode"},
        {"delivery": "online"},
    ),
    # offers: price, priceSpecification.price, strings with commas, per-credit prices
    (
        {"offers": {"@type": "Offer", "price": 4350, "priceCurrency": "USD"}},
        {"tuition_usd": 4350.0},
    ),
    (
        {"offers": {"@type": "Offer", "price": "5200", "priceCurrency": "USD"}},
        {"tuition_usd": 5200.0},
    ),
    (
        {
            "offers": {
                "@type": "Offer",
                "priceSpecification": {
                    "@type": "PriceSpecification",
                    "price": "2,995.00",
                    "priceCurrency": "USD",
                },
            }
        },
        {"tuition_usd": 2995.0},
    ),
    (
        {
            "offers": {
                "@type": "Offer",
                "category": "Total Cost",
                "priceSpecification": {
                    "@type": "UnitPriceSpecification",
                    "price": 2790,
                    "priceCurrency": "USD",
                },
            }
        },
        {"tuition_usd": 2790.0},
    ),
    (
        {
            "offers": [
                {"@type": "Offer", "category": "Application fee", "price": 25},
                {"@type": "Offer", "category": "Tuition", "price": 3995},
            ]
        },
        {"tuition_usd": 3995.0},
    ),
    (
        {
            "numberOfCredits": 30,
            "offers": {
                "@type": "Offer",
                "priceSpecification": {
                    "@type": "UnitPriceSpecification",
                    "price": 150,
                    "priceCurrency": "USD",
                    "unitText": "credit hour",
                },
            },
        },
        {"tuition_usd": 4500.0, "credit_hours": 30.0},
    ),
    ({"offers": {"@type": "Offer", "price": 900, "priceCurrency": "EUR"}}, {"tuition_usd": None}),
    ({"offers": {"@type": "Offer", "price": "Free"}}, {"tuition_usd": None}),
    # identifier: CIP with either spelling, one object or a list
    (
        {"identifier": [{"@type": "PropertyValue", "propertyID": "CIP2010", "value": "51.0713"}]},
        {"cip": "51.0713"},
    ),
    (
        {"identifier": {"@type": "PropertyValue", "PropertyID": "CIP2010", "Value": "51.0713"}},
        {"cip": "51.0713"},
    ),
    (
        {"identifier": {"@type": "PropertyValue", "propertyID": "CIP", "value": "510713"}},
        {"cip": "51.0713"},
    ),
    ({"identifier": "CIP 51.0714"}, {"cip": "51.0714"}),
    ({"identifier": {"propertyID": "CIP2010", "value": "not a code"}}, {"cip": None}),
    ({"identifier": {"propertyID": "ProgramCode", "value": "MCS.CERT"}}, {"cip": None}),
    # credentials: text or object with credentialCategory
    (
        {
            "name": "Medical Billing and Coding",
            "educationalCredentialAwarded": "Certificate of Completion",
        },
        {"credential": "certificate"},
    ),
    (
        {"name": "Medical Billing & Coding", "educationalCredentialAwarded": "Diploma"},
        {"credential": "certificate"},
    ),
    (
        {
            "name": "Health Information Technology",
            "educationalCredentialAwarded": "Associate of Applied Science",
        },
        {"credential": "associate"},
    ),
    (
        {
            "name": "Health Information Management",
            "occupationalCredentialAwarded": {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "Degree",
                "name": "Bachelor of Science",
            },
        },
        {"credential": "bachelor"},
    ),
    (
        {
            "name": "Medical Coding",
            "occupationalCredentialAwarded": {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "certificate",
            },
        },
        {"credential": "certificate"},
    ),
    ({"name": "M.S. in Health Information Management"}, {"credential": "master"}),
    ({"name": "Medical Coding", "programType": "Certificate"}, {"credential": "certificate"}),
    # numberOfCredits
    ({"numberOfCredits": 30}, {"credit_hours": 30.0}),
    ({"numberOfCredits": "120"}, {"credit_hours": 120.0}),
    ({"numberOfCredits": {"@type": "StructuredValue", "value": 36}}, {"credit_hours": 36.0}),
    (
        {
            "numberOfCredits": {
                "@type": "QuantitativeValue",
                "value": 720,
                "unitText": "clock hours",
            }
        },
        {"clock_hours": 720.0, "credit_hours": None},
    ),
    # exams named in the credential texts
    (
        {"occupationalCredentialAwarded": "Eligibility for the AAPC CPC and AHIMA CCA exams"},
        {"certifications": ["CCA", "CPC"]},
    ),
    (
        {
            "occupationalCredentialAwarded": {
                "@type": "EducationalOccupationalCredential",
                "name": "Certified Coding Associate (CCA) eligibility",
            }
        },
        {"certifications": ["CCA"]},
    ),
    # url
    ({"url": "https://www.example.edu/p/coding"}, {"url": "https://www.example.edu/p/coding"}),
    ({"url": "/relative/not-used"}, {"url": URL}),
]


@pytest.mark.parametrize("fields,expected", CASES)
def test_jsonld_variants(fields: dict, expected: dict) -> None:
    got = only(page(program(**fields)))
    for key, value in expected.items():
        assert got[key] == value, (key, got[key], value)


def test_graph_with_provider_reference_gives_the_institution() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebPage",
                "@id": "https://www.example.edu/p#webpage",
                "name": "Medical Coding - Example College",
            },
            {
                "@type": "BreadcrumbList",
                "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home"}],
            },
            {
                "@type": "CollegeOrUniversity",
                "@id": "https://www.example.edu/#org",
                "name": "Example College",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "1 College Drive",
                    "addressLocality": "Toms River",
                    "addressRegion": "NJ",
                    "postalCode": "08753",
                },
            },
            {
                "@type": ["EducationalOccupationalProgram", "Course"],
                "name": "Medical Billing & Coding Certificate",
                "provider": {"@id": "https://www.example.edu/#org"},
                "timeToComplete": "P10M",
            },
        ],
    }
    result = extract_page(page(graph), URL)
    assert [p["name"] for p in result.programs] == ["Medical Billing & Coding Certificate"]
    assert result.programs[0]["length_months"] == 10.0
    assert result.institution == {
        "name": "Example College",
        "address": "1 College Drive",
        "city": "Toms River",
        "state": "NJ",
        "zip": "08753",
    }


def test_top_level_list_and_several_programs() -> None:
    items = [
        program(name="Medical Coding Certificate", timeToComplete="P9M"),
        program(name="Health Information Technology, AAS", timeToComplete="P2Y"),
    ]
    result = extract_page(page(items), URL)
    assert [(p["name"], p["credential"], p["length_months"]) for p in result.programs] == [
        ("Medical Coding Certificate", "certificate", 9.0),
        ("Health Information Technology, AAS", "associate", 24.0),
    ]


def test_markup_wins_and_text_fills_the_gaps() -> None:
    body = (
        "<h1>Medical Billing and Coding</h1><p>In six months you can be ready. The 450-clock-hour program blends "
        "online lessons with on-campus labs. Program cost: $9,999.</p>"
        "<p>Graduates are prepared for the AAPC Certified Professional Coder (CPC) exam.</p>"
        "<p>Accredited by the Accrediting Bureau of Health Education Schools (ABHES).</p>"
    )
    got = only(
        page(
            program(
                name="Medical Billing and Coding",
                educationalCredentialAwarded="Certificate",
                timeToComplete="P6M",
                educationalProgramMode="blended",
                offers={"@type": "Offer", "price": "5200", "priceCurrency": "USD"},
            ),
            body=body,
        )
    )
    assert got["tuition_usd"] == 5200.0  # the markup's price, not the text's
    assert got["clock_hours"] == 450.0  # from the text
    assert got["certifications"] == ["CPC"]
    assert got["accreditations"] == ["ABHES"]
    assert got["delivery"] == "hybrid"


def test_out_of_scope_program_markup_is_not_a_program_page() -> None:
    item = program(
        name="Practical Nursing Diploma",
        identifier={"propertyID": "CIP2010", "value": "51.3901"},
        timeToComplete="P12M",
    )
    result = extract_page(page(item, body="<h1>Practical Nursing Diploma</h1>"), URL)
    assert result.is_program_page is False
    assert result.programs == []


def test_cip_in_markup_decides_scope_over_the_name() -> None:
    item = program(
        name="Revenue Specialist Certificate",
        identifier={"propertyID": "CIP2010", "value": "51.0714"},
    )
    assert only(page(item))["cip"] == "51.0714"


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        "[1, 2, 3]",
        '"just a string"',
        '{"@type": 5, "name": ["x"]}',
        '{"@graph": "nope"}',
        '{"@type": "EducationalOccupationalProgram"}',
        '{"@type": "EducationalOccupationalProgram", "name": {"x": 1}, "offers": "cheap", "timeToComplete": 9, '
        '"identifier": [null, 5], "numberOfCredits": [], "educationalProgramMode": {"a": 1}, "provider": "X"}',
        "<!-- a comment --> " + json.dumps(program(timeToComplete="P9M")),
    ],
)
def test_broken_or_odd_markup_never_raises(raw: str) -> None:
    result = extract_page(page(raw=raw, body="<h1>About us</h1><p>Nothing here.</p>"), URL)
    assert result.url == URL
    assert isinstance(result.programs, list)


def test_one_broken_script_does_not_hide_the_others() -> None:
    html = (
        '<html><head><script type="application/ld+json">{broken</script>'
        f'<script type="application/ld+json">{json.dumps(program(timeToComplete="P9M"))}</script></head>'
        "<body><h1>Medical Coding Certificate</h1></body></html>"
    )
    result = extract_page(html, URL)
    assert result.method == "jsonld" and result.programs[0]["length_months"] == 9.0
