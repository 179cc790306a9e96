"""Two-way suppression (cross-tabulations): primary and secondary, checked by an attacker."""

import random

import pytest

from reporting.suppression import suppress_table


def recoverable(counts, hidden, *, rows_add_up=True, columns_add_up=True):
    """Hidden cells an attacker works out from what is shown, solving any line with one unknown.

    Lines: each row's cells = its total, each column's cells = its total, the row totals = the
    grand total, the column totals = the grand total (only where they add up). Zeros are known
    from the start: hidden figures adding up to 0 are all 0.
    """
    height, width = len(counts), len(counts[0])
    row_totals = [sum(row) for row in counts]
    column_totals = [sum(counts[r][c] for r in range(height)) for c in range(width)]
    known = {}
    for r in range(height):
        for c in range(width):
            # Counts are never negative: the attacker may know every zero (hidden or not).
            if not hidden.cells[r][c] or counts[r][c] == 0:
                known[("cell", r, c)] = counts[r][c]
        if not hidden.row_totals[r] or row_totals[r] == 0:
            known[("row", r)] = row_totals[r]
    for c in range(width):
        if not hidden.column_totals[c] or column_totals[c] == 0:
            known[("column", c)] = column_totals[c]
    if not hidden.total:
        known["total"] = sum(row_totals)
    lines = []
    if columns_add_up:
        lines += [([("cell", r, c) for c in range(width)], ("row", r)) for r in range(height)]
        lines.append(([("column", c) for c in range(width)], "total"))
    if rows_add_up:
        lines += [([("cell", r, c) for r in range(height)], ("column", c)) for c in range(width)]
        lines.append(([("row", r) for r in range(height)], "total"))
    found = set()
    progress = True
    while progress:
        progress = False
        for parts, total in lines:
            unknown = [part for part in [*parts, total] if part not in known]
            if len(unknown) != 1:
                continue
            (missing,) = unknown
            if missing == total:
                known[total] = sum(known[part] for part in parts)
            else:
                known[missing] = known[total] - sum(
                    known[part] for part in parts if part != missing
                )
            found.add(missing)
            progress = True
    return {part for part in found if part[0] == "cell"}


def test_cells_below_the_threshold_are_hidden_and_others_shown():
    counts = [[40, 50, 60], [30, 20, 45]]
    hidden = suppress_table(counts, limit=5)
    assert hidden.cells == [[False] * 3, [False] * 3]
    hidden = suppress_table([[40, 2, 60], [30, 3, 45]], limit=5)
    assert [row[1] for row in hidden.cells] == [True, True]


def test_secondary_suppression_across_columns_too_not_only_along_rows():
    # Hiding 3 and then 10 in the first row (the one-way rule, row by row) leaves 3 = 23 − 20 in
    # the first column: the two-way rule must hide something in that column as well.
    counts = [[3, 10, 12], [20, 30, 40], [25, 35, 45]]
    hidden = suppress_table(counts, limit=5)
    assert hidden.cells[0][0] and hidden.cells[0][1]
    assert sum(hidden.cells[r][0] for r in range(3)) >= 2
    assert sum(hidden.cells[r][1] for r in range(3)) >= 2
    assert recoverable(counts, hidden) == set()
    # Sanity of the attacker: the one-way rule alone is broken by it.
    from reporting.suppression import suppress_counts

    class OneWay:
        cells = [suppress_counts(row, 5) for row in counts]
        row_totals = [False] * 3
        column_totals = [False] * 3
        total = False

    assert ("cell", 0, 0) in recoverable(counts, OneWay)


def test_a_small_row_total_hides_the_row_and_another_row_total():
    counts = [[1, 2, 1], [30, 40, 50], [20, 25, 35]]
    hidden = suppress_table(counts, limit=5)
    assert hidden.row_totals[0] and hidden.cells[0] == [True, True, True]
    assert sum(hidden.row_totals) >= 2  # else 4 = grand total − the other row totals
    assert recoverable(counts, hidden) == set()


def test_a_table_with_a_total_below_the_threshold_is_hidden_entirely():
    hidden = suppress_table([[1, 1], [1, 0]], limit=5)
    assert hidden.total and all(all(row) for row in hidden.cells)


def test_unsuppressed_limit_hides_nothing():
    hidden = suppress_table([[1, 0], [2, 30]], limit=0)
    assert not any(any(row) for row in hidden.cells) and not hidden.total


def test_multiple_choice_columns_do_not_add_up_so_rows_need_no_secondary_cell():
    # One person can tick several columns: a row's cells do not add up to its total.
    counts = [[3, 40, 30], [20, 30, 25]]
    hidden = suppress_table(counts, row_totals=[50, 45], limit=5, columns_add_up=False)
    assert hidden.cells[0] == [True, False, False]  # no second cell in the row...
    assert hidden.cells[1][0]  # ...but the column (which adds up over single-answer rows) needs one
    assert recoverable(counts, hidden, columns_add_up=False) == set()


@pytest.mark.parametrize("seed", range(200))
def test_no_hidden_cell_can_be_recovered_from_random_tables(seed):
    rng = random.Random(seed)
    height, width = rng.randint(2, 6), rng.randint(2, 6)
    counts = [
        [rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 40, 90]) for _ in range(width)]
        for _ in range(height)
    ]
    hidden = suppress_table(counts, limit=5)
    assert recoverable(counts, hidden) == set()
    for r in range(height):
        for c in range(width):
            if counts[r][c] < 5:
                assert hidden.cells[r][c]


def test_hidden_zeros_do_not_protect_a_small_cell():
    # Column "yes": 3 and zeros hidden; the zeros add up to nothing, so 3 = 23 − 20 unless 20 goes.
    counts = [[0, 0], [3, 10], [0, 0], [20, 30]]
    hidden = suppress_table(counts, limit=5)
    assert hidden.cells[3][0]
    assert recoverable(counts, hidden) == set()
