"""Reach: respondents' "About you" answers and districts counted in the database, compared with
the local population (on SQLite by JSON expansion, on PostgreSQL in one GROUPING SETS scan)."""

import pytest

from reporting import analysis, population, reach

from .conftest import make_response

pytestmark = pytest.mark.django_db


def test_respondent_counts_read_every_about_you_answer_and_the_district(consultation):
    for _ in range(3):
        make_response(
            consultation,
            {"about_age_band": "75_plus", "about_sex": "female"},
            postcode_district="NF1",
        )
    make_response(
        consultation,
        {"about_age_band": "16_24", "about_ethnicity": "white_irish", "support": "agree"},
    )
    make_response(consultation, {"about_sex": "prefer_not_to_say"}, postcode_district="NF2")
    counts = reach.respondent_counts(analysis.responses_for(consultation))
    assert counts["about_age_band"] == {"75_plus": 3, "16_24": 1}
    assert counts["about_sex"] == {"female": 3, "prefer_not_to_say": 1}
    assert counts["about_ethnicity"] == {"white_irish": 1}
    assert counts["postcode_district"] == {"NF1": 3, "NF2": 1}
    assert "support" not in counts


def test_reach_names_groups_and_hides_small_counts_when_asked(consultation):
    population.load_shipped()
    for _ in range(40):
        make_response(consultation, {"about_age_band": "75_plus", "about_sex": "female"})
    for _ in range(2):
        make_response(consultation, {"about_age_band": "65_74", "about_sex": "male"})
    result = reach.reach(analysis.responses_for(consultation), limit=0)
    named = {(row.question_key, row.category_key) for row in result.under}
    assert ("about_sex", "male") in named and ("about_age_band", "45_54") in named
    assert ("about_age_band", "75_plus") not in named
    male = next(row for row in result.under if row.category_key == "male")
    assert male.display == "2"
    published = reach.reach(analysis.responses_for(consultation))
    male = next(row for row in published.under if row.category_key == "male")
    assert male.display == "fewer than 5" and male.display_share == ""


def test_reach_without_population_figures_says_so(consultation):
    from reporting.models import PopulationArea

    PopulationArea.objects.all().delete()
    result = reach.reach(analysis.responses_for(consultation))
    assert result.area is None and result.under == []


def test_the_dashboard_reach_uses_the_figures_it_has_read_and_matches(consultation, questions):
    for _ in range(4):
        make_response(
            consultation,
            {"about_age_band": "75_plus", "about_sex": "female"},
            postcode_district="NF1",
        )
    make_response(consultation, {"about_age_band": "16_24", "about_sex": "prefer_not_to_say"})
    data = analysis.dashboard(consultation, questions, limit=0)
    from_dashboard = reach.counts_from_dashboard(data)
    scanned = reach.respondent_counts(analysis.responses_for(consultation))
    for key in ("about_age_band", "about_sex", "postcode_district"):
        assert from_dashboard[key] == scanned[key], key
