"""Certification exams and accreditations named on program pages."""

from __future__ import annotations

import pytest

from programs.errors import InvalidInput
from programs.normalize import (
    find_accreditations,
    find_certifications,
    is_cahiim_statement,
    normalize_certification,
)
from programs.vocab import CERTIFICATIONS

CERT_CASES: list[tuple[str | None, list[str]]] = [
    ("eligible to sit for the CCA (Certified Coding Associate) examination", ["CCA"]),
    (
        "eligible to apply to take the national Certified Professional Coder (CPC) examination",
        ["CPC"],
    ),
    ("Certified Professional Coder (CPC)", ["CPC"]),
    ("CPC-A", ["CPC-A"]),
    (
        "Graduates earn the CPC-A designation until they complete two years of experience.",
        ["CPC-A"],
    ),
    ("Pass the CPC exam; new coders hold the CPC-A credential.", ["CPC", "CPC-A"]),
    ("Certified Professional Coder - Apprentice", ["CPC-A"]),
    ("CCS-P", ["CCS-P"]),
    ("Prepares for the CCS-P exam", ["CCS-P"]),
    ("Certified Coding Specialist-Physician-based (CCS-P)", ["CCS-P"]),
    ("Certified Coding Specialist (CCS)", ["CCS"]),
    ("Prepare for the CCS and CCS-P examinations", ["CCS", "CCS-P"]),
    ("RHIT", ["RHIT"]),
    ("Registered Health Information Technician", ["RHIT"]),
    ("Graduates are eligible to write the RHIT exam offered by AHIMA.", ["RHIT"]),
    ("Registered Health Information Administrator (RHIA) examination", ["RHIA"]),
    ("NHA's CBCS", ["CBCS"]),
    ("Certified Billing & Coding Specialist (CBCS) from the NHA", ["CBCS"]),
    ("Prepares you for the CPB and CPC exams", ["CPB", "CPC"]),
    ("Certified Professional Biller", ["CPB"]),
    ("Sit for the COC or CIC exam", ["CIC", "COC"]),
    ("CRC certification prep", ["CRC"]),
    ("Certified Risk Adjustment Coder", ["CRC"]),
    ("CMAA and CEHRS exams", ["CEHRS", "CMAA"]),
    ("Certified Electronic Health Records Specialist", ["CEHRS"]),
    ("National Certified Insurance and Coding Specialist (NCICS)", ["NCICS"]),
    ("Certified Medical Reimbursement Specialist", ["CMRS"]),
    ("CDIP and CHDA credentials", ["CDIP", "CHDA"]),
    ("CPC\u00ae exam", ["CPC"]),
    ("Many CPCs work remotely after the exam.", ["CPC"]),
    ("RHIT/RHIA", ["RHIA", "RHIT"]),
    ("AHIMA certifications: CCA, CCS, RHIT", ["CCA", "CCS", "RHIT"]),
    ("(CPC, CPB, CRC)", ["CPB", "CPC", "CRC"]),
    (
        "Upon completion students are prepared to sit for the AAPC Certified Professional Coder (CPC®) and AHIMA "
        "Certified Coding Associate (CCA®) exams.",
        ["CCA", "CPC"],
    ),
    ("Prepares students for the NCICS exam offered by NCCT", ["NCICS"]),
    ("Graduates are eligible to sit for the RHIT® credentialing examination.", ["RHIT"]),
    (
        "This program is not accredited by CAHIIM, and graduates are not eligible to sit for the RHIA examination.",
        [],
    ),
    ("Graduates are ineligible for the RHIA exam.", []),
    (
        "The course does not prepare you for the CCS exam, but graduates are ready for the CPC exam.",
        ["CPC"],
    ),
    ("You do not need experience to sit for the CPC exam.", ["CPC"]),
    ("Graduates will be eligible for the RHIT exam only once the program is accredited.", ["RHIT"]),
    # negatives
    ("See https://www.aapc.com/certification/cpc/ for details", []),
    ("Email cpc@college.edu", []),
    ("The CCA campus is in Denver.", []),
    ("Community College of Aurora (CCA)", []),
    ("CPCA", ["CPC-A"]),  # a suffixed code written without its hyphen
    ("ABCPC", []),
    ("cpc", []),
    ("Job opportunities for coders", []),
    ("", []),
    (None, []),
]


@pytest.mark.parametrize("text,expected", CERT_CASES)
def test_find_certifications(text: str | None, expected: list[str]) -> None:
    assert find_certifications(text) == expected


@pytest.mark.parametrize(
    "code,expected",
    [
        ("CPC", "CPC"),
        ("cpc", "CPC"),
        (" Cpc-a ", "CPC-A"),
        ("cpc a", "CPC-A"),
        ("CCS\u2013P", "CCS-P"),
        ("rhit", "RHIT"),
        ("CPC\u00ae", "CPC"),
        ("Certified Professional Coder", "CPC"),
        ("Registered Health Information Administrator", "RHIA"),
    ],
)
def test_normalize_certification(code: str, expected: str) -> None:
    assert normalize_certification(code) == expected


