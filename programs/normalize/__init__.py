"""Normalisers: small pure functions that turn what sources say into listing fields.

One module per concern; each module's docstring states its rules:

* :mod:`.credential` - credential class and IPEDS award levels;
* :mod:`.length` - program length in months (ranges -> upper bound, credits/hours fallback);
* :mod:`.hours` - total credit hours and clock hours;
* :mod:`.money` - program cost in dollars (ranges -> upper bound, per-credit prices);
* :mod:`.delivery` - on_campus / online / hybrid;
* :mod:`.certifications` - certification exam codes and accreditations;
* :mod:`.cip` - CIP codes, families, title-based guesses and scope;
* :mod:`.institution` - institution name keys, URLs, domains, states and ZIPs.

They never do I/O and never raise on odd text, except where a function documents
:class:`programs.errors.InvalidInput` (award levels, CIP codes, certification codes).
"""

from __future__ import annotations

from .certifications import (
    find_accreditations,
    find_certifications,
    is_cahiim_statement,
    normalize_certification,
)
from .cip import cip_family, cip_for_program_name, in_scope, normalize_cip
from .credential import award_level_label, credential_from_award_level, credential_from_text
from .delivery import delivery_from_flags, parse_delivery
from .hours import Hours, parse_hours
from .institution import (
    clean_institution_name,
    normalize_institution_name,
    normalize_state,
    normalize_url,
    normalize_zip5,
    site_domain,
    url_on_site,
)
from .length import Length, estimate_months, parse_length
from .money import parse_price_value, parse_tuition

__all__ = [
    "Hours",
    "Length",
    "award_level_label",
    "credential_from_award_level",
    "credential_from_text",
    "parse_length",
    "estimate_months",
    "parse_hours",
    "parse_tuition",
    "parse_price_value",
    "parse_delivery",
    "delivery_from_flags",
    "find_certifications",
    "normalize_certification",
    "find_accreditations",
    "is_cahiim_statement",
    "normalize_cip",
    "cip_family",
    "cip_for_program_name",
    "in_scope",
    "normalize_institution_name",
    "clean_institution_name",
    "normalize_url",
    "site_domain",
    "url_on_site",
    "normalize_state",
    "normalize_zip5",
]
