"""College Scorecard API -> outcomes and costs for the stored listings of each school.

Pages through ``{SCORECARD_BASE_URL}schools`` for programs in CIP family 51.07
at credential levels 1-3 (certificate, associate, bachelor). The API key comes
from ``SCORECARD_API_KEY`` and travels in the ``X-Api-Key`` header, never in a
URL or a log line. 429 answers wait out Retry-After and retry; an HTML error
page in place of JSON is retried; paging stops at the end of the results.
Scorecard's 4-digit CIP cannot tell a coding certificate from a medical-office
one, so its items only attach to listings IPEDS already created.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any
from urllib.parse import urlencode

import scrapy

from programs.vocab import SCORECARD_CREDENTIAL_LEVELS

from .. import stats_keys as sk
from ..drops import count_drop
from ..items import ListingItem
from . import ProgramsSpider

SCHOOL_FIELDS = [
    "id",
    "school.name",
    "school.city",
    "school.state",
    "school.zip",
    "school.school_url",
    "school.ownership",
    "school.online_only",
    "location.lat",
    "location.lon",
    "latest.cost.tuition.in_state",
    "latest.cost.tuition.out_of_state",
    "latest.cost.avg_net_price.overall",
    "latest.programs.cip_4_digit",
]
CIP_FAMILY = "5107"


def get_path(obj: Any, path: str) -> Any:
    """A value by dotted path from nested dicts (for ``keys_nested`` style objects)."""
    for part in path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj


class ScorecardSpider(ProgramsSpider):
    name = "scorecard"
    custom_settings = {
        "ROBOTSTXT_OBEY": False
    }  # an API, not a web site: its rate limit is the rule

    async def start(self):
        settings = self.crawler.settings
        self.api_key = os.environ.get("SCORECARD_API_KEY") or settings.get("SCORECARD_API_KEY")
        if not self.api_key:
            self.mark_failed(
                "SCORECARD_API_KEY is not set: get a key at https://api.data.gov/signup/"
            )
            return
        self.base = settings.get("SCORECARD_BASE_URL").rstrip("/") + "/"
        self.per_page = settings.getint("SCORECARD_PER_PAGE", 100)
        self.max_pages = settings.getint("SCORECARD_MAX_PAGES", 200)
        yield self.page_request(0)

    def page_request(self, page: int, not_json_attempts: int = 0) -> scrapy.Request:
        params = {
            "fields": ",".join(SCHOOL_FIELDS),
            "latest.programs.cip_4_digit.code": CIP_FAMILY,
            "latest.programs.cip_4_digit.credential.level": "1,2,3",
            "school.operating": "1",
            "per_page": str(self.per_page),
            "page": str(page),
        }
        return scrapy.Request(
            f"{self.base}schools?{urlencode(params)}",
            callback=self.parse_page,
            errback=self.page_failed,
            headers={"X-Api-Key": self.api_key, "Accept": "application/json"},
            meta={
                "page": page,
                "not_json_attempts": not_json_attempts,
                "handle_httpstatus_list": [400, 401, 403],
            },
            dont_filter=True,
        )

    def page_failed(self, failure):
        page = failure.request.meta.get("page")
        self.mark_incomplete(f"page {page} could not be fetched: {failure.getErrorMessage()}")

    def parse_page(self, response):
        page = response.meta["page"]
        if response.status in (400, 401, 403):
            self.mark_failed(
                f"the API refused the request ({response.status}): {self._error_text(response)}"
            )
            return
        try:
            data = json.loads(response.text)
        except (ValueError, AttributeError):
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("results"), list):
            attempts = response.meta.get("not_json_attempts", 0) + 1
            self.crawler.stats.inc_value(sk.SCORECARD_NOT_JSON)
            if attempts <= self.crawler.settings.getint("RETRY_TIMES", 3):
                self.logger.warning(
                    "page %s came back as %s, not JSON: retrying (%d)",
                    page,
                    response.headers.get(b"Content-Type", b"?").decode("latin-1"),
                    attempts,
                )
                yield self.page_request(page, not_json_attempts=attempts)
            else:
                self.mark_incomplete(f"page {page} never came back as JSON")
            return
        results = data["results"]
        for school in results:
            yield from self.school_items(school, response.url)
        meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
        total, per_page = meta.get("total"), meta.get("per_page") or self.per_page
        if isinstance(total, int) and isinstance(per_page, int) and per_page > 0:
            last_page = max(0, math.ceil(total / per_page) - 1)
        else:
            last_page = page + 1 if results else page
        if results and page < last_page:
            if page + 1 >= self.max_pages:
                self.mark_incomplete(f"stopped at the page limit ({self.max_pages})")
                return
            yield self.page_request(page + 1)

    @staticmethod
    def _error_text(response) -> str:
        try:
            err = json.loads(response.text).get("error") or {}
            return f"{err.get('code')}: {err.get('message')}"
        except (ValueError, AttributeError):
            return response.text[:200]

    def school_items(self, school: Any, url: str):
        stats = self.crawler.stats
        if not isinstance(school, dict) or not str(school.get("id", "")).isdigit():
            count_drop(stats, "scorecard_bad_school", str(school)[:200], logger=self.logger)
            return

        def field(name: str) -> Any:
            return school[name] if name in school else get_path(school, name)

        institution = {
            "name": field("school.name"),
            "city": field("school.city"),
            "state": field("school.state"),
            "zip": field("school.zip"),
            "url": field("school.school_url"),
            "lat": field("location.lat"),
            "lon": field("location.lon"),
        }
        online_only = field("school.online_only")
        programs = field("latest.programs.cip_4_digit")
        if not isinstance(programs, list):
            count_drop(
                stats,
                "scorecard_bad_programs",
                f"school {school.get('id')}: {str(programs)[:100]}",
                logger=self.logger,
            )
            return
        for program in programs:
            if not isinstance(program, dict):
                count_drop(
                    stats,
                    "scorecard_bad_program",
                    f"school {school.get('id')}: {str(program)[:100]}",
                    logger=self.logger,
                )
                continue
            if str(program.get("code")) != CIP_FAMILY:
                continue
            level = get_path(program, "credential.level")
            credential = SCORECARD_CREDENTIAL_LEVELS.get(level) if isinstance(level, int) else None
            if credential is None:
                count_drop(
                    stats,
                    "scorecard_bad_credential_level",
                    f"school {school.get('id')}: credential level {level!r}",
                    logger=self.logger,
                )
                continue
            prog: dict[str, Any] = {"credential": credential}
            if online_only in (1, True, "1"):
                prog["online_only"] = (
                    True  # a school that only teaches online; 0 says nothing of one program
                )
            outcomes = {
                "median_earnings_1yr": get_path(
                    program, "earnings.highest.1_yr.overall_median_earnings"
                ),
                "median_earnings_2yr": get_path(
                    program, "earnings.highest.2_yr.overall_median_earnings"
                ),
                "median_debt": get_path(program, "debt.staff_grad_plus.all.all_inst.median"),
            }
            yield ListingItem(
                source=self.name,
                url=url.split("?")[0],
                unitid=str(school["id"]),
                institution=institution,
                program=prog,
                outcomes=outcomes,
                attach_only=True,
                cip_family="51.07",
            )
