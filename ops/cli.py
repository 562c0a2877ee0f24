"""The operators' command line: ``programs <command>``.

    programs crawl SOURCE [SOURCE ...] [--sample]   run crawls now, with progress and a summary
    programs crawl ipeds --snapshot [--year Y]       read the IPEDS snapshot shipped in ops/snapshot/ipeds
    programs schedule add SOURCE --cron "0 3 * * 1" | schedule list | schedule remove ID
    programs scheduler [--once]                      fire due schedules (long-running)
    programs runs [--source S] [--limit N] [--json]  recent runs with their stats
    programs reindex                                 rebuild the search index (ES: new index + alias swap)
    programs status                                  listings by source and status, last good run per source
    programs extract FILE [--url URL]                what the program-page extractor finds in one saved page
    programs where [--zip Z | --lat L --lon L | --location "City, ST"]   the place a search would start from
    programs serve [--host H] [--port P]             the web page and API under gunicorn
    programs run                                     `make run`: crawl the shipped IPEDS snapshot once, then serve
    programs demo                                    `make demo`: the three spiders on the fictional samples,
                                                     into data/demo.db (never the default store), then serve

The store comes from ``--store`` or ``PROGRAMS_STORE`` (default sqlite:///data/programs.db).
Errors a person can act on are printed as one line on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from programs.errors import InvalidInput, ProgramsError, StoreUnavailable
from programs.store import open_store, redact_credentials, store_url_from_env
from programs.store.base import is_sample_vintage
from programs.vocab import SOURCES

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _store(args):
    return open_store(args.store or store_url_from_env())


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _parse_overrides(pairs: Sequence[str]) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise InvalidInput(
                "-s", f"{pair!r} is not KEY=VALUE", allowed="a Scrapy setting as KEY=VALUE"
            )
        out[key.strip()] = value
    return out


# ------------------------------------------------------------------ crawl
def _check_store(store_url: str) -> None:
    """Crawl only into a store that answers: a run that cannot even be recorded must not start."""
    store = open_store(store_url)
    try:
        store.ping()
    except StoreUnavailable as exc:
        raise StoreUnavailable(f"{redact_credentials(str(exc))}; nothing was crawled") from None
    finally:
        store.close()


def _devtools():
    """Sample mode's module: it lives in a checkout of the repository (beside ops/), not in the
    installed package; the `programs` script of an editable install finds it there."""
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "devtools" / "__init__.py").is_file() and str(checkout) not in sys.path:
        sys.path.append(str(checkout))
    try:
        from devtools import local_sites
    except ImportError:
        raise InvalidInput(
            "--sample",
            "sample mode needs a checkout of the repository (devtools/ is not installed)",
            allowed="run it from the repository: python -m ops.cli crawl --sample",
        ) from None
    return local_sites


#: the IPEDS snapshot shipped with the package (package data; ops/snapshot/ipeds/PROVENANCE.md),
#: so an installed wheel reads it too; PROGRAMS_SNAPSHOT_DIR points elsewhere
SHIPPED_SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshot" / "ipeds"
SNAPSHOT_DIR = Path(os.environ.get("PROGRAMS_SNAPSHOT_DIR") or SHIPPED_SNAPSHOT_DIR)
#: where `make demo` keeps the fictional sample crawl (never the default store)
DEMO_STORE_URL = "sqlite:///data/demo.db"


def snapshot_default_year(snapshot: Path = SNAPSHOT_DIR) -> str:
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    return str(manifest["default_year"])


def snapshot_settings(snapshot: Path = SNAPSHOT_DIR) -> dict[str, str]:
    """Settings that make the ipeds spider read the shipped snapshot (a local folder)."""
    if not (snapshot / "manifest.json").is_file():
        raise InvalidInput("--snapshot", f"{snapshot} holds no IPEDS snapshot (no manifest.json)")
    # local files: no politeness delays
    return {
        "IPEDS_BASE_URL": snapshot.resolve().as_uri() + "/",
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
    }


def _check_scorecard_key(sources: Sequence[str], overrides: dict[str, str], sample: bool) -> None:
    """Before anything heavy is imported: a child that fails this fails at once, with this line."""
    if (
        "scorecard" in sources
        and not sample
        and not os.environ.get("SCORECARD_API_KEY")
        and "SCORECARD_API_KEY" not in overrides
    ):
        raise InvalidInput(
            "SCORECARD_API_KEY",
            "the scorecard source needs an API key in SCORECARD_API_KEY",
            allowed="a key from https://api.data.gov/signup/",
        )


def cmd_crawl(args) -> int:
    overrides = _parse_overrides(args.setting)
    _check_scorecard_key(args.sources, overrides, bool(args.sample or args.sample_url))
    from crawler.runner import check_sources, run_crawls

    sources = check_sources(args.sources)
    store_url = args.store or store_url_from_env()
    server = None
    if args.snapshot:
        if args.sample or args.sample_url:
            raise InvalidInput("--snapshot", "--snapshot reads real data: leave out --sample")
        snapshot = SNAPSHOT_DIR if args.snapshot is True else Path(args.snapshot)
        overrides = {**snapshot_settings(snapshot), **overrides}
        args.year = args.year or snapshot_default_year(snapshot)
    if args.sample_url:
        overrides = {**_devtools().sample_settings(args.sample_url), **overrides}
    elif args.sample:
        sample_mode = _devtools()
        from devtools.sample_server import SampleServer

        server = SampleServer(faults=set(args.fault or [])).start()
        overrides = {**sample_mode.sample_settings(server.base_url), **overrides}
        print(f"sample sources served at {server.base_url}", flush=True)
    _check_store(store_url)
    spider_args = {}
    if args.year:
        spider_args["ipeds"] = {"year": args.year}
    run_ids = {sources[0]: args.run_id} if args.run_id else None
    try:
        records = run_crawls(
            sources,
            store_url=store_url,
            trigger=args.trigger,
            run_ids=run_ids,
            spider_args=spider_args,
            overrides=overrides,
            log_dir=args.log_dir,
            schedule_id=args.schedule_id,
        )
    finally:
        if server:
            server.stop()
    if not records:
        print("no run was recorded: see the log in " + args.log_dir, file=sys.stderr)
    return (
        EXIT_OK
        if records and all(r.status in ("complete", "partial") for r in records)
        else EXIT_FAILED
    )


# ------------------------------------------------------------------- runs
def cmd_runs(args) -> int:
    from programs.runs import recover_abandoned_runs

    if args.limit < 1:
        raise InvalidInput(
            "--limit", f"{args.limit} runs cannot be shown", allowed="a whole number from 1"
        )
    store = _store(args)
    recover_abandoned_runs(
        store, args.source
    )  # crawls that were killed: failed, not "running" forever
    runs = store.list_runs(args.source, limit=args.limit)
    if args.json:
        _print_json([r.to_dict() for r in runs])
        return EXIT_OK
    if not runs:
        print("no runs recorded yet")
        return EXIT_OK
    print(
        f"{'RUN':16}  {'SOURCE':13}  {'TRIGGER':8}  {'STATUS':9}  {'STARTED':20}  {'PAGES':>6}  {'ITEMS':>6}  "
        f"{'NEW':>5}  {'UPD':>5}  {'REM':>5}  {'DROP':>5}  {'ERR':>4}"
    )
    for r in runs:
        print(
            f"{r.id:16}  {r.source:13}  {r.trigger:8}  {r.status:9}  {r.started_at or '-':20}  "
            f"{r.pages_fetched:>6}  {r.items_scraped:>6}  {r.items_new:>5}  {r.items_updated:>5}  "
            f"{r.items_removed:>5}  {r.items_dropped:>5}  {r.errors:>4}"
        )
        if r.dropped_reasons:
            print(
                " " * 18
                + "dropped: "
                + ", ".join(f"{k} {v}" for k, v in sorted(r.dropped_reasons.items()))
            )
    return EXIT_OK


# ----------------------------------------------------------------- status
def cmd_status(args) -> int:
    store = _store(args)
    counts = store.counts()
    last = store.last_completed()
    data = {"store": store.kind, "listings": counts, "last_complete_run": last}
    if args.json:
        _print_json(data)
        return EXIT_OK
    print(f"store: {store.kind} ({redact_credentials(args.store or store_url_from_env())})")
    print(
        f"listings: {counts['total']} ({', '.join(f'{k} {v}' for k, v in sorted(counts['by_status'].items())) or 'none'})"
    )
    for source in SOURCES:
        by = counts["by_source"].get(source, {})
        print(
            f"  {source:13} active {by.get('active', 0):>7}  removed {by.get('removed', 0):>7}  "
            f"last complete run: {last.get(source, 'never')}"
        )
    return EXIT_OK


# ---------------------------------------------------------------- reindex
def cmd_reindex(args) -> int:
    result = _store(args).reindex()
    _print_json(result)
    return EXIT_OK


# ---------------------------------------------------------------- extract
def cmd_extract(args) -> int:
    from programs.extract import extract_page

    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput(
            "FILE", f"{args.file} is not a readable file", allowed="a saved HTML page"
        )
    url = args.url or path.resolve().as_uri()
    result = extract_page(path.read_bytes(), url)
    _print_json(result.to_dict())
    return EXIT_OK


# ------------------------------------------------------------------ where
def cmd_where(args) -> int:
    """The place a search starts from, by the same rules as the API and the page."""
    from programs.places import resolve_where

    place = resolve_where(zip=args.zip, lat=args.lat, lon=args.lon, location=args.location)
    _print_json(place.to_dict())
    return EXIT_OK


# ------------------------------------------------------------------ serve
def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "python:ops.gunicorn_conf",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "ops.wsgi:app",
    ]


def check_port_free(host: str, port: int) -> None:
    """Fail before gunicorn starts (it would only say "Connection in use") when the port is taken."""
    import socket

    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ProgramsError(f"cannot serve on {host}: {exc.strerror} (set HOST)") from None
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            why = (
                "the port is already in use (is the service already running?)"
                if exc.errno == errno.EADDRINUSE
                else exc.strerror
            )
            raise ProgramsError(
                f"cannot serve on {host}:{port}: {why}. Pick another port: "
                f"PORT={port + 1} make run (or programs serve --port {port + 1})"
            ) from None


def cmd_serve(args) -> int:
    check_port_free(args.host, args.port)
    argv = gunicorn_argv(args.host, args.port, args.workers)
    print(f"serving the page and API on http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    os.environ["PROGRAMS_STORE"] = args.store or store_url_from_env()
    os.execv(argv[0], argv)
    return EXIT_OK  # not reached


def _crawl_child(store_url: str, argv: list[str]) -> int:
    import subprocess

    env = {**os.environ, "PROGRAMS_STORE": store_url}
    return subprocess.call([sys.executable, "-m", "ops.cli", "crawl", *argv], env=env)


def holds_sample_data(store) -> bool:
    """True when the store holds fictional sample listings: their vintage says so, or (an
    earlier version) their source address is a local sample server's."""
    if any(s["sample"] for s in store.data_sources()):
        return True
    for batch in store.iter_listings(batch_size=200):
        for listing in batch:
            for ref in listing.sources:
                if is_sample_vintage(ref.vintage) or (ref.url or "").startswith(
                    ("http://127.0.0.1", "http://localhost")
                ):
                    return True
        break  # a sample crawl fills the whole store: the first batch tells
    return False


