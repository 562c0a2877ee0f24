"""programs/normalize/certifications.py pinned down: the cases mutation testing showed no test
would notice.

Each word of each cue list has a row of its own (dropping a word from a list is noticed),
beside a control row that shows the same sentence read differently without the cue.
"""

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


@pytest.mark.parametrize(
    "text,expected",
    [
        # a negated exam followed by another exam keeps the other one
        (
            "Graduates are not eligible for the RHIA exam, but the program prepares students"
            " for the CCA.",
            ["CCA"],
        ),
        ("Not eligible for the RHIA but the program prepares you for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA while the program prepares students for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA whereas the course prepares you for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA; however the course prepares you for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA however the course prepares you for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA and graduates may sit for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA and students may sit for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA and completers may sit for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA and it prepares you for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA and this prepares you for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA and the course prepares you for the CPC.", ["CPC"]),
        ("Not eligible for the RHIA and may sit for the CPC.", []),  # one part: all negated
        ("The program prepares students for the CCA.", ["CCA"]),
    ],
)
def test_a_negated_exam_does_not_hide_the_next_one(text, expected):
    assert find_certifications(text) == expected


@pytest.mark.parametrize(
    "negation",
    [
        "are not eligible for",
        "are not yet eligible for",
        "are not currently eligible for",
        "will not be eligible for",
        "are never eligible for",
        "are not prepared for",
        "are not qualified for",
        "are not able to sit for",
        "are not able to take",
        "are not able to write",
        "are ineligible for",
        "does not prepare them for",
        "do not qualify for",
        "will not lead to",
        "did not prepare them for",
        "doesn't prepare them for",
        "don't qualify for",
        "won't lead to",
        "cannot sit for",
        "cannot take",
        "cannot write",
        "are not designed to prepare them for",
        "are not intended to prepare them for",
    ],
)
def test_negated_eligibility_is_not_a_certification(negation):
    assert find_certifications(f"Graduates {negation} the RHIA exam.") == []


def test_negation_control():
    assert find_certifications("Graduates are eligible for the RHIA exam.") == ["RHIA"]


@pytest.mark.parametrize(
    "context",
    [
        "exam",
        "certification",
        "credential",
        "coding",
        "coder",
        "AHIMA",
        "AAPC",
        "NHA",
        "NCCCT",
        "sit for",
        "test",
        "designation",
        "prepare",
        "eligible",
        "billing",
    ],
)
@pytest.mark.parametrize("code", ["CCA", "CCS", "COC", "CIC", "CRC"])
def test_an_ambiguous_code_counts_in_a_clause_about_credentials(code, context):
    assert find_certifications(f"The {code} {context}") == [code]


@pytest.mark.parametrize("code", ["CCA", "CCS", "COC", "CIC", "CRC"])
def test_an_ambiguous_code_alone_is_not_a_certification(code):
    assert find_certifications(f"Visit the {code} office") == []
    assert find_certifications(f"The {code} and CPC") == sorted([code, "CPC"])


@pytest.mark.parametrize(
    "text,expected",
    [
        ("CPCs", ["CPC"]),
        ("CPC's", ["CPC"]),
        ("CPC-A", ["CPC-A"]),
        ("CPC - A", ["CPC-A"]),
        ("CPC -A exam", ["CPC-A"]),
        ("CCS-P", ["CCS-P"]),
        ("CPC-X", []),
        ("CPCX", []),
        ("XCPC", []),
        ("CPC_1", []),
        ("-CPC", []),
        ("CPC-2", []),
        ("cpc", []),
        ("RHIT, RHIA", ["RHIA", "RHIT"]),
        ("Certified Billing & Coding Specialist", ["CBCS"]),
        ("Certified Billing and Coding Specialist", ["CBCS"]),
        ("Certified Electronic Health Record Specialist", ["CEHRS"]),
        ("Certified Electronic Health Records Specialist", ["CEHRS"]),
        ("certified   professional-coder", ["CPC"]),
        ("Certified Professional Coder, Apprentice", ["CPC-A"]),
        ("Certified Professional Coder (Apprentice)", ["CPC-A"]),
        ("Certified Professional Coder Apprentice", ["CPC-A"]),
        ("Certified Coding Specialist, Physician", ["CCS-P"]),
        ("Certified Coding Specialist (Physician-based)", ["CCS-P"]),
        ("Certified Coding Specialist Physician based", ["CCS-P"]),
        ("Registered Health Information Technology exam", ["RHIT"]),
        ("Registered Health Information Technologist", ["RHIT"]),
        ("National Certified Insurance & Coding Specialist", ["NCICS"]),
        ("CPC\u00ae exam", ["CPC"]),
        ("See https://www.aapc.com/certification/cpc/ for the CPB", ["CPB"]),
        ("See www.aapc.com/CPC", []),
        ("Write to cpc@example.com", []),
        ("Write to CPC@example.com", []),
        ("Visit aapc.org/CPC", []),
        ("Visit aapc.com/CPC", []),
        ("Visit ahima.edu/RHIT or ahima.net/RHIA or x.gov/CBCS", []),
        ("", []),
        ("   ", []),
        (None, []),
        (42, []),
    ],
)
def test_certification_spellings(text, expected):
    assert find_certifications(text) == expected


