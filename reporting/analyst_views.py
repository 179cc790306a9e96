"""Admin views for organised responses (campaign clusters) and suggested themes.

Anyone who may view a consultation's responses may code them (as on the responses list), so these
views ask `access.consultation_for_viewer`. The work itself lives in campaigns.py and
theme_suggestions.py; detection and suggesting run as background tasks (tasks.py).
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from feedback.questions import questions_for
from security.spreadsheet import csv_text

from . import access, audit, campaigns, tasks, theme_suggestions
from .models import CampaignCluster, CampaignScan, Theme, ThemeSuggestion


def _base(consultation, active, title):
    return {
        "consultation": consultation,
        "active_tab": active,
        "page_title": title,
        "page_subtitle": consultation.title,
        "header_icon": "table",
    }


def _labels(consultation):
    return {question.key: question.label for question in questions_for(consultation)}


def _language_names():
    return dict(settings.LANGUAGES)


def campaign_clusters(request, consultation_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "detect":
            tasks.detect_campaigns.enqueue(consultation.pk, request.user.pk)
            messages.success(
                request,
                _(
                    "Looking for organised responses. The results appear here when the search has finished."
                ),
            )
        elif action == "label":
            cluster = get_object_or_404(
                CampaignCluster, pk=request.POST.get("cluster") or 0, consultation=consultation
            )
            name = request.POST.get("name", "").strip()
            if not name:
                messages.error(request, _("Enter a name for the cluster."))
            else:
                campaigns.label(
                    cluster,
                    request.user,
                    name=name,
                    organised_by=request.POST.get("organised_by", ""),
                    note=request.POST.get("note", ""),
                )
                messages.success(request, _("Cluster “%(name)s” saved.") % {"name": cluster.name})
        return redirect("reporting:campaigns", consultation.pk)
    labels = _labels(consultation)
    if request.GET.get("format") == "csv":
        audit.record(consultation, audit.EXPORT, request.user, format="campaigns-csv")
        response = HttpResponse(
            "\ufeff" + csv_text(campaigns.csv_rows(consultation, labels)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="organised-responses-{consultation.slug}.csv"'
        )
        return response
    scan = campaigns.latest_scan(consultation)
    waiting = CampaignScan.objects.filter(
        consultation=consultation, finished_at__isnull=True
    ).exists()
    clusters = campaigns.clusters_for(consultation)
    for cluster in clusters:
        cluster.question_label = labels.get(cluster.question_key, cluster.question_key)
    rows = [
        (labels.get(key, key), figures) for key, figures in (scan.figures if scan else {}).items()
    ]
    context = _base(consultation, "campaigns", _("Organised responses"))
    context.update({"scan": scan, "waiting": waiting, "clusters": clusters, "figure_rows": rows})
    return render(request, "reporting/admin/campaigns.html", context)


SUGGESTION_ACTIONS = {"accept", "rename", "reject", "merge"}


def suggested_themes(request, consultation_id):
    consultation = access.consultation_for_viewer(request.user, consultation_id)
    if request.method == "POST":
        _suggestion_action(request, consultation)
        return redirect("reporting:suggestions", consultation.pk)
    labels, languages = _labels(consultation), _language_names()
    pending = list(
        ThemeSuggestion.objects.filter(
            consultation=consultation, status=ThemeSuggestion.Status.PENDING
        )
    )
    theme_suggestions.with_examples(pending)
    for suggestion in pending:
        suggestion.question_label = labels.get(suggestion.question_key, suggestion.question_key)
        suggestion.language_name = languages.get(suggestion.language, suggestion.language)
        suggestion.merge_targets = [
            other
            for other in pending
            if other.pk != suggestion.pk and other.question_key == suggestion.question_key
        ]
    decided = (
        ThemeSuggestion.objects.filter(consultation=consultation)
        .exclude(status=ThemeSuggestion.Status.PENDING)
        .select_related("decided_by", "theme")
        .order_by("-decided_at")[:100]
    )
    context = _base(consultation, "suggestions", _("Suggested themes"))
    context.update(
        {
            "pending": pending,
            "decided": decided,
            "themes": list(Theme.objects.filter(consultation=consultation)),
        }
    )
    return render(request, "reporting/admin/suggestions.html", context)


def _suggestion_action(request, consultation):
    action = request.POST.get("action", "")
    if action == "suggest":
        tasks.suggest_themes.enqueue(consultation.pk, request.user.pk)
        messages.success(
            request,
            _(
                "Suggesting themes for the answers nobody has coded yet. They appear here when ready; nothing is coded until you accept one."
            ),
        )
        return
    if action not in SUGGESTION_ACTIONS:
        return
    suggestion = get_object_or_404(
        ThemeSuggestion, pk=request.POST.get("suggestion") or 0, consultation=consultation
    )
    try:
        if action == "accept":
            theme, coded = theme_suggestions.accept(
                suggestion, request.user, request.POST.get("name", "")
            )
            messages.success(
                request,
                _("Theme “%(theme)s” accepted: %(n)s answers coded.")
                % {"theme": theme.name, "n": coded},
            )
        elif action == "rename":
            theme_suggestions.rename(suggestion, request.user, request.POST.get("name", ""))
            messages.success(
                request, _("Suggestion renamed “%(name)s”.") % {"name": suggestion.name}
            )
        elif action == "reject":
            theme_suggestions.reject(suggestion, request.user)
            messages.success(
                request,
                _("Suggestion “%(name)s” rejected; no answers were coded.")
                % {"name": suggestion.name},
            )
        else:
            _merge(request, consultation, suggestion)
    except theme_suggestions.SuggestionError as error:
        messages.error(request, str(error))


def _merge(request, consultation, suggestion):
    kind, _sep, pk = request.POST.get("into", "").partition("-")
    if kind == "theme" and pk.isdigit():
        theme = get_object_or_404(Theme, pk=int(pk), consultation=consultation)
        coded = theme_suggestions.merge_into_theme(suggestion, theme, request.user)
        messages.success(
            request,
            _("Merged into “%(theme)s”: %(n)s answers coded.") % {"theme": theme.name, "n": coded},
        )
    elif kind == "suggestion" and pk.isdigit():
        target = get_object_or_404(ThemeSuggestion, pk=int(pk), consultation=consultation)
        theme_suggestions.merge_suggestions(suggestion, target, request.user)
        messages.success(
            request,
            _("Merged into the suggestion “%(name)s”, which still waits for your decision.")
            % {"name": target.name},
        )
    else:
        messages.error(request, _("Choose what to merge the suggestion into."))
