"""GET /api/v1/meta, /healthz, /readyz, the OpenAPI document, the offline docs page, the app factory."""

from __future__ import annotations

import json
import re

import pytest

from programs.vocab import ACCREDITATIONS, CERTIFICATIONS, CREDENTIALS, DELIVERIES, SORTS, SOURCES

PUBLIC_PATHS = {
    "/api/v1/programs",
    "/api/v1/programs/{listing_id}",
    "/api/v1/meta",
    "/healthz",
    "/readyz",
}
SEARCH_PARAMS = {
    "zip",
    "lat",
    "lon",
    "location",
    "radius",
    "credential",
    "delivery",
    "max_months",
    "certification",
    "accreditation",
    "max_tuition",
    "q",
    "sort",
    "page",
    "per_page",
    "online",
    "online_limit",
}


# ------------------------------------------------------------------------------------------ meta
def test_meta(client):
    resp = client.get("/api/v1/meta")
    assert resp.status_code == 200 and resp.headers["Access-Control-Allow-Origin"] == "*"
    meta = resp.get_json()
    assert [c["code"] for c in meta["credentials"]] == list(CREDENTIALS)
    assert "diploma" in meta["credentials"][0]["aliases"]
    assert [d["code"] for d in meta["deliveries"]] == list(DELIVERIES)
    certs = {c["code"]: c for c in meta["certifications"]}
    assert (
        set(certs) == set(CERTIFICATIONS) and certs["CPC"]["name"] == "Certified Professional Coder"
    )
    accreds = {a["code"]: a["name"] for a in meta["accreditations"]}
    assert set(accreds) == set(ACCREDITATIONS) and "Health Informatics" in accreds["CAHIIM"]
    assert [b["code"] for b in meta["length_bands"]][-1] == "unknown"
    assert meta["sorts"] == list(SORTS)
    assert meta["limits"]["radius"] == {"default": 25, "min": 1, "max": 500}
    assert meta["active_listings"] == 17
    assert set(meta["last_completed"]) == set(SOURCES)
    assert meta["last_completed"]["ipeds"] == "2026-11-20T03:00:00Z"
    assert meta["last_completed"]["scorecard"] is None


