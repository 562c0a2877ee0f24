"""programs/extract/links.py pinned down: exact scores, so that each weight and each rule counts.

The spider follows links best first, so the score's value (not only its sign) is what a crawl
sees. Addresses are fictional (example.edu).
"""

from __future__ import annotations

import pytest

from programs.extract.links import REJECT, looks_like_program_url, score_link

CATALOG = "https://catalog.example.edu"


@pytest.mark.parametrize(
    "url,text,score",
    [
        # an Acalog program page: "preview program" listing words (1.0) + "programs" (1.5) + 4.0
        (f"{CATALOG}/preview_program.php?catoid=5&poid=812", "", 6.5),
        # ... and its link text adds coding (6.0 + 4.0)
        (f"{CATALOG}/preview_program.php?catoid=5&poid=812", "Medical Coding Certificate", 16.5),
        # an Acalog catalog page with a catalog id: listing words (1.0) + 1.0
        (f"{CATALOG}/content.php?catoid=5&navoid=300", "", 2.0),
        (f"{CATALOG}/index.php?catoid=5", "", 2.0),
        # without the catalog id, or on another script, no bonus
        (f"{CATALOG}/content.php?navoid=300", "", 1.0),
        (f"{CATALOG}/search.php?catoid=5", "", -1.5),
        # weights add up: "medical billing" (6.0) and "coding" (4.0)
        ("https://www.example.edu/medical-billing-and-coding", "", 10.0),
        # and so do penalties: news (-6.0) and an out-of-scope field (-5.0)
        ("https://www.example.edu/news/nursing", "", -11.0),
        # words of the query count; CamelCase in the path is split into words
        ("https://www.example.edu/programs?area=medical-coding", "", 11.5),
        ("https://www.example.edu/programs/MedicalCoding", "", 11.5),
        # an address that cannot be parsed is never followed
        ("http://[bad/x", "", REJECT),
    ],
)
def test_exact_scores(url: str, text: str, score: float) -> None:
    assert score_link(url, text) == score


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://www.example.edu/programs/MedicalCoding", True),
        # only news/login/donate-like words veto a program address, not "directory"
        ("https://www.example.edu/program-directory/medical-billing-and-coding", True),
        ("http://[bad/x", False),
    ],
)
def test_looks_like_program_url_rows(url: str, expected: bool) -> None:
    assert looks_like_program_url(url) is expected


