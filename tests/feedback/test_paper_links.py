"""The paper questionnaire's public links: on the consultation page's ways to respond and the
form's first step, in every language (the PDF in the page's language), with the file's type and
size in the link text and where to post it; only while the consultation is open."""

import datetime
import re
from html import unescape

from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation

import pytest

from feedback import paper
from home.translation import translate_page, translated_instance
from tests.factories import add_form, make_consultation
from tests.i18n.samples import TRANSLATIONS

from .test_paper_questionnaire import text_of

pytestmark = pytest.mark.django_db

ADDRESS = "Freepost HAVE YOUR SAY\nNorthfield ICB\nNF1 2AB"
LINK = re.compile(r'<a href="([^"]+)" type="application/pdf"(?: hreflang="(\w+)")?>([^<]+)</a>')


@pytest.fixture
def posted(consultation, form_page):
    consultation.response_postal_address = ADDRESS
    consultation.save_revision().publish()
    return consultation


def links_in(html):
    return [(url, hreflang, unescape(text)) for url, hreflang, text in LINK.findall(html)]


def test_the_consultation_page_links_both_pdfs_with_type_size_and_the_address(
    client, posted, form_page
):
    html = client.get(posted.url).content.decode()
    found = links_in(html)
    standard = client.get(f"{form_page.url}paper/")
    large = client.get(f"{form_page.url}paper/large-print/")
    assert found == [
        (
            f"{form_page.url}paper/",
            "",
            f"Paper questionnaire (PDF, {filesizeformat(len(standard.content))})",
        ),
        (
            f"{form_page.url}paper/large-print/",
            "",
            f"Large-print paper questionnaire (PDF, {filesizeformat(len(large.content))})",
        ),
    ]
    ways = html[html.index('id="how-to-respond"') :]
    assert "Print it, fill it in and post it to:<br>" in ways and "Northfield ICB" in ways
    assert standard["Content-Type"] == "application/pdf" and b"/StructTreeRoot" in text_of(
        standard.content
    )
    assert "NF1 2AB" in paper.render_html(form_page)  # the PDF says where to post it too


def test_the_forms_first_step_offers_the_paper_questionnaire(client, posted, form_page):
    first = client.get(f"{form_page.url}step/1/").content.decode()
    assert "Respond on paper instead" in first
    assert [url for url, _lang, _text in links_in(first)] == [
        f"{form_page.url}paper/",
        f"{form_page.url}paper/large-print/",
    ]
    assert "Respond on paper instead" not in client.get(f"{form_page.url}step/2/").content.decode()


def test_without_an_address_of_its_own_the_organisations_is_given(client, consultation, form_page):
    from home.models import OrganisationSettings

    settings_row = OrganisationSettings.for_site(consultation.get_site())
    settings_row.postal_address = "Engagement team\nNorthfield House"
    settings_row.save()
    html = client.get(consultation.url).content.decode()
    assert "post it to:<br>Engagement team" in html.replace('<bdi dir="ltr">', "")


@pytest.mark.parametrize("code", ["cy", "pl", "ur"])
def test_every_language_links_its_own_pdf(client, home_page, posted, form_page, code):
    index = posted.get_parent().specific
    for source in (home_page, index, posted, form_page):
        translate_page(source, code, TRANSLATIONS[code])
    consultation = translated_instance(posted, code)
    form = translated_instance(form_page, code)
    with translation.override(code):
        html = client.get(consultation.url).content.decode()
        first = client.get(f"{form.url}step/1/").content.decode()
    found = links_in(html)
    assert [url for url, _lang, _text in found] == [
        f"{form.url}paper/",
        f"{form.url}paper/large-print/",
    ]
    assert all(lang == "" for _url, lang, _text in found)  # the PDF is in the page's own language
    assert all(
        not text.startswith(("Paper", "Large")) for _url, _lang, text in found
    )  # the link text is translated
    assert [url for url, _lang, _text in links_in(first)] == [url for url, _lang, _text in found]
    for url in (f"{form.url}paper/", f"{form.url}paper/large-print/"):
        pdf = client.get(url)
        assert pdf.status_code == 200 and pdf["Content-Language"] == code
        body = text_of(pdf.content)
        assert (
            f"/Lang ({code})".encode() in body and b"/StructTreeRoot" in body and b"pdfuaid" in body
        )
    drawn = paper.render_html(form)
    assert f'lang="{code}"' in drawn and f'dir="{"rtl" if code == "ur" else "ltr"}"' in drawn


