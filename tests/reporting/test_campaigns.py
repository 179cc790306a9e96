from django.urls import reverse

import pytest

from reporting import campaigns
from reporting.models import CampaignCluster, CampaignMember, CampaignScan
from tests.reporting.campaign_data import TEMPLATES, pairwise_precision_recall, seeded

pytestmark = pytest.mark.django_db

PRECISION_GOAL = 0.95
RECALL_GOAL = 0.9


def test_known_templates_are_found_with_high_precision_and_recall():
    rows = seeded(variants=30, unique=400)
    truth = {i: label for i, (label, _text) in enumerate(rows)}
    found = campaigns.find_clusters((i, text) for i, (_label, text) in enumerate(rows))
    precision, recall = pairwise_precision_recall(truth, found)
    print(
        f"campaign detection on {len(rows)} answers, {len(TEMPLATES)} templates: precision {precision:.3f}, recall {recall:.3f}"
    )
    assert precision >= PRECISION_GOAL and recall >= RECALL_GOAL
    assert len(found) == len(TEMPLATES)
    # Identical short answers are not a campaign.
    assert not any(
        rows[i][1] in ("No.", "I agree with the plan.") for cluster in found for i in cluster
    )


def test_an_unrelated_set_has_no_clusters():
    rows = seeded(variants=0, unique=300, exact=0)
    assert campaigns.find_clusters((i, text) for i, (_label, text) in enumerate(rows)) == []


def test_detect_stores_clusters_keeps_labels_and_never_deletes(consultation, analyst, respond):
    rows = seeded(variants=6, unique=30, exact=2)
    responses = [respond({"reasons": text}) for _label, text in rows]
    scan = campaigns.detect(consultation, analyst)
    assert scan.clusters == len(TEMPLATES) and scan.finished_at
    figures = scan.figures["reasons"]
    assert figures["answers"] == len(rows)
    # Exact copies count once among distinct submissions; each cluster once among arguments.
    assert figures["distinct_submissions"] == len(
        {campaigns.normalise(text) for _label, text in rows}
    )
    members = set(CampaignMember.objects.values_list("response_id", flat=True))
    outside = {campaigns.normalise(r.answers["reasons"]) for r in responses if r.pk not in members}
    assert figures["in_clusters"] == len(members) == len(TEMPLATES) * 8
    assert figures["distinct_arguments"] == len(outside) + len(TEMPLATES)
    cluster = CampaignCluster.objects.filter(consultation=consultation).first()
    campaigns.label(cluster, analyst, name="Save our unit", organised_by="Friends of Northfield")
    # More copies arrive; detection runs again: the same clusters grow, labels stay, nothing goes.
    late = respond({"reasons": TEMPLATES[0] + " Please."})
    before = CampaignMember.objects.count()
    campaigns.detect(consultation, analyst)
    assert CampaignCluster.objects.filter(consultation=consultation).count() == len(TEMPLATES)
    assert CampaignMember.objects.count() == before + 1
    assert CampaignMember.objects.get(
        response=late
    ).cluster.pk in CampaignCluster.objects.values_list("pk", flat=True)
    cluster.refresh_from_db()
    assert cluster.name == "Save our unit" and cluster.labelled_by == analyst
    assert CampaignScan.objects.filter(consultation=consultation).count() == 2


def test_analyst_runs_detection_as_a_task_and_labels_a_cluster(
    client, consultation, analyst, respond
):
    for _label, text in seeded(variants=4, unique=10, exact=1):
        respond({"reasons": text})
    client.force_login(analyst)
    url = reverse("reporting:campaigns", args=[consultation.pk])
    assert client.post(url, {"action": "detect"}).status_code == 302
    clusters = list(CampaignCluster.objects.filter(consultation=consultation))
    assert len(clusters) == len(TEMPLATES)
    html = client.get(url).content.decode()
    assert "Distinct submissions" in html and "Distinct arguments" in html
    result = client.post(
        url,
        {
            "action": "label",
            "cluster": clusters[0].pk,
            "name": "Keep it open",
            "organised_by": "Save Our Unit group",
        },
    )
    assert result.status_code == 302
    clusters[0].refresh_from_db()
    assert (clusters[0].name, clusters[0].organised_by, clusters[0].labelled_by) == (
        "Keep it open",
        "Save Our Unit group",
        analyst,
    )
    html = client.get(url).content.decode()
    assert "Keep it open" in html and "Save Our Unit group" in html
    # The download has the three counts side by side, then each cluster's responses.
    download = client.get(url, {"format": "csv"}).content.decode("utf-8-sig").splitlines()
    assert download[0] == "Question,Answers,Distinct submissions,Distinct arguments,In campaign clusters"
    assert sum("Keep it open" in line for line in download) == clusters[0].members.count()
    # The dashboard shows the three counts side by side.
    dashboard = client.get(reverse("reporting:dashboard", args=[consultation.pk])).content.decode()
    assert "Distinct arguments" in dashboard and "Keep it open" in dashboard


def test_outsiders_cannot_see_or_run_detection(client, consultation, outsider):
    client.force_login(outsider)
    url = reverse("reporting:campaigns", args=[consultation.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "detect"}).status_code == 403
    assert not CampaignScan.objects.exists()


def test_method_section_says_how_coding_was_done_and_what_campaigns_were_found(
    client, consultation, analyst, respond
):
    from reporting import coding, engagement_report, theme_suggestions

    analyst.first_name, analyst.last_name = "Asha", "Patel"
    analyst.save()
    rows = seeded(variants=5, unique=12, exact=1)
    responses = [respond({"reasons": text}) for _label, text in rows]
    theme = coding.create_theme(consultation, "Travel", analyst)
    coding.apply_theme(theme, responses[:3], "reasons", analyst)
    theme_suggestions.suggest(consultation, analyst)
    suggestion = consultation.theme_suggestions.first()
    theme_suggestions.accept(suggestion, analyst, "Keep it local")
    scan = campaigns.detect(consultation, analyst)
    campaigns.label(
        CampaignCluster.objects.filter(consultation=consultation).first(),
        analyst,
        name="Save the unit",
        organised_by="Friends of Northfield",
    )
    report = engagement_report.report_for(consultation)
    text = " ".join(report["method"]["paragraphs"])
    from_suggestion = consultation.themes.get(name="Keep it local").codes.count()
    assert "3 by hand" in text and f"{from_suggestion} by accepting suggested themes" in text
    assert "1 accepted" in text and f"found {scan.clusters} campaign clusters" in text
    assert report["method"]["coders"][0]["name"] == "Asha Patel"
    client.force_login(analyst)
    html = client.get(reverse("reporting:report_print", args=[consultation.pk])).content.decode()
    assert "How we analysed what people wrote" in html and "Distinct arguments" in html
    assert "Save the unit" in html and "Friends of Northfield" in html and "Asha Patel" in html
    assert from_suggestion >= 2
    docx = client.get(reverse("reporting:report_docx", args=[consultation.pk]))
    assert docx.status_code == 200
