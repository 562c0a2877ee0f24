"""Hostile and odd requests: each gets the exact status and names the exact parameter; none gets a 5xx.

Every row is (query string, expected status, expected ``param``), the query string sent as is.
A row expecting 200 is a correct answer (the input is odd but valid: injection strings in ``q`` are
just words). See the README, "Search API and web page", for the rules these rows pin down.
"""

from __future__ import annotations

import json

import pytest

from programs.errors import StoreUnavailable
from programs.store import open_store

PROBLEM = "application/problem+json"
Z = "zip=60601&"  # a valid place, for rows about other parameters

HOSTILE = [
    # --- where: missing, malformed, unknown, repeated, empty
    ("", 400, "location"),
    ("radius=10", 400, "location"),
    ("zip=6060", 400, "zip"),
    ("zip=606011", 400, "zip"),
    ("zip=60601-12", 400, "zip"),
    ("zip=6060A", 400, "zip"),
    ("zip=ABCDE", 400, "zip"),
    ("zip=60%2060", 400, "zip"),
    ("zip=60601-1234", 200, None),
    ("zip=606011234", 200, None),
    ("zip=60601%201234", 200, None),
    ("zip=%2060601%20", 200, None),
    ("zip=00601", 200, None),  # Puerto Rico, leading zeros kept
    ("zip=99501", 200, None),  # Alaska
    ("zip=96813", 200, None),  # Hawaii
    ("zip=09001", 400, "zip"),  # military APO: no map location
    ("zip=00000", 400, "zip"),
    ("zip=99999", 400, "zip"),
    ("zip=60601&zip=60602", 400, "zip"),
    ("zip=", 400, "zip"),
    ("zip=%20%20", 400, "zip"),
    ("zip=%00", 400, "zip"),
    ("zip=60601%00", 400, "zip"),
    ("zip=%EF%BC%96%EF%BC%90%EF%BC%96%EF%BC%90%EF%BC%91", 400, "zip"),  # full-width digits
    ("zip=60601&lat=41.9&lon=-87.6", 400, "lat"),
    ("zip=60601&location=Chicago%2C%20IL", 400, "location"),
    ("lat=41.88", 400, "lon"),
    ("lon=-87.62", 400, "lat"),
    ("lat=91&lon=0", 400, "lat"),
    ("lat=0&lon=181", 400, "lon"),
    ("lat=NaN&lon=0", 400, "lat"),
    ("lat=41.88&lon=-87.62", 200, None),
    ("lat=-33.87&lon=151.21", 200, None),  # Sydney: nothing near, still a correct answer
    ("location=Chicago%2C%20IL", 200, None),
    ("location=Chicago%20IL", 200, None),
    ("location=chicago%2C%20illinois", 200, None),
    ("location=60601", 200, None),
    ("location=6060", 400, "location"),
    ("location=Springfield", 400, "location"),
    ("location=Nowhereville%2C%20IL", 400, "location"),
    ("location=" + "x" * 150, 400, "location"),
    # --- radius
    (Z + "radius=0", 400, "radius"),
    (Z + "radius=-1", 400, "radius"),
    (Z + "radius=0.5", 400, "radius"),
    (Z + "radius=1", 200, None),
    (Z + "radius=500", 200, None),
    (Z + "radius=500.1", 400, "radius"),
    (Z + "radius=1e9", 400, "radius"),
    (Z + "radius=1e999", 400, "radius"),
    (Z + "radius=NaN", 400, "radius"),
    (Z + "radius=nan", 400, "radius"),
    (Z + "radius=inf", 400, "radius"),
    (Z + "radius=-Infinity", 400, "radius"),
    (Z + "radius=abc", 400, "radius"),
    (Z + "radius=1_000", 400, "radius"),
    (Z + "radius=%D9%A2%D9%A5", 400, "radius"),  # Arabic-Indic digits
    (Z + "radius=0x19", 400, "radius"),
    (Z + "radius=", 400, "radius"),
    (Z + "radius=25&radius=50", 400, "radius"),
    # --- vocabularies
    (Z + "credential=CERTIFICATE", 200, None),
    (Z + "credential=Associate", 200, None),
    (Z + "credential=Diploma", 200, None),
    (Z + "credential=short%20course", 200, None),
    (Z + "credential=certificate%2Cassociate", 200, None),
    (Z + "credential=certificate&credential=associate", 200, None),
    (Z + "credential=phd", 400, "credential"),
    (Z + "credential=certificate&credential=bogus", 400, "credential"),
    (Z + "credential=", 400, "credential"),
    (Z + "credential=%2C", 400, "credential"),
    (Z + "delivery=ONLINE", 200, None),
    (Z + "delivery=on-campus", 200, None),
    (Z + "delivery=teleport", 400, "delivery"),
    (Z + "certification=cpc", 200, None),
    (Z + "certification=CCS-P", 200, None),
    (Z + "certification=XYZ", 400, "certification"),
    (Z + "accreditation=cahiim", 200, None),
    (Z + "accreditation=NOPE", 400, "accreditation"),
    (Z + "sort=DISTANCE", 200, None),
    (Z + "sort=nearest", 400, "sort"),
    (Z + "sort=distance&sort=length", 400, "sort"),
    # --- numbers
    (Z + "max_months=0", 400, "max_months"),
    (Z + "max_months=-3", 400, "max_months"),
    (Z + "max_months=abc", 400, "max_months"),
    (Z + "max_months=1e6", 400, "max_months"),
    (Z + "max_months=6.5", 200, None),
    (Z + "max_tuition=0", 200, None),
    (Z + "max_tuition=-1", 400, "max_tuition"),
    (Z + "max_tuition=1e12", 400, "max_tuition"),
    (Z + "max_tuition=%245000", 400, "max_tuition"),  # "$5000"
    (Z + "page=0", 400, "page"),
    (Z + "page=-1", 400, "page"),
    (Z + "page=1.5", 400, "page"),
    (Z + "page=1000000000", 400, "page"),
    (Z + "page=99999999999999999999999999", 400, "page"),
    (Z + "page=100", 200, None),  # past the end: an empty page
    (Z + "per_page=0", 400, "per_page"),
    (Z + "per_page=101", 400, "per_page"),
    (Z + "per_page=1000000", 400, "per_page"),
    (Z + "per_page=100", 200, None),
    (Z + "online=maybe", 400, "online"),
    (Z + "online=FALSE", 200, None),
    (Z + "online_limit=51", 400, "online_limit"),
    (Z + "online_limit=-1", 400, "online_limit"),
    (Z + "online_limit=0", 200, None),
    # --- text: long, NUL, injection, scripts
    (Z + "q=" + "a" * 200, 200, None),
    (Z + "q=" + "a" * 201, 400, "q"),
    (Z + "q=" + "coding%20" * 1200, 400, "q"),  # ~10 KB
    (Z + "q=", 400, "q"),
    (Z + "q=%00", 400, "q"),
    (Z + "q=cod%00ing", 400, "q"),
    (Z + "q=%27%20OR%201%3D1%3B%20DROP%20TABLE%20listings%3B%20--", 200, None),
    (Z + "q=coding%22%20AND%20%22x", 200, None),
    (Z + "q=title%3A(coding)%20OR%20*%3A*~2%5E3", 200, None),  # Lucene syntax
    (Z + "q=%7B%22query%22%3A%7B%22match_all%22%3A%7B%7D%7D%7D", 200, None),  # Elasticsearch JSON
    (Z + "q=NEAR(coding%20billing)", 200, None),  # FTS5 syntax
    (Z + "q=*", 200, None),
    (Z + "q=%22", 200, None),
    (Z + "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200, None),
    (
        Z + "q=%D0%9A%D0%BE%D0%B4%20%E5%8C%BB%E7%96%97%20codificaci%C3%B3n",
        200,
        None,
    ),  # mixed scripts
    (Z + "q=%F0%9F%92%89%20coding", 200, None),  # emoji
    (Z + "q=%D8%AA%D8%B1%D9%85%D9%8A%D8%B2", 200, None),  # right-to-left
    (Z + "q=%E2%80%AE%E2%80%8Bcoding", 200, None),  # bidi override, zero-width space
    (Z + "q=a&q=b", 400, "q"),
    (Z + "foo=bar&utm_source=x", 200, None),  # unknown parameters are ignored
    (Z + "sort=relevance", 200, None),  # relevance without q: by distance
]


def _problem(resp):
    assert resp.content_type == PROBLEM, resp.get_data(as_text=True)[:300]
    body = json.loads(resp.get_data(as_text=True))
    assert {"type", "title", "status"} <= set(body)
    assert body["status"] == resp.status_code
    return body


def test_table_is_big_enough():
    assert len(HOSTILE) >= 40
    assert sum(1 for _, status, _ in HOSTILE if status == 400) >= 40


@pytest.mark.parametrize(
    "query,status,param", HOSTILE, ids=[f"{i:03d}:{q[:50]}" for i, (q, _, _) in enumerate(HOSTILE)]
)
def test_hostile_request(client, query, status, param):
    resp = client.get("/api/v1/programs?" + query)
    assert resp.status_code == status, resp.get_data(as_text=True)[:500]
    if status == 200:
        body = resp.get_json()
        assert isinstance(body["results"], list) and isinstance(body["total"], int)
        return
    body = _problem(resp)
    assert body["param"] == param
    assert body["invalid_params"][0]["name"] == param
    assert body["invalid_params"][0]["reason"]
    assert body["detail"]
    if param not in ("location",) or body["type"].endswith("invalid-parameter"):
        assert body["invalid_params"][0].get("allowed"), body


@pytest.mark.parametrize(
    "path,status,param",
    [
        ("/api/v1/programs/%00", 400, "id"),
        ("/api/v1/programs/" + "a" * 65, 400, "id"),
        ("/api/v1/programs/%3Cscript%3E", 400, "id"),
        ("/api/v1/programs/abc%20def", 400, "id"),
        ("/api/v1/programs/%C3%A9t%C3%A9", 400, "id"),
        ("/api/v1/programs/no-such-listing", 404, None),
        ("/api/v1/programs/chi-loop-cert", 200, None),
    ],
)
def test_program_id(client, path, status, param):
    resp = client.get(path)
    assert resp.status_code == status
    if status != 200:
        body = _problem(resp)
        assert body.get("param") == param


def test_missing_location_says_which_parameters_to_give(client):
    body = _problem(client.get("/api/v1/programs?radius=25"))
    assert body["type"] == "/api/v1/problems/missing-location"
    allowed = body["invalid_params"][0]["allowed"]
    for name in ("zip", "lat", "lon", "location"):
        assert name in allowed


def test_unknown_zip_is_an_unknown_location(client):
    body = _problem(client.get("/api/v1/programs?zip=99999"))
    assert body["type"] == "/api/v1/problems/unknown-location"
    assert "99999" in body["detail"]
    military = _problem(client.get("/api/v1/programs?zip=09001"))
    assert "military" in military["detail"]


def test_malformed_zip_names_what_is_allowed(client):
    body = _problem(client.get("/api/v1/programs?zip=6060A"))
    assert body["type"] == "/api/v1/problems/invalid-parameter"
    assert "5 digits" in body["invalid_params"][0]["allowed"]


def test_repeated_scalar_parameter(client):
    body = _problem(client.get("/api/v1/programs?zip=60601&per_page=5&per_page=6"))
    assert body["param"] == "per_page"
    assert "2 times" in body["invalid_params"][0]["reason"]


def test_radius_out_of_range_says_the_range(client):
    body = _problem(client.get("/api/v1/programs?zip=60601&radius=1000"))
    assert body["param"] == "radius" and "500" in body["invalid_params"][0]["allowed"]


def test_unknown_credential_lists_the_vocabulary(client):
    body = _problem(client.get("/api/v1/programs?zip=60601&credential=phd"))
    for value in ("certificate", "associate", "bachelor", "master"):
        assert value in body["invalid_params"][0]["allowed"]


def test_several_bad_parameters_are_all_listed(client):
    """Malformed values are reported together; so are empty/repeated ones (which are checked first)."""
    body = _problem(client.get("/api/v1/programs?zip=60601&radius=abc&page=x&lat=1e999"))
    assert {p["name"] for p in body["invalid_params"]} == {"radius", "page", "lat"}
    body = _problem(client.get("/api/v1/programs?zip=60601&per_page=&q=&sort=a&sort=b&radius=abc"))
    assert {p["name"] for p in body["invalid_params"]} == {"per_page", "q", "sort"}


def test_errors_have_cors_and_no_store(client):
    resp = client.get("/api/v1/programs?zip=bad")
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert resp.headers["Cache-Control"] == "no-store"


def test_404_and_405_are_problems_on_api_paths(client):
    resp = client.get("/api/v1/nothing-here")
    assert resp.status_code == 404
    assert _problem(resp)["title"] == "Not Found"
    resp = client.post("/api/v1/programs?zip=60601")
    assert resp.status_code == 405
    body = _problem(resp)
    assert "GET" in resp.headers["Allow"] and "POST" in body["detail"]
    resp = client.delete("/api/v1/meta")
    assert resp.status_code == 405 and resp.content_type == PROBLEM


def test_404_outside_the_api_is_a_page(client):
    resp = client.get("/no-such-page")
    assert resp.status_code == 404
    assert resp.mimetype == "text/html"
    assert "Search programs near you" in resp.get_data(as_text=True)


def test_problem_type_pages_exist(client):
    for slug in ("invalid-parameter", "missing-location", "unknown-location", "store-unavailable"):
        resp = client.get(f"/api/v1/problems/{slug}")
        assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert client.get("/api/v1/problems/nope").status_code == 404


def test_unexpected_exception_is_a_500_problem_as_last_resort(app):
    @app.get("/api/v1/_boom")
    def boom():
        raise RuntimeError("secret internals")

    resp = app.test_client().get("/api/v1/_boom")
    assert resp.status_code == 500
    body = _problem(resp)
    assert "secret" not in resp.get_data(as_text=True)
    assert body["type"] == "/api/v1/problems/internal-error"


# ------------------------------------------------------------------------------------------ store down
class DownStore:
    """A store whose every read fails as an unreachable backend does."""

    kind = "down"

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise StoreUnavailable("connection refused to http://user:hunter2@es.internal:9200")

        return fail


@pytest.fixture
def down_client():
    from search_api import create_app

    return create_app({"TESTING": True, "STORE": DownStore()}).test_client()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/programs?zip=60601", "/api/v1/programs/chi-loop-cert", "/api/v1/meta", "/readyz"],
)
def test_store_down_is_503(down_client, path):
    resp = down_client.get(path)
    assert resp.status_code == 503
    body = _problem(resp)
    assert body["type"] == "/api/v1/problems/store-unavailable"
    assert "try again" in body["detail"].lower() or "not ready" in body["detail"].lower()
    assert resp.headers["Retry-After"].isdigit()
    text = resp.get_data(as_text=True)
    assert "hunter2" not in text and "es.internal" not in text


