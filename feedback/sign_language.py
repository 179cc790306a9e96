"""Responding in British Sign Language (issue 18).

The public page "Respond in BSL" (`ResponseFormPage` route `bsl/`) offers two ways in:

- a video answer: the file is checked, scanned and kept privately like any uploaded answer
  (`feedback.uploads.store_video`: MP4, WebM or QuickTime, up to BSL_VIDEO_MAX_MEGABYTES);
- a request to be contacted by video relay (name, email or phone / text relay, times, service).

Both are sent through the one submission path (`services.submit_response`, channel `bsl`), behind
the one public-form protection. The response has no answers and is held with the reason
AWAITING_TRANSCRIPTION, so it counts nowhere until staff have watched the video (or made the
call) and typed the answers in, question by question (`transcribe`, admin in
`feedback.admin_sign_language`). The video is deleted RETENTION_DAYS_BSL_VIDEOS days after the
transcription (reporting.retention's "bsl_videos"), and always with the response.
"""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log

from consultations.invitations import invitation_from_request
from feedback import questions as q
from feedback import services, uploads
from feedback.forms import StrictEmailField
from feedback.models import Response, SignLanguageRequest
from feedback.views import closed_response, idempotency_client, nocache, page_and_status, sub_url
from home.forms import error_summary_items
from security.public_forms import HONEYPOT_FIELD, clean_text, protect, refused, too_many

TRANSCRIBE_ACTION = "feedback.response.transcribe"
VIDEO, RELAY = SignLanguageRequest.Kind.VIDEO, SignLanguageRequest.Kind.RELAY


def video_retention_days() -> int:
    """Days a video answer is kept after its transcription: reporting.retention's "bsl_videos"
    period, read from the same setting (feedback cannot import reporting)."""
    return int(getattr(settings, "PERSONAL_DATA_RETENTION_DAYS", {}).get("bsl_videos", 90))


class AlreadyTranscribed(Exception):
    """Someone else saved the transcription first: nothing was changed."""


# --- The public page -----------------------------------------------------------------------------
class VideoAnswerForm(forms.Form):
    video = forms.FileField(
        label=gettext_lazy("Your video"),
        error_messages={"required": gettext_lazy("Choose the video of your answer")},
    )
    video_email = StrictEmailField(
        label=gettext_lazy("Email address (optional)"),
        required=False,
        help_text=gettext_lazy("We will email you your reference. We use it for nothing else."),
    )


