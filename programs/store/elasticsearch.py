"""The scale-out backend: Elasticsearch 8/9 through the official ``elasticsearch`` client.

Selected by a URL (``PROGRAMS_STORE=http://localhost:9200``, see
:func:`programs.store.open_store`). Credentials, never logged:

* ``https://user:password@host:9200`` — basic auth taken from the URL;
* ``ELASTICSEARCH_API_KEY`` — an API key (the encoded ``id:key`` form); used
  instead of any user/password in the URL;
* ``ELASTICSEARCH_CA_CERTS`` — optional path to a CA bundle for https.

A URL without a port uses the scheme's default (80 / 443). Error messages and
logs name the server by its URL with the credentials removed.

Indices (``prefix`` is ``index_prefix``, default ``programs``):

* ``{prefix}-listings`` — an **alias** to the live versioned index
  ``{prefix}-listings-v{N}``. Settings and mappings come from
  ``index_config/listings.json`` (found next to the ``programs`` package, or in
  the directory named by ``PROGRAMS_INDEX_CONFIG``). The first use creates
  ``-v1`` with the alias; :meth:`ElasticsearchStore.reindex` builds ``-v{N+1}``
  from the stored documents, moves the alias in one atomic ``_aliases`` call
  and deletes the old index.
* ``{prefix}-runs``, ``{prefix}-schedules``, ``{prefix}-locks`` — plain indices.

Semantics match the SQLite backend (the conformance suite runs on both):
search through :func:`programs.store.es_queries.build_search_body`; text as
per-word prefixes over Porter-stemmed names (SQLite's FTS5 ``porter
unicode61`` with ``"word"*``), ranked for sort=relevance with the SQLite
backend's per-word weights; distances computed from the stored coordinates
with the same haversine and Earth radius. The difference that remains: writes
are atomic per document, not per batch (a failed bulk raises StoreError and the
run must not count as complete; re-running the upsert is idempotent).

With ``refresh=True`` (the default) every listing write refreshes the index
before returning, so searches right after a write see it; ``refresh=False``
leaves visibility to the index's refresh interval (faster bulk loads). Reads by
id (``get``, runs, locks) are real-time either way, and a sweep refreshes
before it searches.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from elastic_transport import ApiError, TransportError
from elasticsearch import ConflictError, Elasticsearch, NotFoundError, helpers

from ..errors import InvalidInput, StoreError, StoreUnavailable
from ..model import STATUS_ACTIVE, Listing
from ..query import SearchQuery, SearchResult
from ..runs import RunRecord, Schedule
from . import es_queries as q
from .base import InstitutionSeed, Store, summarise_sources

log = logging.getLogger(__name__)

_CHUNK = 500
_MAX_WINDOW = 10_000  # default index.max_result_window of the small indices
_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,150}$")
_ES_ERRORS = (TransportError, ApiError)


def index_config_dir() -> Path:
    env = os.environ.get("PROGRAMS_INDEX_CONFIG")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "index_config"


def load_index_config(name: str) -> dict[str, Any]:
    """Settings + mappings of one index from ``index_config/{name}.json``."""
    path = index_config_dir() / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read the Elasticsearch index config {path}: {exc}") from exc


def client_options_from_url(
    url: str, environ: dict[str, str] | None = None
) -> tuple[str, dict[str, Any]]:
    """(host URL without credentials — also what logs and messages show, Elasticsearch() keyword arguments)."""
    env = os.environ if environ is None else environ
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            "PROGRAMS_STORE",
            "an Elasticsearch URL is http(s)://host[:port]",
            allowed="http://localhost:9200 or https://user:password@host:9200",
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise InvalidInput(
            "PROGRAMS_STORE",
            "the Elasticsearch URL has an invalid port",
            allowed="http(s)://host:port",
        ) from exc
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    path = parts.path.rstrip("/")
    base = f"{parts.scheme}://{host}:{port}{path}"
    options: dict[str, Any] = {"request_timeout": 10.0, "max_retries": 3, "retry_on_timeout": True}
    api_key = env.get("ELASTICSEARCH_API_KEY")
    if api_key:
        options["api_key"] = api_key
    elif parts.username is not None:
        options["basic_auth"] = (unquote(parts.username), unquote(parts.password or ""))
    ca_certs = env.get("ELASTICSEARCH_CA_CERTS")
    if ca_certs:
        options["ca_certs"] = ca_certs
    return base, options


class ElasticsearchStore(Store):
    kind = "elasticsearch"

    def __init__(
        self,
        url: str,
        index_prefix: str = "programs",
        client: Elasticsearch | None = None,
        refresh: bool | str = True,
    ):
        if not isinstance(index_prefix, str) or not _PREFIX_RE.match(index_prefix):
            raise InvalidInput(
                "index_prefix",
                f"{str(index_prefix)[:40]!r} cannot start an index name",
                allowed="lower-case letters, digits, '.', '_' and '-', starting with a letter or digit",
            )
        self.prefix = index_prefix
        self.alias = f"{index_prefix}-listings"
        self.runs_index = f"{index_prefix}-runs"
        self.schedules_index = f"{index_prefix}-schedules"
        self.locks_index = f"{index_prefix}-locks"
        self.institutions_index = f"{index_prefix}-institutions"
        if refresh is True:
            self._refresh: str | None = "true"
        elif refresh in (False, None):
            self._refresh = None
        elif refresh in ("true", "wait_for"):
            self._refresh = str(refresh)
        else:
            raise InvalidInput(
                "refresh", f"unknown refresh mode {refresh!r}", allowed="True, False or 'wait_for'"
            )
        self._secrets: list[str] = []
        if client is not None:
            self.client = client
            self.safe_url = _strip_credentials(url)
            self._owns_client = False
        else:
            base, options = client_options_from_url(url)
            self.safe_url = base
            self._secrets = [
                s for s in (options.get("api_key"), (options.get("basic_auth") or ("", ""))[1]) if s
            ]
            self.client = Elasticsearch(base, **options)
            self._owns_client = True
        self._ready = False
        self._ready_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ElasticsearchStore({self.safe_url!r}, index_prefix={self.prefix!r})"

    # ------------------------------------------------------------ errors
    def _describe(self, exc: BaseException) -> str:
        if isinstance(exc, ApiError):
            text = f"HTTP {exc.meta.status} {exc.message}"
        else:
            text = f"{type(exc).__name__}: {getattr(exc, 'message', exc)}"
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text[:500]

    def _unavailable(self, what: str, exc: BaseException) -> StoreUnavailable:
        return StoreUnavailable(
            f"Elasticsearch at {self.safe_url} cannot {what}: {self._describe(exc)}"
        )

    def _write_failed(self, what: str, exc: BaseException) -> StoreError:
        return StoreError(f"Elasticsearch at {self.safe_url}: {what} failed: {self._describe(exc)}")

    def _read(self, what: str, call: Callable[[], Any]) -> Any:
        try:
            return _body(call())
        except _ES_ERRORS as exc:
            raise self._unavailable(what, exc) from exc

    def _writing(self, what: str, call: Callable[[], Any]) -> Any:
        try:
            return _body(call())
        except _ES_ERRORS as exc:
            raise self._write_failed(what, exc) from exc

    # ------------------------------------------------------------ indices
    def versioned_index(self, version: int) -> str:
        return f"{self.alias}-v{version}"

    def _ensure(self) -> None:
        """Create the indices (and the listings alias) on first use."""
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            try:
                if not self.client.indices.exists_alias(name=self.alias):
                    self._create_first_listings_index()
                for name, index in (
                    ("runs", self.runs_index),
                    ("schedules", self.schedules_index),
                    ("locks", self.locks_index),
                    ("institutions", self.institutions_index),
                ):
                    if not self.client.indices.exists(index=index):
                        self._create_index(index, load_index_config(name))
            except _ES_ERRORS as exc:
                raise self._unavailable("prepare its indices", exc) from exc
            self._ready = True

    def _create_index(self, index: str, config: dict[str, Any], alias: str | None = None) -> bool:
        """Create an index; False when it already exists (another process was first)."""
        try:
            self.client.indices.create(index=index, **q.build_create_index_body(config, alias))
            log.info(
                "created Elasticsearch index %s%s", index, f" behind alias {alias}" if alias else ""
            )
            return True
        except ApiError as exc:
            if exc.message == "resource_already_exists_exception":
                return False
            raise

    def _listing_versions(self) -> dict[str, int]:
        """Every ``{prefix}-listings-v{N}`` index, with its N."""
        pattern = re.compile(re.escape(self.alias) + r"-v(\d+)$")
        found = self.client.indices.get(
            index=f"{self.alias}-v*",
            expand_wildcards="open,closed",
            allow_no_indices=True,
            ignore_unavailable=True,
        )
        out = {}
        for name in _body(found):
            m = pattern.match(name)
            if m:
                out[name] = int(m.group(1))
        return out

    def _create_first_listings_index(self) -> None:
        if self.client.indices.exists(index=self.alias):
            raise StoreError(
                f"{self.alias} exists as a concrete index (probably auto-created by a stray write); "
                "it must be an alias: delete or rename that index"
            )
        versions = self._listing_versions()
        index = self.versioned_index(max(versions.values(), default=0) + 1)
        if not self._create_index(index, load_index_config("listings"), alias=self.alias):
            if not self.client.indices.exists_alias(name=self.alias):
                raise StoreError(f"{index} exists but is not behind the alias {self.alias}")

    def _current_listings_index(self) -> str:
        aliased = _body(self.client.indices.get_alias(name=self.alias))
        if len(aliased) != 1:
            raise StoreError(
                f"the alias {self.alias} points to {len(aliased)} indices, expected exactly one"
            )
        return next(iter(aliased))

    def drop_all(self) -> None:
        """Delete every index (and so every alias) of this prefix. For tests and decommissioning."""
        mine = re.compile(
            re.escape(self.prefix) + r"-(listings-v\d+|listings|runs|schedules|locks|institutions)$"
        )
        try:
            found = self.client.indices.get(
                index=f"{self.prefix}-*",
                expand_wildcards="open,closed",
                allow_no_indices=True,
                ignore_unavailable=True,
            )
            names = sorted(name for name in _body(found) if mine.match(name))
            if names:
                self.client.indices.delete(index=names, ignore_unavailable=True)
        except _ES_ERRORS as exc:
            raise self._write_failed("dropping the indices", exc) from exc
        self._ready = False

    # ------------------------------------------------------------ listings
    def get_many(self, ids: Sequence[str]) -> dict[str, Listing]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        self._ensure()
        out: dict[str, Listing] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            resp = self._read(
                "read listings", lambda chunk=chunk: self.client.mget(index=self.alias, ids=chunk)
            )
            for doc in resp["docs"]:
                if doc.get("found"):
                    listing = Listing.from_doc(q.listing_doc_from_source(doc["_source"]))
                    out[listing.id] = listing
        return out

    def _bulk(self, actions: list[dict[str, Any]], *, refresh: str | None, what: str) -> None:
        if not actions:
            return
        kwargs: dict[str, Any] = {"chunk_size": _CHUNK}
        if refresh:
            kwargs["refresh"] = refresh
        try:
            helpers.bulk(self.client, actions, **kwargs)
        except helpers.BulkIndexError as exc:
            failed = []
            for item in exc.errors[:5]:
                ((_op, info),) = item.items()
                error = info.get("error")
                kind = error.get("type") if isinstance(error, dict) else str(error)[:80]
                failed.append(f"{info.get('_id')}: {kind}")
            raise StoreError(
                f"Elasticsearch at {self.safe_url}: {what}: {len(exc.errors)} document(s) failed "
                f"({'; '.join(failed)})"
            ) from exc
        except _ES_ERRORS as exc:
            raise self._write_failed(what, exc) from exc

    def _write(self, pairs: list[tuple[Listing, Listing | None]]) -> None:
        if not pairs:
            return
        self._ensure()
        self._bulk(
            q.build_bulk_actions(self.alias, [new for new, _old in pairs]),
            refresh=self._refresh,
            what="writing listings",
        )

    def _scan(
        self,
        index: str,
        query: dict[str, Any] | None,
        size: int = 1000,
        body_for: Callable[[Sequence[Any] | None], dict[str, Any]] | None = None,
    ) -> Iterator[list[dict]]:
        """Pages of hits over everything matching ``query``, by search_after on a unique sort."""
        after: Sequence[Any] | None = None
        while True:
            body = body_for(after) if body_for else q.build_scan_body(query, size, after)
            resp = self._read(
                "search listings", lambda body=body: self.client.search(index=index, body=body)
            )
            hits = resp["hits"]["hits"]
            if not hits:
                return
            yield hits
            if len(hits) < body["size"]:
                return
            after = hits[-1]["sort"]

    def _stale_batches(self, source: str, run_id: str) -> Iterable[list[Listing]]:
        self._ensure()
        # the run's own writes must be searchable before deciding what it did not see
        self._read("refresh listings", lambda: self.client.indices.refresh(index=self.alias))
        for hits in self._scan(self.alias, q.build_stale_query(source, run_id), _CHUNK):
            fresh = self.get_many(
                [h["_id"] for h in hits]
            )  # real-time re-read: never act on a stale copy
            batch = [listing for listing in fresh.values() if _is_stale(listing, source, run_id)]
            if batch:
                yield batch

    def search(self, query: SearchQuery) -> SearchResult:
        self._ensure()
        body = q.build_search_body(query)
        resp = self._read(
            "search listings", lambda: self.client.search(index=self.alias, body=body)
        )
        return q.parse_search_response(query, resp)

    def listings_for_institution(self, unitid: str) -> list[Listing]:
        self._ensure()
        out = []
        for hits in self._scan(self.alias, q.build_institution_query(str(unitid)), _CHUNK):
            out.extend(Listing.from_doc(q.listing_doc_from_source(h["_source"])) for h in hits)
        return out

    def institution_seeds(self, limit: int | None = None) -> list[InstitutionSeed]:
        self._ensure()
        seeds: list[InstitutionSeed] = []
        seen: set[str] = set()
        for hits in self._scan(
            self.alias, None, body_for=lambda after: q.build_seeds_scan(1000, after)
        ):
            for hit in hits:
                inst = hit["_source"].get("institution") or {}
                url = inst.get("url")
                if not url or url in seen:
                    continue
                seen.add(url)
                seeds.append(
                    InstitutionSeed(
                        unitid=inst.get("unitid"),
                        name=inst.get("name") or "",
                        url=url,
                        zip=inst.get("zip"),
                    )
                )
                if limit and len(seeds) >= limit:
                    return seeds
        for hits in self._scan(
            self.institutions_index,
            None,
            body_for=lambda after: q.build_institutions_scan(1000, after),
        ):
            for hit in hits:
                doc = hit["_source"]
                url = doc.get("url")
                if not url or url in seen:
                    continue
                seen.add(url)
                seeds.append(
                    InstitutionSeed(
                        unitid=doc.get("unitid"),
                        name=doc.get("name") or "",
                        url=url,
                        zip=doc.get("zip"),
                    )
                )
                if limit and len(seeds) >= limit:
                    return seeds
        return sorted(seeds, key=lambda seed: seed.url)

    def save_institutions(self, seeds: Sequence[InstitutionSeed]) -> None:
        self._ensure()
        actions = q.build_institution_actions(self.institutions_index, seeds)
        if actions:
            self._bulk(actions, refresh=self._refresh, what="saving institutions")

    def counts(self) -> dict[str, Any]:
        self._ensure()
        body = q.build_counts_body()
        resp = self._read("count listings", lambda: self.client.search(index=self.alias, body=body))
        return q.parse_counts(resp)

    def data_sources(self) -> list[dict[str, Any]]:
        """From a terms aggregation over the active contributions' runs and those runs' vintages."""
        self._ensure()
        body = q.build_source_runs_body()
        resp = self._read("count sources", lambda: self.client.search(index=self.alias, body=body))
        counts: dict[tuple[str, str | None], int] = {}
        for (source, run_id), n in q.parse_source_runs(resp).items():
            run = self.get_run(run_id) if run_id else None
            key = (source, run.vintage if run else None)
            counts[key] = counts.get(key, 0) + n
        return summarise_sources(counts)

    def count_active(self) -> int:
        self._ensure()
        resp = self._read(
            "count listings",
            lambda: self.client.count(index=self.alias, query=q.build_count_active_query()),
        )
        return int(resp["count"])

    def iter_listings(self, batch_size: int = 1000) -> Iterable[list[Listing]]:
        self._ensure()
        size = max(1, min(int(batch_size), _MAX_WINDOW))
        for hits in self._scan(self.alias, None, size):
            yield [Listing.from_doc(q.listing_doc_from_source(h["_source"])) for h in hits]

    def reindex(self) -> dict[str, Any]:
        """Build a new versioned index from the stored documents and swap the alias to it atomically.

        Every document is re-derived from its listing (so changed mappings,
        analysers or ``search`` fields take effect). The old index is
        write-blocked while it is copied: a write that races the re-index fails
        with StoreError (the crawl run fails and is re-run) instead of being lost.
        """
        self._ensure()
        try:
            old = self._current_listings_index()
            versions = self._listing_versions()
        except _ES_ERRORS as exc:
            raise self._unavailable("read the listings alias", exc) from exc
        new = self.versioned_index(max(versions.values(), default=0) + 1)
        if not self._writing(
            f"creating {new}", lambda: self._create_index(new, load_index_config("listings"))
        ):
            raise StoreError(f"{new} already exists: another re-index of {self.alias} is running")
        self._writing(
            f"write-blocking {old}",
            lambda: self.client.indices.put_settings(
                index=old, settings={"index.blocks.write": True}
            ),
        )
        copied = 0
        try:
            for hits in self._scan(old, None, _CHUNK):
                listings = [Listing.from_doc(q.listing_doc_from_source(h["_source"])) for h in hits]
                self._bulk(
                    q.build_bulk_actions(new, listings), refresh=None, what=f"copying into {new}"
                )
                copied += len(listings)
            self._writing(f"refreshing {new}", lambda: self.client.indices.refresh(index=new))
            in_new = int(
                self._writing(f"counting {new}", lambda: self.client.count(index=new))["count"]
            )
            if in_new != copied:
                raise StoreError(f"re-index copied {copied} listings but {new} holds {in_new}")
            actions = q.build_alias_swap_actions(self.alias, old, new)
            self._writing(
                f"moving {self.alias} to {new}",
                lambda: self.client.indices.update_aliases(actions=actions),
            )
        except BaseException:
            self._undo_reindex(old, new)
            raise
        deleted = None
        try:
            self.client.indices.delete(index=old)
            deleted = old
        except _ES_ERRORS as exc:  # the swap succeeded; a leftover old index is harmless
            log.warning("re-index: could not delete the old index %s: %s", old, self._describe(exc))
        log.info("re-indexed %d listings from %s into %s", copied, old, new)
        return {
            "backend": self.kind,
            "listings": copied,
            "alias": self.alias,
            "from_index": old,
            "to_index": new,
            "deleted_index": deleted,
        }

    def _undo_reindex(self, old: str, new: str) -> None:
        for what, call in (
            (
                f"unblocking {old}",
                lambda: self.client.indices.put_settings(
                    index=old, settings={"index.blocks.write": None}
                ),
            ),
            (
                f"deleting {new}",
                lambda: self.client.indices.delete(index=new, ignore_unavailable=True),
            ),
        ):
            try:
                call()
            except _ES_ERRORS as exc:
                log.error("re-index rollback: %s failed: %s", what, self._describe(exc))

    def ping(self) -> None:
        try:
            client = (
                self.client.options(request_timeout=5.0)
                if hasattr(self.client, "options")
                else self.client
            )
            health = _body(client.cluster.health())
        except _ES_ERRORS as exc:
            raise self._unavailable("be reached", exc) from exc
        if health.get("status") == "red":
            raise StoreUnavailable(
                f"Elasticsearch at {self.safe_url} is unhealthy (cluster status red)"
            )

    def close(self) -> None:
        if self._owns_client:
            try:
                self.client.close()
            except Exception:  # closing is best effort
                pass

    # ------------------------------------------------------------ runs
    def save_run(self, run: RunRecord) -> None:
        self._ensure()
        doc = q.build_run_document(run.to_dict(), time.time_ns())
        self._writing(
            "saving a run",
            lambda: self.client.index(
                index=self.runs_index, id=run.id, document=doc, refresh="true"
            ),
        )

    def get_run(self, run_id: str) -> RunRecord | None:
        self._ensure()
        doc = self._get(self.runs_index, run_id, "read a run")
        return None if doc is None else RunRecord.from_dict(doc["_source"])

    def list_runs(self, source: str | None = None, limit: int = 50) -> list[RunRecord]:
        self._ensure()
        size = max(0, min(int(limit), _MAX_WINDOW))
        if size == 0:
            return []
        body = q.build_list_runs_body(source, size)
        resp = self._read("list runs", lambda: self.client.search(index=self.runs_index, body=body))
        return [RunRecord.from_dict(h["_source"]) for h in resp["hits"]["hits"]]

    # ------------------------------------------------------------ schedules
    def save_schedule(self, schedule: Schedule) -> None:
        self._ensure()
        self._writing(
            "saving a schedule",
            lambda: self.client.index(
                index=self.schedules_index,
                id=schedule.id,
                document=schedule.to_dict(),
                refresh="true",
            ),
        )

    def list_schedules(self) -> list[Schedule]:
        self._ensure()
        body = q.build_list_schedules_body(_MAX_WINDOW)
        resp = self._read(
            "list schedules", lambda: self.client.search(index=self.schedules_index, body=body)
        )
        return [Schedule.from_dict(h["_source"]) for h in resp["hits"]["hits"]]

    def delete_schedule(self, schedule_id: str) -> bool:
        self._ensure()
        try:
            self.client.delete(index=self.schedules_index, id=schedule_id, refresh="true")
            return True
        except NotFoundError:
            return False
        except _ES_ERRORS as exc:
            raise self._write_failed("deleting a schedule", exc) from exc

    # ------------------------------------------------------------ locks
    def _get(self, index: str, doc_id: str, what: str) -> dict[str, Any] | None:
        try:
            return _body(self.client.get(index=index, id=doc_id))
        except NotFoundError:
            return None
        except _ES_ERRORS as exc:
            raise self._unavailable(what, exc) from exc

    def acquire_lock(self, name: str, owner: str, ttl_seconds: float, now: float) -> bool:
        """Create the lock document, or take over an expired / own one with optimistic concurrency."""
        self._ensure()
        doc = q.build_lock_document(name, owner, now + ttl_seconds)
        for _attempt in range(3):
            try:
                self.client.index(index=self.locks_index, id=name, document=doc, op_type="create")
                return True
            except ConflictError:
                pass
            except _ES_ERRORS as exc:
                raise self._write_failed("taking a lock", exc) from exc
            current = self._get(self.locks_index, name, "read a lock")
            if current is None:
                continue  # released in between: try to create it again
            held = current["_source"]
            if held.get("owner") != owner and float(held.get("expires_at", 0)) > now:
                return False
            try:
                self.client.index(
                    index=self.locks_index,
                    id=name,
                    document=doc,
                    if_seq_no=current["_seq_no"],
                    if_primary_term=current["_primary_term"],
                )
                return True
            except ConflictError:
                return False  # someone else changed it first
            except _ES_ERRORS as exc:
                raise self._write_failed("taking a lock", exc) from exc
        return False

    def refresh_lock(self, name: str, owner: str, ttl_seconds: float, now: float) -> bool:
        self._ensure()
        current = self._get(self.locks_index, name, "read a lock")
        if current is None or current["_source"].get("owner") != owner:
            return False
        try:
            doc = q.build_lock_document(name, owner, now + ttl_seconds)
            self.client.index(
                index=self.locks_index,
                id=name,
                document=doc,
                if_seq_no=current["_seq_no"],
                if_primary_term=current["_primary_term"],
            )
            return True
        except ConflictError:
            return False
        except _ES_ERRORS as exc:
            raise self._write_failed("refreshing a lock", exc) from exc

    def release_lock(self, name: str, owner: str) -> None:
        self._ensure()
        current = self._get(self.locks_index, name, "read a lock")
        if current is None or current["_source"].get("owner") != owner:
            return
        try:
            self.client.delete(
                index=self.locks_index,
                id=name,
                if_seq_no=current["_seq_no"],
                if_primary_term=current["_primary_term"],
            )
        except (ConflictError, NotFoundError):
            pass  # changed hands or gone already: nothing of ours to release
        except _ES_ERRORS as exc:
            raise self._write_failed("releasing a lock", exc) from exc

    def lock_holder(self, name: str, now: float) -> str | None:
        self._ensure()
        current = self._get(self.locks_index, name, "read a lock")
        if current is None:
            return None
        held = current["_source"]
        return held.get("owner") if float(held.get("expires_at", 0)) > now else None


def _body(resp: Any) -> Any:
    """The decoded body of a client response (plain values pass through)."""
    return getattr(resp, "body", resp)


def _is_stale(listing: Listing, source: str, run_id: str) -> bool:
    return any(
        s.source == source
        and s.status == STATUS_ACTIVE
        and (s.run_id is None or s.run_id != run_id)
        for s in listing.sources
    )


def _strip_credentials(url: str) -> str:
    parts = urlsplit(url)
    if parts.hostname is None:
        return "(the configured server)"
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{host}{port}{parts.path.rstrip('/')}"
