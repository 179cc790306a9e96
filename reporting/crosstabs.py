"""Cross-tabulation: any closed question by any other, or by channel, language, partner or area.

`crosstab(queryset, row, column)` counts the responses in `queryset` for every pair of answers
in ONE grouped query: the database reads both answers from the JSON (`->>` on PostgreSQL,
`json_extract` on SQLite) or the response's own column, and groups by the pair, so the work in
Python depends on the number of distinct pairs, never on the number of responses. A multiple
choice answer comes back as its stored list (few distinct lists) and is split here: a person
who ticked two boxes is counted in both columns, but once in the row total.

Suppression is `suppression.suppress_table`, the one rule, with `limit` as everywhere in
reporting: None for anything shared or published (exports, the engagement report), and
`suppression.UNSUPPRESSED` for the true counts on the screen of staff who may analyse the
consultation.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, TextField
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback import questions as q
from feedback.models import Response

from .analysis import NOT_ANSWERED, SINGLE_TYPES, aggregate_cursor, parse_filters, responses_for
from .models import ReportCrossTab
from .suppression import fewer_than_text, suppress_table, threshold

ROW, COLUMN = "row", "column"
PERCENT_OF = [
    (ROW, gettext_lazy("Per cent of the row")),
    (COLUMN, gettext_lazy("Per cent of the column")),
]


@dataclass(frozen=True)
class Dimension:
    """What responses can be grouped by: an answer (or a grid statement) or a response field."""

    key: str  # "support", "priorities.parking" (grid statement), "@channel" (response field)
    label: str
    group: str  # heading of the list it is chosen from
    categories: tuple = ()  # ((key, label), ...) in their own order; others come after
    multiple: bool = False  # one response can be in several categories (multiple choice)
    question_key: str = ""
    statement_key: str = ""
    field: str = ""
    not_given: str = ""  # the label of "no answer"

    def expression(self):
        if self.field:
            return F(self.field)
        if self.statement_key:
            return KeyTextTransform(self.statement_key, KeyTransform(self.question_key, "answers"))
        return KeyTextTransform(self.question_key, "answers")

    def keys_of(self, stored) -> list[str]:
        """The category keys of one stored value (several for a multiple choice answer)."""
        if stored is None or stored == "":
            return [NOT_ANSWERED]
        if self.multiple:
            if isinstance(stored, str):
                try:
                    stored = json.loads(stored)
                except ValueError:
                    stored = [stored]
            chosen = stored if isinstance(stored, list) else [stored]
            return sorted({str(item) for item in chosen}) or [NOT_ANSWERED]
        if isinstance(stored, float) and stored.is_integer():
            stored = int(stored)
        return [str(stored)]


def _choices(question) -> tuple:
    if question.type == q.RATING:
        low, high = question.min_value or 1, question.max_value or q.DEFAULT_RATING_MAX
        return tuple((str(n), str(n)) for n in range(int(low), int(high) + 1))
    return tuple((str(key), str(label)) for key, label in question.choices)


def dimensions(questions) -> list[Dimension]:
    """Everything a cross-tab can be built from, in the order staff choose from."""
    own, about = [], []
    for question in questions:
        target = about if question.key.startswith("about_") else own
        if question.key == q.PUBLICATION_CONSENT_KEY:
            continue
        if (
            question.type in SINGLE_TYPES
            or question.type == q.RATING
            or question.type == q.MULTIPLE_CHOICE
        ):
            target.append(
                Dimension(
                    key=question.key,
                    label=str(question.label),
                    group=str(_("About you") if target is about else _("Questions")),
                    categories=_choices(question),
                    multiple=question.type == q.MULTIPLE_CHOICE,
                    question_key=question.key,
                    not_given=_("Not answered"),
                )
            )
        elif question.type == q.GRID:
            for statement_key, statement in question.statements:
                target.append(
                    Dimension(
                        key=f"{question.key}.{statement_key}",
                        label=f"{question.label}: {statement}",
                        group=str(_("Questions")),
                        categories=_choices(question),
                        question_key=question.key,
                        statement_key=statement_key,
                        not_given=_("Not answered"),
                    )
                )
    response = str(_("How they responded"))
    fields = [
        Dimension(
            "@channel",
            _("Channel"),
            response,
            tuple((k, str(v)) for k, v in Response.Channel.choices),
            field="channel",
        ),
        Dimension(
            "@language",
            _("Language"),
            response,
            tuple((k, str(v)) for k, v in settings.LANGUAGES),
            field="locale__language_code",
        ),
        Dimension(
            "@partner",
            _("Partner"),
            response,
            field="partner__name",
            not_given=_("No partner (our own site or staff)"),
        ),
        Dimension(
            "@form_version",
            _("Form version"),
            response,
            tuple((k, str(v)) for k, v in Response._meta.get_field("form_version").choices),
            field="form_version",
        ),
        Dimension(
            "@locality",
            _("Locality (postcode district)"),
            response,
            field="postcode_district",
            not_given=_("Not given"),
        ),
    ]
    return own + about + fields


def find(dimensions_list, key) -> Dimension | None:
    return next((dimension for dimension in dimensions_list if dimension.key == key), None)


# --- Filters by answer --------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerFilter:
    dimension: Dimension
    value: str

    @property
    def label(self):
        names = dict(self.dimension.categories)
        value = (
            self.dimension.not_given
            if self.value == NOT_ANSWERED
            else names.get(self.value, self.value)
        )
        return f"{self.dimension.label}: {value}"

    @property
    def param(self):
        return f"{self.dimension.key}={self.value}"


def parse_answer_filters(values, dimensions_list) -> list[AnswerFilter]:
    """`where` parameters ("support=agree", "@channel=paper"); unknown ones are left out."""
    out = []
    for raw in values:
        key, _sep, value = str(raw).partition("=")
        dimension = find(dimensions_list, key)
        if dimension is not None and value:
            out.append(AnswerFilter(dimension, value[:60]))
    return out


def apply_answer_filters(queryset, answer_filters):
    for index, answer in enumerate(answer_filters):
        name = f"_where{index}"
        expression = answer.dimension.expression()
        if not answer.dimension.field:  # compared as text, not with JSON's own equality
            expression = Cast(expression, output_field=TextField())
        queryset = queryset.annotate(**{name: expression})
        if answer.value == NOT_ANSWERED:
            queryset = queryset.filter(Q(**{f"{name}__isnull": True}) | Q(**{name: ""}))
        elif answer.dimension.multiple:
            queryset = queryset.filter(**{f"{name}__contains": json.dumps(answer.value)})
        else:
            queryset = queryset.filter(**{name: answer.value})
    return queryset


# --- The table ----------------------------------------------------------------------------------


@dataclass
class Cell:
    count: int
    suppressed: bool
    percent: float | None

    @property
    def display(self):
        return fewer_than_text() if self.suppressed else f"{self.count:,}"

    @property
    def display_percent(self):
        return "" if self.suppressed or self.percent is None else f"{self.percent:.0f}%"


@dataclass
class Line:
    key: str
    label: str
    cells: list  # [Cell], one per column
    total: Cell


@dataclass
class CrossTab:
    row: Dimension
    column: Dimension
    columns: list  # [(key, label)]
    lines: list  # [Line]
    column_totals: list  # [Cell]
    total: Cell
    percent_of: str = ROW
    limit: int = 0
    filters: list = field(default_factory=list)

    @property
    def any_suppressed(self):
        return self.total.suppressed or any(
            cell.suppressed for line in self.lines for cell in [*line.cells, line.total]
        )

    @property
    def title(self):
        return _("%(row)s by %(column)s") % {"row": self.row.label, "column": self.column.label}

    def chart(self):
        """For each row, one bar per column: its percentage (suppressed cells draw no bar)."""
        out = []
        for line in self.lines:
            bars = []
            for (key, label), cell in zip(self.columns, line.cells, strict=True):
                share = (
                    None
                    if cell.suppressed or line.total.suppressed or not line.total.count
                    else cell.count / line.total.count
                )
                bars.append(
                    {
                        "key": key,
                        "label": label,
                        "share": share,
                        "width": round(100 * share, 1) if share else 0,
                        "cell": cell,
                    }
                )
            out.append({"label": line.label, "total": line.total, "bars": bars})
        return out

    @property
    def chart_summary(self):
        """The chart in words: for each row, the answer given most (of those shown)."""
        parts = []
        for group in self.chart():
            shown = [bar for bar in group["bars"] if bar["share"] is not None]
            if not shown:
                parts.append(_("%(row)s: figures hidden") % {"row": group["label"]})
                continue
            top = max(shown, key=lambda bar: bar["share"])
            parts.append(
                _("%(row)s: most often %(answer)s (%(percent)s%%)")
                % {
                    "row": group["label"],
                    "answer": top["label"],
                    "percent": f"{100 * top['share']:.0f}",
                }
            )
        return _("Bar chart of %(title)s.") % {"title": self.title} + " " + "; ".join(parts) + "."

    def as_rows(self):
        """The table as plain rows for CSV and XLSX: a heading row, one per line, the totals."""
        of_row = self.percent_of == ROW
        heading = [self.row.label]
        for _key, label in self.columns:
            heading += [label, _("%(label)s (per cent)") % {"label": label}]
        heading.append(_("Total"))
        rows = [heading]
        for line in self.lines:
            row = [line.label]
            for cell in line.cells:
                row += [cell.display, cell.display_percent]
            rows.append([*row, line.total.display])
        totals = [_("Total")]
        for cell in self.column_totals:
            totals += [cell.display, "" if of_row else cell.display_percent]
        rows.append([*totals, self.total.display])
        return rows


def _ordered(dimension, present):
    """(key, label) of the categories: its own first, then values found in the data, then none."""
    labels = dict(dimension.categories)
    keys = list(labels)
    extra = sorted(
        (key for key in present if key not in labels and key != NOT_ANSWERED),
        key=lambda key: (-present[key], key),
    )
    keys += extra
    if present.get(NOT_ANSWERED):
        keys.append(NOT_ANSWERED)
    return [
        (key, dimension.not_given if key == NOT_ANSWERED else labels.get(key, key)) for key in keys
    ]


def pair_counts(queryset, row: Dimension, column: Dimension) -> list[tuple]:
    """[(stored row value, stored column value, responses)]: one GROUP BY query."""
    grouped = (
        queryset.order_by()
        .annotate(_row=row.expression(), _column=column.expression())
        .values_list("_row", "_column")
        .annotate(n=Count("pk"))
    )
    sql, params = grouped.query.sql_with_params()
    with aggregate_cursor(queryset.db) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def crosstab(
    queryset, row: Dimension, column: Dimension, *, limit=None, percent_of=ROW, pairs=None
) -> CrossTab:
    """The cross-tabulation of `queryset` (responses, already filtered) by `row` and `column`."""
    limit = threshold() if limit is None else limit
    counts, row_people, column_people, total = {}, {}, {}, 0
    for stored_row, stored_column, n in (
        pair_counts(queryset, row, column) if pairs is None else pairs
    ):
        row_keys, column_keys = row.keys_of(stored_row), column.keys_of(stored_column)
        total += n
        for row_key in row_keys:
            row_people[row_key] = row_people.get(row_key, 0) + n
            for column_key in column_keys:
                counts[(row_key, column_key)] = counts.get((row_key, column_key), 0) + n
        for column_key in column_keys:
            column_people[column_key] = column_people.get(column_key, 0) + n
    rows, columns = _ordered(row, row_people), _ordered(column, column_people)
    matrix = [[counts.get((r, c), 0) for c, _label in columns] for r, _label in rows]
    row_totals = [row_people.get(r, 0) for r, _label in rows]
    column_totals = [column_people.get(c, 0) for c, _label in columns]
    hidden = suppress_table(
        matrix,
        row_totals=row_totals,
        column_totals=column_totals,
        total=total,
        limit=limit,
        rows_add_up=not row.multiple,
        columns_add_up=not column.multiple,
    )

    def percent(count, base):
        return 100.0 * count / base if base else None

    lines = []
    for r, (key, label) in enumerate(rows):
        cells = []
        for c in range(len(columns)):
            base = row_totals[r] if percent_of == ROW else column_totals[c]
            if (
                hidden.row_totals[r] if percent_of == ROW else hidden.column_totals[c]
            ) or hidden.total:
                base = 0  # a percentage of a hidden total would give the total away
            cells.append(Cell(matrix[r][c], hidden.cells[r][c], percent(matrix[r][c], base)))
        lines.append(
            Line(
                key,
                label,
                cells,
                Cell(
                    row_totals[r],
                    hidden.row_totals[r] or hidden.total,
                    percent(row_totals[r], total),
                ),
            )
        )
    totals = [
        Cell(count, hidden.column_totals[c] or hidden.total, percent(count, total))
        for c, count in enumerate(column_totals)
    ]
    return CrossTab(
        row=row,
        column=column,
        columns=columns,
        lines=lines,
        column_totals=totals,
        total=Cell(total, hidden.total, None),
        percent_of=percent_of if percent_of in (ROW, COLUMN) else ROW,
        limit=limit,
    )


# --- In the engagement report -------------------------------------------------------------------

REPORT_PARAMETERS = ("row", "column", "percent", "where", "date_from", "date_to", "theme")


def report_query(data) -> str:
    """The part of a cross-tab page's query string that says which table it is."""
    query = QueryDict(mutable=True)
    for name in REPORT_PARAMETERS:
        values = [value for value in data.getlist(name) if value]
        if values:
            query.setlist(name, values)
    return query.urlencode()[:500]


def table_for_query(consultation, questions, query, *, limit=None) -> CrossTab | None:
    """Recompute a saved cross-tab (None when its questions are gone or are the same)."""
    data = QueryDict(query)
    found = dimensions(questions)
    row, column = find(found, data.get("row", "")), find(found, data.get("column", ""))
    if row is None or column is None or row == column:
        return None
    where = parse_answer_filters(data.getlist("where"), found)
    queryset = apply_answer_filters(responses_for(consultation, parse_filters(data)), where)
    table = crosstab(queryset, row, column, limit=limit, percent_of=data.get("percent", ROW))
    table.filters = where
    return table


def report_tables(consultation, questions) -> list[CrossTab]:
    """The cross-tabs chosen for the engagement report, suppressed as published figures are."""
    saved = ReportCrossTab.objects.filter(consultation=consultation)
    tables = [table_for_query(consultation, questions, item.query) for item in saved]
    return [table for table in tables if table is not None]
