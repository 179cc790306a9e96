"""The intake API, spoken to over real HTTP (urllib) against a live server: authentication,
scope, idempotency, validation exactly as the web form's, held-for-review rules, receipts,
channel and partner recorded, rate limit, and never a 500 (fuzzed with hypothesis)."""

import base64
import json
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from feedback.demo_forms import UPLOAD_QUESTIONS
from feedback.models import Response, Upload
from home.translation import translate_page
from partners.intake import issue_token
from partners.models import IntakeToken
from tests.factories import add_form, make_consultation, make_partner
from tests.i18n.samples import TRANSLATIONS

pytestmark = pytest.mark.django_db(transaction=True)

GOOD = {
    "support": "agree",
    "use_service": "yes",
    "visits": 3,
    "travel": ["bus", "walk"],
    "priorities": {"parking": "very"},
}


@pytest.fixture
def intake(live_server, form_page, consultation, partner):
    token, key = issue_token(partner, "SMS survey", [consultation], channel=IntakeToken.Channel.SMS)
    return Intake(live_server.url, consultation, key)


class Intake:
    def __init__(self, base, consultation, key):
        self.base, self.consultation, self.key = base, consultation, key

    def url(self, consultation=None):
        page = consultation or self.consultation
        return f"{self.base}/api/v1/intake/consultations/{page.pk}/responses/"

    def post(
        self,
        body,
        *,
        key=None,
        idempotency=None,
        consultation=None,
        content_type="application/json",
        raw=None,
    ):
        data = raw if raw is not None else json.dumps(body).encode()
        headers = {"Content-Type": content_type, "Idempotency-Key": idempotency or uuid.uuid4().hex}
        if key is not False:
            headers["Authorization"] = f"Bearer {key or self.key}"
        request = urllib.request.Request(
            self.url(consultation), data=data, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310 (loopback test server)
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as error:
            assert error.headers["Content-Type"].startswith("application/json"), error.read()[:500]
            return error.code, json.loads(error.read())


def test_a_response_is_saved_with_its_channel_partner_and_language(intake, partner):
    status, body = intake.post({"answers": GOOD, "publication_consent": "anonymous"})
    assert status == 201, body
    assert body["created"] is True and body["status"] == "accepted" and body["channel"] == "sms"
    stored = Response.objects.get(reference=body["reference"])
    assert (
        stored.channel == "sms"
        and stored.partner == partner
        and stored.consultation == intake.consultation
    )
    assert stored.answers == {**GOOD, "publication_consent": "anonymous"}


def test_the_same_idempotency_key_returns_the_first_response_and_saves_nothing_more(intake):
    first = intake.post({"answers": GOOD}, idempotency="sms-0001")
    again = intake.post({"answers": {**GOOD, "support": "disagree"}}, idempotency="sms-0001")
    assert first[0] == 201 and again[0] == 200
    assert again[1]["reference"] == first[1]["reference"] and again[1]["created"] is False
    assert Response.objects.count() == 1 and Response.objects.get().answers["support"] == "agree"


def test_an_idempotency_key_is_required(intake):
    request = urllib.request.Request(
        intake.url(),
        data=b"{}",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {intake.key}"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)  # noqa: S310
    assert (
        error.value.code == 400
        and json.loads(error.value.read())["error"] == "idempotency_key_required"
    )


def test_without_a_valid_key_nothing_is_accepted(intake, partner):
    assert intake.post({"answers": GOOD}, key=False)[0] == 401
    assert intake.post({"answers": GOOD}, key="hys_not-a-real-key")[0] == 401
    partner.is_active = False
    partner.save()
    assert intake.post({"answers": GOOD})[0] == 401
    assert not Response.objects.exists()


def test_another_partners_consultation_is_refused(intake, home_page):
    other = make_consultation(home_page, title="Dental services in Eastbrook", slug="dental")
    add_form(other)
    elsewhere = make_partner(name="Riverside PPG", slug="riverside-ppg")
    _token, their_key = issue_token(elsewhere, "Their form", [other])
    status, body = intake.post({"answers": GOOD}, consultation=other)
    assert status == 403 and body["error"] == "out_of_scope"
    status, body = intake.post({"answers": GOOD}, key=their_key)  # their key, our consultation
    assert status == 403
    assert not Response.objects.exists()


def test_invalid_answers_are_a_clear_400_with_the_web_forms_messages(intake):
    status, body = intake.post(
        {"answers": {"use_service": "maybe", "rating": "lots", "travel": ["plane"]}}
    )
    assert status == 400 and body["error"] == "invalid"
    assert body["errors"]["support"] == [
        "Select an answer to: How far do you agree with the proposal?"
    ]
    assert body["errors"]["use_service"] == ["Select one of the options"]
    assert body["errors"]["rating"] == ["Enter a whole number, like 3"]
    assert "travel" in body["errors"]
    status, body = intake.post({"answers": {**GOOD, "favourite_colour": "blue"}})
    assert status == 400 and body["errors"]["favourite_colour"] == [
        "No question of this form has this key."
    ]
    assert not Response.objects.exists()


def test_conditional_questions_follow_the_answers_they_depend_on(intake):
    status, body = intake.post({"answers": {**GOOD, "use_service": "no", "visits": "not a number"}})
    assert status == 201, body  # "How many times?" is only asked after "yes": its answer is dropped
    assert "visits" not in Response.objects.get().answers


def test_errors_come_back_in_the_language_sent(intake, home_page, consultation, form_page):
    index = consultation.get_parent().specific
    for source in (home_page, index, consultation, form_page):
        translate_page(source, "cy", TRANSLATIONS["cy"])
    status, body = intake.post({"language": "cy", "answers": {"use_service": "yes"}})
    assert status == 400
    assert body["errors"]["support"][0].startswith("Dewiswch ateb i:")
    status, body = intake.post({"language": "cy", "answers": GOOD})
    assert status == 201 and body["language"] == "cy"
    assert Response.objects.get().locale.language_code == "cy"


def test_a_receipt_is_emailed_when_an_address_is_given(intake, mailoutbox):
    status, body = intake.post(
        {"answers": GOOD, "respondent_email": "sam@example.org", "wants_receipt": True}
    )
    assert status == 201
    assert [message.to for message in mailoutbox] == [["sam@example.org"]]
    assert body["reference"] in mailoutbox[0].body
    status, body = intake.post({"answers": GOOD, "wants_receipt": True})
    assert status == 400 and "respondent_email" in body["errors"]


def test_a_key_for_a_new_partner_holds_every_response_for_review(intake):
    IntakeToken.objects.update(hold_for_review=True)
    status, body = intake.post({"answers": GOOD})
    assert status == 201 and body["status"] == "held"
    assert Response.objects.get().status == Response.Status.HELD


def test_a_closed_consultation_takes_no_more_responses(intake, consultation):
    from django.utils import timezone

    type(consultation).objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timezone.timedelta(days=1)
    )
    status, body = intake.post({"answers": GOOD})
    assert (
        status == 409
        and body["error"] == "not_open"
        and body["consultation_status"] in ("closed", "outcome")
    )


def test_a_file_answer_is_scanned_like_the_web_forms(live_server, home_page, partner, clamd):
    consultation = make_consultation(home_page, title="Community transport", slug="transport")
    add_form(consultation, UPLOAD_QUESTIONS, slug="submit")
    _token, key = issue_token(partner, "Partner form", [consultation])
    intake = Intake(live_server.url, consultation, key)
    pdf = base64.b64encode(b"%PDF-1.4\n%%EOF\n").decode()
    status, body = intake.post(
        {
            "answers": {
                "organisation": "Us",
                "submission": {"name": "ours.pdf", "content_base64": pdf},
            }
        }
    )
    assert status == 201, body
    assert Upload.objects.get().response.reference == body["reference"]
    eicar = base64.b64encode(
        b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    ).decode()
    status, body = intake.post(
        {
            "answers": {
                "organisation": "Us",
                "submission": {"name": "a.txt", "content_base64": eicar},
            }
        }
    )
    assert status == 400 and "virus" in body["errors"]["submission"][0]
    status, body = intake.post(
        {
            "answers": {
                "organisation": "Us",
                "submission": {"name": "a.txt", "content_base64": "%%%"},
            }
        }
    )
    assert status == 400 and "base64" in body["errors"]["submission"][0]
    assert Upload.objects.count() == 1


def test_bad_requests_are_json_errors(intake):
    assert intake.post(None, raw=b"{not json")[0] == 400
    assert intake.post(None, raw=b"[1, 2]")[0] == 400
    assert intake.post(None, raw="\ufffe".encode("utf-16"))[0] == 400
    assert intake.post({"answers": GOOD}, content_type="text/plain")[0] == 415
    assert intake.post({"answers": [1]})[0] == 400
    assert intake.post({"answers": GOOD, "channel": "online"})[0] == 400
    assert intake.post({"answers": GOOD, "language": "xx"})[0] == 400


def test_the_rate_limit_answers_429(intake, settings):
    settings.PARTNER_INTAKE_RATE = "2/m"
    assert [intake.post({"answers": GOOD})[0] for _ in range(3)] == [201, 201, 429]


JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
)
# Two levels of nesting, spelled out (hypothesis's recursive() warns on this shape of extend).
JSON_NESTED = st.lists(JSON_LEAVES, max_size=4) | st.dictionaries(st.text(max_size=12), JSON_LEAVES, max_size=4)
JSON_VALUES = (
    JSON_LEAVES
    | JSON_NESTED
    | st.lists(JSON_NESTED, max_size=3)
    | st.dictionaries(st.text(max_size=12), JSON_NESTED, max_size=3)
)
KEYS = st.sampled_from(
    [
        "support",
        "use_service",
        "visits",
        "travel",
        "reasons",
        "priorities",
        "rating",
        "last_visit",
        "postcode",
        "about_age_band",
        "publication_consent",
    ]
)


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    answers=st.dictionaries(KEYS, JSON_VALUES, max_size=6),
    extra=st.dictionaries(
        st.sampled_from(["language", "publication_consent", "respondent_email", "wants_receipt"]),
        JSON_VALUES,
        max_size=3,
    ),
)
def test_fuzzed_bodies_never_get_a_500(intake, answers, extra):
    status, body = intake.post({"answers": answers, **extra})
    assert status in (200, 201, 400), body
    assert isinstance(body, dict) and ("reference" in body or body.get("error"))


def test_the_openapi_description_is_valid_and_served(live_server):
    path = Path(__file__).resolve().parents[2] / "partners" / "openapi.yaml"
    description = yaml.safe_load(path.read_text())
    validate(description)
    assert "/api/v1/intake/consultations/{consultationId}/responses/" in description["paths"]
    with urllib.request.urlopen(
        f"{live_server.url}/api/v1/intake/openapi.yaml", timeout=30
    ) as reply:  # noqa: S310
        assert yaml.safe_load(reply.read()) == description
