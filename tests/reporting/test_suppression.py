from reporting.suppression import suppress, suppress_counts


def test_cells_below_threshold_are_hidden():
    assert suppress_counts([10, 3, 2, 20], limit=5) == [False, True, True, False]


def test_single_hidden_cell_hides_the_next_smallest_too():
    # 3 alone could be worked out as 40 - 12 - 25; so 12 (next smallest) goes too.
    assert suppress_counts([12, 3, 25], limit=5) == [True, True, False]


def test_no_secondary_suppression_when_two_cells_already_hidden():
    assert suppress_counts([1, 2, 30, 40], limit=5) == [True, True, False, False]


def test_total_below_threshold_hides_everything():
    assert suppress_counts([2, 1], limit=5) == [True, True]


def test_zero_is_below_threshold_too():
    assert suppress_counts([0, 30, 40], limit=5) == [True, True, False]


def test_nothing_hidden_when_every_cell_is_large():
    assert suppress_counts([5, 6, 70], limit=5) == [False, False, False]


def test_suppressed_value_cannot_be_worked_back_from_the_total():
    rows = [("a", "A", 30), ("b", "B", 4), ("c", "C", 9), ("d", "D", 50)]
    breakdown = suppress(rows, limit=5)
    shown = {cell.key: cell for cell in breakdown.cells}
    hidden = [cell for cell in breakdown.cells if cell.suppressed]
    assert len(hidden) >= 2
    assert shown["b"].display == "fewer than 5"
    assert shown["b"].display_percent == ""
    # What a reader can compute (total minus the shown cells) covers at least two unknown cells.
    visible_sum = sum(cell.count for cell in breakdown.cells if not cell.suppressed)
    assert breakdown.total - visible_sum == 4 + 9


def test_threshold_comes_from_settings(settings):
    settings.SMALL_NUMBER_THRESHOLD = 10
    breakdown = suppress([("a", "A", 8), ("b", "B", 40), ("c", "C", 50)])
    assert breakdown.cells[0].display == "fewer than 10"


def test_multiple_choice_is_not_additive_so_no_secondary_suppression():
    breakdown = suppress([("a", "A", 3), ("b", "B", 40)], total=41, additive=False, limit=5)
    assert [cell.suppressed for cell in breakdown.cells] == [True, False]
    assert breakdown.cells[1].display_percent == "98%"
