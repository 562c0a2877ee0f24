"""The service under gunicorn (ops.wsgi:app with ops.gunicorn_conf), as `make run` serves it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.headers.get_content_type(), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get_content_type(), err.read()


@pytest.fixture(scope="module")
def gunicorn_url(api_store_url):
    pytest.importorskip("gunicorn")
    port = _free_port()
    env = {**os.environ, "PROGRAMS_STORE": api_store_url, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:ops.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "ops.wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if _get(url + "/healthz")[0] == 200:
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(
                "gunicorn did not start: " + proc.stdout.read().decode(errors="replace")[-2000:]
            )
        time.sleep(0.1)
    yield url
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_search_under_gunicorn(gunicorn_url):
    status, ctype, body = _get(gunicorn_url + "/api/v1/programs?zip=60601")
    assert status == 200 and ctype == "application/json"
    assert json.loads(body)["total"] == 8
    status, ctype, _ = _get(gunicorn_url + "/readyz")
    assert status == 200


def test_long_query_reaches_the_app_and_gets_a_problem(gunicorn_url):
    status, ctype, body = _get(gunicorn_url + "/api/v1/programs?zip=60601&q=" + "a" * 7000)
    assert status == 400 and ctype == "application/problem+json"
    assert json.loads(body)["param"] == "q"


def test_page_under_gunicorn(gunicorn_url):
    status, ctype, body = _get(gunicorn_url + "/?zip=30301")
    assert status == 200 and ctype == "text/html"
    assert b"2 programs within 25 miles of 30301" in body
