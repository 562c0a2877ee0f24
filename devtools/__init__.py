"""Tools for a checkout of the repository: the sample sources' server and sample mode.

Not part of the installed package (the wheel ships ``programs``, ``crawler``,
``search_api`` and ``ops`` only): ``programs crawl --sample`` and ``programs demo``
use these from a checkout, as the tests and benchmarks do.
"""
