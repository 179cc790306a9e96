"""The intake API: a partner's system (or an SMS / phone provider) sends responses in.

    POST /api/v1/intake/consultations/<id>/responses/
    Authorization: Bearer <key>          (an IntakeToken: one partner, its consultations)
    Idempotency-Key: <up to 64 characters>
    Content-Type: application/json

Every response goes through `feedback.services.submit_response`, exactly as the web form's do:
the same questions, validation and conditional questions (in the language sent), uploads
scanned and held when unscanned, receipts when an address is given, the key's channel and
partner recorded. The consultation must be open. Described in docs/api.md and
partners/openapi.yaml. Every answer is JSON: nothing here ever answers with a page or a 500.
"""

import base64
import binascii
import hashlib
import json
import logging
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from consultations.models import ConsultationPage
from consultations.status import get_status
from feedback import questions as q
from feedback import services, uploads
from feedback.questions import form_page_for
from partners.embed import in_language
from partners.models import IntakeToken
from security import ratelimit

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "hys_"  # nosec B105 (the public prefix of every key, not a secret)
RATE_GROUP = "partners:intake"
FIELDS = {
    "language",
    "answers",
    "publication_consent",
    "respondent_email",
    "wants_receipt",
    "wants_outcome",
}


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(
    partner,
    name,
    consultations=(),
    *,
    channel=IntakeToken.Channel.PARTNER,
    hold_for_review=False,
    raw=None,
):
    """A new key for `partner`; returns (IntakeToken, the key). The key is never stored."""
    raw = raw or TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = IntakeToken.objects.create(
        partner=partner,
        name=name,
        token_hash=hash_token(raw),
        prefix=raw[:12],
        channel=channel,
        hold_for_review=hold_for_review,
    )
    token.consultations.set(consultations)
    return token, raw