@pytest.mark.parametrize("code", sorted(CERTIFICATIONS))
def test_every_code_and_every_name_is_found(code):
    name = CERTIFICATIONS[code][0]
    assert find_certifications(f"Prepares for the {code} exam.") == [code]
    if code not in ("CPC-A", "CCS-P"):
        assert find_certifications(f"Prepares for the {name} exam.") == [code]


@pytest.mark.parametrize(
    "text,code",
    [
        ("cpc", "CPC"),
        (" cpc a ", "CPC-A"),
        ("CCS\u2013P", "CCS-P"),
        ("ccs - p", "CCS-P"),
        ("RHIT.", "RHIT"),
        ("CPC\u00ae", "CPC"),
        ("certified professional coder", "CPC"),
        ("Certified   Professional Coder", "CPC"),
        ("Certified Professional Coder - Apprentice", "CPC-A"),
        ("Certified Coding Specialist - Physician-based", "CCS-P"),
    ],
)
def test_normalize_certification(text, code):
    assert normalize_certification(text) == code


@pytest.mark.parametrize("text", ["", "  ", None, 5, "XYZ", "Certified " + "x" * 200, "a" * 300])
def test_normalize_certification_refuses_the_unknown(text):
    with pytest.raises(InvalidInput) as info:
        normalize_certification(text)
    assert info.value.param == "certification"
    assert info.value.allowed == ", ".join(CERTIFICATIONS)


@pytest.mark.parametrize(
    "cue",
    [
        "accredited by",
        "approved by",
        "a partner of",
        "recognized by",
        "recognised by",
        "reaffirmed by",
        "endorsed by",
        "licensed by",
        "authorized by",
        "a member of",
        "certified by",
        "institutional accreditor:",
        "programmatic:",
    ],
)
def test_an_accreditation_needs_a_statement(cue):
    assert find_accreditations(f"The program is {cue} ABHES") == ["ABHES"]


@pytest.mark.parametrize("word", ["and", "but", "while", "however", "whereas", ","])
def test_a_negative_cue_only_reaches_its_own_part_of_the_clause(word):
    text = f"The program is accredited by ABHES {word} CAHIIM accreditation is pending"
    assert find_accreditations(text) == ["ABHES"]


def test_accreditation_statement_control():
    assert find_accreditations("The program is listed next to ABHES") == []
    assert find_accreditations("ABHES, ACCSC") == ["ABHES", "ACCSC"]
    assert find_accreditations("ABHES and ACCSC") == ["ABHES", "ACCSC"]
    assert find_accreditations("ABHES / ACCSC; or DEAC") == ["ABHES", "ACCSC", "DEAC"]


@pytest.mark.parametrize(
    "negative",
    [
        "is not accredited by",
        "isn't accredited by",
        "is non-accredited by",
        "is nonaccredited by",
        "is unaccredited by",
        "is seeking accreditation by",
        "is a candidate for accreditation by",
        "is in the process of accreditation by",
        "is pursuing accreditation by",
        "has applied for accreditation by",
        "will apply for accreditation by",
        "is applying for accreditation by",
        "may apply for accreditation by",
        "will apply to be accredited by",
        "is pending accreditation by",
        "is working towards accreditation by",
        "plans to be accredited by",
        "is planning accreditation by",
        "will seek accreditation by",
        "will be submitting to accreditation by",
        "will pursue accreditation by",
        "intends accreditation by",
        "has the intent of accreditation by",
        "anticipates accreditation by",
        "is eligible to apply for accreditation by",
        "has yet to be accredited by",
        "is no longer accredited by",
        "had accreditation withdrawn by",
        "had accreditation revoked by",
        "is expected to be accredited by",
        "is pre-accredited by",
        "is in self-study for accreditation by",
    ],
)
def test_negated_or_prospective_accreditation_is_not_one(negative):
    assert find_accreditations(f"The program {negative} ABHES") == []


@pytest.mark.parametrize(
    "before",
    [
        "Graduates from a",
        "Graduates of an",
        "Students who attend any",
        "Those who attended a",
        "Anyone attending a",
        "You must complete a",
        "You completed a",
        "After completing a",
        "Students who graduate a",
        "Those who graduated a",
        "The graduates a",
        "Enrolled in a",
        "Accepted from any",
        "Transfer credits from",
        "Transfer credits are accepted from one",
        "Graduates of",
        "Any one",
        "Credits earned at another one",
    ],
)
def test_a_generic_reference_is_not_an_accreditation(before):
    assert find_accreditations(f"{before} CAHIIM-accredited program may sit for the RHIT") == []


