import csv
import io

from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest
from openpyxl import load_workbook

from reporting import exports
from reporting.models import ResponseTheme, Theme

pytestmark = pytest.mark.django_db


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_one_row_per_response_columns_in_form_order_and_labels(client, consultation, questions, analyst, respond):
    first = respond({"support": "agree", "travel": ["bus", "walk"], "reasons": "=cmd()", "priorities": {"parking": "very"}}, channel="paper", locale="cy")
    respond({"support": "disagree"})
    theme = Theme.objects.create(consultation=consultation, name="Transport")
    ResponseTheme.objects.create(response=first, question_key="reasons", theme=theme)
    client.force_login(analyst)
    response = client.get(reverse("reporting:export_csv", args=[consultation.pk]))
    assert response.status_code == 200 and response.streaming
    rows = _csv(response)
    header = rows[0]
    assert header[:7] == ["Reference", "Received", "Channel", "Language", "Status", "Partner", "Themes"]
    labels = [heading for heading, _q, _s in exports.columns(questions)]
    assert header[7:] == labels
    assert labels.index("How far do you agree with the proposal?") < labels.index("Tell us why you feel this way")
    assert "How important are these to you?: Free parking" in header
    assert len(rows) == 3
    row = dict(zip(header, rows[1], strict=True))
    assert row["Reference"] == first.reference
    assert row["Channel"] == "Paper" and row["Language"] == "cy" and row["Themes"] == "Transport"
    assert row["How far do you agree with the proposal?"] == "Agree"
    assert row["How would you travel to the new site?"] == "By bus; On foot or by bike"
    assert row["How important are these to you?: Free parking"] == "Very important"
    assert row["Tell us why you feel this way"] == "'=cmd()"  # no formula injection


def test_xlsx_export_matches_and_is_audit_logged(client, consultation, analyst, respond):
    respond({"support": "agree", "rating": 4})
    client.force_login(analyst)
    response = client.get(reverse("reporting:export_xlsx", args=[consultation.pk]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Reference" and len(rows) == 2
    header = list(rows[0])
    assert rows[1][header.index("How would you rate the service today?")] == 4
    entry = PageLogEntry.objects.get(page=consultation, action="reporting.export")
    assert entry.user == analyst and entry.data["format"] == "xlsx"


def test_csv_export_is_audit_logged(client, consultation, analyst, respond):
    respond({"support": "agree"})
    client.force_login(analyst)
    _csv(client.get(reverse("reporting:export_csv", args=[consultation.pk])))
    assert PageLogEntry.objects.filter(page=consultation, action="reporting.export", data__format="csv").count() == 1


def test_staff_without_permission_get_403_on_exports(client, consultation, outsider, respond):
    respond({"support": "agree"})
    client.force_login(outsider)
    assert client.get(reverse("reporting:export_csv", args=[consultation.pk])).status_code == 403
    assert client.get(reverse("reporting:export_xlsx", args=[consultation.pk])).status_code == 403
    assert not PageLogEntry.objects.filter(action="reporting.export").exists()


def test_export_reads_in_chunks_with_a_fixed_number_of_queries(consultation, questions, respond, django_assert_max_num_queries):
    for i in range(30):
        respond({"support": "agree", "reasons": f"answer {i}"})
    with django_assert_max_num_queries(10):
        rows = list(exports.rows(consultation, questions, chunk_size=10))
    assert len(rows) == 31
