import pytest

from tests.youwedid.conftest import make_consultation, make_response
from youwedid import demo
from youwedid.models import OutcomeNotification, YouSaidWeDidPage


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
    assert OutcomeNotification.objects.filter(outcome=outcome, status="sent").count() == 2
    assert mailoutbox == []  # a delivered log, not real emails to made-up people
