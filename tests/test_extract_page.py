"""extract_page as a whole: the result's shape, encodings, hostile input, speed, and the CLI that prints it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ops import cli
from programs.extract import PageExtraction, extract_page

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "fixtures" / "sources" / "sites"
URL = "https://www.example.edu/programs/medical-coding.html"

PROGRAM_HTML = (
    "<html><head><title>Medical Coding Certificate | Example College</title></head><body><main>"
    "<h1>Medical Coding Certificate</h1><p>Complete the certificate in 9 months. The 30-credit program is offered "
    "online. Tuition: $3,000. Prepares for the CCA exam.</p></main>"
    "<footer><p>Example College \u00b7 100 Main Street, Springfield, IL 62701</p>"
    "<p>\u00a9 2025 Example College</p></footer></body></html>"
)


def test_result_shape_and_to_dict() -> None:
    result = extract_page(PROGRAM_HTML, URL)
    assert isinstance(result, PageExtraction)
    data = result.to_dict()
    assert set(data) == {"url", "title", "is_program_page", "method", "programs", "institution"}
    assert data["url"] == URL and data["title"] == "Medical Coding Certificate | Example College"
    assert data["is_program_page"] is True and data["method"] == "text"
    assert data["institution"] == {
        "name": "Example College",
        "address": "100 Main Street",
        "city": "Springfield",
        "state": "IL",
        "zip": "62701",
    }
    json.dumps(data)  # plain JSON types only


def test_bytes_and_text_give_the_same_result() -> None:
    assert extract_page(PROGRAM_HTML, URL) == extract_page(PROGRAM_HTML.encode("utf-8"), URL)


SPANISH = (
    "<h1>Facturaci\u00f3n M\u00e9dica Certificado</h1><p>Certificado de 11 meses; 900 horas contacto; "
    "modalidad presencial para los estudiantes. Costo: $8,900.</p>"
)


@pytest.mark.parametrize(
    "body,encoding",
    [
        (
            f"<html><head><meta charset='windows-1252'></head><body>{SPANISH}</body></html>".encode(
                "cp1252"
            ),
            None,
        ),
        (
            f"<html><body>{SPANISH}</body></html>".encode("cp1252"),
            None,
        ),  # no charset, and not UTF-8
        (f"<html><body>{SPANISH}</body></html>".encode("cp1252"), "cp1252"),
        (b"\xef\xbb\xbf" + f"<html><body>{SPANISH}</body></html>".encode(), None),
        (f"<?xml version='1.0' encoding='utf-8'?><html><body>{SPANISH}</body></html>", None),
    ],
)
def test_encodings(body: bytes | str, encoding: str | None) -> None:
    result = extract_page(body, URL, encoding=encoding)
    assert [p["name"] for p in result.programs] == ["Facturaci\u00f3n M\u00e9dica Certificado"]
    got = result.programs[0]
    assert (got["length_months"], got["clock_hours"], got["delivery"], got["tuition_usd"]) == (
        11.0,
        900.0,
        "on_campus",
        8900.0,
    )


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   ",
        "",
        b"\x00\x01\x02\xff\xfe" * 100,
        b"not html at all",
        b"<",
        b"<html>",
        b"<html><body></body></html>",
        b"<<<<>>>>" * 1000,
        "<div>" * 5000 + "Medical coding certificate, 9 months" + "</div>" * 5000,
        "<p>" + "Medical Coding Certificate 9 months $3,000 30 credits online CPC " * 5000 + "</p>",
        b"<html><head><meta charset='no-such-charset'></head><body><h1>x</h1></body></html>",
        b"<svg><script>alert(1)</script></svg>",
        b"%PDF-1.4 binary",
    ],
)
def test_hostile_input_never_raises(body: bytes | str) -> None:
    result = extract_page(body, URL)
    assert isinstance(result, PageExtraction)
    assert result.url == URL


def test_unknown_encoding_argument_is_ignored() -> None:
    assert extract_page(PROGRAM_HTML.encode(), URL, encoding="x-unknown").is_program_page


def _typical_page() -> bytes:
    """About 50 KB: a real program page plus the navigation, mega-footer and prose real sites carry."""
    base = (
        SITES
        / "www.lakeshorecc.edu"
        / "academics"
        / "health-sciences"
        / "health-information-technology.html"
    )
    html = (
        base.read_text(encoding="utf-8")
        if base.exists()
        else PROGRAM_HTML.replace("<main>", '<main id="main">')
    )
    nav = (
        "<nav><ul>"
        + "".join(f'<li><a href="/x/{i}">Link number {i} to a page</a></li>' for i in range(400))
        + "</ul></nav>"
    )
    prose = "".join(
        f"<p>Paragraph {i}: students learn about health records, privacy, coding systems and the daily "
        f"work of a health information department. Courses meet twice a week.</p>"
        for i in range(90)
    )
    script = (
        "<script>" + "var x = 1;" * 500 + "</script><style>" + "p{color:red}" * 300 + "</style>"
    )
    html = html.replace('<main id="main">', nav + '<main id="main">' + prose).replace(
        "</head>", script + "</head>"
    )
    return html.encode("utf-8")


def test_typical_large_page_is_recognised() -> None:
    """Its speed is measured by bench/extract_speed.py, not here (timed tests are noise)."""
    body = _typical_page()
    assert 40_000 <= len(body) <= 70_000
    assert extract_page(body, URL).is_program_page


# ---------------------------------------------------------------- the CLI


def _fixture(rel: str) -> Path:
    path = SITES / rel
    if not path.exists():
        pytest.skip(f"sample page {rel} not present")
    return path


def test_cli_extract_prints_the_programs(capsys) -> None:
    path = _fixture("www.cobbmetro.edu/academics/health-information/index.html")
    code = cli.main(
        ["extract", str(path), "--url", "https://www.cobbmetro.edu/academics/health-information/"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["is_program_page"] is True
    assert [(p["name"], p["credential"]) for p in data["programs"]] == [
        ("Medical Billing and Coding Certificate", "certificate"),
        ("Health Information Technology, AAS", "associate"),
    ]
    assert data["programs"][1]["accreditations"] == ["CAHIIM"]
    assert data["institution"]["zip"] == "30060"


def test_cli_extract_subprocess_jsonld_page() -> None:
    path = _fixture(
        "www.lakeshorecc.edu/academics/health-sciences/medical-billing-coding-certificate.html"
    )
    url = "https://www.lakeshorecc.edu/academics/health-sciences/medical-billing-coding-certificate.html"
    proc = subprocess.run(
        [sys.executable, "-m", "ops.cli", "extract", str(path), "--url", url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["method"] == "jsonld"
    program = data["programs"][0]
    assert (
        program["name"],
        program["cip"],
        program["length_months"],
        program["credit_hours"],
        program["delivery"],
        program["tuition_usd"],
    ) == ("Medical Billing and Coding Certificate", "51.0713", 9.0, 30.0, "hybrid", 4350.0)
    assert program["certifications"] == ["CCA", "CPC"]


def test_cli_extract_without_url_and_missing_file(tmp_path, capsys) -> None:
    page = tmp_path / "page.html"
    page.write_text(PROGRAM_HTML, encoding="utf-8")
    assert cli.main(["extract", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (
        data["url"].startswith("file://")
        and data["programs"][0]["name"] == "Medical Coding Certificate"
    )
    assert cli.main(["extract", str(tmp_path / "missing.html")]) == 2
