"""Response forms for tests (factory_boy), with the demo's standard questions."""

import datetime

from django.utils import timezone

from wagtail.models import Locale

import factory

from consultations.models import ConsultationIndexPage, ConsultationPage
from feedback.demo_forms import STANDARD_QUESTIONS
from feedback.models import AboutYouSection, ResponseFormField, ResponseFormPage
from tests.factories.consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    PageFactory,
)

__all__ = ["STANDARD_QUESTIONS", "AboutYouSectionFactory", "ResponseFormPageFactory"]


class AboutYouSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AboutYouSection
        django_get_or_create = ("name", "locale")

    name = "Standard equality monitoring"
    locale = factory.LazyFunction(Locale.get_default)
    heading = "About you (optional)"
    introduction = (
        "These questions help us check we hear from every part of our community. "
        "Every question is optional. We report the answers only as totals."
    )


class ResponseFormPageFactory(PageFactory):
    """A response form under `parent` (a consultation) with `questions` (default: the standard)."""

    class Meta:
        model = ResponseFormPage

    title = "Respond"
    slug = "respond"

    @classmethod
    def _create(cls, model_class, *args, parent=None, questions=None, publish=True, **kwargs):
        page = model_class(*args, **kwargs)
        for order, spec in enumerate(STANDARD_QUESTIONS if questions is None else questions):
            spec = {"required": False, **spec}
            page.form_fields.add(ResponseFormField(sort_order=order, locale=parent.locale, **spec))
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        else:
            page.save()
        return model_class.objects.get(pk=page.pk)


def about_you_section(name="Standard equality monitoring"):
    return AboutYouSectionFactory(name=name)


def add_form(
    consultation,
    questions=None,
    *,
    about_you=None,
    title=None,
    slug="respond",
    publish=True,
    purpose="standard",
):
    """Give a (source-language) consultation a response form (of this purpose); returns the
    ResponseFormPage."""
    existing = ResponseFormPage.objects.child_of(consultation).filter(purpose=purpose).first()
    if existing is not None:
        return existing
    return ResponseFormPageFactory(
        parent=consultation,
        questions=questions,
        about_you=about_you,
        title=title or f"Respond: {consultation.title}",
        slug=slug,
        publish=publish,
        purpose=purpose,
    )


def make_consultation(home, *, title="Urgent care in Northfield", opens=-10, closes=20, slug=None):
    """A consultation (and an index when missing) under `home`, open from/until days from now."""
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = ConsultationIndexPageFactory(parent=home, slug="consultations")
    now = timezone.now()
    page = ConsultationPageFactory(
        parent=index,
        title=title,
        slug=slug or title.lower().replace(" ", "-")[:50],
        summary="We propose to move the minor injuries unit to the new health centre.",
        opens_at=now + datetime.timedelta(days=opens),
        closes_at=now + datetime.timedelta(days=closes),
        response_email="",
    )
    return ConsultationPage.objects.get(pk=page.pk)
