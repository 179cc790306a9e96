"""The paper questionnaire: the whole response form as a printable, tagged PDF (PDF/UA-1, by
WeasyPrint), in the form page's language, in standard or large print.

Every question is numbered ("Question 3") in form order, sections as headings, a box to tick
for each choice, lines to write on for text, and a reference box for the office. Staff type a
returned form in on the staff-entry screen (feedback.staff), which shows the same numbers in the
same order and records the channel "paper".
"""

from django.template.loader import render_to_string
from django.utils import translation

import weasyprint

from feedback import questions as q
from feedback import services, uploads

TEXT_LINES = {q.SHORT_TEXT: 1, q.EMAIL: 1, q.POSTCODE: 1, q.NUMBER: 1, q.DATE: 1, q.LONG_TEXT: 6}


def numbered_steps(form_page):
    """[(step, [(number, question)])]: the form's steps with every question numbered from 1."""
    number = 0
    out = []
    for step in services.steps_for(form_page):
        rows = []
        for question in step.questions:
            number += 1
            rows.append((number, question))
        out.append((step, rows))
    return out


def render_html(form_page, *, large_print=False) -> str:
    """The questionnaire as HTML, in the form page's own language."""
    with translation.override(form_page.locale.language_code):
        return _render(form_page, large_print)


def _render(form_page, large_print):
    consultation = services.consultation_for(form_page)
    steps = [
        (step, [(number, question, paper_view(question)) for number, question in rows])
        for step, rows in numbered_steps(form_page)
    ]
    return render_to_string(
        "feedback/paper_questionnaire.html",
        {
            "page": form_page,
            "consultation": consultation,
            "steps": steps,
            "large_print": large_print,
        },
    )


def paper_view(question) -> dict:
    view = {"lines": range(TEXT_LINES.get(question.type, 0))}
    if question.type == q.RATING:
        view["choices"] = [
            (str(n), str(n))
            for n in range(
                (question.min_value or 1), (question.max_value or q.DEFAULT_RATING_MAX) + 1
            )
        ]
    elif question.type == q.GRID:
        view["statements"] = question.statements
    elif question.type == q.FILE_UPLOAD:
        view["types_hint"] = uploads.types_hint(question)
    else:
        view["choices"] = question.choices
    return view


def questionnaire_pdf(form_page, *, large_print=False) -> bytes:
    """The tagged PDF, in the form page's own language."""
    html = render_html(form_page, large_print=large_print)
    return weasyprint.HTML(string=html, base_url=None).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
