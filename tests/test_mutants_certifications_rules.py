"""programs/normalize/certifications.py, its newer real-page rules pinned down row by row.

Rows only (the module's rules are owned elsewhere): codes written with dots or spaces, the
audience and bridge masks, salary clauses, negated parts of a clause, and the texts of the
errors ``normalize_certification`` gives (what an API user reads). Programs are fictional.
"""

from __future__ import annotations

import pytest

from programs.errors import InvalidInput
from programs.normalize import (
    find_accreditations,
    find_certifications,
    normalize_certification,
)
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


# Each word of the module's word lists, in a phrase where that word decides the answer
# (devtools/wordlists.py). Programs and people are fictional.
@pytest.mark.parametrize(
    "text,expected",
    [
        # a code joined to a word that makes it the exam still counts
        ("Enroll in our CPC-prep course.", ["CPC"]),
        ("Take the RHIT-preparation review.", ["RHIT"]),
        ("Choose the RHIA-track option.", ["RHIA"]),
        # "earn a <credential>" is the program's award, not pay
        ("Earn a bachelor's degree and sit for the RHIA exam.", ["RHIA"]),
        ("Earn a master's degree and sit for the RHIA exam.", ["RHIA"]),
        ("Earn a diploma and prepare for the CPC exam.", ["CPC"]),
        ("Earn a degree that prepares you for the RHIT exam.", ["RHIT"]),
        ("Earn an award of achievement and prepare for the CPC exam.", ["CPC"]),
        ("Earn a credential employers know, the CPC.", ["CPC"]),
        # a person's credentials, names with a particle
        ("Program director: Maria da Silva, MS, RHIA", []),
        ("Program director: Luis del Rio, MBA, RHIA", []),
        ("Program director: Anna van Dijk, MS, RHIA", []),
        ("Program director: Karl von Berg, MS, RHIT", []),
        ("Program director: Paola di Marco, MS, RHIA", []),
        ("Program director: Rosa la Fuente, MS, RHIA", []),
        ("Program director: Jean le Blanc, MS, RHIA", []),
        # the teaching staff's credentials
        ("Students code charts under the supervision of RHIAs.", []),
        ("Students code charts under the direction of RHIAs.", []),
        ("Students code charts under the mentorship of RHIAs.", []),
        ("Courses are taught by RHIAs with years of practice.", []),
        ("Labs are led by RHITs.", []),
        ("Students are mentored by RHIAs.", []),
        ("Instructors hold the RHIA credential.", []),
        ("Staff hold RHIA and RHIT credentials.", []),
        ("Preceptors at the clinic are RHITs.", []),
        ("Our RHIA and RHIT credentialed faculty bring years of practice.", []),
        ("Learn from CPC certified instructors.", []),
        ("Learn from RHIA credentialed staff.", []),
        ("Learn from RHIA-credentialed faculty.", []),
        ("Learn from RHIA certified educators.", []),
        ("Learn from RHIA certified teachers.", []),
        # ... up to where the clause turns to the students' exam
        ("Our instructors coach each student to sit for the CCA.", ["CCA"]),
        ("Our faculty help you become an RHIT.", ["RHIT"]),
        ("Faculty offer exam reviews that cover the RHIT domains.", ["RHIT"]),
        ("Faculty offer examination reviews that cover the RHIT domains.", ["RHIT"]),
    ],
)
def test_certification_words(text: str, expected: list[str]) -> None:
    assert find_certifications(text) == expected


@pytest.mark.parametrize("text", ["CPC(R)", "CPC(TM)"])
def test_a_mark_written_in_letters_is_dropped(text: str) -> None:
    assert normalize_certification(text) == "CPC"


@pytest.mark.parametrize(
    "text,expected",
    [
        # prospective: not accredited yet
        ("The program will apply to CAHIIM for accreditation in 2027.", []),
        ("If accredited by CAHIIM, graduates may sit for the RHIT exam.", []),
        ("Until accredited by CAHIIM, graduates cannot sit for the RHIT exam.", []),
        ("Upon accreditation by CAHIIM, graduates may sit for the RHIT exam.", []),
        ("After accreditation by CAHIIM, graduates may sit for the RHIT exam.", []),
        # a name with no other word of the pre-check
        ("Council on Occupational Education", ["COE"]),
        ("Approved by the Council on Occupational Education.", ["COE"]),
        # what the body is, not a claim
        ("CAHIIM serves as the accrediting organization for health information programs.", []),
        ("CAHIIM is an accrediting body for health informatics programs.", []),
        ("CAHIIM is the national accreditor for health information programs.", []),
        # things of the body's
        ("Learn about the CAHIIM accreditation process.", []),
        ("See the CAHIIM accreditation manual.", []),
        ("Courses follow the CAHIIM accreditation standards.", []),
        ("Read the CAHIIM accreditation policies.", []),
        ("Read the CAHIIM accreditation procedures.", []),
        ("Visit the CAHIIM web site for a list of accredited programs.", []),
        ("Log in to the CAHIIM portal to see accredited programs.", []),
        ("Read the CAHIIM application guide for accreditation.", []),
        ("Read the CAHIIM accreditation handbook.", []),
    ],
)
def test_accreditation_words(text: str, expected: list[str]) -> None:
    assert find_accreditations(text) == expected
