"""The cross-tabulation page of a consultation in the admin, and its CSV and XLSX downloads.

Staff who may see a consultation's responses see the true counts, as on its dashboard, or the
figures as they would be published (`figures=published`). Downloads leave the system, so they
always carry the published figures: small numbers suppressed, primary and secondary.
"""

from django.contrib import messages
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback.questions import questions_for
from security.spreadsheet import csv_text

from . import access, analysis, audit, crosstabs, suppression, xlsx
from .models import ReportCrossTab
from .views import _base, filter_choices

DEFAULT_ROWS = ("support",)
DEFAULT_COLUMNS = ("about_age_band", "@channel")


def _pick(dimensions, wanted, fallbacks, avoid=None):
    chosen = crosstabs.find(dimensions, wanted or "")
    if chosen is not None:
        return chosen
    for key in fallbacks:
        found = crosstabs.find(dimensions, key)
        if found is not None and found != avoid:
            return found
    return next((dimension for dimension in dimensions if dimension != avoid), None)


def _table_for(request, consultation, *, published):
    questions = questions_for(consultation)
    dimensions = crosstabs.dimensions(questions)
    row = _pick(dimensions, request.GET.get("row"), DEFAULT_ROWS)
    column = _pick(dimensions, request.GET.get("column"), DEFAULT_COLUMNS, avoid=row)
    filters = analysis.parse_filters(request.GET)
    where = crosstabs.parse_answer_filters(request.GET.getlist("where"), dimensions)
    percent_of = request.GET.get("percent", crosstabs.ROW)
    error = ""
    table = None
    if row is not None and column is not None:
        if row == column:
            error = _(
                "Choose two different things to compare: the rows and the columns are the same."
            )
        else:
            queryset = crosstabs.apply_answer_filters(
                analysis.responses_for(consultation, filters), where
            )
            limit = None if published else suppression.UNSUPPRESSED
            table = crosstabs.crosstab(queryset, row, column, limit=limit, percent_of=percent_of)
            table.filters = where
    return {
        "dimensions": dimensions,
        "row": row,
        "column": column,
        "filters": filters,
        "where": where,
        "percent_of": percent_of,
        "error": error,
        "table": table,
    }


def crosstab(request, consultation_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    as_published = request.GET.get("figures") == "published"
    context = _base(consultation, "crosstab", _("Cross-tabulation"))
    context.update(_table_for(request, consultation, published=as_published))
    query = request.GET.copy()
    query.pop("figures", None)
    context.update(
        {
            **filter_choices(consultation),
            "as_published": as_published,
            "threshold": suppression.threshold(),
            "percent_choices": crosstabs.PERCENT_OF,
            "query": query.urlencode(),
            "where_keys": [answer.param for answer in context["where"]],
            "report_params": [
                (name, value)
                for name, values in QueryDict(crosstabs.report_query(request.GET)).lists()
                for value in values
            ],
            "in_report": _in_report(consultation, context["dimensions"]),
        }
    )
    return render(request, "reporting/admin/crosstab.html", context)


def _in_report(consultation, dimensions):
    """[(ReportCrossTab, its title)] for the list of tables already in the engagement report."""
    out = []
    for item in ReportCrossTab.objects.filter(consultation=consultation):
        data = QueryDict(item.query)
        row, column = (
            crosstabs.find(dimensions, data.get("row", "")),
            crosstabs.find(dimensions, data.get("column", "")),
        )
        if row is not None and column is not None:
            title = _("%(row)s by %(column)s") % {"row": row.label, "column": column.label}
            out.append((item, title))
    return out


def _download_rows(consultation, data):
    table = data["table"]
    rows = [
        [_("Cross-tabulation: %(title)s") % {"title": table.title}],
        [consultation.title],
        [
            _("Numbers below %(n)s show as “fewer than %(n)s”; others beside them are hidden too.")
            % {"n": suppression.threshold()}
        ],
    ]
    if data["where"] or data["filters"].active:
        shown = [answer.label for answer in data["where"]]
        if data["filters"].active:
            shown.append(data["filters"].as_query())
        rows.append([_("Only responses where: %(filters)s") % {"filters": "; ".join(shown)}])
    return [*rows, [], *table.as_rows()]


def crosstab_download(request, consultation_id, kind):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    data = _table_for(request, consultation, published=True)  # leaves the system: always suppressed
    if data["table"] is None:
        return HttpResponse(
            data["error"] or _("Nothing to compare."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    audit.record(
        consultation,
        audit.EXPORT,
        request.user,
        format=f"crosstab-{kind}",
        filters=request.GET.urlencode()[:500],
    )
    rows = _download_rows(consultation, data)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    name = f"crosstab-{consultation.slug}-{stamp}.{kind}"
    if kind == "csv":
        response = HttpResponse("\ufeff" + csv_text(rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(
            xlsx.stream(iter([rows]), title=_("Cross-tabulation")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def add_to_report(request, consultation_id):
    """Put the table on screen into the engagement report (where it is always suppressed)."""
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    query = crosstabs.report_query(request.POST)
    questions = questions_for(consultation)
    if crosstabs.table_for_query(consultation, questions, query) is None:
        messages.error(request, _("Choose two different things to compare first."))
    else:
        ReportCrossTab.objects.get_or_create(
            consultation=consultation, query=query, defaults={"added_by": request.user}
        )
        messages.success(request, _("Added to the engagement report, with small numbers hidden."))
    return redirect(f"{reverse('reporting:crosstab', args=[consultation.pk])}?{query}")


@require_POST
def remove_from_report(request, consultation_id, item_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    item = get_object_or_404(ReportCrossTab, consultation=consultation, pk=item_id)
    query = item.query
    item.delete()
    messages.success(request, _("Removed from the engagement report."))
    return redirect(f"{reverse('reporting:crosstab', args=[consultation.pk])}?{query}")
