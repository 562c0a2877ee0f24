"""schema.org ``EducationalOccupationalProgram`` in JSON-LD -> raw program dicts.

Read with extruct (one script at a time, so one broken script does not hide the
others). Handles ``@graph`` and top-level lists, ``@id`` references (a provider given
as ``{"@id": ...}`` is looked up in the page's graph), ``@type`` as a string, a list or
a URL, and the variants seen on real pages:

* ``timeToComplete`` ISO-8601 durations and ranges (``P9M``, ``P40W``, ``P3Y-P4Y``) or prose;
* ``educationalProgramMode`` ``online`` / ``onsite`` / ``blended``, ``ONLINE`` / ``IN_PERSON`` /
  ``HYBRID``, schema.org URLs, or a list of them (online + onsite -> hybrid);
* ``offers`` (an object or a list) with ``price`` or ``priceSpecification.price`` (numbers or
  text such as ``"2,995.00"``); a price per credit (``unitText`` / ``referenceQuantity``
  naming credits) is multiplied by the credit count; offers whose category is a fee
  (application, exam, ...) are skipped;
* ``identifier`` as an object, a list or text, with ``propertyID`` / ``PropertyID`` /
  ``name`` naming CIP and ``value`` / ``Value``;
* ``educationalCredentialAwarded`` / ``occupationalCredentialAwarded`` / ``programType`` as
  text or an object with ``credentialCategory`` and ``name``;
* ``numberOfCredits`` as a number, text or ``{"value": ...}`` (a ``unitText`` naming clock or
  contact hours makes it clock hours);
* ``provider`` with a ``PostalAddress`` (or the page's organisation node) -> the institution.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from extruct.jsonld import JsonLdExtractor

from ..errors import InvalidInput
from ..normalize import (
    credential_from_text,
    find_certifications,
    normalize_cip,
    parse_delivery,
    parse_hours,
    parse_length,
    parse_price_value,
)

PROGRAM_TYPES = frozenset({"educationaloccupationalprogram", "workbasedprogram"})
ORG_TYPES = frozenset(
    {
        "collegeoruniversity",
        "educationalorganization",
        "organization",
        "highschool",
        "school",
        "localbusiness",
    }
)
_EXTRACTOR = JsonLdExtractor()
_FEE_CATEGORY = re.compile(
    r"application|exam|registration|deposit|book|supply|supplies|fee\b", re.IGNORECASE
)
_PER_CREDIT = re.compile(r"credit|unit|hour", re.IGNORECASE)
_CLOCK = re.compile(r"clock|contact|instruction", re.IGNORECASE)
MAX_NODES = 500


def load_items(script_nodes: list) -> list[Any]:
    """The JSON-LD items of the page's scripts (broken scripts are skipped)."""
    items: list[Any] = []
    for node in script_nodes[:50]:
        try:
            items.extend(_EXTRACTOR.extract_items(node))
        except (ValueError, TypeError):  # malformed JSON-LD (bad JSON, odd types): skipped
            continue
    return items


def _flatten(items: list[Any]) -> list[dict]:
    out: list[dict] = []
    stack = list(reversed(items))
    while stack and len(out) < MAX_NODES:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            graph = item.get("@graph")
            if graph is not None:
                stack.extend(reversed(graph if isinstance(graph, list) else [graph]))
                if len(item) <= 2:  # {"@context", "@graph"}
                    continue
            out.append(item)
    return out


def _types(node: dict) -> set[str]:
    value = node.get("@type") or node.get("type")
    values = value if isinstance(value, list) else [value]
    out: set[str] = set()
    for v in values:
        if isinstance(v, str) and v:
            out.add(re.split(r"[/#:]", v.rstrip("/"))[-1].lower())
    return out


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        text = " ".join(html_lib.unescape(value).split())
        return text or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "@value", "value", "text"):
            if key in value:
                return _text(value[key])
    if isinstance(value, list):
        for item in value:
            found = _text(item)
            if found:
                return found
    return None


