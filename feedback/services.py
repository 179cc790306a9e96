"""Saving a response: the one function every way in calls.

    response, created = submit_response(form_page, data, channel=..., idempotency_key=...)

The public form, the partner embed view, staff entry and tests all call `submit_response()`.
It validates every answer, takes the spam decision, saves in one transaction (idempotent on
`idempotency_key`) and enqueues the receipt email on commit.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import SimpleNamespace
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from consultations.models import ConsultationPage
from consultations.status import OPEN, get_status
from feedback import easy_read, uploads
from feedback import questions as q
from feedback.about_you import ABOUT_YOU, about_you_questions
from feedback.forms import ConsentForm, build_form_class, postcode_district
from feedback.models import Response, ResponseFormField, SignLanguageRequest
from feedback.tasks import send_receipt
from home.fallback import source_page
from home.internals import known_parent, remember_parent
from home.process_memo import ProcessMemo
from home.request_memo import default_locale as request_default_locale
from home.request_memo import prime, remember, unit_of_work
from security.public_forms import assess_recaptcha, honeypot_hit

if TYPE_CHECKING:
    from datetime import datetime

    from django.contrib.auth.base_user import AbstractBaseUser

    from wagtail.models import Page

    from consultations.models import Invitation
    from feedback.models import ResponseFormPage

logger = logging.getLogger(__name__)

PUBLIC_CHANNELS = {Response.Channel.ONLINE, Response.Channel.EMBED}
STAFF_CHANNELS = {Response.Channel.PAPER, Response.Channel.PHONE, Response.Channel.EMAIL, Response.Channel.EVENT}
# Sent by a partner's system through the intake API (partners.intake), which checks the key, the
# scope and that the consultation is open before calling submit_response.
INTAKE_CHANNELS = {Response.Channel.PARTNER, Response.Channel.SMS}
# "Respond in BSL" (feedback.sign_language): a video answer or a video relay request, checked
# like a public response (open, honeypot) and held with no answers until staff transcribe it.
SIGN_LANGUAGE_CHANNELS = {Response.Channel.BSL}
AWAITING_TRANSCRIPTION = "awaiting transcription"


class SubmissionError(Exception):
    """Base class: nothing was saved."""


class SubmissionInvalid(SubmissionError):
    """Some answers did not validate. `errors` maps field name -> [messages]; `forms` the bound forms."""

    def __init__(self, errors, forms=()):
        super().__init__("invalid response")
        self.errors = errors
        self.forms = list(forms)


class SubmissionRefused(SubmissionError):
    """Refused outright: only a honeypot hit (rate limits are refused by the views)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class ConsultationNotOpen(SubmissionError):
    def __init__(self, status):
        super().__init__(f"consultation is {status}")
        self.status = status


@dataclass
class Step:
    number: int
    title: str
    kind: str  # "questions", "about_you" or "consent"
    questions: list = field(default_factory=list)
    introduction: str = ""


# --- Consultation and status ---------------------------------------------------------------------
def default_locale(page: Page | None = None) -> Locale | None:
    """Locale.get_default(), looked up once per request (home.request_memo), or None.
    `page` is not used: kept for the callers that pass it."""

    try:
        return request_default_locale()
    except Locale.DoesNotExist:
        return None


def consultation_for(form_page: ResponseFormPage) -> ConsultationPage | None:
    """The ConsultationPage a form belongs to (in the form's own language).

    One query: the parent is loaded as a ConsultationPage straight away (a response form's parent
    always is one) and cached the way treebeard's `get_parent()` caches it, per page object.
    """
    cached = known_parent(form_page)
    if cached is None and form_page.pk is not None and not form_page.is_root():
        parent_path = form_page.path[: -form_page.steplen]
        cached = ConsultationPage.objects.filter(path=parent_path).first()
        if cached is not None:
            remember_parent(form_page, cached)
    parent = cached if cached is not None else form_page.get_parent()
    return parent.specific if parent is not None else None


