"""Institution names, URLs, domains, states and ZIP codes."""

from __future__ import annotations

import pytest

from programs.normalize import (
    clean_institution_name,
    normalize_institution_name,
    normalize_state,
    normalize_url,
    normalize_zip5,
    site_domain,
    url_on_site,
)


@pytest.mark.parametrize(
    "name,expected",
    [
        ("The University of Alabama", "university of alabama"),
        ("University of Alabama", "university of alabama"),
        ("  University  of   Alabama ", "university of alabama"),
        ("Texas A&M University", "texas a and m university"),
        ("Texas A&amp;M University", "texas a and m university"),
        ("St. Petersburg College", "saint petersburg college"),
        ("Saint Petersburg College", "saint petersburg college"),
        ("St Petersburg College", "saint petersburg college"),
        ("Mount St. Mary's University", "mount saint marys university"),
        ("Mt. San Antonio College", "mount san antonio college"),
        ("Ivy Tech Community College-Indianapolis", "ivy tech community college indianapolis"),
        ("Universidad Ana G. M\u00e9ndez-Gurabo Campus", "universidad ana g mendez gurabo campus"),
        ("College of the Canyons", "college of the canyons"),
        ("Theological Seminary of Example", "theological seminary of example"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_institution_name(name: str | None, expected: str) -> None:
    assert normalize_institution_name(name) == expected


@pytest.mark.parametrize(
    "name,expected",
    [
        ("  Ivy Tech   Community College ", "Ivy Tech Community College"),
        ("Example College.", "Example College"),
        ("Example College,", "Example College"),
        ("Texas A&amp;M University", "Texas A&M University"),
        ("Example\u00a0College", "Example College"),
        ("St. Paul College", "St. Paul College"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_institution_name(name: str | None, expected: str) -> None:
    assert clean_institution_name(name) == expected


@pytest.mark.parametrize(
    "url,expected",
    [
        ("www.uab.edu/", "https://www.uab.edu/"),
        ("uab.edu", "https://uab.edu/"),
        ("WWW.UAB.EDU", "https://www.uab.edu/"),
        ("http://www.uab.edu/", "http://www.uab.edu/"),
        ("https://www.uab.edu/Admissions?x=1#top", "https://www.uab.edu/Admissions?x=1"),
        (
            "HTTPS://Catalog.Example.EDU/preview_program.php?catoid=11&poid=388",
            "https://catalog.example.edu/preview_program.php?catoid=11&poid=388",
        ),
        ("//www.example.edu/programs", "https://www.example.edu/programs"),
        ("https://www.example.edu:443/", "https://www.example.edu/"),
        ("http://127.0.0.1:8000/programs", "http://127.0.0.1:8000/programs"),
        ("localhost:8000/x", "https://localhost:8000/x"),
        ("www.example.edu/health information", "https://www.example.edu/health%20information"),
        ("javascript:alert(1)", None),
        ("mailto:admissions@example.edu", None),
        ("data:text/html,hi", None),
        ("ftp://example.edu/", None),
        ("tel:+13125550199", None),
        ("N/A", None),
        ("", None),
        ("   ", None),
        (None, None),
        ("http://", None),
        ("http://[::1", None),
        ("https://exa mple.edu/", None),
    ],
)
def test_normalize_url(url: str | None, expected: str | None) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://www.uab.edu/programs", "uab.edu"),
        ("www.uab.edu/", "uab.edu"),
        ("http://www2.example.edu", "example.edu"),
        ("https://catalog.example.edu/x", "catalog.example.edu"),
        ("https://www.bmcc.cuny.edu/", "bmcc.cuny.edu"),
        ("http://127.0.0.1:8000/", "127.0.0.1"),
        ("mailto:x@y.edu", None),
        (None, None),
    ],
)
def test_site_domain(url: str | None, expected: str | None) -> None:
    assert site_domain(url) == expected


@pytest.mark.parametrize(
    "url,site,expected",
    [
        ("https://catalog.example.edu/program/1", "www.example.edu", True),
        ("https://www.example.edu/hit", "https://example.edu/", True),
        ("https://notexample.edu/", "example.edu", False),
        ("https://www.hunter.cuny.edu/", "www.bmcc.cuny.edu", False),
        ("javascript:void(0)", "example.edu", False),
        ("https://example.edu/", None, False),
    ],
)
def test_url_on_site(url: str, site: str | None, expected: bool) -> None:
    assert url_on_site(url, site) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("IL", "IL"),
        ("il", "IL"),
        ("Illinois", "IL"),
        (" illinois ", "IL"),
        ("N.Y.", "NY"),
        ("D.C.", "DC"),
        ("District of Columbia", "DC"),
        ("PR", "PR"),
        ("Puerto Rico", "PR"),
        ("XX", None),
        ("Chicago", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_state(text: str | None, expected: str | None) -> None:
    assert normalize_state(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("60601", "60601"),
        ("60601-1234", "60601"),
        ("60601 1234", "60601"),
        ("606011234", "60601"),
        ("00601", "00601"),
        ("601", "00601"),
        (601, "00601"),
        (60601, "60601"),
        ("2139", "02139"),
        ("601-1234", "00601"),
        (6011234, "00601"),
        ("60601.0", "60601"),
        (60601.0, "60601"),
        ("00000", None),
        ("1", None),
        ("606011", None),
        ("6060112345", None),
        ("ABCDE", None),
        ("Chicago, IL 60601", None),
        ("", None),
        (None, None),
        (True, None),
        (-60601, None),
    ],
)
def test_normalize_zip5(text: object, expected: str | None) -> None:
    assert normalize_zip5(text) == expected  # type: ignore[arg-type]