def _resolve(value: Any, index: dict[str, dict]) -> Any:
    if isinstance(value, dict) and "@id" in value and len(value) <= 2 and value["@id"] in index:
        return index[value["@id"]]
    return value


def _credential_texts(node: dict) -> list[str]:
    texts: list[str] = []
    for key in ("educationalCredentialAwarded", "programType", "occupationalCredentialAwarded"):
        value = node.get(key)
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                for sub in ("credentialCategory", "name"):
                    t = _text(v.get(sub))
                    if t:
                        texts.append(t)
            else:
                t = _text(v)
                if t:
                    texts.append(t)
    return texts


def _cip(node: dict) -> str | None:
    value = node.get("identifier")
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, dict):
            prop = ""
            for key in ("propertyID", "PropertyID", "propertyId", "name", "@type"):
                if isinstance(v.get(key), str):
                    prop += " " + v[key]
            raw = v.get("value", v.get("Value", v.get("@value")))
            if "cip" in prop.lower() or (
                isinstance(raw, str) and re.fullmatch(r"\s*\d{2}\.\d{4}\s*", raw)
            ):
                cip = _safe_cip(raw)
                if cip:
                    return cip
        elif isinstance(v, str) and re.search(r"\bcip\b", v, re.IGNORECASE):
            m = re.search(r"\d{1,2}\.\d{4}", v)
            if m:
                cip = _safe_cip(m.group(0))
                if cip:
                    return cip
    for key in ("educationalProgramCode", "programCode", "cip", "cipCode"):
        cip = _safe_cip(node.get(key))  # a list or an object is no code: _safe_cip gives None
        if cip:
            return cip
    return None


def _safe_cip(value: Any) -> str | None:
    try:
        return normalize_cip(value)
    except (InvalidInput, TypeError, ValueError):
        return None


def _hours(node: dict) -> tuple[float | None, float | None]:
    value = node.get("numberOfCredits")
    if value is None:
        return None, None
    if isinstance(value, dict):
        unit = " ".join(str(value.get(k, "")) for k in ("unitText", "unitCode", "name"))
        if _CLOCK.search(unit):
            # a bare count read as credits is the clock-hour count here
            return None, parse_hours(value).credit_hours
    hours = parse_hours(value)
    return hours.credit_hours, hours.clock_hours


def _offers(node: dict, credits: float | None) -> tuple[float | None, str | None]:
    value = node.get("offers")
    offers = value if isinstance(value, list) else [value]
    for offer in offers[:20]:
        if not isinstance(offer, dict):
            continue
        category = _text(offer.get("category")) or ""
        if _FEE_CATEGORY.search(category) and not re.search(
            r"total|tuition|program", category, re.IGNORECASE
        ):
            continue
        spec = offer.get("priceSpecification")
        specs = spec if isinstance(spec, list) else [spec]
        candidates: list[tuple[Any, dict]] = []
        for s in specs:
            if isinstance(s, dict):
                candidates.append((s.get("price", s.get("maxPrice", s.get("minPrice"))), s))
        if "price" in offer:
            candidates.insert(0, (offer.get("price"), offer))
        for raw, holder in candidates:
            price = parse_price_value(raw)
            if price is None:
                continue
            unit = " ".join(str(holder.get(k, "")) for k in ("unitText", "unitCode"))
            ref = holder.get("referenceQuantity")
            if isinstance(ref, dict):
                unit += " " + " ".join(
                    str(ref.get(k, "")) for k in ("unitText", "unitCode", "name")
                )
            if (
                unit.strip()
                and _PER_CREDIT.search(unit)
                and not re.search(r"total|program", category, re.IGNORECASE)
            ):
                if credits:
                    return round(price * credits, 2), f"${price:,.2f} per credit"
                continue
            currency = (
                _text(holder.get("priceCurrency")) or _text(offer.get("priceCurrency")) or "USD"
            )
            if currency.upper() not in ("USD", "US$", "$"):
                continue
            return price, f"{category}: {raw}".strip(": ") if category else str(raw)
    return None, None


