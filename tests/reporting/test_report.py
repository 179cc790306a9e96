import io

from django.urls import reverse

import pytest

from reporting import engagement_report
from reporting.models import EngagementReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def written(consultation):
    return EngagementReport.objects.create(
        consultation=consultation,
        summary="We asked people about moving the unit.",
        engagement="Three drop-in sessions and a survey.",
        findings="Most people worried about buses.",
        recommendations="Add a bus stop.",
        next_steps="The board decides in June.",
    )


def test_report_for_combines_words_and_suppressed_figures(consultation, written, respond):
    for _ in range(6):
        respond({"support": "agree", "about_age_band": "35_44"})
    respond({"support": "agree", "about_age_band": "75_plus"}, channel="phone")
    report = engagement_report.report_for(consultation)
    assert report["accepted"] == 7
    assert {key: text for key, _label, text in report["sections"]}["next_steps"] == "The board decides in June."
    age = next(b for b in report["participants"] if b.key == "about_age_band")
    assert any(cell.suppressed for cell in age.cells)


def test_printable_report_and_word_download(client, consultation, written, analyst, respond):
    respond({"support": "agree"})
    client.force_login(analyst)
    html = client.get(reverse("reporting:report_print", args=[consultation.pk])).content.decode()
    for heading in ("Dates and timescales", "What engagement took place", "Findings", "Recommendations", "Next steps"):
        assert heading in html
    assert "Add a bus stop." in html
    response = client.get(reverse("reporting:report_docx", args=[consultation.pk]))
    from docx import Document

    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "The board decides in June." in text and "Dates and timescales" in text
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)


def test_pdf_is_tagged_pdf_ua(client, consultation, written, analyst):
    client.force_login(analyst)
    response = client.get(reverse("reporting:report_pdf", args=[consultation.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    import weasyprint

    pdf = weasyprint.HTML(string=engagement_report.render_html(engagement_report.report_for(consultation), for_pdf=True)).write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=True
    )
    assert b"/StructTreeRoot" in pdf and b"/MarkInfo" in pdf and b"pdfuaid" in pdf and b"/Lang" in pdf


def test_analyst_edits_the_report_words(client, consultation, analyst):
    client.force_login(analyst)
    url = reverse("reporting:report", args=[consultation.pk])
    data = {"summary": "New summary", "engagement": "", "findings": "", "recommendations": "", "next_steps": "Decide in May"}
    assert client.post(url, data).status_code == 302
    assert EngagementReport.objects.get(consultation=consultation).next_steps == "Decide in May"


def test_report_needs_permission(client, consultation, outsider):
    client.force_login(outsider)
    for name in ("report", "report_print", "report_docx", "report_pdf"):
        assert client.get(reverse(f"reporting:{name}", args=[consultation.pk])).status_code == 403
