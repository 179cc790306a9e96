"""docs/deploy.md against the code: every environment variable it lists is read by the settings,
every file and command it names exists."""

import re
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "deploy.md").read_text()
SETTINGS = "\n".join(p.read_text() for p in (ROOT / "site" / "settings").glob("*.py"))


def documented_variables():
    names = []
    for line in DOC.splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`([A-Z][A-Z0-9_]*(?:<KIND>)?)`", line.split("|")[1])
    return names


def test_every_documented_variable_is_read_from_the_environment():
    names = documented_variables()
    assert "PARTNER_INTAKE_RATE" in names and len(names) > 40
    unread = []
    for name in names:
        if name == "DATABASE_URL":
            ok = "dj_database_url.config(" in SETTINGS  # reads DATABASE_URL itself
        elif name.endswith("<KIND>"):
            ok = 'f"RETENTION_DAYS_{' in SETTINGS
        else:
            ok = re.search(
                rf"""(environ\.get|env_list|env_bool|env_int)\(\s*["']{name}["']""", SETTINGS
            )
        if not ok:
            unread.append(name)
    assert unread == []


def test_every_variable_is_listed_once():
    names = documented_variables()
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_a_rate_documented_as_a_variable_follows_it():
    code = "from django.conf import settings; print(settings.PARTNER_INTAKE_RATE, settings.FEEDBACK_GENERAL_RATE)"
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "PARTNER_INTAKE_RATE": "7/m",
        "FEEDBACK_GENERAL_RATE": "3/h",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )  # noqa: S603
    assert out.stdout.split() == ["7/m", "3/h"]


def test_the_files_and_commands_it_names_exist():
    for path in re.findall(
        r"`((?:site|home|feedback|security|partners|reporting|consultations|\.ci)/[\w./]+\.(?:py|sh))`",
        DOC,
    ):
        assert (ROOT / path).exists(), path
    assert "config/wsgi.py" not in DOC
    commands = set(get_commands())
    for name in re.findall(r"manage\.py (\w+)", DOC):
        assert name in commands, name
