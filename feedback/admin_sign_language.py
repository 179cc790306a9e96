"""Staff: BSL responses awaiting transcription, and transcribing one (feedback.sign_language).

Only staff who may enter responses (`feedback.add_response`, as staff entry) *and* moderate the
consultation's responses see the list, watch a video or transcribe: the video and the relay
contact details are personal data, and transcribing makes a held response count. Wired from
FeedbackConfig.ready(), as feedback.staff is.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback import services, sign_language, uploads
from feedback.admin_uploads import URL_NAME as DOWNLOAD_URL
from feedback.admin_uploads import WATCH_URL_NAME
from feedback.permissions import responses_moderatable_by
from feedback.questions import form_page_for
from feedback.rendering import consent_view
from feedback.staff import can_enter, entry_sections

LIST_URL = "feedback_bsl_awaiting"
TRANSCRIBE_URL = "feedback_bsl_transcribe"


def _allowed(user):
    if not can_enter(user):
        raise PermissionDenied


def awaiting_list(request):
    _allowed(request.user)
    rows = []
    for response in sign_language.awaiting(responses_moderatable_by(request.user)):
        video = next(
            (u for u in response.uploads.all() if u.question_key == uploads.BSL_VIDEO_KEY), None
        )
        rows.append({"response": response, "request": response.sign_language, "video": video})
    return TemplateResponse(
        request,
        "feedback/staff/bsl_awaiting.html",
        {"rows": rows, "header_title": _("BSL responses awaiting transcription")},
    )


def transcribe(request, reference):
    _allowed(request.user)
    response = (
        sign_language.awaiting(responses_moderatable_by(request.user))
        .filter(reference=reference)
        .first()
    )
    if response is None:
        raise Http404("no such BSL response awaiting transcription")
    page = form_page_for(response.consultation)
    if page is None:
        raise Http404("the consultation has no response form")
    page = page.specific
    steps = services.steps_for(page)
    data = request.POST if request.method == "POST" else None
    errors = {}
    if request.method == "POST":
        questions = [x for step in steps for x in step.questions]
        data, upload_errors = uploads.with_uploaded_files(
            page, questions, request.POST, request.FILES
        )
        try:
            if upload_errors:
                services.validate(page, data)  # collect the question errors as well
                raise services.SubmissionInvalid({})
            sign_language.transcribe(response, page, data, request.user)
        except services.SubmissionInvalid as error:
            for form in error.forms:
                errors.update(form.errors)
            errors.update(upload_errors)
            data = request.POST
        except sign_language.AlreadyTranscribed:
            messages.warning(request, _("Someone else has already transcribed this response."))
            return redirect(LIST_URL)
        else:
            messages.success(
                request,
                _("Response %(reference)s transcribed: it now counts with the others.")
                % {"reference": response.reference},
            )
            return redirect(LIST_URL)
    sections, summary = entry_sections(steps, data, errors)
    video = next(
        (u for u in response.uploads.all() if u.question_key == uploads.BSL_VIDEO_KEY), None
    )
    return TemplateResponse(
        request,
        "feedback/staff/bsl_transcribe.html",
        {
            "response": response,
            "request_details": response.sign_language,
            "video": video,
            "watch_url": reverse(WATCH_URL_NAME, args=[video.pk]) if video else "",
            "download_url": reverse(DOWNLOAD_URL, args=[video.pk]) if video else "",
            "page": page,
            "sections": sections,
            "consent": consent_view(data, errors),
            "errors": summary,
            "header_title": _("Transcribe a BSL response"),
        },
    )


def admin_urls():
    return [
        path("feedback/bsl/", awaiting_list, name=LIST_URL),
        path("feedback/bsl/<str:reference>/", transcribe, name=TRANSCRIBE_URL),
    ]


def register_log_actions(actions):
    actions.register_action(
        sign_language.TRANSCRIBE_ACTION,
        gettext_lazy("Transcribe BSL response"),
        gettext_lazy("BSL response transcribed"),
    )


def register():
    hooks.register("register_admin_urls", admin_urls)
    hooks.register("register_log_actions", register_log_actions)

    class AwaitingMenuItem(MenuItem):
        def is_shown(self, request):
            return can_enter(request.user)

    @hooks.register("register_admin_menu_item")
    def awaiting_menu_item():
        return AwaitingMenuItem(_("BSL responses"), reverse(LIST_URL), icon_name="media", order=311)
