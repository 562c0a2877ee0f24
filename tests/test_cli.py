"""The operators' CLI: every command, and clear errors for bad input."""

from __future__ import annotations

import json

import pytest

from ops.cli import main
from programs.model import Institution, Listing, Program
from programs.runs import RunRecord
from programs.store import open_store


@pytest.fixture
def store_url(tmp_path):
    url = f"sqlite:///{tmp_path}/cli.db"
    store = open_store(url)
    store.upsert(
        [
            Listing(
                id="a",
                institution=Institution(name="Lakeshore College", unitid="1", lat=41.9, lon=-87.6),
                program=Program(name="Medical Coding", credential="certificate"),
            )
        ],
        source="ipeds",
        run_id="r1",
    )
    store.save_run(
        RunRecord(
            id="r1",
            source="ipeds",
            status="complete",
            started_at="2026-11-01T03:00:00Z",
            finished_at="2026-11-01T03:05:00Z",
            pages_fetched=5,
            items_scraped=1,
            items_new=1,
            items_dropped=2,
            dropped_reasons={"ipeds_bad_unitid": 2},
        )
    )
    store.close()
    return url


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_schedule_add_list_remove(capsys, store_url):
    code, out, _ = run(
        capsys, "--store", store_url, "schedule", "add", "ipeds", "--cron", "0 3 * * 1"
    )
    assert code == 0 and out.startswith("added schedule ")
    schedule_id = out.split()[2].rstrip(":")
    code, out, _ = run(capsys, "--store", store_url, "schedule", "list")
    assert schedule_id in out and "ipeds at '0 3 * * 1' (UTC)" in out and "next " in out
    code, out, _ = run(capsys, "--store", store_url, "schedule", "list", "--json")
    assert json.loads(out)[0]["cron"] == "0 3 * * 1"
    code, out, _ = run(capsys, "--store", store_url, "schedule", "remove", schedule_id)
    assert code == 0 and "removed" in out
    code, _, err = run(capsys, "--store", store_url, "schedule", "remove", schedule_id)
    assert code == 2 and "no schedule with id" in err


@pytest.mark.parametrize(
    "cron,needle",
    [
        ("0 3 * *", "does not have 5 fields"),
        ("99 3 * * 1", "not a valid cron"),
        ("every day", "does not have 5 fields"),
    ],
)
def test_bad_cron_is_a_clear_error(capsys, store_url, cron, needle):
    code, _, err = run(capsys, "--store", store_url, "schedule", "add", "ipeds", "--cron", cron)
    assert code == 2 and needle in err and "cron" in err


def test_unknown_source_is_refused(capsys, store_url):
    with pytest.raises(SystemExit) as info:
        main(["--store", store_url, "schedule", "add", "yelp", "--cron", "0 3 * * 1"])
    assert info.value.code == 2
    assert "invalid choice: 'yelp'" in capsys.readouterr().err
    code, _, err = run(capsys, "--store", store_url, "crawl", "yelp")
    assert code == 2 and "unknown source 'yelp'" in err


def test_scorecard_without_a_key_is_refused_before_crawling(capsys, store_url, monkeypatch):
    monkeypatch.delenv("SCORECARD_API_KEY", raising=False)
    code, _, err = run(capsys, "--store", store_url, "crawl", "scorecard")
    assert code == 2 and "SCORECARD_API_KEY" in err and "api.data.gov" in err


def test_runs_table_and_json(capsys, store_url):
    code, out, _ = run(capsys, "--store", store_url, "runs")
    assert code == 0 and "r1" in out and "complete" in out and "dropped: ipeds_bad_unitid 2" in out
    code, out, _ = run(capsys, "--store", store_url, "runs", "--source", "ipeds", "--json")
    assert json.loads(out)[0]["items_new"] == 1
    code, out, _ = run(capsys, "--store", store_url, "runs", "--source", "scorecard")
    assert "no runs recorded yet" in out


def test_status(capsys, store_url):
    code, out, _ = run(capsys, "--store", store_url, "status")
    assert code == 0 and "listings: 1 (active 1)" in out
    assert (
        "ipeds         active       1" in out and "last complete run: 2026-11-01T03:05:00Z" in out
    )
    code, out, _ = run(capsys, "--store", store_url, "status", "--json")
    data = json.loads(out)
    assert data["listings"]["by_source"]["ipeds"]["active"] == 1
    assert data["last_complete_run"] == {"ipeds": "2026-11-01T03:05:00Z"}


def test_reindex(capsys, store_url):
    code, out, _ = run(capsys, "--store", store_url, "reindex")
    assert code == 0 and json.loads(out) == {"backend": "sqlite", "listings": 1}
    store = open_store(store_url)
    from programs.query import SearchQuery

    assert store.search(SearchQuery(lat=41.9, lon=-87.6, radius_miles=5, text="coding")).total == 1


def test_scheduler_once_with_nothing_due(capsys, store_url):
    code, out, _ = run(capsys, "--store", store_url, "scheduler", "--once")
    assert code == 0 and "fired 0 schedule(s)" in out


def test_bad_store_url_is_a_clear_error(capsys):
    code, _, err = run(capsys, "--store", "ftp://nowhere", "status")
    assert code == 2 and "unknown store URL" in err


def test_unreadable_store_is_a_clear_error(capsys, tmp_path):
    (tmp_path / "dir.db").mkdir()
    code, _, err = run(capsys, "--store", f"sqlite:///{tmp_path}/dir.db", "status")
    assert code == 1 and "cannot be" in err


def test_setting_override_must_be_key_value(capsys, store_url):
    code, _, err = run(capsys, "--store", store_url, "crawl", "ipeds", "-s", "NOEQUALS")
    assert code == 2 and "KEY=VALUE" in err
