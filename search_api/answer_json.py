"""Search answers assembled from JSON pieces, in one checked place.

A search answer is mostly JSON that already exists: each listing's public JSON
comes from the store ready to send. Decoding and re-encoding it per request
would cost more than the search, so answers are put together from pieces
instead. Every piece goes through the helpers here: :class:`Raw` checks that a
text is a JSON object or array before it is spliced in, and :func:`json_object`,
:func:`json_array`, :func:`with_members` and :func:`objects_with_member` are the
only places that join pieces with brackets and commas (no string slicing anywhere
else).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from programs.model import compact_json

_CLOSING = {"{": "}", "[": "]"}


class Raw(str):
    """Text that is a JSON object or array already, spliced in as is.

    Checked when made: a text that does not open and close as one object or
    array raises ValueError (a cheap check of the ends, not a full parse: the
    pieces come from our own encoder).
    """

    __slots__ = ()

    def __new__(cls, text: str) -> Raw:
        if not isinstance(text, str) or len(text) < 2 or _CLOSING.get(text[0]) != text[-1]:
            raise ValueError(f"not a JSON object or array: {str(text)[:40]!r}")
        return super().__new__(cls, text)


def _value(value: Any) -> str:
    return value if isinstance(value, Raw) else compact_json(value)


def json_object(members: Mapping[str, Any]) -> Raw:
    """``{"key": value, ...}``: each value encoded, or spliced in when it is :class:`Raw`."""
    parts = []
    for key, value in members.items():
        if not isinstance(key, str):
            raise TypeError(f"JSON object keys are text, got {key!r}")
        parts.append(f"{compact_json(key)}:{_value(value)}")
    return Raw("{" + ",".join(parts) + "}")


def json_array(items: Iterable[Any]) -> Raw:
    """``[item, ...]``: each item encoded, or spliced in when it is :class:`Raw`."""
    return Raw("[" + ",".join(_value(item) for item in items) + "]")


def with_members(obj: Raw, members: dict[str, Any]) -> Raw:
    """The JSON object ``obj`` with ``members`` added at its end (``obj`` must not have them).

    Runs once per result of every search: the members are encoded in one call.
    """
    if not isinstance(obj, Raw) or obj[0] != "{":
        raise ValueError(f"not a JSON object: {str(obj)[:40]!r}")
    extra = compact_json(members)
    if extra == "{}":
        return obj
    if obj[1] in "} \t\r\n" and not obj[1:-1].strip():  # an empty object: no comma
        return Raw(extra)
    return Raw(obj[:-1] + "," + extra[1:])


def objects_with_member(objects: Sequence[str], key: str, values: Sequence[Any]) -> Raw:
    """``[object + {key: value}, ...]``: each JSON object text with one member added at its end
    (it must not have it), as one array.

    What :func:`json_array` of :func:`with_members` gives, in one pass: the results list of
    every search (a listing's ready JSON and its distance), without a checked piece per result.
    Each object is checked as :class:`Raw` checks a piece (its ends).
    """
    if len(objects) != len(values):
        raise ValueError(f"{len(objects)} objects and {len(values)} values")
    member = compact_json(key) + ":"
    parts = []
    for obj, value in zip(objects, values, strict=True):
        if not isinstance(obj, str) or len(obj) < 2 or obj[0] != "{" or obj[-1] != "}":
            raise ValueError(f"not a JSON object: {str(obj)[:40]!r}")
        if obj[1] == "}" or (obj[1] in " \t\r\n" and not obj[1:-1].strip()):  # empty: no comma
            parts.append("{" + member + _value(value) + "}")
        else:
            parts.append(obj[:-1] + "," + member + _value(value) + "}")
    return Raw("[" + ",".join(parts) + "]")
