"""The figures on a consultation's dashboard, computed in the database.

Plain functions. Every count is a GROUP BY or a conditional aggregate: the number of queries
depends on the number of questions, never on the number of responses. JSON answers are read
with Django's key transforms (`KeyTextTransform`, `answers__<key>` lookups), which become JSON1
functions on SQLite and `->`/`->>` on PostgreSQL. Questions are passed in (from
`feedback.questions.questions_for`), so tests can give a small list of their own.

Every breakdown takes `limit`, the small-number threshold: None applies the published rule
(`suppression.threshold()`), as the engagement report and public pages need;
`suppression.UNSUPPRESSED` shows every count as it is, for the dashboard of staff who may
analyse the consultation. The rule itself lives only in `suppression`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import Count, F, Q
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import questions as q
from feedback.models import Response

from .models import ResponseTheme
from .suppression import Breakdown, fewer_than_text, suppress, threshold

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from consultations.models import ConsultationPage

SINGLE_TYPES = {q.SINGLE_CHOICE, q.DROPDOWN, q.AGREE_SCALE, q.YES_NO}
TEXT_TYPES = {q.SHORT_TEXT, q.LONG_TEXT}  # the free text analysts code with themes
OPEN_TYPES = {q.SHORT_TEXT, q.LONG_TEXT, q.EMAIL, q.POSTCODE, q.DATE}  # answers in people's own words
CLOSED_TYPES = SINGLE_TYPES | {q.MULTIPLE_CHOICE, q.RATING, q.NUMBER, q.GRID}
NOT_ANSWERED = "__none__"


# --- Filters ----------------------------------------------------------------------------------


@dataclass
class Filters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    channel: str = ""
    language: str = ""
    locality: str = ""
    theme: int | None = None
    errors: dict = field(default_factory=dict)

    def as_query(self):
        pairs = {
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "channel": self.channel,
            "language": self.language,
            "locality": self.locality,
            "theme": self.theme or "",
        }
        return urlencode({k: v for k, v in pairs.items() if v})

    @property
    def active(self):
        return bool(self.date_from or self.date_to or self.channel or self.language or self.locality or self.theme)


def _parse_date(value):
    try:
        return datetime.date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        raise ValueError(value) from None


def parse_filters(data: Mapping) -> Filters:
    """Filters from a GET QueryDict (or dict); bad values are ignored and reported in `errors`."""
    filters = Filters()
    for name in ("date_from", "date_to"):
        try:
            setattr(filters, name, _parse_date(data.get(name, "")))
        except ValueError:
            filters.errors[name] = _("Enter a real date, for example 2026-03-31.")
    channel = data.get("channel", "")
    if channel in Response.Channel.values:
        filters.channel = channel
    language = data.get("language", "")
    if language in dict(settings.LANGUAGES):
        filters.language = language
    filters.locality = (data.get("locality", "") or "").strip().upper()[:8]
    theme = data.get("theme", "")
    if str(theme).isdigit():
        filters.theme = int(theme)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        filters.errors["date_to"] = _("The end date must be the same as or after the start date.")
        filters.date_to = None
    return filters


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def apply_filters(queryset: QuerySet, filters: Filters | None) -> QuerySet:
    if filters is None:
        return queryset
    if filters.date_from:
        queryset = queryset.filter(submitted_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        queryset = queryset.filter(submitted_at__lt=_day_start(filters.date_to + datetime.timedelta(days=1)))
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.language:
        queryset = queryset.filter(locale__language_code=filters.language)
    if filters.locality:
        queryset = queryset.filter(postcode_district=filters.locality)
    if filters.theme:
        queryset = queryset.filter(pk__in=ResponseTheme.objects.filter(theme_id=filters.theme).values("response_id"))
    return queryset


def responses_for(
    consultation: ConsultationPage,
    filters: Filters | None = None,
    *,
    statuses: Iterable[str] = (Response.Status.ACCEPTED,),
) -> QuerySet:
    """The consultation's responses (accepted only, unless told), filtered."""
    queryset = Response.objects.filter(consultation=consultation)
    if statuses:
        queryset = queryset.filter(status__in=list(statuses))
    return apply_filters(queryset, filters)


# --- Totals and per day -----------------------------------------------------------------------