# --- Questions and steps -------------------------------------------------------------------------
# A form's steps and questions are rebuilt from the database rows only when the rows change: the
# cache key *is* the content (every column of the form's question rows, of the source-language
# rows for a translation, of the "About you" snippet, and the active language), so republishing,
# editing a question or a snippet, or translating can never serve a stale form. They are kept in
# Django's cache (shared by every worker when it is Redis), built in each process under the same
# key (`DEFINITIONS`, home.process_memo: nothing unpickled per request), and once per request
# (home.request_memo). Reading the rows costs one query (two for a translation); building costs
# ~10 ms of Python. The Django form class is made from the questions when a submission needs it
# (`FormDefinition.form_class`), once per definition and process: classes made at run time cannot
# be pickled into a shared cache.
FIELD_ATTRS = (
    "id", "translation_key", "locale_id", "sort_order", "clean_name", "label", "required", "default_value",
    "help_text", "page_id", "key", "field_type", "choices", "statements", "max_length", "min_value",
    "max_value", "new_step", "condition_key", "condition_value", "file_types", "max_file_size",
    "maps_to", "image_id", "image_alt",
    "sign_video_id",
)  # fmt: skip
ABOUT_YOU_ATTRS = ("pk", "heading", "introduction", *(row[0] for row in ABOUT_YOU))
DEFINITION_SECONDS = 24 * 60 * 60  # the key changes with the content; this only bounds old entries
# The built definition (and the form class it makes once) kept in this process under the same
# content key, so a request neither unpickles nor rebuilds it (home.process_memo). Read-only.
DEFINITIONS = ProcessMemo("form definitions", size=256)


@dataclass(frozen=True)
class FormDefinition:
    steps: tuple  # of Step (never handed out: steps_for() returns copies)
    answer_questions: tuple  # every question that stores an answer (own questions, About you)

    @cached_property
    def form_class(self):
        """The Django form for answer_questions."""
        return build_form_class(self.answer_questions)


def _field_rows(manager):
    """Every column of a form's question rows in form order, or None when they live only in
    memory (a preview of an unsaved revision), which is never cached."""
    queryset = manager.all()
    if not isinstance(queryset, models.QuerySet):
        return None
    return tuple(queryset.values_list(*FIELD_ATTRS))


def _as_fields(rows):
    return [SimpleNamespace(**dict(zip(FIELD_ATTRS, row, strict=True))) for row in rows]


def _build_steps(form_page, questions):
    if easy_read.is_easy_read(form_page):  # one question per screen
        questions = easy_read.one_question_per_step(questions)
    steps = []
    for question in questions:
        if not steps or steps[-1].number != question.step:
            steps.append(Step(number=question.step, title=question.section, kind="questions"))
        steps[-1].questions.append(question)
    snippet = form_page.about_you
    if snippet is not None:
        about = about_you_questions(snippet)
        if about:
            steps.append(
                Step(number=len(steps) + 1, title=str(snippet.heading), kind="about_you", questions=about, introduction=snippet.introduction)
            )
    steps.append(Step(number=len(steps) + 1, title=str(_("Before you send")), kind="consent", questions=q.standard_questions()))
    for index, step in enumerate(steps, start=1):
        step.number = index
    return steps


def field_rows(form_page: ResponseFormPage) -> tuple:
    """(the form's question rows, its source form's rows or ()): two queries at most, once per
    request (or none, after `use_field_rows`); rows None for an unsaved preview."""
    if form_page.pk is None or not isinstance(form_page.form_fields.all(), models.QuerySet):
        return _read_field_rows(form_page)
    return remember(("field_rows", form_page.pk), lambda: _read_field_rows(form_page))


def use_field_rows(form_page: ResponseFormPage, rows: tuple) -> None:
    """For this request, take `field_rows(form_page)` from `rows` (read earlier and kept until the
    next publish, as partners.embed keeps them)."""
    prime(("field_rows", form_page.pk), rows)


def _read_field_rows(form_page):
    rows = _field_rows(form_page.form_fields)
    default = default_locale()
    source_rows = ()
    if rows is not None and default is not None and form_page.locale_id != default.pk:
        source_rows = tuple(
            ResponseFormField.objects.filter(page__translation_key=form_page.translation_key, page__locale_id=default.pk)
            .order_by("sort_order")
            .values_list(*FIELD_ATTRS)
        )
    return rows, source_rows


