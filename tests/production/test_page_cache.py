"""home.cache: anonymous page views cached by URL, language and large print, in Django's cache
framework; purged on publish through Wagtail's frontend-cache invalidation."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home import cache as page_cache_module
from home.display import DISPLAY_COOKIE, LARGE_PRINT
from home.translation import translate_page, translated_instance


def state(response):
    return response.get("X-Page-Cache")


@pytest.mark.django_db
def test_second_anonymous_view_is_served_from_the_cache_without_touching_the_database(client, home_page, page_cache):
    first = client.get(home_page.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(home_page.url)
    assert (state(first), state(second)) == ("miss", "hit")
    assert len(queries) == 0
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]
    assert int(second["Content-Length"]) == len(second.content)  # not sent chunked
    assert "Set-Cookie" not in second and not second.cookies


@pytest.mark.django_db
def test_cacheable_pages_say_so_to_any_shared_cache(client, home_page, page_cache):
    response = client.get(home_page.url)
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=300"} <= control  # a CDN keeps it; a browser asks again
    assert "Cookie" in response["Vary"]  # large print


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
    assert not caches["pages"]._cache  # noqa: SLF001 (nothing stored: LocMemCache's own dict)


@pytest.mark.django_db
def test_signed_in_people_and_query_strings_are_never_cached(client, home_page, page_cache, django_user_model):
    assert state(client.get(home_page.url + "?utm=x")) is None
    assert state(client.get(home_page.url + "?utm=x")) is None
    user = django_user_model.objects.create_user("reader", "r@example.nhs.uk", "pw-long-enough-123")
    client.force_login(user)
    assert state(client.get(home_page.url)) is None
    assert state(client.get(home_page.url)) is None


@pytest.mark.django_db
def test_a_link_with_tracking_parameters_is_served_from_the_cache_but_kept_from_shared_caches(
    client, consultation, page_cache
):
    bare = client.get(consultation.url)
    with CaptureQueriesContext(connection) as queries:
        shared = client.get(f"{consultation.url}?utm_source=facebook&utm_medium=social&fbclid=x")
    assert (state(bare), state(shared)) == ("miss", "hit")
    assert len(queries) == 0
    assert shared.content == bare.content  # nothing on the page echoes the parameters
    assert shared["Cache-Control"] == "private, max-age=0"  # a CDN keys by the whole address
    assert "s-maxage" in bare["Cache-Control"]


@pytest.mark.django_db
def test_tracking_parameters_are_dropped_before_the_page_is_built(client, consultation, page_cache):
    first = client.get(consultation.url + "?gclid=abc&UTM_Campaign=spring")
    assert state(first) == "miss"
    assert "gclid" not in first.content.decode() and "spring" not in first.content.decode()
    assert state(client.get(consultation.url)) == "hit"  # stored under the bare address
    assert "s-maxage" not in first["Cache-Control"]


@pytest.mark.django_db
def test_a_query_that_a_page_may_read_is_kept_and_bypasses_the_cache(
    client, home_page, consultation, page_cache
):
    index = consultation.get_parent().specific
    assert state(client.get(index.url + "?status=open&utm_source=leaflet")) is None
    response = client.get(index.url + "?status=open&utm_source=leaflet")
    assert state(response) is None
    assert response.wsgi_request.GET.dict() == {"status": "open"}


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
        **page_cache.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "worker-1"},
        "worker-2": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "worker-2"},
    }
    page_cache.PAGE_CACHE_ALIAS = "worker-2"
    client.get(home_page.url)
    assert state(client.get(home_page.url)) == "hit"
    page_cache.PAGE_CACHE_ALIAS = "pages"  # the editor's publish is handled by worker 1
    home_page.title = "Have your say in Northfield"
    home_page.save_revision().publish()
    page_cache.PAGE_CACHE_ALIAS = "worker-2"
    response = client.get(home_page.url)
    assert state(response) == "miss"
    assert "Have your say in Northfield" in response.content.decode()
    assert state(client.get(home_page.url)) == "hit"


@pytest.mark.django_db
def test_publishing_a_consultation_purges_it_in_every_language_and_the_pages_that_list_it(client, home_page, page_cache, django_capture_on_commit_callbacks, tmp_path):
    """With a cache every process shares (Redis in production; files here), the purge is by URL:
    an unrelated page stays cached."""
    from tests.youwedid.conftest import make_consultation

    page_cache.CACHES = {**page_cache.CACHES, "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "pages")}}

    consultation = make_consultation(home_page)
    index = consultation.get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        for page in (home_page, index, consultation):
            translate_page(page, "cy", {})
    welsh = translated_instance(consultation, "cy")
    other = make_consultation(home_page, slug="westfield", title="Westfield dental services")
    urls = [home_page.url, index.url, consultation.url, welsh.url, other.url]
    for url in urls:
        client.get(url)
        assert state(client.get(url)) == "hit", url
    consultation.title = "Eastbrook urgent treatment centre"
    consultation.save_revision().publish()
    assert [state(client.get(url)) for url in urls] == ["miss", "miss", "miss", "miss", "hit"]
    assert "Eastbrook urgent treatment centre" in client.get(consultation.url).content.decode()


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
def test_the_same_purge_reaches_a_cdn_with_translations_ancestors_and_an_outcomes_consultations(home_page, page_cache, monkeypatch, django_capture_on_commit_callbacks):
    from tests.youwedid.conftest import make_consultation, make_outcome

    consultation = make_consultation(home_page)
    outcome = make_outcome(home_page, [consultation])
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "cy", {})
        translate_page(consultation.get_parent(), "cy", {})
        translate_page(consultation, "cy", {})
    welsh = translated_instance(consultation, "cy")
    purged = []
    monkeypatch.setattr("wagtail.contrib.frontend_cache.backends.HTTPBackend.purge", lambda self, url: purged.append(url))
    page_cache.WAGTAILFRONTENDCACHE = {
        **page_cache.WAGTAILFRONTENDCACHE,
        "cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"},
    }
    page_cache_module.purge_page(outcome)  # Wagtail's task runs at once here (the immediate task backend)
    paths = {url.split("://", 1)[1].split("/", 1)[1] for url in purged}
    for page in (outcome, consultation, welsh, outcome.get_parent(), home_page):
        assert page.url.lstrip("/") in paths, page.url


@pytest.mark.django_db
def test_a_cache_outage_serves_pages_uncached(client, home_page, page_cache):
    page_cache.CACHES = {**page_cache.CACHES, "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    response = client.get(home_page.url)
    assert response.status_code == 200 and state(response) is None


def test_cache_lifetime_stops_at_the_next_opening_or_closing(settings):
    import datetime

    from django.utils import timezone

    settings.PAGE_CACHE_SECONDS = 300
    now = timezone.now()

    class Page:
        opens_at = now - datetime.timedelta(days=1)
        closes_at = now + datetime.timedelta(seconds=90)

    assert page_cache_module.timeout_for(Page(), now=now) == 90


@pytest.mark.django_db
def test_a_page_that_sets_a_cookie_or_a_csrf_token_is_never_stored(rf, home_page, page_cache):
    from django.http import HttpResponse
    from django.middleware.csrf import CsrfViewMiddleware, get_token

    from home.cache import PageCacheMiddleware

    def page_view(request, with_cookie=False, with_token=False):
        response = HttpResponse("<p>page</p>")
        response.context_data = {"page": home_page}  # what a Wagtail page's TemplateResponse carries
        if with_cookie:
            response.set_cookie("seen", "1")
        if with_token:
            get_token(request)
        return response

    cookie = PageCacheMiddleware(lambda request: page_view(request, with_cookie=True))
    token = PageCacheMiddleware(CsrfViewMiddleware(lambda request: page_view(request, with_token=True)))
    plain = PageCacheMiddleware(page_view)
    for middleware in (cookie, token):
        for _ in range(2):
            response = middleware(rf.get("/a-page/"))
            assert state(response) is None
            assert response.cookies
    assert not caches["pages"]._cache  # noqa: SLF001 (nothing stored)
    assert state(plain(rf.get("/a-page/"))) == "miss"
    assert state(plain(rf.get("/a-page/"))) == "hit"


@pytest.mark.django_db
def test_pages_listing_consultations_are_kept_only_until_one_opens_or_closes(client, home_page, page_cache, fragments):
    import datetime
    import re

    from django.utils import timezone

    from tests.factories import make_consultation

    page_cache.PAGE_CACHE_SECONDS = 300
    closing = make_consultation(home_page, title="Urgent care in Northfield", closes=5)
    closing.closes_at = timezone.now() + datetime.timedelta(seconds=90)
    closing.save_revision().publish()
    index = closing.get_parent()

    def kept_for(url):
        response = client.get(url)
        assert state(response) == "miss", url
        return int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))

    # The home page's list and the index's groups change when it closes, with no publish: neither
    # page may be kept past that moment, by us or by any cache in front (s-maxage).
    assert 0 < kept_for(home_page.url) <= 90
    assert 0 < kept_for(index.url) <= 90
    page_cache.FRAGMENT_CACHE_SECONDS = 0  # the same without cached fragments
    caches["pages"].clear()
    assert 0 < kept_for(home_page.url) <= 90
