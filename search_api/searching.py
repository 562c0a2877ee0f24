"""From typed parameters to a search answer; shared by the JSON API, the web page and the widget.

``build_request(args)`` resolves the place (the core's rules for saying where,
:func:`programs.places.resolve_where`) and builds the core query (every semantic
check raises :class:`InvalidInput` naming the parameter); ``search_body(store, req)`` runs it and returns the response body.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from programs.errors import InvalidInput
from programs.geo import Place
from programs.model import compact_json, public_doc
from programs.places import NAME_WITHIN_MILES, resolve_where
from programs.query import Hit, SearchQuery, SearchResult
from programs.store import Store
from programs.vocab import CREDENTIALS, DELIVERIES, LENGTH_BANDS, LENGTH_UNKNOWN

from .cache import TTLCache
from .schemas import CREDENTIAL_ALIASES, DELIVERY_ALIASES

DEFAULT_RADIUS = 25.0
#: rings searched (miles) for the nearest online programs before searching everywhere
ONLINE_RINGS = (25.0, 50.0, 100.0, 200.0, 400.0)
_LENGTH_KEYS = tuple(name for name, _ in LENGTH_BANDS) + (LENGTH_UNKNOWN,)


@dataclass(frozen=True)
class SearchRequest:
    place: Place
    query: SearchQuery
    online: bool
    online_limit: int

    @property
    def online_enabled(self) -> bool:
        return self.online and (not self.query.deliveries or "online" in self.query.deliveries)

    def cache_key(self) -> tuple:
        q = self.query
        return (
            self.place.lat,
            self.place.lon,
            self.place.zip,
            self.place.city,
            self.place.state,
            q.radius_miles,
            q.credentials,
            q.deliveries,
            q.max_months,
            q.certifications,
            q.accreditations,
            q.max_tuition,
            q.terms,
            q.sort,
            q.page,
            q.per_page,
            self.online,
            self.online_limit,
        )


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


def hit_json(hit: Hit) -> str:
    """One result as JSON: the listing as search results show it, plus ``distance_miles``.

    Uses the backend's ready public JSON when it has one (no decoding and
    re-encoding of the stored document per request).
    """
    text = hit.public_json or compact_json(public_doc(hit.doc))
    return f'{text[:-1]},"distance_miles":{compact_json(hit.distance_miles)}}}'


def _results_json(hits: list[Hit]) -> str:
    return "[" + ",".join(hit_json(h) for h in hits) + "]"


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
        results = store.search_many([q] if nearest is None else [q, nearest])
        result = results[0]
        head = compact_json(
            {
                "location": req.place.to_dict(),
                "radius": _number(q.radius_miles),
                "total": result.total,
                "page": q.page,
                "per_page": q.per_page,
                "sort": q.sort,
            }
        )
        text = (
            f'{head[:-1]},"results":{_results_json(result.hits)},"facets":{compact_json(_facets(result.facets))},'
            f'"online":{self.online_json(store, req, results[1] if nearest is not None else None)}}}'
        )
        return text.encode("utf-8")

    def body(self, store: Store, req: SearchRequest) -> dict[str, Any]:
        """The answer as a dict (for the server-rendered page): the JSON answer, decoded."""
        return json.loads(self.body_json(store, req))

    def body_bytes(
        self, store: Store, req: SearchRequest, raw_key: bytes | None = None
    ) -> tuple[bytes, bool]:
        """The JSON answer and whether it came from the per-worker cache (the same search ran recently).

        ``raw_key`` (the query string exactly as sent) is remembered too, so that the
        same request next time is answered before its parameters are even parsed
        (see :meth:`cached_raw`): the same bytes always validate to the same search.
        """
        key = req.cache_key()
        data = self.responses.get(key)
        hit = data is not None
        if data is None:
            data = self.body_json(store, req)
            self.responses.set(key, data)
        if raw_key is not None:
            self.responses.set(("raw", raw_key), data)
        return data, hit

    def cached_raw(self, raw_key: bytes) -> bytes | None:
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
        self, store: Store, req: SearchRequest, nearest: SearchResult | None = None
    ) -> str:
        """Online programs from anywhere that match the other filters, nearest first (JSON).

        ``nearest``: the answer to :meth:`online_nearest_query`, when it was sent
        with the page's search. Otherwise the nearest ones are found in growing
        rings (a ring holding at least ``online_limit`` matches holds the nearest
        ones), so a search rarely scans every online program; the count of them
        all depends only on the filters and is reused for a while.
        """
        if not req.online_enabled:
            return '{"enabled":false,"total":0,"results":[]}'
        if nearest is not None:
            hits = nearest.hits[: req.online_limit]
            return (
                f'{{"enabled":true,"total":{int(nearest.total)},"results":{_results_json(hits)}}}'
            )
        q = req.query
        common = self._online_common(req)
        filters_key = (
            q.credentials,
            q.max_months,
            q.certifications,
            q.accreditations,
            q.max_tuition,
            q.terms,
        )
        total = self.online_totals.get(filters_key)
        if total is None:
            total = store.search(SearchQuery(radius_miles=None, per_page=1, **common)).total
            self.online_totals.set(filters_key, total)
        limit = req.online_limit
        hits: list[Hit] = []
        if limit > 0 and total > 0:
            for ring in ONLINE_RINGS + (None,):
                result = store.search(SearchQuery(radius_miles=ring, per_page=limit, **common))
                hits = result.hits
                if ring is None or result.total >= limit or result.total >= total:
                    break
        return f'{{"enabled":true,"total":{int(total)},"results":{_results_json(hits)}}}'


def dumps(body: Any) -> bytes:
    """Compact JSON; a stray NaN in stored data becomes null instead of invalid JSON or an error."""
    return compact_json(body).encode("utf-8")
