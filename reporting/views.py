"""Staff views in the Wagtail admin (wired in wagtail_hooks.py) and the public list of responses.

Every admin view asks `access.consultation_for_viewer` (403 without "view responses" on that
consultation); changing publication, redaction and erasure ask `consultation_for_moderator`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.fields.json import KeyTextTransform
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from consultations import access as consultation_access
from consultations.models import ConsultationPage
from feedback.admin_uploads import download_path
from feedback.models import Response
from feedback.questions import questions_for
from home.fallback import source_page
from security.redirects import safe_redirect_target

from . import (
    access,
    analysis,
    audit,
    coding,
    engagement_report,
    exports,
    publication,
    reach,
    retention,
    suppression,
)
from .forms import EngagementReportForm
from .models import EngagementReport, PublicationDecision, Redaction, ResponseTheme, Theme

PAGE_SIZE = 50


def _base(consultation, active, title):
    return {
        "consultation": consultation,
        "active_tab": active,
        "page_title": title,
        "page_subtitle": consultation.title,
        "header_icon": "table",
    }


def index(request):
    if not access.can_view_any(request.user):
        raise PermissionDenied

    # Responses are stored against the source-language page: list those only.
    consultations = access.viewable_consultations(request.user).filter(locale=Locale.get_default()).order_by("-closes_at")

    counts = dict(
        Response.objects.filter(consultation__in=consultations, status=Response.Status.ACCEPTED)
        .values_list("consultation_id")
        .annotate(n=Count("pk"))
    )
    rows = [(consultation, counts.get(consultation.pk, 0)) for consultation in consultations]
    return render(
        request,
        "reporting/admin/index.html",
        {"rows": rows, "page_title": _("Responses and reports"), "header_icon": "table"},
    )


def filter_choices(consultation):
    """The options of the filters the dashboard and the responses list share."""
    themes = list(Theme.objects.filter(consultation=consultation))
    return {
        "themes": themes,
        "theme_choices": [(theme.pk, theme.name) for theme in themes],
        "channels": Response.Channel.choices,
        "languages": analysis.settings.LANGUAGES,
    }


def dashboard(request, consultation_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    filters = analysis.parse_filters(request.GET)
    questions = questions_for(consultation)
    # Staff who may analyse see the true counts; "as published" shows what the report will show.
    as_published = request.GET.get("figures") == "published"
    limit = None if as_published else suppression.UNSUPPRESSED
    data = analysis.dashboard(consultation, questions, filters, limit=limit)
    data["reach"] = reach.reach(counts=reach.counts_from_dashboard(data), limit=limit)
    context = _base(consultation, "dashboard", _("Dashboard"))
    context.update(data)
    context.update(
        {
            "filters": filters,
            **filter_choices(consultation),
            "threshold": analysis.threshold(),
            "as_published": as_published,
        }
    )
    return render(request, "reporting/admin/dashboard.html", context)


def _browser_queryset(consultation, request, questions):
    """Responses filtered by theme, answer, channel, language (and the dashboard's filters)."""
    filters = analysis.parse_filters(request.GET)
    queryset = analysis.responses_for(consultation, filters, statuses=None)
    status = request.GET.get("status", "")
    if status in Response.Status.values:
        queryset = queryset.filter(status=status)
    question_key = request.GET.get("question", "")
    answer = request.GET.get("answer", "").strip()
    keys = {question.key: question for question in questions}
    if question_key in keys and answer:
        question = keys[question_key]
        if question.type in analysis.SINGLE_TYPES:
            queryset = queryset.filter(**{f"answers__{question_key}": answer})
        elif question.type == analysis.q.MULTIPLE_CHOICE:
            queryset = queryset.annotate(_chosen=KeyTextTransform(question_key, "answers")).filter(_chosen__contains=f'"{answer}"')
        elif question.type in analysis.OPEN_TYPES:
            queryset = queryset.annotate(_text=KeyTextTransform(question_key, "answers")).filter(_text__icontains=answer)
    elif question_key in keys and request.GET.get("uncoded"):
        queryset = queryset.filter(**{"answers__has_key": question_key}).exclude(
            pk__in=ResponseTheme.objects.filter(question_key=question_key).values("response_id")
        )
    return filters, queryset.select_related("locale", "partner").order_by("-submitted_at", "-pk")


def responses(request, consultation_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    questions = questions_for(consultation)
    text_questions = [question for question in questions if question.type in analysis.TEXT_TYPES]
    filters, queryset = _browser_queryset(consultation, request, questions)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    codes = coding.codes_by_response(page.object_list)
    coding_key = request.GET.get("question") or (text_questions[0].key if text_questions else "")
    rows = []
    for response in page.object_list:
        rows.append(
            {
                "response": response,
                "excerpt": str((response.answers or {}).get(coding_key, ""))[:240],
                "themes": codes.get(response.pk, {}).get(coding_key, []),
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = _base(consultation, "responses", _("Responses"))
    context.update(
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "questions": questions,
            "text_questions": text_questions,
            "coding_key": coding_key,
            **filter_choices(consultation),
            "statuses": Response.Status.choices,
            "query": query.urlencode(),
            "get": request.GET,
        }
    )
    return render(request, "reporting/admin/responses.html", context)


@require_POST
def bulk_code(request, consultation_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    question_key = request.POST.get("question", "")
    ids = [int(pk) for pk in request.POST.getlist("response") if pk.isdigit()]
    theme = _theme_from_post(request, consultation)
    back = safe_redirect_target(request, request.POST.get("next"), reverse("reporting:responses", args=[consultation.pk]))
    if theme is None or not ids or not question_key:
        messages.error(request, _("Choose at least one response, a question and a theme (or type a new theme)."))
        return redirect(back)
    if request.POST.get("action") == "remove":
        removed = coding.remove_theme(theme, ids, question_key, request.user)
        messages.success(request, _("Removed “%(theme)s” from %(n)s answers.") % {"theme": theme.name, "n": removed})
    else:
        added = coding.apply_theme(theme, ids, question_key, request.user)
        messages.success(request, _("Coded %(n)s answers with “%(theme)s”.") % {"theme": theme.name, "n": added})
    return redirect(back)


def _theme_from_post(request, consultation):
    new_name = request.POST.get("new_theme", "").strip()
    if new_name:
        return coding.create_theme(consultation, new_name, request.user)
    theme_id = request.POST.get("theme", "")
    if theme_id.isdigit():
        return Theme.objects.filter(consultation=consultation, pk=int(theme_id)).first()
    return None


def response_detail(request, consultation_id, reference):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    response = get_object_or_404(Response.objects.select_related("locale", "partner"), consultation=consultation, reference=reference)
    questions = questions_for(consultation)
    if request.method == "POST":
        return _response_action(request, consultation, response, questions)
    codes = coding.codes_by_response([response]).get(response.pk, {})
    answers = []
    for question in questions:
        value = (response.answers or {}).get(question.key)
        if value is None:
            continue
        answers.append(
            {
                "question": question,
                "value": exports.answer_value(question, None, value, {k: str(v) for k, v in question.choices})
                if question.type != analysis.q.GRID
                else "; ".join(
                    f"{label}: {dict(question.choices).get(value.get(key), value.get(key, ''))}"
                    for key, label in question.statements
                    if isinstance(value, dict)
                ),
                "raw": value,
                "upload_url": download_path(value.get("upload"))
                if question.type == analysis.q.FILE_UPLOAD and isinstance(value, dict)
                else "",
                "is_text": question.type in analysis.TEXT_TYPES,
                "themes": codes.get(question.key, []),
                "redactions": [r for r in response.redactions.all() if r.question_key == question.key],
                "published_text": publication.apply_redactions(value, [r for r in response.redactions.all() if r.question_key == question.key])
                if isinstance(value, str)
                else "",
            }
        )
    # Reading one by one: neighbours in the same order as the list.
    _filters, queryset = _browser_queryset(consultation, request, questions)
    newer = queryset.filter(Q(submitted_at__gt=response.submitted_at) | Q(submitted_at=response.submitted_at, pk__gt=response.pk)).order_by("submitted_at", "pk").first()
    older = queryset.filter(Q(submitted_at__lt=response.submitted_at) | Q(submitted_at=response.submitted_at, pk__lt=response.pk)).first()
    decision = PublicationDecision.objects.filter(response=response).first()
    context = _base(consultation, "responses", _("Response %(reference)s") % {"reference": response.reference})
    context.update(
        {
            "response": response,
            "answers": answers,
            "themes": list(Theme.objects.filter(consultation=consultation)),
            "newer": newer,
            "older": older,
            "query": request.GET.urlencode(),
            "consent": publication.consent_of(response),
            "can_publish": publication.can_be_published(response),
            "decision": decision,
            "can_moderate": access.can_moderate(request.user, consultation),
            "reasons": Redaction.Reason.choices,
        }
    )
    return render(request, "reporting/admin/response_detail.html", context)


def _response_action(request, consultation, response, questions):
    action = request.POST.get("action", "")
    here = request.get_full_path()
    if action in ("code", "uncode"):
        theme = _theme_from_post(request, consultation)
        key = request.POST.get("question", "")
        if theme is None or key not in {question.key for question in questions}:
            messages.error(request, _("Choose a theme (or type a new one)."))
        elif action == "code":
            coding.apply_theme(theme, [response.pk], key, request.user)
            messages.success(request, _("Coded with “%(theme)s”.") % {"theme": theme.name})
        else:
            coding.remove_theme(theme, [response.pk], key, request.user)
            messages.success(request, _("Removed “%(theme)s”.") % {"theme": theme.name})
        return redirect(here)
    if not access.can_moderate(request.user, consultation):
        raise PermissionDenied
    try:
        if action == "approve":
            publication.approve(response, request.user)
            messages.success(request, _("Approved for publication."))
        elif action == "withdraw":
            publication.withdraw(response, request.user, request.POST.get("note", ""))
            messages.success(request, _("This response will not be published."))
        elif action == "redact":
            publication.redact_text(
                response, request.POST.get("question", ""), request.POST.get("passage", ""), request.POST.get("reason", ""), request.user, request.POST.get("note", "")
            )
            messages.success(request, _("Passage redacted."))
        elif action == "unredact":
            redaction = get_object_or_404(Redaction, pk=request.POST.get("redaction", 0), response=response)
            publication.remove_redaction(redaction, request.user)
            messages.success(request, _("Redaction removed."))
    except publication.PublicationError as error:
        messages.error(request, str(error))
    return redirect(here)


def themes(request, consultation_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if name:
            coding.create_theme(consultation, name, request.user, request.POST.get("description", "").strip())
            messages.success(request, _("Theme “%(name)s” added.") % {"name": name})
        else:
            messages.error(request, _("Enter a name for the theme."))
        return redirect("reporting:themes", consultation.pk)
    questions = {question.key: question.label for question in questions_for(consultation)}
    summary = coding.theme_summary(consultation)
    for row in summary:
        row["quotes"] = [(questions.get(key, key), text) for key, text in row["quotes"]]
    context = _base(consultation, "themes", _("Themes"))
    context.update({"summary": summary})
    return render(request, "reporting/admin/themes.html", context)


def _export(request, consultation_id, kind):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    filters = analysis.parse_filters(request.GET)
    questions = questions_for(consultation)
    audit.record(consultation, audit.EXPORT, request.user, format=kind, filters=filters.as_query())
    if kind == "csv":
        response = StreamingHttpResponse(exports.csv_stream(consultation, questions, filters), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(consultation, "csv")}"'
        return response
    response = StreamingHttpResponse(
        exports.xlsx_stream(consultation, questions, filters),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(consultation, "xlsx")}"'
    return response


def export_csv(request, consultation_id):
    return _export(request, consultation_id, "csv")


def export_xlsx(request, consultation_id):
    return _export(request, consultation_id, "xlsx")


def moderation_log(request, consultation_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    if request.GET.get("format") == "csv":
        audit.record(consultation, audit.MODERATION_LOG_EXPORT, request.user)
        response = HttpResponse(publication.moderation_log_csv(consultation), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="moderation-log-{consultation.slug}.csv"'
        return response
    context = _base(consultation, "publishing", _("Publishing and moderation log"))
    approved = (
        Response.objects.filter(consultation=consultation, publication__status=PublicationDecision.Status.APPROVED)
        .order_by("-publication__decided_at")[:200]
    )
    waiting = (
        Response.objects.filter(
            consultation=consultation,
            status=Response.Status.ACCEPTED,
            anonymised_at__isnull=True,
            publication__isnull=True,
            **{f"answers__{publication.CONSENT_KEY}__in": list(publication.PUBLISHABLE)},
        )
        .order_by("submitted_at")[:200]
    )
    context.update({"entries": publication.moderation_log(consultation)[:500], "approved": approved, "waiting": waiting})
    return render(request, "reporting/admin/moderation.html", context)


def report(request, consultation_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    words, _created = EngagementReport.objects.get_or_create(consultation=consultation)

    form = EngagementReportForm(request.POST or None, instance=words)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.updated_at = timezone.now()
        saved.save()
        messages.success(request, _("Report saved."))
        return redirect("reporting:report", consultation.pk)
    context = _base(consultation, "report", _("Engagement report"))
    context.update({"form": form})
    return render(request, "reporting/admin/report_edit.html", context)


def report_document(request, consultation_id, kind="html"):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    data = engagement_report.report_for(consultation)
    name = f"engagement-report-{consultation.slug}"
    if kind == "docx":
        response = HttpResponse(
            engagement_report.render_docx(data), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response
    if kind == "pdf":
        response = HttpResponse(engagement_report.render_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return HttpResponse(engagement_report.render_html(data, request))


def erasure(request):
    if not access.can_view_any(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "erase_person":
        return erase_person(request)
    if request.method == "POST":
        response = get_object_or_404(Response, pk=request.POST.get("response", 0))
        access.consultation_for_moderator(request.user, response.consultation_id)
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the erasure."))
        else:
            retention.erase(response, request.user)
            messages.success(request, _("Personal data erased from %(reference)s.") % {"reference": response.reference})
        return redirect(f"{reverse('reporting:erasure')}?q={response.reference}")
    query = request.GET.get("q", "").strip()
    found = list(retention.find_responses(query, request.user)[:50]) if query else []
    everywhere = access.can_erase_everywhere(request.user)
    held = retention.find_person(query) if everywhere and "@" in query else {}
    return render(
        request,
        "reporting/admin/erasure.html",
        {
            "query": query,
            "found": found,
            "may_erase_everywhere": everywhere,
            "held": [(retention.kind_label(name), count) for name, count in held.items()],
            "page_title": _("Erase personal data on request"),
            "header_icon": "bin",
        },
    )


def erase_person(request):
    """Erase everything held about one email address, and tell the member of staff what went."""
    if not access.can_erase_everywhere(request.user):
        raise PermissionDenied
    email = request.POST.get("email", "").strip()
    back = f"{reverse('reporting:erasure')}?{urlencode({'q': email})}"
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the erasure."))
        return redirect(back)
    counts = retention.erase_person(email, request.user)
    if counts:
        removed = "; ".join(f"{retention.kind_label(name)}: {count}" for name, count in counts.items())
        messages.success(request, _("Erased everything held for this address. %(removed)s.") % {"removed": removed})
    else:
        messages.info(request, _("Nothing is held for this address."))
    return redirect(back)


# --- Public -----------------------------------------------------------------------------------


def published_responses(request, consultation_id):
    consultation = get_object_or_404(ConsultationPage.objects.live().public(), pk=consultation_id)
    refusal = consultation_access.refusal(consultation, request)
    if refusal is not None:
        return refusal

    source = source_page(consultation)
    items = publication.published_responses_for(source)
    if not items and not Response.objects.filter(consultation=source).exists():
        raise Http404
    return render(request, "reporting/published_responses_page.html", {"consultation": consultation, "published": items})
