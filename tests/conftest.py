"""Shared fixtures: stores for every backend (the conformance suite runs on each)."""

from __future__ import annotations

import os
import uuid

import pytest

from programs.store import open_store

BACKENDS = ["sqlite", "elasticsearch"]


def make_store(kind: str, tmp_path_factory: pytest.TempPathFactory):
    if kind == "sqlite":
        return open_store(f"sqlite:///{tmp_path_factory.mktemp('store')}/programs.db")
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip(
            "Elasticsearch leg skipped: ELASTICSEARCH_URL is not set (no server on this machine)"
        )
    return open_store(url, index_prefix=f"test-{uuid.uuid4().hex[:8]}")


def drop_store(store) -> None:
    if getattr(store, "kind", "") == "elasticsearch":
        store.drop_all()
    store.close()


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path_factory):
    """An empty store of each backend."""
    s = make_store(request.param, tmp_path_factory)
    yield s
    drop_store(s)


# ----------------------------------------------------------------------------------------------------
# The search service (search_api): an app over a temporary SQLite store holding a small, realistic set
# of listings at real coordinates. The store file is built once per session and only read by the tests.
# ----------------------------------------------------------------------------------------------------
API_FETCHED_AT = "2026-11-20T03:00:00Z"
XSS_NAME = "<script>alert(1)</script>"


def _api_listing(
    lid,
    school,
    program,
    lat,
    lon,
    *,
    city,
    state,
    zip5,
    credential="certificate",
    months=None,
    delivery="on_campus",
    tuition=None,
    certs=(),
    accreds=(),
    url=None,
    inst_url=None,
    length_text=None,
    tuition_text=None,
):
    from programs.model import Institution, Listing, Program

    return Listing(
        id=lid,
        institution=Institution(
            name=school, url=inst_url, city=city, state=state, zip=zip5, lat=lat, lon=lon
        ),
        program=Program(
            name=program,
            credential=credential,
            length_months=months,
            delivery=delivery,
            tuition_usd=tuition,
            certifications=list(certs),
            accreditations=list(accreds),
            url=url,
            length_text=length_text,
            tuition_text=tuition_text,
        ),
    )


