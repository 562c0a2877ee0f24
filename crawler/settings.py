"""Scrapy settings for the Programs Near You crawler.

Every base URL comes from a setting (and the environment variable of the same
name), so tests and ``make run`` point the spiders at the sample sources on
127.0.0.1 and nothing ever reaches the internet by accident.
"""

import os

BOT_NAME = "programs_near_you"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Identify ourselves, with a contact, and follow the sites' rules.
USER_AGENT = os.environ.get(
    "CRAWLER_USER_AGENT",
    "ProgramsNearYouBot/0.1 (+https://programsnearyou.org/bot; crawler@programsnearyou.org)",
)
ROBOTSTXT_OBEY = True

# Politeness: AutoThrottle plus per-site concurrency limits.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # a 50 MB "program page" is not a program page
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
# The IPEDS completions file is large; its spider raises the limit for itself.

# Transient failures are retried.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("CRAWLER_LOG_LEVEL", "INFO")
TELNETCONSOLE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    # waits out Retry-After on 429 before the retry middleware re-queues the request
    "crawler.middlewares.RetryAfterMiddleware": 560,
}

ITEM_PIPELINES = {
    "crawler.pipelines.ValidatePipeline": 100,
    "crawler.pipelines.NormalisePipeline": 200,
    "crawler.pipelines.GeocodePipeline": 300,
    "crawler.pipelines.ResolvePipeline": 400,
    "crawler.pipelines.StorePipeline": 900,
}

EXTENSIONS = {
    # first: the crawl's one store, which the others (and the pipelines) take from the crawler
    "crawler.extensions.StoreExtension": 10,
    "crawler.extensions.CrawlLock": 50,
    "crawler.extensions.RunRecorder": 100,
    "crawler.extensions.Progress": 200,
}

# Where listings go: the store URL (see programs.store).
PROGRAMS_STORE = os.environ.get("PROGRAMS_STORE", "sqlite:///data/programs.db")
STORE_BATCH_SIZE = 500
STORE_WRITE_RETRIES = 3
CRAWL_LOCK_TTL = 15 * 60
PROGRESS_INTERVAL = float(os.environ.get("CRAWLER_PROGRESS_INTERVAL", "10"))
RUN_PROGRESS_INTERVAL = (
    5.0  # seconds between saves of a running run's counts (the operator page polls them)
)
CRAWL_LOG_DIR = os.environ.get("CRAWL_LOG_DIR", "logs")

# Sources.
# IPEDS_BASE_URL may be a local folder (file:///...), e.g. the shipped snapshot ops/snapshot/ipeds;
# listings record IPEDS_PUBLIC_BASE_URL (where NCES publishes the files) as their source address.
IPEDS_BASE_URL = os.environ.get("IPEDS_BASE_URL", "https://nces.ed.gov/ipeds/datacenter/data/")
IPEDS_PUBLIC_BASE_URL = os.environ.get(
    "IPEDS_PUBLIC_BASE_URL", "https://nces.ed.gov/ipeds/datacenter/data/"
)
IPEDS_YEAR = os.environ.get("IPEDS_YEAR", "2024")
# The edition of the data a run reads, shown beside each listing (the ipeds spider names its own).
SOURCE_VINTAGE = os.environ.get("SOURCE_VINTAGE", "")
# Prefixes of fetched addresses to record differently (sample mode: the sample server's address).
RECORDED_URL_PREFIXES: dict[str, str] = {}
IPEDS_INCLUDE_NEIGHBOURS = os.environ.get("IPEDS_INCLUDE_NEIGHBOURS", "0") == "1"
IPEDS_MAXSIZE = 512 * 1024 * 1024

SCORECARD_BASE_URL = os.environ.get(
    "SCORECARD_BASE_URL", "https://api.data.gov/ed/collegescorecard/v1/"
)
SCORECARD_PER_PAGE = 100
SCORECARD_MAX_PAGES = 200
# The key comes from the environment (SCORECARD_API_KEY) and is sent as a header, never in a URL or a log line.

PROGRAM_PAGES_MAX_DEPTH = 3
PROGRAM_PAGES_MAX_PAGES_PER_SITE = 40
PROGRAM_PAGES_SEEDS = os.environ.get("PROGRAM_PAGES_SEEDS", "")
PROGRAM_PAGES_SITE_LIMIT = int(os.environ.get("PROGRAM_PAGES_SITE_LIMIT", "0"))
