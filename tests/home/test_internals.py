"""Contracts for home.internals: each fails loudly when a Wagtail, treebeard or Django upgrade
changes an internal the site relies on. Read the failing test's docstring, then fix
home.internals (and only it)."""

from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

import pytest

from home import internals
from home.request_memo import RequestMemoMiddleware, remember


def page_request(path="/"):
    return RequestFactory().get(path, HTTP_HOST="localhost")


@pytest.fixture
def child(home_page):
    from tests.factories import ConsultationIndexPageFactory

    return ConsultationIndexPageFactory(parent=home_page, title="Consultations", slug="consultations")


@pytest.mark.django_db
def test_wagtail_remembers_the_route_and_site_where_internals_read_them(home_page, child):
    """Page.route_for_request() and Site.find_for_request() cache on the request under the names
    home.internals uses."""
    request = page_request("/consultations/")
    assert not internals.has_wagtail_route(request) and internals.wagtail_site(request) is None
    page, args, kwargs = Page.route_for_request(request, "/consultations/")
    assert page.pk == child.pk
    assert internals.has_wagtail_route(request)
    assert internals.wagtail_site(request) == Site.objects.get(is_default_site=True)
    internals.forget_wagtail_route(request)
    assert not internals.has_wagtail_route(request) and internals.wagtail_site(request) is None


@pytest.mark.django_db
def test_wagtail_uses_a_route_set_from_outside_without_a_query(home_page, child):
    """What home.route_cache relies on: a route and site set through home.internals are the ones
    Wagtail's lookups and its serve view use."""
    site = Site.objects.get(is_default_site=True)
    page = child.specific
    internals.use_view_restrictions(page, [])
    request = page_request("/anything-else/")
    internals.set_wagtail_route(request, site, (page, [], {}))
    with CaptureQueriesContext(connection) as queries:
        assert Site.find_for_request(request) is site
        assert Page.route_for_request(request, "/anything-else/") == (page, [], {})
    assert len(queries) == 0
    response = wagtail_views.serve(request, "/anything-else/")
    response.render()
    assert response.status_code == 200
    assert response.context_data["page"] is page

    missing = page_request("/consultations/")
    internals.set_wagtail_route(missing, site, None)
    with pytest.raises(Exception) as raised:
        wagtail_views.serve(missing, "/consultations/")
    assert raised.type.__name__ == "Http404"


@pytest.mark.django_db
def test_wagtails_view_restriction_check_asks_the_page_and_only_iterates(home_page, child):
    """Wagtail's on_serve_page hook (wagtail.wagtail_hooks.check_view_restrictions) reads
    page.get_view_restrictions() and only iterates over it, so the restrictions home.internals
    hands it are the ones enforced."""
    page = child.specific
    restriction = PageViewRestriction(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x-long-password", id=1)
    request = page_request("/consultations/")
    request.session = {}
    served = []

    def serve(page, request, args, kwargs):
        served.append(page)
        return HttpResponse("served")

    def through_hooks():
        view = serve
        for hook in hooks.get_hooks("on_serve_page"):
            view = hook(view)
        return view(page, request, [], {})

    internals.use_view_restrictions(page, [restriction])
    refused = through_hooks()
    assert not served, "no on_serve_page hook used page.get_view_restrictions()"
    assert refused.status_code == 200 and "password" in refused.render().content.decode().lower()

    internals.use_view_restrictions(page, [])
    with CaptureQueriesContext(connection) as queries:
        assert through_hooks().content == b"served"
    assert not [q for q in queries if "pageviewrestriction" in q["sql"].lower()]


@pytest.mark.django_db
def test_treebeard_answers_get_parent_from_the_parent_internals_remember(home_page, child):
    """MP_Node.get_parent() returns the parent it cached on the node, and caches what it loads."""
    page = Page.objects.get(pk=child.pk)
    assert internals.known_parent(page) is None
    stand_in = Page.objects.get(pk=home_page.pk)
    internals.remember_parent(page, stand_in)
    with CaptureQueriesContext(connection) as queries:
        assert page.get_parent() is stand_in
    assert len(queries) == 0

    fresh = Page.objects.get(pk=child.pk)
    loaded = fresh.get_parent()
    assert loaded.pk == home_page.pk and internals.known_parent(fresh) is loaded
    assert internals.TREEBEARD_PARENT in type(fresh)._cached_attributes  # dropped on refresh_from_db


def test_the_request_memo_lives_for_one_request_and_nothing_outside_one():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    def view(request):
        return (remember("n", compute), remember("n", compute))

    middleware = RequestMemoMiddleware(view)
    assert middleware(None) == (1, 1)
    assert middleware(None) == (2, 2)  # a new request, a new memo
    assert remember("n", compute) == 3 and remember("n", compute) == 4  # outside a request: never kept


@pytest.mark.django_db  # closing a response ends the request: Django then closes stale connections
def test_a_file_response_keeps_its_file_where_internals_read_it_until_its_content_is_replaced(
    tmp_path,
):
    """FileResponse keeps the file it streams as ``file_to_stream`` (home.byte_ranges seeks in it),
    and forgets it once its content is an iterator, so the server's wsgi.file_wrapper is not handed
    the whole file after all."""
    from django.http import FileResponse

    path = tmp_path / "video.mp4"
    path.write_bytes(b"0123456789")
    response = FileResponse(path.open("rb"))
    file = internals.streamed_file(response)
    assert file is not None and file.read() == b"0123456789"
    response.streaming_content = iter([b"45"])
    assert internals.streamed_file(response) is None
    assert b"".join(response.streaming_content) == b"45"
    response.close()
    assert file.closed  # the replaced file is still closed with the response
