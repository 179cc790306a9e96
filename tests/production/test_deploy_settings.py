"""Production settings: `check --deploy` clean, refuses to start without a real SECRET_KEY,
and a lost database gives a clean 503 page (run in subprocesses with production's environment)."""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "CACHE_URL", "DJANGO_SETTINGS_MODULE", "MFA_REQUIRED", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="testserver,localhost",
    )
    env.update(extra)
    return env


def run(args, env, timeout=180):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def test_check_deploy_is_clean_at_warning_level(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_a_development_secret_key(tmp_path):
    result = run(["manage.py", "check"], production_env(tmp_path, SECRET_KEY="dev-only-insecure-key-do-not-use-in-production"))
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nothing listens there


SCRIPT = """
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
for path in ("/", "/healthz", "/consultations/"):
    response = client.get(path, secure=True)
    print(path, response.status_code, response.get("Retry-After"), "Traceback" in response.content.decode(),
          "unavailable" in response.content.decode())
"""


def test_database_unreachable_gives_a_clean_503_page_not_a_traceback(tmp_path):
    env = production_env(tmp_path, DATABASE_URL=f"postgres://nobody@127.0.0.1:{closed_port()}/nothing", DB_CONNECT_TIMEOUT="1")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text('{"paths": {"dist/css/main.css": "dist/css/main.css"}, "version": "1.1"}')
    result = run(["-c", SCRIPT], env)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    for path in ("/", "/consultations/"):
        status, retry_after, traceback, friendly = lines[path].split()
        assert status == "503" and retry_after == "30" and traceback == "False" and friendly == "True", lines[path]
    assert lines["/healthz"].split()[0] == "503"
