"""GET /api/v1/programs and GET /api/v1/programs/<id> against the fixture store (tests/conftest.py)."""

from __future__ import annotations

import pytest

from programs.geo import haversine_miles, lookup_zip
from tests.conftest import XSS_NAME, api_listings

LISTINGS = {listing.id: listing for listing in api_listings()}


def search(client, query: str, status: int = 200) -> dict:
    resp = client.get("/api/v1/programs?" + query)
    assert resp.status_code == status, resp.get_data(as_text=True)[:500]
    return resp.get_json()


def ids(body: dict) -> list[str]:
    return [hit["id"] for hit in body["results"]]


def expected_near(zip5: str, radius: float, pred=lambda listing: True) -> list[str]:
    """Independent answer: listings within ``radius`` miles of the ZIP's point, nearest first."""
    place = lookup_zip(zip5)
    found = []
    for listing in LISTINGS.values():
        d = haversine_miles(place.lat, place.lon, listing.institution.lat, listing.institution.lon)
        if d <= radius and pred(listing):
            found.append((d, listing.id))
    return [lid for _, lid in sorted(found)]


# ------------------------------------------------------------------------------------------ contract
def test_contract_shape(client):
    body = search(client, "zip=60601")
    assert set(body) >= {
        "location",
        "radius",
        "total",
        "page",
        "per_page",
        "results",
        "facets",
        "online",
    }
    assert body["location"] == {
        "zip": "60601",
        "city": "Chicago",
        "state": "IL",
        "lat": 41.8858,
        "lon": -87.6181,
    }
    assert body["radius"] == 25 and body["page"] == 1 and body["per_page"] == 20
    assert set(body["facets"]) == {"credential", "delivery", "length"}
    assert set(body["online"]) >= {"total", "results"}
    hit = body["results"][0]
    assert set(hit) >= {"id", "institution", "program", "sources", "last_seen", "distance_miles"}
    assert set(hit["program"]) >= {
        "name",
        "credential",
        "length_months",
        "delivery",
        "tuition_usd",
        "certifications",
        "accreditations",
        "url",
    }


def test_json_content_type_cache_and_cors(client):
    resp = client.get("/api/v1/programs?zip=60601")
    assert resp.mimetype == "application/json"
    assert resp.headers["Cache-Control"] == "public, max-age=300"
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_cors_preflight(client):
    resp = client.options(
        "/api/v1/programs?zip=60601",
        headers={
            "Origin": "https://publisher.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "X-Requested-With",
        },
    )
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in resp.headers["Access-Control-Allow-Methods"]
    assert resp.headers["Access-Control-Allow-Headers"] == "X-Requested-With"


def test_results_within_radius_nearest_first(client):
    body = search(client, "zip=60601")
    assert ids(body) == expected_near("60601", 25)
    distances = [hit["distance_miles"] for hit in body["results"]]
    assert distances == sorted(distances)
    assert all(d <= 25 for d in distances)
    place = lookup_zip("60601")
    for hit in body["results"]:
        inst = hit["institution"]
        assert hit["distance_miles"] == pytest.approx(
            round(haversine_miles(place.lat, place.lon, inst["lat"], inst["lon"]), 1), abs=0.05
        )


@pytest.mark.parametrize("radius", [1, 5, 20, 25, 30, 50, 500])
def test_radius(client, radius):
    body = search(client, f"zip=60601&radius={radius}&per_page=100")
    assert ids(body) == expected_near("60601", radius)
    assert body["total"] == len(expected_near("60601", radius))
    assert body["radius"] == radius


def test_governors_state_is_outside_25_but_inside_35(client):
    assert "chi-gsu-bs" not in ids(search(client, "zip=60601"))
    assert "chi-gsu-bs" in ids(search(client, "zip=60601&radius=35"))


@pytest.mark.parametrize(
    "zip5,expected_first",
    [("30301", "atl-chatt-aas"), ("00601", "pr-ibc-cert"), ("99501", "ak-uaa-cert")],
)
def test_other_places(client, zip5, expected_first):
    body = search(client, f"zip={zip5}")
    assert body["location"]["zip"] == zip5
    assert ids(body)[0] == expected_first
    assert ids(body) == expected_near(zip5, 25)


