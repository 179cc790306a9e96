"""Reach while a consultation is open: who has answered so far, against the local population.

`reach(queryset)` counts the respondents' "About you" answers in one scan (the same JSON
grouping as the dashboard, `analysis.answer_counts`) and their postcode districts in one more,
then compares them with the population figures (`population.compare`: the rule for
"under-represented" is documented there). Plain data for the dashboard and for tests.
"""

from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Count, F
from django.db.models.fields.json import KeyTextTransform

from feedback.about_you import about_you_questions

from . import population
from .analysis import NOT_ANSWERED, aggregate_cursor, answer_counts
from .population_categories import LOCALITY_KEY
from .suppression import fewer_than_text, threshold


def respondent_counts(queryset) -> dict[str, dict[str, int]]:
    """{question_key: {category_key: respondents}} for the "About you" answers and districts."""
    questions = [question for question in about_you_questions() if question.choices]
    if connections[queryset.db].vendor == "postgresql":
        return _counts_in_one_scan(queryset, [question.key for question in questions])
    counts: dict[str, dict[str, int]] = {}
    for key, values in answer_counts(queryset, questions).items():
        for value, count in values:
            if isinstance(value, str) and value:
                counts.setdefault(key, {})[value] = counts.get(key, {}).get(value, 0) + count
    districts = queryset.order_by().exclude(postcode_district="").values_list("postcode_district")
    counts[LOCALITY_KEY] = dict(districts.annotate(n=Count("pk")))
    return counts


def _counts_in_one_scan(queryset, keys):
    """The same counts in one scan on PostgreSQL: each answer read by key (`->>`), grouped by
    GROUPING SETS, one set per question and one for the district."""
    names = [f"g{index}" for index in range(len(keys))]
    inner = (
        queryset.order_by()
        .annotate(
            **{
                name: KeyTextTransform(key, "answers")
                for name, key in zip(names, keys, strict=True)
            }
        )
        .annotate(g_district=F("postcode_district"))
        .values(*names, "g_district")
    )
    inner_sql, params = inner.query.sql_with_params()
    columns = [*names, "g_district"]
    sets = ", ".join(f"({column})" for column in columns)
    sql = (
        f"SELECT {', '.join(columns)}, GROUPING({', '.join(columns)}), COUNT(*) "  # nosec B608 (our own column names; values go in params)
        f"FROM ({inner_sql}) AS r GROUP BY GROUPING SETS ({sets})"
    )
    with aggregate_cursor(inner.db) as cursor:
        cursor.execute(sql, params)
        results = cursor.fetchall()
    counts: dict[str, dict[str, int]] = {LOCALITY_KEY: {}}
    width = len(columns)
    for *values, mask, count in results:
        position = next(i for i in range(width) if not mask & (1 << (width - 1 - i)))
        value = values[position]
        if value in (None, ""):
            continue
        key = keys[position] if position < len(keys) else LOCALITY_KEY
        counts.setdefault(key, {})[value] = count
    return counts


@dataclass
class QuestionReach:
    key: str
    label: str
    base: int
    rows: list  # [population.Row], each with `display` (respondents, suppressed as asked)


@dataclass
class Reach:
    area: object  # the PopulationArea, or None when no figures are kept
    questions: list = field(default_factory=list)  # [QuestionReach]
    under: list = field(default_factory=list)  # [population.Row] under-represented, in order
    too_few: int = 0  # categories not judged yet

    @property
    def judged(self):
        return any(
            row.status != population.TOO_FEW for question in self.questions for row in question.rows
        )


def counts_from_dashboard(figures: dict) -> dict[str, dict[str, int]]:
    """The same counts from `analysis.dashboard(...)`'s breakdowns, which have already read them:
    the dashboard shows reach without scanning the responses again."""
    counts = {
        breakdown.key: {
            cell.key: cell.count
            for cell in breakdown.cells
            if cell.key != NOT_ANSWERED and cell.count
        }
        for breakdown in figures["about_breakdowns"]
    }
    for breakdown in figures["breakdowns"]:
        if breakdown.key == "locality":
            counts[LOCALITY_KEY] = {
                cell.key: cell.count for cell in breakdown.cells if cell.key != NOT_ANSWERED
            }
    return counts


def reach(queryset=None, *, counts=None, area=None, limit=None) -> Reach:
    """Reach of the respondents in `queryset` (or of `counts` already read); `limit` hides small
    counts, as elsewhere."""
    area = area or population.default_area()
    if area is None:
        return Reach(area=None)
    if counts is None:
        counts = respondent_counts(queryset)
    rows = population.compare(counts, population.population_shares(area))
    limit = threshold() if limit is None else limit
    questions = []
    for row in rows:
        row.display = fewer_than_text() if row.respondents < limit else f"{row.respondents:,}"
        row.display_share = (
            ""
            if row.respondent_share is None or row.respondents < limit
            else f"{100 * row.respondent_share:.0f}%"
        )
        row.display_population = f"{100 * row.population_share:.1f}%"
        if not questions or questions[-1].key != row.question_key:
            questions.append(
                QuestionReach(
                    key=row.question_key, label=row.question_label, base=row.base, rows=[]
                )
            )
        questions[-1].rows.append(row)
    return Reach(
        area=area,
        questions=questions,
        under=population.under_represented(rows),
        too_few=sum(row.status == population.TOO_FEW for row in rows),
    )
