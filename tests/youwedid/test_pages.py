"""Outcome pages: validation, both-way links, status on publish and unpublish, figures, the index."""

from datetime import date
from unittest import mock

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from consultations.models import Topic
from consultations.outcomes import live_outcome_for, translation_keys_with_live_outcome
from consultations.status import get_status
from feedback.models import Response
from tests.youwedid.conftest import make_consultation, make_outcome, make_response
from youwedid import signals
from youwedid.models import OutcomeItem, YouSaidWeDidIndexPage, YouSaidWeDidPage
from youwedid.summary import engagement_summary


def outcome_form_data(consultation, item):
    data = nested_form_data(
        {
            "title": "What changed",
            "slug": "what-changed",
            "summary": "",
            "people_override": "",
            "dates_override": "",
            "channels_override": "",
            "who_took_part": "",
            "decision_maker": "",
            "decision_date": "",
            "decision_papers_url": "",
            "decision": rich_text(""),
            "documents": streamfield([]),
            "what_happens_next": rich_text(""),
            "stay_involved": rich_text(""),
            "items": inline_formset([{"target_date": "", "reason": "", "progress_updates": streamfield([]), **item}]),
        }
    )
    data["consultations"] = [str(consultation.pk)]
    return data


@pytest.mark.django_db
def test_could_not_change_requires_a_reason(home_page):
    item = OutcomeItem(you_said="Open on Sundays.", we_did="We cannot.", status="could_not_change", reason="  ")
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "reason" in error.value.message_dict
    item.reason = "There are no staff on Sundays."
    item.clean()


@pytest.mark.django_db
def test_will_change_requires_a_target_date(home_page):
    item = OutcomeItem(you_said="More parking.", we_did="Twenty spaces.", status="will_change")
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "target_date" in error.value.message_dict
    item.target_date = date(2027, 1, 1)
    item.clean()


