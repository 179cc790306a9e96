"""{% campaign_figures consultation %}: the dashboard's organised-responses panel, from the last search."""

from django import template

from feedback.questions import questions_for

from .. import campaigns

register = template.Library()


@register.inclusion_tag("reporting/admin/includes/campaign_panel.html")
def campaign_figures(consultation):
    scan = campaigns.latest_scan(consultation)
    labels = (
        {question.key: question.label for question in questions_for(consultation)} if scan else {}
    )
    rows = [
        (labels.get(key, key), figures) for key, figures in (scan.figures if scan else {}).items()
    ]
    return {
        "consultation": consultation,
        "scan": scan,
        "figure_rows": rows,
        "clusters": campaigns.clusters_for(consultation, examples=0) if scan else [],
    }