def api_listings():
    """The fixture listings: (listing, source url). Distances are from the ZIP named in the comment."""
    L = _api_listing
    return [
        # --- near 60601 Chicago (41.8858, -87.6181)
        L(
            "chi-loop-cert",
            "Loop Career Institute",
            "Medical Billing and Coding Certificate",
            41.8827,
            -87.6233,
            city="Chicago",
            state="IL",
            zip5="60601",
            months=9,
            tuition=3995,
            certs=("CPC", "CPB"),
            accreds=("ABHES",),
            url="https://loop-career.example.edu/billing-coding",
            length_text="9 months",
        ),
        L(
            "chi-hwc-aas",
            "Harold Washington College",
            "Health Information Technology AAS",
            41.8859,
            -87.6266,
            city="Chicago",
            state="IL",
            zip5="60601",
            credential="associate",
            months=24,
            delivery="hybrid",
            tuition=8500,
            certs=("RHIT", "CCA"),
            accreds=("CAHIIM",),
            url="https://hwc.example.edu/hit",
        ),
        L(
            "chi-xss",
            "Evil " + XSS_NAME + " Academy",
            XSS_NAME + " Coding",
            41.8900,
            -87.6300,
            city="Chicago",
            state="IL",
            zip5="60610",
            months=4,
            tuition=1200,
            url="https://evil.example.edu/<script>",
        ),
        L(
            "chi-jsurl",
            "Lakeshore Billing School",
            "Medical Billing Specialist Diploma",
            41.8950,
            -87.6200,
            city="Chicago",
            state="IL",
            zip5="60611",
            months=6,
            tuition=2500,
            certs=("CBCS",),
            url="javascript:alert(document.domain)",
            inst_url="javascript:alert(1)",
        ),
        L(
            "chi-uic-ms",
            "University of Illinois Chicago",
            "Health Informatics MS",
            41.8708,
            -87.6505,
            city="Chicago",
            state="IL",
            zip5="60607",
            credential="master",
            months=24,
            delivery="online",
            tuition=32000,
            certs=("RHIA", "CHDA"),
            accreds=("CAHIIM",),
            url="https://uic.example.edu/ms-hi",
        ),
        L(
            "chi-mxc-cert",
            "Malcolm X College",
            "Medical Coding Certificate",
            41.8777,
            -87.6745,
            city="Chicago",
            state="IL",
            zip5="60612",
            months=6,
            tuition=2200,
            certs=("CBCS", "CPC"),
            inst_url="https://mxc.example.edu/",
        ),
        L(
            "chi-oakton-aas",
            "Oakton College",
            "Health Information Technology AAS",
            42.0450,
            -87.8580,
            city="Des Plaines",
            state="IL",
            zip5="60016",
            credential="associate",
            months=24,
            tuition=9100,
            certs=("RHIT",),
            accreds=("CAHIIM",),
            url="https://oakton.example.edu/hit",
        ),
        L(
            "chi-cod-cert",
            "College of DuPage",
            "Medical Insurance Billing and Coding Short Course",
            41.8397,
            -88.0736,
            city="Glen Ellyn",
            state="IL",
            zip5="60137",
            months=3,
            tuition=1450,
            certs=("CPC",),
            url="https://cod.example.edu/coding",
        ),
        L(
            "chi-gsu-bs",
            "Governors State University",
            "Health Information Management BS",
            41.4453,
            -87.7181,
            city="University Park",
            state="IL",
            zip5="60484",
            credential="bachelor",
            months=48,
            tuition=41000,
            certs=("RHIA",),
            accreds=("CAHIIM",),
            url="https://govst.example.edu/him",
        ),
        # --- near 30301 Atlanta (33.8444, -84.4741)
        L(
            "atl-tech-cert",
            "Atlanta Technical College",
            "Medical Coding Certificate",
            33.7130,
            -84.4037,
            city="Atlanta",
            state="GA",
            zip5="30310",
            months=12,
            tuition=4100,
            certs=("CPC", "CCA"),
            url="https://atlantatech.example.edu/coding",
        ),
        L(
            "atl-chatt-aas",
            "Chattahoochee Technical College",
            "Health Information Technology AAS",
            33.9440,
            -84.5230,
            city="Marietta",
            state="GA",
            zip5="30060",
            credential="associate",
            months=24,
            delivery="hybrid",
            tuition=7600,
            certs=("RHIT",),
            accreds=("CAHIIM",),
            url="https://chattahoocheetech.example.edu/hit",
        ),
        # --- near 00601 Adjuntas, Puerto Rico (18.1967, -66.7367)
        L(
            "pr-ibc-cert",
            "Instituto de Banca y Comercio – Ponce",
            "Facturación y Codificación Médica",
            18.0111,
            -66.6141,
            city="Ponce",
            state="PR",
            zip5="00717",
            months=10,
            tuition=6500,
            certs=("CBCS",),
            url="https://ibanca.example.edu/facturacion",
        ),
        # --- near 99501 Anchorage (61.2225, -149.8677)
        L(
            "ak-uaa-cert",
            "University of Alaska Anchorage",
            "Medical Coding Occupational Endorsement",
            61.1900,
            -149.8200,
            city="Anchorage",
            state="AK",
            zip5="99508",
            months=12,
            delivery="hybrid",
            tuition=5200,
            certs=("CCA", "CPC"),
            url="https://uaa.example.edu/coding",
        ),
        # --- online programs far from all of them
        L(
            "online-wgu-bs",
            "Western Governors University",
            "Health Information Management BS",
            40.6850,
            -111.8700,
            city="Salt Lake City",
            state="UT",
            zip5="84107",
            credential="bachelor",
            months=36,
            delivery="online",
            tuition=8000,
            certs=("RHIA",),
            accreds=("CAHIIM",),
            url="https://wgu.example.edu/him",
        ),
        L(
            "online-rasmussen-cert",
            "Rasmussen University",
            "Medical Billing and Coding Certificate",
            44.9778,
            -93.2650,
            city="Minneapolis",
            state="MN",
            zip5="55401",
            months=12,
            delivery="online",
            tuition=12000,
            certs=("CPC", "CBCS"),
            url="https://rasmussen.example.edu/mbc",
        ),
        L(
            "online-pennfoster-short",
            "Penn Foster",
            "Medical Coding Short Course",
            41.4090,
            -75.6624,
            city="Scranton",
            state="PA",
            zip5="18503",
            months=4,
            delivery="online",
            tuition=999,
            certs=("CPC",),
            url="https://pennfoster.example.edu/coding",
        ),
        L(
            "online-snhu-aas",
            "Southern New Hampshire University",
            "Health Information Management AS",
            43.0392,
            -71.4526,
            city="Manchester",
            state="NH",
            zip5="03101",
            credential="associate",
            delivery="online",
            tuition_text="$320 per credit",
            url="https://snhu.example.edu/him-as",
        ),
    ]