def test_a_closed_consultation_offers_no_paper_questionnaire(client, home_page):
    closed = make_consultation(
        home_page, title="Closed one", opens=-30, closes=-1, slug="closed-one"
    )
    form = add_form(closed)
    html = client.get(closed.url).content.decode()
    assert links_in(html) == [] and "paper/" not in html
    for url in (f"{form.url}paper/", f"{form.url}paper/large-print/"):
        response = client.get(url)
        assert response["Content-Type"].startswith(
            "text/html"
        )  # the form's "closed" page, not a PDF
        assert "no-store" in response["Cache-Control"]


def test_the_pdf_may_be_kept_by_shared_caches_until_the_consultation_closes(
    client, home_page, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    soon = make_consultation(home_page, title="Closing soon", slug="closing-soon")
    soon.closes_at = timezone.now() + datetime.timedelta(seconds=90)
    soon.save_revision().publish()
    form = add_form(soon)
    control = {part.strip() for part in client.get(f"{form.url}paper/")["Cache-Control"].split(",")}
    assert "public" in control and "max-age=0" in control and "no-store" not in control
    s_maxage = int(next(part for part in control if part.startswith("s-maxage=")).split("=")[1])
    assert 80 <= s_maxage <= 90  # cut short at closing time, not the full 300 seconds


def test_the_urdu_questionnaire_draws_every_letter(home_page, posted, form_page, caplog):
    """DejaVu Sans lacks Urdu's ہ, ے and ۔: without a font that has them (`make pdf-fonts`)
    WeasyPrint draws empty boxes and says so in its log."""
    index = posted.get_parent().specific
    for source in (home_page, index, posted, form_page):
        translate_page(source, "ur", TRANSLATIONS["ur"])
    urdu = translated_instance(form_page, "ur")
    with caplog.at_level("WARNING", logger="weasyprint"):
        pdf = paper.questionnaire_pdf(urdu)
    assert pdf.startswith(b"%PDF-")
    assert [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()] == []


@pytest.mark.django_db(transaction=True)  # the worker closes the database connection, as in production
def test_a_page_view_never_draws_a_pdf_the_worker_does_and_the_size_follows(
    client, posted, form_page, settings, monkeypatch
):
    """Drawing a PDF takes WeasyPrint a second or two: a page that links to one reads its size
    from the last drawing. Until there is one, the link goes without a size and one background
    task (not one per view) draws both."""
    from django.core.management import call_command

    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    drawn = []
    real = paper.pdf_from_html
    monkeypatch.setattr(paper, "pdf_from_html", lambda html: drawn.append(html) or real(html))

    for _ in range(2):
        found = links_in(client.get(posted.url).content.decode())
        assert [text for _url, _lang, text in found] == [
            "Paper questionnaire (PDF)",
            "Large-print paper questionnaire (PDF)",
        ]
    assert drawn == []
    queued = DBTaskResult.objects.filter(task_path="feedback.tasks.draw_paper_questionnaire")
    assert queued.filter(status="READY").count() == 1

    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
    assert len(drawn) == 2 and queued.get().status == "SUCCESSFUL"
    standard = client.get(f"{form_page.url}paper/").content
    large = client.get(f"{form_page.url}paper/large-print/").content
    assert [text for _url, _lang, text in links_in(client.get(posted.url).content.decode())] == [
        f"Paper questionnaire (PDF, {filesizeformat(len(standard))})",
        f"Large-print paper questionnaire (PDF, {filesizeformat(len(large))})",
    ]
    assert len(drawn) == 2  # the downloads came from the cache, drawn once


def test_a_changed_form_is_measured_again_when_next_drawn(client, posted, form_page):
    """A new revision of the form is a new fingerprint: the old size is not shown for it."""
    from feedback.models import PaperCopySize

    client.get(posted.url)  # tasks run at once here: both sizes drawn and recorded
    before = dict(PaperCopySize.objects.filter(form_page=form_page).values_list("large_print", "fingerprint"))
    assert set(before) == {False, True}
    field = form_page.form_fields.first()
    field.label = field.label + " — and tell us why, in as much detail as you like"
    field.save()
    form_page.save_revision().publish()
    html = client.get(posted.url).content.decode()
    after = dict(PaperCopySize.objects.filter(form_page=form_page).values_list("large_print", "fingerprint"))
    assert after[False] != before[False] and after[True] != before[True]
    standard = client.get(f"{form_page.url}paper/").content
    assert f"Paper questionnaire (PDF, {filesizeformat(len(standard))})" in [text for *_ignored, text in links_in(html)]