# ------------------------------------------------------------------------------------------ health
def test_healthz(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.get_json() == {"status": "ok"}
    assert resp.headers["Cache-Control"] == "no-store"


def test_readyz_when_the_store_answers(client):
    resp = client.get("/readyz")
    assert resp.status_code == 200
    assert resp.get_json() == {"status": "ready", "store": "sqlite", "listings": 17}


def test_readyz_when_ping_fails():
    from programs.errors import StoreUnavailable
    from search_api import create_app

    class Flaky:
        kind = "flaky"
        up = False

        def ping(self):
            if not self.up:
                raise StoreUnavailable("down")

        def count_active(self):
            return 3

    store = Flaky()
    client = create_app({"TESTING": True, "STORE": store}).test_client()
    resp = client.get("/readyz")
    assert resp.status_code == 503 and resp.content_type == "application/problem+json"
    assert resp.get_json()["type"] == "/api/v1/problems/store-unavailable"
    store.up = True
    assert client.get("/readyz").get_json() == {"status": "ready", "store": "flaky", "listings": 3}


# ------------------------------------------------------------------------------------------ OpenAPI
@pytest.fixture
def spec(client):
    resp = client.get("/api/v1/openapi.json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    return json.loads(resp.get_data(as_text=True))


def test_openapi_lists_every_public_path(spec):
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"] == "Programs Near You API"
    assert PUBLIC_PATHS <= set(spec["paths"])
    for path in PUBLIC_PATHS:
        assert "get" in spec["paths"][path]


def test_openapi_search_parameters(spec):
    operation = spec["paths"]["/api/v1/programs"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert set(params) == SEARCH_PARAMS
    assert all(p["in"] == "query" and p.get("description") for p in params.values())
    assert params["credential"]["schema"]["type"] == "array"
    assert params["credential"]["schema"]["items"]["enum"] == list(CREDENTIALS)
    assert params["radius"]["schema"]["maximum"] == 500
    assert params["per_page"]["schema"]["maximum"] == 100
    assert params["sort"]["schema"]["enum"] == list(SORTS)
    assert "missing" not in json.dumps(params)


def test_openapi_error_responses_are_problem_details(spec):
    for path in ("/api/v1/programs", "/api/v1/programs/{listing_id}", "/api/v1/meta", "/readyz"):
        responses = spec["paths"][path]["get"]["responses"]
        assert "503" in responses
        for status, response in responses.items():
            if status[0] in "45":
                assert list(response["content"]) == ["application/problem+json"], (path, status)
    assert {"400", "404"} <= set(spec["paths"]["/api/v1/programs/{listing_id}"]["get"]["responses"])
    problem = spec["components"]["schemas"]["ProblemOut"]
    assert {"type", "title", "status"} <= set(problem["required"])


def test_openapi_refs_resolve(spec):
    text = json.dumps(spec)
    for ref in set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', text)):
        assert ref in spec["components"]["schemas"], ref


# ------------------------------------------------------------------------------------------ docs page
def test_docs_page_loads_nothing_from_outside(client):
    resp = client.get("/api/v1/docs")
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    html = resp.get_data(as_text=True)
    urls = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', html)
    assert urls, html
    for url in urls:
        assert not re.match(r"^(?:[a-z]+:)?//", url, re.I), url
        assert client.get(url).status_code == 200, url
    assert '"validatorUrl": null' in html  # no badge from validator.swagger.io
    assert "/api/v1/openapi.json" in html


def test_docs_assets_are_whitelisted(client):
    assert client.get("/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/v1/docs/assets/index.html").status_code == 404
    assert client.get("/api/v1/docs/assets/..%2F..%2F__init__.py").status_code == 404


# ------------------------------------------------------------------------------------------ the factory
def test_factory_reads_the_environment_when_built(monkeypatch, api_store_url):
    from search_api import create_app

    monkeypatch.setenv("PROGRAMS_STORE", api_store_url)
    monkeypatch.setenv("ADMIN_TOKEN", "s3cret")
    monkeypatch.setenv("SEARCH_CACHE_SECONDS", "0")
    app = create_app()
    assert app.config["PROGRAMS_STORE"] == api_store_url
    assert app.config["ADMIN_TOKEN"] == "s3cret"
    assert app.config["SEARCH_CACHE_SECONDS"] == 0
    assert app.test_client().get("/readyz").status_code == 200
    # test_config wins over the environment
    assert create_app({"ADMIN_TOKEN": "other"}).config["ADMIN_TOKEN"] == "other"


def test_factory_rejects_a_bad_environment_value(monkeypatch):
    from search_api import create_app

    monkeypatch.setenv("SEARCH_CACHE_SECONDS", "soon")
    with pytest.raises(ValueError, match="SEARCH_CACHE_SECONDS"):
        create_app()


def test_every_concern_has_its_blueprint(app):
    assert {"search", "programs", "meta", "health", "docs", "pages", "admin"} <= set(app.blueprints)


def test_admin_cannot_start_runs_without_an_injected_launcher(api_store_url):
    from search_api import create_app

    app = create_app({"TESTING": True, "PROGRAMS_STORE": api_store_url, "ADMIN_TOKEN": "t0ken"})
    resp = app.test_client().post(
        "/api/v1/admin/runs", json={"source": "ipeds"}, headers={"Authorization": "Bearer t0ken"}
    )
    assert resp.status_code == 503
    assert "without a crawl launcher" in resp.get_json()["detail"]


def test_the_wsgi_entry_point_injects_the_launcher(monkeypatch, api_store_url):
    import importlib

    from ops import launcher

    monkeypatch.setenv("PROGRAMS_STORE", api_store_url)
    monkeypatch.setenv("WARM_GEO", "0")
    wsgi = importlib.reload(importlib.import_module("ops.wsgi"))
    assert wsgi.app.config["LAUNCHER_FACTORY"] is launcher.launcher_factory


def test_store_is_opened_once_per_process(app, client):
    ext = app.extensions["programs_store"]
    client.get("/api/v1/programs?zip=60601")
    first = ext.get()
    client.get("/api/v1/programs?zip=30301")
    assert ext.get() is first


def test_cli_routes_lists_the_public_endpoints(runner):
    from flask.cli import routes_command

    result = runner.invoke(routes_command)
    assert result.exit_code == 0, result.output
    for rule in (
        "/api/v1/programs",
        "/api/v1/meta",
        "/healthz",
        "/readyz",
        "/embed",
        "/widget.js",
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ):
        assert rule in result.output


def test_cli_spec_writes_the_openapi_document(runner, tmp_path):
    from apiflask.commands import spec_command

    out = tmp_path / "openapi.json"
    result = runner.invoke(spec_command, ["--output", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert PUBLIC_PATHS <= set(json.loads(out.read_text())["paths"])
