"""What one submission costs: a bounded number of queries, whatever the number of questions, and a
form definition that is built once but never outlives a change to the form, snippet or language."""

import pytest

from feedback import services
from feedback.models import AboutYouSection, ResponseFormPage
from tests.factories import STANDARD_QUESTIONS, about_you_section, add_form, make_consultation

# Parent consultation, default locale, question rows, "About you" snippet, then SAVEPOINT /
# INSERT / RELEASE around the save (the test's transaction turns BEGIN/COMMIT into a savepoint).
# No idempotency lookup: a repeat is found by the unique key when saving fails. The receipt task
# is enqueued after commit, outside this count.
MAX_QUERIES = 7


def fresh(page):
    """The form page as a request loads it: nothing cached on the object."""
    return ResponseFormPage.objects.get(pk=page.pk)


def many_questions(count):
    specs = [dict(spec) for spec in STANDARD_QUESTIONS]
    for index in range(count):
        specs.append(
            {
                "label": f"Extra question {index}",
                "field_type": "single_choice",
                "choices": "One\nTwo\nThree",
                "key": f"extra_{index}",
            }
        )
    return specs


@pytest.mark.django_db
def test_a_submission_takes_a_bounded_number_of_queries(
    form_page, good_answers, django_assert_max_num_queries
):
    services.submit_response(
        fresh(form_page), good_answers, idempotency_key="warm"
    )  # fills the definition cache
    page = fresh(form_page)
    with django_assert_max_num_queries(MAX_QUERIES):
        response, created = services.submit_response(page, good_answers, idempotency_key="measured")
    assert created and response.answers["support"] == "agree"


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_questions(home_page, good_answers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for number, extra in ((1, 0), (2, 40)):
        consultation = make_consultation(
            home_page, title=f"Consultation {number}", slug=f"consultation-{number}"
        )
        page = add_form(consultation, many_questions(extra), about_you=about_you_section())
        services.submit_response(fresh(page), good_answers, idempotency_key=f"warm-{number}")
        page = fresh(page)
        with CaptureQueriesContext(connection) as queries:
            services.submit_response(page, good_answers, idempotency_key=f"measured-{number}")
        counts[extra] = len(queries)
    assert counts[0] == counts[40] <= MAX_QUERIES


@pytest.mark.django_db
def test_republished_form_is_used_at_once(form_page, good_answers):
    from feedback.models import ResponseFormField

    services.submit_response(fresh(form_page), good_answers, idempotency_key="before")
    page = fresh(form_page)
    fields = list(page.form_fields.all())
    for field in fields:
        field.required = field.required or field.key == "organisation"
    page.form_fields = fields  # as the editor's form sets them
    page.save_revision().publish()
    assert ResponseFormField.objects.get(page=form_page, key="organisation").required
    with pytest.raises(services.SubmissionInvalid) as error:
        services.submit_response(fresh(form_page), good_answers, idempotency_key="after")
    assert "organisation" in error.value.errors


@pytest.mark.django_db
def test_question_changed_without_publishing_is_seen_too(form_page, good_answers):
    from feedback.models import ResponseFormField

    services.submit_response(fresh(form_page), good_answers, idempotency_key="before")
    ResponseFormField.objects.filter(page=form_page, key="travel").update(
        choices="bus|By bus\ncar|By car"
    )
    with pytest.raises(services.SubmissionInvalid) as error:
        services.submit_response(
            fresh(form_page), good_answers, idempotency_key="after"
        )  # "walk" is gone
    assert "travel" in error.value.errors


@pytest.mark.django_db
def test_snippet_change_changes_the_about_you_step(form_page):
    before = [step.kind for step in services.steps_for(fresh(form_page))]
    assert "about_you" in before
    AboutYouSection.objects.filter(pk=form_page.about_you_id).update(
        **dict.fromkeys(
            (
                "ask_age_band",
                "ask_sex",
                "ask_gender_identity",
                "ask_ethnicity",
                "ask_disability",
                "ask_sexual_orientation",
                "ask_religion",
                "ask_carer",
                "ask_postcode_district",
            ),
            False,
        )
    )
    after = [step.kind for step in services.steps_for(fresh(form_page))]
    assert "about_you" not in after


@pytest.mark.django_db
def test_labels_follow_the_active_language_and_steps_are_copies(form_page):
    from django.utils import translation

    with translation.override("en"):
        english = services.steps_for(fresh(form_page))
    with translation.override("cy"):
        welsh = services.steps_for(fresh(form_page))
    assert english[-1].kind == welsh[-1].kind == "consent"
    assert english[-1].title == "Before you send" and welsh[-1].title == "Cyn i chi anfon"
    english[0].questions.clear()  # a caller changing its copy changes nothing for the next one
    assert services.steps_for(fresh(form_page))[0].questions
