"""Sample mode: fetch every http(s) URL from the local sample server instead of the internet.

With ``SAMPLE_SITES_BASE = "http://127.0.0.1:8765/sites"`` a request for
``https://www.lakeshorecc.edu/programs/coding.html?x=1`` is downloaded from
``http://127.0.0.1:8765/sites/www.lakeshorecc.edu/programs/coding.html?x=1`` and
the response keeps the original URL, so links, robots.txt and sitemaps behave
as they would on the real site. Hosts that the sample server does not have
answer 404. This handler is only switched on by the sample settings
(:func:`sample_settings`); production never uses it, and the wheel does not ship it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import NotConfigured

SAMPLE_API_KEY = "sample-key"
#: what a sample crawl records as its data's edition (the page shows a "fictional" banner for it)
SAMPLE_VINTAGE = "sample data \u2014 fictional schools"
#: where a sample crawl says its data came from: a stable, unreachable address instead of the sample
#: server's (a new port each run), so that a re-crawl of the same samples changes nothing
SAMPLE_RECORDED_BASE = "https://samples.invalid/"


def sample_settings(base_url: str) -> dict[str, Any]:
    """Settings that point every spider at the sample server at ``base_url``."""
    base = base_url.rstrip("/")
    return {
        "IPEDS_BASE_URL": f"{base}/ipeds/",
        "IPEDS_PUBLIC_BASE_URL": "",
        "IPEDS_YEAR": "2023",
        "SCORECARD_BASE_URL": f"{base}/scorecard/v1/",
        "SCORECARD_API_KEY": SAMPLE_API_KEY,
        "SAMPLE_SITES_BASE": f"{base}/sites",
        "SAMPLE_PASSTHROUGH_PREFIXES": [base + "/"],
        "SOURCE_VINTAGE": SAMPLE_VINTAGE,
        "RECORDED_URL_PREFIXES": {base + "/": SAMPLE_RECORDED_BASE},
        "DOWNLOAD_HANDLERS": {
            "http": "devtools.local_sites.LocalSitesDownloadHandler",
            "https": "devtools.local_sites.LocalSitesDownloadHandler",
        },
        "AUTOTHROTTLE_START_DELAY": 0.01,
        "AUTOTHROTTLE_MAX_DELAY": 0.5,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        "RETRY_AFTER_MAX": 1.0,
        "DOWNLOAD_TIMEOUT": 10,
        "PROGRESS_INTERVAL": 2.0,
    }


def local_url(base: str, url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{base.rstrip('/')}/{parts.hostname}{path}{query}"


class LocalSitesDownloadHandler(HTTP11DownloadHandler):
    lazy = False

    def __init__(self, crawler):
        super().__init__(crawler)
        self.base = crawler.settings.get("SAMPLE_SITES_BASE")
        if not self.base:
            raise NotConfigured("SAMPLE_SITES_BASE is not set")
        self.passthrough = tuple(crawler.settings.getlist("SAMPLE_PASSTHROUGH_PREFIXES") or ())

    async def download_request(self, request):
        if self.passthrough and request.url.startswith(self.passthrough):
            return await super().download_request(request)
        response = await super().download_request(
            request.replace(url=local_url(self.base, request.url))
        )
        return response.replace(url=request.url)
