"""The scale-out backend: Elasticsearch 9.x through the official ``elasticsearch`` 9 client.

Selected by a URL (``PROGRAMS_STORE=http://localhost:9200``, see
:func:`programs.store.open_store`). Credentials, never logged:

* ``https://user:password@host:9200`` — basic auth taken from the URL;
* ``ELASTICSEARCH_API_KEY`` — an API key (the encoded ``id:key`` form); used
  instead of any user/password in the URL;
* ``ELASTICSEARCH_CA_CERTS`` — optional path to a CA bundle for https.

A URL without a port uses the scheme's default (80 / 443). Error messages and
logs name the server by its URL with the credentials removed.

**Server version.** The 9.x client sends ``compatible-with=9`` headers, which an
Elasticsearch 8 server refuses; the first use checks the server's version (``GET /``,
skipped when the key may not read it) and fails with a message naming it.

**Privileges.** Everything this backend does needs only index privileges on
``{prefix}-*`` (readiness is a ``_count`` on the listings alias, not cluster health).

**Time budget.** Calls a web request makes (searches, counts, single documents)
give up after :data:`READ_TIMEOUT` seconds and are tried :data:`READ_ATTEMPTS`
times in all, so a hung server costs a request at most ``READ_TIMEOUT ×
READ_ATTEMPTS`` (4 s, below gunicorn's 30 s worker timeout) and the API answers
503 with ``Retry-After``; that includes creating the indices when the first call
in a process is a web request. Bulk writes, scans and the re-index (and the
creation when one of them comes first) use :data:`BATCH_TIMEOUT`; bulk items
refused with 429 are retried with back-off.

Indices (``prefix`` is ``index_prefix``, default ``programs``):

* ``{prefix}-listings`` — an **alias** to the live versioned index
  ``{prefix}-listings-v{N}``. Settings and mappings come from
  ``index_config/listings.json`` (package data beside this module, or the
  directory named by ``PROGRAMS_INDEX_CONFIG``). The first use creates
  ``-v1`` with the alias (create-if-absent, so two processes starting at once
  agree; refused while any versioned index exists without the alias); :meth:`ElasticsearchStore.reindex` builds ``-v{N+1}`` from the stored
  documents, moves the alias in one atomic ``_aliases`` call and deletes the old
  index.
* ``{prefix}-runs``, ``{prefix}-schedules``, ``{prefix}-locks``,
  ``{prefix}-institutions`` — plain indices.

Semantics match the SQLite backend (the conformance suite runs on both):
search through :func:`programs.store.es_queries.build_search_body`; text as
per-word prefixes over Porter-stemmed names (SQLite's FTS5 ``porter
unicode61`` with ``"word"*``), ranked for sort=relevance with the SQLite
backend's per-word weights; distances computed from the stored coordinates
with the same haversine and Earth radius. The difference that remains: writes
are atomic per document, not per batch (a failed bulk raises StoreError and the
run must not count as complete; re-running the upsert is idempotent). Each
listing write is conditional on the version read (``create`` for a new one,
``if_seq_no``/``if_primary_term`` otherwise): a concurrent writer's change makes
the write fail with StoreError instead of being overwritten; an existing listing
read without its version is never written blindly (StoreError before any request).

With ``refresh=True`` (the default) each listing write refreshes the index once
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
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from elastic_transport import ApiError, TransportError
from elasticsearch import ConflictError, Elasticsearch, NotFoundError, helpers

from ..errors import InvalidInput, ProgramsError, StoreError, StoreUnavailable
from ..model import STATUS_ACTIVE, Listing
from ..query import SearchQuery, SearchResult
from ..runs import RunRecord, Schedule
from . import es_queries as q
from .base import InstitutionSeed, Store, summarise_sources

log = logging.getLogger(__name__)

#: the Elasticsearch major version this backend (and the 9.x client) speaks
SERVER_MAJOR = 9
#: seconds before a web-path request (search, count, one document) gives up
READ_TIMEOUT = 2.0
#: tries of a web-path request in all (the first and one retry): at most 4 s per call
READ_ATTEMPTS = 2
#: seconds before a batch request (bulk, scan page, a batch caller's index creation, re-index step) gives up
BATCH_TIMEOUT = 30.0
BATCH_ATTEMPTS = 3
#: bulk items refused with 429 (too many requests) are retried this often, backing off from 1 s
BULK_RETRIES = 3
BULK_BACKOFF = 1.0
#: a re-index holds this lock (refreshed after every copied chunk) so two never run at once
REINDEX_LOCK_SECONDS = 300.0

_CHUNK = 500
_MAX_WINDOW = 10_000  # default index.max_result_window of the small indices
_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,150}$")
_ES_ERRORS = (TransportError, ApiError)
#: statuses that mean "the server is busy or not there right now": answer 503 and retry later
_TRANSIENT = {408, 429, 500, 502, 503, 504}


def index_config_dir() -> Path:
    """Where the index settings and mappings are: package data, or ``PROGRAMS_INDEX_CONFIG``."""
    env = os.environ.get("PROGRAMS_INDEX_CONFIG")
    return Path(env) if env else Path(__file__).resolve().parent / "index_config"


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
    options: dict[str, Any] = {
        "request_timeout": READ_TIMEOUT,
        "max_retries": READ_ATTEMPTS - 1,
        "retry_on_timeout": True,
    }
    api_key = env.get("ELASTICSEARCH_API_KEY")
    if api_key:
        options["api_key"] = api_key
    elif parts.username is not None:
        options["basic_auth"] = (unquote(parts.username), unquote(parts.password or ""))
    ca_certs = env.get("ELASTICSEARCH_CA_CERTS")
    if ca_certs:
        options["ca_certs"] = ca_certs
    return base, options


def error_type(exc: ApiError) -> str:
    """The Elasticsearch error type of an ApiError (``index_not_found_exception``, ...)."""
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error")
    if isinstance(error, dict) and error.get("type"):
        return str(error["type"])
    return str(exc.message)


def refuses_client_version(status: int, kind: str, raw: str) -> bool:
    """True for an older server refusing the 9.x client's ``compatible-with=9`` headers."""
    return status == 400 and ("media_type_header_exception" in kind or "compatible-with" in raw)


