from django.urls import path

from . import views
from .access import forbidden_as_403 as f

app_name = "reporting"
urlpatterns = [
    path("", f(views.index), name="index"),
    path("erasure/", f(views.erasure), name="erasure"),
    path("<int:consultation_id>/", f(views.dashboard), name="dashboard"),
    path("<int:consultation_id>/responses/", f(views.responses), name="responses"),
    path("<int:consultation_id>/responses/code/", f(views.bulk_code), name="bulk_code"),
    path("<int:consultation_id>/responses/<str:reference>/", f(views.response_detail), name="response"),
    path("<int:consultation_id>/themes/", f(views.themes), name="themes"),
    path("<int:consultation_id>/export.csv", f(views.export_csv), name="export_csv"),
    path("<int:consultation_id>/export.xlsx", f(views.export_xlsx), name="export_xlsx"),
    path("<int:consultation_id>/publishing/", f(views.moderation_log), name="moderation"),
    path("<int:consultation_id>/report/", f(views.report), name="report"),
    path("<int:consultation_id>/report/print/", f(views.report_document), name="report_print"),
    path("<int:consultation_id>/report.docx", f(views.report_document), {"kind": "docx"}, name="report_docx"),
    path("<int:consultation_id>/report.pdf", f(views.report_document), {"kind": "pdf"}, name="report_pdf"),
]
