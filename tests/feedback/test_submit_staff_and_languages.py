from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

import pytest

from feedback.models import Response, ResponseFormField
from tests.feedback.helpers import STEP2, STEP3, complete_steps, send


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw-for-tests-only")
    group = Group.objects.create(name="Engagement team")
    group.permissions.add(Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="add_response"))
    user.groups.add(group)
    return user


@pytest.mark.django_db
def test_staff_enter_a_paper_response(client, form_page, editor):
    client.force_login(editor)
    url = f"/admin/feedback/enter/{form_page.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "How far do you agree with the proposal?" in page.content.decode()
    response = client.post(
        url,
        {"channel": "paper", "received-day": "3", "received-month": "2", "received-year": "2026", "respondent_name": "Mrs Jones",
         "support": "disagree", "use_service": "no", "publication_consent": "none", "idempotency_key": "staff-1"},
    )
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.channel == "paper" and stored.entered_by == editor and stored.name == "Mrs Jones"
    assert stored.submitted_at.date().isoformat() == "2026-02-03"
    assert stored.answers == {"support": "disagree", "use_service": "no", "publication_consent": "none"}
    again = client.post(url, {"channel": "paper", "support": "disagree", "use_service": "no", "idempotency_key": "staff-1"})
    assert again.status_code == 302 and Response.objects.count() == 1


@pytest.mark.django_db
def test_staff_entry_shows_errors_and_saves_nothing(client, form_page, editor):
    client.force_login(editor)
    response = client.post(f"/admin/feedback/enter/{form_page.pk}/", {"channel": "phone", "support": "nonsense"})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_staff_entry_needs_permission(client, form_page):
    user = get_user_model().objects.create_user("viewer", "v@example.org", "pw-for-tests-only")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(f"/admin/feedback/enter/{form_page.pk}/")
    assert response.status_code in (302, 403)
    assert Response.objects.count() == 0


@pytest.fixture
def welsh_form(form_page, consultation, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        welsh_consultation = consultation.copy_for_translation(locales["cy"], copy_parents=True)
        for ancestor in welsh_consultation.get_ancestors().filter(locale=locales["cy"], alias_of__isnull=True):
            ancestor.specific.save_revision().publish()
        welsh_consultation.save_revision().publish()
        welsh = form_page.copy_for_translation(locales["cy"])
        welsh.save_revision().publish()
    support = welsh.form_fields.get(key="support")
    support.label = "I ba raddau ydych chi'n cytuno â'r cynnig?"
    support.save()
    travel = welsh.form_fields.get(key="travel")
    travel.choices = "Mewn car\nAr fws\nAr droed neu ar feic\nMewn tacsi"
    travel.save()
    return type(welsh).objects.get(pk=welsh.pk)


@pytest.mark.django_db
def test_welsh_response_is_stored_against_source_with_same_keys(client, welsh_form, consultation):
    assert welsh_form.url.startswith("/cy/")
    assert ResponseFormField.objects.filter(key="travel").count() == 2
    step1 = client.get(f"{welsh_form.url}step/1/").content.decode()
    assert "I ba raddau ydych chi" in step1 and "Ar fws" in step1 and 'value="bus"' in step1
    complete_steps(
        client,
        welsh_form,
        steps=({"support": "agree", "use_service": "no", "travel": ["bus"]}, STEP2, STEP3, {}),
    )
    sent, _ = send(client, welsh_form)
    assert sent.status_code == 302
    stored = Response.objects.get()
    assert stored.consultation_id == consultation.pk
    assert stored.locale.language_code == "cy"
    assert stored.answers["travel"] == ["bus"] and stored.answers["support"] == "agree"
