"""The public response form: steps, check your answers, send, save and return.

State between steps lives in the server-side session (never in hidden fields), keyed by the
form page. Every view here is never_cache: the pages carry CSRF and idempotency tokens.
"""

import hashlib
import logging
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from csp.constants import SELF
from csp.decorators import csp_replace

from consultations.invitations import invitation_from_request
from consultations.outcomes import live_outcome_for
from consultations.status import CLOSED, get_status
from feedback import draft_limits, easy_read, services, uploads
from feedback import questions as q
from feedback.forms import ConsentForm, StrictEmailField, build_form_class
from feedback.models import Draft, Response
from feedback.rendering import (
    CONSENT_FIELDS,
    consent_view,
    error_list,
    field_names,
    first_error_anchor,
    question_view,
    with_sign_videos,
)
from feedback.signals import response_submitted
from home.cache import cache_seconds, timeout_for
from home.public_urls import public_url
from security.csp import allow_recaptcha
from security.public_forms import (
    HONEYPOT_FIELD,
    RECAPTCHA_FIELD,
    protect,
    recaptcha_enabled,
    refused,
    too_many,
)
from security.throttle import client_ip

logger = logging.getLogger(__name__)



# --- helpers -------------------------------------------------------------------------------------
def nocache(response):
    add_never_cache_headers(response)
    return response


def state_key(page):
    return f"hys_response_{page.pk}"


def get_state(request, page):
    state = request.session.get(state_key(page))
    if not isinstance(state, dict) or "data" not in state:
        state = {"data": {}, "idempotency_key": uuid.uuid4().hex, "done_steps": []}
    return state


def put_state(request, page, state):
    request.session[state_key(page)] = state
    request.session.modified = True


def state_data(state):
    return MultiValueDict({k: list(v) for k, v in state.get("data", {}).items() if isinstance(v, list)})


def step_names(step):
    if step.kind == "consent":
        return list(CONSENT_FIELDS)
    return [name for question in step.questions for name in field_names(question)]


def step_url(page, number):
    return page.url + page.reverse_subpage("step", args=[number])


def sub_url(page, name):
    return page.url + page.reverse_subpage(name)


def step_form(step, data, context_answers):
    if step.kind == "consent":
        return ConsentForm(data)
    return build_form_class(step.questions)(data, context_answers=context_answers)


def closed_response(request, page, consultation, status):
    context = page.get_context(request)
    context.update(
        {
            "consultation": consultation,
            "status": status,
            "outcome": live_outcome_for(consultation) if status in ("closed", "outcome") else None,
        }
    )
    return nocache(TemplateResponse(request, "feedback/response_form_closed.html", context))


def page_and_status(page):
    consultation = services.consultation_for(page)
    status = get_status(services.source_page(consultation)) if consultation else CLOSED
    return consultation, status


# --- views ---------------------------------------------------------------------------------------
def start(request, page):
    consultation, status = page_and_status(page)
    if status != "open":
        return closed_response(request, page, consultation, status)
    return nocache(HttpResponseRedirect(step_url(page, 1)))


def _too_many_steps(request):
    return too_many(request, _("You have sent this form a lot of times in a short time. Please wait an hour and try again."))


def _too_many_responses(request):
    return too_many(request, _("You have sent a lot of responses in a short time. Please wait an hour and try again."))


def _too_many_drafts(request):
    return too_many(request, _("You have saved a lot of forms in a short time. Please wait an hour and try again."))


