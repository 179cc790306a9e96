import os
import subprocess
from pathlib import Path

from wagtail.models import Collection, Locale, Page, Site

import pytest

from home.models import HomePage
from tests.factories import about_you_section, add_form, make_consultation, make_partner


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(scope="session")
def clamd_socket():
    """A real clamd (Debian's clamav-daemon) with only our EICAR test signatures, started once
    per test session by .ci/clamd.sh (which installs the package when missing)."""
    from django.conf import settings as django_settings

    script = Path(__file__).resolve().parent.parent / ".ci" / "clamd.sh"
    clamd_dir = Path(django_settings.VAR_DIR) / "clamd-test"
    env = {**os.environ, "CLAMD_DIR": str(clamd_dir)}
    already_running = (clamd_dir / "clamd.sock").exists()  # CI's, or another run's: leave it running
    started = subprocess.run(["bash", str(script), "start"], check=True, capture_output=True, text=True, env=env)  # noqa: S603
    yield started.stdout.strip().splitlines()[-1]
    if not already_running:
        subprocess.run(["bash", str(script), "stop"], check=False, env=env)  # noqa: S603


@pytest.fixture
def clamd(settings, clamd_socket):
    """Uploads are scanned by the real clamd."""
    settings.CLAMD_SOCKET = clamd_socket
    return clamd_socket


@pytest.fixture
def no_clamd(settings, tmp_path):
    """clamd cannot be reached (a socket nobody listens on): uploads are held unscanned."""
    settings.CLAMD_SOCKET = str(tmp_path / "no-clamd.sock")


@pytest.fixture(autouse=True)
def _empty_process_memos():
    """Each test starts with empty per-process memos (home.process_memo), as a new worker does:
    their keys are content, but a rolled-back database reuses ids between tests."""
    from home.process_memo import clear_all

    clear_all()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in the source language, whatever the previous one activated."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def fragments(settings):
    """The fragment, route and embed caches on (production's setting), the page cache off."""
    from django.core.cache import cache

    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    return settings


@pytest.fixture
def locales(db):
    from django.conf import settings as django_settings

    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in django_settings.LANGUAGES}


@pytest.fixture
def home_page(db, locales):
    """Root → HomePage as the default site's root, as the demo and production have it, and the
    root Collection that images and documents go in."""
    root = Page.get_first_root_node()
    if root is None:  # a transactional (live server) test flushed the tree that migrations made
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales["en"]))
    if Collection.get_first_root_node() is None:  # flushed with it: a new document would fail
        Collection.add_root(name="Root")
    home = HomePage.objects.filter(locale=locales["en"]).first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Have your say", slug="home-test", introduction="Welcome."))
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"}
    )
    return home


@pytest.fixture
def fresh_rate_limits(settings):
    """Empty rate-limit counters, a generous response limit and no reCAPTCHA: for tests about a
    form rather than its limits (a folder's conftest makes it autouse)."""
    from django.core.cache import cache

    cache.clear()
    settings.FEEDBACK_RATE_LIMIT = "10000/h"
    settings.RECAPTCHA_ENABLED = False
    return settings


@pytest.fixture
def consultation(home_page):
    """An open consultation (opened 10 days ago, closes in 20) under the home page."""
    return make_consultation(home_page)


@pytest.fixture
def form_page(consultation):
    """The consultation's published response form: the standard questions and "About you"."""
    return add_form(consultation, about_you=about_you_section())


@pytest.fixture
def partner(db):
    return make_partner()


def pytest_collection_modifyitems(config, items):
    """Run tests on a real transaction (browser tests, the task worker) last: they flush the
    database they leave behind, so every test in a rolled-back transaction runs first."""

    def flushes(item):
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in item.fixturenames

    items.sort(key=lambda item: 2 if item.get_closest_marker("browser") else 1 if flushes(item) else 0)
