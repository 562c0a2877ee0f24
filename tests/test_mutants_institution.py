"""programs/normalize/institution.py pinned down: the cases mutation testing showed no test would notice.

Institutions and addresses are fictional (example.edu and the like).
"""

from __future__ import annotations

import pytest

from programs.normalize import (
    clean_institution_name,
    normalize_institution_name,
    normalize_state,
    normalize_url,
    normalize_zip5,
)

_BASE = "https://example.edu/"


@pytest.mark.parametrize(
    "url,expected",
    [
        # 2,048 characters is the longest address kept
        (_BASE + "a" * (2048 - len(_BASE)), _BASE + "a" * (2048 - len(_BASE))),
        (_BASE + "a" * (2049 - len(_BASE)), None),
        # a control character inside the address: no address
        ("https://example.edu/a\x01b", None),
        # quotes and angle brackets around the address are dropped, and only those
        ('"www.example.edu"', "https://www.example.edu/"),
        ("<https://example.edu/x>", "https://example.edu/x"),
        ("https://example.edu/campus/TX", "https://example.edu/campus/TX"),
        # the scheme is what comes before the FIRST "://"
        (
            "https://example.edu/redirect?to=https://other.example.org",
            "https://example.edu/redirect?to=https://other.example.org",
        ),
        # a backslash typed for a slash
        ("www.example.edu\\catalog", "https://www.example.edu/catalog"),
        # the trailing dot of a fully qualified host name
        ("https://www.example.edu./x", "https://www.example.edu/x"),
        # an IPv6 host keeps its brackets
        ("http://[2001:db8::1]/", "http://[2001:db8::1]/"),
        ("http://[2001:db8::1]:8080/", "http://[2001:db8::1]:8080/"),
        # a port is dropped only when it is the scheme's own
        ("http://example.edu:80/", "http://example.edu/"),
        ("https://example.edu:80/", "https://example.edu:80/"),
        ("http://example.edu:443/", "http://example.edu:443/"),
    ],
)
def test_normalize_url_rows(url: str, expected: str | None) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        ("60601." + "0" * 14, "60601"),  # 20 characters: still read
        ("60601." + "0" * 15, None),  # 21 characters: too long to be a ZIP
        ("00000-1234", None),
        (60601.5, None),  # a float that is not a whole number is no ZIP
        (float("inf"), None),
    ],
)
def test_normalize_zip5_rows(value: object, expected: str | None) -> None:
    assert normalize_zip5(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("- Fictional Valley College", "Fictional Valley College"),
        ("Xenia Fictional College", "Xenia Fictional College"),
        ("Fictional Beauty Academy of El Paso, TX", "Fictional Beauty Academy of El Paso, TX"),
    ],
)
def test_clean_institution_name_rows(name: str, expected: str) -> None:
    assert clean_institution_name(name) == expected


def test_a_plus_sign_reads_as_and() -> None:
    assert normalize_institution_name("Fictional Arts + Sciences College") == (
        "fictional arts and sciences college"
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("n.y.", "NY"),
        ("N. Y.", "NY"),
        # a state is at most 40 characters long (after trailing dots are counted)
        ("Illinois" + "." * 32, "IL"),
        ("Illinois" + "." * 33, None),
    ],
)
def test_normalize_state_rows(text: str, expected: str | None) -> None:
    assert normalize_state(text) == expected