@protect("feedback:step", _too_many_steps)
def step(request, page, number):
    consultation, status = page_and_status(page)
    if status != "open":
        return closed_response(request, page, consultation, status)
    steps = services.steps_for(page)
    if not 1 <= number <= len(steps):
        return nocache(HttpResponseRedirect(step_url(page, 1)))
    current = steps[number - 1]
    state = get_state(request, page)
    saved = state_data(state)
    form, data = None, saved
    if request.method == "POST":
        action = request.POST.get("action", "continue")
        posted = MultiValueDict({name: request.POST.getlist(name) for name in step_names(current) if name in request.POST})
        upload_errors = take_uploads(request, page, current, posted, state)
        too_big = draft_limits.problems(step_fields(current), posted, state["data"])
        if too_big:
            return step_too_big(request, page, consultation, steps, current, number, posted, too_big)
        # Keep what was typed (valid or not) so nothing is lost on "save and come back later".
        for name in step_names(current):
            state["data"][name] = posted.getlist(name)
        put_state(request, page, state)
        if action == "save":
            state["last_step"] = number
            put_state(request, page, state)
            return nocache(HttpResponseRedirect(sub_url(page, "save_draft")))
        context_answers = {k: (v if len(v) != 1 else v[0]) for k, v in saved.lists()}
        form = step_form(current, posted, context_answers)
        if form.is_valid() and not upload_errors:
            done = set(state.get("done_steps", [])) | {number}
            state["done_steps"] = sorted(done)
            put_state(request, page, state)
            if request.GET.get("from") == "check" or number == len(steps):
                return nocache(HttpResponseRedirect(sub_url(page, "check_answers")))
            return nocache(HttpResponseRedirect(step_url(page, number + 1)))
        for key, messages in upload_errors.items():
            form.errors[key] = form.error_class(messages)
        data = posted
    elif request.GET.get("check") and saved:
        context_answers = {k: (v if len(v) != 1 else v[0]) for k, v in saved.lists()}
        form = step_form(current, MultiValueDict({n: saved.getlist(n) for n in step_names(current) if n in saved}), context_answers)
        form.is_valid()
    return render_step(request, page, consultation, steps, current, number, form, data, saved)


def take_uploads(request, page, step, posted, state):
    """Check, scan and keep each file chosen on this step; put its Upload id in `posted`.

    An id is never taken from what the browser sends: only from a file stored just now, or the
    one this session (or its draft) stored before. Returns {question key: [messages]} for files
    refused (too big, wrong type, a virus); the earlier file, if any, is kept for those."""
    errors = {}
    for question in step.questions:
        if question.type != q.FILE_UPLOAD:
            continue
        posted.pop(question.key, None)
        earlier = [str(v) for v in state["data"].get(question.key, [])][:1]
        chosen = request.FILES.get(question.key)
        if chosen is None:
            posted.setlist(question.key, earlier)
            continue
        try:
            upload = uploads.store_upload(page, question, chosen)
        except ValidationError as error:
            errors[question.key] = error.messages
            posted.setlist(question.key, earlier)
        else:
            posted.setlist(question.key, [str(upload.pk)])
    return errors


def step_fields(step):
    """{field name: question} for a step (None for the consent step's own fields)."""
    if step.kind == "consent":
        return dict.fromkeys(CONSENT_FIELDS)
    return {name: question for question in step.questions for name in field_names(question)}


def step_too_big(request, page, consultation, steps, current, number, posted, problems):
    """The step again, as for any invalid answer: what was sent, with an error on each answer too
    long to keep. Nothing of it is stored."""
    saved = state_data(get_state(request, page))
    form = step_form(current, posted, {k: (v if len(v) != 1 else v[0]) for k, v in saved.lists()})
    form.is_valid()
    by_name = step_fields(current)
    for name, message in problems:
        question = by_name.get(name)
        key = question.key if question is not None else name
        form.errors.setdefault(key if key in form.fields else name, form.error_class()).append(message)
    return render_step(request, page, consultation, steps, current, number, form, posted, saved)


def hidden_keys_of(step, saved):
    """The questions of a step hidden by an answer given on an earlier step."""
    hidden_keys = set()
    for question in step.questions:
        if question.condition_key and question.condition_key not in {x.key for x in step.questions}:
            value = saved.getlist(question.condition_key)
            if question.condition_value not in value:
                hidden_keys.add(question.key)
    return hidden_keys


def skipped(step, saved):
    """A step whose every question is hidden (an Easy Read form asks one question a screen)."""
    return step.kind == "questions" and bool(step.questions) and len(hidden_keys_of(step, saved)) == len(step.questions)


def previous_shown(steps, number, saved):
    while number > 1 and skipped(steps[number - 2], saved):
        number -= 1
    return number - 1


def version_context(page, steps, current):
    """Easy Read: "Question 2 of 6"; and, on the first step, a link to the form's other version."""
    context = {"easy_read": easy_read.is_easy_read(page)}
    if context["easy_read"] and current.kind == "questions":
        context["question_count"] = sum(1 for s in steps if s.kind == "questions")
    if current.number == 1 and page.pk:
        other = easy_read.STANDARD if context["easy_read"] else easy_read.EASY_READ
        context["other_version"] = type(page).objects.sibling_of(page).live().filter(purpose=other).first()
    return context


