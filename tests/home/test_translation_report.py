"""Translators see, per consultation, what is translated, out of date and missing, questions and
choices included, and move texts in and out as PO files (issue 14; home.translation_report)."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail_localize.models import Translation

import polib
import pytest

from home.translation import translate_page, translated_instance
from home.translation_report import (
    DRAFT,
    MISSING,
    OUTDATED,
    TRANSLATED,
    translation_report,
)
from tests.factories import add_form, make_consultation

QUESTIONS = [
    {
        "key": "support",
        "label": "Do you support the proposal?",
        "field_type": "single_choice",
        "choices": "Yes\nNo\nNot sure",
        "required": True,
    }
]


@pytest.fixture
def consultation(home_page, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "cy", {"Have your say": "Dweud eich dweud"})
    page = make_consultation(home_page, title="Minor injuries in Northfield")
    add_form(page, QUESTIONS)
    return page


@pytest.fixture
def staff(db, client):
    user = get_user_model().objects.create_superuser(
        "translator", "t@example.org", "pw-for-tests-only"
    )
    client.force_login(user)
    return user


def statuses(consultation, code):
    return {
        row.page.title: next(s for s in row.languages if s.locale.language_code == code)
        for row in translation_report(consultation)
    }


def test_report_shows_missing_draft_and_untranslated_questions(
    consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(
            consultation, "cy", {"Minor injuries in Northfield": "Mân anafiadau yn Northfield"}
        )
        form = consultation.get_children().get().specific
        translate_page(
            form,
            "cy",
            {"Do you support the proposal?": "Ydych chi'n cefnogi'r cynnig?"},
            publish=False,
        )

    welsh = statuses(consultation, "cy")
    form_status = welsh[form.title]
    assert form_status.state == DRAFT
    assert 0 < form_status.done < form_status.total
    # The answer choices are among the texts still to translate; the translated question is not.
    assert any("Not sure" in text for text in form_status.untranslated)
    assert "Do you support the proposal?" not in form_status.untranslated
    assert statuses(consultation, "pl")[consultation.title].state == MISSING

    consultation.summary = "We also propose longer opening hours."
    consultation.save_revision().publish()
    assert statuses(consultation, "cy")[consultation.title].state == OUTDATED


def test_admin_status_page_lists_each_page_and_language(
    consultation, staff, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(
            consultation, "cy", {"Minor injuries in Northfield": "Mân anafiadau yn Northfield"}
        )
    response = client.get(reverse("home_translation_status", args=[consultation.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Minor injuries in Northfield" in html and "Respond: Minor injuries in Northfield" in html
    )
    assert 'data-locale="cy" data-state="' in html
    assert "Download PO file" in html
    assert reverse("wagtail_localize:submit_page_translation", args=[consultation.pk]) in html
    # The page editor's header offers the report.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk])).content.decode()
    assert reverse("home_translation_status", args=[consultation.pk]) in edit


def test_status_page_needs_edit_permission(consultation, client):
    user = get_user_model().objects.create_user("visitor", "v@example.org", "pw-for-tests-only")
    client.force_login(user)
    response = client.get(reverse("home_translation_status", args=[consultation.pk]))
    assert response.status_code in (302, 403)


def test_po_file_round_trip_translates_the_form_questions_and_choices(
    consultation, staff, client, django_capture_on_commit_callbacks
):
    form = consultation.get_children().get().specific
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(consultation, "cy", {})
        translate_page(form, "cy", {}, publish=False)
    translation = Translation.objects.get(
        source__object_id=form.translation_key, target_locale__language_code="cy"
    )

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    msgids = [entry.msgid for entry in po]
    assert "Do you support the proposal?" in msgids
    welsh = {
        "Do you support the proposal?": "Ydych chi'n cefnogi'r cynnig?",
        "Not sure": "Ddim yn siŵr",
    }
    for entry in po:
        if entry.msgid in welsh:
            entry.msgstr = welsh[entry.msgid]
        elif "Not sure" in entry.msgid:
            entry.msgstr = (
                entry.msgid.replace("Not sure", "Ddim yn siŵr")
                .replace("Yes", "Ydw")
                .replace("No\n", "Nac ydw\n")
            )
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {
            "file": SimpleUploadedFile(
                "form-cy.po", str(po).encode(), "text/x-gettext-translation"
            ),
            "next": "/admin/",
        },
    )
    assert upload.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[translated_instance(form, "cy").pk]),
            {"action": "publish"},
        )
    assert response.status_code in (200, 302)
    welsh_form = translated_instance(form, "cy")
    assert welsh_form.live
    field = welsh_form.form_fields.get()
    assert field.label == "Ydych chi'n cefnogi'r cynnig?"
    assert "Ddim yn siŵr" in field.choices
    assert statuses(consultation, "cy")[form.title].state in (TRANSLATED, "incomplete")
