"""The question editor's rules, copying a form, the document form and the preview modes, tested
directly (the admin journeys are in tests/browser/test_form_builder_admin.py)."""

import re

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.http import QueryDict

from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

import pytest

from feedback import questions as q
from feedback.conditions import QuestionRow, condition_problems
from feedback.form_copy import copy_questions, source_consultations
from feedback.models import ResponseFormPage
from feedback.views import preview_modes
from home.forms import CHOOSE_FILE_AGAIN
from tests.factories import add_form, make_consultation

YES_NO = QuestionRow(key="used", label="Have you used it?", field_type=q.YES_NO)
TRAVEL = QuestionRow(
    key="travel",
    label="How do you travel?",
    field_type=q.SINGLE_CHOICE,
    choices="car|By car\nbus|By bus",
)
VISITS = QuestionRow(key="visits", label="How many times?", field_type=q.NUMBER)


def with_condition(row, key, value):
    return QuestionRow(row.key, row.label, row.field_type, row.choices, key, value)


def test_a_condition_on_an_earlier_answer_is_accepted():
    assert condition_problems([YES_NO, with_condition(VISITS, "used", "yes")]) == {}
    assert condition_problems([TRAVEL, with_condition(VISITS, "travel", "bus")]) == {}


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        (
            [with_condition(YES_NO, "travel", "bus"), TRAVEL],
            "condition_key",
            "“How do you travel?” comes after this question",
        ),
        ([with_condition(YES_NO, "used", "yes")], "condition_key", "cannot depend on itself"),
        ([with_condition(VISITS, "gone", "yes")], "condition_key", "no longer in the form"),
        (
            [TRAVEL, with_condition(VISITS, "travel", "train")],
            "condition_value",
            "has no answer “train” any more",
        ),
        (
            [VISITS, with_condition(TRAVEL, "visits", "3")],
            "condition_key",
            "is not a choice question",
        ),
        ([YES_NO, with_condition(VISITS, "used", "")], "condition_value", "Choose the answer"),
        ([YES_NO, with_condition(VISITS, "", "yes")], "condition_key", "Choose the question"),
    ],
)
def test_a_condition_that_cannot_work_is_refused_with_a_reason(rows, field, message):
    problems = condition_problems(rows)
    position = next(i for i, row in enumerate(rows) if row.condition_key or row.condition_value)
    assert message in problems[position][field]


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser(
        "boss", "boss@example.org", "pw-for-tests-only"
    )


FORM = [
    {"field_type": q.SECTION, "label": "Your views", "new_step": True},
    {"key": "used", "label": "Have you used it?", "field_type": q.YES_NO},
    {
        "key": "visits",
        "label": "How many times?",
        "field_type": q.NUMBER,
        "condition_key": "used",
        "condition_value": "yes",
    },
    {"field_type": q.SECTION, "label": "More", "new_step": True},
    {"key": "why", "label": "Why?", "field_type": q.LONG_TEXT},
]


@pytest.mark.django_db
def test_the_editor_shows_every_setting_until_javascript_hides_some(client, admin, home_page):
    form_page = add_form(make_consultation(home_page), FORM)
    client.force_login(admin)
    html = client.get(f"/admin/pages/{form_page.pk}/edit/").content.decode()
    # Each type-specific setting carries a w-rules rule on the question's own type field...
    assert 'data-w-rules="{&quot;form_fields-2-field_type&quot;: [&quot;number&quot;]}"' in html
    assert 'data-controller="w-rules"' in html
    # ...but nothing is hidden by the server: without JavaScript every setting shows.
    wrappers = re.findall(r'<div class="w-panel__wrapper[^"]*"[^>]*>', html)
    assert wrappers and not [w for w in wrappers if " hidden" in w]
    # The condition is chosen from lists: questions by their wording, answers grouped by question.
    assert '<option value="used" selected>Have you used it?</option>' in html
    assert '<optgroup label="Have you used it?"' in html
    assert re.search(r'<option value="yes"[^>]*selected[^>]*>Yes</option>', html)