class RelayRequestForm(forms.Form):
    relay_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=150,
        error_messages={"required": gettext_lazy("Enter your name")},
    )
    relay_email = StrictEmailField(label=gettext_lazy("Email address (optional)"), required=False)
    relay_phone = forms.CharField(
        label=gettext_lazy("Phone or text relay number (optional)"), max_length=40, required=False
    )
    relay_times = forms.CharField(
        label=gettext_lazy("When is a good time to contact you? (optional)"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("For example, weekday mornings."),
    )
    relay_service = forms.CharField(
        label=gettext_lazy("Which video relay service do you use? (optional)"),
        max_length=100,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("relay_name", "relay_phone", "relay_times", "relay_service"):
            if cleaned.get(name):
                cleaned[name] = clean_text(cleaned[name])
        if (
            not cleaned.get("relay_email")
            and not cleaned.get("relay_phone")
            and "relay_email" not in self.errors
        ):
            self.add_error(
                "relay_email",
                gettext_lazy("Enter an email address or a phone number so we can contact you"),
            )
        return cleaned


def _session_key(page) -> str:
    return f"hys_bsl_{page.pk}"


def _too_many(request):
    return too_many(
        request,
        _("You have sent a lot of responses in a short time. Please wait an hour and try again."),
    )


@protect("feedback:respond", _too_many)
def respond_in_bsl(request, page):
    consultation, status = page_and_status(page)
    if status != "open":
        return closed_response(request, page, consultation, status)
    # The page's token, sent back with either form: a repeat (a double click, a refresh) finds
    # the first response. Scoped to this session, which the page makes sure exists.
    key = request.POST.get("idempotency_key", "")[:64] if request.method == "POST" else ""
    key = key or uuid.uuid4().hex
    request.session[_session_key(page)] = True
    if request.session.session_key is None:
        request.session.save()  # the token is scoped to the session: it must have its key now
    client = idempotency_client(request)
    kind = request.POST.get("kind") if request.method == "POST" else ""
    video_form = (
        VideoAnswerForm(request.POST or None, request.FILES or None, auto_id="%s")
        if kind == VIDEO
        else VideoAnswerForm(auto_id="%s")
    )
    relay_form = (
        RelayRequestForm(request.POST or None, auto_id="%s")
        if kind == RELAY
        else RelayRequestForm(auto_id="%s")
    )
    if kind in (VIDEO, RELAY):
        repeat = services.find_repeat(page, key, client)
        if repeat is not None:  # sent twice (a double click, a refresh): the first one stands
            return _sent(request, page, repeat)
        form = video_form if kind == VIDEO else relay_form
        if form.is_valid():
            answer = _send(request, page, consultation, status, kind, form, key, client)
            if answer is not None:
                return answer
    context = page.get_context(request)
    context.update(
        {
            "consultation": consultation,
            "video_form": video_form,
            "relay_form": relay_form,
            "video_hint": uploads.video_hint(),
            "video_accept": ",".join(
                ext for _label, _mime, exts in uploads.VIDEO_TYPES.values() for ext in exts
            ),
            "errors": error_summary_items(video_form) + error_summary_items(relay_form),
            "honeypot_field": HONEYPOT_FIELD,
            "idempotency_key": key,
            "retention_days": video_retention_days(),
            "back_url": consultation.url if consultation else "",
            "form_url": page.url,
        }
    )
    return nocache(TemplateResponse(request, "feedback/respond_in_bsl.html", context))


def _send(request, page, consultation, status, kind, form, key, client):
    """Send the video answer or relay request; None (with the error on the form) when refused."""
    data = {HONEYPOT_FIELD: request.POST.get(HONEYPOT_FIELD, "")}
    extra = {"kind": kind}
    if kind == VIDEO:
        try:
            extra["upload"] = uploads.store_video(page, form.cleaned_data["video"])
        except ValidationError as error:
            form.add_error("video", error)
            return None
        email = form.cleaned_data.get("video_email") or ""
    else:
        email = form.cleaned_data.get("relay_email") or ""
        data["respondent_name"] = form.cleaned_data["relay_name"]
        extra.update(
            phone=form.cleaned_data.get("relay_phone", ""),
            contact_times=form.cleaned_data.get("relay_times", ""),
            relay_service=form.cleaned_data.get("relay_service", ""),
        )
    data.update(respondent_email=email, wants_receipt=bool(email))
    try:
        response, _created = services.submit_response(
            page,
            data,
            locale=page.locale,
            channel=Response.Channel.BSL,
            invitation=invitation_from_request(request, consultation),
            idempotency_key=key,
            client=client,
            status=status,
            sign_language=extra,
        )
    except services.SubmissionRefused:
        return nocache(
            refused(
                request,
                _(
                    "We could not accept this form. If you are a person, please contact us and we will take your response another way."
                ),
                status=400,
            )
        )
    except services.ConsultationNotOpen as error:
        return closed_response(request, page, consultation, error.status)
    except services.SubmissionInvalid as error:
        for name, messages in error.errors.items():
            target = "video_email" if kind == VIDEO else "relay_email"
            form.add_error(target if name == "respondent_email" else None, messages)
        return None
    return _sent(request, page, response)


def _sent(request, page, response):
    request.session[f"hys_bsl_done_{page.pk}"] = response.reference
    return nocache(HttpResponseRedirect(sub_url(page, "bsl_sent")))


def sent(request, page):
    reference = request.session.get(f"hys_bsl_done_{page.pk}")
    response = (
        Response.objects.filter(reference=reference).select_related("sign_language").first()
        if reference
        else None
    )
    if response is None:
        return nocache(HttpResponseRedirect(sub_url(page, "respond_in_bsl")))
    context = page.get_context(request)
    context.update(
        {
            "consultation": services.consultation_for(page),
            "response": response,
            "reference": reference,
        }
    )
    return nocache(TemplateResponse(request, "feedback/respond_in_bsl_sent.html", context))


# --- Staff: what waits, and transcribing ---------------------------------------------------------
def awaiting(responses):
    """The BSL responses in `responses` (a queryset the user may see) not yet transcribed."""
    return (
        responses.filter(channel=Response.Channel.BSL, sign_language__transcribed_at__isnull=True)
        .exclude(status=Response.Status.REJECTED)
        .select_related("consultation", "locale", "sign_language")
        .prefetch_related("uploads")
        .order_by("submitted_at")
    )


def transcribe(response: Response, form_page, data, user) -> Response:
    """Put the answers staff typed in (validated exactly as the web form's) into the response,
    record who did it and when, and count it: held → accepted (or still held when a file given
    with it is not scanned yet). Raises services.SubmissionInvalid, or AlreadyTranscribed."""
    definition = services.form_definition(form_page)
    answers, consent = services.validate(form_page, data, definition)
    if consent.get("publication_consent"):
        answers[q.PUBLICATION_CONSENT_KEY] = consent["publication_consent"]
    upload_ids = uploads.upload_ids(answers, definition.answer_questions)
    now = timezone.now()
    with transaction.atomic():
        request = (
            SignLanguageRequest.objects.select_for_update().filter(response_id=response.pk).first()
        )
        if request is None or request.transcribed_at is not None:
            raise AlreadyTranscribed(response.reference)
        response = Response.objects.get(pk=response.pk)
        if not uploads.attach(response, upload_ids):
            raise services.SubmissionInvalid({"upload": [_("Choose the file again")]})
        held_reason = response.status_reason
        response.answers = answers
        response.postcode_district = services.district_for(definition.answer_questions, answers)
        response.entered_by = user
        if (
            response.status == Response.Status.HELD
            and response.status_reason == services.AWAITING_TRANSCRIPTION
        ):
            response.status, response.status_reason = Response.Status.ACCEPTED, ""
        if uploads.has_unscanned(upload_ids):
            response.status, response.status_reason = Response.Status.HELD, uploads.UNSCANNED_REASON
        response.save(
            update_fields=["answers", "postcode_district", "entered_by", "status", "status_reason"]
        )
        request.transcribed_at, request.transcribed_by = now, user
        request.save(update_fields=["transcribed_at", "transcribed_by"])
        log(
            instance=response,
            action=TRANSCRIBE_ACTION,
            user=user,
            data={
                "reason_held": held_reason,
                "kind": request.kind,
                "transcribed_at": now.isoformat(),
            },
            title=response.reference,
        )
    return response
