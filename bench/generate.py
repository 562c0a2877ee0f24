"""Generated listings spread over real ZIP codes, for benchmarks.

A realistic mix: half certificates (short courses to 12-month diplomas), a
third associate degrees, the rest bachelor's and a few master's; on campus,
online and hybrid; costs and exams by credential. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from programs.geo import _zip_table
from programs.merge import build, flatten
from programs.model import Institution, Listing, Program, SourceRef

CREDENTIAL_MIX = [("certificate", 50), ("associate", 30), ("bachelor", 15), ("master", 5)]
PROGRAMS = {
    "certificate": [
        (
            "Medical Billing and Coding Certificate",
            "51.0713",
            (3, 12),
            (1500, 6000),
            ["CPC", "CBCS", "CCA"],
        ),
        ("Medical Coding Short Course", "51.0713", (1, 3), (500, 3000), ["CPC", "CPC-A"]),
        ("Medical Billing Specialist Diploma", "51.0714", (6, 12), (8000, 20000), ["CPB", "CBCS"]),
    ],
    "associate": [
        (
            "Health Information Technology AAS",
            "51.0707",
            (18, 24),
            (8000, 15000),
            ["RHIT", "CCA", "CCS"],
        )
    ],
    "bachelor": [
        ("Health Information Management BS", "51.0706", (36, 48), (30000, 60000), ["RHIA"])
    ],
    "master": [
        ("Health Information Management MS", "51.0706", (18, 24), (20000, 45000), ["RHIA", "CHDA"])
    ],
}
DELIVERY_MIX = [("on_campus", 50), ("online", 25), ("hybrid", 25)]


def real_zips() -> list[tuple[str, float, float, str, str]]:
    return [
        (r.zip, r.lat, r.lon, r.city, r.state)
        for r in _zip_table().values()
        if r.lat is not None and r.kind == "STANDARD"
    ]


def _pick(rnd: random.Random, mix):
    return rnd.choices([v for v, _ in mix], weights=[w for _, w in mix])[0]


def generate(n: int, seed: int = 42, run_id: str = "bench") -> Iterator[Listing]:
    rnd = random.Random(seed)
    zips = real_zips()
    for i in range(n):
        zip5, lat, lon, city, state = rnd.choice(zips)
        credential = _pick(rnd, CREDENTIAL_MIX)
        name, cip, (lo, hi), (c_lo, c_hi), certs = rnd.choice(PROGRAMS[credential])
        months = float(rnd.randint(lo, hi))
        listing = Listing(
            id=f"bench{i:07d}",
            institution=Institution(
                name=f"{city.title()} {rnd.choice(['Community', 'Technical', 'State', 'Career'])} "
                f"College {i}",
                unitid=str(200000 + i),
                url=f"https://college{i}.example.edu/",
                city=city,
                state=state,
                zip=zip5,
                lat=round(lat + rnd.uniform(-0.01, 0.01), 5),
                lon=round(lon + rnd.uniform(-0.01, 0.01), 5),
            ),
            program=Program(
                name=name,
                cip=cip,
                credential=credential,
                length_months=months if rnd.random() > 0.1 else None,
                delivery=_pick(rnd, DELIVERY_MIX),
                tuition_usd=float(rnd.randrange(c_lo, c_hi, 50)) if rnd.random() > 0.15 else None,
                certifications=sorted(rnd.sample(certs, rnd.randint(0, len(certs)))),
                accreditations=["CAHIIM"]
                if credential != "certificate" and rnd.random() < 0.5
                else [],
            ),
        )
        ref = SourceRef(
            source="ipeds",
            fetched_at="2026-11-25T00:00:00Z",
            run_id=run_id,
            fields=flatten(listing),
            first_seen="2026-11-25T00:00:00Z",
        )
        yield build(listing.id, [ref])


def sample_queries(n: int, seed: int = 7) -> list[dict]:
    """Near-ZIP searches with filters, over varied real ZIPs."""
    rnd = random.Random(seed)
    zips = real_zips()
    out = []
    for _ in range(n):
        zip5 = rnd.choice(zips)[0]
        out.append(
            {
                "zip": zip5,
                "radius": rnd.choice([10, 25, 25, 25, 50]),
                "credential": rnd.choice(["certificate", "associate"]),
                "max_months": rnd.choice([6, 12, 24]),
            }
        )
    return out
