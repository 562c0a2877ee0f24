"""What spiders yield: one source's raw view of one program listing.

Spiders fill what their source states, as the source states it (text is fine:
``length_text``, ``tuition_text``, ``credential_text``); the pipelines validate,
normalise with the core's functions, geocode, resolve the listing id and store.
"""

import scrapy


class ListingItem(scrapy.Item):
    source = scrapy.Field()  # spider name: ipeds | scorecard | program_pages
    url = scrapy.Field()  # where this came from
    unitid = scrapy.Field()  # IPEDS UNITID when known
    institution = scrapy.Field()  # dict: name, url, address, city, state, zip, lat, lon
    program = (
        scrapy.Field()
    )  # dict: name, cip, credential / credential_text, award_level, length_text,
    # length_months, credit_hours, clock_hours, delivery / delivery_text,
    # distance_education, tuition_usd / tuition_text, certifications,
    # certifications_text, accreditations, accreditations_text, url, description
    outcomes = (
        scrapy.Field()
    )  # dict: median_earnings_1yr, median_earnings_2yr, median_debt, completions
    attach_only = (
        scrapy.Field()
    )  # True: only add to existing listings of the institution (Scorecard)
    cip_family = scrapy.Field()  # with attach_only: the 4-digit CIP family it covers ("51.07")
    listings = scrapy.Field()  # filled by the pipelines: the Listing objects to store


class InstitutionItem(scrapy.Item):
    """A directory entry: an institution whose own site may list programs (program_pages seeds)."""

    source = scrapy.Field()
    unitid = scrapy.Field()
    name = scrapy.Field()
    url = scrapy.Field()
    zip = scrapy.Field()