def test_puerto_rico_keeps_leading_zeros_and_unicode(client):
    body = search(client, "zip=00601")
    assert body["location"]["zip"] == "00601" and body["location"]["state"] == "PR"
    assert body["results"][0]["program"]["name"] == "Facturación y Codificación Médica"


def test_zip_plus_four(client):
    assert search(client, "zip=60601-1234")["location"]["zip"] == "60601"


def test_lat_lon_is_named_after_the_nearest_zip(client):
    body = search(client, "lat=41.8858&lon=-87.6181")
    assert body["location"]["zip"] == "60601" and body["location"]["city"] == "Chicago"
    assert body["location"]["lat"] == 41.8858
    assert ids(body) == expected_near("60601", 25)
    far = search(client, "lat=0&lon=-150")  # the middle of the Pacific: no name, no results
    assert far["location"]["zip"] is None and far["total"] == 0


def test_location_city_state(client):
    for text in ("Chicago%2C%20IL", "Chicago%20IL", "chicago%2C%20Illinois"):
        body = search(client, "location=" + text)
        assert body["location"]["city"] == "Chicago" and body["location"]["state"] == "IL"
        assert body["total"] >= 5
    assert search(client, "location=30301")["location"]["zip"] == "30301"


# ------------------------------------------------------------------------------------------ filters
def test_credential_filter_and_aliases(client):
    certs = expected_near("60601", 25, lambda lst: lst.program.credential == "certificate")
    assert ids(search(client, "zip=60601&credential=certificate")) == certs
    for alias in ("CERTIFICATE", "diploma", "Short%20Course"):
        assert ids(search(client, "zip=60601&credential=" + alias)) == certs
    both = expected_near(
        "60601", 25, lambda lst: lst.program.credential in ("certificate", "associate")
    )
    assert ids(search(client, "zip=60601&credential=certificate&credential=associate")) == both
    assert ids(search(client, "zip=60601&credential=certificate,associate")) == both


def test_delivery_filter(client):
    body = search(client, "zip=60601&delivery=online")
    assert ids(body) == ["chi-uic-ms"]
    body = search(client, "zip=60601&delivery=on_campus&delivery=hybrid")
    assert "chi-uic-ms" not in ids(body) and "chi-hwc-aas" in ids(body)


def test_max_months_leaves_out_longer_and_unknown(client):
    body = search(client, "zip=60601&radius=100&max_months=6")
    assert body["results"]
    assert all(
        hit["program"]["length_months"] is not None and hit["program"]["length_months"] <= 6
        for hit in body["results"]
    )
    assert ids(body) == expected_near(
        "60601", 100, lambda lst: (lst.program.length_months or 99) <= 6
    )


def test_certification_and_accreditation(client):
    body = search(client, "zip=60601&certification=rhit")
    assert ids(body) == expected_near("60601", 25, lambda lst: "RHIT" in lst.program.certifications)
    body = search(client, "zip=60601&certification=CPC&certification=CBCS")
    assert ids(body) == expected_near(
        "60601", 25, lambda lst: {"CPC", "CBCS"} & set(lst.program.certifications)
    )
    body = search(client, "zip=60601&accreditation=CAHIIM")
    assert ids(body) == expected_near(
        "60601", 25, lambda lst: "CAHIIM" in lst.program.accreditations
    )


def test_max_tuition(client):
    body = search(client, "zip=60601&max_tuition=3000")
    assert ids(body) == expected_near(
        "60601", 25, lambda lst: (lst.program.tuition_usd or 1e9) <= 3000
    )
    assert search(client, "zip=60601&max_tuition=0")["total"] == 0


def test_text_query(client):
    body = search(client, "zip=60601&q=informatics")
    assert ids(body) == ["chi-uic-ms"]
    body = search(client, "zip=60601&q=cod")  # prefix
    assert set(ids(body)) >= {"chi-loop-cert", "chi-mxc-cert", "chi-cod-cert"}
    assert search(client, "zip=60601&q=%27%3B%20DROP%20TABLE%20listings%3B--")["total"] == 0
    assert search(client, "zip=60601")["total"] == len(expected_near("60601", 25))  # still there


