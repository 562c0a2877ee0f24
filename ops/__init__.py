"""The composition layer: the command line, the crawl launcher, the scheduler and the WSGI entry point.

It is the only package that imports both the crawler (Scrapy) and the search service (Flask); the
core, ``programs``, imports neither.
"""