# Each word of each list alone, as link text, with the score it gives (a word in two lists
# adds both weights). A word dropped from its list changes its row.
WORD_SCORES: list[tuple[str, float]] = [
    # in scope words
    ("medical billing", 10.0),
    ("medical coding", 10.0),
    ("medical coder", 10.0),
    ("medical insurance", 6.0),
    ("medical record", 6.0),
    ("medical records", 6.0),
    ("medical reimbursement", 9.0),
    ("health information", 6.0),
    ("health info", 6.0),
    ("health informatics", 6.0),
    ("coding", 4.0),
    ("coder", 4.0),
    ("coders", 4.0),
    ("billing", 4.0),
    ("biller", 4.0),
    ("him", 4.0),
    ("hit", 4.0),
    ("himt", 4.0),
    ("rhit", 4.0),
    ("rhia", 4.0),
    ("cpc", 4.0),
    ("cpb", 4.0),
    ("cca", 4.0),
    ("ccs", 4.0),
    ("reimbursement", 3.0),
    ("revenue cycle", 3.0),
    ("claims examiner", 3.0),
    ("claim processing", 3.0),
    ("medical office", 3.0),
    ("codificacion", 4.0),
    ("facturacion", 4.0),
    ("informacion salud", 4.0),
    ("informacion de salud", 4.0),
    # listing words
    ("health science", 2.5),
    ("health sciences", 2.5),
    ("allied health", 2.5),
    ("health profession", 2.5),
    ("health professions", 2.5),
    ("health career", 2.5),
    ("health careers", 2.5),
    ("healthcare", 2.5),
    ("health care", 2.5),
    ("program", 1.5),
    ("programs", 1.5),
    ("programa", 1.5),
    ("programas", 1.5),
    ("programme", 1.5),
    ("programmes", 1.5),
    ("area of study", 1.5),
    ("areas of interest", 1.5),
    ("field of study", 1.5),
    ("fields of study", 1.5),
    ("major", 1.5),
    ("majors", 1.5),
    ("academic", 1.5),
    ("academics", 1.5),
    ("academic program", 1.5),
    ("academic programs", 1.5),
    ("degree", 1.5),
    ("degrees", 1.5),
    ("certificate", 1.5),
    ("certificates", 1.5),
    ("diploma", 1.5),
    ("diplomas", 1.5),
    ("credential", 1.5),
    ("credentials", 1.5),
    ("catalog", 1.0),
    ("catalogue", 1.0),
    ("course catalog", 1.0),
    ("program of study", 2.5),
    ("programs of study", 2.5),
    ("preview program", 2.5),
    ("content", 1.0),
    ("catoid", 1.0),
    ("workforce", 1.5),
    ("continuing education", 1.5),
    ("community education", 1.5),
    ("non credit", 1.5),
    ("noncredit", 1.5),
    ("career training", 1.5),
    ("professional development", 1.5),
    ("certification", 1.5),
    ("certifications", 1.5),
    ("online learning", 1.5),
    ("online program", 3.0),
    ("online programs", 3.0),
    ("business", 1.5),
    # negative words
    ("athletic", -6.0),
    ("athletics", -6.0),
    ("sport", -6.0),
    ("sports", -6.0),
    ("team", -6.0),
    ("teams", -6.0),
    ("roster", -6.0),
    ("ticket", -6.0),
    ("tickets", -6.0),
    ("news", -6.0),
    ("newsroom", -6.0),
    ("press", -6.0),
    ("blog", -6.0),
    ("blogs", -6.0),
    ("stories", -6.0),
    ("event", -6.0),
    ("events", -6.0),
    ("calendar", -6.0),
    ("calendars", -6.0),
    ("podcast", -6.0),
    ("podcasts", -6.0),
    ("magazine", -6.0),
    ("gallery", -6.0),
    ("photo", -6.0),
    ("photos", -6.0),
    ("video", -6.0),
    ("videos", -6.0),
    ("login", -5.0),
    ("log in", -5.0),
    ("sign in", -5.0),
    ("signin", -5.0),
    ("logout", -5.0),
    ("my account", -5.0),
    ("portal", -5.0),
    ("password", -5.0),
    ("webmail", -5.0),
    ("email", -5.0),
    ("canvas", -5.0),
    ("blackboard", -5.0),
    ("moodle", -5.0),
    ("d2l", -5.0),
    ("donate", -3.0),
    ("donation", -3.0),
    ("donations", -3.0),
    ("give", -3.0),
    ("giving", -3.0),
    ("foundation", -5.5),
    ("alumni", -3.0),
    ("apply", -3.0),
    ("application", -3.0),
    ("apply now", -3.0),
    ("enroll now", -3.0),
    ("request info", -3.0),
    ("visit", -3.0),
    ("tour", -3.0),
    ("tours", -3.0),
    ("privacy", -2.5),
    ("terms", -2.5),
    ("cookie", -2.5),
    ("cookies", -2.5),
    ("accessibility", -2.5),
    ("title ix", -2.5),
    ("sitemap", -2.5),
    ("site map", -2.5),
    ("search", -2.5),
    ("contact us", -2.5),
    ("directory", -2.5),
    ("employment", -2.5),
    ("jobs at", -2.5),
    ("human resources", -2.5),
    ("careers at", -2.5),
    ("bookstore", -2.5),
    ("library", -2.5),
    ("parking", -2.5),
    ("housing", -2.5),
    ("dining", -2.5),
    ("police", -2.5),
    ("safety", -2.5),
    ("board of trustees", -2.5),
    ("store", -2.5),
    ("nursing", -5.0),
    ("nurse", -5.0),
    ("nclex", -5.0),
    ("dental", -5.0),
    ("dentistry", -5.0),
    ("hygiene", -5.0),
    ("pharmacy", -5.0),
    ("radiology", -5.0),
    ("radiologic", -5.0),
    ("sonography", -5.0),
    ("phlebotomy", -5.0),
    ("emt", -5.0),
    ("paramedic", -5.0),
    ("surgical", -5.0),
    ("massage", -5.0),
    ("respiratory", -5.0),
    ("physical therapy", -5.0),
    ("occupational therapy", -5.0),
    ("veterinary", -5.0),
    ("medical assistant", -5.0),
    ("medical assisting", -5.0),
    ("clinical medical", -5.0),
    ("welding", -5.0),
    ("hvac", -5.0),
    ("automotive", -5.0),
    ("cosmetology", -5.0),
    ("culinary", -5.0),
    ("electrical", -5.0),
    ("plumbing", -5.0),
    ("truck", -5.0),
    ("cdl", -5.0),
    ("aviation", -5.0),
    ("criminal justice", -5.0),
    ("fire science", -5.0),
    ("early childhood", -5.0),
    ("enfermeria", -5.0),
]


@pytest.mark.parametrize("word,score", WORD_SCORES)
def test_each_word_of_each_list(word: str, score: float) -> None:
    assert score_link("https://www.example.edu/", word) == score


FILE_EXTENSIONS = (
    "jpg jpeg png gif svg webp bmp ico tif tiff pdf doc docx xls xlsx ppt pptx csv zip gz tgz rar 7z "
    "mp3 mp4 m4a m4v mov avi wmv webm ogg wav ics css js json xml rss atom exe dmg woff woff2 ttf eot"
).split()


@pytest.mark.parametrize("ext", FILE_EXTENSIONS)
def test_files_are_never_followed(ext: str) -> None:
    assert score_link(f"https://www.example.edu/files/medical-coding-guide.{ext}") == REJECT
    assert score_link("https://www.example.edu/files/medical-coding-guide") > 0