def test_generic_reference_control():
    assert find_accreditations("The program is a CAHIIM-accredited program") == ["CAHIIM"]
    assert find_accreditations("It was an CAHIIM-accredited program") == ["CAHIIM"]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Commission on Accreditation for Health Informatics and Information Management"
            " Education accredits the program",
            ["CAHIIM"],
        ),
        ("The program is an AHIMA-approved program", ["PCAP"]),
        ("The program is approved by the AHIMA", ["PCAP"]),
        ("The program holds Professional Certificate Approval Program status", ["PCAP"]),
        ("The PCAP", ["PCAP"]),
        ("ACCSC", ["ACCSC"]),
        ("The program is accredited by the ACCSCT", ["ACCSC"]),
        (
            "Accrediting Commission of Career Schools and Colleges of Technology accredits us",
            ["ACCSC"],
        ),
        ("Accredited by the Distance Education and Training Council", ["DEAC"]),
        ("An AAPC-approved program", ["AAPC"]),
        ("An AAPC licensed program", ["AAPC"]),
        ("An AAPC authorized program", ["AAPC"]),
        ("Approved by the AAPC", ["AAPC"]),
        ("An AAPC education partner", ["AAPC"]),
        ("An AAPC training partner", ["AAPC"]),
        ("Prepares for the AAPC exam", []),
        ("Accredited by the COE", []),
        ("See https://www.cahiim.org/ accredited", []),
        ("", []),
        (None, []),
        (12, []),
    ],
)
def test_accreditation_spellings(text, expected):
    assert find_accreditations(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The Health Information Technology accreditor of Example College is the Commission"
            " on Accreditation for Health Informatics and Information Management Education"
            " (CAHIIM).",
            True,
        ),
        ("The HIT accreditor of Example College is CAHIIM.", True),
        ("The HIT accreditor of Example College has been CAHIIM.", True),
        ("The HIT accreditor of Example College is the CAHIIM.", True),
        ("The HIT accreditor of Example College is not CAHIIM.", False),
        (
            "Some text. The HIT accreditor of Example College is CAHIIM, pending review.",
            False,
        ),
        ("Our program is pending. The HIT accreditor of Example College is CAHIIM.", True),
        ("Pending.\nThe HIT accreditor of Example College is CAHIIM.", True),
        ("The HIT accreditor of Example College is CAHIIMX.", False),
        ("Accredited by CAHIIM.", False),
        ("", False),
        (None, False),
        (3, False),
    ],
)
def test_is_cahiim_statement(text, expected):
    assert is_cahiim_statement(text) is expected


@pytest.mark.parametrize(
    "name,text,matches",
    [
        ("Certified Billing & Coding Specialist", "certified billing and coding specialist", True),
        ("Certified Billing & Coding Specialist", "Certified Billing & Coding Specialist", True),
        ("Certified Billing and Coding Specialist", "certified billing & coding specialist", True),
        ("Health Record Specialist", "health records specialist", True),
        ("Health Records Specialist", "health record specialist", True),
        (
            "Certified Coding Specialist - Physician-based",
            "certified coding-specialist physician based",
            True,
        ),
        ("Certified  Coder", "certified coder", True),
        ("Certified Coder", "certified coders", True),  # plural full names count (real pages)
        ("Certified Coder", "uncertified coder", False),
        ("Certified Coder", "certified xcoder", False),
        (" Certified Coder", "certified coder", True),  # a leading space gives an empty word
    ],
)
def test_name_pattern(name, text, matches):
    import re

    from programs.normalize.certifications import _name_pattern

    assert bool(re.fullmatch(_name_pattern(name), text, re.IGNORECASE)) is matches
    assert bool(re.search(_name_pattern(name), f"The {text} exam", re.IGNORECASE)) is matches


def test_name_patterns_cover_every_code():
    from programs.normalize.certifications import _build_name_patterns

    patterns = _build_name_patterns()
    assert {code for code, _ in patterns} == set(CERTIFICATIONS)
    for code, pattern in patterns:
        assert pattern.flags & 2, code  # re.IGNORECASE
    by_code = {}
    for code, pattern in patterns:
        by_code.setdefault(code, []).append(pattern)
    assert len(by_code["RHIT"]) == 2  # its alias and its name
    assert len(by_code["CPC-A"]) == 1  # suffixed codes: their aliases only
    assert len(by_code["CPC"]) == 1
    assert by_code["CPC"][0].search("CERTIFIED PROFESSIONAL CODER")
    assert not any(p.search("certified professional coder") for p in by_code["CPC-A"])


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The program is a CAHIIM-accredited program", ["CAHIIM"]),
        ("Graduates are an CAHIIM-accredited group", ["CAHIIM"]),
        ("It is AS A CAHIIM-accredited program", ["CAHIIM"]),
        ("Students who graduated from a CAHIIM-accredited program", []),
    ],
)
def test_a_statement_about_the_program_itself_is_not_generic(text, expected):
    assert find_accreditations(text) == expected


@pytest.mark.parametrize("text", ["CPC\u00ae exam", "The CPC\u00ae and the CPB\u00ae"])
def test_the_registered_mark_is_dropped(text):
    assert "CPC" in find_certifications(text)
    assert normalize_certification("cpc\u00ae") == "CPC"


def test_normalize_certification_prefers_the_suffixed_name():
    assert normalize_certification("certified professional coder apprentice") == "CPC-A"
    assert normalize_certification("Certified Coding Specialist Physician based") == "CCS-P"
