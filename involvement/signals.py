"""The register's receivers: alerts when a consultation is published while open, and linking a
response (with consent) when it is sent."""

from django.db import transaction

from wagtail.signals import page_published

from consultations.models import ConsultationPage
from feedback.models import Response
from feedback.signals import response_submitted
from home.fallback import source_page
from involvement import links, sending, tasks


def consultation_published(sender, instance, **kwargs):
    source = source_page(instance)
    if sending.alert_kinds_due(source):
        transaction.on_commit(lambda: tasks.alert_consultation.enqueue(source.pk))


def response_sent(sender, request, response, created, **kwargs):
    if created:
        links.link_response(request, response, response.consultation)


def connect():
    page_published.connect(
        consultation_published, sender=ConsultationPage, dispatch_uid="involvement_alerts"
    )
    response_submitted.connect(
        response_sent, sender=Response, dispatch_uid="involvement_response_link"
    )