def test_combined_filters_are_anded(client):
    body = search(
        client, "zip=60601&radius=50&credential=associate&certification=RHIT&delivery=on_campus"
    )
    # on_campus also takes the hybrid associate (partly in person); nearest first
    assert ids(body) == ["chi-hwc-aas", "chi-oakton-aas"]
    assert [r["program"]["delivery"] for r in body["results"]] == ["hybrid", "on_campus"]


# ------------------------------------------------------------------------------------------ sorts
def test_sort_by_length_and_tuition(client):
    by_length = search(client, "zip=60601&sort=length")
    months = [hit["program"]["length_months"] for hit in by_length["results"]]
    assert months == sorted(months)
    by_cost = search(client, "zip=60601&sort=tuition")
    costs = [hit["program"]["tuition_usd"] for hit in by_cost["results"]]
    assert costs == sorted(costs)
    assert by_cost["sort"] == "tuition"


def test_sort_relevance(client):
    body = search(client, "zip=60601&radius=100&q=health%20information&sort=relevance")
    assert body["results"] and all("Health" in hit["program"]["name"] for hit in body["results"])


# ------------------------------------------------------------------------------------------ facets
def test_facets_count_the_whole_match(client):
    body = search(client, "zip=60601&per_page=2")
    facets = body["facets"]
    assert sum(facets["credential"].values()) == body["total"]
    assert sum(facets["delivery"].values()) == body["total"]
    assert sum(facets["length"].values()) == body["total"]
    assert facets["credential"] == {
        "certificate": 5,
        "associate": 2,
        "bachelor": 0,
        "graduate_certificate": 0,
        "master": 1,
    }
    assert set(facets["length"]) == {
        "up_to_3",
        "3_to_6",
        "6_to_12",
        "12_to_24",
        "over_24",
        "unknown",
    }


# ------------------------------------------------------------------------------------------ online section
def test_online_section_lists_online_programs_from_anywhere(client):
    body = search(client, "zip=99501")
    online = body["online"]
    all_online = [lid for lid, lst in LISTINGS.items() if lst.program.delivery == "online"]
    assert online["enabled"] is True and online["total"] == len(all_online)
    assert {hit["id"] for hit in online["results"]} == set(all_online)
    distances = [hit["distance_miles"] for hit in online["results"]]
    assert distances == sorted(distances) and distances[0] > 500  # far away, still listed
    assert all(hit["program"]["delivery"] == "online" for hit in online["results"])


def test_online_section_follows_the_other_filters(client):
    online = search(client, "zip=99501&credential=certificate")["online"]
    assert {hit["id"] for hit in online["results"]} == {
        "online-rasmussen-cert",
        "online-pennfoster-short",
    }
    online = search(client, "zip=99501&max_tuition=1000")["online"]
    assert [hit["id"] for hit in online["results"]] == ["online-pennfoster-short"]


def test_online_section_limit_and_flag(client):
    online = search(client, "zip=60601&online_limit=2")["online"]
    assert len(online["results"]) == 2 and online["total"] == 5
    assert online["results"][0]["id"] == "chi-uic-ms"  # nearest first
    assert search(client, "zip=60601&online_limit=0")["online"] == {
        "enabled": True,
        "total": 5,
        "results": [],
    }
    for flag in ("0", "false", "no", "off"):
        assert search(client, "zip=60601&online=" + flag)["online"] == {
            "enabled": False,
            "total": 0,
            "results": [],
        }


def test_online_section_off_when_delivery_excludes_online(client):
    assert search(client, "zip=60601&delivery=on_campus")["online"]["enabled"] is False
    assert search(client, "zip=60601&delivery=online")["online"]["enabled"] is True


def test_online_section_in_a_program_desert(client):
    body = search(client, "zip=96813")  # Honolulu: nothing within 25 miles
    assert body["total"] == 0 and body["results"] == []
    assert body["online"]["total"] == 5 and len(body["online"]["results"]) == 5