def _remove_sqlite(store_url: str) -> bool:
    if not store_url.startswith("sqlite:///"):
        return False
    path = Path(store_url[len("sqlite:///") :])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return True


def cmd_run(args) -> int:
    """`make run`: crawl the shipped IPEDS snapshot into the store (unless it already holds it),
    then serve. A store that holds fictional sample listings is rebuilt from the snapshot."""
    check_port_free(args.host, args.port)  # before the crawl, not after it
    store_url = args.store or store_url_from_env()
    store = open_store(store_url)
    if holds_sample_data(store):
        store.close()
        if not _remove_sqlite(store_url):
            raise InvalidInput(
                "--store",
                f"{redact_credentials(store_url)} holds fictional sample listings",
                allowed="an empty store, or a SQLite store this command may rebuild",
            )
        print(
            f"{store_url} held fictional sample listings (from an earlier `make run`): "
            "rebuilding it from the IPEDS snapshot; the sample demo is `make demo` (data/demo.db)",
            flush=True,
        )
        store = open_store(store_url)
    have = store.last_completed()
    active = store.count_active()
    store.close()
    if "ipeds" not in have and not args.no_crawl:
        year = snapshot_default_year()
        print(
            f"crawling the shipped IPEDS {year} snapshot ({SNAPSHOT_DIR}) into {store_url}",
            flush=True,
        )
        if _crawl_child(store_url, ["ipeds", "--snapshot"]) != EXIT_OK:
            print(
                "the snapshot crawl did not complete; serving what the store holds", file=sys.stderr
            )
    else:
        print(
            f"the store already holds a complete IPEDS crawl ({active} active listings); "
            "`make clean` starts over",
            flush=True,
        )
    args.store = store_url
    return cmd_serve(args)


