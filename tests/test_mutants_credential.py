"""programs/normalize/credential.py pinned down: the cases mutation testing showed no test would notice.

The patterns are built once, when the module is imported; the fixture below builds them again inside
each test, so that a change to ``_build`` is seen too. Program names are fictional.
"""

from __future__ import annotations

import math

import pytest

from programs.errors import InvalidInput
from programs.normalize import credential
from programs.normalize.credential import (
    award_level_label,
    credential_from_award_level,
    credential_from_text,
)


@pytest.fixture(autouse=True)
def rebuilt_patterns(monkeypatch):
    monkeypatch.setattr(credential, "_PATTERNS", credential._build())


@pytest.mark.parametrize(
    "text,expected",
    [
        # graduate certificates, every spelling of the lead-in word
        ("Post-Bachelor's Certificate in Coding", "graduate_certificate"),
        ("Post bachelors certificate", "graduate_certificate"),
        ("Postbachelor certificate", "graduate_certificate"),
        ("Post-graduate Diploma in Health Records", "graduate_certificate"),
        ("Post-Masters Certification", "graduate_certificate"),
        ("Post-baccalaureate Coding and Billing Certificates", "graduate_certificate"),
        ("Post-baccalaureate one two three four certificate", "certificate"),  # 4 words between
        ("Graduate Certificates", "graduate_certificate"),
        ("Graduate Health Informatics Data Certificate", "graduate_certificate"),
        ("Graduate one two three four certificate", "certificate"),
        ("Undergraduate Certificate", "certificate"),
        ("Non-graduate certificate", "certificate"),
        # post-degree and post-associate certificates are certificates
        ("Post-associate Coding Diploma", "certificate"),
        ("Post Degree Certification", "certificate"),
        ("Postdegree diplomas", "certificate"),
        ("Post-associate one two three four certificate", "certificate"),
        # certificates and diplomas in all their forms
        ("Certificates", "certificate"),
        ("Cert. in Medical Coding", "certificate"),
        ("Coding Cert.", "certificate"),
        ("Certs. and forms", None),
        ("Diplomas", "certificate"),
        ("Short-course", "certificate"),
        ("Short courses", "certificate"),
        ("Noncredit coding courses", "certificate"),
        ("Non-credit evening coding programs", "certificate"),
        ("Continuing education programs", "certificate"),
        ("Continuing Education Certificates", "certificate"),
        ("Continuing education", None),
        # associate
        ("Associate's in Health Information", "associate"),
        ("Associates of Applied Science", "associate"),
        ("Associates in Science", "associate"),
        ("Associate degrees", "associate"),
        ("Associate program in coding", "associate"),
        ("Associate level coursework", "associate"),
        ("Associates", "associate"),
        ("  associate  ", "associate"),
        ("Associates Degree", "associate"),
        ("Associate's", "associate"),
        ("Associate of", None),  # a word must follow "of"
        ("Associate Dean of Health Sciences", None),
        ("Coding Associate Network", None),
        ("Coding Associates Network", "associate"),  # "associates" anywhere, as "associate's"
        ("AOS", "associate"),
        ("A.O.S.", "associate"),
        ("AAT", "associate"),
        ("A. A. T.", "associate"),
        ("AAB in Medical Office", "associate"),
        ("AAS-T in Health Information", "associate"),
        ("aas", None),  # abbreviations without dots are upper case
        ("a.a.s.", "associate"),
        ("BAAAS", None),  # inside a longer word
        ("AAS2", None),
        ("2AAS", None),
        ("A.A.", "associate"),
        ("A. A.", "associate"),
        ("X.A.A.", None),
        ("XA.A. in coding", None),  # the dotted two-letter forms stand alone
        ("xA.A. in coding", None),
        ("A.A.X in coding", None),
        ("A.A.x in coding", None),
        ("xAAS program", None),
        ("AASX program", None),
        ("AASx program", None),
        (
            "Post-associate AAS Certificate",
            "certificate",
        ),  # the post-associate certificate comes first
        ("Post-degree BS Diploma", "certificate"),
        ("A.A.B", "associate"),  # the dotted AAB, its last dot left out
        ("AA", "associate"),
        ("AA.", "associate"),
        ("( AA )", "associate"),
        ("Coding (AS)", "associate"),
        ("Coding, AS ", "associate"),
        ("Coding, AS degree", "associate"),
        ("AS program in coding", "associate"),
        ("AS track", "associate"),
        ("AS option", "associate"),
        ("AA degree", "associate"),
        ("/AS in Coding", "associate"),
        ("(AS in Coding)", "associate"),
        ("Coding AS in spring", "associate"),
        ("XAS in Coding", None),
        ("AS inside", None),
        ("Coding, AS or more", None),
        # bachelor
        ("Bachelors of Science", "bachelor"),
        ("Bachelor programs", "bachelor"),
        ("Post-bachelor students", None),
        ("Post bachelor students", None),
        ("Postbaccalaureate students", None),
        ("BAS", "bachelor"),
        ("B.A.S.", "bachelor"),
        ("BSHA", "bachelor"),
        ("BSHI", "bachelor"),
        ("B.S.H.I.", "bachelor"),
        ("BSc", "bachelor"),
        ("BSC", None),  # the mixed-case abbreviation is written as it is
        ("BAAS", "bachelor"),
        ("BSBA", "bachelor"),
        ("BA", "bachelor"),
        ("B.A.", "bachelor"),
        ("BA in Health Services", "bachelor"),
        ("Health Services (BA)", "bachelor"),
        # master
        ("Masters in Health Informatics", "master"),
        ("Master's in Coding", "master"),
        ("Master degree", "master"),
        ("Master degrees", "master"),
        ("Master program", "master"),
        ("Master level", "master"),
        ("Masters", "master"),
        ("Master", "master"),
        ("Master's", "master"),
        ("Post-master students", None),
        ("Post master's students", None),
        ("Postmaster general", None),
        ("MSHIM", "master"),
        ("MHI", "master"),
        ("MHIM", "master"),
        ("MPH", "master"),
        ("MSc", "master"),
        ("MSHA", "master"),
        ("MPA", "master"),
        ("M.P.H.", "master"),
        ("M.A.", "master"),
        ("MA", "master"),
        ("MA in Health Communication", "master"),
        ("Health Communication (MA)", "master"),
        ("MS", "master"),
        ("Health Communication, MA", None),  # a state, not the award
        # the first named wins
        ("Associate or bachelor", "bachelor"),  # a bare "associate" before "or" names nothing
        ("Associate degree or bachelor", "associate"),
        ("Bachelor's after an associate degree", "bachelor"),
        ("MBA after a certificate", "master"),
        ("A certificate, then an MBA", "certificate"),
        ("AAS or BS in Health Information", "associate"),
        # the typographic apostrophe
        ("Associate\u2019s Degree", "associate"),
        ("Master\u2019s Degree", "master"),
        # weak hints, only when nothing else matched; doctorates and unknown text give None
        ("Courses in coding", "certificate"),
        ("A coding course", "certificate"),
        ("Training program in coding", "certificate"),
        ("Coding Bootcamp", "certificate"),
        ("Coding boot camp", "certificate"),
        ("Doctoral course in coding", None),
        ("Doctorate", None),
        ("PhD course", None),
        ("Ph. D course", None),
        ("D.H.A. course", None),
        ("DHA course", None),
        ("DNP course", None),
        ("Ed.D. course", None),
        ("EdD course", None),
        ("Doctor of Science and a certificate", "certificate"),
        ("Coursework", None),
        ("   ", None),
        (42, None),
        # each word of the word patterns, where it is the earliest match (added with the word-list check)
        ("Earn the BS of Health Administration", "bachelor"),
        ("Post-degree masters level certificate in informatics", "certificate"),
        ("Post-associate masters level certification", "certificate"),
        ("Post-associate masters level diplomas", "certificate"),
        ("Short course for associate degree holders", "certificate"),
        ("Short-courses for associate degree holders", "certificate"),
        ("Continuing education courses for associate degree holders", "certificate"),
        ("Continuing education programs for associate degree holders", "certificate"),
        ("Associate degree", "associate"),
        ("Associate of Applied Science", "associate"),
        ("Associate in Health Information Technology", "associate"),
        ("Associates degree, then a certificate", "associate"),
        ("Associates of Science, then a certificate", "associate"),
        ("Associates in Science, then a certificate", "associate"),
        ("Master in Health Informatics", "master"),
        ("Master of Health Administration", "master"),
        ("Master degree, then a certificate", "master"),
        ("Master program, then a certificate", "master"),
        ("Master level, then a certificate", "master"),
        # the award joined to the field's initials
        ("Graduated with an AS-HIT degree", "associate"),
        ("The BS-HIM degree", "bachelor"),
        ("AS-Level examinations", None),
        ("District MA-01", None),
    ],
)
def test_credential_rows(text, expected):
    assert credential_from_text(text) == expected


@pytest.mark.parametrize(
    "level,expected",
    [
        (3, "associate"),
        ("+3", "associate"),
        ("0003", "associate"),
        ("3.00", "associate"),
        ("-1", None),
        ("12345", "error"),
        (float("nan"), None),
        (float("-inf"), "error"),
        (5.0, "bachelor"),
        (b"3", "error"),
        (False, "error"),
        ("   ", None),
    ],
)
def test_award_level_inputs(level, expected):
    if expected == "error":
        with pytest.raises(InvalidInput) as info:
            credential_from_award_level(level)
        assert info.value.param == "award_level"
        with pytest.raises(InvalidInput) as info:
            award_level_label(level)
        assert info.value.param == "award_level"
    else:
        assert credential_from_award_level(level) == expected


def test_unknown_award_levels_give_no_label():
    assert award_level_label(0) is None
    assert award_level_label(18) is None
    assert award_level_label("5") == "Bachelor's degree"
    assert not math.isnan(0.0)