def _build_definition(form_page, rows, source_rows):
    if rows is None:
        questions = q.form_questions(form_page)
    else:
        fields = _as_fields(rows)
        source_fields = fields
        if source_rows:
            by_key = {f.translation_key: f for f in _as_fields(source_rows)}
            source_fields = [by_key.get(f.translation_key, f) for f in fields]
        questions = q.form_questions(form_page, fields=fields, source_fields=source_fields)
    steps = _build_steps(form_page, questions)
    answers = tuple(x for step in steps if step.kind != "consent" for x in step.questions)
    return FormDefinition(tuple(steps), answers)


def _definition(form_page):
    rows, source_rows = field_rows(form_page)
    if rows is None or form_page.pk is None:  # a preview: build it, never cache it
        return _build_definition(form_page, rows, source_rows)
    snippet = form_page.about_you
    snippet_key = tuple(getattr(snippet, name) for name in ABOUT_YOU_ATTRS) if snippet is not None else None
    content = repr((form_page.pk, form_page.purpose, form_page.locale_id, translation.get_language(), rows, source_rows, snippet_key))
    key = "hys:form-definition:" + hashlib.sha256(content.encode()).hexdigest()
    return DEFINITIONS.get(key, lambda: _shared_definition(key, form_page, rows, source_rows))


def _shared_definition(key, form_page, rows, source_rows):
    try:
        definition = cache.get(key)
    except Exception:  # a cache outage only costs speed
        logger.exception("Form definition cache unavailable")
        return _build_definition(form_page, rows, source_rows)
    if definition is None:
        definition = _build_definition(form_page, rows, source_rows)
        try:
            cache.set(key, definition, DEFINITION_SECONDS)
        except Exception:
            logger.exception("Could not store a form definition")
    return definition


def form_definition(form_page: ResponseFormPage) -> FormDefinition:
    """The steps, answer questions and form class of a form page, cached on its content."""
    if form_page.pk is None or not isinstance(form_page.form_fields.all(), models.QuerySet):
        return _definition(form_page)  # a preview: rows in memory, never kept
    return remember(("form_definition", form_page.pk, translation.get_language()), lambda: _definition(form_page))


def steps_for(form_page: ResponseFormPage) -> list[Step]:
    """The steps of a form, in the form page's own language (keys always from the source)."""
    return [
        Step(number=s.number, title=s.title, kind=s.kind, questions=list(s.questions), introduction=s.introduction)
        for s in form_definition(form_page).steps
    ]


def answer_questions(form_page: ResponseFormPage) -> list[q.Question]:
    """Every question that stores an answer (own questions, About you), excluding the consent step."""
    return list(form_definition(form_page).answer_questions)


def to_form_data(data: Mapping, questions: Iterable[q.Question] = ()) -> MultiValueDict:
    """Accept a plain dict in the stored shape ({key: str|int|list|dict}) or a QueryDict; return a
    MultiValueDict as a browser would post it."""
    if isinstance(data, MultiValueDict):
        return data
    out = MultiValueDict()
    grids = {question.key for question in questions if question.type == q.GRID}
    for key, value in (data or {}).items():
        if isinstance(value, dict) and key in grids:
            for statement, answer in value.items():
                out.setlist(f"{key}__{statement}", [answer])
        elif isinstance(value, list | tuple):
            out.setlist(key, list(value))
        elif isinstance(value, bool):
            out.setlist(key, ["on"] if value else [])
        elif value is None:
            continue
        else:
            out.setlist(key, [value])
    return out


def validate_consent(data: Mapping) -> dict:
    """Only the last step (publication, outcome and receipt emails): a BSL response's answers
    are given in the video. Returns its cleaned_data or raises SubmissionInvalid."""
    consent = ConsentForm(to_form_data(data))
    if not consent.is_valid():
        errors = {name: [str(m) for m in messages] for name, messages in consent.errors.items()}
        raise SubmissionInvalid(errors, [consent])
    return consent.cleaned_data


def validate(
    form_page: ResponseFormPage, data: Mapping, definition: FormDefinition | None = None
) -> tuple[dict, dict]:
    """Validate everything at once. Returns (answers, consent cleaned_data) or raises SubmissionInvalid."""
    definition = definition or form_definition(form_page)
    questions = definition.answer_questions
    form_data = to_form_data(data, questions)
    form = definition.form_class(form_data)
    consent = ConsentForm(form_data)
    form_ok, consent_ok = form.is_valid(), consent.is_valid()
    if not (form_ok and consent_ok):
        errors = {name: [str(m) for m in messages] for name, messages in {**form.errors, **consent.errors}.items()}
        raise SubmissionInvalid(errors, [form, consent])
    return form.answers(), consent.cleaned_data


