"""docker-compose.yml cannot run here (no Docker engine): check it by reading it.

Every service's command exists in the project, the ports and environment
variable names match the code, Elasticsearch has a healthcheck and a named volume.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
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


# ------------------------------------------------------------------ the secured variant
SECURE = yaml.safe_load((ROOT / "docker-compose.secure.yml").read_text())
SECURE_SERVICES = SECURE["services"]
APP_SERVICES = ("api", "scheduler", "scrapyd")


def merged(name: str) -> dict:
    """A service as `docker compose -f docker-compose.yml -f docker-compose.secure.yml` sees it:
    mappings (environment, depends_on) merged key by key, lists of volumes joined, the rest replaced."""
    base, over = SERVICES.get(name, {}), SECURE_SERVICES.get(name, {})
    out = {**base, **over}
    for key in ("environment", "depends_on"):
        out[key] = {**(base.get(key) or {}), **(over.get(key) or {})}
    out["volumes"] = list(base.get("volumes") or []) + list(over.get("volumes") or [])
    return out


def test_secure_variant_runs_elasticsearch_with_security_and_https_on_the_setup_certificates():
    es = merged("elasticsearch")
    env = es["environment"]
    assert (
        env["xpack.security.enabled"] == "true" and env["xpack.security.http.ssl.enabled"] == "true"
    )
    # never a default: empty when unset, and es-setup (which this waits for) then stops everything
    assert env["ELASTIC_PASSWORD"] == "${ELASTIC_PASSWORD:-}"
    setup = SECURE_SERVICES["es-setup"]
    script = setup["command"][-1]
    config_dir = "/usr/share/elasticsearch/config/"
    assert f"certs:{config_dir}certs" in setup["volumes"]
    assert any(v.startswith(f"certs:{config_dir}certs") for v in es["volumes"])
    # the files Elasticsearch is told to use are the ones the setup makes (paths under config/)
    made = {
        "certs/ca/ca.crt",
        "certs/elasticsearch/elasticsearch.key",
        "certs/elasticsearch/elasticsearch.crt",
    }
    for key in ("key", "certificate", "certificate_authorities"):
        assert env[f"xpack.security.http.ssl.{key}"] in made
    assert "name: elasticsearch" in script and "dns: [elasticsearch, localhost]" in script
    assert es["depends_on"]["es-setup"]["condition"] == "service_healthy"
    health = " ".join(setup["healthcheck"]["test"])
    assert "elasticsearch/elasticsearch.crt" in health
    # healthy only after the files are owned by and readable for Elasticsearch's user
    assert "config/certs/certs-ready" in health
    assert script.index("chown -R 1000:0") < script.index("touch certs-ready")


def test_secure_healthcheck_sends_credentials_and_trusts_the_ca():
    test = " ".join(merged("elasticsearch")["healthcheck"]["test"])
    assert "https://localhost:9200/_cluster/health" in test
    assert "--cacert config/certs/ca/ca.crt" in test
    # $$ is compose's escape: the container's shell expands its own ELASTIC_PASSWORD
    assert '-u \\"elastic:$${ELASTIC_PASSWORD}\\"' in json.dumps(test)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_secure_services_connect_over_https_as_the_index_only_user(name):
    service = merged(name)
    env = service["environment"]
    store = env["PROGRAMS_STORE"]
    assert store.startswith("https://programs_app:${PROGRAMS_ES_PASSWORD:-}")
    assert store.endswith("@elasticsearch:9200")  # the host name the certificate is made for
    ca = env["ELASTICSEARCH_CA_CERTS"]
    mounts = [v.split(":") for v in service["volumes"]]
    assert any(src == "certs" and ca.startswith(dst + "/") for src, dst, *_ in mounts)
    assert ca.endswith("/ca/ca.crt")
    depends = service["depends_on"]
    assert depends["es-setup"]["condition"] == "service_completed_successfully"
    assert depends["elasticsearch"]["condition"] == "service_healthy"
    readme = (ROOT / "README.md").read_text()
    code = (ROOT / "programs" / "store" / "elasticsearch.py").read_text()
    for var in env:
        assert var in readme, f"{var} is not documented in the README"
    assert '"ELASTICSEARCH_CA_CERTS"' in code


def test_secure_role_has_index_privileges_only_on_the_prefix():
    setup = SECURE_SERVICES["es-setup"]
    role = json.loads(setup["environment"]["PROGRAMS_ROLE"])
    assert set(role) == {"indices"}  # no cluster privilege
    (grant,) = role["indices"]
    prefix = env_of("api")["PROGRAMS_INDEX_PREFIX"]
    assert grant["names"] == [f"{prefix}-*"]
    assert set(grant["privileges"]) <= {
        "read",
        "write",
        "create_index",
        "manage",
        "view_index_metadata",
    }
    script = setup["command"][-1]
    assert "_security/role/programs_app" in script and "_security/user/programs_app" in script
    assert '\\"roles\\":[\\"programs_app\\"]' in script


def test_secure_variant_publishes_nothing_new_and_names_its_volume():
    for name, service in SECURE_SERVICES.items():
        assert not service.get("ports"), f"{name} publishes ports in the secure variant"
    assert "certs" in SECURE["volumes"]
    assert "docker-compose.secure.yml" in (ROOT / "docker-compose.yml").read_text()


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker client")
def test_docker_client_accepts_the_secure_variant():

    proc = subprocess.run(
        [
            shutil.which("docker"),
            "compose",
            "-f",
            str(ROOT / "docker-compose.yml"),
            "-f",
            str(ROOT / "docker-compose.secure.yml"),
            "config",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "ADMIN_TOKEN": "x",
            "ELASTIC_PASSWORD": "x",
            "PROGRAMS_ES_PASSWORD": "y",
        },
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


# ------------------------------------------------------------------ the secured variant's script
SECURE_RAW = (ROOT / "docker-compose.secure.yml").read_text()
SETUP_SCRIPT = SECURE_SERVICES["es-setup"]["command"][-1]
#: the official Elasticsearch image runs Elasticsearch as the user `elasticsearch`, uid 1000, group 0
ES_UID, ES_GID = 1000, 0
#: the files es-setup makes, relative to the certs volume's root
MADE = (
    "ca/ca.crt",
    "ca/ca.key",
    "elasticsearch/elasticsearch.crt",
    "elasticsearch/elasticsearch.key",
)


def compose_literal(text: str) -> str:
    """The text a container gets from compose: ``$$`` is a literal ``$``; any other ``$`` would be
    interpolated by compose from the shell when the file is read (which a script must never be)."""
    out, i = [], 0
    while i < len(text):
        if text.startswith("$$", i):
            out.append("$")
            i += 2
            continue
        assert text[i] != "$", f"compose would interpolate {text[i : i + 20]!r} in the script"
        out.append(text[i])
        i += 1
    return "".join(out)


def app_identity() -> tuple[int, set[int]]:
    """The uid the image runs as, and its groups: its own group only (no -G, so never group 0)."""
    (line,) = [x for x in DOCKERFILE.splitlines() if "useradd" in x]
    uid = int(re.search(r"--uid (\d+)", line).group(1))
    assert "--user-group" in line and not re.search(r"(\s-G\s|--groups|--gid|\s-g\s)", line)
    return uid, {uid}


def run_setup(tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess, dict[str, tuple]]:
    """Run es-setup's script in bash on a volume whose certificates already exist (a re-run, which
    skips elasticsearch-certutil); chown records owners instead of changing them; curl and sleep
    pretend Elasticsearch answers. Returns the process and {path in the volume: (uid, gid)}."""
    certs = tmp_path / "config" / "certs"
    for rel in (*MADE, "instances.yml", "ca.zip", "certs.zip"):
        (certs / rel).parent.mkdir(parents=True, exist_ok=True)
        (certs / rel).write_text("fictional test content\n")
        (certs / rel).chmod(0o600)
    for folder in (certs, certs / "ca", certs / "elasticsearch"):
        folder.chmod(0o700)
    owners_log = tmp_path / "owners.log"
    stubs = (
        'chown() { [ "$#" = 3 ] && [ "$1" = -R ] && [ "$3" = . ] '
        '|| { echo "unexpected: chown $*" >&2; return 1; }; '
        'find . | sed "s|^|$2 |" >> "$OWNERS"; }\n'
        "curl() { echo 'missing authentication credentials'; }\n"
        "sleep() { :; }\n"
    )
    role = SECURE_SERVICES["es-setup"]["environment"]["PROGRAMS_ROLE"]
    proc = subprocess.run(
        ["bash", "-c", stubs + compose_literal(SETUP_SCRIPT)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], "OWNERS": str(owners_log), "PROGRAMS_ROLE": role, **env},
    )
    owners = {}
    if owners_log.exists():
        for line in owners_log.read_text().splitlines():
            ids, path = line.split(" ", 1)
            uid, gid = ids.split(":")
            owners[path.removeprefix(".").removeprefix("/")] = (int(uid), int(gid))
    return proc, owners


def can_read(root: Path, rel: str, uid: int, gids: set[int], owners: dict[str, tuple]) -> bool:
    """Whether (uid, gids) can open root/rel: x on every folder from the volume's root, r on the file.
    Files not chowned belong to root (es-setup runs as user 0)."""

    def allowed(path: str, bit: int) -> bool:
        mode = (root / path).stat().st_mode
        owner, group = owners.get(path, (0, 0))
        shift = 6 if uid == owner else 3 if group in gids else 0
        return bool((mode >> shift) & bit)

    parts = rel.split("/")
    folders = ["/".join(parts[:i]) for i in range(len(parts))]  # "" is the volume's root
    return all(allowed(f, 0o1) for f in folders) and allowed(rel, 0o4)


PASSWORDS = {"ELASTIC_PASSWORD": "fictional1", "PROGRAMS_ES_PASSWORD": "fictional2"}


def test_secure_certs_are_readable_by_the_app_image_user_and_keys_by_elasticsearch_only(tmp_path):
    """The app (the Dockerfile's uid) must read the CA certificate ELASTICSEARCH_CA_CERTS names, or
    every TLS connection fails; Elasticsearch must read its certificate and key; nobody else a key."""
    proc, owners = run_setup(tmp_path, **PASSWORDS)
    assert proc.returncode == 0, proc.stderr
    volume = tmp_path / "config" / "certs"
    assert set(owners.values()) == {(ES_UID, ES_GID)}
    app_uid, app_gids = app_identity()
    assert app_uid not in (0, ES_UID) and ES_GID not in app_gids
    for name in APP_SERVICES:
        service = merged(name)
        ca = service["environment"]["ELASTICSEARCH_CA_CERTS"]
        (mount,) = [v.split(":")[1] for v in service["volumes"] if v.startswith("certs:")]
        rel = ca.removeprefix(mount + "/")
        assert rel in MADE
        assert can_read(volume, rel, app_uid, app_gids, owners), f"{name} cannot read {ca}"
    es_env = merged("elasticsearch")["environment"]
    for key in ("key", "certificate", "certificate_authorities"):
        rel = es_env[f"xpack.security.http.ssl.{key}"].removeprefix("certs/")
        assert can_read(volume, rel, ES_UID, {ES_GID}, owners), rel
    keys = [rel for rel in MADE if rel.endswith(".key")]
    assert keys and not any(can_read(volume, k, app_uid, app_gids, owners) for k in keys)
    assert not list(volume.glob("*.zip"))  # the zips hold copies of the keys
    assert (volume / "certs-ready").exists()
    assert "es-setup: certificates, role and user ready" in proc.stdout


@pytest.mark.parametrize(
    ("env", "refused"),
    [
        ({}, "ELASTIC_PASSWORD"),
        ({"PROGRAMS_ES_PASSWORD": "fictional2"}, "ELASTIC_PASSWORD"),
        ({"ELASTIC_PASSWORD": "fictional1"}, "PROGRAMS_ES_PASSWORD"),
        ({"ELASTIC_PASSWORD": "", "PROGRAMS_ES_PASSWORD": "fictional2"}, "ELASTIC_PASSWORD"),
        (
            {"ELASTIC_PASSWORD": "fictional1", "PROGRAMS_ES_PASSWORD": "a@b/c"},
            "PROGRAMS_ES_PASSWORD",
        ),
    ],
)
def test_secure_setup_stops_first_thing_without_a_usable_password(tmp_path, env, refused):
    proc, owners = run_setup(tmp_path, **env)
    assert proc.returncode == 1
    assert f"es-setup: {refused} is not set" in proc.stderr and ".env" in proc.stderr
    assert owners == {} and not (tmp_path / "config" / "certs" / "certs-ready").exists()


def test_secure_variant_requires_no_variable_for_every_command_but_stops_without_passwords():
    """Like docker-compose.yml: `${VAR:?}` would break `docker compose exec/logs/ps` without VAR in
    the shell. The passwords default to empty instead, and everything that needs them waits for
    es-setup, which refuses to run without them (the test above)."""
    assert not re.search(r"\$\{[A-Z_]+:?\?", SECURE_RAW)
    for name in APP_SERVICES:
        assert (
            merged(name)["depends_on"]["es-setup"]["condition"] == "service_completed_successfully"
        )
    assert merged("elasticsearch")["depends_on"]["es-setup"]["condition"] == "service_healthy"
    setup = SECURE_SERVICES["es-setup"]
    assert setup["environment"]["ELASTIC_PASSWORD"] == "${ELASTIC_PASSWORD:-}"
    assert setup["environment"]["PROGRAMS_ES_PASSWORD"] == "${PROGRAMS_ES_PASSWORD:-}"
    script = compose_literal(SETUP_SCRIPT)
    first_change = min(
        script.index(x) for x in ("cd config/certs", "elasticsearch-certutil", "chown")
    )
    assert script.index("need ELASTIC_PASSWORD") < first_change
    assert script.index("need PROGRAMS_ES_PASSWORD") < first_change
