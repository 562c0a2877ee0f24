"""The issue's list of hostile and odd searches, each with its exact status, problem type, parameter and message.

``tests/test_api_errors.py`` pins status and ``param`` for 125 requests; this table adds the exact ``detail``
(what a client shows its user) and ``allowed``, and covers what that table lacks: 10-digit and
doubled-separator ZIPs, Guam and the Virgin Islands, the three military ZIP ranges, mixed-case values of
every vocabulary, every kind of injection string (with the store checked afterwards), NUL bytes in every kind
of parameter, and other scripts in the place box. Successful rows pin where the search happened.
"""

from __future__ import annotations

import json

import pytest

Z = "zip=60601&"
INVALID, UNKNOWN = "invalid-parameter", "unknown-location"
ZIP_ALLOWED = "5 digits, e.g. 60601 or 60601-1234"
RADIUS_ALLOWED = "miles from 1 to 500"
EMPTY = "is empty; give a value or leave the parameter out"
TWICE = "is given 2 times; give it once"
NUL = "contains a NUL character"
MILITARY = (
    "is a military (APO/FPO/DPO) ZIP with no map location; search by the ZIP or city where you live"
)
CREDENTIALS = (
    "certificate, associate, bachelor, graduate_certificate, master"  # the core's vocabulary check
)
CREDENTIAL_FORMS = (
    CREDENTIALS + " (diploma and short course count as certificate; post-baccalaureate"
    " and post-master's certificates are graduate_certificate)"
)  # the parameter check

