from django.urls import path

from . import crosstab_views, views
from .access import forbidden_as_403 as f

app_name = "reporting"
urlpatterns = [
    path("", f(views.index), name="index"),
    path("erasure/", f(views.erasure), name="erasure"),
    path("<id:consultation_id>/", f(views.dashboard), name="dashboard"),
    path("<id:consultation_id>/responses/", f(views.responses), name="responses"),
    path("<id:consultation_id>/responses/code/", f(views.bulk_code), name="bulk_code"),
    path("<id:consultation_id>/responses/<str:reference>/", f(views.response_detail), name="response"),
    path("<id:consultation_id>/themes/", f(views.themes), name="themes"),
    path("<id:consultation_id>/crosstab/", f(crosstab_views.crosstab), name="crosstab"),
    path(
        "<id:consultation_id>/crosstab/report/",
        f(crosstab_views.add_to_report),
        name="crosstab_add_to_report",
    ),
    path(
        "<id:consultation_id>/crosstab/report/<int:item_id>/remove/",
        f(crosstab_views.remove_from_report),
        name="crosstab_remove_from_report",
    ),
    path(
        "<id:consultation_id>/crosstab.csv",
        f(crosstab_views.crosstab_download),
        {"kind": "csv"},
        name="crosstab_csv",
    ),
    path(
        "<id:consultation_id>/crosstab.xlsx",
        f(crosstab_views.crosstab_download),
        {"kind": "xlsx"},
        name="crosstab_xlsx",
    ),
    path("<id:consultation_id>/export.csv", f(views.export_csv), name="export_csv"),
    path("<id:consultation_id>/export.xlsx", f(views.export_xlsx), name="export_xlsx"),
    path("<id:consultation_id>/publishing/", f(views.moderation_log), name="moderation"),
    path("<id:consultation_id>/report/", f(views.report), name="report"),
    path("<id:consultation_id>/report/print/", f(views.report_document), name="report_print"),
    path("<id:consultation_id>/report.docx", f(views.report_document), {"kind": "docx"}, name="report_docx"),
    path("<id:consultation_id>/report.pdf", f(views.report_document), {"kind": "pdf"}, name="report_pdf"),
]