def render_step(request, page, consultation, steps, current, number, form, data, saved):
    errors = form.errors if form is not None else {}
    hidden_keys = hidden_keys_of(current, saved)
    visible = [x for x in current.questions if x.key not in hidden_keys]
    if request.method == "GET" and visible == [] and skipped(current, saved):  # nothing to ask here
        if request.GET.get("from") == "check" or number == len(steps):
            return nocache(HttpResponseRedirect(sub_url(page, "check_answers")))
        return nocache(HttpResponseRedirect(step_url(page, number + 1)))
    back = previous_shown(steps, number, saved)
    views = [question_view(x, data, errors, False) for x in visible] if current.kind != "consent" else []
    context = page.get_context(request)
    context.update(
        {
            "consultation": consultation,
            "steps": steps,
            "step": current,
            "step_count": len(steps),
            "questions": views,
            "step_video": with_sign_videos(current, views, translation.get_language()),
            "consent": consent_view(data, errors) if current.kind == "consent" else None,
            "errors": error_list(current, form),
            "back_url": step_url(page, back) if back >= 1 else (consultation.url if consultation else ""),
            "from_check": request.GET.get("from") == "check",
            "honeypot_field": HONEYPOT_FIELD,
            "multipart": any(x.type == q.FILE_UPLOAD for x in visible),
            **version_context(page, steps, current),
        }
    )
    return nocache(TemplateResponse(request, "feedback/response_form_page.html", context))


PREVIEW_STEP_MODE = "step-%d"


def preview_modes(page):
    """Wagtail preview modes of a form page: one per step, in order, so an editor can see every
    step as the public will, before publishing."""
    steps = services.steps_for(page)
    return [
        (
            PREVIEW_STEP_MODE % s.number,
            _("Step %(number)d of %(count)d: %(title)s") % {"number": s.number, "count": len(steps), "title": s.title or page.title},
        )
        for s in steps
    ]


def preview_step_number(mode_name, step_count):
    try:
        number = int(str(mode_name).removeprefix("step-"))
    except ValueError:
        return 1
    return number if 1 <= number <= step_count else 1


@csp_replace({"frame-ancestors": [SELF]})  # the page editor shows its preview in an iframe
def preview(request, page, mode_name):
    """One step of the form as the public sees it, from the editor's unsaved changes. Nothing is
    saved: "Continue" and "Back" move between the preview's own steps."""
    consultation = services.consultation_for(page)
    steps = services.steps_for(page)
    number = preview_step_number(mode_name, len(steps))
    current = steps[number - 1]
    in_panel = "&in_preview_panel=true" if getattr(request, "in_preview_panel", False) else ""
    empty = MultiValueDict()
    views = [question_view(x, empty, {}, False) for x in current.questions] if current.kind != "consent" else []
    context = page.get_context(request)
    context.update(
        {
            "consultation": consultation,
            "steps": steps,
            "step": current,
            "step_count": len(steps),
            "questions": views,
            "step_video": with_sign_videos(current, views, translation.get_language()),
            "consent": consent_view(empty, {}) if current.kind == "consent" else None,
            "errors": [],
            "back_url": f"?mode={PREVIEW_STEP_MODE % (number - 1)}{in_panel}" if number > 1 else "",
            "preview": {
                "next_mode": PREVIEW_STEP_MODE % (number + 1) if number < len(steps) else "",
                "in_preview_panel": bool(in_panel),
            },
            "honeypot_field": HONEYPOT_FIELD,
            **version_context(page, steps, current),
        }
    )
    return nocache(TemplateResponse(request, "feedback/response_form_page.html", context))


def summary_rows(page, steps, data):
    answers, _consent = None, None
    rows = []
    questions = [x for s in steps if s.kind != "consent" for x in s.questions]
    try:
        answers, consent = services.validate(page, data)
    except services.SubmissionInvalid:
        return None
    for s in steps:
        section = {"title": s.title or _("Your answers"), "number": s.number, "rows": []}
        if s.kind == "consent":
            pub = consent.get("publication_consent")
            section["rows"].append(
                {
                    "label": q.standard_questions()[0].label,
                    "value": q.answer_text(q.standard_questions()[0], pub) or _("Not answered"),
                    "anchor": "publication_consent",
                }
            )
            wants = []
            if consent.get("wants_outcome"):
                wants.append(_("Tell me the outcome"))
            if consent.get("wants_receipt"):
                wants.append(_("Email me a copy of my answers"))
            section["rows"].append({"label": _("Emails"), "value": ", ".join(wants) or _("None"), "anchor": "wants_outcome"})
            if consent.get("respondent_email"):
                section["rows"].append({"label": _("Email address"), "value": consent["respondent_email"], "anchor": "respondent_email"})
        else:
            for question in s.questions:
                if question.condition_key and question.key not in answers:
                    continue  # not shown to this person
                section["rows"].append(
                    {
                        "label": question.label,
                        "value": q.answer_text(question, answers.get(question.key)) or _("Not answered"),
                        "anchor": first_error_anchor(question, question.key),
                    }
                )
        rows.append(section)
    del questions
    return rows


