"""Population figures: shipped demo figures, shares, the under-represented rule, admin editing."""

import pytest

from reporting import population
from reporting.models import PopulationArea, PopulationFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(db):
    population.load_shipped()
    return PopulationArea.objects.get(slug="northfield-and-eastbrook")


def test_shipped_figures_are_labelled_as_demo_and_cover_every_about_you_question_with_categories(
    shipped,
):
    assert "demo" in shipped.name.lower()
    assert "not official statistics" in shipped.source
    shares = population.population_shares()
    for key, _label, choices in population.category_questions():
        assert set(shares[key]) == {choice for choice, _text in choices}, key
        assert sum(shares[key].values()) == pytest.approx(1.0)
    assert "prefer_not_to_say" not in shares["about_age_band"]
    assert shares["about_sex"]["female"] == pytest.approx(0.51)
    assert shares["postcode_district"]["NF1"] == pytest.approx(52000 / 420000)


def test_loading_twice_changes_nothing_and_keeps_staff_edits(shipped):
    figure = PopulationFigure.objects.get(
        area=shipped, question_key="about_sex", category_key="male"
    )
    figure.people = 1
    figure.save()
    assert population.load_shipped() == 0
    assert PopulationArea.objects.count() == 1
    figure.refresh_from_db()
    assert figure.people == 1


def test_no_figures_means_no_shares(db):
    PopulationArea.objects.all().delete()
    assert population.population_shares() == {}
    assert population.compare({"about_sex": {"female": 10}}, {}) == []


def test_a_group_below_80_percent_of_its_population_share_is_named_under_represented():
    shares = {"about_sex": {"female": 0.5, "male": 0.5}}
    # 100 answered: men 39% (below 0.8 × 50% = 40%) are under; women 61% (not above 62.5%) in line.
    rows = population.compare(
        {"about_sex": {"female": 61, "male": 39, "prefer_not_to_say": 40}}, shares
    )
    by_key = {row.category_key: row for row in rows}
    assert by_key["male"].status == population.UNDER
    assert by_key["male"].category_label == "Male"
    assert by_key["female"].status == population.IN_LINE
    assert by_key["male"].base == 100  # "prefer not to say" is not in the base
    assert by_key["male"].respondent_share == pytest.approx(0.39)
    assert [row.category_key for row in population.under_represented(rows)] == ["male"]
    # exactly at the line (40%) is not under-represented
    rows = population.compare({"about_sex": {"female": 60, "male": 40}}, shares)
    assert population.under_represented(rows) == []


def test_over_represented_above_125_percent():
    shares = {"about_age_band": {"65_74": 0.1, "25_34": 0.9}}
    rows = population.compare({"about_age_band": {"65_74": 13, "25_34": 87}}, shares)
    assert {row.category_key: row.status for row in rows} == {
        "65_74": population.OVER,
        "25_34": population.IN_LINE,
    }


def test_too_few_responses_to_judge_a_small_group():
    shares = {"about_ethnicity": {"white_irish": 0.01, "white_british": 0.99}}
    # 300 answers: 3 Irish people would be expected, fewer than 5 — not judged, even with none.
    rows = population.compare({"about_ethnicity": {"white_british": 300}}, shares)
    irish = next(row for row in rows if row.category_key == "white_irish")
    assert irish.status == population.TOO_FEW
    assert irish.expected == pytest.approx(3.0)
    # 600 answers and none Irish: 6 expected, 0 seen — under-represented.
    rows = population.compare({"about_ethnicity": {"white_british": 600}}, shares)
    assert [row.category_key for row in population.under_represented(rows)] == ["white_irish"]


def test_rows_follow_the_form_order_of_questions_and_categories(shipped):
    rows = population.compare({}, population.population_shares())
    questions = list(dict.fromkeys(row.question_key for row in rows))
    assert questions[:3] == ["about_age_band", "about_sex", "about_gender_identity"]
    assert questions[-1] == "postcode_district"
    ages = [row.category_key for row in rows if row.question_key == "about_age_band"]
    assert ages == ["under_16", "16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus"]
    assert all(row.respondent_share is None and row.status == population.TOO_FEW for row in rows)


def test_a_figure_for_an_unknown_category_is_refused(shipped):
    from django.core.exceptions import ValidationError

    figure = PopulationFigure(
        area=shipped, question_key="about_sex", category_key="martian", people=3
    )
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert "female" in str(caught.value)
    district = PopulationFigure(
        area=shipped, question_key="postcode_district", category_key=" nf12 ", people=3
    )
    district.full_clean()
    assert district.category_key == "NF12"


def test_staff_edit_a_figure_in_the_admin_and_the_shares_change(shipped, client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "pop-admin", "pop@example.org", "pw-for-tests-only"
    )
    client.force_login(admin)
    url = f"/admin/snippets/reporting/populationarea/edit/{shipped.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Northfield and Eastbrook (demo figures)" in page.content.decode()
    figures = list(shipped.figures.order_by("pk"))
    data = {
        "name": shipped.name,
        "slug": shipped.slug,
        "source": shipped.source,
        "is_default": "on",
        "figures-TOTAL_FORMS": str(len(figures)),
        "figures-INITIAL_FORMS": str(len(figures)),
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }
    for index, figure in enumerate(figures):
        people = (
            100
            if (figure.question_key, figure.category_key) == ("about_sex", "male")
            else figure.people
        )
        people = (
            300 if (figure.question_key, figure.category_key) == ("about_sex", "female") else people
        )
        data.update(
            {
                f"figures-{index}-id": str(figure.pk),
                f"figures-{index}-ORDER": str(index),
                f"figures-{index}-DELETE": "",
                f"figures-{index}-question_key": figure.question_key,
                f"figures-{index}-category_key": figure.category_key,
                f"figures-{index}-people": str(people),
            }
        )
    answer = client.post(url, data)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert population.population_shares()["about_sex"] == {"female": 0.75, "male": 0.25}
