"""Public views of the partners app: embeds, the demo partner page and oEmbed.

Embed views are the only pages of the site that may be framed, and only by the partner's
registered origins (see partners.embed.allow_framing_by); everything else keeps the global
X-Frame-Options: DENY.
"""

import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from consultations.status import STATUS_LABELS, STATUS_TAG_CLASSES, get_status
from feedback import services, uploads
from feedback.rendering import consent_view, first_error_anchor, question_view
from home.public_urls import public_url
from home.request_memo import prime_default_locale
from partners import embed
from partners.models import Partner
from partners.snippets import embed_snippet, oembed_payload, open_consultation
from security.csp import allow_recaptcha
from security.public_forms import (
    HONEYPOT_FIELD,
    RECAPTCHA_FIELD,
    recaptcha_enabled,
    refusal_for,
    refused,
    too_many,
)
from security.throttle import client_ip

logger = logging.getLogger(__name__)

EMBED_KINDS = ("consultation", "outcome")
DEFAULT_EMBED_HEIGHT = 900


def _consent_fields():
    return ["publication_consent", "wants_outcome", "wants_receipt", "respondent_email"]


def form_sections(form_page, data, errors):
    """Every step's questions on one page (the embed has no session to carry steps in)."""

    sections, summary = [], []
    for step in services.steps_for(form_page):
        if step.kind == "consent":
            sections.append({"step": step, "questions": [], "consent": consent_view(data, errors)})
            for name in _consent_fields():
                for message in errors.get(name, []):
                    summary.append((name, message))
            continue
        sections.append({"step": step, "questions": [question_view(x, data, errors, False) for x in step.questions], "consent": None})
        for question in step.questions:
            for message in errors.get(question.key, []):
                summary.append((first_error_anchor(question, question.key), message))
    return sections, summary


def _render(request, template, context, target, status=200):
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)  # carries a one-off token
    response.render()
    if context.get("recaptcha"):
        allow_recaptcha(response)
    return embed.allow_framing_by(response, target.origins)


def _context(request, target, lang, kind):
    return {
        "page": target.page,
        "partner": target.partner,
        "kind": kind,
        "lang": lang,
        "embed": True,
        "parent_origins": [embed.our_origin(request), *target.origins],
        "organisation": target.organisation,
        "full_url": public_url(target.page, request),
    }


# Why csrf_exempt: a browser that blocks third-party cookies never gives this framed page our
# CSRF cookie, so Django's cookie-based check would refuse every embedded response. CSRF is not
# switched off: `embed_consultation` checks a signed per-form token bound to partner, consultation,
# form, nonce and issue time, and that the POST comes from our own origin (partners/embed.py).
@csrf_exempt
@xframe_options_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def embed_view(request, kind, page_id, partner_slug=None):
    if kind not in EMBED_KINDS:
        raise Http404("no such embed")
    if kind == "outcome" and request.method == "POST":
        return HttpResponseForbidden()
    lang = embed.chosen_language(request)
    target = embed.embed_target(request, kind, page_id, partner_slug, lang)
    page = target.page
    with translation.override(page.locale.language_code):
        if kind == "outcome":
            context = _context(request, target, lang, kind)
            context.update(page.get_context(request))
            context.update({"page": page, "embed": True})
            return _render(request, "partners/embed_outcome.html", context, target)
        return embed_consultation(request, target, lang)


def _too_many_responses(request):
    return too_many(
        request,
        _("You have sent a lot of responses in a short time. Please wait an hour and try again."),
    )


