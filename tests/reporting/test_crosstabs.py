"""Cross-tabulation: counts, percentages, filters and suppression (the plain functions)."""

import pytest

from reporting import analysis, crosstabs
from reporting.suppression import UNSUPPRESSED

from .conftest import make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def dims(questions):
    return crosstabs.dimensions(questions)


def _table(tab):
    return {
        line.key: {
            key: cell.count for (key, _label), cell in zip(tab.columns, line.cells, strict=True)
        }
        for line in tab.lines
    }


def seed(consultation, rows):
    """rows: [(count, answers, fields)]"""
    for count, answers, fields in rows:
        for _ in range(count):
            make_response(consultation, answers, **fields)


def test_dimensions_offer_closed_questions_about_you_and_response_fields(dims):
    keys = [dimension.key for dimension in dims]
    assert "support" in keys and "use_service" in keys and "travel" in keys and "rating" in keys
    assert "priorities.parking" in keys  # a grid statement
    assert "about_age_band" in keys and "about_ethnicity" in keys
    assert keys[-5:] == ["@channel", "@language", "@partner", "@form_version", "@locality"]
    assert "reasons" not in keys  # free text is not cross-tabulated
    assert "publication_consent" not in keys
    assert crosstabs.find(dims, "travel").multiple


def test_counts_and_row_percentages_of_two_questions(consultation, dims):
    seed(
        consultation,
        [
            (6, {"support": "agree", "use_service": "yes"}, {}),
            (2, {"support": "agree", "use_service": "no"}, {}),
            (3, {"support": "disagree", "use_service": "no"}, {}),
            (1, {"use_service": "yes"}, {}),
        ],
    )
    tab = crosstabs.crosstab(
        analysis.responses_for(consultation),
        crosstabs.find(dims, "support"),
        crosstabs.find(dims, "use_service"),
        limit=UNSUPPRESSED,
    )
    table = _table(tab)
    assert table["agree"] == {"yes": 6, "no": 2}
    assert table["disagree"] == {"yes": 0, "no": 3}
    assert table[analysis.NOT_ANSWERED] == {"yes": 1, "no": 0}
    agree = next(line for line in tab.lines if line.key == "agree")
    assert agree.label == "Agree"
    assert [cell.display_percent for cell in agree.cells] == ["75%", "25%"]
    assert agree.total.count == 8
    assert tab.total.count == 12
    assert [cell.count for cell in tab.column_totals] == [7, 5]
    assert tab.lines[-1].label == "Not answered"


def test_column_percentages(consultation, dims):
    seed(
        consultation,
        [
            (6, {"support": "agree", "use_service": "yes"}, {}),
            (2, {"support": "disagree", "use_service": "yes"}, {}),
        ],
    )
    tab = crosstabs.crosstab(
        analysis.responses_for(consultation),
        crosstabs.find(dims, "support"),
        crosstabs.find(dims, "use_service"),
        limit=UNSUPPRESSED,
        percent_of=crosstabs.COLUMN,
    )
    agree = next(line for line in tab.lines if line.key == "agree")
    assert agree.cells[0].display_percent == "75%"


def test_multiple_choice_counts_a_person_in_each_box_but_once_in_the_total(consultation, dims):
    seed(
        consultation,
        [
            (2, {"travel": ["car", "bus"]}, {"channel": "paper"}),
            (3, {"travel": ["bus"]}, {"channel": "online"}),
        ],
    )
    tab = crosstabs.crosstab(
        analysis.responses_for(consultation),
        crosstabs.find(dims, "@channel"),
        crosstabs.find(dims, "travel"),
        limit=UNSUPPRESSED,
    )
    table = _table(tab)
    assert table["paper"]["car"] == 2 and table["paper"]["bus"] == 2
    assert table["online"]["bus"] == 3
    paper = next(line for line in tab.lines if line.key == "paper")
    assert paper.total.count == 2
    assert tab.total.count == 5


def test_by_language_partner_and_locality(consultation, dims):
    seed(
        consultation,
        [
            (2, {"support": "agree"}, {"locale": "cy", "postcode_district": "NF1"}),
            (1, {"support": "agree"}, {}),
        ],
    )
    tab = crosstabs.crosstab(
        analysis.responses_for(consultation),
        crosstabs.find(dims, "@language"),
        crosstabs.find(dims, "@locality"),
        limit=UNSUPPRESSED,
    )
    table = _table(tab)
    assert table["cy"]["NF1"] == 2
    assert table["en"][analysis.NOT_ANSWERED] == 1
    assert next(line for line in tab.lines if line.key == "cy").label == "Cymraeg"


def test_filters_by_any_answer(consultation, dims):
    seed(
        consultation,
        [
            (4, {"support": "agree", "use_service": "yes", "travel": ["bus"]}, {}),
            (2, {"support": "agree", "use_service": "no", "travel": ["car"]}, {"channel": "paper"}),
        ],
    )
    filters = crosstabs.parse_answer_filters(["use_service=yes", "nonsense=1", "support="], dims)
    assert [f.param for f in filters] == ["use_service=yes"]
    queryset = crosstabs.apply_answer_filters(analysis.responses_for(consultation), filters)
    assert queryset.count() == 4
    for where, expected in (
        (["travel=car"], 2),
        (["@channel=paper"], 2),
        ([f"about_sex={analysis.NOT_ANSWERED}"], 6),
    ):
        queryset = crosstabs.apply_answer_filters(
            analysis.responses_for(consultation), crosstabs.parse_answer_filters(where, dims)
        )
        assert queryset.count() == expected, where


def test_published_figures_suppress_small_cells_and_what_would_give_them_away(consultation, dims):
    seed(
        consultation,
        [
            (3, {"support": "agree", "use_service": "yes"}, {}),
            (10, {"support": "agree", "use_service": "no"}, {}),
            (20, {"support": "disagree", "use_service": "yes"}, {}),
            (30, {"support": "disagree", "use_service": "no"}, {}),
        ],
    )
    tab = crosstabs.crosstab(
        analysis.responses_for(consultation),
        crosstabs.find(dims, "support"),
        crosstabs.find(dims, "use_service"),
    )
    agree = next(line for line in tab.lines if line.key == "agree")
    disagree = next(line for line in tab.lines if line.key == "disagree")
    assert agree.cells[0].display == "fewer than 5"
    assert agree.cells[1].suppressed  # secondary: 3 = 13 − 10 along the row
    assert disagree.cells[0].suppressed  # secondary: 3 = 23 − 20 down the column
    assert agree.cells[0].display_percent == ""
    assert tab.any_suppressed
    rows = tab.as_rows()
    flat = [str(value) for row in rows for value in row]
    assert "3" not in flat and "10" not in flat and "20" not in flat
