"""docker-compose.yml cannot run here (no Docker engine): check it by reading it.

Every service's command exists in the project, the ports and environment
variable names match the code, Elasticsearch has a healthcheck and a named volume.
"""

from __future__ import annotations

import importlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def env_of(name: str) -> dict:
    return SERVICES[name].get("environment") or {}


def test_services_present():
    assert {"elasticsearch", "api", "scheduler", "scrapyd"} <= set(SERVICES)


def test_elasticsearch_single_node_with_healthcheck_and_volume():
    es = SERVICES["elasticsearch"]
    assert es["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:9.")
    assert es["environment"]["discovery.type"] == "single-node"
    assert "xpack.security.enabled" in es["environment"]  # a deliberate, documented choice
    assert "healthcheck" in es and "_cluster/health" in " ".join(es["healthcheck"]["test"])
    volume = es["volumes"][0].split(":")[0]
    assert volume in COMPOSE["volumes"]


def test_client_major_version_matches_the_server():
    import elasticsearch

    server_major = SERVICES["elasticsearch"]["image"].rsplit(":", 1)[1].split(".")[0]
    assert str(elasticsearch.__versionstr__).split(".")[0] == server_major
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'"elasticsearch>={server_major}.' in pyproject


@pytest.mark.parametrize("name", ["api", "scheduler", "scrapyd"])
def test_app_services_point_at_elasticsearch_through_the_documented_variables(name):
    env = env_of(name)
    assert env["PROGRAMS_STORE"] == "http://elasticsearch:9200"
    readme = (ROOT / "README.md").read_text()
    for var in env:
        assert var in readme, f"{var} is not documented in the README"
    depends = SERVICES[name].get("depends_on") or {}
    assert depends.get("elasticsearch", {}).get("condition") == "service_healthy"


def test_environment_names_are_read_by_the_code():
    code = "\n".join(
        p.read_text()
        for p in ROOT.glob("**/*.py")
        if ".venv" not in p.parts and "tests" not in p.parts
    )
    for service in ("api", "scheduler", "scrapyd"):
        for var in env_of(service):
            assert re.search(rf"['\"]{re.escape(var)}['\"]", code), (
                f"{var} is not read anywhere in the code"
            )


def test_api_command_is_gunicorn_on_the_wsgi_app_and_the_port_matches():
    api = SERVICES["api"]
    command = api["command"]
    assert command[0] == "gunicorn"
    target = command[-1]
    module, attr = target.split(":")
    app = getattr(importlib.import_module(module), attr)
    assert callable(app)
    bind = command[command.index("--bind") + 1]
    port = bind.rsplit(":", 1)[1]
    assert any(p.endswith(f":{port}:{port}") for p in api["ports"])
    health = " ".join(api["healthcheck"]["test"])
    assert f"localhost:{port}/readyz" in health


def test_scheduler_command_is_the_cli():
    command = SERVICES["scheduler"]["command"]
    assert command[:2] == ["programs", "scheduler"]
    from ops.cli import build_parser

    build_parser().parse_args(command[1:])  # the CLI accepts it


def test_scrapyd_runs_the_installed_project():
    assert SERVICES["scrapyd"]["command"][0] == "scrapyd"
    conf = (ROOT / "scrapyd.conf").read_text()
    assert "programs_near_you = crawler.settings" in conf and "http_port = 6800" in conf
    assert any(p.endswith(":6800:6800") for p in SERVICES["scrapyd"]["ports"])
    assert env_of("scheduler")["SCRAPYD_URL"] == "http://scrapyd:6800"
    from ops.launcher import SCRAPYD_PROJECT

    assert SCRAPYD_PROJECT == "programs_near_you"
    assert "programs_near_you = crawler.settings" in (ROOT / "scrapy.cfg").read_text()
    assert SERVICES["scrapyd"]["working_dir"] == "/app"  # where the Dockerfile copies both files


def test_dockerfile_installs_the_extras_compose_needs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install '.[scrapyd]'" in dockerfile
    assert "scrapyd" in (ROOT / "pyproject.toml").read_text()
    for path in re.findall(r"^COPY (\S+)", dockerfile, flags=re.M):
        assert (ROOT / path).exists(), path


def test_ports_bind_to_loopback_only():
    for name, service in SERVICES.items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} on every interface"


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker client")
def test_docker_client_accepts_the_file():
    import os
    import subprocess

    proc = subprocess.run(
        [
            shutil.which("docker"),
            "compose",
            "-f",
            str(ROOT / "docker-compose.yml"),
            "config",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "ADMIN_TOKEN": "x"},
    )
    if "is not a docker command" in proc.stderr or "unknown" in proc.stderr.lower():
        pytest.skip("this docker client has no compose plugin")
    assert proc.returncode == 0, proc.stderr


RAW = (ROOT / "docker-compose.yml").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def test_no_variable_is_required_for_every_command():
    """`${VAR:?}` makes every compose command (`docker compose exec ...`) fail without VAR in the shell."""
    assert not re.search(r"\$\{[A-Z_]+:?\?", RAW), (
        "a required variable breaks `docker compose exec`"
    )
    assert env_of("api")["ADMIN_TOKEN"] == "${ADMIN_TOKEN:-}"  # unset: the admin API is off (401)


def test_every_service_restarts_after_a_crash_or_reboot():
    for name, service in SERVICES.items():
        assert service.get("restart") in ("unless-stopped", "always"), name


def test_the_image_runs_as_an_unprivileged_user():
    users = re.findall(r"^USER\s+(\S+)", DOCKERFILE, flags=re.M)
    assert users and users[-1] not in ("root", "0", "0:0")
    assert "useradd" in DOCKERFILE and users[-1] in DOCKERFILE.split("useradd", 1)[1]
    last_user = DOCKERFILE.rindex("USER ")
    assert DOCKERFILE.index("pip install") < last_user  # installs as root, runs as the user
    assert "CMD" in DOCKERFILE[last_user:]
    for name, service in SERVICES.items():
        assert service.get("user") in (None, users[-1]), name


def test_scrapyd_in_the_image_listens_on_the_compose_network_only_there():
    conf = (ROOT / "scrapyd.conf").read_text()
    assert "bind_address = 127.0.0.1" in conf  # a host install: this machine only
    assert "bind_address = 0.0.0.0" in DOCKERFILE and ".scrapyd.conf" in DOCKERFILE


def test_the_readme_recipe_saves_and_shows_the_admin_token():
    readme = (ROOT / "README.md").read_text()
    assert 'echo "ADMIN_TOKEN=$(openssl rand -hex 32)" >> .env' in readme
    assert "grep ADMIN_TOKEN .env" in readme
    for line in readme.splitlines():  # never generated inline, unseen and unsaved, for compose
        assert not ("$(openssl rand" in line and "docker compose" in line), line
    assert ".env" in (ROOT / ".gitignore").read_text().split()
