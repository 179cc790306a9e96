"""load_demo gives analysts a campaign cluster and suggested themes (in every language) to try."""

import io

from django.core.management import call_command

import pytest

from reporting.models import CampaignCluster, CampaignMember, ThemeSuggestion

pytestmark = pytest.mark.django_db


def test_demo_has_a_campaign_cluster_and_suggestions_in_every_language_and_runs_twice():
    call_command("load_demo", stdout=io.StringIO())
    clusters = CampaignCluster.objects.all()
    assert clusters.count() >= 1
    assert CampaignMember.objects.filter(cluster=clusters.first()).count() >= 8
    languages = set(
        ThemeSuggestion.objects.filter(status="pending").values_list("language", flat=True)
    )
    assert {"en", "cy", "pl", "ur"} <= languages
    counts = (
        CampaignCluster.objects.count(),
        CampaignMember.objects.count(),
        ThemeSuggestion.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert (
        CampaignCluster.objects.count(),
        CampaignMember.objects.count(),
        ThemeSuggestion.objects.count(),
    ) == counts
