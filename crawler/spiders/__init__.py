"""One spider per source. Spiders only yield items; the pipelines do the rest."""

from __future__ import annotations

import scrapy

from programs.runs import new_run_id


class ProgramsSpider(scrapy.Spider):
    """Base of our spiders: a run id, what triggered the run, and run-quality flags.

    ``incomplete_reason`` (set when the spider could not see its whole source)
    makes the run partial; ``failed_reason`` makes it failed. Neither kind of
    run removes listings.
    """

    def __init__(
        self,
        *args,
        run_id: str | None = None,
        trigger: str = "manual",
        schedule_id: str | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.run_id = run_id or new_run_id()
        self.trigger = trigger
        self.schedule_id = schedule_id
        self.run_args = {k: v for k, v in kwargs.items() if not k.startswith("_")}
        self.incomplete_reason: str | None = None
        self.failed_reason: str | None = None
        self._vintage: str | None = None

    @property
    def vintage(self) -> str | None:
        """The edition of the data this run reads (``SOURCE_VINTAGE``; None when not known)."""
        return self._vintage or self.crawler.settings.get("SOURCE_VINTAGE") or None

    @vintage.setter
    def vintage(self, value: str | None) -> None:
        self._vintage = value

    def mark_incomplete(self, reason: str) -> None:
        if not self.incomplete_reason:
            self.incomplete_reason = reason
        self.logger.warning("this run will not remove anything: %s", reason)

    def mark_failed(self, reason: str) -> None:
        if not self.failed_reason:
            self.failed_reason = reason
        self.logger.error("run failed: %s", reason)
