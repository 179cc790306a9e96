"""home.cache: anonymous page views cached by URL, language and large print; purged on publish."""

import re

from django.core.cache import cache

import pytest

from home import cache as page_cache_module
from home.display import DISPLAY_COOKIE, LARGE_PRINT
from home.translation import translate_page, translated_instance


def state(response):
    return response.get("X-Page-Cache")


def nonce_of(response):
    found = re.findall(r'nonce="([^"]+)"', response.content.decode())
    return found[0] if found else None


@pytest.mark.django_db
def test_second_anonymous_view_is_served_from_the_cache_with_a_fresh_nonce(client, home_page, page_cache):
    first = client.get(home_page.url)
    second = client.get(home_page.url)
    assert (state(first), state(second)) == ("miss", "hit")
    assert second.status_code == 200
    assert nonce_of(first) != nonce_of(second)
    assert f"'nonce-{nonce_of(second)}'" in second["Content-Security-Policy"]
    assert int(second["Content-Length"]) == len(second.content)  # not sent chunked
    strip = lambda r: r.content.decode().replace(nonce_of(r), "N")  # noqa: E731
    assert strip(first) == strip(second)


@pytest.mark.django_db
def test_cache_varies_by_language(client, home_page, page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "pl", {"Welcome.": "Witamy."})
    polish = translated_instance(home_page, "pl")
    assert state(client.get(home_page.url)) == "miss"
    assert state(client.get(home_page.url)) == "hit"
    response = client.get(polish.url)
    assert state(response) == "miss"
    assert '<html lang="pl"' in response.content.decode()
    assert state(client.get(polish.url)) == "hit"


@pytest.mark.django_db
def test_cache_varies_by_large_print(client, home_page, page_cache):
    client.get(home_page.url)
    assert state(client.get(home_page.url)) == "hit"
    client.cookies[DISPLAY_COOKIE] = LARGE_PRINT
    response = client.get(home_page.url)
    assert state(response) == "miss"
    assert "hys-large-print" in response.content.decode()
    hit = client.get(home_page.url)
    assert state(hit) == "hit" and "hys-large-print" in hit.content.decode()


@pytest.mark.django_db
def test_forms_with_tokens_are_never_cached(client, home_page, page_cache):
    from tests.factories import add_form, make_consultation

    form_page = add_form(make_consultation(home_page))
    for _ in range(2):
        response = client.get(form_page.url, follow=True)
        assert response.status_code == 200
        assert state(response) is None
        assert "csrfmiddlewaretoken" in response.content.decode()
    assert not [key for key in cache._cache if "hys:page:" in str(key)]  # noqa: SLF001


@pytest.mark.django_db
def test_signed_in_people_and_query_strings_are_never_cached(client, home_page, page_cache, django_user_model):
    assert state(client.get(home_page.url + "?utm=x")) is None
    assert state(client.get(home_page.url + "?utm=x")) is None
    user = django_user_model.objects.create_user("reader", "r@example.nhs.uk", "pw-long-enough-123")
    client.force_login(user)
    assert state(client.get(home_page.url)) is None
    assert state(client.get(home_page.url)) is None


@pytest.mark.django_db
def test_admin_and_previews_are_never_cached(client, home_page, page_cache, django_user_model):
    assert state(client.get("/admin/login/")) is None
    assert state(client.get("/admin/login/")) is None


@pytest.mark.django_db
def test_publishing_a_page_purges_it(client, home_page, page_cache):
    client.get(home_page.url)
    assert state(client.get(home_page.url)) == "hit"
    home_page.title = "Have your say in Northfield"
    home_page.save_revision().publish()
    response = client.get(home_page.url)
    assert state(response) == "miss"
    assert "Have your say in Northfield" in response.content.decode()


@pytest.mark.django_db
def test_a_publish_in_one_process_purges_the_others_without_redis(client, home_page, page_cache, tmp_path):
    """Two gunicorn workers without Redis: each its own memory cache (two LocMemCache locations
    here), sharing only the machine's VAR_DIR."""
    page_cache.VAR_DIR = tmp_path
    page_cache.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "worker-1"},
        "worker-2": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "worker-2"},
    }
    page_cache.PAGE_CACHE_ALIAS = "worker-2"
    client.get(home_page.url)
    assert state(client.get(home_page.url)) == "hit"
    page_cache.PAGE_CACHE_ALIAS = "default"  # the editor's publish is handled by worker 1
    home_page.title = "Have your say in Northfield"
    home_page.save_revision().publish()
    page_cache.PAGE_CACHE_ALIAS = "worker-2"
    response = client.get(home_page.url)
    assert state(response) == "miss"
    assert "Have your say in Northfield" in response.content.decode()
    assert state(client.get(home_page.url)) == "hit"


@pytest.mark.django_db
def test_unpublishing_an_outcome_purges_its_consultation(client, home_page, page_cache):
    from tests.youwedid.conftest import make_consultation, make_outcome

    consultation = make_consultation(home_page)
    outcome = make_outcome(home_page, [consultation])
    client.get(consultation.url)
    assert state(client.get(consultation.url)) == "hit"
    outcome.unpublish()
    assert state(client.get(consultation.url)) == "miss"


@pytest.mark.django_db
def test_cdn_purge_covers_translations_parent_and_an_outcomes_consultations(home_page, page_cache, monkeypatch, django_capture_on_commit_callbacks):
    from tests.youwedid.conftest import make_consultation, make_outcome

    consultation = make_consultation(home_page)
    outcome = make_outcome(home_page, [consultation])
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "cy", {})
        translate_page(consultation.get_parent(), "cy", {})
        translate_page(consultation, "cy", {})
    welsh = translated_instance(consultation, "cy")
    purged = []
    monkeypatch.setattr("wagtail.contrib.frontend_cache.utils.purge_pages_from_cache", lambda pages: purged.extend(pages))
    page_cache.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}}
    page_cache_module.purge_page(outcome)
    ids = {page.pk for page in purged}
    assert {outcome.pk, consultation.pk, welsh.pk, outcome.get_parent().pk} <= ids


def test_cache_lifetime_stops_at_the_next_opening_or_closing(settings):
    import datetime

    from django.utils import timezone

    settings.PAGE_CACHE_SECONDS = 300
    now = timezone.now()

    class Page:
        opens_at = now - datetime.timedelta(days=1)
        closes_at = now + datetime.timedelta(seconds=90)

    assert page_cache_module.timeout_for(Page(), now=now) == 90
