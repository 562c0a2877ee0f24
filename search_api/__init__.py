"""The search service: the JSON API, the web page and the embeddable widget.

Built by :func:`create_app` (Flask's application-factory pattern, on APIFlask):

1. configuration: :data:`search_api.config.DEFAULTS`, then the environment
   (``PROGRAMS_STORE``, ``ADMIN_TOKEN``, ...; read here, never at import), then
   ``test_config``;
2. extensions, each with an ``init_app(app)``: problems (error handlers), the
   store, response headers;
3. the blueprints in :data:`BLUEPRINTS`, one per concern. To add one (the admin
   API, say), add ``"search_api.blueprints.admin:bp"`` to the list.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping
from typing import Any

from apiflask import APIFlask

from . import config as config_module
from . import http, problems
from . import store as store_ext
from .searching import Searcher

__all__ = ["BLUEPRINTS", "create_app"]

#: "module:attribute" of every blueprint the app registers, in order
BLUEPRINTS: list[str] = [
    "search_api.blueprints.search:bp",  # GET /api/v1/programs
    "search_api.blueprints.programs:bp",  # GET /api/v1/programs/<id>
    "search_api.blueprints.meta:bp",  # GET /api/v1/meta
    "search_api.blueprints.health:bp",  # /healthz, /readyz
    "search_api.blueprints.docs:bp",  # Swagger UI assets, problem-type pages
    "search_api.blueprints.pages:bp",  # /, /embed, /widget.js
    "search_api.blueprints.admin:bp",  # /api/v1/admin/* (bearer token), /admin
]

API_TITLE = "Programs Near You API"
API_VERSION = "1.0.0"
API_DESCRIPTION = (
    "Medical billing, medical coding and health information programs near a place, from public sources "
    "(IPEDS, College Scorecard) and the schools' own pages. Public GET endpoints; CORS open to every origin. "
    "Errors are RFC 9457 problem details (application/problem+json)."
)


def _load(target: str):
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr or "bp")


def create_app(test_config: Mapping[str, Any] | None = None) -> APIFlask:
    app = APIFlask(
        __name__,
        title=API_TITLE,
        version=API_VERSION,
        spec_path="/api/v1/openapi.json",
        docs_path="/api/v1/docs",
        docs_ui="swagger-ui",
        docs_oauth2_redirect_path=None,
    )

    # 1. configuration
    from .blueprints.docs import ui_config

    app.config.from_mapping(config_module.DEFAULTS)
    app.config.from_mapping(ui_config())
    app.config["DESCRIPTION"] = API_DESCRIPTION
    app.config["VALIDATION_ERROR_SCHEMA"] = app.config["HTTP_ERROR_SCHEMA"] = _problem_schema()
    app.config.from_mapping(config_module.from_environment())
    if test_config is not None:
        app.config.from_mapping(test_config)

    # 2. extensions
    problems.init_app(app)
    store_ext.init_app(app)
    http.init_app(app)
    app.extensions["searcher"] = Searcher(
        cache_seconds=app.config["SEARCH_CACHE_SECONDS"],
        cache_size=app.config["SEARCH_CACHE_SIZE"],
        online_total_seconds=app.config["ONLINE_TOTAL_CACHE_SECONDS"],
    )
    app.spec_processor(_spec_processor)

    # 3. blueprints
    for target in BLUEPRINTS + list(app.config.get("EXTRA_BLUEPRINTS") or ()):
        app.register_blueprint(_load(target))

    if app.config["WARM_GEO"]:
        from programs.geo import _city_table, _zip_table

        _zip_table()
        _city_table()
    logging.getLogger("search_api").debug(
        "app created; store %s", problems.redact(str(app.config["PROGRAMS_STORE"]))
    )
    return app


def _problem_schema():
    from .schemas import ProblemOut

    return ProblemOut


def _spec_processor(spec: dict) -> dict:
    """Error answers are application/problem+json; every operation documents its problems."""
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                content = response.get("content")
                if str(status)[:1] in "45" and content and "application/json" in content:
                    content[problems.MIMETYPE] = content.pop("application/json")
    return spec