def status_totals(consultation: ConsultationPage, filters: Filters | None = None) -> dict:
    """{'accepted': n, 'held': n, 'rejected': n, 'total': n} in one query."""
    queryset = responses_for(consultation, filters, statuses=None)
    figures = queryset.aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in Response.Status.values},
    )
    return figures


def responses_per_day(queryset: QuerySet | dict) -> list[tuple[datetime.date, int]]:
    """[(date, count)] for every day from the first response to the last (gaps filled with 0)."""
    if isinstance(queryset, dict):  # {date: count} already read (figures_in_one_scan)
        return _series(queryset)
    tz = timezone.get_current_timezone()
    rows = (
        queryset.order_by()
        .annotate(day=TruncDate("submitted_at", tzinfo=tz))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    counts = {}
    for row in rows:
        day = row["day"]
        if isinstance(day, str):  # some backends hand dates back as text
            day = datetime.date.fromisoformat(day[:10])
        counts[day] = row["n"]
    return _series(counts)


def _series(counts):
    if not counts:
        return []
    first, last = min(counts), max(counts)
    days = (last - first).days
    return [(first + datetime.timedelta(days=i), counts.get(first + datetime.timedelta(days=i), 0)) for i in range(days + 1)]


@dataclass
class Chart:
    """A bar chart drawn as SVG on the server, with its own text alternative."""

    bars: list
    width: int
    height: int
    max_count: int
    summary: str
    ticks: list


def bar_chart(
    series: list[tuple[datetime.date, int]], *, height: int = 160, bar_width: int = 12, gap: int = 3
) -> Chart | None:
    """Geometry for an SVG bar chart of [(date, count)]; the template draws it."""
    if not series:
        return None
    max_count = max(count for _day, count in series) or 1
    plot_top, plot_bottom, left = 10, height - 24, 36
    plot_height = plot_bottom - plot_top
    bars = []
    for index, (day, count) in enumerate(series):
        bar_height = round(plot_height * count / max_count) if count else 0
        x = left + index * (bar_width + gap)
        bars.append(
            {
                "x": x,
                "y": plot_bottom - bar_height,
                "width": bar_width,
                "height": bar_height,
                "day": day,
                "count": count,
                "label_x": x + bar_width / 2,
            }
        )
    width = left + len(series) * (bar_width + gap) + 10
    total = sum(count for _day, count in series)
    busiest_day, busiest = max(series, key=lambda pair: pair[1])
    summary = _(
        "%(total)s responses over %(days)s days, from %(first)s to %(last)s. The busiest day was %(busiest_day)s with %(busiest)s."
    ) % {
        "total": f"{total:,}",
        "days": len(series),
        "first": series[0][0].strftime("%-d %B %Y"),
        "last": series[-1][0].strftime("%-d %B %Y"),
        "busiest_day": busiest_day.strftime("%-d %B %Y"),
        "busiest": f"{busiest:,}",
    }
    step = max(1, len(series) // 8)
    ticks = [bar for index, bar in enumerate(bars) if index % step == 0]
    axis = [
        {"y": plot_top, "label": f"{max_count:,}"},
        {"y": plot_bottom, "label": "0"},
    ]
    chart = Chart(bars=bars, width=width, height=height, max_count=max_count, summary=summary, ticks=ticks)
    chart.axis = axis
    chart.plot_bottom = plot_bottom
    chart.left = left
    return chart


# --- Breakdowns -------------------------------------------------------------------------------


def _grouped(queryset, expression):
    return list(queryset.order_by().annotate(v=expression).values("v").annotate(n=Count("pk")).values_list("v", "n"))


def field_breakdown(
    queryset: QuerySet,
    field_name: str,
    labels: Mapping | None = None,
    *,
    title: str = "",
    key: str = "",
    not_answered: str | None = None,
    rows: Iterable | None = None,
    limit: int | None = None,
) -> Breakdown:
    """A suppressed Breakdown of `queryset` grouped by a model field (channel, locale…).

    `rows` ([(value, count)], from `figures_in_one_scan`) saves the query.
    """
    if rows is None:
        rows = list(queryset.order_by().values_list(field_name).annotate(n=Count("pk")).order_by("-n"))
    else:
        rows = sorted(rows, key=lambda row: -row[1])
    labels = labels or {}
    not_answered = not_answered or _("Not given")
    cells = []
    for value, count in rows:
        label = labels.get(value, value) if value not in (None, "") else not_answered
        cells.append((value if value not in (None, "") else NOT_ANSWERED, str(label), count))
    if labels:  # show every known category, even with no responses, in their own order
        present = {key for key, _label, _count in cells}
        order = list(labels)
        cells += [(value, str(label), 0) for value, label in labels.items() if value not in present]
        cells.sort(key=lambda cell: order.index(cell[0]) if cell[0] in order else len(order))
    return _titled(suppress(cells, limit=limit), title, key)


def _titled(breakdown, title, key):
    breakdown.title = str(title)
    breakdown.key = key
    return breakdown


def channel_breakdown(queryset: QuerySet, rows: Iterable | None = None, limit: int | None = None) -> Breakdown:
    return field_breakdown(
        queryset, "channel", dict(Response.Channel.choices), title=_("Channel"), key="channel", rows=rows, limit=limit
    )


def language_breakdown(queryset: QuerySet, rows: Iterable | None = None, limit: int | None = None) -> Breakdown:
    return field_breakdown(
        queryset, "locale__language_code", dict(settings.LANGUAGES), title=_("Language"), key="language", rows=rows, limit=limit
    )


def partner_breakdown(queryset: QuerySet, rows: Iterable | None = None, limit: int | None = None) -> Breakdown:
    return field_breakdown(
        queryset,
        "partner__name",
        title=_("Partner"),
        key="partner",
        not_answered=_("No partner (our own site or staff)"),
        rows=rows,
        limit=limit,
    )


def locality_breakdown(queryset: QuerySet, rows: Iterable | None = None, limit: int | None = None) -> Breakdown:
    return field_breakdown(
        queryset, "postcode_district", title=_("Locality (postcode district)"), key="locality", rows=rows, limit=limit
    )


def form_version_breakdown(queryset: QuerySet, rows: Iterable | None = None, limit: int | None = None) -> Breakdown:
    """Standard form or its Easy Read version (feedback.easy_read): the answers count together."""
    return field_breakdown(
        queryset, "form_version", dict(Response._meta.get_field("form_version").choices), title=_("Form version"),
        key="form_version", rows=rows, limit=limit,
    )  # fmt: skip


FIGURE_FIELDS = {
    "channel": "channel",
    "language": "locale__language_code",
    "partner": "partner__name",
    "locality": "postcode_district",
    "form_version": "form_version",
}


@contextmanager
def aggregate_cursor(using: str = "default") -> Iterator:
    """A cursor for one scan-and-group over a consultation's responses.

    On PostgreSQL it runs in a transaction with two local settings, reverted when it ends: room
    to hash every group (without it the planner, which cannot estimate the number of days, sorts
    100,000 rows for that grouping set), and no JIT compilation, which these queries cross into
    at about 100,000 responses and which then costs more than it saves (80 ms measured at that
    size, over a second once the planner also inlines and optimises)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '32MB'")
        cursor.execute("SET LOCAL jit = off")
        yield cursor


def figures_in_one_scan(consultation: ConsultationPage, filters: Filters | None = None) -> dict:
    """Status totals, accepted responses per day and the four field breakdowns' rows: one query.

    PostgreSQL only (GROUP BY GROUPING SETS): every status is read once and grouped six ways,
    then only the accepted rows feed the per-day series and the breakdowns. Returns
    {"totals": {...}, "per_day": {date: n}, "channel": [(value, n)], "language": ..., ...}, the
    same figures as `status_totals`, `responses_per_day` and `field_breakdown` would read.
    """
    tz = timezone.get_current_timezone()
    names = ["status", *FIGURE_FIELDS, "day"]
    inner = (
        responses_for(consultation, filters, statuses=None)
        .order_by()
        .annotate(
            g_status=F("status"),
            **{f"g_{name}": F(field) for name, field in FIGURE_FIELDS.items()},
            g_day=TruncDate("submitted_at", tzinfo=tz),
        )
        .values(*[f"g_{name}" for name in names])
    )
    inner_sql, params = inner.query.sql_with_params()
    columns = ", ".join(f"g_{name}" for name in names)
    sets = ", ".join(["(g_status)", *[f"(g_status, g_{name})" for name in names[1:]]])
    grouping = ", ".join(f"g_{name}" for name in names[1:])
    sql = f"SELECT {columns}, GROUPING({grouping}), COUNT(*) FROM ({inner_sql}) AS r GROUP BY GROUPING SETS ({sets})"  # nosec B608 (our own column names; values go in params)
    totals = {"total": 0, **dict.fromkeys(Response.Status.values, 0)}
    out = {"totals": totals, "per_day": {}, **{name: [] for name in FIGURE_FIELDS}}
    with aggregate_cursor(inner.db) as cursor:
        cursor.execute(sql, params)
        results = cursor.fetchall()
    width = len(names) - 1
    for *values, mask, count in results:
        status = values[0]
        if mask == (1 << width) - 1:  # grouped by status alone
            totals["total"] += count
            if status in totals:
                totals[status] = count
            continue
        if status != Response.Status.ACCEPTED:
            continue
        position = next(i for i in range(width) if not mask & (1 << (width - 1 - i)))
        name, value = names[1 + position], values[1 + position]
        if name == "day":
            out["per_day"][value] = count
        else:
            out[name].append((value, count))
    return out


# --- Per-question results ---------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: object
    kind: str  # "choice", "multiple", "grid", "number", "text", "other"
    answered: int = 0
    breakdown: object = None  # Breakdown for choice / multiple / rating
    rows: list = field(default_factory=list)  # grid: [(statement label, Breakdown)]
    average: float | None = None
    themes: list = field(default_factory=list)  # text: [(theme, count)]

    @property
    def key(self):
        return self.question.key


def _as_number(value):
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else number


def answer_counts(queryset: QuerySet, questions: Iterable[q.Question]) -> dict:
    """{question key: [(value, count)]} for every question, in ONE scan of the responses.

    Each response's answers object is expanded into (key, value) rows by the database's own JSON
    function (`jsonb_each_text` on PostgreSQL, JSON1's `json_each` on SQLite) and grouped by key
    and value. Lists (multiple choice) and objects (grids) come back as JSON text, one group per
    distinct combination, and are split here. Answers in people's own words are not grouped by
    their text: each becomes '*' (answered) or '' (left empty), so only their number is read.
    """
    keys = [question.key for question in questions]
    if not keys:
        return {}
    open_keys = [question.key for question in questions if question.type in OPEN_TYPES] or [""]  # no key is empty: matches nothing
    inner_sql, inner_params = queryset.order_by().values("answers").query.sql_with_params()
    key_marks = ", ".join(["%s"] * len(keys))
    open_marks = ", ".join(["%s"] * len(open_keys))
    if connection.vendor == "postgresql":
        expand = "CROSS JOIN LATERAL jsonb_each_text(r.answers) AS j"
    else:
        expand = ", json_each(r.answers) AS j"
    sql = (
        f"SELECT j.key, CASE WHEN j.key IN ({open_marks}) THEN (CASE WHEN j.value = '' THEN '' ELSE '*' END) "  # nosec B608 (placeholders only; values go in params)
        f"ELSE j.value END AS v, COUNT(*) FROM ({inner_sql}) AS r {expand} "
        f"WHERE j.key IN ({key_marks}) GROUP BY 1, 2"
    )
    params = [*open_keys, *inner_params, *keys]
    out = {}
    with aggregate_cursor(queryset.db) as cursor:
        cursor.execute(sql, params)
        for key, value, count in cursor.fetchall():
            out.setdefault(key, []).append((_normalise(value), count))
    return out


def _normalise(value):
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if value is None or isinstance(value, list | dict) else str(value)


def _rows(queryset, question, grouped):
    if grouped is not None:
        return list(grouped.get(question.key, []))
    return _grouped(queryset.filter(**{"answers__has_key": question.key}), KeyTextTransform(question.key, "answers"))


def choice_result(
    queryset: QuerySet,
    question: q.Question,
    *,
    with_not_answered: bool = False,
    total: int | None = None,
    grouped: dict | None = None,
    limit: int | None = None,
) -> QuestionResult:
    rows = {}
    for value, count in _rows(queryset, question, grouped):
        if isinstance(value, str | int):
            rows[str(value)] = rows.get(str(value), 0) + count
    cells = [(key, str(label), rows.pop(key, 0)) for key, label in question.choices]
    cells += [(str(key), str(key), count) for key, count in rows.items() if key not in (None, "")]  # retired choices
    answered = sum(count for _k, _l, count in cells)
    if with_not_answered and total is not None:
        cells.append((NOT_ANSWERED, _("Not answered"), max(total - answered, 0)))
    breakdown = _titled(suppress(cells, limit=limit), question.label, question.key)
    return QuestionResult(question=question, kind="choice", answered=answered, breakdown=breakdown)


def multiple_choice_result(
    queryset: QuerySet, question: q.Question, *, grouped: dict | None = None, limit: int | None = None
) -> QuestionResult:
    """Group by the stored list (few distinct combinations), then count each choice."""
    combinations = _rows(queryset, question, grouped)
    per_choice, respondents = {}, 0
    for stored, count in combinations:
        if stored in (None, ""):
            continue
        try:
            chosen = json.loads(stored) if isinstance(stored, str) else stored
        except ValueError:
            chosen = [stored]
        if not isinstance(chosen, list):
            chosen = [chosen]
        respondents += count
        for choice in set(map(str, chosen)):
            per_choice[choice] = per_choice.get(choice, 0) + count
    cells = [(key, str(label), per_choice.pop(key, 0)) for key, label in question.choices]
    cells += [(key, key, count) for key, count in per_choice.items()]
    breakdown = _titled(suppress(cells, total=respondents, limit=limit, additive=False), question.label, question.key)
    return QuestionResult(question=question, kind="multiple", answered=respondents, breakdown=breakdown)


def number_result(
    queryset: QuerySet, question: q.Question, *, grouped: dict | None = None, limit: int | None = None
) -> QuestionResult:
    values = _rows(queryset, question, grouped)
    counts = {}
    for value, count in values:
        number = _as_number(value)
        if number is not None:
            counts[number] = counts.get(number, 0) + count
    answered = sum(counts.values())
    average = sum(number * count for number, count in counts.items()) / answered if answered else None
    breakdown = None
    if question.type == q.RATING:
        low, high = question.min_value or 1, question.max_value or q.DEFAULT_RATING_MAX
        cells = [(str(n), str(n), counts.pop(n, 0)) for n in range(int(low), int(high) + 1)]
        cells += [(str(n), str(n), c) for n, c in sorted(counts.items())]
        breakdown = _titled(suppress(cells, limit=limit), question.label, question.key)
    return QuestionResult(question=question, kind="number", answered=answered, breakdown=breakdown, average=average)


def grid_result(
    queryset: QuerySet, question: q.Question, *, grouped: dict | None = None, limit: int | None = None
) -> QuestionResult:
    rows, answered = [], 0
    answered_queryset = queryset.filter(**{"answers__has_key": question.key})
    combinations = list(grouped.get(question.key, [])) if grouped is not None else None
    for statement_key, statement_label in question.statements:
        if combinations is None:
            per_choice = dict(_grouped(answered_queryset, KeyTextTransform(statement_key, KeyTransform(question.key, "answers"))))
        else:
            per_choice = {}
            for stored, count in combinations:
                chosen = stored.get(statement_key) if isinstance(stored, dict) else None
                if chosen is not None:
                    per_choice[str(chosen)] = per_choice.get(str(chosen), 0) + count
        grouped_statement = per_choice
        cells = [(key, str(label), grouped_statement.pop(key, 0)) for key, label in question.choices]
        breakdown = _titled(suppress(cells, limit=limit), statement_label, f"{question.key}.{statement_key}")
        answered = max(answered, breakdown.total)
        rows.append((statement_label, breakdown))
    return QuestionResult(question=question, kind="grid", answered=answered, rows=rows)


def theme_counts(queryset: QuerySet, consultation: ConsultationPage | None = None) -> list:
    """{question_key: [(Theme, responses)]} for the coded answers among `queryset`, in one query."""
    codes = (
        ResponseTheme.objects.filter(response__in=queryset.order_by().values("pk"))
        .values("question_key", "theme_id", "theme__name")
        .annotate(n=Count("pk"))  # = distinct responses: (response, question_key, theme) is unique
        .order_by("question_key", "-n", "theme__name")
    )
    out = {}
    for row in codes:
        out.setdefault(row["question_key"], []).append({"id": row["theme_id"], "name": row["theme__name"], "count": row["n"]})
    return out


def question_results(
    queryset: QuerySet,
    questions: Iterable[q.Question],
    *,
    themes: list | None = None,
    grouped: dict | None = None,
    limit: int | None = None,
) -> list[QuestionResult]:
    """A QuestionResult for every question, in form order (one scan for all the answers)."""
    if grouped is None:
        grouped = answer_counts(queryset, questions)
    open_counts = {
        question.key: sum(count for value, count in grouped.get(question.key, []) if value == "*")
        for question in questions
        if question.type in OPEN_TYPES
    }
    if themes is None:
        themes = theme_counts(queryset) if any(question.type in TEXT_TYPES for question in questions) else {}
    results = []
    for question in questions:
        if question.type in SINGLE_TYPES:
            results.append(choice_result(queryset, question, grouped=grouped, limit=limit))
        elif question.type == q.MULTIPLE_CHOICE:
            results.append(multiple_choice_result(queryset, question, grouped=grouped, limit=limit))
        elif question.type in (q.RATING, q.NUMBER):
            results.append(number_result(queryset, question, grouped=grouped, limit=limit))
        elif question.type == q.GRID:
            results.append(grid_result(queryset, question, grouped=grouped, limit=limit))
        elif question.type in OPEN_TYPES:
            theme_rows = themes.get(question.key, []) if question.type in TEXT_TYPES else []
            for row in theme_rows:
                row["suppressed"] = row["count"] < (threshold() if limit is None else limit)
                row["display"] = fewer_than_text() if row["suppressed"] else f"{row['count']:,}"
            results.append(QuestionResult(question=question, kind="text", answered=open_counts.get(question.key, 0), themes=theme_rows))
    return results


def about_you_breakdowns(
    queryset: QuerySet,
    questions: Iterable[q.Question],
    total: int,
    *,
    grouped: dict | None = None,
    limit: int | None = None,
) -> list:
    """Participant breakdowns for each choice-type "About you" question, with "Not answered"."""
    about = [question for question in questions if question.key.startswith("about_") and question.type in SINGLE_TYPES]
    if grouped is None:
        grouped = answer_counts(queryset, about)
    out = []
    for question in about:
        out.append(choice_result(queryset, question, with_not_answered=True, total=total, grouped=grouped, limit=limit).breakdown)
    return out


def dashboard(
    consultation: ConsultationPage,
    questions: list[q.Question],
    filters: Filters | None = None,
    *,
    limit: int | None = None,
) -> dict:
    """Everything the dashboard shows, as plain data (`limit`: see the module's docstring)."""
    accepted = responses_for(consultation, filters)
    about = [question for question in questions if question.key.startswith("about_")]
    own = [question for question in questions if not question.key.startswith("about_")]
    grouped = answer_counts(accepted, questions)  # every question's answers in one scan
    if connection.vendor == "postgresql":  # totals, days and breakdowns in one more scan
        figures = figures_in_one_scan(consultation, filters)
        totals = figures["totals"]
        series = responses_per_day(figures["per_day"])
    else:  # portable: a query each
        figures = dict.fromkeys(FIGURE_FIELDS)
        totals = status_totals(consultation, filters)
        series = responses_per_day(accepted)
    breakdowns = [
        channel_breakdown(accepted, figures["channel"], limit=limit),
        language_breakdown(accepted, figures["language"], limit=limit),
        partner_breakdown(accepted, figures["partner"], limit=limit),
        locality_breakdown(accepted, figures["locality"], limit=limit),
        form_version_breakdown(accepted, figures["form_version"], limit=limit),
    ]
    easy_read = next(cell for cell in breakdowns[-1].cells if cell.key == "easy_read")
    return {
        "easy_read": easy_read,  # "of which Easy Read: N" (a Cell: suppressed as the rest)
        "totals": totals,
        "per_day": series,
        "chart": bar_chart(series),
        "breakdowns": breakdowns,
        "about_breakdowns": about_you_breakdowns(accepted, about, totals["accepted"], grouped=grouped, limit=limit),
        "results": question_results(accepted, own, grouped=grouped, limit=limit),
    }
