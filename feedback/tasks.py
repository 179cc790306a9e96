"""Background work for responses: the receipt email. Safe to retry; sends at most once on success."""

import logging

from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from django_tasks import task

logger = logging.getLogger(__name__)


def receipt_context(response):
    from feedback import questions as q
    from feedback.services import answer_questions

    form_page = None
    from feedback.models import ResponseFormPage

    source_form = ResponseFormPage.objects.child_of(response.consultation).first()
    if source_form is not None:
        form_page = source_form.get_translation_or_none(response.locale) or source_form
    sections = []
    if form_page is not None:
        for question in answer_questions(form_page.specific):
            if question.key not in response.answers:
                continue
            if not sections or sections[-1]["title"] != question.section:
                sections.append({"title": question.section, "rows": []})
            sections[-1]["rows"].append({"label": question.label, "value": q.answer_text(question, response.answers[question.key])})
    consultation = response.consultation.get_translation_or_none(response.locale) or response.consultation
    return {"response": response, "consultation": consultation, "sections": sections}


def deliver_receipt(response):
    """Send one receipt now. Returns True when sent (or already sent); records failures."""
    from feedback.models import Response

    if response.receipt_sent_at or not response.email or not response.wants_receipt:
        return True
    with translation.override(response.locale.language_code):
        context = receipt_context(response)
        subject = _("Your response %(reference)s: %(title)s") % {"reference": response.reference, "title": context["consultation"].title}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("feedback/email/receipt.txt", context),
            to=[response.email],
        )
        message.attach_alternative(render_to_string("feedback/email/receipt.html", context), "text/html")
    try:
        message.send()
    except Exception as error:  # SMTP down, refused, timed out: keep it for the next try
        logger.warning("receipt for %s not sent: %r", response.reference, error)
        Response.objects.filter(pk=response.pk).update(
            receipt_attempts=F("receipt_attempts") + 1, receipt_last_error=f"{type(error).__name__}: {error}"[:200]
        )
        return False
    Response.objects.filter(pk=response.pk).update(
        receipt_sent_at=timezone.now(), receipt_attempts=F("receipt_attempts") + 1, receipt_last_error=""
    )
    return True


@task()
def send_receipt(response_id):
    from feedback.models import Response

    response = Response.objects.select_related("locale", "consultation").filter(pk=response_id).first()
    if response is None:
        return False
    return deliver_receipt(response)


def resend_unsent_receipts(limit=500):
    """Try every receipt still unsent. Returns (sent, failed)."""
    from feedback.models import Response

    pending = (
        Response.objects.filter(wants_receipt=True, receipt_sent_at__isnull=True, anonymised_at__isnull=True)
        .exclude(email="")
        .select_related("locale", "consultation")
        .order_by("submitted_at")[:limit]
    )
    sent = failed = 0
    for response in pending:
        if deliver_receipt(response):
            sent += 1
        else:
            failed += 1
    return sent, failed
