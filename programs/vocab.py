"""The controlled vocabularies: credentials, deliveries, award levels, certifications,
accreditations and the CIP codes in scope. One place, read by normalisers, stores,
the API's validation and the ``/api/v1/meta`` endpoint."""

from __future__ import annotations

# graduate_certificate: post-baccalaureate and post-master's certificates (IPEDS award levels 6 and 8),
# kept apart from undergraduate certificates: a plain certificate search does not return them.
CREDENTIALS: tuple[str, ...] = (
    "certificate",
    "associate",
    "bachelor",
    "graduate_certificate",
    "master",
)
DELIVERIES: tuple[str, ...] = ("on_campus", "online", "hybrid")
SORTS: tuple[str, ...] = ("distance", "length", "tuition", "relevance")
SOURCES: tuple[str, ...] = ("ipeds", "scorecard", "program_pages")

# IPEDS AWLEVEL -> (label, credential class). Doctor's degrees (17/18/19) are out of scope.
AWARD_LEVELS: dict[int, tuple[str, str]] = {
    20: ("Certificate of less than 12 weeks", "certificate"),
    21: ("Certificate of at least 12 weeks but less than 1 year", "certificate"),
    1: ("Award of less than 1 academic year", "certificate"),
    2: ("Award of at least 1 but less than 2 academic years", "certificate"),
    3: ("Associate's degree", "associate"),
    4: ("Award of at least 2 but less than 4 academic years", "certificate"),
    5: ("Bachelor's degree", "bachelor"),
    6: ("Postbaccalaureate certificate", "graduate_certificate"),
    7: ("Master's degree", "master"),
    8: ("Post-master's certificate", "graduate_certificate"),
}

# College Scorecard credential.level -> credential class (levels 6-8 are out of scope).
SCORECARD_CREDENTIAL_LEVELS: dict[int, str] = {
    1: "certificate",
    2: "associate",
    3: "bachelor",
    4: "graduate_certificate",
    5: "master",
}

# Certification exams: code -> (full name, awarding body).
CERTIFICATIONS: dict[str, tuple[str, str]] = {
    "CPC": ("Certified Professional Coder", "AAPC"),
    "CPC-A": ("Certified Professional Coder - Apprentice", "AAPC"),
    "CPB": ("Certified Professional Biller", "AAPC"),
    "COC": ("Certified Outpatient Coder", "AAPC"),
    "CIC": ("Certified Inpatient Coder", "AAPC"),
    "CRC": ("Certified Risk Adjustment Coder", "AAPC"),
    "CCA": ("Certified Coding Associate", "AHIMA"),
    "CCS": ("Certified Coding Specialist", "AHIMA"),
    "CCS-P": ("Certified Coding Specialist - Physician-based", "AHIMA"),
    "RHIT": ("Registered Health Information Technician", "AHIMA"),
    "RHIA": ("Registered Health Information Administrator", "AHIMA"),
    "CDIP": ("Certified Documentation Integrity Practitioner", "AHIMA"),
    "CHDA": ("Certified Health Data Analyst", "AHIMA"),
    "CBCS": ("Certified Billing and Coding Specialist", "NHA"),
    "CMAA": ("Certified Medical Administrative Assistant", "NHA"),
    "CEHRS": ("Certified Electronic Health Records Specialist", "NHA"),
    "NCICS": ("National Certified Insurance and Coding Specialist", "NCCT"),
    "CMRS": ("Certified Medical Reimbursement Specialist", "AMBA"),
}

# Accreditations and approvals that matter for these programs: code -> full name.
ACCREDITATIONS: dict[str, str] = {
    "CAHIIM": "Commission on Accreditation for Health Informatics and Information Management Education",
    "PCAP": "AHIMA Professional Certificate Approval Program",
    "ABHES": "Accrediting Bureau of Health Education Schools",
    "ACCSC": "Accrediting Commission of Career Schools and Colleges",
    "COE": "Council on Occupational Education",
    "DEAC": "Distance Education Accrediting Commission",
    "AAPC": "AAPC Approved Education Partner",
}

# CIP 2020 codes in scope, with their titles.
CORE_CIPS: dict[str, str] = {
    "51.0713": "Medical Insurance Coding Specialist/Coder",
    "51.0714": "Medical Insurance Specialist/Medical Biller",
    "51.0707": "Health Information/Medical Records Technology/Technician",
    "51.0706": "Health Information/Medical Records Administration/Administrator",
    "51.0715": "Health/Medical Claims Examiner",
}
NEIGHBOUR_CIPS: dict[str, str] = {
    "51.0710": "Medical Office Assistant/Specialist",
    "51.0716": "Medical Administrative/Executive Assistant and Medical Secretary",
}

# Length facet bands in months, upper bound inclusive; a listing with no known length is "unknown".
LENGTH_BANDS: tuple[tuple[str, float | None], ...] = (
    ("up_to_3", 3.0),
    ("3_to_6", 6.0),
    ("6_to_12", 12.0),
    ("12_to_24", 24.0),
    ("over_24", None),
)
LENGTH_UNKNOWN = "unknown"
# What a listing's length rests on, from the most to the least trustworthy (programs.length).
LENGTH_BASES: tuple[str, ...] = ("school", "ipeds", "estimate", "award_level")


def length_band(months: float | None) -> str:
    """The facet band a program length falls in (bands are upper-bound inclusive)."""
    if months is None:
        return LENGTH_UNKNOWN
    for name, upper in LENGTH_BANDS:
        if upper is None or months <= upper:
            return name
    return LENGTH_BANDS[-1][0]
