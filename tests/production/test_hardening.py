"""Production faults from the security review (issue 15), each in real subprocesses with
production's settings: every process is a separate gunicorn worker as far as memory goes."""

import pytest

from tests.production.test_deploy_settings import production_env, run

PASSWORD = "correct horse battery staple"  # noqa: S105
# Production settings, but static files from the finders: nothing here ran collectstatic.
SETUP = """
import django
from django.conf import settings
settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
django.setup()
"""

FAILED_SIGN_INS = (
    SETUP
    + """
from django.test import Client
client = Client()
for _ in range(5):
    print(client.post("/admin/login/", {"username": "staff", "password": "wrong"}, secure=True).status_code)
"""
)

RIGHT_SIGN_IN = (
    SETUP
    + f"""
from django.test import Client
print("STATUS", Client().post("/admin/login/", {{"username": "staff", "password": "{PASSWORD}"}}, secure=True).status_code)
"""
)

CREATE_USER = (
    SETUP
    + f"""
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser("staff", "staff@example.nhs.uk", "{PASSWORD}")
"""
)

REQUESTS = (
    SETUP
    + """
from django.test import Client
client = Client(raise_request_exception=False)
for path, host in [("/favicon.ico", "testserver"), ("/", "evil.example")]:
    response = client.get(path, HTTP_HOST=host, secure=True)
    print("STATUS", path, response.status_code, response.get("Location", "-"))
"""
)


def test_sign_in_throttle_holds_across_worker_processes_without_redis(tmp_path):
    env = production_env(tmp_path, ADMIN_LOGIN_RATE="5/15m")
    migrated = run(["manage.py", "migrate", "--noinput"], env, timeout=600)
    assert migrated.returncode == 0, migrated.stderr
    assert run(["-c", CREATE_USER], env).returncode == 0

    failures = run(["-c", FAILED_SIGN_INS], env)  # one worker sees five wrong passwords…
    assert failures.returncode == 0, failures.stderr
    assert failures.stdout.split() == ["200"] * 5
    other_worker = run(["-c", RIGHT_SIGN_IN], env)  # …and the next attempt lands on another
    assert other_worker.returncode == 0, other_worker.stderr
    assert "STATUS 429" in other_worker.stdout


@pytest.mark.parametrize("settings_module", ["config.settings.production", "config.settings.dev"])
def test_favicon_and_bad_hosts_before_the_database_is_migrated(tmp_path, settings_module):
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE=settings_module)
    result = run(["-c", REQUESTS], env)
    assert result.returncode == 0, result.stderr
    lines = {
        line.split()[1]: line.split()[2:]
        for line in result.stdout.splitlines()
        if line.startswith("STATUS")
    }
    status, location = lines["/favicon.ico"]
    assert status == "302" and location.endswith("/favicon.ico") and location.startswith("/static/")
    if settings_module.endswith("production"):  # development allows every host
        assert lines["/"][0] == "400"
        # Each bad Host header is refused quietly: no error line, no traceback in the logs.
        assert "Invalid HTTP_HOST" not in result.stderr and "Traceback" not in result.stderr
