"""gunicorn settings for the search service.

    gunicorn -c python:ops.gunicorn_conf --bind 127.0.0.1:8000 --workers 4 ops.wsgi:app

* ``preload_app``: the app is built once in the master and shared copy-on-write by the workers;
  ``gc.freeze()`` before each fork keeps the collector from touching (and so copying) those pages.
  (The ZIP and city tables are not in memory: ``programs.geo_data`` reads them from a small SQLite
  file, one connection per process.)
  The store is opened lazily in each worker (see ``search_api.store``), never before the fork.
* ``limit_request_line``: gunicorn's default (4094 bytes) answers a long URL itself with a plain
  414 page; at the largest limit gunicorn allows (8190 bytes) a too-long parameter (``q`` over 200
  characters, ``location`` over 100) reaches the app and gets a problem-details 400 naming it.
  Longer request lines still get gunicorn's own 414.
"""

import gc

preload_app = True
limit_request_line = 8190  # gunicorn's maximum; longer URLs still get its plain 414


def pre_fork(server, worker):  # noqa: ARG001 - gunicorn's hook signature
    gc.freeze()
