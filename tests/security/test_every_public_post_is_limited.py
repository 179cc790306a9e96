"""Every public POST goes through the one rate-limit mechanism (issue 15, point 6).

Found from the URL resolver and the pages' routes (tests/security/endpoints.py), not from a list:
with `security.ratelimit.over_limit` answering "over the limit", each endpoint must either refuse
with the 429 page or leave the database exactly as it was. A new form that stores anything
without going through the limit fails here.
"""

from django.apps import apps

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

import pytest

from security import ratelimit
from tests.factories import about_you_section, add_form, make_consultation, make_partner
from tests.security.endpoints import public_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples(home_page):
    consultation = make_consultation(home_page)
    add_form(consultation, about_you=about_you_section())
    partner = make_partner()
    return {
        "page_id": consultation.pk,
        "consultation_id": consultation.pk,
        "page_view_restriction_id": 1,
        "kind": "consultation",
        "partner_slug": partner.slug,
        "lang": "en",
        "token": "not-a-real-token",
        "number": 1,
    }


def row_counts():
    # Site settings rows are made the first time any page reads them, and a paper questionnaire's
    # size the first time a page links to it (once per drawing): not something a POST stored.
    models = [
        model
        for model in apps.get_models()
        if not issubclass(model, BaseSiteSetting | BaseGenericSetting)
        and model._meta.label != "feedback.PaperCopySize"
    ]
    return {model._meta.label: model._default_manager.count() for model in models}


def test_every_public_post_is_refused_by_the_one_limit_or_changes_nothing(
    client, samples, monkeypatch
):
    seen = []

    def always_over(request, group):
        seen.append(group)
        return True

    monkeypatch.setattr(ratelimit, "over_limit", always_over)
    urls = public_urls(samples)
    assert len(urls) > 20  # the enumeration found the site (guards against a vacuous pass)
    limited, unlimited = [], []
    for label, url in urls:
        before, calls = row_counts(), len(seen)
        response = client.post(url, {"action": "continue"}, REMOTE_ADDR="203.0.113.8")
        if response.status_code == 429:
            assert len(seen) == calls + 1, f"{label} {url}: refused without the one mechanism"
            refusal = response.content.decode()
            if response["Content-Type"].startswith("application/json"):  # an API: a JSON refusal
                assert '"rate_limited"' in refusal, f"{label} {url}: no refusal"
            else:
                assert "<h1" in refusal, f"{label} {url}: no refusal page"
            limited.append(label)
        else:
            assert response.status_code < 500, (label, url, response.status_code)
            assert len(seen) == calls, f"{label} {url}: over the limit but not refused"
            assert row_counts() == before, (
                f"{label} {url}: a POST stored something without the rate limit"
            )
            unlimited.append(label)
    # Every limit in security.ratelimit.RATES is in use by some public endpoint.
    assert set(seen) == set(ratelimit.RATES), sorted(set(ratelimit.RATES) - set(seen))
    for form in (
        "share_your_views",
        "page_usefulness",
        "ResponseFormPage.step",
        "ResponseFormPage.check_answers",
    ):
        assert any(form in label for label in limited), (form, limited)