# --- The one way a response is saved -------------------------------------------------------------
def scoped_idempotency_key(form_page: ResponseFormPage, key: object, client: str | None) -> str | None:
    """The stored form of a form's idempotency token: bound to the form (in every language) and
    to the client that sent it, so a token copied from someone else's page finds nothing."""
    key = str(key or "").strip()[:64]
    if not key:
        return None
    raw = f"{form_page.translation_key}|{client or ''}|{key}".encode()
    return hashlib.sha256(raw).hexdigest()


def find_repeat(form_page: ResponseFormPage, key: object, client: str | None) -> Response | None:
    """The response this client already sent with this token on this form, if any."""
    scoped = scoped_idempotency_key(form_page, key, client)
    return Response.objects.filter(idempotency_key=scoped).first() if scoped else None


def submit_response(
    form_page: ResponseFormPage,
    data: Mapping[str, object] | MultiValueDict,
    *,
    locale: Locale | None = None,
    channel: str = Response.Channel.ONLINE,
    partner: models.Model | None = None,  # a partners.Partner (a higher layer: not imported)
    entered_by: AbstractBaseUser | None = None,
    invitation: Invitation | None = None,
    idempotency_key: str | None = None,
    client: str = "",
    recaptcha_token: str | None = None,
    remote_ip: str | None = None,
    submitted_at: datetime | None = None,
    now: datetime | None = None,
    status: str | None = None,
    hold_reason: str = "",
    sign_language: dict | None = None,
) -> tuple[Response, bool]:
    """Validate → spam decision → save (one transaction) → receipt email on commit.

    form_page: the ResponseFormPage posted to, in any language (answers are keyed by the source
        form's question keys; the response is stored against the source consultation).
    data: the answers, either as posted (QueryDict) or a plain dict in the stored shape, plus the
        optional `publication_consent`, `wants_outcome`, `wants_receipt`, `respondent_email`,
        `respondent_name` (staff channels only) and the honeypot field.
    locale: the language used (defaults to form_page.locale).
    channel: Response.Channel; online/embed must be open and pass the spam checks, staff channels
        (paper, phone, email, event) skip reCAPTCHA and may be entered after closing.
    invitation: the consultations.Invitation the visitor came through (an invited consultation);
        stored on the response instead of anything about the person.
    idempotency_key: the token from the form; a repeat returns the first response, created=False.
    client: who sent it (the session, the member of staff, the embed token): the token is stored
        scoped to the form and the client (`scoped_idempotency_key`), so only a repeat from the
        same client on the same form finds the first response.

    status: the consultation's status when the caller has already worked it out for this request
        (`consultations.status.get_status`), so one request answers with one status.
    hold_reason: when given, the response is held for review with this reason (a partner whose
        responses staff approve one by one).
    sign_language: channel `bsl` only: {"kind": "video" | "relay", "upload": the video's Upload
        (from `uploads.store_video`), "phone", "contact_times", "relay_service"}. No answers are
        validated or stored; the response is held (AWAITING_TRANSCRIPTION) until transcribed.

    Returns (response, created). Raises SubmissionInvalid (nothing saved), ConsultationNotOpen,
    SubmissionRefused (honeypot only). Never raises for reCAPTCHA trouble: such responses are held.
    """
    idempotency_key = scoped_idempotency_key(form_page, idempotency_key, client)
    with unit_of_work():  # the default locale and the form definition, looked up once
        try:
            return _submit(
                form_page,
                data,
                locale=locale,
                channel=channel,
                partner=partner,
                entered_by=entered_by,
                invitation=invitation,
                idempotency_key=idempotency_key,
                recaptcha_token=recaptcha_token,
                remote_ip=remote_ip,
                submitted_at=submitted_at,
                now=now,
                status=status,
                hold_reason=hold_reason,
                sign_language=sign_language,
            )
        except (IntegrityError, SubmissionInvalid, SubmissionRefused, ConsultationNotOpen):
            # A repeat (the same form sent twice) is found only when saving it fails on the unique
            # key, or when it could no longer be accepted: the first response stands. Looking it up
            # only then saves a query on every first-time response.
            existing = Response.objects.filter(idempotency_key=idempotency_key).first() if idempotency_key else None
            if existing is not None:
                return existing, False
            raise