@pytest.mark.django_db
def test_editor_is_told_a_reason_is_needed_and_nothing_is_saved(admin_client, home_page, consultation):
    index = home_page.add_child(instance=YouSaidWeDidIndexPage(title="You said, we did", slug="ysd"))
    url = f"/admin/pages/add/youwedid/yousaidwedidpage/{index.pk}/"
    data = outcome_form_data(consultation, {"you_said": "Sundays.", "we_did": "No.", "status": "could_not_change"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Explain why this could not change." in response.content.decode()
    assert not YouSaidWeDidPage.objects.exists()

    data = outcome_form_data(
        consultation, {"you_said": "Sundays.", "we_did": "No.", "status": "could_not_change", "reason": "No staff."}
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert YouSaidWeDidPage.objects.get().items.get().reason == "No staff."


@pytest.mark.django_db
def test_a_consultation_can_have_only_one_published_outcome(admin_client, home_page, consultation):
    first = make_outcome(home_page, [consultation])
    url = f"/admin/pages/add/youwedid/yousaidwedidpage/{first.get_parent().pk}/"
    data = outcome_form_data(consultation, {"you_said": "A.", "we_did": "B.", "status": "changed"})
    data["slug"] = "second"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "already has a published outcome" in response.content.decode()
    assert YouSaidWeDidPage.objects.count() == 1

    second = YouSaidWeDidPage(title="Second", slug="second-model")
    second.consultations = [consultation]
    with pytest.raises(ValidationError):
        second.clean()
    first.full_clean()  # the outcome itself (and its translations) are not in conflict with themselves


@pytest.mark.django_db
def test_links_go_to_source_language_consultations(home_page, locales, consultation):
    welsh = consultation.copy_for_translation(locales["cy"], copy_parents=True)
    outcome = YouSaidWeDidPage(title="Outcome", slug="o")
    outcome.consultations = [welsh]
    with pytest.raises(ValidationError) as error:
        outcome.clean()
    assert "English" in str(error.value)


@pytest.mark.django_db
def test_publishing_links_both_ways_and_unpublishing_returns_the_consultation_to_closed(client, home_page, locales, consultation):
    assert get_status(consultation) == "closed"
    outcome = make_outcome(home_page, [consultation])

    assert get_status(consultation) == "outcome"
    assert live_outcome_for(consultation).pk == outcome.pk
    assert translation_keys_with_live_outcome([consultation.translation_key]) == {consultation.translation_key}
    outcome_html = client.get(outcome.url).content.decode()
    assert f'href="{consultation.url}"' in outcome_html
    consultation_html = client.get(consultation.url).content.decode()
    assert outcome.url in consultation_html

    outcome.unpublish()
    assert get_status(consultation) == "closed"
    assert live_outcome_for(consultation) is None
    assert outcome.url not in client.get(consultation.url).content.decode()


@pytest.mark.django_db
def test_publish_and_unpublish_purge_the_consultation_in_every_language(home_page, locales, consultation):
    welsh = consultation.copy_for_translation(locales["cy"], copy_parents=True)
    welsh.save_revision().publish()
    received = []

    def receiver(sender, pages, **kwargs):
        received.append({page.pk for page in pages})

    signals.outcome_pages_changed.connect(receiver)
    try:
        with mock.patch("youwedid.signals.purge_pages_from_cache") as purge:
            outcome = make_outcome(home_page, [consultation])
            outcome.unpublish()
    finally:
        signals.outcome_pages_changed.disconnect(receiver)
    assert purge.call_count == 2
    for call in purge.call_args_list:
        purged = {page.pk for page in call.args[0]}
        assert {consultation.pk, welsh.pk, outcome.pk} <= purged
    assert len(received) == 2 and {consultation.pk, welsh.pk} <= received[1]


@pytest.mark.django_db
def test_outcome_page_shows_items_statuses_reasons_and_figures(client, home_page, locales, consultation, settings):
    settings.SMALL_NUMBER_THRESHOLD = 3
    for n in range(4):
        make_response(consultation, locales["en"], channel="online", answers={"about_age_band": "35_44"}, email=f"{n}@x.org")
    for _ in range(3):
        make_response(consultation, locales["en"], channel="phone")
    make_response(consultation, locales["pl"], channel="paper")
    make_response(consultation, locales["en"], status=Response.Status.REJECTED)
    outcome = make_outcome(home_page, [consultation])
    outcome.decision_maker = "The ICB board"
    outcome.save_revision().publish()

    html = client.get(outcome.url).content.decode()
    assert 'data-testid="people">8<' in html  # accepted only
    assert "<bdi>Online</bdi>: 4" in html and "<bdi>Paper</bdi>: fewer than 3" in html
    assert "<bdi>Phone</bdi>: fewer than 3" in html  # else Paper could be worked out from the total
    assert "<bdi>35 to 44</bdi>: 4" in html
    assert html.count('data-testid="outcome-item"') == 3
    assert 'nhsuk-tag nhsuk-tag--green">Changed<' in html
    assert 'nhsuk-tag nhsuk-tag--blue">Will change<' in html
    assert "June 2027" in html
    assert "We have no radiographers at weekends." in html
    assert "The ICB board" in html

    outcome.people_override = "8 responses and 40 people at two events"
    outcome.save_revision().publish()
    assert "8 responses and 40 people at two events" in client.get(outcome.url).content.decode()


@pytest.mark.django_db
def test_summary_hides_small_numbers_and_counts_in_few_queries(home_page, locales, consultation, settings, django_assert_max_num_queries):
    settings.SMALL_NUMBER_THRESHOLD = 5
    for _ in range(3):
        make_response(consultation, locales["en"])
    summary = engagement_summary([consultation])
    assert summary.total.count is None and summary.total.text == "fewer than 5"
    assert summary.channels == []  # too few to break down
    for _ in range(3):
        make_response(consultation, locales["en"], channel="phone")
    with django_assert_max_num_queries(6):
        summary = engagement_summary([consultation])
    assert summary.total.count == 6
    assert [(f.label, f.text) for f in summary.channels] == [("Online", "fewer than 5"), ("Phone", "fewer than 5")]


@pytest.mark.django_db
def test_index_lists_newest_first_and_filters_by_topic(client, home_page, locales):
    health = Topic.objects.create(name="Urgent care", slug="urgent-care", locale=locales["en"])
    first = make_consultation(home_page, slug="one", title="One")
    second = make_consultation(home_page, slug="two", title="Two")
    first.topics = [health]
    first.save_revision().publish()
    older = make_outcome(home_page, [first], slug="older", title="Older outcome")
    newer = make_outcome(home_page, [second], slug="newer", title="Newer outcome")
    index = older.get_parent()

    html = client.get(index.url).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    filtered = client.get(index.url, {"topic": "urgent-care"}).content.decode()
    assert older.title in filtered and newer.title not in filtered
    assert '<option value="urgent-care" selected>' in filtered

    home_html = client.get(home_page.url).content.decode()
    assert home_html.index(newer.title) < home_html.index(older.title)
