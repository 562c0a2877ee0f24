"""programs/extract/address.py pinned down: the cases mutation testing showed no test would notice.

Addresses and schools are fictional.
"""

from __future__ import annotations

import pytest

from programs.extract.address import find_address, name_line_before

CITY = {"city": "Springfield", "state": "IL", "zip": "62701"}
STREET_80 = "100 " + "Fictional " * 5 + "Road Northwest Corner Unit"  # 80 characters


def own(street: str | None) -> dict[str, str | None]:
    return {"address": street, **CITY}


@pytest.mark.parametrize(
    "text,expected",
    [
        # the line before the city line is the street only when it reads like one
        ("Phone: (312) 555-0100\nSpringfield, IL 62701", own(None)),
        ("Call 312-555-0100\nSpringfield, IL 62701", own(None)),
        ("Fax 312-555-0100\nSpringfield, IL 62701", own(None)),
        ("Phone 312-555-0100\nSpringfield, IL 62701", own(None)),
        ("Tel. 312-555-0100\nSpringfield, IL 62701", own(None)),
        # a lead-in before the street number is dropped
        ("Visit us at 123 Main St, Springfield, IL 62701", own("123 Main St")),
        ("Our address is 123 Main St, Springfield, IL 62701", own("123 Main St")),
        ("Find us in 123 Main St, Springfield, IL 62701", own("123 Main St")),
        ("Come to 123 Main St, Springfield, IL 62701", own("123 Main St")),
        ("Visit 123 Main St, Springfield, IL 62701", own("123 Main St")),
        ("Main Campus\nSpringfield, IL 62701", own(None)),
        ("Address: 123 Main St,\nSpringfield, IL 62701", own("123 Main St")),
        (
            "12 Fictional Way, Building X\nSpringfield, IL 62701",
            own("12 Fictional Way, Building X"),
        ),
        ("100 Fictional Ave, Suite X, Springfield, IL 62701", own("100 Fictional Ave, Suite X")),
        (f"{STREET_80}\nSpringfield, IL 62701", own(STREET_80)),
        (f"{STREET_80}X\nSpringfield, IL 62701", own(None)),  # 81 characters: not a street
        # a school name before the city on the same line: the street comes from the line before
        ("10 Elm St\nFictional College, Springfield, IL 62701", own("10 Elm St")),
        # an empty line between the street and the city line does not end the search
        ("10 Elm St\n\nSpringfield, IL 62701", own("10 Elm St")),
        # a leading sentence is dropped whatever the case of its last word
        ("We are Downtown. 600 Main St, Springfield, IL 62701", own("600 Main St")),
        # an unknown state or a ZIP of zeros is no address
        ("10 Elm St\nSpringfield, XY 12345", None),
        ("10 Elm St\nSpringfield, IL 00000", None),
        # another body's address: named up to two lines before, or just after the ZIP
        (
            "Accredited by the Fictional Commission\nSecond line\nThird line\n"
            "12 Elm St, Springfield, IL 62701",
            own("12 Elm St"),
        ),
        ("200 Fictional Plaza, Chicago, IL 60601, the accrediting office", None),
        # the words after the ZIP that count are the next 40 characters
        ("10 Elm St, Springfield, IL 62701 " + "x" * 32 + " inquiries", None),
        ("10 Elm St, Springfield, IL 62701 " + "x" * 33 + " inquiries", own("10 Elm St")),
        # only the first 20,000 characters are read
        ("x" * 19968 + "\n10 Elm St\nSpringfield, IL 62701", own("10 Elm St")),
        ("x" * 19969 + "\n10 Elm St\nSpringfield, IL 62701", None),
    ],
)
def test_find_address_rows(text: str, expected: dict | None) -> None:
    assert find_address(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a city line that is not an address does not stop the search on its line
        "Fictional Town, XY 12345; 10 Elm St, Springfield, IL 62701",
        # nor does another body's address on the same line
        "Send inquiries to the Fictional Board, Chicago, IL 60601. "
        + "x" * 260
        + " Our campus: 10 Elm St, Springfield, IL 62701",
        # the words before the city line that count are the last 250 characters
        "inquiries " + "x" * 229 + " 10 Elm St, Springfield, IL 62701",
    ],
)
def test_find_address_keeps_looking(text: str) -> None:
    found = find_address(text)
    assert found is not None
    assert {k: found[k] for k in CITY} == CITY


def test_find_address_context_window_edge() -> None:
    assert find_address("inquiries " + "x" * 228 + " 10 Elm St, Springfield, IL 62701") is None


SCHOOL = "Fictional Valley College"


@pytest.mark.parametrize(
    "text,street,expected",
    [
        (f"{SCHOOL}\n100 Main St\nSpringfield, IL 62701", "100 Main St", SCHOOL),
        (f"{SCHOOL}\n100 Main St", None, None),
        # the street on the first line has no line before it
        (f"100 Main St, Springfield\n{SCHOOL}", "100 Main St", None),
        # only the line just before the street line counts
        (f"{SCHOOL}\nWelcome\n100 Main St", "100 Main St", None),
        # a line with a number, a campus name or over 100 characters is not a school name
        (f"{SCHOOL} Building 5\n100 Main St", "100 Main St", None),
        (f"{SCHOOL} Main Campus\n100 Main St", "100 Main St", None),
        ("A" * 76 + " " + SCHOOL + "\n100 Main St", "100 Main St", None),  # 101 characters
        ("A" * 75 + " " + SCHOOL + "\n100 Main St", "100 Main St", "A" * 75 + " " + SCHOOL),
        ("Escuela Ficticia de Salud\n100 Calle Sol", "100 Calle Sol", "Escuela Ficticia de Salud"),
        ("Welcome to our page\n100 Main St", "100 Main St", None),
    ],
)
def test_name_line_before(text: str, street: str | None, expected: str | None) -> None:
    assert name_line_before(text, street) == expected


@pytest.mark.parametrize(
    "text,street",
    [
        # a semicolon ends what came before: an earlier number on the line is not the street
        ("Fictional Town, XY 12345; 10 Elm St, Springfield, IL 62701", "10 Elm St"),
        # a number that is no house number ("Founded in 1965") before the street
        ("Founded in 1965, our campus is at 600 Main St, Springfield, IL 62701", "600 Main St"),
        ("Label: 600 Main St, Springfield, IL 62701", "600 Main St"),
        # a street with a suite keeps it; a number after the name still counts
        ("123 Main St, Suite 100, Chicago, IL 60601", "123 Main St, Suite 100"),
        ("Avenida Las Am\u00e9ricas 2250, Ponce, PR 00716", "Avenida Las Am\u00e9ricas 2250"),
    ],
)
def test_the_street_starts_at_its_house_number(text: str, street: str) -> None:
    found = find_address(text)
    assert found is not None and found["address"] == street
