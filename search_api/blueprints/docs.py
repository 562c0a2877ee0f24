"""The offline API docs: Swagger UI assets from the swagger-ui-bundle package, and problem-type pages.

APIFlask serves the OpenAPI document (/api/v1/openapi.json) and the docs page
(/api/v1/docs); its SWAGGER_UI_* settings point at the assets served here, so
the page loads nothing from the internet.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, send_from_directory

from ..problems import TYPES

bp = Blueprint("docs", __name__)

ASSET_PREFIX = "/api/v1/docs/assets"
ASSETS = {
    "swagger-ui.css",
    "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js",
    "favicon-16x16.png",
    "favicon-32x32.png",
}


def swagger_ui_dir() -> str | None:
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return swagger_ui_bundle.swagger_ui_path


def ui_config() -> dict:
    """APIFlask settings that make its Swagger UI page use the local assets."""
    return {
        "SWAGGER_UI_CSS": f"{ASSET_PREFIX}/swagger-ui.css",
        "SWAGGER_UI_BUNDLE_JS": f"{ASSET_PREFIX}/swagger-ui-bundle.js",
        "SWAGGER_UI_STANDALONE_PRESET_JS": f"{ASSET_PREFIX}/swagger-ui-standalone-preset.js",
        "DOCS_FAVICON": f"{ASSET_PREFIX}/favicon-32x32.png",
        # no badge from validator.swagger.io, no "try it out" against other hosts
        "SWAGGER_UI_CONFIG": {
            "validatorUrl": None,
            "docExpansion": "list",
            "defaultModelsExpandDepth": 0,
        },
    }


@bp.get(f"{ASSET_PREFIX}/<name>")
def asset(name: str):
    folder = swagger_ui_dir()
    if name not in ASSETS or folder is None:
        abort(404)
    resp = send_from_directory(folder, name, max_age=86400)
    return resp


@bp.get("/api/v1/problems/<slug>")
def problem_type(slug: str):
    if slug not in TYPES:
        abort(404)
    title, text = TYPES[slug]
    return render_template("problem_type.html", slug=slug, title=title, text=text)