def _submit(form_page, data, *, locale, channel, partner, entered_by, invitation, idempotency_key, recaptcha_token, remote_ip, submitted_at, now, status, hold_reason="", sign_language=None):
    """submit_response's work for a first-time response: validate, decide, save."""
    form_page = form_page.specific
    consultation = source_page(consultation_for(form_page), default_locale(form_page))
    public = channel in PUBLIC_CHANNELS
    signed = channel in SIGN_LANGUAGE_CHANNELS
    if public or signed:
        status = status or get_status(consultation, now=now)
        if status != OPEN:
            raise ConsultationNotOpen(status)
        if honeypot_hit(data):
            raise SubmissionRefused("honeypot")

    definition = form_definition(form_page)
    if signed:  # the answers come later, when staff transcribe the video (feedback.sign_language)
        answers, consent = {}, validate_consent(data)
    else:
        answers, consent = validate(form_page, data, definition)
    if consent.get("publication_consent"):
        answers[q.PUBLICATION_CONSENT_KEY] = consent["publication_consent"]
    email = consent.get("respondent_email") or ""
    name = ""
    # A name is typed in by staff, or given with a BSL video relay request; never by the web form.
    if not public and hasattr(data, "get"):
        raw_name = data.get("respondent_name", "")
        name = str(raw_name or "").strip()[:150] if not isinstance(raw_name, list | dict) else ""

    district = district_for(definition.answer_questions, answers)

    status, reason = Response.Status.ACCEPTED, ""
    if public:
        decision = assess_recaptcha(recaptcha_token, remote_ip=remote_ip, action="respond")
        status, reason = decision.status, decision.reason
    if hold_reason and status == Response.Status.ACCEPTED:
        status, reason = Response.Status.HELD, str(hold_reason)[:200]
    upload_ids = uploads.upload_ids(answers, definition.answer_questions)
    if signed:
        status, reason = Response.Status.HELD, AWAITING_TRANSCRIPTION
        video = (sign_language or {}).get("upload")
        upload_ids = [str(video.pk)] if video is not None else []
    if status == Response.Status.ACCEPTED and uploads.has_unscanned(upload_ids):
        status, reason = Response.Status.HELD, uploads.UNSCANNED_REASON

    response = Response(
        consultation=consultation,
        locale_id=locale.pk if locale is not None else form_page.locale_id,  # no query for form_page.locale
        channel=channel,
        partner=partner,
        form_version=form_page.purpose,
        status=status,
        status_reason=reason,
        answers=answers,
        postcode_district=district,
        submitted_at=submitted_at or now or timezone.now(),
        idempotency_key=idempotency_key,
        email=email,
        name=name,
        wants_outcome=bool(consent.get("wants_outcome") and email),
        wants_receipt=bool(consent.get("wants_receipt") and email),
        entered_by=entered_by if getattr(entered_by, "pk", None) else None,
        invitation=invitation,
    )
    if locale is not None:
        response.locale = locale
    with transaction.atomic():
        response.save()
        if not uploads.attach(response, upload_ids):  # the same file sent in two responses at once
            raise SubmissionInvalid({"upload": [str(_("Choose the file again"))]})
        if signed:
            extra = sign_language or {}
            SignLanguageRequest.objects.create(
                response=response,
                kind=extra.get("kind") or SignLanguageRequest.Kind.VIDEO,
                phone=str(extra.get("phone") or "")[:40],
                contact_times=str(extra.get("contact_times") or "")[:300],
                relay_service=str(extra.get("relay_service") or "")[:100],
            )
        if response.wants_receipt:
            transaction.on_commit(lambda: enqueue_receipt(response.pk), robust=True)
    return response, True


def district_for(questions: Iterable[q.Question], answers: dict) -> str:
    """The postcode district of the answers: the form's own postcode question first, else About you's."""
    district = ""
    for question in questions:
        if question.type == q.POSTCODE and answers.get(question.key):
            district = postcode_district(answers[question.key])
            if not question.key.startswith("about_"):
                break
    return district


def enqueue_receipt(response_id: int) -> None:
    try:
        send_receipt.enqueue(response_id)
    except Exception:  # the response is saved; `send_receipts` picks up anything unsent
        logger.exception("could not enqueue the receipt for response %s", response_id)
