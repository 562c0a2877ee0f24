"""The store interface: the only door to storage, for the crawler and the API alike.

Backends implement the small ``_``-prefixed primitives; merging, statistics and
the mark-and-sweep rules live here once, so both backends behave the same.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidInput
from ..merge import contribute, same_content, withdraw
from ..model import Listing, SourceRef, validate_listing
from ..query import SearchQuery, SearchResult
from ..runs import RunRecord, Schedule
from ..timeutil import now_iso
from ..vocab import SOURCES


@dataclass
class UpsertStats:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_ids: list[str] = field(default_factory=list)

    def add(self, other: UpsertStats) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged


@dataclass
class InstitutionSeed:
    """An institution whose own web site the program_pages spider may visit."""

    unitid: str | None
    name: str
    url: str
    zip: str | None = None


def check_source(source: str) -> str:
    if source not in SOURCES:
        raise InvalidInput("source", f"unknown source {source!r}", allowed=", ".join(SOURCES))
    return source


class Store(ABC):
    """Listings, crawl runs, schedules and locks behind one interface."""

    #: a short name for logs and /readyz ("sqlite", "elasticsearch")
    kind: str = "abstract"
    #: True when the k nearest matches over everywhere cost about what a bounded search does
    #: (the engine keeps a top-k while it scans): callers may skip narrowing by growing radii
    nearest_first_is_cheap: bool = False
    #: True when :meth:`search_many` answers a search that only narrows another of the same call by
    #: delivery (the same place, radius and other filters) from that search's matches, for little
    #: more than the one search: callers may ask for such a search before they know they need it
    narrowed_searches_are_cheap: bool = False

    # ----------------------------------------------------------------- listings
    def upsert(
        self,
        listings: Sequence[Listing],
        *,
        source: str,
        run_id: str | None = None,
        url_of: dict[str, str] | None = None,
        fetched_at: str | None = None,
        vintage: str | None = None,
    ) -> UpsertStats:
        """Add or update one source's view of these listings, in one transaction.

        Each listing is that source's whole contribution; it replaces what the
        same source said before and is merged with other sources' contributions
        (see :mod:`programs.merge`). Invalid listings raise InvalidInput before
        anything is written. ``vintage`` names the edition of the source's data
        (e.g. "IPEDS 2023-24 completions and 2024 directory, NCES").
        """
        check_source(source)
        fetched_at = fetched_at or now_iso()
        url_of = url_of or {}
        for listing in listings:
            validate_listing(listing)
        merged: dict[str, Listing] = {}
        for listing in listings:  # a batch may hold the same id twice: the later one wins
            merged[listing.id] = listing
        existing = self.get_many(list(merged))
        stats = UpsertStats()
        to_write: list[tuple[Listing, Listing | None]] = []
        for lid, incoming in merged.items():
            ref = SourceRef(
                source=source,
                url=url_of.get(lid) or incoming.program.url or incoming.institution.url,
                fetched_at=fetched_at,
                run_id=run_id,
                vintage=vintage,
            )
            old = existing.get(lid)
            new = contribute(old, incoming, ref)
            if old is None:
                stats.new += 1
                stats.new_ids.append(lid)
            elif same_content(old, new) and old.status == new.status:
                stats.unchanged += 1
            else:
                stats.updated += 1
            to_write.append((new, old))
        self._write(to_write)
        return stats

    def sweep(self, source: str, run_id: str, *, removed_at: str | None = None) -> int:
        """Withdraw ``source``'s contribution from every listing that run ``run_id`` did not see.

        Callers must only call this after a complete, successful run; the run
        must be recorded as complete in the store, or nothing is swept.
        Returns how many listings became ``removed`` (no active source left).
        """
        check_source(source)
        run = self.get_run(run_id)
        if run is None or run.source != source or run.status != "complete":
            return 0
        removed_at = removed_at or now_iso()
        removed = 0
        for batch in self._stale_batches(source, run_id):
            to_write: list[tuple[Listing, Listing | None]] = []
            for old in batch:
                new = withdraw(old, source, removed_at)
                if new.status == "removed" and old.status != "removed":
                    removed += 1
                to_write.append((new, old))
            self._write(to_write)
        return removed

    def get(self, listing_id: str) -> Listing | None:
        if not isinstance(listing_id, str) or not listing_id or len(listing_id) > 64:
            raise InvalidInput("id", "a listing id is a short string")
        return self.get_many([listing_id]).get(listing_id)

    @abstractmethod
    def get_many(self, ids: Sequence[str]) -> dict[str, Listing]:
        """Listings by id (any status); missing ids are absent from the result."""

    @abstractmethod
    def _write(self, pairs: list[tuple[Listing, Listing | None]]) -> None:
        """Write new versions (with the old version, None when new) in one transaction."""

    @abstractmethod
    def _stale_batches(self, source: str, run_id: str) -> Iterable[list[Listing]]:
        """Listings with an active contribution from ``source`` by a run other than ``run_id``."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Run a search; see :mod:`programs.query` for the semantics every backend shares."""

    def count(self, query: SearchQuery) -> int:
        """How many listings match ``query``: the ``total`` of :meth:`search` (its page, order and
        facets aside). This default runs the search; a backend may count without ranking."""
        return self.search(query).total

    def search_many(self, queries: Sequence[SearchQuery]) -> list[SearchResult]:
        """Run several searches at once: the answers of :meth:`search`, in order.

        A backend that can send them in one request (Elasticsearch's ``_msearch``)
        does; this default runs them one after another.
        """
        return [self.search(query) for query in queries]

    @abstractmethod
    def listings_for_institution(self, unitid: str) -> list[Listing]:
        """Every listing (any status) of the institution with this IPEDS UNITID."""

    @abstractmethod
    def institution_seeds(self, limit: int | None = None) -> list[InstitutionSeed]:
        """Institutions with a web site, for the program_pages spider: those of
        active listings and those in the institution directory, one per URL."""

    @abstractmethod
    def save_institutions(self, seeds: Sequence[InstitutionSeed]) -> None:
        """Add or replace directory entries (by UNITID): institutions whose sites may
        list programs the other sources do not (e.g. health-professions schools
        with non-credit coding courses)."""

    @abstractmethod
    def counts(self) -> dict[str, Any]:
        """{"total": n, "by_status": {...}, "by_source": {source: {status: n}}}."""

    @abstractmethod
    def count_active(self) -> int:
        """How many listings are active."""

    @abstractmethod
    def iter_listings(self, batch_size: int = 1000) -> Iterable[list[Listing]]:
        """Every listing, in batches (for re-indexing and exports)."""

    @abstractmethod
    def reindex(self) -> dict[str, Any]:
        """Rebuild the search structures from the stored documents; returns what was done."""

    @abstractmethod
    def ping(self) -> None:
        """Raise StoreUnavailable when the store cannot answer."""

    def close(self) -> None:  # noqa: B027 (a no-op unless a backend holds connections)
        """Release connections."""

    # ------------------------------------------------------------------- runs
    @abstractmethod
    def save_run(self, run: RunRecord) -> None:
        """Insert or replace a run record."""

    @abstractmethod
    def get_run(self, run_id: str) -> RunRecord | None: ...

    @abstractmethod
    def list_runs(self, source: str | None = None, limit: int = 50) -> list[RunRecord]:
        """Newest first."""

    def data_sources(self) -> list[dict[str, Any]]:
        """What the active listings come from: per source, how many listings it contributes to
        and the vintages of its data (``SourceRef.vintage``), with ``sample`` true when a
        vintage is fictional sample data. (Generic: reads every listing; backends may do better.)"""
        counts: dict[tuple[str, str | None], int] = {}
        for batch in self.iter_listings():
            for listing in batch:
                if listing.status != "active":
                    continue
                for ref in listing.sources:
                    if ref.status == "active":
                        key = (ref.source, ref.vintage)
                        counts[key] = counts.get(key, 0) + 1
        return summarise_sources(counts)

    def last_completed(self) -> dict[str, str]:
        """When each source last finished a complete run (source -> finished_at)."""
        out: dict[str, str] = {}
        for source in SOURCES:
            for run in self.list_runs(source, limit=200):
                if run.status == "complete" and run.finished_at:
                    out[source] = run.finished_at
                    break
        return out

    # -------------------------------------------------------------- schedules
    @abstractmethod
    def save_schedule(self, schedule: Schedule) -> None: ...

    @abstractmethod
    def list_schedules(self) -> list[Schedule]: ...

    @abstractmethod
    def delete_schedule(self, schedule_id: str) -> bool: ...

    # ------------------------------------------------------------------ locks
    @abstractmethod
    def acquire_lock(self, name: str, owner: str, ttl_seconds: float, now: float) -> bool:
        """Take the named lock unless another owner holds an unexpired one."""

    @abstractmethod
    def refresh_lock(self, name: str, owner: str, ttl_seconds: float, now: float) -> bool: ...

    @abstractmethod
    def release_lock(self, name: str, owner: str) -> None: ...

    @abstractmethod
    def lock_holder(self, name: str, now: float) -> str | None: ...


def is_sample_vintage(vintage: str | None) -> bool:
    """Fictional sample data says so in its vintage (``devtools.local_sites.SAMPLE_VINTAGE``)."""
    return vintage is not None and "fictional" in vintage.lower()


def summarise_sources(counts: dict[tuple[str, str | None], int]) -> list[dict[str, Any]]:
    """``{(source, vintage): listings}`` -> the list ``data_sources`` returns, in SOURCES order."""
    out = []
    for source in SOURCES:
        mine = {v: n for (s, v), n in counts.items() if s == source}
        if not mine:
            continue
        vintages = sorted(v for v in mine if v)
        out.append(
            {
                "source": source,
                "listings": sum(mine.values()),
                "vintages": vintages,
                "sample": any(is_sample_vintage(v) for v in vintages),
            }
        )
    return out
