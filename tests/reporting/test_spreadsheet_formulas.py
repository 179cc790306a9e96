"""No spreadsheet the site writes can run a formula (issue 15, points 2 and 6).

Each export is opened and every cell checked; then the class: every CSV/XLSX writer in the code
goes through `security.spreadsheet`, and every admin list export (ours and Wagtail's reports)
resolves to a view with `SafeSpreadsheetExportMixin`.
"""

import csv
import io
import pathlib
import re

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import PageLogEntry

import pytest
from openpyxl import load_workbook

from feedback.models import GeneralFeedback, PageUsefulness, ResponseFormField
from reporting import audit
from reporting.models import ResponseTheme, Theme
from security.spreadsheet import FORMULA_STARTS, SafeSpreadsheetExportMixin, safe_cell
from tests.factories import make_partner

pytestmark = pytest.mark.django_db

NASTY = [
    '=HYPERLINK("http://evil.example","Click")',
    "@SUM(1+1)",
    "+1+1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\n=1",
    " =1",
    "\uff1d1+1",
]
ROOT = pathlib.Path(__file__).resolve().parents[2]


def runnable(value):
    return isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS)


def csv_cells(content):
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(content):
    workbook = load_workbook(io.BytesIO(content))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    return [cell.value for cell in cells]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_no_formula(cells, must_contain):
    assert not [cell for cell in cells if runnable(cell)], [
        cell for cell in cells if runnable(cell)
    ]
    # The text is there, quoted: nothing was dropped (a carriage return is stored as Excel's _x000D_).
    texts = {str(cell).replace("_x000D_", "\r") for cell in cells}
    for nasty in must_contain:
        assert "'" + nasty in texts, (nasty, texts)


@pytest.mark.parametrize("value", NASTY)
def test_formula_like_text_is_quoted(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell(safe_cell(value)) == safe_cell(value)


@pytest.mark.parametrize("value", ["Fine", "", "3 - 2", "'=already", 5, -3, 2.5, None, True])
def test_other_values_are_kept(value):
    assert safe_cell(value) is value


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "boss", "boss@example.nhs.uk", "pw-for-tests-only"
    )


def test_responses_export_quotes_answers_labels_partners_and_themes(
    client, consultation, superuser, respond
):
    field = ResponseFormField.objects.filter(clean_name="reasons").first()
    field.label = '=HYPERLINK("http://evil.example","Why?")'
    field.save()
    partner = make_partner(name="+Partner")
    first = respond({"reasons": NASTY[0], "support": "agree"}, partner=partner)
    for nasty in NASTY[1:]:
        respond({"reasons": nasty})
    theme = Theme.objects.create(consultation=consultation, name="-Theme")
    ResponseTheme.objects.create(response=first, question_key="reasons", theme=theme)
    client.force_login(superuser)
    expected = [*NASTY, field.label, "+Partner", "-Theme"]
    assert_no_formula(
        csv_cells(body(client.get(reverse("reporting:export_csv", args=[consultation.pk])))),
        expected,
    )
    assert_no_formula(
        xlsx_cells(body(client.get(reverse("reporting:export_xlsx", args=[consultation.pk])))),
        expected,
    )


def test_moderation_log_csv_quotes_every_cell(client, consultation, superuser, respond):
    response = respond({"reasons": "Fine"})
    audit.record(
        response,
        audit.MODERATION_ACTIONS[0],
        superuser,
        consultation=consultation.pk,
        reference="@ref",
        question="+q",
        reason="-r",
        note=NASTY[0],
    )
    client.force_login(superuser)
    response = client.get(reverse("reporting:moderation", args=[consultation.pk]) + "?format=csv")
    assert_no_formula(csv_cells(body(response)), ["@ref", "+q", "-r", NASTY[0]])


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_share_your_views_and_page_answers_exports_quote_what_the_public_typed(
    client, superuser, export, home_page
):
    GeneralFeedback.objects.create(
        about="website",
        what_happened=NASTY[0],
        what_was_good="@x",
        what_could_be_better="\t=1",
        name="+Ann",
    )
    PageUsefulness.objects.create(path="/", useful=False, comment="-1+1")
    client.force_login(superuser)
    read = csv_cells if export == "csv" else xlsx_cells
    cells = read(body(client.get(reverse("general_feedback:index") + f"?export={export}")))
    assert_no_formula(cells, [NASTY[0], "@x", "\t=1", "+Ann"])
    cells = read(body(client.get(reverse("page_usefulness:index") + f"?export={export}")))
    assert_no_formula(cells, ["-1+1"])


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_wagtails_own_report_exports_quote_cells(client, superuser, export, home_page):
    home_page.title = '=HYPERLINK("http://evil.example")'
    home_page.save_revision(user=superuser).publish(user=superuser)
    PageLogEntry.objects.log_action(home_page, "wagtail.edit", user=superuser)
    client.force_login(superuser)
    read = csv_cells if export == "csv" else xlsx_cells
    cells = read(
        body(client.get(reverse("wagtailadmin_reports:site_history") + f"?export={export}"))
    )
    assert_no_formula(cells, [home_page.title])


# --- the class -------------------------------------------------------------------------------------
WRITERS = re.compile(
    r"csv\.(writer|DictWriter)\(|^\s*(import|from) (openpyxl|xlsxwriter)|Workbook\(", re.MULTILINE
)
APPS = [
    "consultations",
    "feedback",
    "home",
    "partners",
    "reporting",
    "security",
    "site",
    "youwedid",
]


def test_every_csv_and_xlsx_writer_goes_through_the_escaping_module():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if (
                "migrations" in path.parts
                or path.relative_to(ROOT).as_posix() == "security/spreadsheet.py"
            ):
                continue
            if WRITERS.search(path.read_text()):
                offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []
    # The one writer of its own (reporting/xlsx.py, for speed) escapes each text cell.
    assert "safe_cell(" in (ROOT / "reporting" / "xlsx.py").read_text()
    assert "csv_text(" in (ROOT / "reporting" / "exports.py").read_text()


def _admin_export_urls(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _admin_export_urls(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "view_class", None)
            if view_class and issubclass(view_class, SpreadsheetExportMixin) and "<" not in route:
                initkwargs = getattr(entry.callback, "view_initkwargs", {})
                if initkwargs.get("list_export", view_class.list_export):
                    yield "/" + route


def test_every_admin_list_export_is_served_by_the_escaping_mixin():
    urls = sorted(set(_admin_export_urls(get_resolver().url_patterns)))
    assert "/admin/feedback/general/" in urls and "/admin/reports/site-history/" in urls
    unsafe = [
        url
        for url in urls
        if not issubclass(resolve(url).func.view_class, SafeSpreadsheetExportMixin)
    ]
    assert unsafe == []
