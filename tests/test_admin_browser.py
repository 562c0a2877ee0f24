"""The operator page in real headless Chromium: styled like the public page, usable at 375 px, confirms
removals, refuses duplicate schedules with a message, shows each run's figures and a running crawl's progress."""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from programs.locks import crawl_lock_name
from programs.runs import RUN_QUEUED, RunRecord
from programs.scheduling import add_schedule
from programs.store import open_store
from programs.timeutil import now_iso

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
TOKEN = "browser-admin-token-0123456789"
RUNNING_ID = "running000000001"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"browser tests skipped: {CHROMIUM} is missing", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright")
expect = sync_api.expect

from werkzeug.serving import make_server  # noqa: E402


class QueueingLauncher:
    """Records a queued run, as the real launcher does, without starting a crawl."""

    def __init__(self, store, config=None):
        self.store = store

    def start(self, source, *, trigger, schedule_id=None):
        run = RunRecord(
            id=f"new{int(time.time() * 1000) % 10**13:013d}",
            source=source,
            trigger=trigger,
            status=RUN_QUEUED,
            started_at=now_iso(),
        )
        self.store.save_run(run)
        return run


@pytest.fixture
def admin_site(tmp_path):
    from search_api import create_app

    url = f"sqlite:///{tmp_path}/admin.db"
    store = open_store(url)
    store.save_run(
        RunRecord(
            id="complete00000001",
            source="ipeds",
            trigger="schedule",
            status="complete",
            started_at="2026-11-01T03:00:00Z",
            finished_at="2026-11-01T03:02:05Z",
            pages_fetched=12,
            items_scraped=415,
            items_new=410,
            items_updated=5,
            items_dropped=3,
        )
    )
    store.save_run(
        RunRecord(
            id="failed0000000001",
            source="scorecard",
            trigger="api",
            status="failed",
            started_at="2026-11-02T03:00:00Z",
            finished_at="2026-11-02T03:00:01Z",
            finish_reason="the crawl process exited (status 2) before the crawl started: "
            "programs crawl: SCORECARD_API_KEY: the scorecard source needs an API key",
        )
    )
    store.save_run(
        RunRecord(
            id=RUNNING_ID,
            source="program_pages",
            trigger="api",
            status="running",
            started_at=now_iso(),
            pages_fetched=3,
            items_scraped=1,
        )
    )
    # the crawl that runs holds its source's lock (otherwise the run reads as abandoned)
    store.acquire_lock(crawl_lock_name("program_pages"), f"test:{RUNNING_ID}", 600, time.time())
    add_schedule(store, "ipeds", "0 3 * * 1")
    app = create_app(
        {
            "STORE": store,
            "ADMIN_TOKEN": TOKEN,
            "LAUNCHER_FACTORY": QueueingLauncher,
            "WARM_GEO": False,
        }
    )
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", store
    httpd.shutdown()
    httpd.server_close()
    store.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, width: int):
    kwargs = {"viewport": {"width": width, "height": 900}}
    if width < 600:
        kwargs.update(device_scale_factor=2, is_mobile=True, has_touch=True)
    ctx = browser.new_context(**kwargs)
    ctx.set_default_timeout(10_000)
    outside: list[str] = []

    def guard(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ctx.route("**/*", guard)
    page = ctx.new_page()
    page.js_errors = []
    page.on("pageerror", lambda e: page.js_errors.append(str(e)))
    page.outside = outside
    return ctx, page


def sign_in(page, site):
    page.goto(site + "/admin")
    page.get_by_label("Admin token").fill(TOKEN)
    page.get_by_role("button", name="Show runs and schedules").click()
    expect(page.locator("#runs .run")).to_have_count(3)


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_page_is_styled_like_the_public_page_and_fits_the_screen(browser, admin_site, width):
    site, _ = admin_site
    ctx, page = open_page(browser, width)
    try:
        sign_in(page, site)
        sheets = page.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map(l => l.href)")
        assert any(s.endswith("/static/app.css") for s in sheets)  # the public page's CSS
        assert page.locator("header.site-header h1").inner_text() == "Crawl operations"
        assert page.locator("main").count() == 1 and page.locator("footer").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for selector in ("#admin-token", "#start-source", "#schedule-cron", "#schedules button"):
            box = page.locator(selector).first.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
            assert box["height"] >= 40, selector  # a thumb-sized target
        shot(page, f"admin-{width}")
        assert not page.js_errors and not page.outside
    finally:
        ctx.close()


def test_each_run_shows_source_status_counts_duration_and_reason(browser, admin_site):
    site, _ = admin_site
    ctx, page = open_page(browser, 1280)
    try:
        sign_in(page, site)
        done = page.locator("#run-complete00000001")
        expect(done.locator("h3")).to_have_text("ipeds")
        expect(done.locator(".badge")).to_have_text("complete")
        facts = dict(
            zip(
                done.locator("dt").all_text_contents(),
                done.locator("dd").all_text_contents(),
                strict=True,
            )
        )
        assert facts["Duration"] == "2 min 5 s"
        assert facts["Pages"] == "12" and facts["New"] == "410" and facts["Updated"] == "5"
        assert facts["Dropped"] == "3"
        failed = page.locator("#run-failed0000000001")
        expect(failed.locator(".badge")).to_have_text("failed")
        expect(failed.locator(".run-reason")).to_contain_text("Why: the crawl process exited")
        expect(failed.locator(".run-reason")).to_contain_text("SCORECARD_API_KEY")
        assert not page.js_errors
    finally:
        ctx.close()


def test_a_running_crawls_progress_updates_without_reloading(browser, admin_site):
    site, store = admin_site
    ctx, page = open_page(browser, 1280)
    try:
        sign_in(page, site)
        running = page.locator(f"#run-{RUNNING_ID}")
        expect(running.locator(".badge")).to_have_text("running")
        expect(running.locator(".run-progress")).to_have_text(
            "In progress: 3 pages, 1 item so far."
        )
        expect(page.locator("#runs-live")).to_be_visible()
        run = store.get_run(RUNNING_ID)
        run.pages_fetched, run.items_scraped, run.items_new = 40, 25, 20
        store.save_run(run)  # what the crawl's run recorder does while it runs
        expect(running.locator(".run-progress")).to_have_text(
            "In progress: 40 pages, 25 items so far.", timeout=15_000
        )
        run.status, run.finished_at = "complete", now_iso()
        store.save_run(run)
        expect(running.locator(".badge")).to_have_text("complete", timeout=15_000)
        expect(page.locator("#runs-live")).to_be_hidden()
        assert not page.js_errors
    finally:
        ctx.close()


def test_crawl_now_shows_the_queued_run(browser, admin_site):
    site, _ = admin_site
    ctx, page = open_page(browser, 375)
    try:
        sign_in(page, site)
        page.get_by_label("Crawl a source now").select_option("ipeds")
        page.get_by_role("button", name="Start crawl").click()
        expect(page.locator("#admin-status")).to_contain_text("Started run new")
        expect(page.locator("#runs .run")).to_have_count(4)
        expect(page.locator("#runs .run").first.locator(".badge")).to_have_text("queued")
        assert not page.js_errors
    finally:
        ctx.close()


def test_removing_a_schedule_asks_first(browser, admin_site):
    site, store = admin_site
    ctx, page = open_page(browser, 375)
    questions: list[str] = []
    answer = {"accept": False}

    def on_dialog(dialog):
        questions.append(dialog.message)
        dialog.accept() if answer["accept"] else dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        sign_in(page, site)
        remove = page.get_by_role("button", name="Remove the ipeds schedule 0 3 * * 1")
        remove.click()
        expect(page.locator("#admin-status")).to_have_text("Nothing removed.")
        assert len(store.list_schedules()) == 1  # dismissed: kept
        assert "Remove the schedule" in questions[0] and "ipeds" in questions[0]
        answer["accept"] = True
        remove.click()
        expect(page.locator("#schedules .schedule")).to_have_count(0)
        expect(page.locator("#admin-status")).to_contain_text("Removed schedule")
        assert store.list_schedules() == []
        assert not page.js_errors
    finally:
        ctx.close()


def test_a_duplicate_schedule_is_refused_with_a_message(browser, admin_site):
    site, store = admin_site
    ctx, page = open_page(browser, 375)
    try:
        sign_in(page, site)
        page.get_by_label("Schedule a source").select_option("ipeds")
        page.get_by_label("When (cron, UTC)").fill("0 3 * * 1")
        page.get_by_role("button", name="Add schedule").click()
        error = page.locator("#schedule-cron-error")
        expect(error).to_be_visible()
        expect(error).to_contain_text(re.compile(r"already crawls ipeds at '0 3 \* \* 1'"))
        expect(page.locator("#schedule-cron")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#schedules .schedule")).to_have_count(1)
        assert len(store.list_schedules()) == 1
        page.get_by_label("When (cron, UTC)").fill("0 4 * * 1")
        page.get_by_role("button", name="Add schedule").click()
        expect(page.locator("#schedules .schedule")).to_have_count(2)
        expect(error).to_be_hidden()
        assert not page.js_errors
    finally:
        ctx.close()


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focus is on ``selector`` (as a keyboard user moves through the page)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def test_every_control_works_by_keyboard_alone(browser, admin_site):
    site, store = admin_site
    ctx, page = open_page(browser, 1280)
    questions: list[str] = []

    def on_dialog(dialog):  # the confirmation; a keyboard user answers it with Enter
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", on_dialog)
    try:
        page.goto(site + "/admin")
        tab_to(page, "#admin-token")
        page.keyboard.type(TOKEN)
        page.keyboard.press("Enter")
        expect(page.locator("#runs .run")).to_have_count(3)
        # start a crawl: choose the source by typing its first letter, then Enter on the button
        tab_to(page, "#start-source")
        page.keyboard.press("s")
        assert page.input_value("#start-source") == "scorecard"
        tab_to(page, "#start-form button")
        page.keyboard.press("Enter")
        expect(page.locator("#admin-status")).to_contain_text("Started run new")
        expect(page.locator("#runs .run")).to_have_count(4)
        expect(page.locator("#runs .run").first.locator("h3")).to_have_text("scorecard")
        # add a schedule: Space on the button
        tab_to(page, "#schedule-source")
        page.keyboard.press("p")
        assert page.input_value("#schedule-source") == "program_pages"
        tab_to(page, "#schedule-cron")
        page.keyboard.type("0 5 * * 2")
        tab_to(page, "#schedule-form button")
        page.keyboard.press("Space")
        expect(page.locator("#schedules .schedule")).to_have_count(2)
        assert {(s.source, s.cron) for s in store.list_schedules()} == {
            ("ipeds", "0 3 * * 1"),
            ("program_pages", "0 5 * * 2"),
        }
        # remove one: Enter on its Remove button, then the confirmation
        tab_to(page, '#schedules button[aria-label="Remove the ipeds schedule 0 3 * * 1"]')
        page.keyboard.press("Enter")
        expect(page.locator("#schedules .schedule")).to_have_count(1)
        expect(page.locator("#admin-status")).to_contain_text("Removed schedule")
        assert "Remove the schedule" in questions[0] and "ipeds" in questions[0]
        assert [s.source for s in store.list_schedules()] == ["program_pages"]
        assert not page.js_errors and not page.outside
    finally:
        ctx.close()