# (query string, status, problem type, param, detail, allowed) -- allowed None: not checked
ERRORS = [
    # ZIPs with letters, spaces, 4 or 10 digits, doubled separators
    ("zip=6060A", 400, INVALID, "zip", "zip: '6060A' is not a ZIP code", ZIP_ALLOWED),
    (
        "zip=6O6O1",
        400,
        INVALID,
        "zip",
        "zip: '6O6O1' is not a ZIP code",
        ZIP_ALLOWED,
    ),  # letter O, not zero
    ("zip=60601-ABCD", 400, INVALID, "zip", "zip: '60601-ABCD' is not a ZIP code", ZIP_ALLOWED),
    ("zip=60%20601", 400, INVALID, "zip", "zip: '60 601' is not a ZIP code", ZIP_ALLOWED),
    ("zip=6060", 400, INVALID, "zip", "zip: '6060' is not a ZIP code", ZIP_ALLOWED),
    ("location=6060", 400, INVALID, "location", "location: '6060' is not a ZIP code", None),
    ("zip=6060112345", 400, INVALID, "zip", "zip: '6060112345' is not a ZIP code", ZIP_ALLOWED),
    (
        "zip=60601%20%201234",
        400,
        INVALID,
        "zip",
        "zip: '60601  1234' is not a ZIP code",
        ZIP_ALLOWED,
    ),
    ("zip=60601--1234", 400, INVALID, "zip", "zip: '60601--1234' is not a ZIP code", ZIP_ALLOWED),
    # non-ASCII digits are not digits here
    (
        "zip=%EF%BC%96%EF%BC%90%EF%BC%96%EF%BC%90%EF%BC%91",
        400,
        INVALID,
        "zip",
        "zip: '６０６０１' is not a ZIP code",
        ZIP_ALLOWED,
    ),
    (
        "zip=%D9%A6%D9%A0%D9%A6%D9%A0%D9%A1",
        400,
        INVALID,
        "zip",
        "zip: '٦٠٦٠١' is not a ZIP code",
        ZIP_ALLOWED,
    ),
    # military ZIPs: AE (09xxx), AA (340xx), AP (962xx-966xx)
    ("zip=09001", 400, UNKNOWN, "zip", f"zip: ZIP code 09001 {MILITARY}", None),
    ("zip=34001", 400, UNKNOWN, "zip", f"zip: ZIP code 34001 {MILITARY}", None),
    ("zip=96201", 400, UNKNOWN, "zip", f"zip: ZIP code 96201 {MILITARY}", None),
    # radius 0, -1, 1e9, NaN and friends
    (Z + "radius=0", 400, INVALID, "radius", "radius: 0 is out of range", RADIUS_ALLOWED),
    (Z + "radius=-1", 400, INVALID, "radius", "radius: -1 is out of range", RADIUS_ALLOWED),
    (Z + "radius=0.99", 400, INVALID, "radius", "radius: 0.99 is too small", RADIUS_ALLOWED),
    (Z + "radius=1e9", 400, INVALID, "radius", "radius: 1e+09 is too large", RADIUS_ALLOWED),
    (Z + "radius=NaN", 400, INVALID, "radius", "radius: 'NaN' is not a number", RADIUS_ALLOWED),
    (
        Z + "radius=Infinity",
        400,
        INVALID,
        "radius",
        "radius: 'Infinity' is not a number",
        RADIUS_ALLOWED,
    ),
    # vocabularies: other cases are fine (200 rows below); unknown words are not
    (
        Z + "credential=PhD",
        400,
        INVALID,
        "credential",
        "credential: unknown credential 'PhD'",
        CREDENTIALS,
    ),
    # repeated and empty parameters
    ("zip=60601&zip=30301", 400, INVALID, "zip", f"zip: {TWICE}", ZIP_ALLOWED),
    (Z + "radius=10&radius=10", 400, INVALID, "radius", f"radius: {TWICE}", RADIUS_ALLOWED),
    (Z + "page=1&page=2", 400, INVALID, "page", f"page: {TWICE}", "a whole number from 1 to 10000"),
    (Z + "q=a&q=a", 400, INVALID, "q", f"q: {TWICE}", None),
    ("zip=", 400, INVALID, "zip", f"zip: {EMPTY}", ZIP_ALLOWED),
    (Z + "radius=", 400, INVALID, "radius", f"radius: {EMPTY}", RADIUS_ALLOWED),
    (Z + "credential=", 400, INVALID, "credential", f"credential: {EMPTY}", CREDENTIAL_FORMS),
    (Z + "page=", 400, INVALID, "page", f"page: {EMPTY}", None),
    (Z + "lat=&lon=", 400, INVALID, "lat", f"lat: {EMPTY}; lon: {EMPTY}", None),
    # page 0 and 10^9, per_page 0 and 10^6
    (
        Z + "page=0",
        400,
        INVALID,
        "page",
        "page: 0 is out of range",
        "a whole number from 1 to 10000",
    ),
    (
        Z + "page=1000000000",
        400,
        INVALID,
        "page",
        "page: 1000000000 is out of range",
        "a whole number from 1 to 10000",
    ),
    (
        Z + "per_page=0",
        400,
        INVALID,
        "per_page",
        "per_page: 0 is out of range",
        "a whole number from 1 to 100",
    ),
    (
        Z + "per_page=1000000",
        400,
        INVALID,
        "per_page",
        "per_page: 1000000 is out of range",
        "a whole number from 1 to 100",
    ),
    # 10 KB of q
    (Z + "q=" + "x" * 10240, 400, INVALID, "q", "q: is 10240 characters long (at most 200)", None),
    (
        Z + "q=" + "billing%20" * 1138,
        400,
        INVALID,
        "q",
        "q: is 9104 characters long (at most 200)",
        None,
    ),
    # NUL bytes, in every kind of parameter
    ("zip=60601%00", 400, INVALID, "zip", f"zip: {NUL}", ZIP_ALLOWED),
    ("location=Chicago%00%2C%20IL", 400, INVALID, "location", f"location: {NUL}", None),
    (Z + "radius=25%00", 400, INVALID, "radius", f"radius: {NUL}", RADIUS_ALLOWED),
    (
        Z + "credential=certificate%00",
        400,
        INVALID,
        "credential",
        f"credential: {NUL}",
        CREDENTIAL_FORMS,
    ),
    (Z + "q=cod%00ing", 400, INVALID, "q", f"q: {NUL}", None),
    # other scripts in the place box
    (
        "location=%D0%A7%D0%B8%D0%BA%D0%B0%D0%B3%D0%BE%2C%20IL",
        400,
        UNKNOWN,
        "location",
        "location: no place called Чикаго, IL is known",
        None,
    ),
]

