import re
from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.models import Area, Topic
from involvement import register
from involvement.models import Member
from tests.youwedid.conftest import make_consultation, smtp_server  # noqa: F401 — the loopback SMTP fixture


@pytest.fixture
def terms(locales):
    return {
        "transport": Topic.objects.create(name="Transport", slug="transport", locale=locales["en"]),
        "mental-health": Topic.objects.create(
            name="Mental health", slug="mental-health", locale=locales["en"]
        ),
        "eastbrook": Area.objects.create(name="Eastbrook", slug="eastbrook", locale=locales["en"]),
        "westmere": Area.objects.create(name="Westmere", slug="westmere", locale=locales["en"]),
    }


def make_member(
    email, locale, *, topics=(), areas=(), kind=Member.Kind.REGISTER, confirmed=True, **fields
):
    member = Member.objects.create(
        email=email,
        locale=locale,
        kind=kind,
        secret=register.new_secret(),
        status=fields.pop("status", Member.Status.ACTIVE if confirmed else Member.Status.PENDING),
        confirmed_at=timezone.now() if confirmed else None,
        consents={"interests": timezone.now().isoformat()} if (topics or areas) else {},
        **fields,
    )
    member.topics.set(topics)
    member.areas.set(areas)
    return member


def open_consultation(
    home,
    slug="bus-routes",
    title="Bus routes to Eastbrook hospital",
    topics=(),
    areas=(),
    publish=True,
    opened_ago=timedelta(hours=1),
    closes_in=timedelta(days=30),
    visibility=None,
):
    """A consultation open now (its open revision published unless publish=False)."""
    now = timezone.now()
    page = make_consultation(home, slug=slug, title=title, closed_days_ago=0)
    page.opens_at = now - opened_ago
    page.closes_at = now + closes_in
    page.topics = list(topics)
    page.areas = list(areas)
    if visibility:
        page.visibility = visibility
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def links_in(text):
    return re.findall(r"https?://\S+", text)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with empty rate-limit counters (they live in the shared cache)."""
    from django.core.cache import cache

    cache.clear()