def cmd_demo(args) -> int:
    """`make demo`: the three spiders on the bundled fictional samples, into data/demo.db (never
    the default store), then serve; the page and widget say the schools are fictional."""
    check_port_free(args.host, args.port)  # before the crawl, not after it
    store_url = args.store or DEMO_STORE_URL
    if store_url == store_url_from_env({}) or store_url == store_url_from_env():
        raise InvalidInput(
            "--store",
            "the sample demo never writes the default store",
            allowed=f"another store, e.g. {DEMO_STORE_URL}",
        )
    store = open_store(store_url)
    have = store.last_completed()
    store.close()
    missing = [s for s in SOURCES if s not in have]
    if missing and not args.no_crawl:
        print(
            f"crawling the fictional sample sources into {store_url}: {', '.join(missing)}",
            flush=True,
        )
        if _crawl_child(store_url, [*missing, "--sample"]) != EXIT_OK:
            print(
                "the sample crawl did not complete; serving what the store holds", file=sys.stderr
            )
    else:
        print(f"{store_url} already holds the sample crawl; `make clean` starts over", flush=True)
    args.store = store_url
    os.environ["CRAWL_SAMPLE"] = "1"  # "Crawl now" on /admin crawls the samples, not the internet
    return cmd_serve(args)


# -------------------------------------------------------------- schedules
def cmd_schedule(args) -> int:
    from programs.scheduling import add_schedule, describe_schedule, remove_schedule

    store = _store(args)
    if args.action == "add":
        schedule = add_schedule(store, args.source, args.cron)
        print(f"added schedule {schedule.id}: {describe_schedule(schedule)}")
    elif args.action == "list":
        schedules = store.list_schedules()
        if args.json:
            _print_json([s.to_dict() for s in schedules])
        elif not schedules:
            print("no schedules")
        for s in schedules if not args.json else []:
            print(f"{s.id}  {describe_schedule(s)}")
    elif args.action == "remove":
        if not remove_schedule(store, args.id):
            raise InvalidInput(
                "ID",
                f"no schedule with id {args.id!r}",
                allowed="an id from `programs schedule list`",
            )
        print(f"removed schedule {args.id}")
    return EXIT_OK