def _address(value: Any, index: dict[str, dict]) -> dict[str, str | None]:
    value = _resolve(value, index)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (dict, str))), None)
        value = _resolve(value, index)
    if isinstance(value, str):
        return {"text": " ".join(value.split())}
    if not isinstance(value, dict):
        return {}
    return {
        "address": _text(value.get("streetAddress")),
        "city": _text(value.get("addressLocality")),
        "state": _text(value.get("addressRegion")),
        "zip": _text(value.get("postalCode")),
    }


def institution_from_nodes(
    nodes: list[dict], program: dict | None, index: dict[str, dict]
) -> dict[str, Any]:
    """Name and address of the program's provider, else of the page's organisation node."""
    candidates: list[dict] = []
    if program is not None:
        provider = _resolve(program.get("provider"), index)
        if isinstance(provider, list):
            provider = _resolve(provider[0], index) if provider else None
        if isinstance(provider, dict):
            candidates.append(provider)
    candidates.extend(n for n in nodes if _types(n) & ORG_TYPES)
    out: dict[str, Any] = {}
    for cand in candidates:
        name = _text(cand.get("name"))
        if name and "name" not in out:
            out["name"] = name
        addr = _address(cand.get("address") or cand.get("location"), index)
        if addr and not any(k in out for k in ("address", "city", "zip", "text")):
            out.update({k: v for k, v in addr.items() if v})
    return out


def programs_from_items(items: list[Any], page_url: str) -> tuple[list[dict], dict[str, Any]]:
    """(raw program dicts, institution dict) from the page's JSON-LD items."""
    nodes = _flatten(items)
    index = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    programs: list[dict] = []
    first_program: dict | None = None
    for node in nodes:
        if not (_types(node) & PROGRAM_TYPES):
            continue
        if first_program is None:
            first_program = node
        programs.append(_program(node, page_url))
    institution = institution_from_nodes(nodes, first_program, index)
    return programs, institution


def _program(node: dict, page_url: str) -> dict[str, Any]:
    raw: dict[str, Any] = {"source": "jsonld"}
    name = _text(node.get("name"))
    raw["name"] = name
    cred_texts = _credential_texts(node)
    credential = credential_from_text(name) if name else None
    credential_text = name if credential else None
    if credential is None:
        for text in cred_texts:
            credential = credential_from_text(text)
            if credential:
                credential_text = text
                break
    raw["credential"] = credential
    raw["credential_text"] = credential_text
    raw["cip"] = _cip(node)
    ttc = node.get("timeToComplete")
    ttc_text = _text(ttc)
    if ttc_text:
        length = parse_length(ttc_text)
        if length.months is not None:
            raw["length_months"] = length.months
            raw["length_min_months"] = length.min_months
            raw["length_text"] = ttc_text
    credits, clock = _hours(node)
    raw["credit_hours"] = credits
    raw["clock_hours"] = clock
    mode = node.get("educationalProgramMode")
    if mode:
        delivery = parse_delivery(mode if isinstance(mode, (str, list)) else _text(mode))
        raw["delivery"] = delivery
        raw["delivery_text"] = (
            ", ".join(str(m) for m in mode) if isinstance(mode, list) else _text(mode)
        )
    tuition, tuition_text = _offers(node, credits)
    raw["tuition_usd"] = tuition
    raw["tuition_text"] = tuition_text
    cert_text = " ; ".join(t for t in cred_texts + [_text(node.get("description")) or ""] if t)
    raw["certifications"] = find_certifications(cert_text)
    raw["accreditations"] = []
    url = _text(node.get("url"))
    raw["url"] = url if url and url.startswith(("http://", "https://")) else page_url
    raw["description"] = _text(node.get("description"))
    return raw