def embed_consultation(request, target, lang):
    partner, source, form_page = target.partner, target.source, target.form_page
    if form_page is not None and target.form_rows is not None:
        services.use_field_rows(form_page, target.form_rows)
        prime_default_locale(target.default_locale)
    status = get_status(source)
    context = _context(request, target, lang, "consultation")
    context.update(
        {
            "status": status,
            "status_label": STATUS_LABELS.get(status, status),
            "status_class": STATUS_TAG_CLASSES.get(status, ""),
            "form_page": form_page,
            "honeypot_field": HONEYPOT_FIELD,
            "recaptcha": recaptcha_enabled(),
            "recaptcha_site_key": getattr(settings, "RECAPTCHA_PUBLIC_KEY", ""),
            "errors": [],
        }
    )
    if form_page is None or status != "open":
        if request.method == "POST":
            return _render(request, "partners/embed_consultation.html", context, target, status=409)
        return _render(request, "partners/embed_consultation.html", context, target)

    data, errors, token = None, {}, None
    if request.method == "POST":
        refusal = refusal_for(request, "feedback:respond", _too_many_responses)
        if refusal is not None:
            return embed.allow_framing_by(refusal, target.origins)
        if not embed.same_origin_post(request):
            return embed.allow_framing_by(HttpResponseForbidden(_("This form can only be sent from our own page.")), target.origins)
        token = request.POST.get("embed_token", "")
        try:
            payload = embed.read_token(token, partner, source, form_page)
        except embed.BadToken as error:
            if str(error) != "expired":
                return embed.allow_framing_by(HttpResponseForbidden(_("This form could not be checked. Reload the page and try again.")), target.origins)
            # Expired: keep what was typed, issue a new token, ask them to send again.
            context.update(
                {
                    "errors": [("embed-submit", _("This form was open for a long time. Check your answers and send them again."))],
                    "token": embed.make_token(partner, source, form_page, lang),
                }
            )
            posted = uploads.without_file_answers(services.answer_questions(form_page), request.POST)
            sections, _summary = form_sections(form_page, posted, {})
            context["sections"] = sections
            return _render(request, "partners/embed_consultation.html", context, target, status=400)
        # A file chosen on an earlier, failed send of this same form (the same signed token) is
        # kept: bound to the token's nonce on the server, never to an id the browser sends.
        entry = uploads.entry_binding("embed", embed.idempotency_key(payload))
        posted, upload_errors = uploads.with_uploaded_files(
            form_page, services.answer_questions(form_page), request.POST, request.FILES, entry=entry
        )
        try:
            if upload_errors:  # the file's own error, with every other answer's
                try:
                    services.validate(form_page, posted)
                except services.SubmissionInvalid as invalid:
                    raise services.SubmissionInvalid({**invalid.errors, **upload_errors}) from None
                raise services.SubmissionInvalid(upload_errors)
            response, created = services.submit_response(
                form_page,
                posted,
                locale=form_page.locale,
                channel="embed",
                partner=partner,
                idempotency_key=embed.idempotency_key(payload),
                client="embed",  # the key comes from the signed token, itself bound to partner and form
                recaptcha_token=request.POST.get(RECAPTCHA_FIELD, ""),
                remote_ip=client_ip(request),
                status=status,
            )
        except services.SubmissionInvalid as error:
            data, errors = posted, error.errors  # the files kept, never a posted id
        except services.SubmissionRefused:
            response = refused(request, _("We could not accept this form. If you are a person, please contact us and we will take your response another way."), status=400)
            return embed.allow_framing_by(response, target.origins)
        except services.ConsultationNotOpen as error:
            context["status"] = error.status
            return _render(request, "partners/embed_consultation.html", context, target, status=409)
        else:
            # Rendered straight away rather than redirected: there is no session to carry the
            # reference to another page. Posting the same token again shows the same response.
            context.update({"response": response, "created": created})
            return _render(request, "partners/embed_done.html", context, target)
    sections, summary = form_sections(form_page, data, errors)
    context.update({"sections": sections, "errors": summary, "token": token or embed.make_token(partner, source, form_page, lang)})
    return _render(request, "partners/embed_consultation.html", context, target, status=400 if errors else 200)


@require_GET
def demo_partner_page(request):
    """A stand-in partner website on our own server, embedding a live open consultation.

    Same-origin framing is not a true third-party test (the browser test uses a second origin);
    this page exists so `make run` shows the embed, resize and response working.
    """
    consultation = open_consultation()
    partner = (
        Partner.objects.filter(is_active=True, allowed_origins__contains=embed.our_origin(request)).first()
        or Partner.objects.filter(is_active=True).first()
    )
    context = {
        "consultation": consultation,
        "partner": partner,
        "snippet": embed_snippet(request, consultation, partner, "en") if consultation else "",
        "our_origin": embed.our_origin(request),
    }
    response = TemplateResponse(request, "partners/demo_partner_page.html", context)
    response.render()
    return response


@require_safe
def host_script(request):
    """static/js/embed-host.mjs, served with CORS so partners' pages can load it as a module.

    Module scripts are fetched in CORS mode; static file servers (Django's in development, a CDN)
    do not always send Access-Control-Allow-Origin, so the snippet points here instead.
    """

    path = finders.find("js/embed-host.mjs")
    if path:
        with open(path, "rb") as handle:
            body = handle.read()
    else:  # collected static files only (production without finders)
        with staticfiles_storage.open("js/embed-host.mjs") as handle:
            body = handle.read()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=3600)
    return response


@require_GET
def oembed(request):
    """oEmbed 1.0 (JSON): paste a consultation's or outcome's address into WordPress and it embeds."""
    url = request.GET.get("url", "")
    fmt = request.GET.get("format", "json")
    if fmt != "json":
        return JsonResponse({"error": "only json is supported"}, status=501)
    try:
        max_width = int(request.GET.get("maxwidth", "0") or 0)
        max_height = int(request.GET.get("maxheight", "0") or 0)
    except ValueError:
        max_width = max_height = 0
    payload = oembed_payload(request, url, max_width=max_width, max_height=max_height)
    if payload is None:
        return JsonResponse({"error": "not found"}, status=404)
    response = JsonResponse(payload)
    patch_cache_control(response, public=True, max_age=300)
    response["Access-Control-Allow-Origin"] = "*"
    return response