@pytest.mark.parametrize(
    "query",
    [
        "zip=60601&online_limit=2",  # enough online programs within the radius
        "zip=60601&radius=100&online_limit=1&sort=length",
        "zip=60601&online_limit=25",  # not enough: the rings beyond the radius
        "zip=96813",  # nothing near
        "zip=60601&delivery=online&credential=master&radius=50",
        "zip=60601&delivery=online&delivery=hybrid&q=coding&sort=relevance",
    ],
)
def test_the_online_ring_sent_with_the_page_search_changes_no_answer(app, query, monkeypatch):
    """SQLite answers the online section's search at the page's radius in the page's statement
    (``Store.narrowed_searches_are_cheap``); the answer is the same as ring by ring."""
    from programs.store.sqlite import SQLiteStore

    sent_with_the_page = app.test_client().get("/api/v1/programs?" + query)
    monkeypatch.setattr(SQLiteStore, "narrowed_searches_are_cheap", False)
    searcher = app.extensions["searcher"]
    searcher.responses.clear()
    searcher.online_totals.clear()
    ring_by_ring = app.test_client().get("/api/v1/programs?" + query)
    assert sent_with_the_page.status_code == 200
    assert sent_with_the_page.get_data() == ring_by_ring.get_data()


# ------------------------------------------------------------------------------------------ pagination
def test_pagination(client):
    everything = ids(search(client, "zip=60601&per_page=100"))
    pages = [ids(search(client, f"zip=60601&per_page=3&page={p}")) for p in (1, 2, 3)]
    assert sum(pages, []) == everything
    body = search(client, "zip=60601&per_page=3&page=2")
    assert body["page"] == 2 and body["per_page"] == 3 and body["total"] == len(everything)


def test_page_past_the_end_is_empty_with_the_right_total(client):
    body = search(client, "zip=60601&page=50")
    assert (
        body["results"] == []
        and body["total"] == len(expected_near("60601", 25))
        and body["page"] == 50
    )


# ------------------------------------------------------------------------------------------ documents
def test_search_results_drop_bookkeeping(client):
    hit = search(client, "zip=60601")["results"][0]
    assert "provenance" not in hit
    for source in hit["sources"]:
        assert "fields" not in source and "run_id" not in source
        assert source["source"] == "ipeds" and source["fetched_at"] == "2026-11-20T03:00:00Z"
        assert "url" in source


def test_crawled_text_is_returned_as_is(client):
    hit = next(h for h in search(client, "zip=60601")["results"] if h["id"] == "chi-xss")
    assert hit["program"]["name"] == XSS_NAME + " Coding"


def test_get_one_program_has_everything(client):
    resp = client.get("/api/v1/programs/chi-loop-cert")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in resp.headers["Cache-Control"]
    doc = resp.get_json()
    assert doc["id"] == "chi-loop-cert"
    assert doc["program"]["certifications"] == ["CPB", "CPC"]
    source = doc["sources"][0]
    assert source["source"] == "ipeds" and source["fetched_at"] == "2026-11-20T03:00:00Z"
    assert source["run_id"] == "run-fixture" and source["fields"]
    assert "provenance" in doc and doc["last_seen"] == "2026-11-20T03:00:00Z"


def test_get_unknown_program_is_404(client):
    resp = client.get("/api/v1/programs/not-a-listing")
    assert resp.status_code == 404 and resp.content_type == "application/problem+json"
    assert "not-a-listing" in resp.get_json()["detail"]


# ------------------------------------------------------------------------------------------ caching
def test_repeated_search_is_served_from_the_worker_cache(app, client):
    searcher = app.extensions["searcher"]
    first = client.get("/api/v1/programs?zip=30301").get_data()
    hits = searcher.responses.hits
    assert client.get("/api/v1/programs?zip=30301").get_data() == first
    assert searcher.responses.hits == hits + 1


def test_cache_can_be_turned_off(api_store_url):
    from search_api import create_app

    app = create_app({"TESTING": True, "PROGRAMS_STORE": api_store_url, "SEARCH_CACHE_SECONDS": 0})
    client = app.test_client()
    client.get("/api/v1/programs?zip=30301")
    client.get("/api/v1/programs?zip=30301")
    assert app.extensions["searcher"].responses.hits == 0
