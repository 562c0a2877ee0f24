"""Institutions' own program pages -> program facts (length, cost, exams, CAHIIM).

Seeds: a seed list (``-a seeds=FILE`` with lines ``url[,name[,zip[,unitid]]]``),
plus the ``PROGRAM_PAGES_SEEDS`` setting (comma-separated URLs). The crawl runner
(:mod:`crawler.seeds`) writes the institution web sites the store
knows (from IPEDS and Scorecard) to such a file and hands it over, so the spider
never reads the store; a run without a seed file is partial (it removes nothing).
For each site it reads ``/sitemap.xml`` (program-looking URLs) and follows keyword-guided same-site links from the home page, within
``PROGRAM_PAGES_MAX_DEPTH`` clicks and ``PROGRAM_PAGES_MAX_PAGES_PER_SITE``
pages. Each page goes through :func:`programs.extract.extract_page` (JSON-LD
first, text rules second) — the same code ``programs extract FILE`` runs.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap

from programs.extract import extract_page
from programs.extract.links import looks_like_program_url, score_link
from programs.normalize import normalize_url, url_on_site

from .. import stats_keys as sk
from ..drops import count_drop
from ..items import ListingItem
from . import ProgramsSpider

REDIRECT_STATUSES = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Site:
    url: str
    host: str
    name: str = ""
    zip: str | None = None
    unitid: str | None = None


def read_seed_file(path: str) -> list[Site]:
    sites = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if not row or row[0].strip().startswith("#") or row[0].strip().lower() == "url":
                continue
            site = make_site(*[c.strip() for c in row[:4]])
            if site:
                sites.append(site)
    return sites


def make_site(
    url: str, name: str = "", zip5: str | None = None, unitid: str | None = None
) -> Site | None:
    url = normalize_url(url)
    if not url:
        return None
    parts = urlsplit(url)
    return Site(
        url=f"{parts.scheme}://{parts.netloc}/",
        host=parts.hostname or "",
        name=name or "",
        zip=zip5 or None,
        unitid=str(unitid) if unitid and str(unitid).isdigit() else None,
    )


class ProgramPagesSpider(ProgramsSpider):
    name = "program_pages"
    link_extractor = LinkExtractor(deny_extensions=None, unique=True)

    def __init__(self, *args, seeds: str | None = None, limit: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seed_file = seeds
        self.site_limit = int(limit) if limit and str(limit).isdigit() else None
        # UNITID -> host of the sites whose robots.txt closes them to us: the run recorder asks the
        # store whether they gave listings before (then the run keeps them: no sweep)
        self.closed_sites: dict[str, str] = {}

    async def start(self):
        settings = self.crawler.settings
        self.max_depth = settings.getint("PROGRAM_PAGES_MAX_DEPTH", 3)
        self.max_pages = settings.getint("PROGRAM_PAGES_MAX_PAGES_PER_SITE", 40)
        self.pages_per_site: Counter[str] = Counter()
        self.failed_pages = 0
        self.seen_urls: set[str] = set()
        self.sites = self.load_sites()
        self.crawler.stats.set_value(sk.PAGES_SITES, len(self.sites))
        for site in self.sites:
            yield scrapy.Request(
                urljoin(site.url, "/sitemap.xml"),
                callback=self.parse_sitemap,
                errback=self.sitemap_failed,
                cb_kwargs={"site": site},
                priority=10,
                meta={"handle_httpstatus_list": [404, 410]},
            )

    def load_sites(self) -> list[Site]:
        sites: dict[str, Site] = {}
        if self.seed_file:
            for site in read_seed_file(self.seed_file):
                sites.setdefault(site.host, site)
        for url in filter(
            None,
            (
                u.strip()
                for u in (self.crawler.settings.get("PROGRAM_PAGES_SEEDS") or "").split(",")
            ),
        ):
            site = make_site(url)
            if site:
                sites.setdefault(site.host, site)
        if not self.seed_file:
            self.mark_incomplete(
                "no seed file (-a seeds=FILE): the institutions' sites were not crawled"
            )
        limit = self.site_limit or self.crawler.settings.getint("PROGRAM_PAGES_SITE_LIMIT", 0)
        chosen = sorted(sites.values(), key=lambda s: s.host)
        if limit and len(chosen) > limit:
            self.mark_incomplete(f"crawling {limit} of {len(chosen)} sites (site limit)")
            chosen = chosen[:limit]
        return chosen

    # ------------------------------------------------------------ discovery
    def page_request(
        self, url: str, site: Site, depth: int, priority: int = 0
    ) -> scrapy.Request | None:
        if url in self.seen_urls:
            return None
        if self.pages_per_site[site.host] >= self.max_pages:
            self.crawler.stats.inc_value(sk.PAGES_SITE_PAGE_LIMIT)
            return None
        self.pages_per_site[site.host] += 1
        self.seen_urls.add(url)
        # redirects come to parse_page, which follows them only on the same site (never to another one)
        return scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.page_failed,
            priority=priority,
            cb_kwargs={"site": site, "depth": depth},
            meta={"dont_redirect": True, "handle_httpstatus_list": list(REDIRECT_STATUSES)},
        )

    def sitemap_failed(self, failure):
        site = failure.request.cb_kwargs["site"]
        return self.page_request(site.url, site, 0, priority=5)

    def parse_sitemap(self, response, site: Site):
        home = self.page_request(site.url, site, 0, priority=5)
        if home:
            yield home
        if response.status != 200:
            return
        try:
            urls = [entry["loc"] for entry in Sitemap(response.body) if entry.get("loc")]
        except (
            Exception
        ) as exc:  # lxml raises many kinds on a broken sitemap: the home page route remains
            self.logger.info("unreadable sitemap at %s: %s", response.url, exc)
            return
        self.crawler.stats.inc_value(sk.PAGES_SITEMAP_URLS, len(urls))
        for url in urls:
            if url_on_site(url, site.url) and looks_like_program_url(url):
                request = self.page_request(url, site, 1, priority=3)
                if request:
                    yield request

    def page_failed(self, failure):
        if failure.check(IgnoreRequest) and not failure.check(
            HttpError
        ):  # robots.txt said no: not a failure
            self.crawler.stats.inc_value(sk.PAGES_ROBOTS_DISALLOWED)
            site = failure.request.cb_kwargs["site"]
            if (
                failure.request.cb_kwargs.get("depth") == 0
            ):  # the home page: the whole site is closed to us
                self.crawler.stats.inc_value(sk.PAGES_ROBOTS_DISALLOWED_SITES)
                if site.unitid:  # whether it gave listings before is the run recorder's question
                    self.closed_sites[site.unitid] = site.host
                else:  # cannot tell: keep what it may have given (no sweep after this run)
                    self.mark_incomplete(
                        f"robots.txt of {site.host} now forbids the site; its listings are kept"
                    )
            return
        self.failed_pages += 1
        status = getattr(getattr(failure.value, "response", None), "status", None)
        reason = f"http_{status}" if status else type(failure.value).__name__
        self.crawler.stats.inc_value(sk.PAGES_FAILED_PREFIX + reason)
        if status not in (404, 410):
            self.mark_incomplete("some program pages could not be fetched")

    def follow_redirect(self, response, site: Site, depth: int):
        location = response.headers.get(b"Location")
        target = urljoin(response.url, location.decode("latin-1")) if location else None
        if not target or not url_on_site(target, site.url):
            count_drop(
                self.crawler.stats,
                "offsite_redirect",
                f"{response.url} -> {target}",
                logger=self.logger,
            )
            return
        self.crawler.stats.inc_value(sk.PAGES_REDIRECTS)
        request = self.page_request(target, site, depth, priority=5)
        if request:
            yield request

    def parse_page(self, response, site: Site, depth: int):
        if response.status in REDIRECT_STATUSES:
            yield from self.follow_redirect(response, site, depth)
            return
        if not url_on_site(response.url, site.url):
            count_drop(
                self.crawler.stats,
                "offsite_redirect",
                f"{response.request.url} -> {response.url}",
                logger=self.logger,
            )
            return
        if not isinstance(response, HtmlResponse) and not (
            isinstance(response, TextResponse)
            and b"html" in response.headers.get(b"Content-Type", b"")
        ):
            self.crawler.stats.inc_value(sk.PAGES_NOT_HTML)
            return
        try:
            page = extract_page(response.body, response.url, encoding=response.encoding)
        except (
            Exception
        ) as exc:  # the one boundary for extraction bugs: counted, logged, the crawl goes on
            self.logger.exception("extraction failed on %s", response.url)
            count_drop(
                self.crawler.stats,
                "extraction_error",
                f"{response.url}: {type(exc).__name__}: {exc}",
                logger=self.logger,
            )
            return
        if page.is_program_page:
            self.crawler.stats.inc_value(sk.PAGES_PROGRAM_PAGES)
            for program in page.programs:
                yield self.item(site, page, program, response.url)
        if depth >= self.max_depth:
            return
        scored = []
        for link in self.link_extractor.extract_links(response):
            if not url_on_site(link.url, site.url):
                continue
            score = score_link(link.url, link.text or "")
            if score > 0:
                scored.append((score, link.url))
        for score, url in sorted(scored, reverse=True):
            request = self.page_request(url, site, depth + 1, priority=int(score * 2))
            if request:
                yield request

    def item(self, site: Site, page, program: dict, url: str) -> ListingItem:
        stated = page.institution or {}
        institution = {
            "name": stated.get("name") or site.name,
            "url": site.url,
            "address": stated.get("address"),
            "city": stated.get("city"),
            "state": stated.get("state"),
            "zip": stated.get("zip") or site.zip,
        }
        return ListingItem(
            source=self.name,
            url=url,
            unitid=site.unitid,
            institution=institution,
            program={k: v for k, v in program.items() if v not in (None, "", [])},
        )
