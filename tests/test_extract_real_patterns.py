"""Phrasing patterns met on real program pages (the corpus of ``bench.extract_real``), each
rewritten in our own words: the table tests that keep the gains of issue 12 in CI.

Every row names the pattern it stands for; the text is invented for the test (fictional
schools), only the way of writing is taken from the real pages.
"""

from __future__ import annotations

import html

import pytest

from programs.extract import dom, extract_page, rules
from programs.extract.page import (
    calls_itself_a_program,
    heading_name,
    looks_like_article,
    name_in_url,
    names_other_program,
    program_words,
    url_topic,
)
from programs.normalize import find_certifications, parse_delivery, parse_length, parse_tuition

URL = "https://www.example.edu/programs/page.html"


def text_page(title: str, *lines: str) -> str:
    """A page as the corpus scores one: the title as title and heading, a paragraph a line."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    esc = html.escape(title)
    return f"<html><head><title>{esc}</title></head><body><main><h1>{esc}</h1>{body}</main></body></html>"


def only_program(title: str, *lines: str, url: str = URL) -> dict:
    result = extract_page(text_page(title, *lines), url)
    assert result.is_program_page, f"{title!r} not recognised"
    assert len(result.programs) == 1
    return result.programs[0]


# ---------------------------------------------------------------- recognition

RECOGNISED = [
    # a generic title; the program is named only in the body
    (
        "Program Pathways",
        [
            "The Department of Health Information Administration offers a Bachelor of Science degree.",
            "A total of 120 credits is required for the Bachelor of Science degree.",
        ],
        URL,
        {"credential": "bachelor", "length_months": 48.0, "length_basis": "credits"},
        "Health Information Administration",
    ),
    # an enrollment agreement: generic title, the course line names the program, form blanks
    (
        "Enrollment Agreement",
        [
            "Fictional Coding Academy",
            "Course: Professional Medical Coding Curriculum",
            "Tuition $___1,800.00___",
            "Prepares for the AAPC CPC exam.",
        ],
        URL,
        {"tuition_usd": 1800.0, "certifications": ["CPC"], "credential": "certificate"},
        "Medical Coding",
    ),
    # nothing but a generic title and entry rules: the name is in the address
    (
        "Program Details",
        ["Students entering this program must hold a 2.8 grade point average."],
        "https://www.example.edu/programs/health-information-technology/program-details/",
        {"credential": None},
        "Health Information Technology",
    ),
    # an FAQ page: the questions say "I", the answers state the facts
    (
        "Medical Coding Certificate (MCC) Frequently Asked Questions",
        [
            "When may I apply to the program?",
            "Applications are due in June.",
            "Can I finish the program online?",
            "Yes. All classes can be taken online except the clinical practicum.",
            "How long will it take me?",
            "Students complete the certificate in three semesters.",
        ],
        URL,
        {"credential": "certificate", "delivery": "online", "length_months": 18.0},
        "Medical Coding Certificate",
    ),
    # the award is written in the body only ("One Year Certificate Program")
    (
        "Medical Billing and Coding",
        [
            "Program Outcomes",
            "Graduates of the Billing and Coding One Year Certificate Program are ready for claims work.",
        ],
        URL,
        {"credential": "certificate", "length_months": 12.0, "length_basis": "stated"},
        "Medical Billing and Coding",
    ),
    # a catalog record: "Award:" line and a total of credit hours
    (
        "Health Information Technology, A.A.S.",
        [
            "2016-2017 Catalog [PAST CATALOG]",
            "Award: Associate of Applied Science degree, A.A.S.",
            "Total Credit Hours: A minimum of 63 credit hours.",
        ],
        URL,
        {"credential": "associate", "length_months": 24.0, "length_estimated": True},
        "Health Information Technology",
    ),
    # a degree-type program that never names its award: no certificate is assumed
    (
        "Health Information Technology",
        [
            "Graduates of Fictional State University's Health Information Technology Program are eligible to "
            "write the national examination to become Registered Health Information Technicians."
        ],
        URL,
        {"credential": None, "certifications": ["RHIT"]},
        "Health Information Technology",
    ),
    # the same with the typographic apostrophe real pages use ("University\u2019s")
    (
        "Health Information Technology",
        [
            "Graduates of Fictional State University\u2019s Health Information Technology Program are "
            "eligible to write the national examination to become Registered Health Information Technicians."
        ],
        URL,
        {"credential": None, "certifications": ["RHIT"]},
        "Health Information Technology",
    ),
]


# Saved page texts begin with whatever the page shows first (a catalog's date, the site's
# address, a "skip to content" link, a generic kind of page): the program is named further down.
RECOGNISED += [
    # a catalog record whose first line is the catalog's date; the heading is a later line
    (
        "Mar 03, 2025",
        [
            "2024-2025 Catalog [ARCHIVED CATALOG]",
            "Medical Billing Certificate",
            "Return to: Programs by School",
            "This certificate program in medical billing prepares students for the AAPC CPB exam.",
        ],
        "https://catalog.example.edu/preview_program.php?catoid=9&poid=123",
        {"credential": "certificate", "certifications": ["CPB"]},
        "Medical Billing Certificate",
    ),
    # the site's address first, then the catalog heading with its award
    (
        "catalog.fictional.edu",
        [
            "Health Information Technology, A.A.S.",
            "The Health Information Technology program prepares graduates for the RHIT exam.",
        ],
        URL,
        {"credential": "associate", "certifications": ["RHIT"]},
        "Health Information Technology",
    ),
    # a handbook: the program is named in the first sentence only
    (
        "Program Handbook",
        [
            "The Medical Coding certificate program prepares students to work on hospital coding teams.",
            "The program is offered over three semesters.",
        ],
        URL,
        {"credential": "certificate"},
        "Medical Coding",
    ),
    # a bachelor's catalog record that opens with its admission rules
    (
        "Admission Requirements",
        [
            "Students are admitted to the major after their first year.",
            "The Health Informatics and Information Management program prepares students for the RHIA exam.",
            "Bachelor of Science: a total of 120 credit hours.",
        ],
        "https://bulletin.example.edu/preview_program.php?catoid=5&poid=77",
        {"credential": "bachelor", "certifications": ["RHIA"]},
        "Health Informatics and Information Management",
    ),
    # a document turned to text: its heading in capitals after the hosting site's name
    (
        "docs.example.net",
        [
            "MEDICAL CODING SPECIALIST PROGRAM",
            "Students will complete 30 credits and prepare for the CCS exam.",
        ],
        "https://docs.example.net/doc/12345/handbook",
        {"certifications": ["CCS"]},
        "Medical Coding Specialist",
    ),
    # a fact sheet: nothing but the kind of page as title; the address names the program
    (
        "Program Fact Sheet",
        [
            "Associate Degree Programs",
            "Length of Program: 4 semesters",
            "Graduates are eligible for the RHIT exam.",
        ],
        "https://www.example.edu/health-information-technology/program-fact-sheet/",
        {"certifications": ["RHIT"]},
        "Health Information Technology",
    ),
    # the profession described first; the school speaks of its program in the possessive
    (
        "Health Information Technology",
        [
            "Career Overview",
            "Health information technicians keep patient records complete and accurate.",
            "Fictional Prairie College's Health Information Technology (HIT) program readies students "
            "for records work.",
            "Fictional Prairie College's HIT program prepares students to work as record technicians.",
        ],
        URL,
        {"credential": None},
        "Health Information Technology",
    ),
    # a program overview that speaks through what it gives its students
    (
        "PROGRAM OVERVIEW",
        [
            "Health Information Management and Systems (HIMS) provides students with a business "
            "and information systems background.",
            "Graduates may sit for the RHIA exam.",
        ],
        URL,
        {"certifications": ["RHIA"]},
        "Health Information Management and Systems",
    ),
    # a document's text: the school's name runs into the program's; the title is the host's address
    (
        "docs.example.org",
        [
            "Fictional Hills Community College Health Information Technology Records technicians "
            "keep the data that clinicians rely on.",
            "The program is accredited by CAHIIM and graduates may sit for the RHIT exam.",
        ],
        URL,
        {"certifications": ["RHIT"], "accreditations": ["CAHIIM"]},
        "Health Information Technology",
    ),
    # a form whose first line is a sentence; the program is named by its abbreviation in prose
    (
        "To enrol at the Fictional Coding School please fill out the form below.",
        [
            "The Fictional Valley College AAS in HIT is accredited by CAHIIM.",
            "The program prepares students for the RHIT exam.",
        ],
        URL,
        {"certifications": ["RHIT"]},
        "Health Information Technology",
    ),
    # course names ending in Roman numerals are not a writer saying "I"
    (
        "Health Information Technology, AAS",
        [
            "Courses: Anatomy and Physiology I, Coding I and II, Medical Terminology I.",
            "The program is accredited by CAHIIM.",
        ],
        URL,
        {"credential": "associate", "accreditations": ["CAHIIM"]},
        "Health Information Technology",
    ),
    # a title that calls the program a program ("... Program Overview"); no fact beyond the award
    (
        "HIM Program Overview",
        [
            "In the first year students learn medical terminology and the structure of patient records.",
            "Students wishing to pursue the Associate of Applied Science in Health Information "
            "Management progress to the second-year courses.",
        ],
        URL,
        {"credential": "associate", "tuition_usd": None, "length_months": None},
        "Health Information Management",
    ),
    # a body line naming the program as a program under a title that names nothing
    (
        "sciences",
        [
            "HIT \u2013 program information",
            "Registered health information technicians (RHIT) manage patient data in hospitals.",
        ],
        URL,
        {"credential": None, "certifications": ["RHIT"]},
        "Health Information Technology",
    ),
    # the school's voice: the program "is available" online, "accepts" two groups a year
    (
        "Skip to Content",
        [
            "About Health Information Management (HIM)",
            "The HIM program is available completely online except for the practicum.",
            "The HIM program accepts two cohorts each year.",
        ],
        URL,
        {"delivery": "online", "credential": None},
        "Health Information Management",
    ),
    # "admission to the program is competitive" speaks as the school offering it
    (
        "Skip To Main Content",
        [
            "About Medical Records Technology",
            "Medical records technicians code and file patient information.",
            "Admission to the program is competitive and based on grades and an interview.",
        ],
        URL,
        {"credential": None},
        "Medical Records Technology",
    ),
    # a state approval document: "a program in ... leading to the A.A.S. degree"
    (
        "THE",
        [
            "SUMMARY:",
            "Fictional Career Institute seeks approval to offer a program in health information "
            "technology leading to the Associate in Applied Science (A.A.S.) degree.",
            "Health Information Technology (HIT), A.A.S",
        ],
        URL,
        {"credential": "associate"},
        "Health Information Technology",
    ),
    # an information session that points to the program's information packet
    (
        "Medical Coder Information Session",
        [
            "Please open the information packet for the program before you watch this session.",
            "What is medical coding? Coders turn diagnoses into ICD and CPT codes.",
        ],
        URL,
        {"credential": None, "certifications": []},
        "Medical Coder",
    ),
    # a welcome letter of a program handbook: "your acceptance into the HIT Program"
    (
        "Health Information Technology Student Handbook",
        [
            "FICTIONAL RIVER COLLEGE",
            "Table of Contents",
            "Dear new HIT student: congratulations on your acceptance into the HIT Program at Fictional "
            "River College.",
            "The Associate of Applied Science in Health Information Technology takes four semesters.",
        ],
        URL,
        {"credential": "associate", "delivery": None},
        "Health Information Technology",
    ),
    # "an Associate Degree in two years": a time, not another field
    (
        "Frequently Asked Questions",
        [
            "Learn more about the Health Information Technology (HIT) program at Fictional Tech.",
            "Full-Time Associate Degree Program: this program is designed for people new to the field "
            "and leads to an Associate Degree in two years.",
        ],
        URL,
        {"credential": "associate", "length_months": 24.0},
        "Health Information Technology",
    ),
    # a training site whose first sentence names its "... Certification program"
    (
        "fictional-training.example.com",
        [
            "The Medical Billing and Coding Specialist Certification program is accredited by a "
            "national commission.",
            "At the completion of this course, each student may sit for a national exam.",
        ],
        URL,
        {"credential": "certificate"},
        "Medical Billing and Coding Specialist",
    ),
    # a title that is a link to the curriculum ("... Curriculum Courses and Requirements \u2192")
    (
        "Medical Coding Certificate Curriculum Courses and Requirements \u2192",
        [
            "What Medical Coders Do",
            "Coders turn diagnoses and procedures into codes.",
            "The Medical Coding Certificate is a 2-semester program offered fully online.",
        ],
        URL,
        {"credential": "certificate", "delivery": "online"},
        "Medical Coding",
    ),
    # "the only university in the state that offers the Bachelor of Science in HIM"
    (
        "Content Loading",
        [
            "Health Information Management Undergraduate Degree",
            "Fast Fact: Fictional Plains is the only university in the state that offers the Bachelor "
            "of Science in HIM.",
        ],
        URL,
        {"credential": "bachelor"},
        "Health Information Management",
    ),
    # an outcomes page naming the award joined to the field's initials ("an AS-HIT degree")
    (
        "Health Information Technology",
        [
            "The Health Information Technology program is accredited by CAHIIM.",
            "Of the 2024 cohort, 12 students graduated with an AS-HIT degree within two years.",
        ],
        URL,
        {"credential": "associate"},
        "Health Information Technology",
    ),
    # a requirements page that says the award, the accreditation and the exam in the school's voice
    (
        "Program Requirements",
        [
            "The Health Information Technology program will train you to manage health records.",
            "The program is accredited by CAHIIM. Students who complete the program earn an associate "
            "of applied science (AAS) degree and may sit for the RHIT exam.",
        ],
        URL,
        {"credential": "associate", "certifications": ["RHIT"], "accreditations": ["CAHIIM"]},
        "Health Information Technology",
    ),
]


@pytest.mark.parametrize("title,lines,url,expected,name_part", RECOGNISED)
def test_recognised_real_patterns(title, lines, url, expected, name_part) -> None:
    got = only_program(title, *lines, url=url)
    assert name_part.lower() in (got["name"] or "").lower()
    for key, value in expected.items():
        assert got[key] == value, (key, got[key], value)


NOT_PROGRAM_PAGES = [
    # a first-person career story titled like a program
    (
        "Medical Billing and Coding Certificate Program Overview",
        [
            "I remember when my cousin asked me about a new career.",
            "I told her the medical billing and coding certificate takes about 9 months online.",
            "In this guide I explain what the certificate covers and the CPC exam.",
        ],
    ),
    # a question as the title
    ("How Long Is Medical Billing Training?", ["Certificate programs run 4 to 15 months online."]),
    # a ranking
    (
        "Best Online Medical Coding Certificates",
        ["Programs include 18-30 credits and cost $3,000."],
    ),
    # an article about several colleges
    (
        "Ohio Colleges That Offer a Health Information Technology Degree",
        [
            "Fictional Valley College offers a two-year Health Information Technology program online."
        ],
    ),
    # an admissions page about a program
    (
        "Medical Coding Admissions",
        ["Students must submit a completed Medical Coding certificate application by May 1."],
    ),
    # an admissions FAQ: clinical hours are not the program's hours
    (
        "Health Information Technology",
        [
            "What are the requirements for admission?",
            "You must complete the testing requirement.",
            "How many hours are required in the clinical?",
            "The first clinical is 96 hours and the second clinical is 128 hours.",
        ],
    ),
    # a proposal to create a program is a document about it, not the program's page
    (
        "Health Information Technology Associate in Science (AS) New Program Proposal",
        [
            "Proposed Date of Implementation Fall 2027",
            "I. Program Objectives",
            "A. Proposed HIT Program Learning Outcomes",
        ],
    ),
    # a credential page, not a program
    (
        "Certified Professional Coder (CPC)",
        ["Applicants should have two years of coding experience."],
    ),
]


@pytest.mark.parametrize("title,lines", NOT_PROGRAM_PAGES)
def test_not_program_pages(title, lines) -> None:
    result = extract_page(text_page(title, *lines), URL)
    assert result.is_program_page is False, result.programs


# Pages that name an in-scope program only in their body and are still not a program's page.
NOT_PROGRAM_PAGES_BODY = [
    # a career blog that names the accreditor in full
    (
        "careerblog.example.com",
        [
            "Coders are in demand in hospitals.",
            "Choose a school accredited by the Commission on Accreditation for Health Informatics and "
            "Information Management Education (CAHIIM).",
            "Most associate degrees take two years and prepare for the RHIT exam.",
        ],
        URL,
    ),
    # a program spoken of in general, and a job title
    (
        "blog.example.org",
        [
            "An aspiring technician must finish a Health Information Management Program accredited by CAHIIM.",
            "Health Information Technician: a candidate with an accredited associate degree may sit for the RHIT.",
        ],
        URL,
    ),
    # an article about the programs of several colleges
    (
        "www.example-guides.com",
        [
            "Several community colleges in Fictional State teach Health Information Technology.",
            "Fictional Valley Community College offers a two-year Health Information Technology program.",
            "At Fictional Ridge Community College, students take coding courses online.",
            "Fictional Lake Community College begins its program with medical terminology.",
        ],
        URL,
    ),
    # a catalog's admission page: the heading is the topic, the program is named below
    (
        "Admission Requirements",
        [
            "All applicants to the Health Information Management Technology associate degree program "
            "must submit an application.",
            "A completed application and a $25 nonrefundable fee.",
            "The program has 45 credits.",
        ],
        "https://catalog.example.edu/programs/health-information-management-technology/admission-requirements",
    ),
    # an admission page whose address says so, titled with the program
    (
        "Health Information Technology",
        [
            "How to Apply",
            "Graduates are eligible for the RHIT exam, so seats are limited.",
            "Steps to apply: send your transcripts to the records office.",
        ],
        "https://www.example.edu/programs/health-information-technology/apply.html",
    ),
    # a numbered item and an image caption are not headings
    (
        "Dec 01, 2025",
        [
            "3. Practice with Authentic Coding Cases",
            "A medical coder biller working at a computer",
            "Schools approved by the association teach coding with real records.",
        ],
        URL,
    ),
    # a page about another program that mentions ours in a line of its own
    (
        "Practical Nursing Diploma",
        [
            "Medical Billing and Coding",
            "Graduates are eligible for the NCLEX-PN exam after 12 months.",
        ],
        URL,
    ),
    # an admission page of a catalog: "admission to the program is open", credits of one part
    (
        "Schools & Divisions",
        [
            "Admission to the program is open.",
            "The following policies apply to the Health Information Technology Program at Fictional "
            "North.",
            "Students must complete 24 credit hours in liberal arts as part of the degree requirements.",
        ],
        "https://bulletins.example.edu/health-info/associate/admission.shtml",
    ),
    # a news story whose headline speaks of "a new degree program"
    (
        "Building a New Degree Program in Health Information Technology",
        [
            "Faculty at Fictional State University began discussing a master's degree in 2009.",
            "The degree program would prepare graduates for jobs in hospitals.",
        ],
        URL,
    ),
    # a system's rules page: the program appears as an item of a list of programs
    (
        "Section IV",
        [
            "\u2022 Dental Hygiene Program",
            "\u2022 Health Information Technology Program",
            "Enrollment in each program may be limited by available resources.",
        ],
        URL,
    ),
    # a career guide "in this career guide" with a step heading naming a program in general
    (
        "fictional-career-school.example.com",
        [
            "Medical billing and coding specialists review documentation and assign codes.",
            "In this career guide, we outline the steps to becoming a specialist.",
            "Complete a Medical Billing and Coding Program",
            "Most programs prepare graduates for the CPC exam.",
        ],
        URL,
    ),
    # a college's administrative guideline about a program's admission criteria
    (
        "Course Catalog",
        [
            "Administrative Guideline 412",
            "This guideline outlines the admission criteria for the Medical Coding and Billing Program.",
            "Students must meet all of the following criteria to be accepted into the Medical Coding "
            "and Billing Program.",
        ],
        URL,
    ),
    # a news story that quotes people ("Roe said", "said Dr. Doe")
    (
        "Four new associate degree programs are now offered at Fictional County College.",
        [
            "Fictional County College now offers an Associate in Applied Science in Health "
            "Information Technology.",
            "\u201cThese are high demand fields,\u201d said Dr. Jane Doe, Dean of Health Sciences.",
            "Ms. Roe said the certificates will continue to be offered.",
        ],
        URL,
    ),
    # a catalog's table of programs run together into lines, each ending in its credits
    (
        "Fictional Valley 2001-2002 Catalog",
        [
            "One- & Two-Year Health Technology",
            "Clinical Medical AssistantCertificate34",
            "Dental Hygiene A.A.S 72",
            "Health Information TechnologyA.A.S71",
            "NursingA.A.S69",
        ],
        URL,
    ),
    # a listing page
    (
        "Programs",
        [
            "Medical Billing and Coding Certificate",
            "The program prepares students for the CPC exam in 9 months.",
            "Practical Nursing Diploma",
        ],
        URL,
    ),
]


@pytest.mark.parametrize("title,lines,url", NOT_PROGRAM_PAGES_BODY)
def test_not_program_pages_named_in_the_body(title, lines, url) -> None:
    result = extract_page(text_page(title, *lines), url)
    assert result.is_program_page is False, result.programs


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Certificate in Medical Coding", "Certificate in Medical Coding"),
        ("HIM \u2013 program information", "Health Information Management"),
        ("MEDICAL CODING SPECIALIST PROGRAM", "Medical Coding Specialist Program"),
        (
            "Medical Information Coder/Biller (6155) (T.C.)",
            "Medical Information Coder/Biller (6155) (T.C.)",
        ),
        (
            "Health Information Management, Plan III, B.S.",
            "Health Information Management, Plan III, B.S",
        ),
        ("3. Experiential Learning with Coding Cases", None),
        ("Students admitted into the HIT program must have completed", None),
        ("Medical Coding AAPC CPC Certification Guide", None),
        ("HIT Program Application", None),
        ("HIT 101 Medical Coding I", None),
        ("Authentic Coding Cases", None),
        ("Practical Nursing", None),
    ],
)
def test_heading_name(line: str, expected: str | None) -> None:
    assert heading_name(line) == expected


@pytest.mark.parametrize(
    "url,topic",
    [
        ("https://x.edu/programs/medical-coding/admission-requirements/", True),
        ("https://x.edu/medical-coder-biller/application-selection-process.php", True),
        ("https://x.edu/programs/health-information-technology/apply.shtml", True),
        ("https://x.edu/programs/health-information-technology/", False),
        ("https://catalog.x.edu/preview_program.php?catoid=5&poid=77", False),
    ],
)
def test_url_topic(url: str, topic: bool) -> None:
    assert url_topic(url) is topic


@pytest.mark.parametrize(
    "heading,other",
    [
        ("Practical Nursing Diploma", True),
        ("Accounting AAS", True),
        ("Associate in Applied Science Degree", False),
        ("Program Detail", False),
    ],
)
def test_names_other_program(heading: str, other: bool) -> None:
    assert names_other_program(heading) is other


@pytest.mark.parametrize(
    "title,text,article",
    [
        ("Understanding Medical Billing and Coding Certificates", "", True),
        (
            "\u00bfC\u00f3mo obtengo la certificaci\u00f3n de codificaci\u00f3n m\u00e9dica?",
            "",
            True,
        ),
        ("Medical Billing and Coding Certification in 2026", "", True),
        ("Billing and Coding Associate Degree Timeline", "", True),
        ("Medical Billing", "Key Takeaways\nCertificates run 4 to 15 months.", True),
        (
            "Medical Coding Certificate",
            "May I apply in spring?\nCan I study online?\nDo I need a GPA?",
            False,
        ),
        ("Certified Professional Biller (CPB) Exam Prep", "", False),
        # a certification as the title's subject, not one word of a document's first sentence
        ("Allied Health Certification Requirements", "", True),
        ("Optional Pathways to RHIA Certification", "", True),
        ("Coding Career Guide: Steps, Salary, Certifications", "", True),
        (
            "coding specialist program handbook...students may get credit for certification and...",
            "",
            False,
        ),
        ("Medical Billing and Coding Specialist Certification Program", "", False),
        ("Health Information Technology, AAS", "The program is accredited by CAHIIM.", False),
    ],
)
def test_looks_like_article(title: str, text: str, article: bool) -> None:
    assert looks_like_article(title, text) is article


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Health Information Technology FAQ", "Health Information Technology"),
        ("Health Information Management FAQs", "Health Information Management"),
        ("HIM", "Health Information Management"),
        ("MEDICAL CODING SPECIALIST PROGRAM Program Handbook", "MEDICAL CODING SPECIALIST PROGRAM"),
        ("Medical Coding Certificate", "Medical Coding Certificate"),
    ],
)
def test_program_words(name: str, expected: str) -> None:
    assert program_words(name) == expected


@pytest.mark.parametrize(
    "url,expected",
    [
        (
            "https://x.edu/programs/health-information-technology/program-details/",
            "Health Information Technology",
        ),
        ("https://x.edu/academics/medical-billing-coding.html", "Medical Billing Coding"),
        ("https://x.edu/programs/nursing/details/", None),
        ("https://x.edu/", None),
    ],
)
def test_name_in_url(url: str, expected: str | None) -> None:
    assert name_in_url(url) == expected


# ---------------------------------------------------------------- exams in their written forms

CERTIFICATION_FORMS = [
    ("Graduates may sit for the C.P.C. examination.", ["CPC"]),
    ("Prepares you for the R.H.I.T. exam.", ["RHIT"]),
    ("Eligible for the R H I T examination after graduation.", ["RHIT"]),
    ("Graduates are designated Certified Coding Specialists (CCS and/or CCSP).", ["CCS", "CCS-P"]),
    ("Students prepare for the CCA and/or CPC exams.", ["CCA", "CPC"]),
    ("Graduates may become Registered Health Information Technicians.", ["RHIT"]),
    ("Eligible to take the Certified Coding Associate examination.", ["CCA"]),
    # a salary by credential is not an exam the program prepares for
    ("Certified Professional Biller (CPB) average salary: $55,078", []),
    # a bridge program starts from one credential and prepares for the other
    ("The Registered Health Information Technician (RHIT) to RHIA Progression.", ["RHIA"]),
    (
        "A flexible curriculum for registered health information technicians (RHITs) who want to become RHIAs.",
        ["RHIA"],
    ),
]


@pytest.mark.parametrize("text,expected", CERTIFICATION_FORMS)
def test_certification_forms(text: str, expected: list[str]) -> None:
    assert find_certifications(text) == expected


# ---------------------------------------------------------------- delivery only from how it is taught

TEACHING = [
    ("The program is a two-year program offered completely online.", "online"),
    ("Type of instruction: classroom, live and virtual.", "hybrid"),
    ("Nine months, 30 credits, online", "online"),
    (
        "The program is a part-time, hybrid (both distance learning and face to face courses) program.",
        "hybrid",
    ),
    # not about how the program is taught
    (
        "It manages health information in electronic, paper-based, or hybrid formats in many settings.",
        None,
    ),
    ("Program Advisors & Online Specialists", None),
    ("The field offers virtually unlimited possibilities.", None),
    ("One externship will be virtual and one will be on-site in a hospital.", None),
    ("Occupations can be explored through the virtual Careers Center.", None),
    ("Can the program be completed online?", None),
    ("You may complete your online application once enrolled in the last prerequisite.", None),
    ("Students take an online course in medical terminology before admission.", None),
    # a few online sections beside day classes: partly online, not an online program
    ("Five semesters; classes meet mostly in the daytime, with some evening and online", "hybrid"),
    ("Spring and fall starts; mainly day courses, some evening and online.", "hybrid"),
    ("A few online courses are offered each term alongside campus classes.", "hybrid"),
    # "all" alone is no teaching cue ("all necessary approvals on campus")
    (
        "The proposed Associate in Science at Fictional Valley College has received all required board"
        " approvals on campus.",
        None,
    ),
    ("All courses are taught online.", "online"),
    # correspondence is a letter unless it is a way of study
    ("We may use your email for school or classroom correspondence only.", None),
    ("The certificate is also offered by correspondence.", "online"),
    # the school's other programs, the general-education courses, tools and books
    ("Fictional Valley College offers many online programs.", None),
    ("General education courses may be taken online.", None),
    ("Online classes are available for some general education requirements.", None),
    ("Online student handbook", None),
    ("Textbooks are available online through the campus bookstore.", None),
    ("The program uses an online learning management system for assignments.", None),
    ("This program is available online.", "online"),
    (
        "The program is a part-time, hybrid (distance learning and face to face) program that includes"
        " general education courses.",
        "hybrid",
    ),
    ("Classes meet on campus in Building A.", "on_campus"),
    # a handbook's contents lines name topics, not how the program is taught
    ("Appendix II \u2013 Computer Skills Needed to Succeed in Online Learning", None),
    ("Cell Phone Policy/ Technology In the Classroom Policy", None),
    # a title-cased line with a verb of teaching, or a short item, still says it
    ("This Program Is Offered Fully Online", "online"),
    ("Online Medical Coding Certificate", "online"),
    # an information session and an accreditor's site visit are not how the program is taught
    ("Applicants must watch the online Program Information Session first.", None),
    ("Periodic on-site surveys are held to review the program.", None),
    # a sentence broken across lines, as a document turned to text breaks it
    (
        "All courses in the program are offered in the\ndistance learning online format except the "
        "professional practice",
        "online",
    ),
]


@pytest.mark.parametrize("sentence,expected", TEACHING)
def test_delivery_statements(sentence: str, expected: str | None) -> None:
    statements = rules.teaching_text(sentence)
    assert (parse_delivery(statements) if statements else None) == expected


@pytest.mark.parametrize(
    "lines,expected",
    [
        (["The Health Information Technology program is offered completely online."], "online"),
        (["Health information is kept in electronic, paper-based, or hybrid formats."], None),
        (["Occupations can be explored further through the virtual Careers Center."], None),
    ],
)
def test_delivery_on_a_page(lines: list[str], expected: str | None) -> None:
    got = only_program(
        "Health Information Technology, AAS", *lines, "Graduates are eligible for the RHIT exam."
    )
    assert got["delivery"] == expected


# ---------------------------------------------------------------- honest lengths


@pytest.mark.parametrize(
    "lines,months,basis",
    [
        (["Total Credit Hours: 62"], 24.0, "credits"),  # about 2 years, not 24.8 months
        (
            [
                "The Medical Information Coder/Biller program is a 37 credit hour college credit certificate."
            ],
            12.0,
            "credits",
        ),
        (["Total Credit Hours: 33"], 12.0, "credits"),  # fits a 12-month filter
        (["CPC Certification Program / Medical Coding 16 Week Course"], 3.7, "stated"),
        # a stated time that is only a part of a 121-credit degree does not win over the credits
        (
            [
                "A total of 121 credits is required for the Bachelor of Science degree.",
                "This course of study provides the knowledge needed for the two-year professional curriculum.",
            ],
            48.0,
            "credits",
        ),
    ],
)
def test_lengths(lines: list[str], months: float, basis: str) -> None:
    got = only_program("Medical Coding Certificate", *lines, "Prepares students for the CCA exam.")
    assert (got["length_months"], got["length_basis"]) == (months, basis)
    assert got["length_estimated"] is (basis != "stated")


def test_estimate_is_flagged_in_the_normaliser() -> None:
    estimate = parse_length("62 credits")
    assert (estimate.months, estimate.basis, estimate.estimated) == (24.0, "credits", True)


# ---------------------------------------------------------------- money written on forms and in footnotes


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Coding/Billing: $54,8902", None),  # a footnote mark glued to a salary
        ("Tuition$___1955.15___\nTotal Cost of Program$_ 2,660.00 ____", 2660.0),
        ("Cost of program: $3,895.00", 3895.0),
        ("Tuition = $1,760.00 (Weekly Payments $110.00)", 1760.0),
    ],
)
def test_money_forms(text: str, expected: float | None) -> None:
    assert parse_tuition(text) == expected


# ---------------------------------------------------------------- facts the page does not state (issue 12)

NOT_STATED = [
    # the letters after a staff member's name are no exam the program prepares for
    (
        ["Jane Roe, RHIA, Program Director", "Students learn coding and data quality."],
        "certifications",
        [],
    ),
    # a background-check fee is no tuition
    (
        [
            "A criminal history check through a vendor (cost approx. $55 at student expense) is required."
        ],
        "tuition_usd",
        None,
    ),
    # the kind of school is no program length: the length is the estimate from the credits
    (
        ["Fictional Valley College, a two-year college, serves three counties."],
        "length_basis",
        "credits",
    ),
    # a program that is not accredited yet
    (
        [
            "The program is new and currently non-accredited.",
            "The college plans to apply and meet the standards to become accredited by CAHIIM.",
        ],
        "accreditations",
        [],
    ),
    # a degree the graduates go on to is not the program's (the heading names none)
    (
        ["Many graduates continue on for a bachelor's in health information management."],
        "credential",
        None,
    ),
]


@pytest.mark.parametrize("lines,key,expected", NOT_STATED)
def test_a_fact_the_page_does_not_state_is_not_asserted(
    lines: list[str], key: str, expected
) -> None:
    got = only_program(
        "Health Information Technology",
        *lines,
        "The program prepares graduates to work in hospitals and clinics.",
        "Total Credit Hours: 64",
    )
    assert got[key] == expected


def test_a_state_office_letterhead_is_not_the_school_s_address() -> None:
    page = text_page(
        "Health Information Technology, AAS",
        "STATE EDUCATION DEPARTMENT / OFFICE OF HIGHER EDUCATION / SPRINGFIELD, IL 62701",
        "The proposed Associate in Applied Science in Health Information Technology at Fictional Valley"
        " College is approved.",
        "Total Credit Hours: 62",
    )
    result = extract_page(page, URL)
    assert result.is_program_page
    assert (result.institution or {}).get("zip") is None


@pytest.mark.parametrize(
    "title,lines,credential",
    [
        # a college program that names no award: it may be a certificate, a diploma or a degree
        (
            "Medical Billing and Coding",
            [
                "Students must apply and be accepted into the Medical Billing and Coding program.",
                "Total Credit Hours: 30",
                "Graduates are prepared for the CPB exam.",
            ],
            None,
        ),
        # a training counted in clock hours, or named a course, is certificate-level
        (
            "Medical Coding",
            ["Clock hours: 600", "Tuition: $9,100", "Graduates are prepared for the CPC exam."],
            "certificate",
        ),
        (
            "Medical Coding Course",
            ["16 weeks", "Tuition: $1,900", "Prepares students for the CPC exam."],
            "certificate",
        ),
    ],
)
def test_an_unnamed_award_is_a_certificate_only_for_a_training(title, lines, credential) -> None:
    assert only_program(title, *lines)["credential"] == credential


# ---------------------------------------------------------------- patterns the sample sites hold


def test_credit_hours_beside_a_practicum_in_one_paragraph():
    """The program's credits and a practicum's hours in one paragraph: the credits still count."""
    program = only_program(
        "Health Information Technology (AAS)",
        "The Associate in Applied Science requires 60 credit hours and takes two years. Every course "
        "meets on campus, with an 80-hour professional practice experience in the last term.",
        "Tuition: $150 per credit hour.",
    )
    assert program["credit_hours"] == 60.0
    assert program["tuition_usd"] == 9000.0


@pytest.mark.parametrize(
    ("length", "credential"),
    [
        ("Program length: 6 to 10 months, at your own pace.", "certificate"),
        ("Program length: 12 months.", "certificate"),
        ("Program length: 20 months.", None),  # a degree takes that long too: no award assumed
        ("Total credit hours: 30.", None),  # an estimate from credits says no length itself
    ],
)
def test_a_coding_program_within_a_year_is_certificate_level(length, credential):
    program = only_program(
        "Medical Billing and Coding (Online)",
        length,
        "Cost $8,900. Format: 100% online.",
        "Graduates are prepared for the AAPC CPC exam.",
    )
    assert program["credential"] == credential


# ---------------------------------------------------------------- first lines that name nothing


@pytest.mark.parametrize(
    ("first_line", "lines", "name"),
    [
        # a catalog record as text: the date it was printed and the catalog's year come first
        (
            "Mar 03, 2025",
            [
                "2019-2020 Catalog",
                "2019-2020 Catalog [ARCHIVED CATALOG]",
                "Health Information Technology, A.A.S.",
                "Award: Associate of Applied Science degree (code: AAS.HIT)",
                "Total Credit Hours: 62",
            ],
            "Health Information Technology",
        ),
        # navigation text first
        (
            "Skip to main contentSkip to footer content",
            [
                "Bachelor of Science in Health Information Management",
                "The degree program prepares graduates for the RHIA examination.",
            ],
            "Health Information Management",
        ),
        # the school's own name as the title
        (
            "Fictional Plains University",
            [
                "Certificate in Medical Coding",
                "Program Description",
                "This certificate prepares students for the CCA (certified coding associate) exam.",
            ],
            "Medical Coding",
        ),
        # a photo's caption, then the heading
        (
            "students in class at computers",
            [
                "Medical Coding Certificate",
                "Graduates are eligible for the CCA exam after two semesters.",
            ],
            "Medical Coding",
        ),
    ],
)
def test_a_first_line_that_names_nothing_gives_way_to_the_heading(first_line, lines, name):
    program = only_program(first_line, *lines)
    assert name.lower() in program["name"].lower()


@pytest.mark.parametrize(
    ("first_line", "lines"),
    [
        # a notice, then the page's real heading: an admissions page of the program
        (
            "Important Notice",
            [
                "All campuses close at noon on Friday.",
                "Admission Requirements",
                "Students applying to the Health Information Technology program must submit transcripts.",
            ],
        ),
        # a site's host name, then a caption and a career article's sentences
        (
            "www.fictional-career-blog.example",
            [
                "A medical coder working at a computer",
                "Many people wonder what a medical coder does all day and what it pays.",
            ],
        ),
        # the accreditor's own name is no program
        (
            "www.fictional-career-blog.example",
            [
                "The Commission on Accreditation for Health Informatics and Information Management "
                "Education accredits degree programs across the country.",
            ],
        ),
        # a heading of its own ("Admission Requirements") is what the page is about
        (
            "Admission Requirements",
            [
                "All applicants to the Health Information Management Technology associate degree program "
                "must submit the following to the Admissions Office.",
                "A $25 application fee.",
            ],
        ),
    ],
)
def test_a_page_whose_heading_is_another_subject_is_no_program_page(first_line, lines):
    assert not extract_page(text_page(first_line, *lines), URL).is_program_page


def test_roman_numerals_are_not_a_first_person_voice():
    """'Domain I.', 'Subdomain I.A.' in a catalog's outcomes list are numerals, not an author's 'I'."""
    program = only_program(
        "Health Information Technology",
        "The Health Information Technology program is accredited by CAHIIM.",
        "Domain I. Data Content and Standards",
        "Subdomain I.A. Classification Systems",
        "Subdomain I.B. Health Record Content",
        "Domain II. Information Protection",
        "Subdomain II.A. Privacy",
    )
    assert program["accreditations"] == ["CAHIIM"]


@pytest.mark.parametrize(
    "line",
    [
        "Fictional Valley College's Health Information Technology (HIT) program prepares students "
        "to work as health information technicians.",
        "Students must apply and be formally accepted into the Medical Billing and Coding program "
        "before taking its courses.",
    ],
)
def test_the_school_speaking_of_its_program_by_name(line):
    program = only_program("Medical Billing and Coding", line)
    assert program["name"] == "Medical Billing and Coding"


@pytest.mark.parametrize(
    "first_line",
    [
        "How Do I Become A Medical Reimbursement Specialist",
        "Classes To Take To Learn Medical Coding",
    ],
)
def test_an_article_title_under_a_host_name_is_no_program(first_line):
    page = text_page(
        "www.fictional-career-blog.example",
        first_line,
        "The training period ranges from a one-year certificate to a two-year associate degree.",
    )
    assert not extract_page(page, URL).is_program_page


@pytest.mark.parametrize(
    ("first_line", "lines"),
    [
        # "[More Info]" is a link's text, not a heading: the heading after it is an admissions one
        (
            "Important Notice",
            [
                "[More Info]",
                "Admission Requirements",
                "Students applying to the Health Information Technology program are admitted in the fall.",
            ],
        ),
        # an article about several colleges' programs
        (
            "www.fictional-news.example",
            [
                "Several Fictional State community colleges offer programs in Health Information "
                "Technology; the two-year degree prepares students for the RHIT exam.",
            ],
        ),
        # a cancer registry program named beside health information
        (
            "Health Information Technology & Cancer Information",
            [
                "The college offers a certificate in Cancer Information Management.",
                "The one-year certificate program prepares students for registry work.",
            ],
        ),
    ],
)
def test_more_pages_that_are_not_program_pages(first_line, lines):
    assert not extract_page(text_page(first_line, *lines), URL).is_program_page


def test_the_school_names_its_program_in_lower_case():
    program = only_program(
        "Program Detail",
        "The health information management program (HIM) provides a broad professional education "
        "and prepares graduates for the RHIA examination.",
        "Major course requirements include 61 credits in health information management.",
    )
    assert program["name"] == "Health Information Management"
    assert program["certifications"] == ["RHIA"]


@pytest.mark.parametrize(
    "title,lines,expected",
    [
        ("HIT Program Overview", [], True),
        ("sciences", ["HIM \u2013 program information"], True),
        (
            "Skip to Content",
            ["Health Information Technology Program Frequently Asked Questions"],
            True,
        ),
        (
            "Skip to Content",
            ["Program Specific Information - Health Information Management (HIM)"],
            True,
        ),
        ("HIT Program Admission Requirements", [], False),
        ("HIT Program Faculty", [], False),
        ("Section IV", ["\u2022 Health Information Technology Program"], False),
        ("Building a New Degree Program in Health Information Technology", [], False),
        (
            "Health Information Technology",
            ["The degree prepares graduates for hospital work."],
            False,
        ),
        ("Nursing Program Overview", [], False),
    ],
)
def test_calls_itself_a_program(title: str, lines: list[str], expected: bool) -> None:
    parts = dom.page_parts(dom.parse_document(text_page(title, *lines), None))
    assert calls_itself_a_program(parts) is expected


@pytest.mark.parametrize(
    "text,article",
    [
        ("In this career guide, we outline the steps to becoming a coder.", True),
        ("In this guide we compare programs.", True),
        ("In this short blog we answer questions.", True),
        ("In this program students code real charts.", False),
    ],
)
def test_article_voice(text: str, article: bool) -> None:
    assert looks_like_article(None, text) is article