@pytest.mark.parametrize("code", ["XYZ", "", "  ", "CPCX", "MD", None, 5, "CPC and CCS"])
def test_normalize_certification_unknown(code: object) -> None:
    with pytest.raises(InvalidInput) as info:
        normalize_certification(code)  # type: ignore[arg-type]
    assert info.value.param == "certification"


def test_every_vocabulary_code_normalizes_to_itself() -> None:
    for code in CERTIFICATIONS:
        assert normalize_certification(code.lower()) == code
        assert find_certifications(f"Prepares for the {code} exam") == [code]


CAHIIM_STATEMENT = (
    "The Health Information Management accreditor of Example Community College is the Commission on "
    "Accreditation for Health Informatics and Information Management Education (CAHIIM). The College's "
    "accreditation for associate degree in Health Information Technology has been reaffirmed through 2031."
)

ACC_CASES: list[tuple[str | None, list[str]]] = [
    (CAHIIM_STATEMENT, ["CAHIIM"]),
    ("The Health Information Technology program is accredited by CAHIIM.", ["CAHIIM"]),
    ("This CAHIIM-accredited program prepares you for the RHIT exam.", ["CAHIIM"]),
    ("Our HIT program is a CAHIIM-accredited program.", ["CAHIIM"]),
    ("approved by the AHIMA Professional Certificate Approval Program", ["PCAP"]),
    ("PCAP approved", ["PCAP"]),
    ("This program meets the requirements of the AHIMA PCAP.", ["PCAP"]),
    ("Our program is approved by AHIMA.", ["PCAP"]),
    ("This coding certificate is AHIMA-approved.", ["PCAP"]),
    ("accredited by ABHES", ["ABHES"]),
    ("Accredited by the Accrediting Bureau of Health Education Schools", ["ABHES"]),
    ("AAPC Approved Education Partner", ["AAPC"]),
    ("We are an AAPC-approved training provider.", ["AAPC"]),
    (
        "Institutionally accredited by the Accrediting Commission of Career Schools and Colleges (ACCSC).",
        ["ACCSC"],
    ),
    ("Accredited by the Council on Occupational Education", ["COE"]),
    ("accredited by the Distance Education Accrediting Commission (DEAC)", ["DEAC"]),
    ("CAHIIM, PCAP", ["CAHIIM", "PCAP"]),
    ("The college is accredited by ABHES, and the program is not accredited by CAHIIM.", ["ABHES"]),
    ("The college is not accredited by CAHIIM but is accredited by ABHES.", ["ABHES"]),
    # negatives
    ("is not accredited by CAHIIM", []),
    ("The program is seeking CAHIIM accreditation.", []),
    ("The HIT program has been granted candidacy status by CAHIIM.", []),
    (
        "The program is in candidacy for accreditation by the Commission on Accreditation for Health "
        "Informatics and Information Management Education (CAHIIM).",
        [],
    ),
    ("We have applied for CAHIIM accreditation.", []),
    ("CAHIIM accreditation is pending.", []),
    ("To sit for the RHIT, you must graduate from a CAHIIM-accredited program.", []),
    ("Graduates of CAHIIM accredited programs may take the RHIA exam.", []),
    ("Prepare for the AAPC CPC exam.", []),
    ("COE", []),
    ("", []),
    (None, []),
]


@pytest.mark.parametrize("text,expected", ACC_CASES)
def test_find_accreditations(text: str | None, expected: list[str]) -> None:
    assert find_accreditations(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (CAHIIM_STATEMENT, True),
        ("The HIM accreditor of St. Petersburg College is CAHIIM.", True),
        (
            "The Health Information Management accreditor of Example College is not the Commission on Accreditation "
            "for Health Informatics and Information Management Education.",
            False,
        ),
        ("The program is accredited by CAHIIM.", False),
        (
            "The institutional accreditor of Example College is the Higher Learning Commission.",
            False,
        ),
        ("", False),
        (None, False),
    ],
)
def test_is_cahiim_statement(text: str | None, expected: bool) -> None:
    assert is_cahiim_statement(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Graduates aren't eligible for the RHIA exam.",
        "Graduates aren\u2019t eligible to sit for the RHIA exam.",
        "A certificate holder isn't qualified for the RHIA examination.",
    ],
)
def test_a_contracted_negation_keeps_the_exam_out(text):
    assert find_certifications(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Prepares you for the CPC\u2122 exam.", ["CPC"]),  # NFKC would make "CPCTM" of it
        ("Sit for the CCS\u00ae and the RHIT\u2122 examinations.", ["CCS", "RHIT"]),
        ("Ready for the CPB(TM) exam", ["CPB"]),
    ],
)
def test_trademark_marks_do_not_hide_the_code(text: str, expected: list[str]) -> None:
    assert find_certifications(text) == expected