@pytest.mark.django_db
def test_saving_an_invalid_condition_is_a_form_error_not_a_server_error(client, admin, home_page):
    form_page = add_form(make_consultation(home_page), FORM)
    client.force_login(admin)
    edit = client.get(f"/admin/pages/{form_page.pk}/edit/")
    form = edit.context["form"]
    data = QueryDict(mutable=True)
    for bound in list(form) + [
        f for fs in form.formsets.values() for sub in [fs.management_form, *fs.forms] for f in sub
    ]:
        value = bound.value()
        if value is None or value is False:
            continue
        data[bound.html_name] = "on" if value is True else str(value)
    data["form_fields-2-condition_key"] = "why"  # a later question (and not a choice one)
    data["form_fields-2-condition_value"] = "yes"
    response = client.post(f"/admin/pages/{form_page.pk}/edit/", data)
    assert response.status_code == 200
    assert "“Why?” comes after this question" in response.content.decode()
    assert form_page.revisions.count() == 1


@pytest.mark.django_db
def test_copying_keeps_keys_renames_clashes_and_saves_a_draft(home_page, admin):
    source = make_consultation(home_page, title="Urgent care", slug="urgent-care")
    add_form(source, FORM)
    target = make_consultation(home_page, title="Pharmacies", slug="pharmacies")
    target_form = add_form(
        target, [{"key": "used", "label": "Have you used a pharmacy?", "field_type": q.YES_NO}]
    )
    assert list(source_consultations(exclude=target)) == [source]

    form_page, count = copy_questions(source, target, user=admin)
    assert (form_page.pk, count) == (target_form.pk, len(FORM))
    draft = ResponseFormPage.objects.get(pk=target_form.pk).get_latest_revision_as_object()
    keys = [f.key for f in draft.form_fields.all() if f.field_type != q.SECTION]
    assert keys == ["used", "used_2", "visits", "why"]
    visits = next(f for f in draft.form_fields.all() if f.key == "visits")
    assert (visits.condition_key, visits.condition_value) == ("used_2", "yes")  # follows the rename
    assert target_form.form_fields.count() == 1  # the live form is unchanged until published


@pytest.mark.django_db
def test_copying_into_a_consultation_without_a_form_makes_a_draft_form(home_page, admin):
    source = make_consultation(home_page, title="Urgent care", slug="urgent-care")
    add_form(source, FORM)
    target = make_consultation(home_page, title="Pharmacies", slug="pharmacies")
    form_page, count = copy_questions(source, target, user=admin)
    assert not form_page.live and count == len(FORM)
    assert form_page.get_parent().pk == target.pk
    assert len(form_page.get_latest_revision_as_object().form_fields.all()) == len(FORM)


@pytest.mark.django_db
def test_preview_has_one_mode_per_step(home_page):
    form_page = add_form(make_consultation(home_page), FORM)
    assert preview_modes(form_page) == [
        ("step-1", "Step 1 of 3: Your views"),
        ("step-2", "Step 2 of 3: More"),
        ("step-3", "Step 3 of 3: Before you send"),
    ]
    response = form_page.make_preview_request(preview_mode="step-2")
    html = response.content.decode()
    assert (
        '<h1 class="nhsuk-heading-l">More</h1>' in html
        and "Nothing you enter here is saved" in html
    )
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]


def _document_form(data, with_file=True):
    posted = QueryDict(mutable=True)
    posted.update(data)
    files = {"file": ContentFile(b"%PDF-1.4 demo", name="proposal.pdf")} if with_file else {}
    return get_document_form(get_document_model())(data=posted, files=files, user=None)


@pytest.mark.django_db
def test_a_new_document_defaults_to_the_site_language(locales):
    form = get_document_form(get_document_model())(user=None)
    assert form.fields["language"].initial == "en"


@pytest.mark.django_db
def test_a_document_form_with_a_problem_says_the_file_must_be_chosen_again(locales):
    root = Collection.get_first_root_node()
    form = _document_form({"title": "proposal_final.pdf", "collection": root.pk, "language": "en"})
    assert not form.is_valid()
    assert form.errors["file"] == [str(CHOOSE_FILE_AGAIN)]
    valid = _document_form({"title": "Our proposal", "collection": root.pk, "language": "en"})
    assert valid.is_valid(), valid.errors