def idempotency_client(request) -> str:
    """The visitor's session: a form's token only finds a response this same session sent."""
    return "session:" + (request.session.session_key or "")


@protect("feedback:respond", _too_many_responses)
def check_answers(request, page):
    consultation, status = page_and_status(page)
    state = get_state(request, page)
    if request.method == "POST":
        key = request.POST.get("idempotency_key", "")[:64] or state.get("idempotency_key")
        client = idempotency_client(request)
        if status != "open" and services.find_repeat(page, key, client) is None:
            return closed_response(request, page, consultation, status)
        data = state_data(state).copy()
        try:
            response, _created = services.submit_response(
                page,
                data,
                locale=page.locale,
                channel=Response.Channel.ONLINE,
                invitation=invitation_from_request(request, consultation),
                idempotency_key=key,
                client=client,
                recaptcha_token=request.POST.get(RECAPTCHA_FIELD, ""),
                remote_ip=client_ip(request),
                status=status,
            )
        except services.SubmissionRefused:
            return nocache(refused(request, _("We could not accept this form. If you are a person, please contact us and we will take your response another way."), status=400))
        except services.ConsultationNotOpen as error:
            return closed_response(request, page, consultation, error.status)
        except services.SubmissionInvalid:
            return nocache(HttpResponseRedirect(first_invalid_step_url(page, state)))
        response_submitted.send(sender=Response, request=request, response=response, created=_created)
        draft_id = state.get("draft_id")
        if draft_id:
            Draft.objects.filter(pk=draft_id).delete()
        request.session.pop(state_key(page), None)
        request.session[f"hys_done_{page.pk}"] = response.reference
        return nocache(HttpResponseRedirect(sub_url(page, "done")))
    if status != "open":
        return closed_response(request, page, consultation, status)
    steps = services.steps_for(page)
    if not state.get("data"):
        return nocache(HttpResponseRedirect(step_url(page, 1)))
    sections = summary_rows(page, steps, state_data(state))
    if sections is None:
        return nocache(HttpResponseRedirect(first_invalid_step_url(page, state)))
    for section in sections:
        section["change_url"] = step_url(page, section["number"]) + "?from=check"
        for row in section["rows"]:
            row["change_url"] = section["change_url"]
    if easy_read.is_easy_read(page):  # one question a screen: one list of answers, not a list each
        asked = {s.number for s in steps if s.kind == "questions"}
        rows = [row for section in sections if section["number"] in asked for row in section["rows"]]
        sections = [{"title": _("Your answers"), "rows": rows}] + [x for x in sections if x["number"] not in asked]
    put_state(request, page, state)
    context = page.get_context(request)
    context.update(
        {
            "consultation": consultation,
            "sections": sections,
            "idempotency_key": state["idempotency_key"],
            "honeypot_field": HONEYPOT_FIELD,
            "recaptcha": recaptcha_enabled(),
            "recaptcha_site_key": getattr(settings, "RECAPTCHA_PUBLIC_KEY", ""),
            "back_url": step_url(page, len(steps)),
        }
    )
    # The reCAPTCHA check runs on this page: Google's script must be allowed here (and only here).
    return allow_recaptcha(nocache(TemplateResponse(request, "feedback/check_answers.html", context)))


def first_invalid_step_url(page, state):
    data = state_data(state)
    saved = {k: (v if len(v) != 1 else v[0]) for k, v in data.lists()}
    for s in services.steps_for(page):
        form = step_form(s, MultiValueDict({n: data.getlist(n) for n in step_names(s) if n in data}), saved)
        if not form.is_valid():
            return step_url(page, s.number) + "?check=1"
    return step_url(page, 1)


def done(request, page):
    reference = request.session.get(f"hys_done_{page.pk}")
    if not reference:
        return nocache(HttpResponseRedirect(page.url))
    response = Response.objects.filter(reference=reference).first()
    context = page.get_context(request)
    context.update({"consultation": services.consultation_for(page), "reference": reference, "response": response})
    return nocache(TemplateResponse(request, "feedback/response_form_page_landing.html", context))


