"""The engagement report: the analyst's words (EngagementReport) with figures from the data.

`report_for(consultation)` returns plain data that the printable page, the Word and PDF
downloads, and the "You said, we did" page all use. Every participant figure is suppressed.
"""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.questions import questions_for

from . import analysis
from .coding import theme_summary
from .crosstabs import report_tables as crosstab_tables
from .models import EngagementReport
from .suppression import fewer_than_text, threshold

SECTIONS = [
    ("summary", gettext_lazy("Summary")),
    ("engagement", gettext_lazy("What engagement took place")),
    ("findings", gettext_lazy("Findings")),
    ("recommendations", gettext_lazy("Recommendations")),
    ("next_steps", gettext_lazy("Next steps")),
]


def _events(consultation):
    """Events of the consultation, if the consultations app has them (read defensively)."""
    for name in ("events", "consultation_events"):
        related = getattr(consultation, name, None)
        if related is not None and hasattr(related, "all"):
            try:
                out = []
                for event in related.all():
                    title = getattr(event, "title", None) or getattr(event, "name", None) or str(event)
                    when = getattr(event, "starts_at", None) or getattr(event, "start", None) or getattr(event, "date", None)
                    out.append({"title": str(title), "when": when})
                return out
            except Exception:  # noqa: BLE001 — an unfinished relation must never break the report
                return []
    return []


def report_for(consultation, questions=None):
    consultation = getattr(consultation, "specific", consultation)
    if questions is None:
        questions = questions_for(consultation)
    words = EngagementReport.objects.filter(consultation=consultation).first()
    accepted = analysis.responses_for(consultation)
    totals = analysis.status_totals(consultation)
    opens, closes = consultation.opens_at, consultation.closes_at
    weeks = round((closes - opens).days / 7, 1) if opens and closes else None
    about = [question for question in questions if question.key.startswith("about_")]
    own = [question for question in questions if not question.key.startswith("about_") and question.key != "publication_consent"]
    themes = list(theme_summary(consultation, quotes=0))
    limit = threshold()
    for row in themes:
        row["display"] = fewer_than_text() if row["count"] < limit else f"{row['count']:,}"
    channels = analysis.channel_breakdown(accepted)
    partners = analysis.partner_breakdown(accepted)
    return {
        "consultation": consultation,
        "title": consultation.title,
        "words": words,
        "sections": [(key, label, getattr(words, key, "") if words else "") for key, label in SECTIONS],
        "opens_at": opens,
        "closes_at": closes,
        "weeks": weeks,
        "accepted": totals["accepted"],
        "accepted_display": fewer_than_text() if totals["accepted"] < limit else f"{totals['accepted']:,}",
        "channels": channels,
        "languages": analysis.language_breakdown(accepted),
        "partners": partners,
        "partner_names": [cell.label for cell in partners.cells if cell.key != analysis.NOT_ANSWERED and cell.count],
        "events": _events(consultation),
        "participants": analysis.about_you_breakdowns(accepted, about, totals["accepted"]),
        "localities": analysis.locality_breakdown(accepted),
        "results": analysis.question_results(accepted, own),
        "themes": themes,
        "crosstabs": crosstab_tables(consultation, questions),
        "generated_at": timezone.now(),
    }


def render_html(report, request=None, *, for_pdf=False):
    return render_to_string("reporting/report_document.html", {"report": report, "for_pdf": for_pdf}, request=request)


def render_pdf(report):
    """A tagged PDF (PDF/UA-1) by WeasyPrint: headings, tables and lists carry structure tags."""
    # heavy libraries, loaded only when a PDF or Word file is made
    import weasyprint

    html = render_html(report, for_pdf=True)
    return weasyprint.HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def _table(document, breakdown, first_heading):
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text, head[1].text, head[2].text = first_heading, _("Number"), _("Per cent")
    for cell in breakdown.cells:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = cell.label, cell.display, cell.display_percent
    row = table.add_row().cells
    row[0].text, row[1].text, row[2].text = _("Total"), breakdown.display_total, ""
    return table


def render_docx(report):
    """The report as a Word document (bytes), with real headings and tables."""
    # heavy libraries, loaded only when a PDF or Word file is made
    from docx import Document

    document = Document()
    document.core_properties.title = _("Engagement report: %(title)s") % {"title": report["title"]}
    document.core_properties.language = "en-GB"
    document.add_heading(_("Engagement report: %(title)s") % {"title": report["title"]}, level=0)
    document.add_heading(_("Dates and timescales"), level=1)
    local = timezone.localtime
    document.add_paragraph(
        _("Open from %(opens)s to %(closes)s (%(weeks)s weeks).")
        % {
            "opens": local(report["opens_at"]).strftime("%-d %B %Y"),
            "closes": local(report["closes_at"]).strftime("%-d %B %Y"),
            "weeks": report["weeks"],
        }
    )
    document.add_paragraph(_("Responses received: %(n)s.") % {"n": report["accepted_display"]})
    for key, label, text in report["sections"]:
        document.add_heading(str(label), level=1)
        for paragraph in (text or _("Not written yet.")).split("\n\n"):
            document.add_paragraph(paragraph.strip())
        if key == "engagement":
            document.add_heading(_("Channels"), level=2)
            _table(document, report["channels"], _("Channel"))
            if report["partner_names"]:
                document.add_paragraph(_("Partners: %(names)s.") % {"names": ", ".join(report["partner_names"])})
            for event in report["events"]:
                document.add_paragraph(event["title"], style="List Bullet")
            document.add_heading(_("Who took part"), level=2)
            _table(document, report["languages"], _("Language"))
            for breakdown in report["participants"]:
                document.add_heading(breakdown.title, level=3)
                _table(document, breakdown, _("Answer"))
        if key == "findings":
            document.add_heading(_("Themes"), level=2)
            for row in report["themes"]:
                document.add_paragraph(f"{row['theme'].name}: {row['display']}", style="List Bullet")
            document.add_heading(_("Results by question"), level=2)
            for result in report["results"]:
                if result.breakdown is not None:
                    document.add_heading(str(result.question.label), level=3)
                    _table(document, result.breakdown, _("Answer"))
            if report["crosstabs"]:
                document.add_heading(_("Cross-tabulations"), level=2)
            for crosstab in report["crosstabs"]:
                document.add_heading(crosstab.title, level=3)
                rows = crosstab.as_rows()
                grid = document.add_table(rows=len(rows), cols=len(rows[0]))
                grid.style = "Table Grid"
                for cells, values in zip(grid.rows, rows, strict=True):
                    for cell, value in zip(cells.cells, values, strict=True):
                        cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
