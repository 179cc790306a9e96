"""Background work for responses: the receipt email. Safe to retry; sends at most once on success.

When the mail server is down, `send_receipt` records the failure on the response and, on a
backend that can defer tasks (the database backend in production, drained by `db_worker`),
enqueues itself again after the next delay in `settings.RECEIPT_RETRY_DELAYS` (seconds; one
retry per entry). When the delays are used up — or on a backend that cannot defer (the immediate
backend of dev and tests) — `manage.py send_receipts` (cron) sends whatever is still unsent.
"""

import contextlib
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from django_tasks import task

from feedback import questions as q
from feedback.models import Response, ResponseFormPage

logger = logging.getLogger(__name__)


def receipt_context(response):
    # circular: feedback.services imports these tasks
    from feedback.services import answer_questions

    form_page = None

    # The form it came through (the standard one or its Easy Read version), in its words.
    forms = ResponseFormPage.objects.child_of(response.consultation)
    source_form = forms.filter(purpose=response.form_version).first() or forms.first()
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


DEFAULT_RETRY_DELAYS = (60, 300, 900, 1800) + (3600,) * 20  # about a day, then `send_receipts`


def retry_delays():
    return tuple(getattr(settings, "RECEIPT_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def deliver_receipt(response):
    """Send one receipt now. Returns True when sent (or already sent); records failures."""
    if response.receipt_sent_at or not response.email or not response.wants_receipt:
        return True
    connection = get_connection()
    try:
        connection.open()  # mail server down: fail before rendering anything
    except Exception as error:
        return _record_failure(response, error)
    try:
        return _deliver(response, connection)
    finally:
        with contextlib.suppress(Exception):  # closing a broken connection: nothing more to do
            connection.close()


def _record_failure(response, error):
    logger.warning("receipt for %s not sent: %r", response.reference, error)
    Response.objects.filter(pk=response.pk).update(
        receipt_attempts=F("receipt_attempts") + 1, receipt_last_error=f"{type(error).__name__}: {error}"[:200]
    )
    return False


def _deliver(response, connection):
    with translation.override(response.locale.language_code):
        context = receipt_context(response)
        subject = _("Your response %(reference)s: %(title)s") % {"reference": response.reference, "title": context["consultation"].title}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("feedback/email/receipt.txt", context),
            to=[response.email],
            connection=connection,
        )
        message.attach_alternative(render_to_string("feedback/email/receipt.html", context), "text/html")
    try:
        message.send()
    except Exception as error:  # SMTP down, refused, timed out: keep it for the next try
        return _record_failure(response, error)
    Response.objects.filter(pk=response.pk).update(
        receipt_sent_at=timezone.now(), receipt_attempts=F("receipt_attempts") + 1, receipt_last_error=""
    )
    return True


@task()
def send_receipt(response_id):
    response = Response.objects.select_related("locale", "consultation").filter(pk=response_id).first()
    if response is None:
        return False
    if deliver_receipt(response):
        return True
    schedule_retry(response_id)
    return False


def schedule_retry(response_id):
    """Enqueue `send_receipt` again after the next delay; False when it will not be retried here
    (delays used up, or a backend that cannot defer): `send_receipts` picks those up."""
    if not send_receipt.get_backend().supports_defer:
        return False
    attempts = Response.objects.filter(pk=response_id).values_list("receipt_attempts", flat=True).first() or 0
    delays = retry_delays()
    if attempts > len(delays):
        logger.error("receipt for response %s still unsent after %s attempts; `send_receipts` will retry", response_id, attempts)
        return False
    run_after = timezone.now() + datetime.timedelta(seconds=delays[max(attempts, 1) - 1])
    try:
        send_receipt.using(run_after=run_after).enqueue(response_id)
    except Exception:  # the response and its unsent state are saved; `send_receipts` picks it up
        logger.exception("could not re-enqueue the receipt for response %s", response_id)
        return False
    return True


def resend_unsent_receipts(limit=500):
    """Try every receipt still unsent. Returns (sent, failed)."""
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


@task()
def draw_paper_questionnaire(form_page_id):
    """Draw a form's paper questionnaire in both sizes, so the pages that link to it can give their
    size (feedback.paper.downloads asks for this when a size is not known yet)."""
    # circular: feedback.paper queues this task
    from feedback import paper

    form_page = ResponseFormPage.objects.filter(pk=form_page_id).live().first()
    if form_page is None:
        return
    for large_print in (False, True):
        paper.questionnaire(form_page, large_print=large_print)
