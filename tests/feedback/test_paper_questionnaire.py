"""The paper questionnaire: a tagged PDF (PDF/UA-1) of the whole form, standard and large print,
in each language; staff type a returned form in on the screen with the same numbered questions."""

import re
import zlib
from html import unescape

import pytest

from feedback import paper
from feedback.models import Response
from home.translation import translate_page, translated_instance
from tests.i18n.samples import TRANSLATIONS

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> bytes:
    """Every stream of the PDF, inflated where compressed (enough to look for tags and words)."""
    out = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_the_questionnaire_is_a_tagged_pdf_with_numbered_questions(client, form_page):
    response = client.get(f"{form_page.url}paper/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    body = text_of(pdf)
    assert b"/StructTreeRoot" in body and b"/MarkInfo" in body and b"pdfuaid" in body
    assert b"/Lang (en)" in body
    numbered = paper.numbered_steps(form_page)
    labels = [question.label for _step, rows in numbered for _n, question in rows]
    assert labels[0] == "How far do you agree with the proposal?" and len(labels) >= 10


def test_large_print_is_bigger_and_also_tagged(client, form_page):
    standard = paper.render_html(form_page)
    large = paper.render_html(form_page, large_print=True)
    assert "font-size: 12pt" in standard and "font-size: 18pt" in large
    pdf = client.get(f"{form_page.url}paper/large-print/").content
    body = text_of(pdf)
    assert b"/StructTreeRoot" in body and b"/MarkInfo" in body


def test_the_welsh_questionnaire_is_in_welsh(client, home_page, consultation, form_page):
    index = consultation.get_parent().specific
    for source in (home_page, index, consultation, form_page):
        translate_page(source, "cy", TRANSLATIONS["cy"])
    welsh = translated_instance(form_page, "cy")
    html = unescape(paper.render_html(welsh))
    assert 'lang="cy"' in html and "I ba raddau ydych chi'n cytuno â'r cynnig?" in html
    assert "holiadur papur" in html and "Cwestiwn 1" in html
    assert b"/Lang (cy)" in text_of(client.get(f"{welsh.url}paper/").content)


def test_staff_entry_follows_the_papers_numbers_and_records_paper(client, form_page, superuser):
    client.force_login(superuser)
    url = f"/admin/feedback/enter/{form_page.pk}/?channel=paper"
    screen = client.get(url).content.decode()
    assert 'value="paper" selected' in screen
    numbers = re.findall(r"Question (\d+)", screen)
    assert numbers[:3] == ["1", "2", "3"]
    sent = client.post(
        url, {"channel": "paper", "support": "agree", "use_service": "no", "reasons": "Too far."}
    )
    assert sent.status_code == 302
    stored = Response.objects.get()
    assert stored.channel == "paper" and stored.entered_by == superuser
    assert stored.answers == {"support": "agree", "use_service": "no", "reasons": "Too far."}