def test_store_down_healthz_still_200(down_client):
    assert down_client.get("/healthz").status_code == 200


def test_store_down_web_page_says_so(down_client):
    resp = down_client.get("/?zip=60601")
    assert resp.status_code == 503
    text = resp.get_data(as_text=True)
    assert "unavailable right now" in text and "hunter2" not in text


def test_unreadable_store_file_is_503_and_recovers(tmp_path):
    """A path the store cannot open (a directory where the file should be) -> 503; fixed -> 200."""
    from search_api import create_app
    from tests.conftest import build_api_store

    path = tmp_path / "programs.db"
    path.mkdir()
    app = create_app(
        {"TESTING": True, "PROGRAMS_STORE": f"sqlite:///{path}", "SEARCH_CACHE_SECONDS": 0}
    )
    client = app.test_client()
    assert client.get("/readyz").status_code == 503
    resp = client.get("/api/v1/programs?zip=60601")
    assert resp.status_code == 503 and resp.content_type == PROBLEM
    path.rmdir()
    build_api_store(path)
    assert client.get("/readyz").status_code == 200
    assert client.get("/api/v1/programs?zip=60601").status_code == 200


def test_bad_store_url_fails_at_start_up():
    from programs.errors import InvalidInput
    from search_api import create_app

    with pytest.raises(InvalidInput):
        create_app({"PROGRAMS_STORE": "mysql://nope"})


def test_open_store_of_fixture_is_readable(api_store_url):
    assert open_store(api_store_url).count_active() > 10
