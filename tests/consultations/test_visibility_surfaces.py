"""Unlisted and invited consultations stay out of every public surface (issue 17).

One parametrised test per surface, each also checking that the *public* consultation is there
(so a surface that lists nothing cannot pass), and a guard that walks every public URL of the
site and every route of every live page (tests/security/endpoints.py), so a surface added later
is checked without anyone listing it here.
"""

import datetime

from django.test import Client
from django.utils import timezone

import pytest

from consultations import visibility
from consultations.choices import Visibility
from consultations.listing import open_now
from consultations.models import ConsultationIndexPage, ConsultationPage
from partners.webhooks import consultation_events
from tests.factories import MaterialPageFactory, add_form, make_consultation, make_partner
from tests.security.endpoints import public_urls
from tests.youwedid.conftest import make_outcome

pytestmark = pytest.mark.django_db

PUBLIC, UNLISTED, INVITED = "Walruspublic", "Zebraunlisted", "Yakinvited"
HIDDEN = (UNLISTED, INVITED)


def consultation(home, marker, visibility_choice, closes):
    page = make_consultation(
        home, title=f"{marker} kidney services", slug=marker.lower(), closes=closes
    )
    page.summary = f"{marker}: we want your views on kidney services."
    page.visibility = visibility_choice
    page.save_revision().publish()
    page = ConsultationPage.objects.get(pk=page.pk)
    add_form(page)
    MaterialPageFactory(
        parent=page, title=f"{marker} kidney document", slug=f"{marker.lower()}-doc"
    )
    return page


@pytest.fixture
def world(home_page, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    # The hidden ones are newer and close sooner, so a surface that picks "the newest" or "the
    # soonest to close" without the rule picks one of them.
    pages = {
        PUBLIC: consultation(home_page, PUBLIC, Visibility.PUBLIC, closes=20),
        UNLISTED: consultation(home_page, UNLISTED, Visibility.UNLISTED, closes=5),
        INVITED: consultation(home_page, INVITED, Visibility.INVITED, closes=6),
    }
    outcome = make_outcome(home_page, pages.values(), title="Kidney outcome")
    partner = make_partner()
    return {"home": home_page, "pages": pages, "outcome": outcome, "partner": partner}


def index_url(world):
    return ConsultationIndexPage.objects.get().url


SURFACES = {
    "consultation index": lambda world: index_url(world),
    "index Atom feed": lambda world: index_url(world) + "feed/",
    "index iCalendar": lambda world: index_url(world) + "calendar/",
    "home page": lambda world: "/",
    "search": lambda world: "/search/?q=kidney",
    "sitemap": lambda world: "/sitemap.xml",
    "partner API list": lambda world: "/api/v1/consultations/",
    "partner API outcomes": lambda world: "/api/v1/outcomes/",
    "partner Atom feed": lambda world: "/feeds/en/consultations.atom",
    "outcome page": lambda world: world["outcome"].url,
    "partner demo page (embed)": lambda world: "/partners/demo/",
}


@pytest.mark.parametrize("surface", list(SURFACES))
def test_each_surface_lists_the_public_consultation_only(world, surface):
    response = Client().get(SURFACES[surface](world))

    assert response.status_code == 200, response.content[:500]
    body = response.content.decode()
    assert PUBLIC.lower() in body.lower(), f"{surface} does not list the public one (vacuous)"
    for marker in HIDDEN:
        assert marker.lower() not in body.lower(), f"{surface} shows the {marker} consultation"


@pytest.mark.parametrize("marker", HIDDEN)
def test_the_partner_api_oembed_and_embed_do_not_know_a_hidden_consultation(world, marker):
    page = world["pages"][marker]
    visitor = Client()

    assert visitor.get(f"/api/v1/consultations/{page.pk}/").status_code == 404
    assert visitor.get("/oembed/", {"url": page.full_url}).status_code == 404
    assert visitor.get(f"/embed/consultation/{page.pk}/").status_code == 404
    slug = world["partner"].slug
    assert visitor.get(f"/embed/{slug}/consultation/{page.pk}/").status_code == 404
    public = world["pages"][PUBLIC]
    assert visitor.get(f"/api/v1/consultations/{public.pk}/").status_code == 200
    assert visitor.get("/oembed/", {"url": public.full_url}).status_code == 200
    assert visitor.get(f"/embed/consultation/{public.pk}/").status_code == 200


def test_webhooks_announce_only_the_public_consultation(world):
    now = timezone.now()
    events = consultation_events(now - datetime.timedelta(days=30), now)

    titles = {page.title for _event, page, _when in events}
    assert any(PUBLIC in title for title in titles)
    assert not any(marker in title for title in titles for marker in HIDDEN)


def test_the_home_pages_open_consultations_leave_hidden_ones_out(world):
    titles = [page.title for page in open_now(world["home"].locale)]
    assert titles == [world["pages"][PUBLIC].title]


def test_the_one_queryset_rule(world):
    listed = ConsultationPage.objects.listed()

    assert list(listed) == [world["pages"][PUBLIC]]
    assert list(visibility.publicly_listed(ConsultationPage.objects.all())) == list(listed)
    assert [visibility.is_publicly_listed(page) for page in world["pages"].values()] == [
        True,
        False,
        False,
    ]


def test_an_unlisted_consultation_is_readable_by_anyone_with_the_link_but_not_indexed(world):
    page = world["pages"][UNLISTED]

    response = Client().get(page.url)

    assert response.status_code == 200
    assert UNLISTED in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert '<meta name="robots"' not in Client().get(world["pages"][PUBLIC].url).content.decode()


def test_an_invited_consultation_and_every_page_under_it_refuse_a_visitor(world):
    page = world["pages"][INVITED]
    visitor = Client()

    for url in [page.url, page.url + "calendar/", page.url + "request-another-format/"] + [
        child.url for child in page.get_children().live()
    ]:
        response = visitor.get(url)
        assert response.status_code == 403, url
        body = response.content.decode()
        assert INVITED not in body, url
        assert "This consultation is by invitation" in body, url


def under_hidden(url, world):
    return any(url.startswith(world["pages"][marker].url) for marker in HIDDEN)


def test_guard_no_public_url_of_the_site_shows_a_hidden_consultation(world):
    """Every named URL and every live page's routes, as a visitor: only the hidden pages' own
    addresses may name them (the unlisted one; the invited one answers 403)."""
    public = world["pages"][PUBLIC]
    samples = {
        "page_id": public.pk,
        "consultation_id": public.pk,
        "page_view_restriction_id": 1,
        "kind": "consultation",
        "partner_slug": world["partner"].slug,
        "lang": "en",
        "token": "not-a-real-token",
        "number": 1,
    }
    urls = public_urls(samples)
    assert len(urls) > 20
    checked = []
    for label, url in urls:
        if under_hidden(url, world):
            continue
        response = Client().get(url)
        if response.status_code >= 400 or getattr(response, "streaming", False):
            continue
        body = response.content.decode(errors="replace")
        for marker in HIDDEN:
            assert marker.lower() not in body.lower(), (label, url, marker)
        checked.append(label)
    assert {"ConsultationIndexPage", "HomePage", "sitemap"} <= set(checked), checked
    assert any(label.startswith("partners:") for label in checked), checked
