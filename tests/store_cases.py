"""A deterministic set of listings for the store conformance suite, and the
independent reference computations the suite checks every backend against.

The reference code deliberately does not import programs.geo or the backends:
distances come from its own haversine, filters from plain Python.
"""

from __future__ import annotations

import math
import random
from typing import Any

from programs.model import Institution, Listing, Program

CENTRES = {
    "chicago": (41.8858, -87.6181),
    "atlanta": (33.7490, -84.3880),
    "san_juan": (18.4655, -66.1057),
    "anchorage": (61.2181, -149.9003),
    "honolulu": (21.3069, -157.8583),
    "adak": (51.88, -176.65),  # the Aleutians: near the antimeridian
}
CERTS = ["CPC", "CPB", "CCA", "CCS", "RHIT", "RHIA", "CBCS"]
ACCREDS = ["CAHIIM", "PCAP", "ABHES"]
CREDS = ["certificate", "associate", "bachelor", "master"]
DELIVS = ["on_campus", "online", "hybrid", None]
WORDS = [
    "Medical Coding",
    "Medical Billing and Coding",
    "Health Information Technology",
    "Health Information Management",
    "Medical Insurance Billing",
    "Coding Specialist",
]
SCHOOLS = [
    "Lakeshore",
    "Peachtree",
    "Isla",
    "Northern Lights",
    "Aloha",
    "Island",
    "Prairie",
    "Summit",
]


def _miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 3958.7613
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def make_listings(n_per_centre: int = 60, seed: int = 7) -> list[Listing]:
    rnd = random.Random(seed)
    out: list[Listing] = []
    i = 0
    for name, (clat, clon) in CENTRES.items():
        for _ in range(n_per_centre):
            i += 1
            # spread from 0 to ~150 miles around the centre
            lat = clat + rnd.uniform(-2.0, 2.0)
            lon = clon + rnd.uniform(-2.5, 2.5)
            if lon < -180:
                lon += 360
            if lon > 180:
                lon -= 360
            cred = rnd.choice(CREDS)
            length = rnd.choice([None, 1.5, 3.0, 4.0, 6.0, 9.0, 12.0, 18.0, 24.0, 48.0])
            tuition = rnd.choice([None, 899.0, 2500.0, 3995.0, 6000.0, 12000.0, 35000.0])
            school = f"{rnd.choice(SCHOOLS)} {name.replace('_', ' ').title()} College {i}"
            out.append(
                Listing(
                    id=f"L{i:04d}",
                    institution=Institution(
                        name=school,
                        unitid=str(100000 + i),
                        url=f"https://c{i}.example.edu/",
                        city=name.title(),
                        state="XX",
                        zip=f"{i:05d}",
                        lat=round(lat, 5),
                        lon=round(lon, 5),
                    ),
                    program=Program(
                        name=f"{rnd.choice(WORDS)} {cred.title()}",
                        credential=cred,
                        length_months=length,
                        delivery=rnd.choice(DELIVS),
                        tuition_usd=tuition,
                        certifications=sorted(rnd.sample(CERTS, rnd.choice([0, 1, 2]))),
                        accreditations=sorted(rnd.sample(ACCREDS, rnd.choice([0, 0, 1]))),
                    ),
                )
            )
    # two listings at exactly the same place, to test tie-breaking by id
    twin = out[0]
    for suffix in ("A", "B"):
        out.append(
            Listing(
                id=f"T{suffix}",
                institution=Institution(
                    **{**twin.institution.__dict__, "name": f"Twin {suffix} College"}
                ),
                program=Program(name="Medical Coding Certificate", credential="certificate"),
            )
        )
    return out


def band(months: float | None) -> str:
    if months is None:
        return "unknown"
    for name, upper in (("up_to_3", 3), ("3_to_6", 6), ("6_to_12", 12), ("12_to_24", 24)):
        if months <= upper:
            return name
    return "over_24"


def expected(
    listings: list[Listing],
    *,
    lat: float | None,
    lon: float | None,
    radius: float | None,
    credentials=(),
    deliveries=(),
    max_months=None,
    certifications=(),
    accreditations=(),
    max_tuition=None,
    words=(),
    sort: str = "distance",
) -> list[tuple[str, float | None]]:
    """(id, distance) of every match, in the documented order."""
    rows: list[tuple[Listing, float | None]] = []
    for item in listings:
        inst, prog = item.institution, item.program
        if item.status != "active" or inst.lat is None:
            continue
        d = _miles(lat, lon, inst.lat, inst.lon) if lat is not None else None
        if radius is not None and d > radius:
            continue
        if credentials and prog.credential not in credentials:
            continue
        # on_campus also matches hybrid (taught partly or optionally in person)
        matching = set(deliveries) | ({"hybrid"} if "on_campus" in deliveries else set())
        if deliveries and prog.delivery not in matching:
            continue
        if max_months is not None and (
            prog.length_months is None or prog.length_months > max_months
        ):
            continue
        if max_tuition is not None and (prog.tuition_usd is None or prog.tuition_usd > max_tuition):
            continue
        if certifications and not set(certifications) & set(prog.certifications):
            continue
        if accreditations and not set(accreditations) & set(prog.accreditations):
            continue
        text = f"{prog.name} {inst.name}".lower()
        if words and not all(
            any(tok.startswith(w) for tok in text.replace("-", " ").split()) for w in words
        ):
            continue
        rows.append((item, d))
    inf = float("inf")
    if sort == "length":
        rows.sort(
            key=lambda r: (
                r[0].program.length_months is None,
                r[0].program.length_months or 0,
                r[1] or inf,
                r[0].id,
            )
        )
    elif sort == "tuition":
        rows.sort(
            key=lambda r: (
                r[0].program.tuition_usd is None,
                r[0].program.tuition_usd or 0,
                r[1] or inf,
                r[0].id,
            )
        )
    else:
        rows.sort(key=lambda r: (r[1] if r[1] is not None else inf, r[0].id))
    return [(r[0].id, r[1]) for r in rows]


def expected_facets(listings: list[Listing], ids: list[str]) -> dict[str, dict[str, int]]:
    by_id = {item.id: item for item in listings}
    facets: dict[str, dict[str, int]] = {"credential": {}, "delivery": {}, "length": {}}
    for lid in ids:
        prog = by_id[lid].program
        if prog.credential:
            facets["credential"][prog.credential] = facets["credential"].get(prog.credential, 0) + 1
        if prog.delivery:
            facets["delivery"][prog.delivery] = facets["delivery"].get(prog.delivery, 0) + 1
        b = band(prog.length_months)
        facets["length"][b] = facets["length"].get(b, 0) + 1
    return facets


def as_dict(result: Any) -> list[tuple[str, float | None]]:
    return [(h.doc["id"], h.distance_miles) for h in result.hits]
