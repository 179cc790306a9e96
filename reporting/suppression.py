"""Small-number suppression for breakdowns: a pure function, no database.

A breakdown is a list of (key, label, count) rows plus their total. A count below the threshold
(`settings.SMALL_NUMBER_THRESHOLD`, default 5) is shown as "fewer than 5" (primary suppression).
Then, so that no suppressed value can be worked back out from the total and the others, when
exactly one cell is suppressed the next smallest cell is suppressed too (secondary suppression).
When the total itself is below the threshold, every cell and the total are suppressed.
Percentages are never shown for suppressed cells.

This is the one rule for every figure that is published or exported for publication (the
engagement report, the "You said, we did" page) and for partners. Staff who may analyse a
consultation see the true counts on its dashboard: they pass `limit=UNSUPPRESSED`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext

UNSUPPRESSED = 0  # the limit under which nothing is hidden: the analyst's own dashboard


def threshold():
    return int(getattr(settings, "SMALL_NUMBER_THRESHOLD", 5))


@dataclass
class Cell:
    key: str
    label: str
    count: int
    suppressed: bool = False
    secondary: bool = False
    percent: float | None = None

    @property
    def display(self):
        if self.suppressed:
            return fewer_than_text()
        return f"{self.count:,}"

    @property
    def display_percent(self):
        if self.suppressed or self.percent is None:
            return ""
        return f"{self.percent:.0f}%"


@dataclass
class Breakdown:
    cells: list
    total: int
    total_suppressed: bool = False
    # Optional: what the rows are, for headings and captions.
    title: str = ""
    key: str = ""

    @property
    def display_total(self):
        return fewer_than_text() if self.total_suppressed else f"{self.total:,}"

    @property
    def any_suppressed(self):
        return self.total_suppressed or any(cell.suppressed for cell in self.cells)


def fewer_than_text(limit=None):
    return gettext("fewer than %(n)s") % {"n": limit or threshold()}


def suppress_counts(counts, limit=None, total=None):
    """Which of `counts` (a list of ints) must be hidden: returns a list of booleans.

    Pure and unit-tested. `total` defaults to the sum; pass it when the table shows a total that
    is not the sum of its cells (for example "respondents" under a multiple-choice question,
    where one person can tick several boxes): then the sum does not reveal a cell, but a total
    below the threshold still hides everything.
    """
    limit = threshold() if limit is None else limit
    if limit <= 0 or not counts:
        return [False] * len(counts)
    shown_total = sum(counts) if total is None else total
    if shown_total < limit:
        return [True] * len(counts)
    hidden = [count < limit for count in counts]
    if hidden.count(True) == 1 and len(counts) > 1:
        # One hidden cell = total − the rest: hide the next smallest as well.
        candidates = sorted((count, index) for index, count in enumerate(counts) if not hidden[index])
        hidden[candidates[0][1]] = True
    return hidden


def suppress(rows, total=None, limit=None, *, additive=True):
    """Turn [(key, label, count)] into a Breakdown with suppression and percentages applied.

    `additive` says the cells add up to the total (single-choice breakdowns): then secondary
    suppression protects against subtraction. For multiple choice set it False and pass the
    number of people who answered as `total`.
    """
    limit = threshold() if limit is None else limit
    counts = [count for _key, _label, count in rows]
    base = sum(counts) if total is None else total
    hidden = suppress_counts(counts, limit, total=None if additive else base)
    if not additive and base >= limit:
        hidden = [count < limit for count in counts]
    cells = []
    for (key, label, count), is_hidden in zip(rows, hidden, strict=True):
        cell = Cell(key=key, label=label, count=count, suppressed=is_hidden, secondary=is_hidden and count >= limit)
        if not is_hidden and base:
            cell.percent = 100.0 * count / base
        cells.append(cell)
    return Breakdown(cells=cells, total=base, total_suppressed=base < limit)


@dataclass
class TableSuppression:
    """Which parts of a two-way table are hidden: cells [row][column], the margins and the total."""

    cells: list
    row_totals: list
    column_totals: list
    total: bool


def suppress_table(
    counts: list[list[int]],
    *,
    row_totals: list[int] | None = None,
    column_totals: list[int] | None = None,
    total: int | None = None,
    limit: int | None = None,
    rows_add_up: bool = True,
    columns_add_up: bool = True,
) -> TableSuppression:
    """The same rule as `suppress_counts`, for a cross-tabulation with row and column totals.

    Primary: a cell below the threshold is hidden; a row or column whose total is below it is
    hidden whole, total and cells; a table whose total is below it is hidden entirely.
    Secondary: every line that adds up — a row's cells and its total, a column's cells and its
    total, the row totals and the grand total, the column totals and the grand total — must hide
    none or at least two of its figures above zero, or the one hidden would be its total minus
    the rest (hidden zeros do not count: counts are never negative, so hidden figures that add
    up to 0 are all 0). So while a line hides exactly one, its next smallest shown figure is
    hidden too, until no line does. `columns_add_up=False` when one person can be in several
    columns (multiple choice): then a row's cells do not add up to its total and that line
    reveals nothing (likewise rows); pass the row totals (people) and the `total` then.
    """
    limit = threshold() if limit is None else limit
    height = len(counts)
    width = len(counts[0]) if counts else 0
    if row_totals is None:
        row_totals = [sum(row) for row in counts]
    if column_totals is None:
        column_totals = [sum(counts[r][c] for r in range(height)) for c in range(width)]
    if total is None:
        total = sum(row_totals) if rows_add_up else sum(column_totals)
    cells = [[False] * width for _ in range(height)]
    hidden_rows, hidden_columns = [False] * height, [False] * width
    if limit <= 0:
        return TableSuppression(cells, hidden_rows, hidden_columns, False)
    if total < limit:
        everything = [[True] * width for _ in range(height)]
        return TableSuppression(everything, [True] * height, [True] * width, True)
    for r in range(height):
        hidden_rows[r] = row_totals[r] < limit
        for c in range(width):
            cells[r][c] = counts[r][c] < limit or hidden_rows[r]
    for c in range(width):
        if column_totals[c] < limit:
            hidden_columns[c] = True
            for r in range(height):
                cells[r][c] = True

    # Each line: [(value, getter, setter)] for its parts; the total last.
    def cell(r, c):
        return (counts[r][c], lambda: cells[r][c], lambda: cells[r].__setitem__(c, True))

    def row_total(r):
        return (row_totals[r], lambda: hidden_rows[r], lambda: hidden_rows.__setitem__(r, True))

    def column_total(c):
        return (
            column_totals[c],
            lambda: hidden_columns[c],
            lambda: hidden_columns.__setitem__(c, True),
        )

    grand = (total, lambda: False, lambda: None)  # shown: it is not below the limit
    lines = []
    if columns_add_up:
        lines += [[cell(r, c) for c in range(width)] + [row_total(r)] for r in range(height)]
        lines.append([column_total(c) for c in range(width)] + [grand])
    if rows_add_up:
        lines += [[cell(r, c) for r in range(height)] + [column_total(c)] for c in range(width)]
        lines.append([row_total(r) for r in range(height)] + [grand])
    changed = True
    while changed:
        changed = False
        for line in lines:
            # A hidden zero protects nothing: when the hidden figures of a line add up to 0,
            # every one of them is 0. So only hidden figures above zero are counted.
            hidden = [is_hidden() and value > 0 for value, is_hidden, _hide in line]
            if hidden.count(True) != 1:
                continue
            parts, line_total = line[:-1], line[-1]
            shown = [
                (value, index)
                for index, (value, is_hidden, _hide) in enumerate(parts)
                if not is_hidden() and value > 0
            ]
            if shown:
                parts[min(shown)[1]][2]()
            else:  # only the line's total is shown beside hidden parts: it shows only their sum
                line_total[2]()
            changed = True
    return TableSuppression(cells, hidden_rows, hidden_columns, False)