# (query string, ZIP searched from, state, at least this many results)
FINE = [
    ("zip=60601%20", "60601", "IL", 1),  # spaces around a ZIP are trimmed
    ("zip=60601-1234", "60601", "IL", 1),
    ("zip=60601%201234", "60601", "IL", 1),  # ZIP+4 with a space
    ("location=60601%201234", "60601", "IL", 1),
    ("zip=00601", "00601", "PR", 1),  # Puerto Rico, leading zeros kept
    ("zip=00901", "00901", "PR", 0),
    ("zip=99501", "99501", "AK", 1),
    ("zip=99950", "99950", "AK", 0),  # Ketchikan
    ("zip=96813", "96813", "HI", 0),
    ("zip=96910", "96910", "GU", 0),  # Guam
    ("zip=00802", "00802", "VI", 0),  # US Virgin Islands
    (Z + "radius=1", "60601", "IL", 1),
    (Z + "credential=CERTIFICATE", "60601", "IL", 1),
    (Z + "credential=BaChElOr", "60601", "IL", 0),
    (Z + "credential=MASTER%27S", "60601", "IL", 1),
    (Z + "delivery=OnLine", "60601", "IL", 1),
    (Z + "certification=rhit", "60601", "IL", 1),
    (Z + "accreditation=Cahiim", "60601", "IL", 1),
    (Z + "sort=Tuition", "60601", "IL", 1),
    (Z + "page=10000", "60601", "IL", 1),  # past the end: an empty page, the total stays
    ("zip=00601&q=Facturaci%C3%B3n", "00601", "PR", 1),  # accented words match
    (
        Z
        + "q=%D0%9A%D0%BE%D0%B4%D0%B8%D1%80%D0%BE%D0%B2%D0%B0%D0%BD%D0%B8%D0%B5%20%E5%8C%BB%E7%96%97",
        "60601",
        "IL",
        0,
    ),  # Cyrillic and Chinese words: no match, no error
]

# injection strings are just words: a 200 that matches only listings holding those words, and the store intact
INJECTIONS = [
    ("%27%3B%20DROP%20TABLE%20listings%3B%20--", 0),  # '; DROP TABLE listings; --
    ("%27%20OR%20%271%27%3D%271", 0),  # ' OR '1'='1
    ("1%20UNION%20SELECT%20doc%20FROM%20listings", 0),
    ("coding%27%29%29%3B--", 5),  # coding')); -- : the word "coding"
    ("program%3A*%20OR%20institution%3A*", 0),  # Lucene field syntax
    ("coding~2%20AND%20billing%5E10", 0),  # Lucene fuzzy and boost: four words
    ("%5B*%20TO%20*%5D", 0),  # Lucene range
    ("%7B%22match_all%22%3A%7B%7D%7D", 0),  # Elasticsearch query JSON
    ("%22%7D%7D%2C%22size%22%3A10000%2C%22x%22%3A%7B%22", 0),  # breaking out of a JSON string
    ("NEAR(coding%20billing)", 0),  # FTS5 syntax
]


def _problem(resp) -> dict:
    assert resp.content_type == "application/problem+json", resp.get_data(as_text=True)[:300]
    return json.loads(resp.get_data(as_text=True))


def test_the_table_covers_the_issue():
    assert len(ERRORS) + len(FINE) + len(INJECTIONS) >= 40


@pytest.mark.parametrize(
    "query,status,kind,param,detail,allowed",
    ERRORS,
    ids=[f"{i:02d}:{row[0][:40]}" for i, row in enumerate(ERRORS)],
)
def test_bad_search(client, query, status, kind, param, detail, allowed):
    resp = client.get("/api/v1/programs?" + query)
    assert resp.status_code == status
    body = _problem(resp)
    assert body["type"] == f"/api/v1/problems/{kind}"
    assert body["param"] == param
    assert body["detail"] == detail
    assert body["invalid_params"][0]["name"] == param
    if allowed is not None:
        assert body["invalid_params"][0]["allowed"] == allowed
    assert resp.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "query,zip5,state,at_least", FINE, ids=[f"{i:02d}:{row[0][:40]}" for i, row in enumerate(FINE)]
)
def test_odd_but_fine_search(client, query, zip5, state, at_least):
    resp = client.get("/api/v1/programs?" + query)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    body = resp.get_json()
    assert (body["location"]["zip"], body["location"]["state"]) == (zip5, state)
    assert body["total"] >= at_least
    assert all(hit["distance_miles"] <= body["radius"] for hit in body["results"])


@pytest.mark.parametrize("q,total", INJECTIONS, ids=[q[:30] for q, _ in INJECTIONS])
def test_injection_strings_are_only_words(client, app, q, total):
    from search_api.store import get_store

    with app.app_context():
        before = get_store().count_active()
    resp = client.get(f"/api/v1/programs?zip=60601&radius=500&q={q}")
    assert resp.status_code == 200
    assert resp.get_json()["total"] == total
    with app.app_context():
        store = get_store()
        assert store.count_active() == before
        assert store.integrity_check() == "ok"


def test_the_page_shows_the_same_messages(client):
    """The web page puts the API's message next to the field it is about."""
    html = client.get("/?zip=6060112345").get_data(as_text=True)
    assert "&#39;6060112345&#39; is not a ZIP code" in html
    html = client.get("/?zip=60601&radius=0").get_data(as_text=True)
    assert "0 is out of range. Allowed: miles from 1 to 500" in html
