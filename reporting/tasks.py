"""Background work for analysts: campaign detection and theme suggestions, one consultation at a time.

Both read every free-text answer of a consultation, so they run on the task worker, not in the
request (the immediate backend in development and tests runs them at once).
"""

from django.contrib.auth import get_user_model

from django_tasks import task

from consultations.models import ConsultationPage

from . import campaigns, theme_suggestions


def _consultation_and_user(consultation_id, user_id):
    consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return consultation, user


@task()
def detect_campaigns(consultation_id, user_id=None):
    consultation, user = _consultation_and_user(consultation_id, user_id)
    if consultation is None:
        return 0
    return campaigns.detect(consultation, user).clusters


@task()
def suggest_themes(consultation_id, user_id=None):
    consultation, user = _consultation_and_user(consultation_id, user_id)
    if consultation is None:
        return 0
    return theme_suggestions.suggest(consultation, user)
