"""Take the README's screenshots (``make screenshots``): the search page with results and its map,
a program page, the widget and the admin page, with headless Chromium from a temporary store of
FICTIONAL programs (scripts/fictional_store.py; every school's name says so).

    python scripts/screenshots.py docs/screenshots

The app runs on 127.0.0.1 on a free port; the browser may reach nothing else.
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from werkzeug.serving import make_server  # noqa: E402

from programs.runs import RunRecord  # noqa: E402
from programs.store import open_store  # noqa: E402
from scripts.fictional_store import build  # noqa: E402
from search_api import create_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _add_runs(store_url: str) -> None:
    """Two finished runs and a schedule, so the admin page has something to show."""
    store = open_store(store_url)
    try:
        for i, (source, status, reason, new) in enumerate(
            [("ipeds", "complete", "finished", 5), ("program_pages", "complete", "finished", 4)]
        ):
            store.save_run(
                RunRecord(
                    id=f"run-example-{i + 1}",
                    source=source,
                    status=status,
                    started_at=f"2026-11-2{i}T03:00:00Z",
                    finished_at=f"2026-11-2{i}T03:04:10Z",
                    finish_reason=reason,
                    pages_fetched=12,
                    items_scraped=new,
                    items_new=new,
                )
            )
    finally:
        store.close()


def _blocked_outside(context) -> list[str]:
    outside: list[str] = []

    def guard(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return outside


def take(out_dir: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory() as tmp:
        store_url = build(Path(tmp) / "fictional.db")
        _add_runs(store_url)
        app = create_app({"PROGRAMS_STORE": store_url, "ADMIN_TOKEN": token})
        httpd = make_server("127.0.0.1", 0, app, threaded=True)
        base = f"http://127.0.0.1:{httpd.server_port}"
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        written: list[Path] = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, width, height, path, full in [
                    ("search-results.png", 1280, 1500, "/?zip=60601", False),
                    ("program-page.png", 1280, 1200, "/programs/lakefront-mbc", True),
                    ("widget.png", 480, 900, "/embed?zip=60601&credential=certificate", True),
                    ("admin.png", 1280, 800, "/admin", False),
                ]:
                    context = browser.new_context(viewport={"width": width, "height": height})
                    outside = _blocked_outside(context)
                    page = context.new_page()
                    page.goto(base + path)
                    if path == "/admin":
                        page.fill("#admin-token", token)
                        page.keyboard.press("Enter")
                        page.wait_for_selector("#runs .run")
                    if path.startswith("/?"):
                        page.wait_for_selector("#map-svg path.map-state")
                    target = out_dir / name
                    page.screenshot(path=str(target), full_page=full)
                    written.append(target)
                    context.close()
                    if outside:
                        raise SystemExit(f"the page asked for other sites: {outside}")
                browser.close()
        finally:
            httpd.shutdown()
            httpd.server_close()
    return written


def main(argv: list[str]) -> None:
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    for path in take(out_dir):
        print(path)


if __name__ == "__main__":
    main(sys.argv)
