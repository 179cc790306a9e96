"""The cross-tabulation page of a consultation in the admin, and its CSV and XLSX downloads.

Staff who may see a consultation's responses see the true counts, as on its dashboard, or the
figures as they would be published (`figures=published`). Downloads leave the system, so they
always carry the published figures: small numbers suppressed, primary and secondary.
"""

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.questions import questions_for
from security.spreadsheet import csv_text

from . import access, analysis, audit, crosstabs, suppression, xlsx
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
        }
    )
    return render(request, "reporting/admin/crosstab.html", context)


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