def cmd_scheduler(args) -> int:
    from .scheduler import Scheduler

    scheduler = Scheduler(
        _store(args), store_url=args.store or store_url_from_env(), lock_ttl=args.lock_ttl
    )
    if args.once:
        fired = scheduler.tick()
        print(f"fired {len(fired)} schedule(s)")
        scheduler.wait_for_children()
        return EXIT_OK
    scheduler.run_forever(interval=args.interval)
    return EXIT_OK


# ----------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="programs", description="Programs Near You: crawls, schedules and the service"
    )
    parser.add_argument(
        "--store", help="store URL (default: $PROGRAMS_STORE or sqlite:///data/programs.db)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("crawl", help="run crawls now")
    p.add_argument(
        "sources", nargs="+", metavar="SOURCE", help=f"one or more of: {', '.join(SOURCES)}"
    )
    p.add_argument(
        "--sample", action="store_true", help="crawl the bundled sample sources on 127.0.0.1"
    )
    p.add_argument(
        "--sample-url",
        help="crawl the sample sources from a sample server already running at this URL",
    )
    p.add_argument(
        "--fault", action="append", help="with --sample: make the sample server misbehave"
    )
    p.add_argument("--run-id")
    p.add_argument("--trigger", default="manual", choices=["manual", "schedule", "api"])
    p.add_argument("--schedule-id")
    p.add_argument("--year", help="IPEDS data year (default: IPEDS_YEAR)")
    p.add_argument(
        "--snapshot",
        nargs="?",
        const=True,
        metavar="DIR",
        help="ipeds: read the shipped IPEDS snapshot (or DIR) instead of NCES; "
        "default: PROGRAMS_SNAPSHOT_DIR or ops/snapshot/ipeds in the package",
    )
    p.add_argument("--log-dir", default=os.environ.get("CRAWL_LOG_DIR", "logs"))
    p.add_argument("-s", "--setting", action="append", help="a Scrapy setting KEY=VALUE")
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("schedule", help="add, list or remove crawl schedules")
    ssub = p.add_subparsers(dest="action", required=True)
    a = ssub.add_parser("add")
    a.add_argument("source", choices=SOURCES)
    a.add_argument("--cron", required=True, help='a cron expression, e.g. "0 3 * * 1"')
    lst = ssub.add_parser("list")
    lst.add_argument("--json", action="store_true")
    r = ssub.add_parser("remove")
    r.add_argument("id")
    p.set_defaults(func=cmd_schedule)

    p = sub.add_parser("scheduler", help="fire due schedules until stopped")
    p.add_argument(
        "--once", action="store_true", help="check once, start what is due, wait for it, exit"
    )
    p.add_argument("--interval", type=float, default=30.0, help="seconds between checks")
    p.add_argument(
        "--lock-ttl",
        type=float,
        default=120.0,
        help="seconds after which a killed scheduler's lock expires (more than --interval)",
    )
    p.set_defaults(func=cmd_scheduler)

    p = sub.add_parser("runs", help="recent crawl runs")
    p.add_argument("--source", choices=SOURCES)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_runs)

    p = sub.add_parser("reindex", help="rebuild the search index")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("status", help="listings by source and status; last complete run per source")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser(
        "extract", help="print what the program-page extractor finds in a saved page"
    )
    p.add_argument("file")
    p.add_argument("--url", help="the page's URL (resolves its links; default: the file's URI)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "where", help="the place a search would start from (exactly one way of saying)"
    )
    p.add_argument("--zip")
    p.add_argument("--lat", type=float)
    p.add_argument("--lon", type=float)
    p.add_argument("--location", help='e.g. "Chicago, IL"')
    p.set_defaults(func=cmd_where)

    for name, func, help_text in (
        ("serve", cmd_serve, "serve the page and API with gunicorn"),
        ("run", cmd_run, "crawl the shipped IPEDS snapshot once, then serve (make run)"),
        ("demo", cmd_demo, "the fictional samples into data/demo.db, then serve (make demo)"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        p.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        if name in ("run", "demo"):
            p.add_argument("--no-crawl", action="store_true")
        p.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InvalidInput as exc:
        print(f"programs {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ProgramsError as exc:
        print(f"programs {args.command}: {redact_credentials(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
