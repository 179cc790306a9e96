import pytest

from tests.youwedid.conftest import make_consultation, make_response
from youwedid import demo
from youwedid.models import OutcomeNotification, YouSaidWeDidPage
from youwedid.notifications import send_plan


@pytest.mark.django_db
def test_demo_publishes_an_outcome_for_each_long_closed_consultation_once(home_page, locales, django_capture_on_commit_callbacks, mailoutbox):
    old = make_consultation(home_page, slug="stroke-rehabilitation-services", title="Stroke rehabilitation", closed_days_ago=110)
    recent = make_consultation(home_page, slug="recent", title="Recent", closed_days_ago=30)
    make_response(old, locales["en"], email="a@example.org", wants_outcome=True)
    make_response(old, locales["cy"], email="b@example.org", wants_outcome=True)
    context = {"home": home_page, "consultations": {"stroke-rehabilitation-services": old, "recent": recent}}

    with django_capture_on_commit_callbacks(execute=True):
        demo.load(context)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(context)

    (outcome,) = YouSaidWeDidPage.objects.live()
    assert context["outcomes"] == {"stroke-rehabilitation-services": outcome}
    assert context["outcome_index"].pk == outcome.get_parent().pk
    assert {item.status for item in outcome.items.all()} == {"changed", "will_change", "could_not_change"}
    assert any(item.progress_updates for item in outcome.items.all())
    # This demo outcome waits for staff to send its emails (issue 14): nobody has been emailed,
    # and the send screen shows the two people waiting, in English and Welsh.
    assert not OutcomeNotification.objects.filter(outcome=outcome).exists()
    plan = send_plan(outcome)
    assert plan.total == 2
    assert sorted(line.locale.language_code for line in plan.languages) == ["cy", "en"]
    assert mailoutbox == []


@pytest.mark.django_db
def test_demo_shows_a_log_of_emails_already_sent_for_the_other_outcomes(
    home_page, locales, django_capture_on_commit_callbacks, mailoutbox
):
    old = make_consultation(home_page, slug="community-transport-to-hospital", title="Transport", closed_days_ago=140)
    make_response(old, locales["en"], email="a@example.org", wants_outcome=True)
    make_response(old, locales["pl"], email="b@example.org", wants_outcome=True)
    context = {"home": home_page, "consultations": {"community-transport-to-hospital": old}}
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(context)
        demo.load(context)
    (outcome,) = YouSaidWeDidPage.objects.live()
    assert OutcomeNotification.objects.filter(outcome=outcome, status="sent").count() == 2
    assert mailoutbox == []  # a delivered log, not real emails to made-up people
