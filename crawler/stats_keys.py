"""The crawl stats keys this project writes, in one place.

Some are signals between components (``STORE_FAILED`` is set by the store
pipeline and read by the run recorder); the others are counts a person reads in
the log and the tests check. A key is spelt only here.
"""

from __future__ import annotations

# counted drops: DROPPED_PREFIX + reason (see crawler.drops)
DROPPED_PREFIX = "programs/dropped/"

# the store
STORE_FAILED = "programs/store/failed"  # a batch of listings could not be written: no sweep
STORE_WRITE_ERRORS = "programs/store/write_errors"
INSTITUTIONS_SAVED = "programs/institutions/saved"

# what the store pipeline did with the listings
ITEMS_NEW = "programs/items/new"
ITEMS_UPDATED = "programs/items/updated"
ITEMS_UNCHANGED = "programs/items/unchanged"
ITEMS_STORED = "programs/items/stored"
LISTINGS_READ = "programs/listings/read"
# read and waiting to be written: the store pipeline writes in batches of STORE_BATCH_SIZE
LISTINGS_WAITING = "programs/listings/waiting"
ITEMS_REMOVED = "programs/items/removed"
RUN_STATUS = "programs/run_status"

# geocoding and resolving
GEOCODE_FROM_ZIP = "programs/geocode/from_zip"
GEOCODE_UNKNOWN_ZIP = "programs/geocode/unknown_zip"
RESOLVE_ATTACHED_BY_CREDENTIAL = "programs/resolve/attached_by_credential"
RESOLVE_NEW_FROM_PAGE = "programs/resolve/new_from_page"

# the ipeds spider
IPEDS_PROGRAM_GROUPS = "programs/ipeds/program_groups"
# completions rows of a second major (MAJORNUM 2), skipped: the graduate is counted on the first-major row
IPEDS_SECOND_MAJOR_ROWS = "programs/ipeds/second_major_rows"
IPEDS_OUT_OF_SCOPE_AWARD_LEVEL = "programs/ipeds/out_of_scope_award_level"
IPEDS_INACTIVE_INSTITUTION = "programs/ipeds/inactive_institution"
# a file the snapshot's manifest does not hold: not requested, the run stays complete
IPEDS_FILES_NOT_IN_SNAPSHOT = "programs/ipeds/files_not_in_snapshot"

# the scorecard spider
SCORECARD_NOT_JSON = "programs/scorecard/not_json"

# the program_pages spider
PAGES_SITES = "programs/program_pages/sites"
PAGES_SITEMAP_URLS = "programs/program_pages/sitemap_urls"
PAGES_SITE_PAGE_LIMIT = "programs/program_pages/site_page_limit"
PAGES_ROBOTS_DISALLOWED = "programs/program_pages/robots_disallowed"
PAGES_ROBOTS_DISALLOWED_SITES = "programs/program_pages/robots_disallowed_sites"
PAGES_REDIRECTS = "programs/program_pages/redirects"
PAGES_PROGRAM_PAGES = "programs/program_pages/program_pages"
PAGES_NOT_HTML = "programs/program_pages/not_html"
PAGES_FAILED_PREFIX = "programs/program_pages/failed/"  # + http_<status> or the exception's name

# Scrapy's own keys this project reads
RESPONSE_RECEIVED = "response_received_count"
ITEM_SCRAPED = "item_scraped_count"
LOG_ERRORS = "log_count/ERROR"
SPIDER_EXCEPTIONS_PREFIX = "spider_exceptions/"
