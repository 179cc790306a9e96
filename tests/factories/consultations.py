"""Consultation factories (factory_boy): pages are added under a parent and published, as
editors do."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

import factory

from consultations.models import (
    Area,
    ConsultationEvent,
    ConsultationIndexPage,
    ConsultationPage,
    MaterialPage,
    Topic,
)


class TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda term: slugify(term.name))
    locale = factory.LazyFunction(Locale.get_default)


class TopicFactory(TaxonomyFactory):
    class Meta:
        model = Topic


class AreaFactory(TaxonomyFactory):
    class Meta:
        model = Area


class PageFactory(factory.Factory):
    """Creates a page as a child of `parent` and publishes it (pass `publish=False` for a draft)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        if parent is None:
            raise ValueError("pass parent=")
        m2m = {name: kwargs.pop(name) for name in ("topics", "areas") if name in kwargs}
        page = model_class(*args, **kwargs)
        for name, values in m2m.items():
            setattr(page, name, values)
        if not publish:
            page.live = False
        page = parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page


class ConsultationIndexPageFactory(PageFactory):
    class Meta:
        model = ConsultationIndexPage

    title = "Consultations"
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    introduction = "Have your say on health services in your area."


class ConsultationPageFactory(PageFactory):
    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"Consultation {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = "We want to change how a service works and would like your views."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))
    response_email = "consultations@example.nhs.uk"


class MaterialPageFactory(PageFactory):
    class Meta:
        model = MaterialPage

    title = factory.Sequence(lambda n: f"Accessible version {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = "The consultation document as a web page."


class ConsultationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationEvent

    title = factory.Sequence(lambda n: f"Listening event {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))
    venue = "Eastbrook Library"
    address = "1 High Street\nEastbrook EB1 1AA"
    step_free = True
    hearing_loop = True


def version(
    format="standard", language="en", *, document=None, page=None, video_url="", title="", note=""
):
    return {
        "format": format,
        "language": language,
        "title": title,
        "document": document,
        "page": page,
        "video_url": video_url,
        "note": note,
    }


def material(title, versions, description=""):
    return ("material", {"title": title, "description": description, "versions": versions})
