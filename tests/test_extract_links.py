"""Keyword-guided link discovery: score_link(url, text) and looks_like_program_url(url)."""

from __future__ import annotations

import pytest

from programs.extract.links import REJECT, looks_like_program_url, score_link

# (url, link text, expected sign: "+" follow, "-" do not follow (<= 0), "x" never (REJECT))
SCORE_CASES: list[tuple[str, str, str]] = [
    # in-scope program pages
    ("https://www.x.edu/programs/medical-billing-coding/", "Medical Billing and Coding", "+"),
    (
        "https://www.x.edu/academics/health-information-technology.html",
        "Health Information Technology, AAS",
        "+",
    ),
    ("https://www.x.edu/programs/hit.html", "HIT", "+"),
    ("https://www.x.edu/programs/him/", "Health Information Management", "+"),
    ("https://www.x.edu/programs/medical-records/", "Medical Records", "+"),
    ("https://www.x.edu/workforce/medical-coding-cpc-prep.html", "CPC Exam Prep", "+"),
    ("https://www.x.edu/community-education/cpb-exam-prep.html", "CPB Exam Prep", "+"),
    (
        "https://www.x.edu/preview_program.php?catoid=11&poid=388",
        "Medical Coding Specialist Certificate",
        "+",
    ),
    ("https://www.x.edu/programas/tecnologia-informacion-salud.html", "Grado Asociado", "+"),
    ("https://www.x.edu/programas/facturacion-medica.html", "Facturación Médica", "+"),
    ("https://www.x.edu/p/12345", "Revenue Cycle Management Certificate", "+"),
    # listings that lead to program pages
    ("https://www.x.edu/academics/", "Academics", "+"),
    ("https://www.x.edu/programs/", "Programs", "+"),
    ("https://www.x.edu/areas-of-study/", "Areas of Study", "+"),
    ("https://www.x.edu/academics/health-sciences/", "Health Sciences", "+"),
    ("https://www.x.edu/allied-health/", "Allied Health", "+"),
    ("https://www.x.edu/catalog/", "Course Catalog", "+"),
    ("https://www.x.edu/content.php?catoid=11&navoid=1234", "Programs of Study", "+"),
    ("https://www.x.edu/certificates/", "Certificates", "+"),
    ("https://www.x.edu/degrees/", "Degrees", "+"),
    ("https://www.x.edu/workforce/", "Workforce Development", "+"),
    ("https://www.x.edu/continuing-education/", "Continuing Education", "+"),
    # pages that never hold programs
    ("https://www.x.edu/athletics/", "Athletics", "-"),
    ("https://www.x.edu/news/", "News", "-"),
    (
        "https://www.x.edu/news/coding-students-volunteer.html",
        "Coding students volunteer at free clinic",
        "-",
    ),
    ("https://www.x.edu/events/", "Events", "-"),
    ("https://www.x.edu/calendar/", "Academic Calendar", "-"),
    ("https://www.x.edu/login", "Log in", "-"),
    ("https://portal.x.edu/", "MyPortal", "-"),
    ("https://www.x.edu/give/", "Give", "-"),
    ("https://www.x.edu/donate/", "Donate", "-"),
    ("https://www.x.edu/admissions/apply/", "Apply Now", "-"),
    ("https://www.x.edu/privacy/", "Privacy Policy", "-"),
    ("https://www.x.edu/about/", "About", "-"),
    ("https://www.x.edu/", "Home", "-"),
    # programs outside the scope
    ("https://www.x.edu/programs/nursing/", "Nursing", "-"),
    ("https://www.x.edu/programs/dental-hygiene/", "Dental Hygiene", "-"),
    ("https://www.x.edu/programs/allied-health/medical-assistant.html", "Medical Assisting", "-"),
    ("https://www.x.edu/programs/welding.html", "Welding Basics", "-"),
    ("https://www.x.edu/programas/enfermeria.html", "Enfermería", "-"),
    # never a page
    ("mailto:info@x.edu", "Email us", "x"),
    ("MAILTO:info@x.edu", "Email", "x"),
    ("tel:+1-555-0100", "Call", "x"),
    ("javascript:void(0)", "Menu", "x"),
    ("#top", "Back to top", "x"),
    ("", "", "x"),
    ("https://www.x.edu/catalog.pdf", "Catalog (PDF)", "x"),
    (
        "https://www.x.edu/docs/medical-coding-program-sheet.docx",
        "Medical coding program sheet",
        "x",
    ),
    ("https://www.x.edu/img/coding-lab.jpg", "", "x"),
    ("https://www.x.edu/media/him-video.mp4", "HIM video", "x"),
    ("https://www.x.edu/calendar.ics", "Add to calendar", "x"),
]


@pytest.mark.parametrize("url,text,sign", SCORE_CASES)
def test_score_link(url: str, text: str, sign: str) -> None:
    score = score_link(url, text)
    if sign == "+":
        assert score > 0, score
    elif sign == "-":
        assert REJECT < score <= 0, score
    else:
        assert score == REJECT


def test_in_scope_outranks_listing_and_listing_outranks_generic() -> None:
    program = score_link(
        "https://www.x.edu/programs/medical-coding.html", "Medical Coding Certificate"
    )
    listing = score_link("https://www.x.edu/programs/", "Programs")
    generic = score_link("https://www.x.edu/about/", "About")
    assert program > listing > generic


@pytest.mark.parametrize(
    "url,text", [(None, None), (42, "x"), ("http://[::1", "broken"), ("https://x.edu/%zz", "")]
)
def test_score_link_never_raises(url, text) -> None:
    assert isinstance(score_link(url, text), float)  # type: ignore[arg-type]


LOOKS_CASES: list[tuple[str, bool]] = [
    ("https://www.x.edu/programs/medical-billing-and-coding", True),
    ("https://www.x.edu/programs/medical-billing-coding/", True),
    ("https://www.x.edu/academics/health-sciences/health-information-technology.html", True),
    ("https://www.x.edu/programs/hit.html", True),
    ("https://www.x.edu/degrees/bachelor-health-information-management.html", True),
    ("https://www.x.edu/workforce/medical-coding-cpc-prep.html", True),
    ("https://www.x.edu/programas/facturacion-y-codificacion-medica.html", True),
    ("https://www.x.edu/programas/tecnologia-informacion-salud.html", True),
    ("https://www.x.edu/preview_program.php?catoid=11&poid=388", True),
    ("https://www.x.edu/preview_program.php?catoid=11", False),
    ("https://www.x.edu/programs/", False),
    ("https://www.x.edu/academics/", False),
    ("https://www.x.edu/programs/nursing/", False),
    ("https://www.x.edu/news/coding-students-volunteer.html", False),
    ("https://www.x.edu/athletics/", False),
    ("https://www.x.edu/white-paper.html", False),  # "hit"/"him" only as whole words
    ("https://www.x.edu/whitman-hall.html", False),
    ("https://www.x.edu/medical-coding.pdf", False),
    ("mailto:coding@x.edu", False),
    ("", False),
]


@pytest.mark.parametrize("url,expected", LOOKS_CASES)
def test_looks_like_program_url(url: str, expected: bool) -> None:
    assert looks_like_program_url(url) is expected
