"""The local population by "About you" category, and how a set of respondents compares with it.

Figures live in PopulationArea / PopulationFigure (editable in the admin under Snippets →
Population figures); the site ships demo figures for the demo area in
reporting/data/population_demo.json, loaded by a migration and by `load_shipped()`.

The API other apps use (plain functions, plain data):

- ``population_shares(area=None)`` → ``{question_key: {category_key: share}}``, each question's
  shares adding up to 1 (the default area when `area` is None; ``{}`` when there are no figures);
- ``compare(counts, shares)`` → ``[Row]``, one per category with a population figure, saying
  whether that group is under-represented among the respondents.

The rule for "under-represented" (``compare``): among the respondents who chose one of a
question's categories (so "Prefer not to say", no answer, and places outside the area are left
out of the base), a group is **under-represented** when its share of respondents is below
``UNDER_RATIO`` (80%) of its share of the population, and **over-represented** when it is above
its population share divided by that ratio (125%). A group is judged only when, had the
respondents matched the population, at least ``MIN_EXPECTED`` (5) of them would be in it;
otherwise there are too few responses to judge it, and the row says so.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from feedback.about_you import ABOUT_YOU

from .models import PopulationArea, PopulationFigure
from .population_categories import LOCALITY_KEY, LOCALITY_LABEL, category_questions

SHIPPED = Path(__file__).resolve().parent / "data" / "population_demo.json"
UNDER_RATIO = 0.8
MIN_EXPECTED = 5

UNDER, OVER, IN_LINE, TOO_FEW = "under", "over", "in_line", "too_few"


# --- The figures --------------------------------------------------------------------------------


def shipped_areas(path: Path = SHIPPED) -> list[dict]:
    """The areas of a shipped figures file, as dicts (slug, name, source, is_default, figures)."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["areas"]


def load_shipped(
    path: Path = SHIPPED, *, area_model=PopulationArea, figure_model=PopulationFigure
) -> int:
    """Create each shipped area that is not there yet; an area staff already have is left alone.

    Idempotent. The models can be passed in, so a data migration can use its historical models.
    Returns the number of areas created.
    """
    created = 0
    with transaction.atomic():
        for spec in shipped_areas(path):
            if area_model.objects.filter(slug=spec["slug"]).exists():
                continue
            area = area_model.objects.create(
                slug=spec["slug"],
                name=spec["name"],
                source=spec.get("source", ""),
                is_default=spec.get("is_default", False),
            )
            figure_model.objects.bulk_create(
                figure_model(area=area, question_key=question, category_key=category, people=people)
                for question, categories in spec["figures"].items()
                for category, people in categories.items()
            )
            created += 1
    return created


def default_area() -> PopulationArea | None:
    return PopulationArea.objects.order_by("-is_default", "pk").first()


def population_shares(area: PopulationArea | None = None) -> dict[str, dict[str, float]]:
    """{question_key: {category_key: share of the people counted for that question}} (0 to 1)."""
    area = area or default_area()
    if area is None:
        return {}
    people: dict[str, dict[str, int]] = {}
    for question, category, count in PopulationFigure.objects.filter(area=area).values_list(
        "question_key", "category_key", "people"
    ):
        people.setdefault(question, {})[category] = count
    shares = {}
    for question, counts in people.items():
        total = sum(counts.values())
        if total:
            shares[question] = {category: count / total for category, count in counts.items()}
    return shares


# --- Comparing respondents with the population --------------------------------------------------


@dataclass
class Row:
    question_key: str
    question_label: str
    category_key: str
    category_label: str
    respondents: int  # people who chose this category
    base: int  # people who chose any category of this question that has a population figure
    respondent_share: float | None  # 0 to 1; None when no one answered
    population_share: float
    expected: float  # respondents there would be if they matched the population
    status: str  # UNDER, OVER, IN_LINE or TOO_FEW

    @property
    def under_represented(self) -> bool:
        return self.status == UNDER

    @property
    def ratio(self) -> float | None:
        """Respondents' share as a fraction of the population share (1 = matches the population)."""
        if self.respondent_share is None or not self.population_share:
            return None
        return self.respondent_share / self.population_share


def labels() -> dict[str, tuple[str, dict[str, str]]]:
    """{question_key: (question label, {category_key: label})} for every population question."""
    out = {
        key: (str(label), {choice: str(text) for choice, text in choices})
        for key, label, choices in category_questions()
    }
    out[LOCALITY_KEY] = (str(LOCALITY_LABEL), {})
    return out


def question_order() -> list[str]:
    return [key for _flag, key, *_rest in ABOUT_YOU if key in labels()] + [LOCALITY_KEY]


def _status(share, population_share, expected, ratio, min_expected):
    if expected < min_expected:
        return TOO_FEW
    if share < ratio * population_share:
        return UNDER
    if share > population_share / ratio:
        return OVER
    return IN_LINE


def compare(
    counts: dict[str, dict[str, int]],
    shares: dict[str, dict[str, float]],
    *,
    ratio: float = UNDER_RATIO,
    min_expected: float = MIN_EXPECTED,
) -> list[Row]:
    """One Row per (question, category) with a population share, in question then category order.

    `counts` is {question_key: {category_key: respondents}}; categories without a population
    share ("prefer_not_to_say", districts outside the area) are left out of the base.
    """
    names = labels()
    order = question_order()
    rows = []
    for question in sorted(
        shares, key=lambda key: order.index(key) if key in order else len(order)
    ):
        population = shares[question]
        given = counts.get(question, {})
        base = sum(count for category, count in given.items() if category in population)
        question_label, category_labels = names.get(question, (question, {}))
        known = list(category_labels) or sorted(population)
        for category in sorted(
            population, key=lambda key: known.index(key) if key in known else len(known)
        ):
            respondents = given.get(category, 0)
            share = respondents / base if base else None
            expected = base * population[category]
            rows.append(
                Row(
                    question_key=question,
                    question_label=question_label,
                    category_key=category,
                    category_label=category_labels.get(category, category),
                    respondents=respondents,
                    base=base,
                    respondent_share=share,
                    population_share=population[category],
                    expected=expected,
                    status=_status(
                        share or 0.0, population[category], expected, ratio, min_expected
                    ),
                )
            )
    return rows


def under_represented(rows: list[Row]) -> list[Row]:
    return [row for row in rows if row.status == UNDER]
