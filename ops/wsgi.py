"""The WSGI entry point for gunicorn: ``gunicorn -c python:ops.gunicorn_conf ops.wsgi:app``.

The service gets what starts crawls (for the admin API) here, by injection.
"""

from ops.launcher import launcher_factory
from search_api import create_app

app = create_app(launcher_factory=launcher_factory)
