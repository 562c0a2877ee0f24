"""Sample mode: fetch every http(s) URL from the local sample server instead of the internet.

With ``SAMPLE_SITES_BASE = "http://127.0.0.1:8765/sites"`` a request for
``https://www.lakeshorecc.edu/programs/coding.html?x=1`` is downloaded from
``http://127.0.0.1:8765/sites/www.lakeshorecc.edu/programs/coding.html?x=1`` and
the response keeps the original URL, so links, robots.txt and sitemaps behave
as they would on the real site. Hosts that the sample server does not have
answer 404. This handler is only switched on by the sample settings
(:func:`crawler.runner.sample_settings`); production never uses it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import NotConfigured


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