def build_api_store(path):
    from programs.runs import RunRecord
    from programs.store import open_store

    store = open_store(f"sqlite:///{path}")
    store.upsert(
        [listing for listing in api_listings()],
        source="ipeds",
        run_id="run-fixture",
        fetched_at=API_FETCHED_AT,
    )
    store.save_run(
        RunRecord(
            id="run-fixture",
            source="ipeds",
            status="complete",
            started_at="2026-11-20T02:00:00Z",
            finished_at=API_FETCHED_AT,
            finish_reason="finished",
        )
    )
    store.close()
    return path


#: URLs a crawled page may give that must never become links (only absolute http(s) URLs may)
UNSAFE_URLS = [
    "javascript:alert('js')",
    "JavaScript:alert('JS')",
    "  javascript:alert('space')",
    "java\tscript:alert('tab')",
    "data:text/html,<script>alert('data')</script>",
    "vbscript:msgbox('vb')",
    "//evil.example/protocol-relative",
    "https://ok.example/\"onmouseover=\"alert('quote')",
    "/relative/path",
    "file:///etc/passwd",
]
#: crawled strings that must be shown as text, never run or parsed as HTML
HOSTILE_TEXTS = [
    "<script>alert('name')</script>",
    "\"><img src=x onerror=alert('img')>",
    "<svg/onload=alert('svg')>",
    "</ul></li><iframe src=javascript:alert('frame')>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "\u202e<b>bold</b>\u202c",
]


def hostile_listings():
    """Listings near 60601 whose every shown string is hostile, and whose URLs may never become links;
    plus one with a plain https URL (that one is a link)."""
    L = _api_listing
    out = []
    for i, url in enumerate(UNSAFE_URLS):
        text = HOSTILE_TEXTS[i % len(HOSTILE_TEXTS)]
        out.append(
            L(
                f"hostile-{i}",
                f"School {i} {text}",
                f"Program {i} {text}",
                41.88 + i * 0.002,
                -87.62,
                city=f"City {text}",
                state="IL",
                zip5="60601",
                url=url,
                inst_url=UNSAFE_URLS[-1 - i],
                length_text=f"Length {text}",
                tuition_text=f"Cost {text}",
            )
        )
    out.append(
        L(
            "hostile-fine",
            "Safe School",
            "Safe Program",
            41.8801,
            -87.6201,
            city="Chicago",
            state="IL",
            zip5="60601",
            months=6,
            tuition=1000,
            url="https://ok.example/safe-program",
        )
    )
    return out


def build_hostile_store(path):
    from programs.store import open_store

    store = open_store(f"sqlite:///{path}")
    store.upsert(
        hostile_listings(), source="program_pages", run_id="run-hostile", fetched_at=API_FETCHED_AT
    )
    store.close()
    return path


@pytest.fixture(scope="session")
def hostile_store_url(tmp_path_factory):
    """A SQLite store of hostile_listings() (built once; tests only read it)."""
    return (
        f"sqlite:///{build_hostile_store(tmp_path_factory.mktemp('hostile-store') / 'programs.db')}"
    )


@pytest.fixture(scope="session")
def api_store_url(tmp_path_factory):
    """URL of a SQLite store holding the fixture listings (built once; tests only read it)."""
    path = build_api_store(tmp_path_factory.mktemp("api-store") / "programs.db")
    return f"sqlite:///{path}"


@pytest.fixture
def app(api_store_url):
    """The search service over the fixture store."""
    from search_api import create_app

    return create_app({"TESTING": True, "PROGRAMS_STORE": api_store_url, "STORE": None})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# ----------------------------------------------------------------------------------------------------
# The sample sources (devtools/sample_server.py) crawled once per session into SQLite, in the order `make run`
# uses: ipeds, scorecard, program_pages. Tests read it, or crawl a copy of it (tests.crawl_helpers.copy_store).
# ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def sample_server():
    from devtools.sample_server import SampleServer

    with SampleServer() as srv:
        yield srv


@pytest.fixture(scope="session")
def sample_crawl(sample_server, tmp_path_factory):
    from tests.crawl_helpers import crawl, extensions_with

    base = tmp_path_factory.mktemp("crawl")
    url = f"sqlite:///{base}/programs.db"
    counter = extensions_with({"tests.crawl_helpers.StoreOpenCounter": 0})
    result = crawl(
        ["ipeds", "scorecard", "program_pages"],
        store_url=url,
        sample_url=sample_server.base_url,
        log_dir=base / "logs",
        extra=["-s", f"EXTENSIONS={counter}"],
    )
    assert result.code == 0, result.stderr[-3000:]
    store = open_store(url)
    runs = {r.source: r for r in store.list_runs(limit=10)}
    yield {
        "store": store,
        "runs": runs,
        "result": result,
        "db": base / "programs.db",
        "server": sample_server,
    }
    store.close()
