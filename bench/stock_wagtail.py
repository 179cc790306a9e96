"""A stock Wagtail site (`wagtail start`), the baseline the page figures are read against.

Its own virtualenv, built with pip from the same pinned Wagtail, Django, gunicorn and psycopg2
as ours (constraints.txt), so the only difference is our code. It uses the bench's PostgreSQL
(a database of its own) and is served by gunicorn with the same settings as our site. The
virtualenv and the generated site are kept between runs (about a minute to build), keyed by the
pins, under BENCH_STOCK_DIR (default /tmp/hys-bench-stock).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOCK = Path(os.environ.get("BENCH_STOCK_DIR", "/tmp/hys-bench-stock"))
PACKAGES = ("wagtail", "Django", "gunicorn", "psycopg2-binary")
PROJECT = "baseline"


def pins():
    text = (ROOT / "constraints.txt").read_text()
    found = []
    for name in PACKAGES:
        match = re.search(rf"^{re.escape(name)}==(\S+)$", text, re.MULTILINE | re.IGNORECASE)
        if not match:
            raise RuntimeError(f"{name} is not pinned in constraints.txt")
        found.append(f"{name}=={match.group(1)}")
    return found


def _run(command, *, cwd=None, env=None, timeout=600):
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode:
        raise RuntimeError(f"{' '.join(map(str, command[:4]))} failed:\n{result.stderr[-1500:]}")
    return result.stdout


def build(say=print):
    """The stock site's folder and python, built when missing or when the pins changed."""
    wanted = " ".join(pins())
    venv, site = STOCK / "venv", STOCK / "site"
    marker = venv / ".bench-pins"
    if not (marker.exists() and marker.read_text() == wanted and (site / "manage.py").exists()):
        say(f"  building the stock Wagtail site's virtualenv ({wanted}); about a minute, kept")
        shutil.rmtree(STOCK, ignore_errors=True)
        STOCK.mkdir(parents=True)
        _run([sys.executable, "-m", "venv", str(venv)])
        _run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *pins()], timeout=900
        )
        site.mkdir()
        _run([str(venv / "bin" / "wagtail"), "start", PROJECT, str(site)])
        marker.write_text(wanted)
    return site, venv / "bin" / "python"


def prepare(database_url, admin_url, secret_key, say=print):
    """Build (once), point the site at its own database, migrate, collect static: its env."""
    site, python = build(say)
    _create_database(admin_url, database_url.rsplit("/", 1)[-1])
    (site / PROJECT / "settings" / "local.py").write_text(_local_settings(database_url))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": f"{PROJECT}.settings.production",
        "BENCH_SECRET_KEY": secret_key,
    }
    _run([str(python), "manage.py", "migrate", "--noinput"], cwd=site, env=env)
    _run([str(python), "manage.py", "collectstatic", "--noinput"], cwd=site, env=env)
    return site, python, env


def _local_settings(database_url):
    name = database_url.rsplit("/", 1)[-1]
    host_port = database_url.split("@", 1)[1].rsplit("/", 1)[0]
    host, port = host_port.split(":")
    return (
        '"""Written by bench/stock_wagtail.py: the bench\'s PostgreSQL and loopback hosts."""\n'
        "import os\n\n"
        'SECRET_KEY = os.environ["BENCH_SECRET_KEY"]\n'
        'ALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
        "DATABASES = {\n"
        '    "default": {\n'
        '        "ENGINE": "django.db.backends.postgresql",\n'
        f'        "NAME": {name!r}, "USER": "postgres", "HOST": {host!r}, "PORT": {port!r},\n'
        '        "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True,  # as ours (production.py)\n'
        "    }\n"
        "}\n"
    )


def _create_database(admin_url, name):
    """CREATE DATABASE through our own psycopg2 (the bench's process has it); kept if it exists."""
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not cursor.fetchone():
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def gunicorn_command(python, port, workers, threads):
    return [
        str(python),
        "-m",
        "gunicorn",
        f"{PROJECT}.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(workers),
        "-k",
        "gthread",
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--log-level",
        "error",
    ]
