"""Segments of the register for staff: filter members, count them by group, invite them.

Who may see what: `involvement.view_register` sees counts, with counts under the threshold
suppressed by reporting's one rule (`reporting.suppression.suppress`); the register's managers
(`involvement.manage_register`) see true counts, the members themselves and may invite a segment.
Only confirmed register members are in a segment (alert-only sign-ups asked for alerts alone)."""

from django import forms
from django.conf import settings
from django.db.models import Count
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from consultations.models import Area, Topic
from feedback.about_you import ABOUT_YOU
from involvement.choices import ACCESS_NEEDS, WAYS
from involvement.models import Member
from reporting import suppression

MANAGE_PERMISSION = "involvement.manage_register"
VIEW_PERMISSION = "involvement.view_register"
DEMOGRAPHIC_SEPARATOR = ":"


def may_view(user):
    return user.has_perm(VIEW_PERMISSION) or user.has_perm(MANAGE_PERMISSION)


def may_manage(user):
    return user.has_perm(MANAGE_PERMISSION)


def limit_for(user):
    """The suppression limit for this member of staff: none for the register's managers."""
    return suppression.UNSUPPRESSED if may_manage(user) else None


def demographic_choices():
    choices = [("", _("Any"))]
    for _flag, key, _type, label, _help, options in ABOUT_YOU:
        for value, option in options:
            choices.append((f"{key}{DEMOGRAPHIC_SEPARATOR}{value}", f"{label} {option}"))
    return choices


class SegmentForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.none(), required=False, empty_label=_("Any")
    )
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.none(), required=False, empty_label=_("Any")
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    access_need = forms.ChoiceField(
        label=_("Access need"),
        required=False,
        choices=[("", _("Any"))] + [(key, label) for key, _f, label in ACCESS_NEEDS],
    )
    way = forms.ChoiceField(
        label=_("Takes part"),
        required=False,
        choices=[("", _("Any"))] + [(key, label) for key, _f, label in WAYS],
    )
    demographic = forms.ChoiceField(
        label=_("Demographic group"), required=False, choices=demographic_choices
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = Locale.get_default()
        self.fields["topic"].queryset = Topic.objects.filter(locale=default)
        self.fields["area"].queryset = Area.objects.filter(locale=default)
        self.fields["language"].choices = [("", _("Any"))] + [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]

    def segment(self):
        """The filters as plain data (stored with an invitation round; no personal data)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "topic": data["topic"].pk if data.get("topic") else None,
            "area": data["area"].pk if data.get("area") else None,
            "language": data.get("language") or "",
            "access_need": data.get("access_need") or "",
            "way": data.get("way") or "",
            "demographic": data.get("demographic") or "",
        }


def in_register():
    return Member.objects.filter(kind=Member.Kind.REGISTER, confirmed_at__isnull=False)


def members_in(segment, *, receiving_only=False):
    """Confirmed register members matching every filter in `segment` (SegmentForm.segment())."""
    members = in_register()
    if receiving_only:
        members = members.filter(status=Member.Status.ACTIVE)
    if segment.get("topic"):
        members = members.filter(topics=segment["topic"])
    if segment.get("area"):
        members = members.filter(areas=segment["area"])
    if segment.get("language"):
        members = members.filter(locale__language_code=segment["language"])
    fields = {key: field for key, field, _label in ACCESS_NEEDS + WAYS}
    for name in ("access_need", "way"):
        if segment.get(name) in fields:
            members = members.filter(**{fields[segment[name]]: True})
    if segment.get("demographic") and DEMOGRAPHIC_SEPARATOR in segment["demographic"]:
        key, value = segment["demographic"].split(DEMOGRAPHIC_SEPARATOR, 1)
        if key.startswith("about_"):
            members = members.filter(**{f"about_you__{key}": value})
    return members.distinct()


def count_text(count, limit):
    """A single count as staff may see it."""
    hidden = suppression.suppress_counts([count], limit)[0] if count else False
    return suppression.fewer_than_text() if hidden else f"{count:,}"


def breakdowns(members, limit):
    """The segment's make-up, one suppressed breakdown per dimension."""
    ids = members.values("pk")
    base = Member.objects.filter(pk__in=ids)
    total = base.count()
    tables = []

    language_counts = dict(
        base.values_list("locale__language_code").annotate(n=Count("pk")).order_by()
    )
    rows = [
        (code, get_language_info(code)["name_local"], language_counts.get(code, 0))
        for code, _n in settings.LANGUAGES
    ]
    tables.append(_table("language", _("Language"), rows, total, limit))

    for key, label, choices in [
        ("access", _("Access needs"), ACCESS_NEEDS),
        ("ways", _("How they take part"), WAYS),
    ]:
        rows = [(k, str(lbl), base.filter(**{field: True}).count()) for k, field, lbl in choices]
        tables.append(_table(key, label, rows, total, limit, additive=False))

    for relation, label in [("topics", _("Topics")), ("areas", _("Areas"))]:
        counts = (
            base.values_list(f"{relation}__name")
            .annotate(n=Count("pk"))
            .order_by(f"{relation}__name")
        )
        rows = [(name, name, n) for name, n in counts if name]
        tables.append(_table(relation, label, rows, total, limit, additive=False))

    for _flag, key, _qtype, label, _help, choices in ABOUT_YOU:
        if not choices:
            continue
        counts = dict(base.values_list(f"about_you__{key}").annotate(n=Count("pk")).order_by())
        answered = sum(n for value, n in counts.items() if value)
        rows = [(value, str(option), counts.get(value, 0)) for value, option in choices]
        rows.append(("", str(_("Not answered")), total - answered))
        tables.append(_table(key, label, rows, total, limit))
    return total, tables


def _table(key, title, rows, total, limit, additive=True):
    breakdown = suppression.suppress(rows, total=total, limit=limit, additive=additive)
    breakdown.title = str(title)
    breakdown.key = key
    return breakdown
