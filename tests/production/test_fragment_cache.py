"""home.cache fragments and home.route_cache: pages built afresh stay cheap, and never stale."""

import datetime
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from home import cache as cache_module
from home import route_cache


@pytest.fixture
def consultation(home_page):
    from tests.factories import ConsultationIndexPageFactory, ConsultationPageFactory

    index = ConsultationIndexPageFactory(parent=home_page, show_in_menus=True)
    return ConsultationPageFactory(parent=index, title="Eastbrook minor injuries unit")


def without_nonce(response):
    return re.sub(r'nonce="[^"]+"', 'nonce="N"', response.content.decode())


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.django_db
def test_a_repeat_view_costs_a_few_queries_and_is_the_same_page(client, consultation, fragments):
    first, first_queries = queries_for(client, consultation.url)
    second, second_queries = queries_for(client, consultation.url)
    assert without_nonce(first) == without_nonce(second)
    assert "Eastbrook minor injuries unit" in second.content.decode()
    assert second_queries == 0 < first_queries, (first_queries, second_queries)


@pytest.mark.django_db
def test_without_the_setting_nothing_is_kept(client, consultation, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    cache.clear()
    client.get(consultation.url)  # the first view creates the per-site settings rows
    _, first_queries = queries_for(client, consultation.url)
    _, second_queries = queries_for(client, consultation.url)
    assert second_queries == first_queries


@pytest.mark.django_db
def test_publishing_shows_at_once(client, consultation, fragments):
    client.get(consultation.url)
    consultation.title = "Eastbrook urgent treatment centre"
    consultation.save_revision().publish()
    body = client.get(consultation.url).content.decode()
    assert "Eastbrook urgent treatment centre" in body
    assert "Eastbrook minor injuries unit" not in body


@pytest.mark.django_db
def test_unpublishing_is_a_404_at_once(client, consultation, fragments):
    url = consultation.url
    assert client.get(url).status_code == 200
    consultation.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_new_view_restriction_applies_at_once(client, consultation, fragments):
    from wagtail.models import PageViewRestriction

    url = consultation.url
    assert "Eastbrook minor injuries unit" in client.get(url).content.decode()
    PageViewRestriction.objects.create(page=consultation, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    response = client.get(url)
    assert "Eastbrook minor injuries unit" not in response.content.decode() or response.status_code != 200
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_the_status_follows_the_clock_without_a_publish(client, consultation, fragments, monkeypatch):
    assert "hys-closes-in" in client.get(consultation.url).content.decode()
    later = consultation.closes_at + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    body = client.get(consultation.url).content.decode()
    assert "hys-closes-in" not in body
    assert "This consultation closed" in body


@pytest.mark.django_db
def test_the_menu_marks_the_page_being_read(client, home_page, consultation, fragments):
    from home.models import StandardPage

    about = home_page.add_child(instance=StandardPage(title="About us", slug="about", summary="Who we are.", show_in_menus=True))
    about.save_revision().publish()
    index_url = consultation.get_parent().url

    def current(url):
        body = client.get(url).content.decode()
        return re.findall(r'href="([^"]+)" aria-current="page"', body)

    assert current(about.url) == [about.url]
    assert current(index_url) == [index_url]
    assert current(about.url) == [about.url]  # the second view comes from the cache, still right


@pytest.mark.django_db
def test_sub_pages_of_a_consultation_route_through_the_cache(client, consultation, fragments):
    calendar = consultation.url + "calendar/"
    for _ in range(2):
        response = client.get(calendar)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert b"Eastbrook minor injuries unit" in response.content
    assert client.get(consultation.url + "no-such-thing/").status_code == 404


@pytest.mark.django_db
def test_a_cache_outage_only_costs_speed(client, consultation, fragments, monkeypatch):
    class Broken:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        get_many = set = add = get

    monkeypatch.setattr(cache_module, "_cache", lambda: Broken())
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert "Eastbrook minor injuries unit" in response.content.decode()


class CountingCache:
    """The real cache, counting reads."""

    def __init__(self, real):
        self.real, self.reads = real, 0

    def get(self, *args, **kwargs):
        self.reads += 1
        return self.real.get(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.mark.django_db
def test_a_repeat_view_reads_only_the_generation_from_the_shared_cache(client, consultation, fragments, monkeypatch):
    counting = CountingCache(cache)
    monkeypatch.setattr(cache_module, "_cache", lambda: counting)
    client.get(consultation.url)
    first = counting.reads
    counting.reads = 0
    response = client.get(consultation.url)
    assert "Eastbrook minor injuries unit" in response.content.decode()
    # The dozen fragments and the route come from this process's copies (home.cache.shared_entry);
    # the one read left is the cache generation, which is how a publish elsewhere reaches us.
    assert counting.reads == 1 < first, (first, counting.reads)


@pytest.mark.django_db
def test_a_process_copy_ends_when_the_shared_entry_does(client, consultation, fragments, monkeypatch):
    fragments.FRAGMENT_CACHE_SECONDS = 60
    client.get(consultation.url)
    # The same content, changed without a publish (so the generation stays): only the end of the
    # fragment's lifetime can show it, in this process as in the shared cache.
    type(consultation).objects.filter(pk=consultation.pk).update(title="Eastbrook urgent treatment centre")
    assert "Eastbrook minor injuries unit" in client.get(consultation.url).content.decode()
    later = cache_module.time.time() + 61  # the shared cache lets the fragment go, and so must we
    monkeypatch.setattr(cache_module.time, "time", lambda: later)
    assert "Eastbrook urgent treatment centre" in client.get(consultation.url).content.decode()


@pytest.mark.django_db
def test_each_request_gets_its_own_copy_of_the_routed_page(rf, consultation, fragments):
    from wagtail import views as wagtail_views

    from home import internals

    def routed_page():
        request = rf.get(consultation.url)
        route_cache.RouteCacheMiddleware(lambda r: None).process_view(request, wagtail_views.serve, [consultation.url.strip("/") + "/"], {})
        return getattr(request, internals.WAGTAIL_ROUTE)[0]

    first, second = routed_page(), routed_page()
    assert first.pk == second.pk == consultation.pk
    first.title = "Changed by one view"
    assert second is not first and second.title == "Eastbrook minor injuries unit"
    assert routed_page().title == "Eastbrook minor injuries unit"


@pytest.mark.django_db
def test_the_display_toggle_returns_to_the_address_read_with_or_without_a_query(client, consultation, fragments):
    def next_value(url):
        return re.search(r'name="next" value="([^"]*)"', client.get(url).content.decode()).group(1)

    url = consultation.url
    assert next_value(url) == url
    assert next_value(url + "?from=leaflet") == url + "?from=leaflet"  # never the cached toolbar
    assert next_value(url) == url


@pytest.mark.django_db
def test_only_a_signed_in_reader_gets_wagtails_user_bar(client, consultation, fragments, django_user_model):
    assert "wagtail-userbar" not in client.get(consultation.url).content.decode()
    staff = django_user_model.objects.create_superuser("comms", "comms@example.nhs.uk", "pw-for-tests-only")
    client.force_login(staff)
    assert "wagtail-userbar" in client.get(consultation.url).content.decode()