@pytest.mark.parametrize("code,expected", [("CPC\u2122", "CPC"), ("RHIT\u00ae", "RHIT")])
def test_a_code_with_a_trademark_mark_normalizes(code: str, expected: str) -> None:
    assert normalize_certification(code) == expected


# Real-page patterns (issue 12), in our own words with fictional people and schools.
@pytest.mark.parametrize(
    "text,expected",
    [
        # the letters after a person's name are that person's credentials
        ("Jane Roe, RHIA, Program Director", []),
        ("Questions? Contact Dr. Ann Smith, MBA, RHIA, CCS, at the HIT office.", []),
        ("Faculty: Lee Park, MS, RHIT, CCA", []),
        ("Maria de Souza, MEd, CPC-A", []),
        # ... but not the letters after a program's or an exam's name
        ("Certified Professional Coder, CPC", ["CPC"]),
        ("Health Information Technology, RHIT track", ["RHIT"]),
        ("Exam Prep, CPC", ["CPC"]),
        ("Exams by specialty: Revenue Cycle, CPB", ["CPB"]),
        ("AHIMA certifications: CCA, CCS, RHIT", ["CCA", "CCS", "RHIT"]),
        # credentials said of the teaching staff
        (
            "Labs run under the guidance of Registered Health Data Administrators (RHIA) and technicians (RHIT).",
            [],
        ),
        ("Learn from RHIA-certified faculty.", []),
        ("Our faculty hold RHIA and CCS credentials and prepare you for the CPC exam.", ["CPC"]),
        (
            "Taught by RHIT and CCS credentialed instructors; graduates sit for the CCA exam.",
            ["CCA"],
        ),
        ("Our instructors prepare you for the CPC exam.", ["CPC"]),
        ("Prepares medical office staff for the CPB exam.", ["CPB"]),
    ],
)
def test_people_s_credentials_are_not_exams(text: str, expected: list[str]) -> None:
    assert find_certifications(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "When accredited by the Commission on Accreditation for Health Informatics and Information"
            " Management Education (CAHIIM), the program will prepare graduates for the RHIT.",
            [],
        ),
        ("Once the program is accredited by CAHIIM, graduates may sit for the RHIT.", []),
        (
            "Pine Hollow College plans to apply and meet the standards to become accredited by CAHIIM.",
            [],
        ),
        ("The program hopes to be accredited by CAHIIM in 2027.", []),
        (
            "The Commission on Accreditation for Health Informatics and Information Management Education"
            " (CAHIIM) is the accrediting organization for educational programs in health informatics.",
            [],
        ),
        ("CAHIIM is the accreditation agency of HIM programs nationwide.", []),
        ("CAHIIM is the accrediting body for our program.", ["CAHIIM"]),
        ("The HIT program at Pine Hollow College is accredited by CAHIIM.", ["CAHIIM"]),
    ],
)
def test_prospective_and_defining_accreditation_statements(text: str, expected: list[str]) -> None:
    assert find_accreditations(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "As the CAHIIM Accreditation System explains, a program applies after its first class.",
            [],
        ),
        ("The curriculum follows CAHIIM's standards for associate programs.", []),
        ("Graduates may sit for the national exam (RHIT). CAHIIM", []),  # a page cut after the name
        ("CAHIIM, PCAP", ["CAHIIM", "PCAP"]),
        ("Accreditation: CAHIIM", ["CAHIIM"]),
    ],
)
def test_a_mention_of_the_body_is_no_claim(text: str, expected: list[str]) -> None:
    assert find_accreditations(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Our graduates are RHIT-eligible.", ["RHIT"]),
        ("A CPC-ready curriculum at Fictional Coding Academy", ["CPC"]),
        ("Students take the CCA-Exam in May.", ["CCA"]),
        ("The CCS-P exam", ["CCS-P"]),  # a suffix is still no separate code
    ],
)
def test_a_code_with_a_hyphenated_word(text: str, expected: list[str]) -> None:
    assert find_certifications(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("CCS 101: Coding basics", []),  # a course number, not the exam
        ("RHIT 230 Professional Practice (3 credits)", []),
        ("Prepares you for the CPC 2025 exam", ["CPC"]),
    ],
)
def test_a_course_number_is_no_exam(text: str, expected: list[str]) -> None:
    assert find_certifications(text) == expected


def test_many_one_name_clauses_take_linear_time() -> None:
    """A line of 2,500 one-name clauses took 88 s when each clause re-read the whole line."""
    import time

    start = time.perf_counter()
    assert find_accreditations("CAHIIM. " * 2500) == ["CAHIIM"]
    assert time.perf_counter() - start < 10.0  # about 0.1 s; generous for a shared machine
