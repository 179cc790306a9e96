import datetime

from django.utils import timezone

import pytest

from consultations.files import create_document, make_pdf, make_wav
from tests.factories import ConsultationIndexPageFactory, ConsultationPageFactory


@pytest.fixture(autouse=True)
def _root_collection(db, locales):
    """Migrations make these; a transactional test elsewhere in the run may have flushed them."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture(autouse=True)
def _no_rate_limit_between_tests(settings):
    from django.core.cache import cache

    cache.clear()
    settings.FEEDBACK_RATE_LIMIT = "10000/h"


@pytest.fixture
def index_page(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


@pytest.fixture
def make_consultation(index_page):
    def make(**fields):
        return ConsultationPageFactory(parent=index_page, **fields)

    return make


@pytest.fixture
def open_consultation(make_consultation):
    return make_consultation(title="Eastbrook minor injuries", slug="eastbrook-minor-injuries")


@pytest.fixture
def pdf_document(db):
    return create_document(
        "Consultation document",
        "consultation.pdf",
        make_pdf("Consultation", [["one"], ["two"], ["three"]]),
    )


@pytest.fixture
def audio_document(db):
    return create_document("Audio version", "audio.wav", make_wav(seconds=0.5))


def days(n):
    return timezone.now() + datetime.timedelta(days=n)
