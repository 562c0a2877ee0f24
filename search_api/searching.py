"""From typed parameters to a search answer; shared by the JSON API, the web page and the widget.

``build_request(args)`` resolves the place (the core's rules for saying where,
:func:`programs.places.resolve_where`) and builds the core query (every semantic
check raises :class:`InvalidInput` naming the parameter); ``search_body(store, req)``
runs it and returns the response body.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from programs.errors import InvalidInput
from programs.geo import Place
from programs.model import compact_json, public_doc
from programs.places import NAME_WITHIN_MILES, resolve_where
from programs.query import Hit, SearchQuery, SearchResult
from programs.store import Store
from programs.vocab import CREDENTIALS, DELIVERIES, LENGTH_BANDS, LENGTH_UNKNOWN

from .answer_json import Raw, json_object, objects_with_member, with_members
from .cache import TTLCache
from .compression import Answer
from .schemas import CREDENTIAL_ALIASES, DELIVERY_ALIASES

DEFAULT_RADIUS = 25.0
#: rings searched (miles) for the nearest online programs before searching everywhere
ONLINE_RINGS = (25.0, 50.0, 100.0, 200.0, 400.0)
_LENGTH_KEYS = tuple(name for name, _ in LENGTH_BANDS) + (LENGTH_UNKNOWN,)
#: fields of a query that do not change which programs match (``text`` is there as ``terms``)
_NOT_FILTERS = frozenset(
    {"lat", "lon", "radius_miles", "sort", "page", "per_page", "with_facets", "text"}
)
_ONLINE_OFF = json_object({"enabled": False, "total": 0, "results": []})


@dataclass(frozen=True)
class SearchRequest:
    place: Place
    query: SearchQuery
    online: bool
    online_limit: int

    @property
    def online_enabled(self) -> bool:
        return self.online and (not self.query.deliveries or "online" in self.query.deliveries)

    def cache_key(self) -> SearchRequest:
        """The key of this search's answer in the answer cache: the request itself.

        A frozen dataclass hashes and compares by every one of its fields (the
        place, every field of the query, the online section's settings), so a field
        added to any of them is part of the key without being listed anywhere.
        """
        return self


def online_filters_key(query: SearchQuery) -> tuple:
    """What the count of online programs depends on: every field of the query but the ones that
    only place, order or cut the results (a new filter field is part of the key by default)."""
    return tuple(getattr(query, f.name) for f in fields(query) if f.name not in _NOT_FILTERS)


# ----------------------------------------------------------------- parameters -> request
def _aliases(values: list[str] | None, aliases: Mapping[str, str]) -> tuple[str, ...]:
    if not values:
        return ()
    return tuple(aliases.get(" ".join(v.lower().split()), v) for v in values)


def build_request(
    args: Mapping[str, Any],
    *,
    online_limit_default: int = 10,
    online_limit_max: int = 50,
    name_within: float = NAME_WITHIN_MILES,
) -> SearchRequest:
    """A validated search from typed parameters (as loaded by :class:`schemas.SearchArgs`)."""
    place = resolve_where(
        zip=args.get("zip"),
        lat=args.get("lat"),
        lon=args.get("lon"),
        location=args.get("location"),
        name_within=name_within,
    )
    radius = args.get("radius")
    query = SearchQuery(
        lat=place.lat,
        lon=place.lon,
        radius_miles=DEFAULT_RADIUS if radius is None else radius,
        credentials=_aliases(args.get("credential"), CREDENTIAL_ALIASES),
        deliveries=_aliases(args.get("delivery"), DELIVERY_ALIASES),
        max_months=args.get("max_months"),
        certifications=tuple(args.get("certification") or ()),
        accreditations=tuple(args.get("accreditation") or ()),
        max_tuition=args.get("max_tuition"),
        text=args.get("q"),
        sort=(args.get("sort") or "distance").strip().lower(),
        page=1 if args.get("page") is None else args["page"],
        per_page=20 if args.get("per_page") is None else args["per_page"],
    )
    limit = args.get("online_limit")
    limit = online_limit_default if limit is None else limit
    if not 0 <= limit <= online_limit_max:
        raise InvalidInput(
            "online_limit",
            f"{limit} is out of range",
            allowed=f"a whole number from 0 to {online_limit_max}",
        )
    online = args.get("online")
    return SearchRequest(
        place=place,
        query=query,
        online=True if online is None else bool(online),
        online_limit=limit,
    )


# ------------------------------------------------------------------ request -> answer
def _facets(raw: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    out = {}
    for name, keys in (
        ("credential", CREDENTIALS),
        ("delivery", DELIVERIES),
        ("length", _LENGTH_KEYS),
    ):
        counts = raw.get(name) or {}
        facet = {key: int(counts.get(key, 0)) for key in keys}
        for key, value in counts.items():  # anything the store knows that the vocabulary does not
            facet.setdefault(str(key), int(value))
        out[name] = facet
    return out


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def hit_json(hit: Hit) -> Raw:
    """One result as JSON: the listing as search results show it, plus ``distance_miles``.

    Uses the backend's ready public JSON when it has one (no decoding and
    re-encoding of the stored document per request).
    """
    listing = Raw(hit.public_json or compact_json(public_doc(hit.doc)))
    return with_members(listing, {"distance_miles": hit.distance_miles})


def _results_json(hits: list[Hit]) -> Raw:
    """The results as a JSON array: :func:`hit_json` of each, in one pass."""
    return objects_with_member(
        [hit.public_json or compact_json(public_doc(hit.doc)) for hit in hits],
        "distance_miles",
        [hit.distance_miles for hit in hits],
    )


class Searcher:
    """Runs searches for one app, with its caches (one instance per app, shared by its threads)."""

    def __init__(
        self,
        *,
        cache_seconds: float = 60,
        cache_size: int = 1024,
        online_total_seconds: float = 120,
    ):
        self.responses = TTLCache(cache_seconds, cache_size)
        self.online_totals = TTLCache(online_total_seconds, 512)

    def body_json(self, store: Store, req: SearchRequest) -> bytes:
        """The JSON answer, assembled from JSON pieces (the results arrive as JSON from the store)."""
        q = req.query
        nearest = self.online_nearest_query(store, req)
        at_radius = None if nearest is not None else self.online_at_radius_query(store, req)
        results = store.search_many([q, *(x for x in (nearest, at_radius) if x is not None)])
        result = results[0]
        answer = json_object(
            {
                "location": req.place.to_dict(),
                "radius": _number(q.radius_miles),
                "total": result.total,
                "page": q.page,
                "per_page": q.per_page,
                "sort": q.sort,
                "results": _results_json(result.hits),
                "facets": _facets(result.facets),
                "online": self.online_json(
                    store,
                    req,
                    near=result,
                    nearest=results[1] if nearest is not None else None,
                    at_radius=results[1] if at_radius is not None else None,
                ),
            }
        )
        return answer.encode("utf-8")

    def body(self, store: Store, req: SearchRequest) -> dict[str, Any]:
        """The answer as a dict (for the server-rendered page): the JSON answer, decoded."""
        return json.loads(self.body_json(store, req))

    def answer(
        self, store: Store, req: SearchRequest, raw_key: bytes | None = None
    ) -> tuple[Answer, bool]:
        """The JSON answer and whether it came from the per-worker cache (the same search ran recently).

        The cache holds the :class:`Answer`, with each compressed form of it made so far.

        ``raw_key`` (the query string exactly as sent) is remembered too, so that the
        same request next time is answered before its parameters are even parsed
        (see :meth:`cached_raw`): the same bytes always validate to the same search.
        """
        key = req.cache_key()
        answer = self.responses.get(key)
        hit = answer is not None
        if answer is None:
            answer = Answer(self.body_json(store, req))
            self.responses.set(key, answer)
        if raw_key is not None:
            self.responses.set(("raw", raw_key), answer)
        return answer, hit

    def cached_raw(self, raw_key: bytes) -> Answer | None:
        """The cached answer to a query string seen recently (only successful answers are cached)."""
        return self.responses.get(("raw", raw_key))

    def online_nearest_query(self, store: Store, req: SearchRequest) -> SearchQuery | None:
        """The online section as one search (total and the nearest ones), to send with the page's.

        Only for a store where the nearest matches over everywhere are cheap
        (``Store.nearest_first_is_cheap``, Elasticsearch: one ``_msearch`` for the
        page and the online section); None otherwise (see :meth:`online_json`).
        """
        if not (req.online_enabled and store.nearest_first_is_cheap):
            return None
        return SearchQuery(
            radius_miles=None, per_page=max(1, req.online_limit), **self._online_common(req)
        )

    def online_at_radius_query(self, store: Store, req: SearchRequest) -> SearchQuery | None:
        """The online section's search within the page's own radius, to send with the page's search.

        Only for a store that answers it from the page's matches for next to nothing
        (``Store.narrowed_searches_are_cheap``, SQLite: the same statement); None otherwise.
        It is the first ring :meth:`online_json` searches when the page's delivery facet
        says that ring holds enough; when it does not, the answer goes unused.
        """
        q = req.query
        if not (
            req.online_enabled
            and store.narrowed_searches_are_cheap
            and req.online_limit > 0
            and q.radius_miles is not None
        ):
            return None
        return SearchQuery(
            radius_miles=q.radius_miles, per_page=req.online_limit, **self._online_common(req)
        )

    @staticmethod
    def _online_common(req: SearchRequest) -> dict[str, Any]:
        q = req.query
        return dict(
            lat=q.lat,
            lon=q.lon,
            credentials=q.credentials,
            deliveries=("online",),
            max_months=q.max_months,
            certifications=q.certifications,
            accreditations=q.accreditations,
            max_tuition=q.max_tuition,
            text=q.text,
            sort="distance",
            page=1,
            with_facets=False,
        )

    def online_json(
        self,
        store: Store,
        req: SearchRequest,
        near: SearchResult | None = None,
        nearest: SearchResult | None = None,
        at_radius: SearchResult | None = None,
    ) -> Raw:
        """Online programs from anywhere that match the other filters, nearest first (JSON).

        ``nearest``: the answer to :meth:`online_nearest_query`, when it was sent
        with the page's search. Otherwise the nearest ones are found in growing
        rings (a ring holding at least ``online_limit`` matches holds the nearest
        ones), so a search rarely scans every online program; the count of them
        all depends only on the filters and is reused for a while. ``near``, the
        search's own result, saves rings: its delivery facet counts the online
        matches within the search's radius, so the rings start at the first one
        that can hold enough. ``at_radius``: the answer to :meth:`online_at_radius_query`,
        when it was sent with the page's search: the ring at the search's own radius.
        """
        if not req.online_enabled:
            return _ONLINE_OFF
        if nearest is not None:
            hits = nearest.hits[: req.online_limit]
            return json_object(
                {"enabled": True, "total": int(nearest.total), "results": _results_json(hits)}
            )
        q = req.query
        filters_key = online_filters_key(q)
        common = self._online_common(req)
        total = self.online_totals.get(filters_key)
        if total is None:
            total = store.count(SearchQuery(radius_miles=None, per_page=1, **common))
            self.online_totals.set(filters_key, total)
        limit = req.online_limit
        hits: list[Hit] = []
        if limit > 0 and total > 0:
            for ring in _rings(limit, total, q.radius_miles, near):
                if at_radius is not None and ring == q.radius_miles:
                    result = at_radius  # the same search, already answered
                else:
                    result = store.search(SearchQuery(radius_miles=ring, per_page=limit, **common))
                hits = result.hits
                if ring is None or result.total >= limit or result.total >= total:
                    break
        return json_object({"enabled": True, "total": int(total), "results": _results_json(hits)})


def _rings(
    limit: int, total: int, radius: float | None, near: SearchResult | None
) -> list[float | None]:
    """The rings to search for the ``limit`` nearest of ``total`` online programs, smallest first.

    With the search's own result at ``radius`` miles in hand, the online matches
    within it are known (its delivery facet counts the matching set): if they are
    enough (or all there are), ``radius`` is the only ring to search; if not, no
    ring up to ``radius`` can be, and the search starts beyond it.
    """
    deliveries = None if near is None else near.facets.get("delivery")
    if deliveries is None or radius is None:
        return [*ONLINE_RINGS, None]
    online_near = deliveries.get("online", 0)
    if online_near >= min(limit, total):
        return [radius]
    return [*(r for r in ONLINE_RINGS if r > radius), None]


def dumps(body: Any) -> bytes:
    """Compact JSON; a stray NaN in stored data becomes null instead of invalid JSON or an error."""
    return compact_json(body).encode("utf-8")
