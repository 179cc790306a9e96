"""Staff-entered responses: record a response received on paper, by phone, by email or at an event,
with the same questions as the public form, marked with its channel and who entered it.

Wired into the Wagtail admin from FeedbackConfig.ready() (feedback/apps.py), so it does not
touch feedback/wagtail_hooks.py.
"""

import datetime
import uuid
from types import SimpleNamespace

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback import services, uploads
from feedback.forms import DatePartsField
from feedback.models import Response, ResponseFormPage
from feedback.rendering import CONSENT_FIELDS, consent_view, error_list, question_view

STAFF_CHANNEL_CHOICES = [(c.value, c.label) for c in Response.Channel if c.value in services.STAFF_CHANNELS]
PERMISSION = "feedback.add_response"


def can_enter(user):
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


class EntryMetaForm(forms.Form):
    channel = forms.ChoiceField(label=gettext_lazy("How did the response reach us?"), choices=STAFF_CHANNEL_CHOICES)
    received = DatePartsField(label=gettext_lazy("Date received"), required=False)
    respondent_name = forms.CharField(label=gettext_lazy("Respondent's name (optional)"), required=False, max_length=150)


def choose_form(request):
    if not can_enter(request.user):
        raise PermissionDenied
    forms_list = ResponseFormPage.objects.filter(locale__language_code="en").select_related("locale").order_by("-latest_revision_created_at")
    return TemplateResponse(request, "feedback/staff/choose_form.html", {"form_pages": forms_list})


def enter_response(request, page_id):
    if not can_enter(request.user):
        raise PermissionDenied
    page = get_object_or_404(ResponseFormPage, pk=page_id).specific
    steps = services.steps_for(page)
    wanted = request.GET.get("channel", "")
    initial = {"channel": wanted} if wanted in services.STAFF_CHANNELS else {}
    meta = EntryMetaForm(request.POST or None, auto_id="%s", initial=initial)
    data = request.POST if request.method == "POST" else None
    errors = {}
    reference = None
    if request.method == "POST":
        meta_ok = meta.is_valid()
        data, upload_errors = with_uploads(request, page, steps)
        try:
            if not meta_ok or upload_errors:
                services.validate(page, data)  # collect question errors as well
                raise services.SubmissionInvalid({})
            received = meta.cleaned_data.get("received")
            submitted_at = timezone.now()
            if received:
                submitted_at = timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(received), datetime.time(12, 0)))
            post = data.copy()
            post["respondent_name"] = meta.cleaned_data.get("respondent_name", "")
            response, _created = services.submit_response(
                page,
                post,
                channel=meta.cleaned_data["channel"],
                entered_by=request.user,
                idempotency_key=request.POST.get("idempotency_key", "")[:64] or None,
                client=f"staff:{request.user.pk}",
                submitted_at=submitted_at,
            )
            reference = response.reference
            return redirect(reverse("feedback_staff_entered", args=[page.pk, response.reference]))
        except services.SubmissionInvalid as error:
            errors = {}
            for form in error.forms:
                errors.update(form.errors)
            errors.update(upload_errors)
            # `data`, not request.POST: a file chosen on this entry stays chosen (its Upload,
            # found by the entry's binding), and an id the browser put in the file's field is not
            # shown (with_uploaded_files drops it).
    sections, summary = entry_sections(steps, data, errors)

    return TemplateResponse(
        request,
        "feedback/staff/enter_response.html",
        {
            "page": page,
            "consultation": services.consultation_for(page),
            "meta": meta,
            "sections": sections,
            "consent": consent_view(data, errors),
            "errors": summary + [(name, msg) for name, msgs in meta.errors.items() for msg in msgs],
            "idempotency_key": request.POST.get("idempotency_key") or uuid.uuid4().hex,
            "reference": reference,
        },
    )


def entry_sections(steps, data, errors):
    """The questions as staff type them in, numbered as on the paper questionnaire
    (feedback.paper), and the error summary's items. Used by staff entry and BSL transcription
    (feedback.admin_sign_language). Returns (sections, [(anchor, message)])."""
    sections, number = [], 0
    for step in steps:
        if step.kind == "consent":
            continue
        views = []
        for question in step.questions:
            number += 1
            views.append({**question_view(question, data, errors, False), "number": number})
        sections.append({"title": step.title, "questions": views})
    summary = []
    for step in steps:
        keys = {x.key for x in step.questions}
        step_errors = {k: v for k, v in errors.items() if k in keys or k in CONSENT_FIELDS}
        summary += error_list(step, SimpleNamespace(errors=step_errors))
    return sections, summary


def with_uploads(request, page, steps):
    """The posted data with each file chosen (a photo of the paper form, a letter) checked,
    scanned and kept, as on the public form. A file chosen on an earlier, failed "Save response"
    of the same entry is kept (see `entry_of`). Returns (data, {key: messages})."""
    questions = [x for step in steps for x in step.questions]
    return uploads.with_uploaded_files(page, questions, request.POST, request.FILES, entry=entry_of(request, page))


def entry_of(request, page) -> str:
    """This entry as the server names it: the signed-in member of staff's session and account,
    the form, and the entry's own random key (the form's idempotency key). A key typed into
    another session, or by another member of staff, names another entry: nothing of theirs."""
    key = request.POST.get("idempotency_key", "")[:64]
    if not key or not request.session.session_key:
        return ""
    return uploads.entry_binding("staff", request.session.session_key, request.user.pk, page.translation_key, key)


def entered(request, page_id, reference):
    if not can_enter(request.user):
        raise PermissionDenied
    page = get_object_or_404(ResponseFormPage, pk=page_id)
    response = get_object_or_404(Response, reference=reference)
    return TemplateResponse(request, "feedback/staff/entered.html", {"page": page, "response": response})


def admin_urls():
    return [
        path("feedback/enter/", choose_form, name="feedback_staff_choose"),
        path("feedback/enter/<id:page_id>/", enter_response, name="feedback_staff_enter"),
        path("feedback/enter/<id:page_id>/<str:reference>/", entered, name="feedback_staff_entered"),
    ]


def register():

    hooks.register("register_admin_urls", admin_urls)

    class EnterMenuItem(MenuItem):
        def is_shown(self, request):
            return can_enter(request.user)

    @hooks.register("register_admin_menu_item")
    def enter_menu_item():
        return EnterMenuItem(_("Enter a response"), reverse("feedback_staff_choose"), icon_name="form", order=310)
