"""The Easy Read version of a response form (issue 18): mapping rules, answers stored under the
standard form's keys, one question per screen, one form per purpose, and the reports' split."""

import io

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.http import QueryDict

from wagtail.images import get_image_model

import pytest
from PIL import Image

from feedback import easy_read
from feedback import questions as q
from feedback.demo_forms import EASY_READ_QUESTIONS
from feedback.easy_read import EasyReadRow, StandardQuestion, mapping_problems
from feedback.models import Response
from feedback.services import steps_for, submit_response
from feedback.tasks import receipt_context
from reporting import analysis, crosstabs, exports
from tests.factories import add_form, make_consultation

SUPPORT = StandardQuestion(
    key="support",
    label="How far do you agree with the proposal?",
    type=q.AGREE_SCALE,
    choices=q.choices_for_type(q.AGREE_SCALE, ""),
)
TRAVEL = StandardQuestion(
    key="travel",
    label="How would you travel?",
    type=q.MULTIPLE_CHOICE,
    choices=[("car", "By car"), ("bus", "By bus")],
)
PRIORITIES = StandardQuestion(key="priorities", label="How important?", type=q.GRID)
STANDARD = [SUPPORT, TRAVEL, PRIORITIES]


def row(maps_to="support", field_type=q.SINGLE_CHOICE, choices="agree|Yes\ndisagree|No", **kw):
    return EasyReadRow(
        key=kw.pop("key", ""),
        label=kw.pop("label", "Good idea?"),
        field_type=field_type,
        maps_to=maps_to,
        choices=choices,
        **kw,
    )


def png_file(name="picture.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#005eb8").save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def easy_read_specs():
    return [{k: v for k, v in spec.items() if k != "image"} for spec in EASY_READ_QUESTIONS]


# --- mapping rules ---------------------------------------------------------------------------------
def test_a_mapping_to_a_standard_question_and_its_answers_is_accepted():
    rows = [
        row(),
        row("travel", q.MULTIPLE_CHOICE, "bus|Bus"),
        row("", q.YES_NO, "", key="easy_to_use"),
    ]
    assert mapping_problems(rows, STANDARD) == {}


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        ([row(choices="agree|Yes\nmaybe|Perhaps")], "choices", "Not one of its answers: “maybe”"),
        ([row("gone")], "maps_to", "no longer in the standard form"),
        ([row(), row(label="Again?")], "maps_to", "already stands for this standard question"),
        ([row(field_type=q.MULTIPLE_CHOICE)], "field_type", "cannot be stored from a"),
        ([row("priorities", q.SINGLE_CHOICE)], "field_type", "is a grid"),
        ([row("", q.YES_NO, "", key="support")], "key", "The standard question"),
        ([row(choices="")], "choices", "at least one answer"),
        ([row(choices="agree|Yes\nagree|Yes please")], "choices", "the same answer"),
    ],
)
def test_a_mapping_that_cannot_work_is_refused_with_a_reason(rows, field, message):
    problems = mapping_problems(rows, STANDARD)
    position = len(rows) - 1
    assert field in problems[position], problems
    assert message in problems[position][field]


# --- storage and reports ---------------------------------------------------------------------------
@pytest.fixture
def both_forms(home_page):
    consultation = make_consultation(home_page)
    standard = add_form(consultation)
    easy = add_form(
        consultation, easy_read_specs(), title="Easy Read", slug="easy-read", purpose="easy_read"
    )
    return consultation, standard, easy


@pytest.mark.django_db
def test_easy_read_answers_are_stored_under_the_standard_keys_and_counted_together(both_forms):
    consultation, standard, easy = both_forms
    submit_response(standard, {"support": "agree", "use_service": "no"})
    response, created = submit_response(
        easy,
        {"support": "agree", "use_service": "yes", "travel": ["bus"], "easy_to_use": "yes"},
    )
    assert created
    assert response.form_version == "easy_read"
    assert response.consultation_id == consultation.pk
    assert response.answers == {
        "support": "agree",
        "use_service": "yes",
        "travel": ["bus"],
        "easy_to_use": "yes",
    }
    assert Response.objects.get(answers__use_service="no").form_version == "standard"

    questions = q.questions_for(consultation)
    # The Easy-Read-only question is reported too, after the form's own questions.
    only = [x for x in questions if x.key == "easy_to_use"]
    assert only and only[0].section == "Asked only in the Easy Read version"
    assert [x.key for x in questions].count("support") == 1

    data = analysis.dashboard(consultation, questions, limit=0)
    support = next(r for r in data["results"] if r.key == "support")
    assert {c.key: c.count for c in support.breakdown.cells}["agree"] == 2
    versions = next(b for b in data["breakdowns"] if b.key == "form_version")
    assert {c.key: c.count for c in versions.cells} == {"standard": 1, "easy_read": 1}
    assert data["easy_read"].count == 1

    dimension = crosstabs.find(crosstabs.dimensions(questions), "@form_version")
    table = crosstabs.crosstab(
        Response.objects.filter(consultation=consultation),
        crosstabs.find(crosstabs.dimensions(questions), "support"),
        dimension,
        limit=0,
    )
    assert "Easy Read version" in str(table.as_rows())

    rows = list(exports.rows(consultation, questions))
    assert rows[0][3] == "Form version"
    assert sorted(r[3] for r in rows[1:]) == ["Easy Read version", "Standard form"]


