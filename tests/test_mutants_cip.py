"""programs/normalize/cip.py pinned down: the cases mutation testing showed no test would notice.

Program titles are fictional.
"""

from __future__ import annotations

import pytest

from programs.errors import InvalidInput
from programs.normalize import cip_family, cip_for_program_name, in_scope, normalize_cip


@pytest.mark.parametrize(
    "value,expected",
    [
        # floats and ints at the edges of the accepted range
        (0.0, None),  # "00.0000" is no 6-digit code, and no error either
        (0, None),
        # wrappers around the code: "=", quotes inside and outside a label
        ("=510713", "51.0713"),
        ('CIP: "51.0713"', "51.0713"),
        ('"CIP 51.0713"', "51.0713"),
    ],
)
def test_normalize_cip_rows(value: object, expected: str | None) -> None:
    assert normalize_cip(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [100.0, 150.5, -51.0713, -1.5, "X"])
def test_normalize_cip_refuses(value: object) -> None:
    with pytest.raises(InvalidInput) as err:
        normalize_cip(value)  # type: ignore[arg-type]
    assert err.value.param == "cip"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("10101", "01.01"),  # a 6-digit code that lost its leading zero
        (10101, "01.01"),
        (51.1, "51.10"),  # a float that lost the trailing zero of "51.10"
    ],
)
def test_cip_family_rows(value: object, expected: str | None) -> None:
    assert cip_family(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name,expected",
    [
        (None, None),
        # punctuation between the words of a rule is a space
        ("Health Information (Technology)", "51.0707"),
        ("Health Information – Technology", "51.0707"),
        ("Health Information / Technology", "51.0707"),
        # the software exception is only for coding and billing titles
        ("Claims Examiner - Computer Skills Certificate", "51.0715"),
        ("Revenue Cycle Software Developer", None),
        ("Medical Revenue Cycle Software Specialist", "51.0714"),
    ],
)
def test_cip_for_program_name_rows(name: object, expected: str | None) -> None:
    assert cip_for_program_name(name) == expected  # type: ignore[arg-type]


def test_neighbours_are_out_of_scope_unless_asked_for() -> None:
    assert in_scope("51.0710") is False
    assert in_scope("51.0710", include_neighbours=True) is True


# Each word of the title rules, one row each (devtools/wordlists.py drops one word at a time).
TITLE_WORD_ROWS: list[tuple[str, str | None]] = [
    # software words: a coding title with one of them and no medical word is not medical coding
    ("Web Coding Bootcamp", None),
    ("Programming and Coding Academy", None),
    ("Coding with Python", None),
    ("App Coding Camp", None),
    ("Game Coding Camp", None),
    ("Full-Stack Coding", None),
    ("Coding for Developers", None),  # plural too (it was read as medical coding)
    ("Developer Coding Bootcamp", None),
    ("Data Science Coding", None),
    # medical words: with one of them, the same title is medical coding again
    ("Health Coding with Computer Applications", "51.0713"),
    ("Healthcare Coding with Computer Applications", "51.0713"),
    ("Insurance Coding with Computer Applications", "51.0713"),
    ("ICD Coding with Computer Applications", "51.0713"),
    ("CPT Coding with Computer Applications", "51.0713"),
    ("Clinical Coding with Computer Applications", "51.0713"),
    ("Outpatient Coding with Computer Applications", "51.0713"),
    ("Inpatient Coding with Computer Applications", "51.0713"),
    ("Physician Coding with Computer Applications", "51.0713"),
    ("Billing and Coding with Computer Applications", "51.0713"),
    ("Pharmacy Coding with Computer Applications", "51.0713"),
    ("Dental Coding with Computer Applications", "51.0713"),
    # the words of each rule
    ("Claims Processing Specialist", "51.0715"),
    ("Claims Processor Certificate", "51.0715"),
    ("Health Information Tech", "51.0707"),
    ("Medical Records Technician", "51.0707"),
    ("Medical Records Tech", "51.0707"),
    ("Medical Records Management", "51.0706"),
    ("Medical Coder Certificate", "51.0713"),
    ("Medical Coders Academy", "51.0713"),
    ("Medical Biller Certificate", "51.0714"),
    ("Medical Billers Academy", "51.0714"),
    ("Medical Executive Assistant", "51.0716"),
    ("Medical Administrative Specialist", "51.0716"),
    ("Medical Administrative Professional", "51.0716"),
    ("Medical Office Professional", "51.0710"),
    ("Medical Office Assisting", "51.0710"),
]


@pytest.mark.parametrize("name,expected", TITLE_WORD_ROWS)
def test_each_word_of_the_title_rules(name: str, expected: str | None) -> None:
    assert cip_for_program_name(name) == expected