class ElasticsearchStore(Store):
    kind = "elasticsearch"
    #: the k nearest over every match cost one _search: the online section needs no rings
    nearest_first_is_cheap = True

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
        #: bulk writes, scans and re-index steps: more time, a few more tries
        self.batch_client = self.client.options(
            request_timeout=BATCH_TIMEOUT, max_retries=BATCH_ATTEMPTS - 1, retry_on_timeout=True
        )
        #: the alias swap is never retried blindly: its outcome is read back instead
        self.swap_client = self.client.options(request_timeout=BATCH_TIMEOUT, max_retries=0)
        self.reindex_lock_seconds = REINDEX_LOCK_SECONDS
        self._ready = False
        self._ready_lock = threading.Lock()
        self._local = threading.local()

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

    def _read_failure(self, what: str, exc: BaseException) -> ProgramsError:
        if not isinstance(exc, ApiError):
            return self._unavailable(what, exc)  # unreachable or timed out
        return self._refusal(
            what, exc.meta.status, error_type(exc), self._describe(exc), str(exc.body)
        )

    def _refusal(
        self, what: str, status: int, kind: str, described: str, raw: str
    ) -> ProgramsError:
        """What a refused read means to the caller.

        Busy or failing (429/5xx), a missing index (which also makes the next
        call prepare the indices again) and refused credentials or privileges are
        StoreUnavailable (503, try later; the message says which); any other
        refusal (a 400 from a malformed query) is a bug: StoreError (500).
        """
        text = f"Elasticsearch at {self.safe_url} cannot {what}: {described}"
        if status == 404 or kind == "index_not_found_exception":
            self._ready = False  # heal: the next call checks and creates the indices again
            return StoreUnavailable(text)
        if status in (401, 403):
            return StoreUnavailable(
                f"{text} (the credentials or their privileges were refused: "
                f"the key needs read and write on {self.prefix}-*)"
            )
        if status in _TRANSIENT:
            return StoreUnavailable(text)
        if refuses_client_version(status, kind, raw):
            return self._wrong_version(None, described)
        return StoreError(f"Elasticsearch at {self.safe_url} refused to {what}: {described}")

    def _wrong_version(self, number: str | None, described: str | None) -> StoreError:
        said = f"is version {number}" if number else "refused the 9.x client's headers"
        detail = f" ({described})" if described else ""
        return StoreError(
            f"Elasticsearch at {self.safe_url} {said}; this program needs Elasticsearch "
            f"{SERVER_MAJOR}.x (the elasticsearch {SERVER_MAJOR} client){detail}"
        )

    def _read(self, what: str, call: Callable[[], Any]) -> Any:
        try:
            return _body(call())
        except _ES_ERRORS as exc:
            raise self._read_failure(what, exc) from exc

    def _writing(self, what: str, call: Callable[[], Any]) -> Any:
        try:
            return _body(call())
        except _ES_ERRORS as exc:
            raise self._write_failed(what, exc) from exc

    # ------------------------------------------------------------ indices
    def versioned_index(self, version: int) -> str:
        return f"{self.alias}-v{version}"

    def _ensure(self, batch: bool = False) -> None:
        """Check the server and create the indices (and the listings alias) on first use.

        Creating is create-if-absent, so a creation whose answer was lost is safely
        tried again. On the web path (``batch=False``: searches, counts, one
        document) it gets the web budget like every other call there, so a first
        search against an empty cluster that stalls answers 503 within the budget
        instead of outliving the gunicorn worker (the next request carries on);
        batch callers (writes, scans, the re-index) give it the batch budget.
        """
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            self._check_server_version()
            creator = self.batch_client if batch else self.client
            try:
                if not self.client.indices.exists_alias(name=self.alias):
                    self._create_first_listings_index(creator)
                for name, index in (
                    ("runs", self.runs_index),
                    ("schedules", self.schedules_index),
                    ("locks", self.locks_index),
                    ("institutions", self.institutions_index),
                ):
                    if not self.client.indices.exists(index=index):
                        self._create_index(index, load_index_config(name), client=creator)
            except _ES_ERRORS as exc:
                raise self._read_failure("prepare its indices", exc) from exc
            self._ready = True

    def _check_server_version(self) -> None:
        """StoreError naming the server's version unless it is 9.x.

        ``GET /`` needs the cluster ``monitor`` privilege; a key with index
        privileges only gets 403 and the check relies on the server itself: an
        older one refuses every request of the 9.x client with a 400, caught here
        or by :meth:`_read_failure`.
        """
        try:
            info = _body(self.client.info())
        except ApiError as exc:
            if refuses_client_version(exc.meta.status, error_type(exc), str(exc.body)):
                raise self._wrong_version(None, self._describe(exc)) from exc
            if exc.meta.status == 403:
                return
            raise self._read_failure("be reached", exc) from exc
        except TransportError as exc:
            raise self._unavailable("be reached", exc) from exc
        number = str((info.get("version") or {}).get("number") or "")
        if number.split(".")[0] != str(SERVER_MAJOR):
            raise self._wrong_version(number or "unknown", None)

    def _create_index(
        self,
        index: str,
        config: dict[str, Any],
        alias: str | None = None,
        client: Elasticsearch | None = None,
    ) -> bool:
        """Create an index; False when it already exists (another process, or a lost answer)."""
        try:
            (client or self.batch_client).indices.create(
                index=index, **q.build_create_index_body(config, alias)
            )
            log.info(
                "created Elasticsearch index %s%s", index, f" behind alias {alias}" if alias else ""
            )
            return True
        except ApiError as exc:
            if error_type(exc) == "resource_already_exists_exception":
                return False
            raise

    def _listing_indices(self) -> dict[str, _Versioned]:
        """Every ``{prefix}-listings-v{N}`` index: its N, its uuid and what it was copied from."""
        pattern = re.compile(re.escape(self.alias) + r"-v(\d+)$")
        found = self.client.indices.get(
            index=f"{self.alias}-v*",
            expand_wildcards="open,closed",
            allow_no_indices=True,
            ignore_unavailable=True,
        )
        out = {}
        for name, info in _body(found).items():
            m = pattern.match(name)
            if m:
                out[name] = _Versioned.read(name, int(m.group(1)), info)
        return out

    def _doc_count(self, index: str) -> int | None:
        """Documents in one index, for a message (None when it cannot be counted, e.g. closed)."""
        try:
            return int(_body(self.client.count(index=index))["count"])
        except _ES_ERRORS:
            return None

    def _describe_indices(self, names: Iterable[str]) -> str:
        described = []
        for name in sorted(names):
            n = self._doc_count(name)
            described.append(f"{name} ({'unknown number of' if n is None else n} documents)")
        return ", ".join(described)

    def _create_first_listings_index(self, client: Elasticsearch) -> None:
        """``-v1`` behind the alias, created only if absent: two processes starting at once agree.

        Any versioned listings index without the alias means something went wrong
        (a deleted alias, a restore without aliases, an interrupted manual change):
        refuse rather than put an empty index behind the alias while the listings
        sit in another, which a later re-index would then take for an unfinished copy.
        """
        if self.client.indices.exists(index=self.alias):
            raise StoreError(
                f"{self.alias} exists as a concrete index (probably auto-created by a stray write); "
                "it must be an alias: delete or rename that index"
            )
        if not self._listing_indices():
            first = self.versioned_index(1)
            if self._create_index(
                first, load_index_config("listings"), alias=self.alias, client=client
            ):
                return
        # another process may have created -v1 with the alias (one atomic request) meanwhile
        if self.client.indices.exists_alias(name=self.alias):
            return
        orphans = self._listing_indices()
        newest = max(orphans.values(), key=lambda v: v.version).name if orphans else None
        raise StoreError(
            f"the alias {self.alias} is missing but {self._describe_indices(orphans)} exist(s); "
            "nothing was created or deleted. Point the alias at the index holding the listings "
            f"(usually the newest, {newest}): POST _aliases "
            f'{{"actions":[{{"add":{{"index":"{newest}","alias":"{self.alias}"}}}}]}}, '
            "then start again"
        )

    def _alias_targets(self) -> set[str]:
        try:
            aliased = _body(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return set()
        return set(aliased)

    def _current_listings_index(self) -> str:
        aliased = self._alias_targets()
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
                self.batch_client.indices.delete(index=names, ignore_unavailable=True)
        except _ES_ERRORS as exc:
            raise self._write_failed("dropping the indices", exc) from exc
        self._ready = False

    # ------------------------------------------------------------ listings
    def get_many(self, ids: Sequence[str]) -> dict[str, Listing]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        self._ensure(batch=len(ids) > 1)
        client = self.client if len(ids) == 1 else self.batch_client  # one id: a web request
        out: dict[str, Listing] = {}
        # only the last read matters (an upsert or a sweep batch writes what it just read)
        versions: dict[str, tuple[int, int]] = {}
        self._local.versions = versions
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            resp = self._read("read listings", partial(client.mget, index=self.alias, ids=chunk))
            for doc in resp["docs"]:
                if doc.get("found"):
                    listing = Listing.from_doc(q.listing_doc_from_source(doc["_source"]))
                    out[listing.id] = listing
                    if "_seq_no" in doc and "_primary_term" in doc:
                        versions[listing.id] = (int(doc["_seq_no"]), int(doc["_primary_term"]))
        return out

    def _read_versions(self) -> dict[str, tuple[int, int]]:
        """This thread's (_seq_no, _primary_term) of the listings it read last, for conditional writes."""
        versions = getattr(self._local, "versions", None)
        if versions is None:
            versions = self._local.versions = {}
        return versions

    def _bulk(
        self, actions: list[dict[str, Any]], *, refresh: str | None, what: str, index: str
    ) -> None:
        """Bulk-write; items refused with 429 are retried with back-off; one refresh at the end."""
        if not actions:
            return
        kwargs: dict[str, Any] = {
            "chunk_size": _CHUNK,
            "max_retries": BULK_RETRIES,
            "initial_backoff": BULK_BACKOFF,
        }
        if refresh == "wait_for":
            kwargs["refresh"] = "wait_for"  # waits for the scheduled refresh; makes no segments
        try:
            # raise_on_error=False: with True the helper raises on the first refused chunk and
            # never retries its 429 items; failures left after the retries are reported here
            _done, errors = helpers.bulk(self.batch_client, actions, raise_on_error=False, **kwargs)
            if isinstance(errors, list) and errors:
                raced = any(info.get("status") == 409 for item in errors for info in item.values())
                raise StoreError(
                    f"Elasticsearch at {self.safe_url}: {what}: {len(errors)} document(s) "
                    f"failed ({_bulk_failures(errors)})"
                    + ("; changed by another writer since read: write again" if raced else "")
                )
            if refresh == "true":
                self.batch_client.indices.refresh(index=index)
        except _ES_ERRORS as exc:
            raise self._write_failed(what, exc) from exc

    def _write(self, pairs: list[tuple[Listing, Listing | None]]) -> None:
        if not pairs:
            return
        self._ensure(batch=True)
        versions = self._read_versions()
        actions = q.build_conditional_actions(self.alias, pairs, versions)
        for new, _old in pairs:
            versions.pop(new.id, None)
        self._bulk(actions, refresh=self._refresh, what="writing listings", index=self.alias)

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
                "search listings",
                partial(self.batch_client.search, index=index, body=body),
            )
            hits = resp["hits"]["hits"]
            if not hits:
                return
            yield hits
            if len(hits) < body["size"]:
                return
            after = hits[-1]["sort"]

    def _stale_batches(self, source: str, run_id: str) -> Iterable[list[Listing]]:
        self._ensure(batch=True)
        # the run's own writes must be searchable before deciding what it did not see
        self._read("refresh listings", lambda: self.batch_client.indices.refresh(index=self.alias))
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

    def search_many(self, queries: Sequence[SearchQuery]) -> list[SearchResult]:
        """Several searches in one ``_msearch`` request (one search: a plain ``_search``)."""
        queries = list(queries)
        if len(queries) <= 1:
            return [self.search(query) for query in queries]
        self._ensure()
        searches = q.build_msearch_body(queries)
        resp = self._read(
            "search listings",
            lambda: self.client.msearch(index=self.alias, searches=searches),
        )
        out = []
        for query, item in zip(queries, resp["responses"], strict=True):
            if "error" in item:
                error = item["error"] if isinstance(item["error"], dict) else {}
                kind = str(error.get("type") or item["error"])
                status = int(item.get("status") or 500)
                raise self._refusal(
                    "search listings", status, kind, f"HTTP {status} {kind}", json.dumps(item)
                )
            out.append(q.parse_search_response(query, item))
        return out

    def listings_for_institution(self, unitid: str) -> list[Listing]:
        self._ensure(batch=True)
        out: list[Listing] = []
        for hits in self._scan(self.alias, q.build_institution_query(str(unitid)), _CHUNK):
            out.extend(Listing.from_doc(q.listing_doc_from_source(h["_source"])) for h in hits)
        return out

    def institution_seeds(self, limit: int | None = None) -> list[InstitutionSeed]:
        self._ensure(batch=True)
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
        self._ensure(batch=True)
        actions = q.build_institution_actions(self.institutions_index, seeds)
        if actions:
            self._bulk(
                actions,
                refresh=self._refresh,
                what="saving institutions",
                index=self.institutions_index,
            )

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
        self._ensure(batch=True)
        size = max(1, min(int(batch_size), _MAX_WINDOW))
        for hits in self._scan(self.alias, None, size):
            yield [Listing.from_doc(q.listing_doc_from_source(h["_source"])) for h in hits]

    def reindex(self) -> dict[str, Any]:
        """Build a new versioned index from the stored documents and swap the alias to it atomically.

        Every document is re-derived from its listing (so changed mappings,
        analysers or ``search`` fields take effect). The old index is
        write-blocked while it is copied: a write that races the re-index fails
        with StoreError (the crawl run fails and is re-run) instead of being lost.
        A lock keeps two re-indexes apart; each starts by clearing what an
        interrupted one left (its copy, or its already-copied source, and the write
        block), so a re-index stopped at any step is undone by the next one; a
        versioned index that is provably neither stops it (see
        :meth:`_recover_interrupted`).
        """
        self._ensure(batch=True)
        lock, owner = f"reindex:{self.alias}", f"reindex-{uuid.uuid4().hex[:12]}"
        if not self.acquire_lock(lock, owner, self.reindex_lock_seconds, time.time()):
            raise StoreError(
                f"another re-index of {self.alias} is running (lock {lock!r} in "
                f"{self.locks_index}; it expires {self.reindex_lock_seconds:g} s after its "
                "holder last renewed it)"
            )
        try:
            return self._reindex_locked(lambda: self._renew(lock, owner))
        finally:
            try:
                self.release_lock(lock, owner)
            except ProgramsError as exc:
                log.warning("re-index: could not release its lock (it expires): %s", exc)

    def _renew(self, lock: str, owner: str) -> None:
        if not self.refresh_lock(lock, owner, self.reindex_lock_seconds, time.time()):
            raise StoreError(f"re-index lost its lock {lock!r}; stopped")

    def _recover_interrupted(self, live: str, indices: dict[str, _Versioned]) -> None:
        """Undo what an interrupted re-index left: its unfinished copy and the write block.

        A versioned index not behind the alias is deleted only when that provably
        loses nothing: it is empty, or it is a copy of the live index (its mapping's
        ``_meta`` names the live index's uuid: an unfinished re-index into it), or the
        live index is a complete copy of it (the re-index that made the live index
        copied and counted it, then failed to delete it). Anything else holding
        documents stops the re-index with a message, before anything is changed.
        """
        here = indices.get(live)
        doomed, unknown = [], []
        for name in sorted(set(indices) - {live}):
            if (here is not None and here.related_by_copy(indices[name])) or (
                self._doc_count(name) == 0
            ):
                doomed.append(name)
            else:
                unknown.append(name)
        if unknown:
            raise StoreError(
                f"re-index refused: {self._describe_indices(unknown)} not behind {self.alias} "
                f"and neither a copy of {live} nor the index it was copied from; nothing was "
                f"deleted. If its listings are the wanted ones, point {self.alias} at it "
                "(POST _aliases, remove from the live index and add to it in one call); "
                "otherwise delete it (DELETE /<index>); then run the re-index again"
            )
        for name in doomed:
            log.warning("re-index: deleting %s, left by an interrupted re-index", name)
            self._writing(
                f"deleting {name}",
                partial(self.batch_client.indices.delete, index=name, ignore_unavailable=True),
            )
        self._unblock(live)

    def _unblock(self, index: str) -> None:
        self._writing(
            f"unblocking {index}",
            lambda: self.batch_client.indices.put_settings(
                index=index, settings={"index.blocks.write": None}
            ),
        )

    def _reindex_locked(self, renew: Callable[[], None]) -> dict[str, Any]:
        try:
            old = self._current_listings_index()
            indices = self._listing_indices()
        except _ES_ERRORS as exc:
            raise self._read_failure("read the listings alias", exc) from exc
        self._recover_interrupted(old, indices)
        new = self.versioned_index(max((v.version for v in indices.values()), default=0) + 1)
        source = indices.get(old)
        config = q.with_copy_meta(
            load_index_config("listings"), old, source.uuid if source else None
        )
        # holding the lock, after the clean-up: an index of that name is our own retried create
        self._writing(f"creating {new}", lambda: self._create_index(new, config))
        self._writing(
            f"write-blocking {old}",
            lambda: self.batch_client.indices.put_settings(
                index=old, settings={"index.blocks.write": True}
            ),
        )
        copied = 0
        try:
            for hits in self._scan(old, None, _CHUNK):
                listings = [Listing.from_doc(q.listing_doc_from_source(h["_source"])) for h in hits]
                self._bulk(
                    q.build_bulk_actions(new, listings),
                    refresh=None,
                    what=f"copying into {new}",
                    index=new,
                )
                copied += len(listings)
                renew()
            self._writing(f"refreshing {new}", lambda: self.batch_client.indices.refresh(index=new))
            in_new = int(
                self._writing(f"counting {new}", lambda: self.batch_client.count(index=new))[
                    "count"
                ]
            )
            if in_new != copied:
                raise StoreError(f"re-index copied {copied} listings but {new} holds {in_new}")
            self._swap(old, new)
        except BaseException:
            self._undo_reindex(old, new)
            raise
        deleted = None
        try:
            self.batch_client.indices.delete(index=old)
            deleted = old
        except _ES_ERRORS as exc:  # the swap succeeded; the next re-index deletes it
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

    def _swap(self, old: str, new: str) -> None:
        """Move the alias in one ``_aliases`` call; when its answer is lost, read what happened.

        The call is not retried: a first attempt that timed out on the client
        may have been applied, and a retry's ``remove`` would then fail and look
        like a refusal. Instead the alias is read back: on ``new`` the swap
        happened; on ``old`` it did not; anything else stops with both indices kept.
        """
        actions = q.build_alias_swap_actions(self.alias, old, new)
        try:
            self.swap_client.indices.update_aliases(actions=actions)
            return
        except _ES_ERRORS as exc:
            failure = self._write_failed(f"moving {self.alias} to {new}", exc)
        try:
            targets = self._alias_targets()
        except _ES_ERRORS as exc:
            raise _SwapUnknown(
                f"{failure}; the alias could not be read back ({self._describe(exc)}): "
                f"both {old} and {new} are kept; run the re-index again"
            ) from exc
        if targets == {new}:
            log.warning("re-index: the swap's answer was lost but it was applied: %s", failure)
            return
        if targets == {old}:
            raise failure
        raise _SwapUnknown(
            f"{failure}; the alias points to {sorted(targets)}: both indices are kept"
        )

    def _undo_reindex(self, old: str, new: str) -> None:
        """Roll back a re-index whose swap did not happen (never delete an index behind the alias)."""
        try:
            if new in self._alias_targets():
                log.error("re-index rollback: %s is behind %s; not deleted", new, self.alias)
                return
        except _ES_ERRORS as exc:
            log.error(
                "re-index rollback: cannot read the alias (%s); kept %s", self._describe(exc), new
            )
            return
        for what, call in (
            (f"unblocking {old}", lambda: self._unblock(old)),
            (
                f"deleting {new}",
                lambda: self.batch_client.indices.delete(index=new, ignore_unavailable=True),
            ),
        ):
            try:
                call()
            except (*_ES_ERRORS, ProgramsError) as exc:
                log.error("re-index rollback: %s failed: %s", what, exc)

    def ping(self) -> None:
        """A ``_count`` on the listings alias: needs index privileges only, and a red index
        of another application in a shared cluster does not make this service unready."""
        self.count_active()

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