@pytest.mark.django_db
def test_an_easy_read_form_asks_one_question_a_screen(both_forms):
    _consultation, _standard, easy = both_forms
    steps = [s for s in steps_for(easy) if s.kind == "questions"]
    assert [len(s.questions) for s in steps] == [1] * len(EASY_READ_QUESTIONS)
    assert [s.questions[0].key for s in steps][:2] == ["support", "use_service"]


@pytest.mark.django_db
def test_the_helpers_find_each_form_by_purpose(both_forms):
    consultation, standard, easy = both_forms
    assert q.form_page_for(consultation).pk == standard.pk
    assert q.easy_read_form_for(consultation).pk == easy.pk
    assert consultation.response_form_page().pk == standard.pk
    assert consultation.easy_read_form_page().pk == easy.pk


@pytest.mark.django_db
def test_the_public_pages_link_the_two_versions_and_count_questions(client, both_forms):
    consultation, standard, easy = both_forms
    page = client.get(consultation.url).content.decode()
    assert f'href="{easy.url}"' in page and "Easy Read version" in page
    first = client.get(easy.url + "step/1/").content.decode()
    assert "Question 1 of 5" in first
    assert f'href="{standard.url}"' in first and "Use the standard form instead" in first
    assert f'href="{easy.url}"' in client.get(standard.url + "step/1/").content.decode()


# --- the editor ------------------------------------------------------------------------------------
def _posted(edit):
    form = edit.context["form"]
    data = QueryDict(mutable=True)
    for bound in list(form) + [
        f for fs in form.formsets.values() for sub in [fs.management_form, *fs.forms] for f in sub
    ]:
        value = bound.value()
        if value is None or value is False or value == []:
            continue
        if isinstance(value, list):
            data.setlist(bound.html_name, [str(v) for v in value])
            continue
        data[bound.html_name] = "on" if value is True else str(value)
    return data


def _errors(response):
    form = response.context["form"]
    return [form.errors] + [f.errors for fs in form.formsets.values() for f in fs.forms]


@pytest.mark.django_db
def test_an_answer_mapped_to_no_standard_answer_is_a_form_error_not_a_server_error(
    client, superuser, both_forms
):
    _consultation, _standard, easy = both_forms
    client.force_login(superuser)
    edit = client.get(f"/admin/pages/{easy.pk}/edit/")
    html = edit.content.decode()
    # The standard question is picked by its wording; each standard answer gets its own box.
    assert (
        '<option value="support" selected>How far do you agree with the proposal?</option>' in html
    )
    assert 'name="form_fields-0-choices__support__strongly_agree"' in html
    data = _posted(edit)
    data["form_fields-0-choices"] = "agree|Yes\nmaybe|Perhaps"
    response = client.post(f"/admin/pages/{easy.pk}/edit/", data)
    assert response.status_code == 200
    assert "Not one of its answers: “maybe”" in response.content.decode()
    assert easy.revisions.count() == 1


@pytest.mark.django_db
def test_the_answer_boxes_become_standard_keys(client, superuser, both_forms):
    _consultation, _standard, easy = both_forms
    client.force_login(superuser)
    data = _posted(client.get(f"/admin/pages/{easy.pk}/edit/"))
    data["form_fields-0-choices__support__strongly_agree"] = "  Yes,   very good  "
    data["form_fields-0-choices__support__disagree"] = "No"
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{easy.pk}/edit/", data)
    assert response.status_code == 302, _errors(response)
    field = easy.__class__.objects.get(pk=easy.pk).form_fields.get(key="support")
    assert field.choices == "strongly_agree|Yes, very good\ndisagree|No"


@pytest.mark.django_db
def test_a_second_form_for_the_same_purpose_is_refused_on_the_field(client, superuser, both_forms):
    consultation, _standard, easy = both_forms
    client.force_login(superuser)
    data = _posted(client.get(f"/admin/pages/{easy.pk}/edit/"))
    data["purpose"] = "standard"
    response = client.post(f"/admin/pages/{easy.pk}/edit/", data)
    assert response.status_code == 200
    assert "already has a form for this purpose" in response.content.decode()
    # A third form cannot be added at all: one per purpose.
    assert not easy.__class__.can_create_at(consultation)


@pytest.mark.django_db
def test_a_picture_needs_a_description(both_forms):
    _consultation, _standard, easy = both_forms
    image = get_image_model().objects.create(title="A bus", file=png_file())
    field = easy.form_fields.get(key="travel")
    field.image, field.image_alt = image, "  "
    with pytest.raises(ValidationError, match="Describe the picture"):
        field.clean()
    assert easy_read.is_easy_read(easy)


@pytest.mark.django_db
def test_the_receipt_uses_the_words_of_the_form_it_came_through(both_forms):
    _consultation, _standard, easy = both_forms
    response, _created = submit_response(easy, {"support": "agree", "use_service": "yes"})
    rows = [row for section in receipt_context(response)["sections"] for row in section["rows"]]
    assert {
        "label": "Is it a good idea to move the unit to the new health centre?",
        "value": "Yes, it is a good idea",
    } in rows
