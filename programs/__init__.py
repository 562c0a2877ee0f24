"""Programs Near You: the core shared by the crawler and the search API.

The listing model, the normalisers, ZIP/geo lookup, the search query model and
the store interface with its SQLite and Elasticsearch backends live here. Nothing
in this package imports Scrapy or Flask.
"""
