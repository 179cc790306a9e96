"""The paper questionnaire: the whole response form as a printable, tagged PDF (PDF/UA-1, by
WeasyPrint), in the form page's language, in standard or large print.

Every question is numbered ("Question 3") in form order, sections as headings, a box to tick
for each choice, lines to write on for text, and a reference box for the office. Staff type a
returned form in on the staff-entry screen (feedback.staff), which shows the same numbers in the
same order and records the channel "paper".

The consultation page and the form's first step link to both PDFs while the consultation is open
(`downloads`, through the `{% paper_questionnaire %}` tag), with their size, and say where to
post them (`postal_address`). A PDF takes WeasyPrint about a second, so each is kept in the
cache under a hash of its HTML (`questionnaire`).
"""

import hashlib
import logging

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import translation

from feedback import questions as q
from feedback import services, uploads
from home.cache import cached_value
from home.models import OrganisationSettings

logger = logging.getLogger(__name__)

PDF_CACHE_SECONDS = 24 * 60 * 60
TEXT_LINES = {q.SHORT_TEXT: 1, q.EMAIL: 1, q.POSTCODE: 1, q.NUMBER: 1, q.DATE: 1, q.LONG_TEXT: 6}


def numbered_steps(form_page):
    """[(step, [(number, question)])]: the form's steps with every question numbered from 1."""
    number = 0
    out = []
    for step in services.steps_for(form_page):
        rows = []
        for question in step.questions:
            number += 1
            rows.append((number, question))
        out.append((step, rows))
    return out


def render_html(form_page, *, large_print=False, context=None) -> str:
    """The questionnaire as HTML, in the form page's own language. `context`: what
    `questionnaire_context` gave for this page already (both sizes are drawn from one)."""
    with translation.override(form_page.locale.language_code):
        context = context or questionnaire_context(form_page)
        return render_to_string(
            "feedback/paper_questionnaire.html", {**context, "large_print": large_print}
        )


def postal_address(consultation) -> str:
    """Where to post a paper response: the consultation's own address, else the organisation's."""
    address = (getattr(consultation, "response_postal_address", "") or "").strip()
    if not address and consultation is not None:
        site = consultation.get_site()
        address = OrganisationSettings.for_site(site).postal_address.strip() if site else ""
    return address


def questionnaire_context(form_page) -> dict:
    """What the questionnaire shows, in the form page's language: its numbered questions, the
    consultation and where to post it."""
    with translation.override(form_page.locale.language_code):
        consultation = services.consultation_for(form_page)
        steps = [
            (step, [(number, question, paper_view(question)) for number, question in rows])
            for step, rows in numbered_steps(form_page)
        ]
        return {
            "page": form_page,
            "consultation": consultation,
            "steps": steps,
            "postal_address": postal_address(consultation),
        }


def paper_view(question) -> dict:
    view = {"lines": range(TEXT_LINES.get(question.type, 0))}
    if question.type == q.RATING:
        view["choices"] = [
            (str(n), str(n))
            for n in range(
                (question.min_value or 1), (question.max_value or q.DEFAULT_RATING_MAX) + 1
            )
        ]
    elif question.type == q.GRID:
        view["statements"] = question.statements
    elif question.type == q.FILE_UPLOAD:
        view["types_hint"] = uploads.types_hint(question)
    else:
        view["choices"] = question.choices
    return view


def questionnaire_pdf(form_page, *, large_print=False) -> bytes:
    """The tagged PDF, in the form page's own language."""
    return pdf_from_html(render_html(form_page, large_print=large_print))


def pdf_from_html(html: str) -> bytes:
    # heavy (Pango, fonts): loaded only when a PDF is drawn, not by pages that link to one
    import weasyprint

    return weasyprint.HTML(string=html, base_url=None).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )


def questionnaire(form_page, *, large_print=False, context=None) -> bytes:
    """`questionnaire_pdf`, kept in the cache under a hash of its HTML: drawing a PDF takes
    WeasyPrint about a second, the HTML a few milliseconds. A changed question, address or
    translation is new HTML, so a new PDF; nothing else (a publish elsewhere) redraws it."""
    html = render_html(form_page, large_print=large_print, context=context)
    key = "hys:paper:v1:" + hashlib.sha256(html.encode()).hexdigest()
    try:
        pdf = caches["default"].get(key)
    except Exception:  # a cache outage only costs speed
        logger.exception("Paper questionnaire cache unavailable")
        pdf = None
    if pdf is None:
        pdf = pdf_from_html(html)
        try:
            caches["default"].set(key, pdf, PDF_CACHE_SECONDS)
        except Exception:
            logger.exception("Could not keep a paper questionnaire")
    return pdf


def downloads(form_page, request=None) -> dict:
    """The two PDFs to link to: {"standard"|"large_print": {"url", "size"}} (size in bytes), the
    language they are written in (the form page's) and where to post them. Kept like a page
    fragment (until the next publish), so a page that links to them costs no query."""
    return cached_value(f"paper-downloads:{form_page.pk}", lambda: _downloads(form_page, request))


def _downloads(form_page, request):
    context = questionnaire_context(form_page)
    url = form_page.get_url(request)
    return {
        "language": form_page.locale.language_code,
        "address": context["postal_address"],
        "standard": {
            "url": url + form_page.reverse_subpage("paper_pdf"),
            "size": len(questionnaire(form_page, context=context)),
        },
        "large_print": {
            "url": url + form_page.reverse_subpage("paper_large_print_pdf"),
            "size": len(questionnaire(form_page, large_print=True, context=context)),
        },
    }
