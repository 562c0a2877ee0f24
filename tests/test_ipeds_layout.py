"""The real NCES layouts the ipeds spider reads (facts from real files and the NCES data
dictionaries): IC_PY slot 1, CIP codes written as numbers, blanks and ".", UTF-8 with a BOM
(2023 and later) and cp1252 with padded values (2022 and earlier), the snapshot manifest."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from crawler.ipeds_files import iter_rows
from crawler.spiders.ipeds import default_vintage, read_manifest, reporter_slot
from programs.errors import InvalidInput
from programs.normalize import normalize_cip


def _zip(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(name, data)
    return buf.getvalue()


# Alaska Career College's row of the real IC2023_PY (UNITID 103501), the columns the spider reads.
ALASKA = {
    "UNITID": "103501",
    "CIPCODE1": "51.0801",
    "XCIPTUI1": "A",
    "CIPTUIT1": ".",
    "XCIPSUP1": "A",
    "CIPSUPP1": ".",
    "CIPLGTH1": "46",
    "PRGMSR1": "2",
    "MTHCMP1": "10",
    "CHG1PY3": "16545",
    "CHG4PY3": ".",
    "CIPCODE3": "51.0713",
    "XCIPTUI3": "R",
    "CIPTUIT3": "12729",
    "CIPSUPP3": ".",
    "CIPLGTH3": "34",
    "PRGMSR3": "2",
    "MTHCMP3": "11",
}


@pytest.mark.parametrize(
    ("row", "slot", "expected"),
    [
        # slot 1 of an institution with full-time first-time undergraduates: the charge is in CHG1PY3
        (
            ALASKA,
            1,
            {"tuition": 16545, "supplies": None, "length": 46, "measure": "2", "months": 10},
        ),
        (
            ALASKA,
            3,
            {"tuition": 12729, "supplies": None, "length": 34, "measure": "2", "months": 11},
        ),
        # slot 1 of an institution without them: CIPTUIT1 is filled and wins
        (
            {"CIPTUIT1": "9000", "XCIPTUI1": "R", "CHG1PY3": "15000", "CIPSUPP1": "800"},
            1,
            {"tuition": 9000, "supplies": 800, "length": None, "measure": "", "months": None},
        ),
        # books and supplies of slot 1 from CHG4PY3 when CIPSUPP1 is not applicable
        (
            {"CIPTUIT1": ".", "XCIPTUI1": "A", "CHG1PY3": "15000", "CHG4PY3": "1200"},
            1,
            {"tuition": 15000, "supplies": 1200, "length": None, "measure": "", "months": None},
        ),
        # blanks and "." are missing values; CHG1PY3 is not read for other slots
        (
            {"CIPTUIT2": "", "XCIPTUI2": "A", "CHG1PY3": "15000", "MTHCMP2": "."},
            2,
            {"tuition": None, "supplies": None, "length": None, "measure": "", "months": None},
        ),
    ],
)
def test_reporter_slot(row, slot, expected):
    assert reporter_slot(row, slot) == expected


@pytest.mark.parametrize(
    ("written", "cip"),
    [
        ("51.0713", "51.0713"),
        ("12.041", "12.0410"),
        ("1.8301", "01.8301"),
        ("51.071", "51.0710"),
        ("51", None),  # 51.0000: the family total, not a program
        ("", None),
    ],
)
def test_ic_py_cip_codes_written_as_numbers(written, cip):
    assert normalize_cip(written) == cip


def test_a_dot_is_not_a_cip_code():
    with pytest.raises(InvalidInput):
        normalize_cip(".")


def test_directory_2023_and_later_utf8_with_a_bom():
    data = "\ufeffUNITID,INSTNM,STABBR\r\n103501,Alaska Career College,AK\r\n145600,Universidad del Este — Carolina,PR\r\n"
    rows = list(iter_rows(_zip("hd2024.csv", data.encode("utf-8"))))
    assert rows == [
        {"UNITID": "103501", "INSTNM": "Alaska Career College", "STABBR": "AK"},
        {"UNITID": "145600", "INSTNM": "Universidad del Este — Carolina", "STABBR": "PR"},
    ]


def test_directory_2022_and_earlier_cp1252_with_padded_values():
    data = 'UNITID,INSTNM,CYACTIVE,ZIP,LATITUDE\r\n  103501,"Cañada College ","1 ","99503-1234"," 61.2"\r\n'
    (row,) = iter_rows(_zip("hd2022.csv", data.encode("cp1252")))
    assert row == {
        "UNITID": "103501",
        "INSTNM": "Cañada College",
        "CYACTIVE": "1",
        "ZIP": "99503-1234",
        "LATITUDE": "61.2",
    }


def test_manifest_names_the_files_a_snapshot_holds(tmp_path):
    (tmp_path / "manifest.json").write_text(
        json.dumps(
            {"years": {"2024": {"files": ["C2024_A", "HD2024", "IC2023_PY"], "vintage": "V24"}}}
        )
    )
    assert read_manifest(tmp_path.as_uri() + "/", "2024") == (
        {"C2024_A", "HD2024", "IC2023_PY"},
        "V24",
    )
    assert read_manifest(tmp_path.as_uri() + "/", "2019") == (set(), None)
    assert read_manifest("https://nces.ed.gov/ipeds/datacenter/data/", "2024") == (None, None)
    assert read_manifest((tmp_path / "nowhere").as_uri(), "2024") == (None, None)


def test_default_vintage_names_the_academic_year_of_the_awards():
    assert default_vintage("2024") == "IPEDS 2023\u201324 completions and 2024 directory, NCES"
