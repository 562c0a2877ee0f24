"""The search query model both backends execute, and the result they return.

A :class:`SearchQuery` is validated when built, so a backend never sees a value
it cannot use. Semantics shared by every backend:

* only ``active`` listings with a location within ``radius_miles`` of the point
  (great-circle distance, inclusive) match; ``radius_miles=None`` means anywhere;
* filters of one kind are OR-ed (``credentials=("certificate", "associate")``),
  filters of different kinds are AND-ed;
* ``max_months`` and ``max_tuition`` only match listings whose length / tuition is
  known and not above the limit (a listing with an unknown cost is not "under $X");
  the length compared is the listing's maximum (``program.length_months``, see
  :mod:`programs.length`);
* ``certifications`` / ``accreditations`` match a listing that has any of them;
* ``text`` matches listings whose program or institution name contains every word
  (word prefixes match: "cod" finds "coding");
* sort ``distance`` is nearest first; ``length`` (on the minimum length,
  ``program.length_min_months``) and ``tuition`` are smallest first with unknown values last; ``relevance`` is best text match first (distance when
  there is no text); every sort breaks ties by distance, then by id;
* facets count the whole matching set (not just the page) by credential, delivery
  and length band (the band of the maximum length, as the filter).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidInput
from .model import load_json
from .vocab import ACCREDITATIONS, CERTIFICATIONS, CREDENTIALS, DELIVERIES, SORTS

MAX_RADIUS_MILES = 500.0
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_TEXT_CHARS = 200
MAX_TEXT_WORDS = 12
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def text_terms(text: str | None) -> tuple[str, ...]:
    """The words a text query searches for: lower-cased word characters only.

    Everything else (quotes, operators, SQL or query syntax) is dropped, so user
    text can never change the shape of a query.
    """
    if not text:
        return ()
    words = [w.lower() for w in _WORD_RE.findall(text) if w.strip("_")]
    return tuple(dict.fromkeys(words))[:MAX_TEXT_WORDS]


def _choices(
    param: str, values: Any, allowed: tuple[str, ...] | list[str], *, upper: bool = False
) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = (values,)
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise InvalidInput(
            param,
            f"{str(values)[:40]!r} is not a list of values",  # pragma: no mutate
            allowed=", ".join(allowed),  # pragma: no mutate
        )
    out: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise InvalidInput(
                param,
                f"{value!r} is not text",  # pragma: no mutate
                allowed=", ".join(allowed),  # pragma: no mutate
            )
        norm = value.strip().upper() if upper else value.strip().lower()
        if norm not in allowed:
            raise InvalidInput(
                param,
                f"unknown {param} {value[:40]!r}",  # pragma: no mutate
                allowed=", ".join(allowed),  # pragma: no mutate
            )
        if norm not in out:
            out.append(norm)
    return tuple(out)


def _positive(
    param: str,
    value: Any,
    *,
    maximum: float | None = None,
    allow_zero: bool = False,
    minimum: float | None = None,
    allowed: str | None = None,
) -> float | None:
    """A number in range; every error says the same ``allowed`` range (the documented one)."""
    if value is None:
        return None
    if allowed is None:
        low = "from 0" if allow_zero else "greater than 0"
        top = (
            None
            if maximum is None
            else f"{maximum:.0f}"
            if float(maximum).is_integer()
            else f"{maximum:g}"
        )
        allowed = f"a number {low}" + (
            "" if top is None else f" to {top}" if allow_zero else f", at most {top}"
        )
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInput(
            param,
            f"{value!r} is not a number",  # pragma: no mutate
            allowed=allowed,
        )
    value = float(value)
    if math.isnan(value) or math.isinf(value) or value < 0 or (value == 0 and not allow_zero):
        raise InvalidInput(
            param,
            f"{value:g} is out of range",  # pragma: no mutate
            allowed=allowed,
        )
    if minimum is not None and value < minimum:
        raise InvalidInput(
            param,
            f"{value:g} is too small",  # pragma: no mutate
            allowed=allowed,
        )
    if maximum is not None and value > maximum:
        raise InvalidInput(
            param,
            f"{value:g} is too large",  # pragma: no mutate
            allowed=allowed,
        )
    return value


@dataclass(frozen=True)
class SearchQuery:
    lat: float | None = None
    lon: float | None = None
    radius_miles: float | None = 25.0
    credentials: tuple[str, ...] = ()
    deliveries: tuple[str, ...] = ()
    max_months: float | None = None
    certifications: tuple[str, ...] = ()
    accreditations: tuple[str, ...] = ()
    max_tuition: float | None = None
    text: str | None = None
    sort: str = "distance"
    page: int = 1
    per_page: int = 20
    with_facets: bool = True
    terms: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if (self.lat is None) != (self.lon is None):
            raise InvalidInput(
                "lat" if self.lat is None else "lon",
                "latitude and longitude go together",  # pragma: no mutate
                allowed="both lat and lon",  # pragma: no mutate
            )
        if self.lat is not None:
            for name, limit in (("lat", 90.0), ("lon", 180.0)):
                value = getattr(self, name)
                if (
                    isinstance(value, bool)
                    or not isinstance(value, (int, float))
                    or not -limit <= value <= limit
                ):
                    raise InvalidInput(
                        name,
                        f"{value!r} is out of range",  # pragma: no mutate
                        allowed=f"a number from -{limit:g} to {limit:g}",  # pragma: no mutate
                    )
                set_(self, name, float(value))
        if self.radius_miles is not None:
            radius = _positive(
                "radius",
                self.radius_miles,
                minimum=1,
                maximum=MAX_RADIUS_MILES,
                allowed=f"miles from 1 to {MAX_RADIUS_MILES:g}",  # pragma: no mutate
            )
            set_(self, "radius_miles", radius)
            if self.lat is None:
                raise InvalidInput(
                    "location",
                    "a radius needs a point to measure from",  # pragma: no mutate
                    allowed="lat and lon",  # pragma: no mutate
                )
        set_(self, "credentials", _choices("credential", self.credentials, CREDENTIALS))
        set_(self, "deliveries", _choices("delivery", self.deliveries, DELIVERIES))
        set_(
            self,
            "certifications",
            _choices("certification", self.certifications, tuple(CERTIFICATIONS), upper=True),
        )
        set_(
            self,
            "accreditations",
            _choices("accreditation", self.accreditations, tuple(ACCREDITATIONS), upper=True),
        )
        set_(self, "max_months", _positive("max_months", self.max_months, maximum=1200))
        set_(
            self,
            "max_tuition",
            _positive("max_tuition", self.max_tuition, maximum=10_000_000, allow_zero=True),
        )
        if self.text is not None:
            if not isinstance(self.text, str):
                raise InvalidInput("q", "the text query must be text")  # pragma: no mutate
            if len(self.text) > MAX_TEXT_CHARS:
                raise InvalidInput(
                    "q",
                    f"the text query is {len(self.text)} characters long",  # pragma: no mutate
                    allowed=f"at most {MAX_TEXT_CHARS} characters",  # pragma: no mutate
                )
            if "\x00" in self.text:
                raise InvalidInput(
                    "q",
                    "the text query contains a NUL character",  # pragma: no mutate
                    allowed="printable text",  # pragma: no mutate
                )
        set_(self, "terms", text_terms(self.text))
        if self.sort not in SORTS:
            raise InvalidInput(
                "sort",
                f"unknown sort {str(self.sort)[:40]!r}",  # pragma: no mutate
                allowed=", ".join(SORTS),  # pragma: no mutate
            )
        if self.sort == "distance" and self.lat is None:
            raise InvalidInput(
                "sort",
                "sorting by distance needs a point",  # pragma: no mutate
                allowed="lat and lon",  # pragma: no mutate
            )
        for name, maximum in (("page", MAX_PAGE), ("per_page", MAX_PER_PAGE)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
                raise InvalidInput(
                    name,
                    f"{value!r} is out of range",  # pragma: no mutate
                    allowed=f"a whole number from 1 to {maximum}",  # pragma: no mutate
                )

    @property
    def matching_deliveries(self) -> tuple[str, ...]:
        """The listing delivery values a delivery filter matches: ``on_campus`` also matches
        ``hybrid`` (taught partly or optionally in person; an IPEDS distance-education flag means a
        program *can* be completed at a distance and may also run on campus), so that a searcher
        filtering for on-campus programs does not lose them."""
        out = list(self.deliveries)
        if "on_campus" in out and "hybrid" not in out:
            out.append("hybrid")
        return tuple(out)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class Hit:
    """One search result: the stored document and the distance to it (rounded to 0.1 mile).

    A backend may hand the document over as JSON text (``doc_json``), decoded on first
    use, and may add ``public_json``: the listing as search results show it
    (:func:`programs.model.public_doc`), ready to send.
    """

    __slots__ = ("_doc", "_doc_json", "distance_miles", "public_json")

    def __init__(
        self,
        doc: dict[str, Any] | None = None,
        distance_miles: float | None = None,
        *,
        doc_json: str | None = None,
        public_json: str | None = None,
    ):
        if doc is None and doc_json is None:
            raise ValueError("a hit needs its document")  # pragma: no mutate
        self._doc = doc
        self._doc_json = doc_json
        self.distance_miles = distance_miles
        self.public_json = public_json

    @property
    def doc(self) -> dict[str, Any]:
        if self._doc is None:
            assert self._doc_json is not None  # __init__ refuses a hit with neither
            self._doc = load_json(self._doc_json)
        return self._doc

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Hit):
            return NotImplemented
        return (self.doc, self.distance_miles) == (other.doc, other.distance_miles)

    def __repr__(self) -> str:
        return f"Hit(id={self.doc.get('id')!r}, distance_miles={self.distance_miles!r})"


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]


def empty_facets() -> dict[str, dict[str, int]]:
    return {"credential": {}, "delivery": {}, "length": {}}
