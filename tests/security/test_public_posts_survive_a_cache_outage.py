"""A cache outage costs protection for a while, never a 500 (issue 16, point 2).

Every public POST, found from the URL resolver and the pages' routes (tests/security/endpoints.py),
and then a real submission through each public form (the response form, the embed, save and come
back later, a format request, "Share your views", "Is this page useful?" and its comment, an
event invitation's "I'll come", and a BSL video relay request), is
sent while the cache the rate limits count in has gone away. None may answer 5xx, and the real
submissions are stored.
"""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone

import pytest

from consultations.models import ConsultationEvent, FormatRequest
from feedback.models import Draft, GeneralFeedback, PageUsefulness, Response
from involvement import events, sending
from involvement.models import Member
from tests.factories import make_partner
from tests.feedback.helpers import STEP1, complete_steps, send
from tests.involvement.conftest import make_member
from tests.security.endpoints import public_urls

pytestmark = pytest.mark.django_db
VISITOR = "203.0.113.9"


class BrokenCache(LocMemCache):
    """A cache server that has gone away: every call fails."""

    def _down(self, *args, **kwargs):
        raise ConnectionError("cache down")

    add = get = set = incr = delete = get_many = set_many = touch = _down


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {**settings.CACHES, "broken": {"BACKEND": f"{__name__}.BrokenCache"}}
    settings.RATELIMIT_USE_CACHE = "broken"
    settings.RECAPTCHA_ENABLED = False


def test_no_public_post_answers_5xx_while_the_cache_is_down(client, form_page, cache_down):
    partner = make_partner()
    consultation = form_page.get_parent().specific
    samples = {
        "page_id": consultation.pk,
        "consultation_id": consultation.pk,
        "page_view_restriction_id": 1,
        "kind": "consultation",
        "partner_slug": partner.slug,
        "lang": "en",
        "token": "not-a-real-token",
        "number": 1,
    }
    urls = public_urls(samples)
    assert len(urls) > 20  # the enumeration found the site
    for label, url in urls:
        response = client.post(url, {"action": "continue"}, REMOTE_ADDR=VISITOR)
        assert response.status_code < 500, (label, url, response.status_code)


def test_each_public_form_still_stores_what_people_send_while_the_cache_is_down(
    client, form_page, cache_down
):
    consultation = form_page.get_parent().specific

    complete_steps(client, form_page)
    sent, _key = send(client, form_page)
    assert sent.status_code == 302
    assert Response.objects.filter(channel="online").count() == 1

    saved = client.post(f"{form_page.url}step/1/", {**STEP1, "action": "save"})
    assert saved.status_code == 302
    draft = client.post(saved["Location"], {"email": "sam@example.org"})
    assert draft.status_code == 200
    assert Draft.objects.filter(email="sam@example.org").count() == 1

    partner = make_partner()
    embed_url = f"/embed/{partner.slug}/consultation/{consultation.pk}/?lang=en"
    html = client.get(embed_url).content.decode()
    token = re.search(r'name="embed_token" value="([^"]+)"', html).group(1)
    embed = client.post(
        embed_url,
        {
            "embed_token": token,
            "support": "agree",
            "use_service": "yes",
            "visits": "3",
            "reasons": "Closer to home.",
            "publication_consent": "anonymous",
        },
        HTTP_ORIGIN="http://testserver",
    )
    assert embed.status_code < 400, embed.content.decode()[:2000]
    assert Response.objects.filter(channel="embed", partner=partner).count() == 1

    requested = client.post(
        consultation.url + "request-another-format/",
        {"format": "audio", "name": "Ann Lee", "email": "ann@example.org"},
    )
    assert requested.status_code == 302
    assert FormatRequest.objects.filter(email="ann@example.org").count() == 1

    shared = client.post(
        "/share-your-views/", {"about": "website", "what_happened": "The page was hard to find."}
    )
    assert shared.status_code == 302
    assert GeneralFeedback.objects.count() == 1

    useful = client.post("/page-feedback/", {"useful": "no", "path": "/"})
    assert useful.status_code == 302
    token = parse_qs(urlsplit(useful["Location"]).query)["token"][0]
    comment = client.post(
        "/page-feedback/comment/",
        {"token": token, "comment": "Say when things close."},
    )
    assert comment.status_code == 302
    assert PageUsefulness.objects.get().comment == "Say when things close."

    event = ConsultationEvent.objects.create(
        page=consultation,
        locale=consultation.locale,
        title="Drop-in",
        starts_at=timezone.now() + timedelta(days=3),
        venue="Eastbrook Library",
    )
    make_member("ann@example.org", consultation.locale)
    _round, _count = sending.queue_invitations(consultation, Member.objects.all(), event=event)
    row = Member.objects.get().invitations.get()
    replied = client.post(
        f"/get-involved/event/{events.token_for(row)}/reply/yes/", {"reply": "yes"}
    )
    assert replied.status_code == 200
    row.refresh_from_db()
    assert row.reply == "yes"

    # Respond in BSL (issue 18): a video relay request (the video answer needs clamd, which
    # tests/feedback/test_sign_language.py has).
    relay = client.post(
        f"{form_page.url}bsl/",
        {"kind": "relay", "relay_name": "Sam Patel", "relay_phone": "0300 123 4567"},
    )
    assert relay.status_code == 302, relay.content.decode()[:2000]
    assert Response.objects.filter(channel="bsl", name="Sam Patel").count() == 1
