"""Credential class from text and from IPEDS award levels."""

from __future__ import annotations

import pytest

from programs.errors import InvalidInput
from programs.normalize import award_level_label, credential_from_award_level, credential_from_text

CASES: list[tuple[str | None, str | None]] = [
    # certificate
    ("Certificate", "certificate"),
    ("certificate", "certificate"),
    ("Certificate of Achievement", "certificate"),
    ("Certificate of Completion", "certificate"),
    ("Diploma", "certificate"),
    ("Professional Certificate", "certificate"),
    ("short course", "certificate"),
    ("non-credit course", "certificate"),
    ("Noncredit", "certificate"),
    ("Career Certificate", "certificate"),
    ("Technical Certificate (TC)", "certificate"),
    ("Post-baccalaureate certificate", "graduate_certificate"),
    ("Postbaccalaureate Certificate", "graduate_certificate"),
    ("Post-Master's Certificate", "graduate_certificate"),
    ("Graduate Certificate in Health Informatics", "graduate_certificate"),
    ("Post-degree certificate in coding", "certificate"),
    ("Undergraduate Certificate or Diploma", "certificate"),
    ("Medical Billing and Coding Certificate of Proficiency", "certificate"),
    ("Certificate for bachelor's degree holders", "certificate"),
    ("Medical Coding Certification Program", "certificate"),
    ("Medical Billing & Coding Course", "certificate"),
    ("Continuing Education course", "certificate"),
    ("Technical Diploma", "certificate"),
    ("Coding Specialist, Certificate", "certificate"),
    # associate
    ("Associate of Applied Science", "associate"),
    ("A.A.S.", "associate"),
    ("A.A.S", "associate"),
    ("AAS", "associate"),
    ("AAS Degree", "associate"),
    ("Associate Degree", "associate"),
    ("Associate in Science", "associate"),
    ("Associate's Degree", "associate"),
    ("Associates Degree in Health Information Technology", "associate"),
    ("Health Information Technology, AAS", "associate"),
    ("AS in Health Information Technology", "associate"),
    ("A.S. Health Information Technology", "associate"),
    ("Health Information Technology (AS)", "associate"),
    ("Associate", "associate"),
    ("Associate of Occupational Studies (AOS)", "associate"),
    ("Associate in Applied Science Degree", "associate"),
    ("AAS Degree - Health Information Technology", "associate"),
    ("Associate of Science in Health Information Technology (A.S.)", "associate"),
    # bachelor
    ("Bachelor of Science", "bachelor"),
    ("B.S.", "bachelor"),
    ("BS in HIM", "bachelor"),
    ("Baccalaureate", "bachelor"),
    ("Bachelor's degree", "bachelor"),
    ("Bachelor of Applied Science in Health Information Management", "bachelor"),
    ("BSHIM", "bachelor"),
    ("Health Information Management, B.S.", "bachelor"),
    ("BS", "bachelor"),
    ("Health Information Management (BS)", "bachelor"),
    ("Bachelor of Applied Science (B.A.S.)", "bachelor"),
    # master
    ("Master of Science", "master"),
    ("M.S.", "master"),
    ("MHA", "master"),
    ("MSHI", "master"),
    ("Master's Degree", "master"),
    ("Master of Health Administration (MHA)", "master"),
    ("MS in Health Informatics", "master"),
    ("MBA in Healthcare Management", "master"),
    # not a credential / unknown
    ("degree", None),
    ("Degree", None),
    ("Doctor's degree - research/scholarship", None),
    ("Certified Coding Associate", None),
    ("Certified Coding Associate (CCA)", None),
    ("Find jobs in medical coding", None),
    ("Download the forms", None),
    ("Master the skills of medical coding", None),
    ("Proficiency in MS Word and Excel", None),
    ("Boston, MA", None),
    # a catalog's program name ends in its award after a comma
    ("Health Information Management, BS", "bachelor"),
    ("Health Information Technology, AS", "associate"),
    ("Health Informatics, BA", "bachelor"),
    ("Jackson, MS", None),  # MA and MS are states too
    ("Health Informatics, MS", None),
    ("Complete as few as 6 weeks", None),
    ("Medical Billing and Coding", None),
    ("Certified Professional Coder", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_credential_from_text(text: str | None, expected: str | None) -> None:
    assert credential_from_text(text) == expected


@pytest.mark.parametrize(
    "level,credential,label",
    [
        (20, "certificate", "Certificate of less than 12 weeks"),
        (21, "certificate", "Certificate of at least 12 weeks but less than 1 year"),
        (1, "certificate", "Award of less than 1 academic year"),
        (2, "certificate", "Award of at least 1 but less than 2 academic years"),
        (3, "associate", "Associate's degree"),
        ("3", "associate", "Associate's degree"),
        (" 3 ", "associate", "Associate's degree"),
        ("3.0", "associate", "Associate's degree"),
        (3.0, "associate", "Associate's degree"),
        (4, "certificate", "Award of at least 2 but less than 4 academic years"),
        (5, "bachelor", "Bachelor's degree"),
        (6, "graduate_certificate", "Postbaccalaureate certificate"),
        (7, "master", "Master's degree"),
        (8, "graduate_certificate", "Post-master's certificate"),
        (17, None, None),
        (99, None, None),
        (-1, None, None),
        (None, None, None),
        ("", None, None),
    ],
)
def test_award_levels(level: object, credential: str | None, label: str | None) -> None:
    assert credential_from_award_level(level) == credential  # type: ignore[arg-type]
    assert award_level_label(level) == label  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "level", ["abc", "associate", "3a", "3.5", 3.5, True, [3], "\x00", float("inf")]
)
def test_award_level_bad_input(level: object) -> None:
    with pytest.raises(InvalidInput) as info:
        credential_from_award_level(level)  # type: ignore[arg-type]
    assert info.value.param == "award_level"
    with pytest.raises(InvalidInput):
        award_level_label(level)  # type: ignore[arg-type]
