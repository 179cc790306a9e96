"""The engagement report's method section: how people's own words were analysed, from the record.

Everything here is read from what analysts did: the codes (ResponseTheme: who, when, by hand or
from which accepted suggestion), the decisions on suggested themes, the campaign clusters and the
audit log of coding decisions. Nothing is typed in, so the section cannot drift from the data.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from feedback.questions import questions_for

from . import audit, campaigns
from .models import ResponseTheme, Theme, ThemeSuggestion
from .suppression import fewer_than_text, threshold


def _person(user):
    if user is None:
        return _("someone no longer on the staff list")
    return user.get_full_name() or user.get_username()


def _count(n):
    return fewer_than_text() if n < threshold() else f"{n:,}"


def method_for(consultation):
    consultation = getattr(consultation, "specific", consultation)
    codes = ResponseTheme.objects.filter(theme__consultation=consultation)
    total = codes.count()
    from_suggestions = codes.filter(suggestion__isnull=False).count()
    users = get_user_model().objects.in_bulk(
        [row for row in codes.values_list("coded_by", flat=True).distinct() if row]
    )
    coders = [
        {
            "name": _person(users.get(row["coded_by"])),
            "codes": row["n"],
            "from_suggestions": row["via"],
        }
        for row in codes.values("coded_by")
        .annotate(n=Count("pk"), via=Count("pk", filter=Q(suggestion__isnull=False)))
        .order_by("-n")
    ]
    decisions = {
        row["status"]: row["n"]
        for row in ThemeSuggestion.objects.filter(consultation=consultation)
        .values("status")
        .annotate(n=Count("pk"))
    }
    log = list(audit.entries_for(consultation, audit.CODING_ACTIONS))
    labels = {question.key: question.label for question in questions_for(consultation)}
    scan = campaigns.latest_scan(consultation)
    figures = [
        {
            "question": labels.get(key, key),
            "answers": _count(row["answers"]),
            "distinct_submissions": _count(row["distinct_submissions"]),
            "distinct_arguments": _count(row["distinct_arguments"]),
        }
        for key, row in (scan.figures if scan else {}).items()
    ]
    clusters = [
        {
            "name": cluster.name or _("Not named"),
            "organised_by": cluster.organised_by,
            "size": _count(cluster.size),
            "question": labels.get(cluster.question_key, cluster.question_key),
        }
        for cluster in (campaigns.clusters_for(consultation, examples=0) if scan else [])
    ]
    paragraphs = []
    themes = Theme.objects.filter(consultation=consultation).count()
    if total:
        paragraphs.append(
            ngettext(
                "Analysts coded what people wrote with %(themes)s theme: %(codes)s codes in all, %(by_hand)s by hand while reading the answers and %(suggested)s by accepting suggested themes.",
                "Analysts coded what people wrote with %(themes)s themes: %(codes)s codes in all, %(by_hand)s by hand while reading the answers and %(suggested)s by accepting suggested themes.",
                themes,
            )
            % {
                "themes": themes,
                "codes": f"{total:,}",
                "by_hand": f"{total - from_suggestions:,}",
                "suggested": f"{from_suggestions:,}",
            }
        )
    else:
        paragraphs.append(_("No answers have been coded with themes yet."))
    made = sum(decisions.values())
    if made:
        paragraphs.append(
            _(
                "The computer suggested %(made)s themes by grouping answers nobody had coded yet, in each language separately. "
                "A person decided on each: %(accepted)s accepted, %(merged)s merged with another theme, %(rejected)s rejected and %(pending)s not yet decided. "
                "No answer was coded from a suggestion without a person accepting it."
            )
            % {
                "made": made,
                "accepted": decisions.get(ThemeSuggestion.Status.ACCEPTED, 0),
                "merged": decisions.get(ThemeSuggestion.Status.MERGED, 0),
                "rejected": decisions.get(ThemeSuggestion.Status.REJECTED, 0),
                "pending": decisions.get(ThemeSuggestion.Status.PENDING, 0),
            }
        )
    else:
        paragraphs.append(
            _("No suggested themes were used: every theme was chosen by the analysts.")
        )
    if log:
        people = len({entry.user_id for entry in log})
        paragraphs.append(
            ngettext(
                "The audit log holds %(n)s coding decision, made by %(people)s between %(first)s and %(last)s.",
                "The audit log holds %(n)s coding decisions, made by %(people)s between %(first)s and %(last)s.",
                len(log),
            )
            % {
                "n": f"{len(log):,}",
                "people": ngettext("%(n)s person", "%(n)s people", people) % {"n": people},
                "first": log[0].timestamp.strftime("%-d %B %Y"),
                "last": log[-1].timestamp.strftime("%-d %B %Y"),
            }
        )
    if scan:
        paragraphs.append(
            ngettext(
                "We looked for organised responses (answers in the same or nearly the same words) on %(when)s and found %(n)s campaign cluster. Its answers are all counted; the table shows them counted once as well.",
                "We looked for organised responses (answers in the same or nearly the same words) on %(when)s and found %(n)s campaign clusters. Their answers are all counted; the table shows them counted once as well.",
                len(clusters),
            )
            % {"when": scan.finished_at.strftime("%-d %B %Y"), "n": len(clusters)}
        )
    else:
        paragraphs.append(_("Nobody has looked for organised responses in this consultation yet."))
    return {"paragraphs": paragraphs, "coders": coders, "figures": figures, "clusters": clusters}
