"""The program_pages spider is the one place where an extraction bug is caught: the page is
dropped, counted as ``dropped/extraction_error`` and its traceback logged; the crawl goes on."""

from __future__ import annotations

import logging

from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.drops import DROPPED_PREFIX
from crawler.spiders import program_pages
from crawler.spiders.program_pages import ProgramPagesSpider, make_site


def _spider():
    crawler = get_crawler(ProgramPagesSpider)
    spider = ProgramPagesSpider.from_crawler(crawler)
    spider.max_depth = 0
    return crawler, spider


def _response(url: str) -> HtmlResponse:
    body = b"<html><body><h1>Medical Coding Certificate</h1><p>9 months, online.</p></body></html>"
    return HtmlResponse(url=url, body=body, encoding="utf-8", request=Request(url))


def test_an_extraction_bug_is_counted_and_logged(monkeypatch, caplog) -> None:
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug in a rule")

    monkeypatch.setattr(program_pages, "extract_page", broken)
    crawler, spider = _spider()
    site = make_site("https://www.example.edu/")
    with caplog.at_level(logging.WARNING):
        items = list(spider.parse_page(_response("https://www.example.edu/coding.html"), site, 0))
    assert items == []
    assert crawler.stats.get_value(DROPPED_PREFIX + "extraction_error") == 1
    assert "ZeroDivisionError" in caplog.text and "Traceback" in caplog.text


def test_a_good_page_is_not_counted_as_an_error() -> None:
    crawler, spider = _spider()
    site = make_site("https://www.example.edu/")
    list(spider.parse_page(_response("https://www.example.edu/coding.html"), site, 0))
    assert crawler.stats.get_value(DROPPED_PREFIX + "extraction_error") is None
