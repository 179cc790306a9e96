"""Public rate limits behind a load balancer: one key, one mechanism (issue 15, point 1)."""

from django.core.cache.backends.locmem import LocMemCache

import pytest

from feedback.models import GeneralFeedback, PageUsefulness
from security import ratelimit
from security.throttle import client_ip

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.1"
SHARE = "/share-your-views/"


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    from django.core.cache import cache

    cache.clear()
    settings.TRUSTED_PROXY_COUNT = 1


def share(client, visitor, **data):
    body = {"about": "website", "what_happened": "The page was hard to find.", **data}
    return client.post(
        SHARE, body, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=f"198.51.100.7, {visitor}"
    )


def test_fifty_visitors_behind_one_balancer_each_have_their_own_limit(client, home_page, settings):
    settings.FEEDBACK_GENERAL_RATE = "3/h"
    abuser = "203.0.113.250"
    statuses = [share(client, abuser).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    for number in range(50):
        assert share(client, f"203.0.113.{number}").status_code == 302, number
    assert GeneralFeedback.objects.count() == 53
    refusal = share(client, abuser)
    assert refusal.status_code == 429
    assert "a lot of feedback in a short time" in refusal.content.decode()


def test_page_answers_behind_a_balancer_are_counted_per_visitor(client, home_page, settings):
    settings.FEEDBACK_PAGE_USEFULNESS_RATE = "2/h"

    def answer(visitor):
        return client.post(
            "/page-feedback/",
            {"useful": "yes", "path": "/"},
            REMOTE_ADDR=BALANCER,
            HTTP_X_FORWARDED_FOR=visitor,
        )

    assert [answer("203.0.113.250").status_code for _ in range(3)] == [302, 302, 429]
    assert all(answer(f"203.0.113.{n}").status_code == 302 for n in range(50))
    assert PageUsefulness.objects.count() == 52


def test_the_key_is_the_admin_throttles_client_address(rf, settings):
    request = rf.post("/", REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.5")
    assert ratelimit.client_key("any", request) == client_ip(request) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_key("any", request) == BALANCER


class BrokenCache(LocMemCache):
    """A cache server that has gone away."""

    def add(self, *args, **kwargs):
        raise ConnectionError("cache down")

    incr = get = set = add


def test_a_cache_outage_during_the_check_lets_the_visitor_through(client, home_page, settings):
    settings.CACHES = {**settings.CACHES, "broken": {"BACKEND": f"{__name__}.BrokenCache"}}
    settings.RATELIMIT_USE_CACHE = "broken"
    response = share(client, "203.0.113.77")
    assert response.status_code == 302
    assert GeneralFeedback.objects.count() == 1


def test_every_group_has_a_rate():
    for group in ratelimit.RATES:
        assert "/" in ratelimit.rate_for(group)