# --- save and return -----------------------------------------------------------------------------
def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


@protect("feedback:draft", _too_many_drafts)
def save_draft(request, page):
    consultation, status = page_and_status(page)
    if status != "open":
        return closed_response(request, page, consultation, status)
    state = get_state(request, page)
    context = page.get_context(request)
    context.update({"consultation": consultation, "closes_at": services.source_page(consultation).closes_at, "errors": []})
    if request.method == "POST":
        try:
            email = StrictEmailField(required=True, error_messages={"required": _("Enter your email address")}).clean(
                request.POST.get("email", "")
            )
        except Exception as error:  # ValidationError
            messages = getattr(error, "messages", [str(error)])
            context.update({"errors": [("email", messages[0])], "email": request.POST.get("email", "")[:254]})
            return nocache(TemplateResponse(request, "feedback/save_draft.html", context))
        link, draft = create_draft(page, services.source_page(consultation), state, email)
        state["draft_id"] = draft.pk
        put_state(request, page, state)
        sent = send_draft_link(request, page, link, email, services.source_page(consultation).closes_at)
        context.update({"link": public_url(link), "email": email, "sent": sent})
        return nocache(TemplateResponse(request, "feedback/draft_saved.html", context))
    return nocache(TemplateResponse(request, "feedback/save_draft.html", context))


def create_draft(page, source_consultation, state, email):
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    draft = Draft.objects.create(
        token_hash=hash_token(token),
        form_page=page,
        consultation=source_consultation,
        locale=page.locale,
        data=dict(state.get("data", {})),
        step=int(state.get("last_step", 1) or 1),
        email=email,
        created_at=now,
        updated_at=now,
        expires_at=source_consultation.closes_at,
    )
    old = state.get("draft_id")
    if old and old != draft.pk:
        Draft.objects.filter(pk=old).delete()
    return page.url + page.reverse_subpage("resume", args=[token]), draft


def send_draft_link(request, page, link, email, closes_at):
    context = {"page": page, "link": public_url(link), "closes_at": closes_at}
    try:
        message = EmailMultiAlternatives(
            subject=_("Your saved response: %(title)s") % {"title": page.get_parent().title},
            body=render_to_string("feedback/email/draft_link.txt", context),
            to=[email],
        )
        message.attach_alternative(render_to_string("feedback/email/draft_link.html", context), "text/html")
        message.send()
    except Exception:  # the page shows the link too, so nothing is lost
        logger.exception("could not email a save-and-return link")
        return False
    return True


def resume(request, page, token):
    consultation, status = page_and_status(page)
    draft = Draft.objects.filter(token_hash=hash_token(token or ""), form_page=page).first()
    if draft is None or draft.expires_at <= timezone.now() or status != "open":
        context = page.get_context(request)
        context.update({"consultation": consultation, "status": status})
        return nocache(TemplateResponse(request, "feedback/draft_expired.html", context, status=404))
    state = {"data": dict(draft.data), "idempotency_key": uuid.uuid4().hex, "done_steps": [], "draft_id": draft.pk}
    put_state(request, page, state)
    return nocache(HttpResponseRedirect(step_url(page, draft.step)))


# --- the paper questionnaire --------------------------------------------------------------------
def paper_pdf(request, page, *, large_print=False):
    """The whole form as a tagged PDF to print and post (feedback.paper), in the page's language.

    Only while the consultation is open (else the form's "closed" page, as for every route). It
    carries no token and is the same for everyone, so shared caches may keep it as they keep
    pages (`Cache-Control: public`, until the consultation next closes); browsers revalidate."""
    # WeasyPrint loads only when a PDF is asked for
    from feedback.paper import questionnaire

    consultation, status = page_and_status(page)
    if status != "open":
        return closed_response(request, page, consultation, status)
    name = f"{page.slug}-{page.locale.language_code}{'-large-print' if large_print else ''}.pdf"
    response = HttpResponse(questionnaire(page, large_print=large_print), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Content-Language"] = page.locale.language_code
    seconds = timeout_for(services.source_page(consultation)) if cache_seconds() > 0 else 0
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    return response


# --- CSRF failure: a friendly page, never a bare 403 -----------------------------------------------
def csrf_failure(request, reason=""):
    return TemplateResponse(request, "feedback/csrf_failure.html", {"reason": reason}, status=403)
