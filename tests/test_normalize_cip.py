"""CIP codes: normalising, families, guesses from program titles, scope."""

from __future__ import annotations

import pytest

from programs.errors import InvalidInput
from programs.normalize import cip_family, cip_for_program_name, in_scope, normalize_cip


@pytest.mark.parametrize(
    "value,expected",
    [
        ("51.0713", "51.0713"),
        (" 51.0713 ", "51.0713"),
        ('"51.0713"', "51.0713"),
        ('="51.0713"', "51.0713"),
        ("510713", "51.0713"),
        (510713, "51.0713"),
        (51.0713, "51.0713"),
        (51.0707, "51.0707"),
        ("51.071", "51.0710"),  # trailing zero lost by a number format
        ("51.713", "51.7130"),  # a CIP fraction always has four digits: right-padded
        ("1.0101", "01.0101"),
        ("01.0101", "01.0101"),
        (10101, "01.0101"),
        ("CIP 51.0713", "51.0713"),
        ("CIP Code: 51.0714", "51.0714"),
        ("CIP2020: 51.0706", "51.0706"),
        ("51.0713 - Medical Insurance Coding Specialist/Coder", "51.0713"),
        ("51.0713 Medical Insurance Coding Specialist/Coder", "51.0713"),
        ("5107", None),
        (5107, None),
        ("51.07", None),
        (51.07, None),
        ("51", None),
        ("99", None),
        (99, None),
        ("", None),
        ("   ", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_normalize_cip(value: object, expected: str | None) -> None:
    assert normalize_cip(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "51.07.13",
        "-51.0713",
        "51,0713",
        "5107131",
        True,
        -5,
        "\x00",
        [51.0713],
        float("inf"),
        "P6M",
    ],
)
def test_normalize_cip_malformed(value: object) -> None:
    with pytest.raises(InvalidInput) as info:
        normalize_cip(value)  # type: ignore[arg-type]
    assert info.value.param == "cip"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("51.0713", "51.07"),
        ("510713", "51.07"),
        ("5107", "51.07"),
        (5107, "51.07"),
        ("51.07", "51.07"),
        (51.0713, "51.07"),
        ("01.0101", "01.01"),
        ("51", None),
        ("abc", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_cip_family(value: object, expected: str | None) -> None:
    assert cip_family(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Medical Coding", "51.0713"),
        ("Medical Coding Specialist Certificate", "51.0713"),
        ("Medical Billing and Coding", "51.0713"),
        ("Medical Billing & Coding Certificate", "51.0713"),
        ("Coding and Reimbursement Specialist", "51.0713"),
        ("Medical Insurance Coding Specialist/Coder", "51.0713"),
        ("Medical Billing", "51.0714"),
        ("Medical Billing Specialist", "51.0714"),
        ("Medical Insurance Specialist", "51.0714"),
        ("Medical Insurance Billing", "51.0714"),
        ("Health Information Technology", "51.0707"),
        ("Health Information Technology, AAS", "51.0707"),
        ("Health Information Technician", "51.0707"),
        ("Medical Records Technology", "51.0707"),
        ("Health Information Management", "51.0706"),
        ("Health Information Management, B.S.", "51.0706"),
        ("Health Information Administration", "51.0706"),
        ("Health Informatics and Information Management", "51.0706"),
        ("Health/Medical Claims Examiner", "51.0715"),
        ("Medical Claims Examining", "51.0715"),
        ("Medical Office Assistant", "51.0710"),
        ("Medical Office Specialist", "51.0710"),
        ("Medical Administrative Assistant", "51.0716"),
        ("Medical Secretary", "51.0716"),
        ("Medical Office Administrative Assistant", "51.0716"),
        ("Health Informatics", None),
        ("Medical Transcription", None),
        ("Medical Assistant", None),
        ("Pharmacy Technician", None),
        ("Computer Coding Bootcamp", None),
        ("Software Development and Coding", None),
        ("", None),
    ],
)
def test_cip_for_program_name(name: str, expected: str | None) -> None:
    assert cip_for_program_name(name) == expected


@pytest.mark.parametrize(
    "cip,neighbours,expected",
    [
        ("51.0713", False, True),
        ("51.0714", False, True),
        ("51.0707", False, True),
        ("51.0706", False, True),
        ("51.0715", False, True),
        ("510713", False, True),
        ("51.0710", False, False),
        ("51.0710", True, True),
        ("51.0716", True, True),
        ("51.2706", True, False),
        ("51.07", True, False),
        ("abc", True, False),
        (None, False, False),
    ],
)
def test_in_scope(cip: object, neighbours: bool, expected: bool) -> None:
    assert in_scope(cip, include_neighbours=neighbours) is expected  # type: ignore[arg-type]
