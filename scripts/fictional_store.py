"""A small store of FICTIONAL programs near Chicago, for the screenshots and the page tests.

Every school's name says "(fictional)", and no school has an IPEDS unit id (a made-up one would
point College Navigator at a real, different school). The coordinates are real places in and
around Chicago so that distances and the map look like a real search.
"""

from __future__ import annotations

from pathlib import Path

from programs.model import Institution, Listing, Outcomes, Program

FETCHED_AT = "2026-11-20T03:00:00Z"
#: the editions the fictional sources' data is said to be (each says it is fictional), as the cards and
#: the program page name them; the schools' own pages have no edition, only the day they were read.
#: (No run is recorded, so the page has no "Data:" line and no sample banner.)
VINTAGES = {
    "ipeds": "IPEDS 2023\u201324 completions and 2024 directory \u2014 fictional schools",
    "scorecard": "College Scorecard 2026 release \u2014 fictional schools",
}


def _listing(lid, school, program, lat, lon, *, city, zip5, address, outcomes=None, **prog):
    return Listing(
        id=lid,
        institution=Institution(
            name=f"{school} (fictional)",
            url=f"https://{lid}.example.edu/",
            address=address,
            city=city,
            state="IL",
            zip=zip5,
            lat=lat,
            lon=lon,
        ),
        program=Program(name=program, **prog),
        outcomes=outcomes or Outcomes(),
    )


def fictional_listings() -> list[Listing]:
    return [
        _listing(
            "lakefront-mbc",
            "Lakefront Career Institute",
            "Medical Billing and Coding Certificate",
            41.8827,
            -87.6233,
            city="Chicago",
            zip5="60601",
            address="100 E Example Plaza",
            credential="certificate",
            length_months=9,
            length_text="9 months",
            delivery="hybrid",
            tuition_usd=4200,
            certifications=["CPC", "CCA"],
            accreditations=["ABHES"],
            url="https://lakefront-mbc.example.edu/billing-coding",
            description=(
                "A nine-month certificate in medical billing and ICD-10/CPT coding, with an "
                "externship at a clinic and preparation for the CPC exam."
            ),
            cip="51.0713",
            award_level=21,
            award_level_label="Certificate of at least 12 weeks but less than 1 year",
            outcomes=Outcomes(
                median_earnings_1yr=34100,
                median_earnings_2yr=37900,
                median_debt=6500,
                completions=48,
            ),
        ),
        _listing(
            "riverside-hit",
            "Riverside Community College",
            "Health Information Technology AAS",
            41.8781,
            -87.6398,
            city="Chicago",
            zip5="60606",
            address="200 W Sample Street",
            credential="associate",
            length_months=24,
            delivery="on_campus",
            tuition_usd=9800,
            certifications=["RHIT"],
            accreditations=["CAHIIM"],
            url="https://riverside-hit.example.edu/hit",
            description="A two-year degree in health information, accredited by CAHIIM.",
            outcomes=Outcomes(median_earnings_1yr=41200, median_debt=9100, completions=31),
        ),
        _listing(
            "prairie-coding",
            "Prairie Medical Academy",
            "Medical Coding Specialist Diploma",
            42.0451,
            -87.6877,
            city="Evanston",
            zip5="60201",
            address="300 Illustration Avenue",
            credential="certificate",
            length_months=6,
            delivery="online",
            tuition_text="$310 per credit",
            certifications=["CCS"],
            url="https://prairie-coding.example.edu/coding",
            outcomes=Outcomes(completions=12),
        ),
        _listing(
            "westgate-billing",
            "Westgate Technical College",
            "Medical Office Billing Certificate",
            41.8500,
            -87.8500,
            city="Oak Park",
            zip5="60302",
            address="400 Placeholder Road",
            credential="certificate",
            length_months=4,
            delivery="on_campus",
            tuition_usd=2600,
            certifications=["CPB"],
        ),
        _listing(
            "northshore-him",
            "North Shore University",
            "Health Information Management BS",
            42.0580,
            -87.6750,
            city="Evanston",
            zip5="60208",
            address="500 Demo Hall",
            credential="bachelor",
            length_months=48,
            delivery="online",
            tuition_usd=38000,
            certifications=["RHIA"],
            accreditations=["CAHIIM"],
            url="https://northshore-him.example.edu/him",
        ),
    ]


def build(path: Path) -> str:
    """Write the fictional store to ``path`` (SQLite); returns its store URL."""
    from programs.store import open_store

    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        listings = fictional_listings()
        store.upsert(listings, source="ipeds", fetched_at=FETCHED_AT, vintage=VINTAGES["ipeds"])
        with_earnings = [x for x in listings if x.outcomes.median_earnings_1yr is not None]
        store.upsert(
            with_earnings,
            source="scorecard",
            fetched_at="2026-11-21T03:00:00Z",
            vintage=VINTAGES["scorecard"],
        )
        with_page = [x for x in listings if x.program.url]
        store.upsert(
            with_page,
            source="program_pages",
            fetched_at="2026-11-22T03:00:00Z",
            url_of={x.id: x.program.url for x in with_page if x.program.url},
        )
    finally:
        store.close()
    return url
