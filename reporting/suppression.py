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