def problem(status, error, message, **extra):
    """A JSON error: a stable `error` code for programs, a `message` for people."""
    response = JsonResponse(
        {"error": error, "message": str(message), **extra},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response


def authenticated_token(request) -> IntakeToken | None:
    header = request.headers.get("Authorization", "")
    scheme, _space, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip().startswith(TOKEN_PREFIX):
        return None
    token = (
        IntakeToken.objects.filter(
            token_hash=hash_token(raw.strip()), is_active=True, partner__is_active=True
        )
        .select_related("partner")
        .first()
    )
    return token


def parse_body(request):
    """The JSON object sent, or a problem response."""
    if request.content_type != "application/json":
        return None, problem(
            415,
            "unsupported_media_type",
            "Send the response as JSON (Content-Type: application/json).",
        )
    try:
        body = json.loads(request.body.decode("utf-8"))
    except RequestDataTooBig:
        return None, problem(
            413,
            "too_large",
            "The request is too large. Send files of at most the size each question allows.",
        )
    except (UnicodeDecodeError, ValueError):
        return None, problem(400, "invalid_json", "The body is not valid JSON.")
    if not isinstance(body, dict):
        return None, problem(400, "invalid_json", "The body must be a JSON object.")
    unknown = sorted(set(body) - FIELDS)
    if unknown:
        return None, problem(
            400,
            "invalid",
            "Unknown fields.",
            errors={name: ["This field is not part of the API."] for name in unknown},
        )
    wrong = [
        name
        for name in ("wants_receipt", "wants_outcome")
        if name in body and not isinstance(body[name], bool)
    ]
    if wrong:
        return None, problem(
            400,
            "invalid",
            "These fields take true or false.",
            errors={name: ["Must be true or false."] for name in wrong},
        )
    if not isinstance(body.get("answers", {}), dict):
        return None, problem(
            400,
            "invalid",
            "`answers` must be an object keyed by question key.",
            errors={"answers": ["Must be an object."]},
        )
    return body, None


def form_data(form_page, body):
    """The web form's data from the JSON body: the stored answers shape, plus the consent fields.
    A file answer arrives as {"name", "content_base64"} and is checked and scanned here, as a
    file posted to the form is; raises ValidationError keyed by question."""
    answers = dict(body.get("answers") or {})
    questions = services.answer_questions(form_page)
    known = {question.key for question in questions} | {q.PUBLICATION_CONSENT_KEY}
    errors = {
        key: ["No question of this form has this key."] for key in answers if key not in known
    }
    for question in questions:
        value = answers.get(question.key)
        if question.type != q.FILE_UPLOAD or value in (None, ""):
            continue
        if not isinstance(value, dict) or not isinstance(value.get("content_base64"), str):
            errors[question.key] = ['Send a file as {"name": "…", "content_base64": "…"}.']
            continue
        try:
            content = base64.b64decode(value["content_base64"], validate=True)
        except (binascii.Error, ValueError):
            errors[question.key] = ["content_base64 is not valid base64."]
            continue
        try:
            upload = uploads.store_upload(
                form_page, question, SimpleUploadedFile(str(value.get("name") or "file"), content)
            )
        except ValidationError as error:
            errors[question.key] = [str(m) for m in error.messages]
            continue
        answers[question.key] = str(upload.pk)
    if errors:
        raise ValidationError(errors)
    data = dict(answers)
    for name in ("publication_consent", "respondent_email", "wants_receipt", "wants_outcome"):
        if name in body:
            data[name] = body[name]
    return data


def response_body(response, created):
    return {
        "reference": response.reference,
        "status": response.status,
        "channel": response.channel,
        "language": response.locale.language_code,
        "created": created,
    }


@csrf_exempt  # a partner's system, authenticated by its key, not a browser with a session
@require_http_methods(["POST"])
def submit(request, page_id):
    if ratelimit.over_limit(request, RATE_GROUP):  # first, so guessing keys is limited too
        return problem(
            429, "rate_limited", "Too many responses in a short time. Wait a minute and try again."
        )
    token = authenticated_token(request)
    if token is None:
        return problem(
            401, "unauthorised", "Send a valid intake API key: Authorization: Bearer <key>."
        )
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 64:
        return problem(
            400,
            "idempotency_key_required",
            "Send an Idempotency-Key header (1 to 64 characters), new for each response.",
        )
    page = ConsultationPage.objects.filter(pk=page_id).first()
    if page is None:
        return problem(404, "not_found", "There is no consultation with this id.")
    source = services.source_page(page)
    if not token.consultations.filter(pk=source.pk).exists():
        return problem(403, "out_of_scope", "This key may not send responses to this consultation.")
    body, refusal = parse_body(request)
    if refusal is not None:
        return refusal
    language = body.get("language") or settings.LANGUAGE_CODE
    if not isinstance(language, str) or language not in {
        code for code, _name in settings.LANGUAGES
    }:
        return problem(
            400,
            "invalid",
            "Unknown language.",
            errors={"language": [f"One of {[c for c, _n in settings.LANGUAGES]}."]},
        )
    form_page = form_page_for(source)
    if form_page is None or not form_page.live:
        return problem(404, "not_found", "This consultation has no response form.")
    form_page = in_language(form_page, language) or form_page
    client = f"intake:{token.pk}"
    repeat = services.find_repeat(form_page, key, client)
    if repeat is not None:
        return JsonResponse(response_body(repeat, False), status=200)
    status = get_status(source)
    if status != "open":
        return problem(
            409,
            "not_open",
            "This consultation is not open for responses.",
            consultation_status=status,
        )
    with translation.override(language):
        try:
            data = form_data(form_page, body)
            response, created = services.submit_response(
                form_page,
                data,
                locale=form_page.locale,
                channel=token.channel,
                partner=token.partner,
                idempotency_key=key,
                client=client,
                status=status,
                hold_reason="partner key: every response held for review"
                if token.hold_for_review
                else "",
            )
        except ValidationError as error:
            return problem(400, "invalid", "Some answers are not valid.", errors=error.message_dict)
        except services.SubmissionInvalid as error:
            return problem(400, "invalid", "Some answers are not valid.", errors=error.errors)
        except services.ConsultationNotOpen as error:
            return problem(
                409,
                "not_open",
                "This consultation is not open for responses.",
                consultation_status=error.status,
            )
        except services.SubmissionError as error:
            return problem(400, "refused", str(error))
    IntakeToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return JsonResponse(response_body(response, created), status=201 if created else 200)


OPENAPI_PATH = Path(__file__).with_name("openapi.yaml")


@require_http_methods(["GET", "HEAD"])
def openapi(request):
    """The API's OpenAPI description, as committed (partners/openapi.yaml)."""
    response = HttpResponse(
        OPENAPI_PATH.read_bytes(), content_type="application/yaml; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
