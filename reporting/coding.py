"""Coding free-text answers with themes: create themes, apply them one by one or in bulk.

Every change is a coding decision and goes in the audit log (audit.record) with who made it;
the engagement report's method section is written from that log and these tables.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count

from feedback.models import Response

from . import audit
from .models import ResponseTheme, Theme


def create_theme(consultation, name, user=None, description=""):
    name = " ".join((name or "").split())[:120]
    if not name:
        raise ValueError("empty theme name")
    theme, created = Theme.objects.get_or_create(
        consultation=consultation, name=name, defaults={"created_by": user, "description": description}
    )
    if created:
        audit.record(consultation, audit.THEME_CREATE, user, theme=theme.pk)
    return theme


def apply_theme(theme, responses, question_key, user=None, *, suggestion=None):
    """Code each response's answer to `question_key` with `theme`. Returns how many new codes.

    Responses of another consultation, and responses with no answer to the question, are skipped.
    `suggestion` is the ThemeSuggestion an analyst accepted, when the codes come from one.
    """
    ids = list(
        Response.objects.filter(pk__in=[getattr(r, "pk", r) for r in responses], consultation_id=theme.consultation_id)
        .filter(**{"answers__has_key": question_key})
        .values_list("pk", flat=True)
    )
    existing = set(
        ResponseTheme.objects.filter(theme=theme, question_key=question_key, response_id__in=ids).values_list("response_id", flat=True)
    )
    new = [
        ResponseTheme(response_id=pk, question_key=question_key, theme=theme, coded_by=user, suggestion=suggestion)
        for pk in ids
        if pk not in existing
    ]
    try:
        with transaction.atomic():
            ResponseTheme.objects.bulk_create(new)
    except IntegrityError:  # someone coded the same answer at the same moment: add one by one
        for code in new:
            ResponseTheme.objects.get_or_create(
                response_id=code.response_id, question_key=question_key, theme=theme, defaults={"coded_by": user, "suggestion": suggestion}
            )
    if new:
        audit.record(
            theme.consultation, audit.CODE, user, theme=theme.pk, question=question_key, answers=len(new), suggestion=getattr(suggestion, "pk", None)
        )
    return len(new)


def remove_theme(theme, responses, question_key, user=None):
    removed = ResponseTheme.objects.filter(
        theme=theme, question_key=question_key, response_id__in=[getattr(r, "pk", r) for r in responses]
    ).delete()[0]
    if removed:
        audit.record(theme.consultation, audit.UNCODE, user, theme=theme.pk, question=question_key, answers=removed)
    return removed


def theme_summary(consultation, *, quotes=3, accepted_only=True):
    """[{'theme': Theme, 'count': responses, 'quotes': [(question_key, text)]}] for every theme.

    Two queries for the counts and the themes, plus one per theme for its example quotes.
    """
    themes = list(
        Theme.objects.filter(consultation=consultation)
        .annotate(n=Count("codes__response", distinct=True))
        .order_by("-n", "name")
    )
    out = []
    for theme in themes:
        codes = ResponseTheme.objects.filter(theme=theme).select_related("response").order_by("-response__submitted_at")
        if accepted_only:
            codes = codes.filter(response__status=Response.Status.ACCEPTED)
        examples = []
        for code in codes[: quotes * 3]:
            text = (code.response.answers or {}).get(code.question_key)
            if isinstance(text, str) and text.strip():
                examples.append((code.question_key, text.strip()))
            if len(examples) >= quotes:
                break
        out.append({"theme": theme, "count": theme.n, "quotes": examples})
    return out


def codes_by_response(responses):
    """{response_id: {question_key: [Theme]}} for a page of responses (one query)."""
    out = {}
    codes = ResponseTheme.objects.filter(response_id__in=[r.pk for r in responses]).select_related("theme").order_by("theme__name")
    for code in codes:
        out.setdefault(code.response_id, {}).setdefault(code.question_key, []).append(code.theme)
    return out
