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
