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
from django.db import IntegrityError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from django_tasks.base import TaskResultStatus

from feedback import questions as q
from feedback import services, uploads
from feedback.models import PaperCopySize
from feedback.tasks import draw_paper_questionnaire
from home.cache import cached_value
from home.models import OrganisationSettings
from home.request_memo import locale_of

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


def postal_address(consultation, request=None) -> str:
    """Where to post a paper response: the consultation's own address, else the organisation's
    (read once per request when there is one)."""
    address = (getattr(consultation, "response_postal_address", "") or "").strip()
    if not address and request is not None:
        return OrganisationSettings.for_request(request).postal_address.strip()
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


def questionnaire(form_page, *, large_print=False) -> bytes:
    """`questionnaire_pdf`, kept in the cache under a hash of its HTML: drawing a PDF takes
    WeasyPrint about a second, the HTML a few milliseconds. A changed question, address or
    translation is new HTML, so a new PDF; nothing else (a publish elsewhere) redraws it. Its size
    is recorded for the pages that link to it (`downloads`)."""
    context = questionnaire_context(form_page)
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
    record_size(form_page, large_print, fingerprint(form_page, context["consultation"], context["postal_address"], large_print), len(pdf))
    return pdf


# --- Sizes for the links -------------------------------------------------------------------------
# A page that links to the PDFs gives their size (NHS.UK does so for every download) but must not
# draw them: that is WeasyPrint's second or two per PDF, on a page view. So each drawing records
# its size (PaperCopySize) under a fingerprint of what the PDF is drawn from, and a page reads it
# in one query. The fingerprint is cheap on purpose: the form's published revision, its "About
# you" snippet, the consultation's revision, the address and the language. An edit it misses (a
# snippet edited in place, a new translation catalogue) can only leave the size a little out, and
# only until the next drawing, which corrects it: the PDF itself is always drawn from the current
# HTML. A link whose size is not known yet goes without it, and a background task draws it.
LAYOUT_VERSION = 1  # raise when the questionnaire's layout changes, so every size is drawn afresh
DRAWING_CLAIM_SECONDS = 10 * 60


def fingerprint(form_page, consultation, address: str, large_print: bool) -> str:
    content = repr(
        (
            LAYOUT_VERSION,
            form_page.pk,
            form_page.live_revision_id,
            form_page.about_you_id,
            locale_of(form_page).language_code,
            getattr(consultation, "pk", None),
            getattr(consultation, "live_revision_id", None),
            address,
            large_print,
        )
    )
    return hashlib.sha256(content.encode()).hexdigest()


def record_size(form_page, large_print: bool, print_key: str, size: int) -> None:
    if PaperCopySize.objects.filter(fingerprint=print_key, size=size).exists():
        return  # the usual case on a download: a read, not a write
    try:
        PaperCopySize.objects.update_or_create(
            form_page_id=form_page.pk,
            large_print=large_print,
            language_code=form_page.locale.language_code,
            defaults={"fingerprint": print_key, "size": size, "drawn_at": timezone.now()},
        )
    except IntegrityError:  # another worker recorded the same drawing at the same moment
        logger.info("Paper questionnaire size already recorded", exc_info=True)


def request_drawing(form_page, print_key: str) -> bool:
    """Draw the form's PDFs in the background, once (not on every view while the task waits).
    True when they are drawn already (tasks run at once in development and tests)."""
    try:
        claimed = caches["default"].add("hys:paper-drawing:" + print_key, 1, DRAWING_CLAIM_SECONDS)
    except Exception:
        logger.exception("Paper questionnaire cache unavailable")
        claimed = True
    if not claimed:
        return False
    return draw_paper_questionnaire.enqueue(form_page.pk).status == TaskResultStatus.SUCCESSFUL


def downloads(form_page, request=None) -> dict:
    """The two PDFs to link to: {"standard"|"large_print": {"url", "size"}} (size in bytes, or
    None while not drawn yet), the language they are written in (the form page's) and where to post
    them. Kept like a page fragment (until the next publish) once both sizes are known, so a page
    that links to them costs no query."""
    return cached_value(
        f"paper-downloads:{form_page.pk}",
        lambda: _downloads(form_page, request),
        keep=lambda found: found["standard"]["size"] is not None and found["large_print"]["size"] is not None,
    )


def _downloads(form_page, request):
    consultation = services.consultation_for(form_page)
    address = postal_address(consultation, request)
    keys = {large: fingerprint(form_page, consultation, address, large) for large in (False, True)}

    def sizes():
        return dict(PaperCopySize.objects.filter(fingerprint__in=keys.values()).values_list("fingerprint", "size"))

    found = sizes()
    if len(found) < len(keys) and request_drawing(form_page, keys[False]):
        found = sizes()  # drawn at once (development and tests)
    url = form_page.get_url(request)
    return {
        "language": locale_of(form_page).language_code,
        "address": address,
        "standard": {"url": url + form_page.reverse_subpage("paper_pdf"), "size": found.get(keys[False])},
        "large_print": {"url": url + form_page.reverse_subpage("paper_large_print_pdf"), "size": found.get(keys[True])},
    }
