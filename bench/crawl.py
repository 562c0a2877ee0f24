"""Crawl throughput: the full program_pages pipeline against a no-op spider over the same pages.

    python bench/crawl.py                      # quick: 50 sites x 20 program pages
    python bench/crawl.py --sites 250          # 5,000 program pages

The site: ``--sites`` generated college hosts, each with robots.txt, a sitemap, a
home page and ``--pages`` program pages (copies of the labelled sample program
pages in tests/fixtures/sources/sites, so the extractor does its real work; their
own links point off the site, so both spiders fetch exactly the same URLs). It is
served from memory by bench/static_server.py (keep-alive, one asyncio loop) and
reached the way sample mode reaches any site (devtools.local_sites).

Both crawls run in their own process with the project's crawl settings and the
sample-mode settings (32 concurrent requests, 4 per site), AutoThrottle off so that
both fetch as fast as they can:

* pipeline: the ``program_pages`` spider (sitemap, home page, link scoring,
  ``extract_page``) and every item pipeline (validate, normalise, geocode, resolve
  against the store, batched upserts into a new SQLite store), with the run recorder;
* no-op: a spider that requests the same robots.txt, sitemaps, home pages and
  program pages and does nothing with them.

Throughput is responses per second of crawl time (Scrapy's ``elapsed_time_seconds``).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS, ROOT, command_line, machine, print_table, today  # noqa: E402

SAMPLE_SITES = ROOT / "tests" / "fixtures" / "sources" / "sites"
SITE_ROOT = RESULTS / "crawl-site"
_HREF = re.compile(r"""href\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
TARGET = 0.85


def host(i: int) -> str:
    return f"www.benchcollege{i:04d}.edu"


def sample_pages() -> list[Path]:
    pages = (
        p.with_name(p.name[: -len(".expected.json")] + ".html")
        for p in SAMPLE_SITES.rglob("*.expected.json")
    )
    return sorted(p for p in pages if p.exists())


def build_site(sites: int, pages: int) -> Path:
    """Write the generated sites under bench/results/crawl-site/sites/<host>/ (and the seed file)."""
    if SITE_ROOT.exists():
        shutil.rmtree(SITE_ROOT)
    templates = [(p.stem, p.read_bytes().decode("utf-8", "replace")) for p in sample_pages()]
    seeds = []
    for i in range(sites):
        base = SITE_ROOT / "sites" / host(i)
        (base / "programs").mkdir(parents=True)
        urls = []
        for k in range(pages):
            stem, html = templates[(i * pages + k) % len(templates)]
            name = f"{stem}-{k}.html"
            (base / "programs" / name).write_text(
                _HREF.sub('href="https://offsite.example.org/"', html)
            )
            urls.append(f"https://{host(i)}/programs/{name}")
        links = "\n".join(
            f'<li><a href="{u}">Medical billing and coding program {k}</a></li>'
            for k, u in enumerate(urls)
        )
        (base / "index.html").write_text(
            f"<html><head><title>Bench College {i}</title></head><body>"
            f"<h1>Bench College {i}</h1><ul>{links}</ul></body></html>"
        )
        (base / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{u}</loc></url>" for u in urls)
            + "</urlset>"
        )
        (base / "robots.txt").write_text("User-agent: *\nAllow: /\n")
        seeds.append(f"https://{host(i)}/,Bench College {i},60601,{300000 + i}")
    (SITE_ROOT / "seeds.csv").write_text("\n".join(seeds) + "\n")
    return SITE_ROOT


def crawl_child(kind: str, base_url: str, store_url: str) -> None:
    """Run one crawl in this process and print its stats as JSON."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from crawler.runner import crawl_settings
    from devtools.local_sites import sample_settings

    overrides = {
        **sample_settings(base_url),
        "AUTOTHROTTLE_ENABLED": False,
        "LOG_LEVEL": "INFO",
        "LOG_FILE": str(RESULTS / f"crawl-{kind}.log"),
        "PROGRESS_INTERVAL": 60.0,
    }
    if kind == "noop":
        overrides.update({"ITEM_PIPELINES": {}, "EXTENSIONS": {}})
    settings = crawl_settings(store_url, overrides=overrides)
    seeds = SITE_ROOT / "seeds.csv"

    class NoopSpider(scrapy.Spider):
        name = "noop"

        async def start(self):
            for line in seeds.read_text().splitlines():
                site = line.split(",")[0]
                yield scrapy.Request(site + "sitemap.xml", callback=self.ignore)
                yield scrapy.Request(site, callback=self.ignore)
                for page in sorted(
                    (SITE_ROOT / "sites" / site.split("/")[2] / "programs").iterdir()
                ):
                    yield scrapy.Request(f"{site}programs/{page.name}", callback=self.ignore)

        def ignore(self, response):
            return None

    process = CrawlerProcess(settings, install_root_handler=False)
    crawler = process.create_crawler(NoopSpider if kind == "noop" else "program_pages")
    if kind == "noop":
        process.crawl(crawler)
    else:
        process.crawl(crawler, run_id=f"bench-{int(time.time())}", seeds=str(seeds))
    process.start()
    stats = crawler.stats.get_stats()
    print(
        json.dumps(
            {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}, default=str
        )
    )


def run_child(kind: str, base_url: str) -> dict:
    store = RESULTS / f"crawl-{kind}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--base-url",
            base_url,
            "--store",
            f"sqlite:///{store}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sites", type=int, default=50)
    ap.add_argument("--pages", type=int, default=20, help="program pages per site")
    ap.add_argument(
        "--rounds", type=int, default=2, help="pipeline/no-op pairs (alternating); the best of each"
    )
    ap.add_argument("--port", type=int, default=8932)
    ap.add_argument("--child", choices=["pipeline", "noop"], help=argparse.SUPPRESS)
    ap.add_argument("--base-url", help=argparse.SUPPRESS)
    ap.add_argument("--store", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        crawl_child(args.child, args.base_url, args.store)
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    build_site(args.sites, args.pages)
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench" / "static_server.py"),
            str(SITE_ROOT),
            "--port",
            str(args.port),
        ],
        stdout=subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base_url}/seeds.csv", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        runs: dict[str, list[dict]] = {"pipeline": [], "noop": []}
        for _ in range(args.rounds):
            for kind in ("noop", "pipeline"):
                runs[kind].append(run_child(kind, base_url))
    finally:
        server.terminate()
        server.wait()

    def rate(stats: dict) -> float:
        return stats["response_received_count"] / stats["elapsed_time_seconds"]

    best = {kind: max(found, key=rate) for kind, found in runs.items()}
    noop_rate = rate(best["noop"])
    rows = []
    for kind in ("noop", "pipeline"):
        s = best[kind]
        rows.append(
            [
                kind,
                f"{args.sites * args.pages:,}",
                f"{s['response_received_count']:,}",
                f"{s['elapsed_time_seconds']:.1f}",
                f"{rate(s):,.0f}",
                f"**{rate(s) / noop_rate:.2f}**",
                f"{s.get('item_scraped_count', 0):,}",
                f"{s.get('programs/items/stored', 0):,}",
                ", ".join(f"{rate(r):,.0f}" for r in runs[kind]),
            ]
        )
    print(
        f"{today()} · {machine()} · {args.sites} sites x {args.pages} program pages, best of {args.rounds}"
    )
    print(f"command: {command_line()}")
    print_table(
        f"Crawl throughput, program_pages pipeline vs no-op (target ratio >= {TARGET})",
        [
            "crawl",
            "program pages",
            "responses",
            "seconds",
            "responses/s",
            "ratio to no-op",
            "items",
            "listings stored",
            "each round (responses/s)",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
