"""programs/normalize/certifications.py, its newer real-page rules pinned down row by row.

Rows only (the module's rules are owned elsewhere): codes written with dots or spaces, the
audience and bridge masks, salary clauses, negated parts of a clause, and the texts of the
errors ``normalize_certification`` gives (what an API user reads). Programs are fictional.
"""

from __future__ import annotations

import pytest

from programs.errors import InvalidInput
from programs.normalize import find_certifications, normalize_certification
from programs.vocab import CERTIFICATIONS

ALLOWED = ", ".join(CERTIFICATIONS)


@pytest.mark.parametrize(
    "text,expected",
    [
        # codes written with dots or spaces
        ("Prepares students for the C.P.C. exam", ["CPC"]),
        ("Sit for the R.H.I.T. exam", ["RHIT"]),
        ("Sit for the R. H. I. A. exam", ["RHIA"]),
        ("Prepares for the C.C.S.-P. exam", ["CCS-P"]),
        ("Sit for the R H I T exam", ["RHIT"]),
        ("Grades A B C D count toward the exam", []),  # spaced letters that are no code stay apart
        # a credential named as who the program is for is not an exam it prepares for
        ("RHITs who want to become RHIAs", ["RHIA"]),
        ("Designed for RHITs who want to sit for the RHIA exam", ["RHIA"]),
        ("Registered health information technicians (RHITs) who want the RHIA exam", ["RHIA"]),
        ("Certified coding specialists who want to sit for the CPC exam", ["CPC"]),
        # the credential a bridge program starts from
        ("Registered Health Information Technician (RHIT) to RHIA progression", ["RHIA"]),
        ("Certified Coding Associate (CCA) to CCS exam pathway", ["CCS"]),
        ("RHIT to RHIA progression", ["RHIA"]),
        ("RHIT to RHIA bridge", ["RHIA"]),
        ("RHIT-RHIA pathway", ["RHIA"]),
        ("RHIT to RHIA degree completion", ["RHIA"]),
        ("RHIT to RHIA track", ["RHIA"]),
        ("RHIT and RHIA exams", ["RHIA", "RHIT"]),  # control: no bridge word
        # a salary clause names pay, not an exam; the next clause still counts
        ("CPB salaries rise each year", []),
        ("CPB earnings rise each year", []),
        ("CPB wages rise each year", []),
        ("CPB wage data for the region", []),
        ("CPB median pay in the region", []),
        ("CPB holders earn a good living", []),
        ("CPB holders earn an income", []),
        ("CPB holders earn up to $50,000", []),
        # earning an award is no pay: the clause still names the exam
        ("Graduates earn an associate degree and may sit for the RHIT exam", ["RHIT"]),
        ("Graduates earn a certificate and may sit for the CPC exam", ["CPC"]),
        ("CPB holders earn about $40,000", []),
        ("CPB holders earn around $40,000", []),
        ("CPB holders earn more", []),
        ("CPB holders earn less in rural areas", []),
        ("CPB average salary is high. Prepares for the CPC exam.", ["CPC"]),
        # the parts of a negated clause that are not negated all count
        (
            "Prepares for the CPC, the CCA exam and graduates are not eligible for the RHIA",
            ["CCA", "CPC"],
        ),
        (
            "Earlier clause names the CPB exam. Not eligible for the RHIA, but ready for the CPC.",
            [
                "CPB",
                "CPC",
            ],
        ),
        # every code of the vocabulary in one clause
        (
            "Exams: CPC, CPC-A, CPB, COC, CIC, CRC, CCA, CCS, CCS-P, RHIT, RHIA, CDIP, CHDA, CBCS,"
            " CMAA, CEHRS, NCICS, CMRS",
            sorted(CERTIFICATIONS),
        ),
    ],
)
def test_find_certifications_rules(text: str, expected: list[str]) -> None:
    assert find_certifications(text) == expected


@pytest.mark.parametrize(
    "code,message",
    [
        ("", "a certification code is required"),
        (None, "a certification code is required"),
        ("XYZ", "unknown certification 'XYZ'"),
        (
            "Certified Professional Widget Maker of Springfield Valley",
            "unknown certification 'Certified Professional Widget Maker of S'",
        ),
    ],
)
def test_normalize_certification_errors(code: object, message: str) -> None:
    with pytest.raises(InvalidInput) as err:
        normalize_certification(code)  # type: ignore[arg-type]
    assert (err.value.param, err.value.message, err.value.allowed) == (
        "certification",
        message,
        ALLOWED,
    )
