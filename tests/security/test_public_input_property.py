"""Arbitrary field names and values, posted to every public form and API endpoint (issue 15, point 6).

The endpoints come from the URL resolver and every live page's routes (tests/security/endpoints.py).
For each: no answer is a server error, every row a request stored passes its own model's
validation (nothing half-made or over its bounds is saved), and the session's unfinished answers
stay within the draft bounds (feedback.draft_limits).
"""

from django.apps import apps
from django.core.exceptions import ValidationError

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from feedback import draft_limits
from partners import embed
from security import ratelimit
from tests.factories import about_you_section, add_form, make_consultation, make_partner
from tests.security.endpoints import public_urls

pytestmark = pytest.mark.django_db

STORED_BY_THE_PUBLIC = [
    "feedback.Response",
    "feedback.GeneralFeedback",
    "feedback.PageUsefulness",
    "consultations.FormatRequest",
    "feedback.Draft",
]
FIELD_NAMES = [
    "action",
    "idempotency_key",
    "embed_token",
    "hys_website",
    "website",
    "g-recaptcha-response",
    "next",
    "display",
    "token",
    "useful",
    "path",
    "page",
    "comment",
    "about",
    "what_happened",
    "service_name",
    "rating",
    "email",
    "name",
    "format",
    "material",
    "language",
    "details",
    "phone",
    "postal_address",
    "support",
    "use_service",
    "visits",
    "travel",
    "reasons",
    "priorities__parking",
    "last_visit-day",
    "last_visit-month",
    "last_visit-year",
    "postcode",
    "about_age_band",
    "publication_consent",
    "wants_outcome",
    "wants_receipt",
    "respondent_email",
    "respondent_name",
    "password",
    "return_url",
    "q",
    "lang",
    "status",
    "partner",
    "format_",
    "limit",
    "offset",
    "since",
]
SPECIAL_VALUES = [
    "",
    "0",
    "-1",
    "1",
    "3",
    "99999999999999999999999",
    "yes",
    "no",
    "agree",
    "bus",
    "continue",
    "save",
    "large",
    "anonymous",
    "full",
    "website",
    "/",
    "//evil.example",
    "http://evil.example/",
    "a@example.com",
    "NF1 2AB",
    '=HYPERLINK("x")',
    "\x00",
    "x" * 5000,
    "y" * 250_000,  # over a draft's whole bound: must never reach the session
    "2025-02-30",
    "NaN",
    "[]",
    "{}",
    "null",
]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


def payloads(extra_values):
    values = st.lists(
        st.one_of(TEXT, st.sampled_from(SPECIAL_VALUES + extra_values)), min_size=1, max_size=3
    )
    names = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=20))
    return st.dictionaries(names, values, max_size=8)


@pytest.fixture
def site(home_page, settings):
    for setting in {setting for setting, _default in ratelimit.RATES.values()}:
        setattr(settings, setting, "1000000/h")
    consultation = make_consultation(home_page)
    form_page = add_form(consultation, about_you=about_you_section())
    partner = make_partner()
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
    token = embed.make_token(partner, consultation, form_page, "en")
    return public_urls(samples), [token, "a" * 32]


def newest_pks():
    return {
        label: apps.get_model(label)
        ._default_manager.order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0
        for label in STORED_BY_THE_PUBLIC
    }


def assert_stored_rows_are_whole(before, where):
    for label in STORED_BY_THE_PUBLIC:
        for row in apps.get_model(label)._default_manager.filter(pk__gt=before[label]):
            try:
                row.full_clean()
            except ValidationError as error:
                raise AssertionError(f"{where}: stored an invalid {label}: {error}") from error


def assert_session_within_bounds(client, where):
    for key, state in client.session.items():
        if key.startswith("hys_response_") and isinstance(state, dict):
            assert (
                draft_limits.stored_chars(state.get("data", {})) <= draft_limits.draft_max_chars()
            ), where


def checker(client, label, url, extra_values):
    @hypothesis_settings(
        max_examples=6, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(data=payloads(extra_values), method=st.sampled_from(["post", "get"]))
    def check(data, method):
        before = newest_pks()
        headers = {"HTTP_ORIGIN": "http://testserver"} if method == "post" else {}
        response = getattr(client, method)(url, data, REMOTE_ADDR="203.0.113.20", **headers)
        where = f"{label} {method.upper()} {url} {data!r}"
        # 501 is oEmbed's own answer to a format it does not offer (oembed.com, section 2.3.4).
        assert response.status_code < 500 or (
            label == "partners:oembed" and response.status_code == 501
        ), where
        assert_stored_rows_are_whole(before, where)
        assert_session_within_bounds(client, where)

    return check


def test_arbitrary_input_to_every_public_endpoint_is_never_a_server_error_nor_half_saved(
    client, site
):
    urls, extra_values = site
    assert len(urls) > 20
    for label, url in urls:
        checker(client, label, url, extra_values)()


# Found by the test above: a huge ?page= reached SQLite as an OFFSET it refuses (500).
@pytest.mark.parametrize("name", ["partners:api_consultations", "partners:api_outcomes"])
def test_a_huge_page_number_in_the_api_is_an_empty_page_not_an_error(client, home_page, name):
    from django.urls import reverse

    make_consultation(home_page)
    response = client.get(reverse(name), {"page": "200000000000000000"})
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert "page=" in response.json()["previous"]