def _bulk_failures(errors: Sequence[Any]) -> str:
    """``id: error type`` of the first few failed bulk items."""
    failed = []
    for item in list(errors)[:5]:
        ((_op, info),) = item.items()
        error = info.get("error")
        kind = error.get("type") if isinstance(error, dict) else str(error)[:80]
        failed.append(f"{info.get('_id')}: {kind}")
    return "; ".join(failed)


@dataclass(frozen=True)
class _Versioned:
    """A versioned listings index as ``GET {alias}-v*`` describes it."""

    name: str
    version: int
    uuid: str | None
    #: the uuid of the index a re-index copied this one from (None for a first ``-v1``)
    copy_of: str | None

    @classmethod
    def read(cls, name: str, version: int, info: Any) -> _Versioned:
        info = info if isinstance(info, dict) else {}
        settings = (info.get("settings") or {}).get("index") or {}
        meta = ((info.get("mappings") or {}).get("_meta") or {}).get(q.COPY_META) or {}
        return cls(name, version, settings.get("uuid"), meta.get("from_uuid"))

    def related_by_copy(self, other: _Versioned) -> bool:
        """True when one of the two was copied from the other (by uuid, which is never re-used)."""
        if not self.uuid or not other.uuid:
            return False
        return other.copy_of == self.uuid or self.copy_of == other.uuid


class _SwapUnknown(StoreError):
    """The alias swap's outcome is unknown: nothing may be rolled back."""


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
