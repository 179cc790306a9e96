"""The register's make-up against the local population (reporting.population's figures and rule)."""

from involvement.models import Member
from reporting import population, suppression


def about_you_counts(members):
    """{question_key: {category_key: members}} from the About you answers members agreed to keep."""
    counts = {}
    # Through the pks: `members` may be DISTINCT, which would fold identical answers into one row.
    rows = Member.objects.filter(pk__in=members.values("pk")).values_list("about_you", flat=True)
    for about in rows:
        for key, value in (about or {}).items():
            question = counts.setdefault(key, {})
            question[value] = question.get(value, 0) + 1
    return counts


def comparison(members, limit):
    """One row per population category: members, their share, the population's share and
    whether the group is under-represented. Counts under the threshold are suppressed for staff
    who are not the register's managers (the suppressed rows say nothing about representation)."""
    rows = population.compare(about_you_counts(members), population.population_shares())
    hidden_limit = suppression.threshold() if limit is None else limit
    for row in rows:
        row.suppressed = bool(hidden_limit) and (
            row.respondents < hidden_limit or row.base < hidden_limit
        )
        row.display_count = (
            suppression.fewer_than_text() if row.suppressed else f"{row.respondents:,}"
        )
        row.display_share = (
            ""
            if row.suppressed or row.respondent_share is None
            else f"{100 * row.respondent_share:.0f}%"
        )
        row.display_population = f"{100 * row.population_share:.0f}%"
    return rows
