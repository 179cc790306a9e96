"""What an outcome page shows, computed in plain functions."""

import logging
from importlib import import_module

from django.utils import translation

from wagtail.models import Locale

from consultations import visibility
from youwedid.notifications import source_outcome
from youwedid.summary import engagement_summary

logger = logging.getLogger(__name__)


def source_consultations(outcome):
    return list(source_outcome(outcome).consultations.all().order_by("closes_at"))


def consultations_in_language(consultations, locale):
    """Each consultation in this language when a live translation exists, else as it is."""
    from consultations.models import ConsultationPage

    keys = [c.translation_key for c in consultations]
    translated = {
        page.translation_key: page
        for page in ConsultationPage.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    return [translated.get(c.translation_key, c) for c in consultations if c.live or c.translation_key in translated]


def engagement_report_url(consultation):
    """The engagement report from reporting, if that app offers `report_for(consultation)`."""
    for module_name in ("reporting.report", "reporting.reports", "reporting.services", "reporting"):
        try:
            module = import_module(module_name)
        except ImportError:
            continue
        report_for = getattr(module, "report_for", None)
        if report_for is None:
            continue
        try:
            report = report_for(consultation)
        except Exception:  # another app's report must never break an outcome page
            logger.exception("report_for failed for consultation %s", consultation.pk)
            return None
        if not report:
            return None
        if isinstance(report, str):
            return report
        for attribute in ("url", "get_url", "get_absolute_url"):
            value = getattr(report, attribute, None)
            if callable(value):
                value = value()
            if value:
                return value
        return None
    return None


def outcome_page_context(outcome):
    sources = source_consultations(outcome)
    locale = outcome.locale if outcome.locale_id else Locale.get_default()
    with translation.override(locale.language_code):
        summary = engagement_summary(sources)
    reports = []
    for consultation in sources:
        url = engagement_report_url(consultation)
        if url:
            reports.append({"consultation": consultation, "url": url})
    items = list(outcome.items.all())
    return {
        "linked_consultations": consultations_in_language(visibility.only_listed(sources), locale),
        "engagement": summary,
        "engagement_reports": reports,
        "outcome_items": items,
        "status_counts": {
            status: sum(1 for item in items if item.status == status) for status in ("changed", "will_change", "could_not_change")
        },
    }
