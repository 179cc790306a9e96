from django.contrib.auth import get_user_model

import pytest

from feedback.models import ResponseFormPage


@pytest.mark.django_db
def test_editors_can_open_the_form_builder(client, form_page, consultation):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-for-tests-only")
    client.force_login(admin)
    edit = client.get(f"/admin/pages/{form_page.pk}/edit/")
    html = edit.content.decode()
    assert edit.status_code == 200
    assert "Agree–disagree scale" in html and "Grid (several statements on one scale)" in html
    assert "start a new step" in html.lower() and "show only if question" in html.lower()
    add = client.get(f"/admin/pages/add/feedback/responseformpage/{consultation.pk}/")
    assert add.status_code in (200, 302)


@pytest.mark.django_db
def test_form_page_rules(form_page):
    assert ResponseFormPage.parent_page_types == ["consultations.ConsultationPage"]
    assert ResponseFormPage.subpage_types == []
