"""Every surface a cross-tab appears on: the screen (true counts, or as published), the CSV and
XLSX downloads (always suppressed), and who may see it at all. Plus reach on the dashboard."""

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from .conftest import make_response

pytestmark = pytest.mark.django_db

SMALL = {"agree_yes": 3, "agree_no": 10, "disagree_yes": 20, "disagree_no": 30}


@pytest.fixture
def seeded(consultation):
    for key, count in SMALL.items():
        support, use = key.split("_")
        for _ in range(count):
            make_response(
                consultation, {"support": support, "use_service": use, "about_age_band": "75_plus"}
            )
    return consultation


def _url(consultation, name="crosstab", **query):
    from urllib.parse import urlencode

    return (
        reverse(f"reporting:{name}", args=[consultation.pk])
        + "?"
        + urlencode({"row": "support", "column": "use_service", **query})
    )


def _cells(html):
    import re

    table = re.search(r'<table[^>]*data-testid="crosstab".*?</table>', html, re.S).group(0)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)
    ]


def test_analyst_sees_the_true_counts_on_screen(client, seeded, analyst):
    client.force_login(analyst)
    html = client.get(_url(seeded)).content.decode()
    cells = _cells(html)
    assert "3 (23%)" in cells and "10 (77%)" in cells and "20 (40%)" in cells
    assert "fewer than 5" not in " ".join(cells)
    assert "Download this table (CSV, for sharing)" in html


def test_as_published_on_screen_hides_small_cells_and_the_ones_that_give_them_away(
    client, seeded, analyst
):
    client.force_login(analyst)
    cells = _cells(client.get(_url(seeded, figures="published")).content.decode())
    text = " ".join(cells)
    assert "fewer than 5" in text
    # 3 is hidden, and so are 10 (its row) and 20 (its column), and then 30 (20's row): in a
    # two by two table one small cell hides all four, or it could be worked back from the totals.
    for small in ("3 (", "10 (", "20 (", "30 ("):
        assert small not in text
    assert cells.count("fewer than 5") >= 4
    assert "13" in cells and "50" in cells and "63" in cells  # the totals are shown


def test_csv_download_is_always_suppressed_even_for_an_analyst(client, seeded, analyst):
    client.force_login(analyst)
    answer = client.get(_url(seeded, name="crosstab_csv"))
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    flat = [value for row in rows for value in row]
    assert "fewer than 5" in flat
    for small in ("3", "10", "20", "30"):
        assert small not in flat
    assert "13" in flat and "50" in flat and "63" in flat
    header = next(
        row for row in rows if row and row[0] == "How far do you agree with the proposal?"
    )
    assert header[1:3] == ["Yes", "Yes (per cent)"]


def test_xlsx_download_is_always_suppressed(client, seeded, analyst):
    client.force_login(analyst)
    answer = client.get(_url(seeded, name="crosstab_xlsx"))
    book = load_workbook(io.BytesIO(b"".join(answer.streaming_content)))
    values = [
        str(cell.value) for row in book.active.iter_rows() for cell in row if cell.value is not None
    ]
    assert "fewer than 5" in values
    for small in ("3", "10", "20", "30"):
        assert small not in values
    assert "63" in values


def test_downloads_are_in_the_audit_log(client, seeded, analyst):
    from wagtail.models import PageLogEntry

    client.force_login(analyst)
    client.get(_url(seeded, name="crosstab_csv"))
    assert (
        PageLogEntry.objects.filter(
            page=seeded, action="reporting.export", data__format="crosstab-csv"
        ).count()
        == 1
    )


def test_staff_without_view_responses_see_nothing(client, seeded, outsider):
    client.force_login(outsider)
    for name in ("crosstab", "crosstab_csv", "crosstab_xlsx"):
        assert client.get(_url(seeded, name=name)).status_code == 403


def test_filter_by_answer_and_same_row_and_column_error(client, seeded, analyst):
    client.force_login(analyst)
    html = client.get(_url(seeded, where="use_service=no", percent="column")).content.decode()
    cells = _cells(html)
    assert "10 (25%)" in cells and "30 (75%)" in cells
    assert "Only responses where:" in html
    html = client.get(_url(seeded, column="support")).content.decode()
    assert "Choose two different things to compare" in html
    assert client.get(_url(seeded, name="crosstab_csv", column="support")).status_code == 400


def test_dashboard_names_under_represented_groups(client, seeded, analyst):
    client.force_login(analyst)
    html = client.get(reverse("reporting:dashboard", args=[seeded.pk])).content.decode()
    assert 'data-testid="reach"' in html
    assert "Under-represented so far" in html
    # Everyone said 75 or over: every younger band with enough expected responses is named.
    assert "25 to 34 (What is your age?): 0% of respondents" in html
    assert "Northfield and Eastbrook (demo figures)" in html


def test_a_crosstab_added_to_the_engagement_report_is_suppressed_there(client, seeded, analyst):
    import docx

    from reporting.models import ReportCrossTab

    client.force_login(analyst)
    added = client.post(
        reverse("reporting:crosstab_add_to_report", args=[seeded.pk]),
        {"row": "support", "column": "use_service", "percent": "row", "ignored": "x"},
    )
    assert added.status_code == 302
    item = ReportCrossTab.objects.get(consultation=seeded)
    assert item.query == "row=support&column=use_service&percent=row"
    # The analyst's own page still shows the true counts, and lists the table as in the report.
    page = client.get(_url(seeded)).content.decode()
    assert "Cross-tabulations in the engagement report" in page and "3 (23%)" in _cells(page)

    html = client.get(reverse("reporting:report_print", args=[seeded.pk])).content.decode()
    cells = _cells(html)
    assert cells[:2] == ["fewer than 5", "fewer than 5"] or "fewer than 5" in cells
    for small in ("3 (", "10 (", "20 (", "30 ("):
        assert small not in " ".join(cells)
    assert "13" in cells and "63" in cells

    document = docx.Document(
        io.BytesIO(client.get(reverse("reporting:report_docx", args=[seeded.pk])).content)
    )
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "How far do you agree with the proposal?" in texts and "fewer than 5" in texts
    assert "Yes (per cent)" in texts
    crosstab = next(
        table
        for table in document.tables
        if table.rows[0].cells[0].text == "How far do you agree with the proposal?"
    )
    values = [cell.text for row in crosstab.rows for cell in row.cells]
    for small in ("3", "10", "20", "30"):
        assert small not in values

    removed = client.post(
        reverse("reporting:crosstab_remove_from_report", args=[seeded.pk, item.pk])
    )
    assert removed.status_code == 302 and not ReportCrossTab.objects.exists()


def test_adding_to_the_report_needs_permission_and_a_real_table(client, seeded, analyst, outsider):
    from reporting.models import ReportCrossTab

    url = reverse("reporting:crosstab_add_to_report", args=[seeded.pk])
    client.force_login(outsider)
    assert client.post(url, {"row": "support", "column": "use_service"}).status_code == 403
    client.force_login(analyst)
    assert client.get(url).status_code == 405
    client.post(url, {"row": "support", "column": "support"})
    assert not ReportCrossTab.objects.exists()
