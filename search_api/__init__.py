"""The search service: the JSON API, the web page and the embeddable widget.

Built by :func:`create_app` (Flask's application-factory pattern, on APIFlask):

1. configuration: :data:`search_api.config.DEFAULTS`, then the environment
   (``PROGRAMS_STORE``, ``ADMIN_TOKEN``, ...; read here, never at import), then
   ``test_config``;
2. extensions, each with an ``init_app(app)``: problems (error handlers), the
   store, response headers;
3. the blueprints, one per concern, registered in :func:`register_blueprints`.

What starts crawls is not this package's business: the admin API's "start a run"
uses the ``launcher_factory`` given to :func:`create_app` (the composition layer,
``ops.wsgi``, passes ``ops.launcher.launcher_factory``); without one it answers 503.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from apiflask import APIFlask

from . import compression, http, problems
from . import config as config_module
from . import store as store_ext
from .searching import Searcher

__all__ = ["create_app", "register_blueprints"]

API_TITLE = "Programs Near You API"
API_VERSION = "1.0.0"
API_DESCRIPTION = (
    "Medical billing, medical coding and health information programs near a place, from public sources "
    "(IPEDS, College Scorecard) and the schools' own pages. Public GET endpoints; CORS open to every origin. "
    "Errors are RFC 9457 problem details (application/problem+json)."
)


def register_blueprints(app: APIFlask) -> None:
    """Every blueprint of the service, one per concern."""
    from .blueprints import admin, docs, health, meta, pages, program_page, search
    from .blueprints import programs as programs_bp

    app.register_blueprint(search.bp)  # GET /api/v1/programs
    app.register_blueprint(programs_bp.bp)  # GET /api/v1/programs/<id>
    app.register_blueprint(meta.bp)  # GET /api/v1/meta
    app.register_blueprint(health.bp)  # /healthz, /readyz
    app.register_blueprint(docs.bp)  # Swagger UI assets, problem-type pages
    app.register_blueprint(pages.bp)  # /, /embed, /widget.js
    app.register_blueprint(program_page.bp)  # /programs/<id>, the program's own page
    app.register_blueprint(admin.bp)  # /api/v1/admin/* (bearer token), /admin


def create_app(
    test_config: Mapping[str, Any] | None = None,
    *,
    launcher_factory: Callable[..., Any] | None = None,
) -> APIFlask:
    """The service. ``launcher_factory(store, config)`` builds what starts a crawl for the admin
    API (see ``ops.launcher``); a ``LAUNCHER_FACTORY`` in ``test_config`` wins over it."""
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
    if launcher_factory is not None:
        app.config["LAUNCHER_FACTORY"] = launcher_factory
    if test_config is not None:
        app.config.from_mapping(test_config)

    # 2. extensions
    problems.init_app(app)
    store_ext.init_app(app)
    http.init_app(app)
    compression.init_app(app)
    app.extensions["searcher"] = Searcher(
        cache_seconds=app.config["SEARCH_CACHE_SECONDS"],
        cache_size=app.config["SEARCH_CACHE_SIZE"],
        online_total_seconds=app.config["ONLINE_TOTAL_CACHE_SECONDS"],
    )
    app.spec_processor(_spec_processor)

    # 3. blueprints
    register_blueprints(app)

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
