"""One consultation-status rule (consultations.status), worked out once per request: the page, each
step of the response form, sending it and the partner embed never ask twice, so one request can
never answer "open" in one place and "closed" in another."""

import re

import pytest

from consultations import status as status_module
from tests.factories import make_partner
from tests.feedback.helpers import STEP1, complete_steps, idempotency_key, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def status_calls(monkeypatch):
    calls = []
    rule = status_module.status_from_dates

    def counted(*args, **kwargs):
        calls.append(args[:2])
        return rule(*args, **kwargs)

    monkeypatch.setattr(status_module, "status_from_dates", counted)
    return calls


@pytest.fixture(autouse=True)
def _no_recaptcha(fresh_rate_limits):
    pass


def once(calls, response, expected_status=200):
    assert response.status_code == expected_status, response.content.decode()[:1000]
    assert len(calls) == 1, calls
    calls.clear()


def test_each_public_request_works_out_the_status_once(client, form_page, status_calls):
    consultation = form_page.get_parent().specific
    once(status_calls, client.get(consultation.url))
    once(status_calls, client.get(step_url(form_page, 1)))
    once(status_calls, client.post(step_url(form_page, 1), {"action": "continue", **STEP1}), 302)
    complete_steps(client, form_page)
    status_calls.clear()
    check = client.get(f"{form_page.url}check/")
    once(status_calls, check)
    key = idempotency_key(check.content.decode())
    once(status_calls, client.post(f"{form_page.url}check/", {"idempotency_key": key}), 302)
    assert consultation.responses.count() == 1

    partner = make_partner()
    embed_url = f"/embed/{partner.slug}/consultation/{consultation.pk}/?lang=en"
    embed = client.get(embed_url)
    once(status_calls, embed)
    token = re.search(r'name="embed_token" value="([^"]+)"', embed.content.decode()).group(1)
    answers = {"support": "agree", "use_service": "yes", "visits": "3", "reasons": "Nearer."}
    sent = client.post(
        embed_url, {"embed_token": token, **answers}, HTTP_ORIGIN="http://testserver"
    )
    once(status_calls, sent)
    assert consultation.responses.filter(channel="embed").count() == 1
