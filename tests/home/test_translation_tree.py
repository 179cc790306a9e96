"""Every way a page tree gets translated through the admin leaves the tree sound (issue 14).

Each test drives wagtail-localize's own admin views with the test client, as a translator's clicks
do: "Translate this page" with "Include subtree", a child added to the source later and
translated, "Update translations" with publish, converting a translation to an alias and
translating it again. After each, the translated parent's ``numchild`` matches its children and
the Welsh "Respond online" page is routed to.

Before the fix, wagtail-localize's deferred publish (``transaction.on_commit``) saved the parent
from a stale in-memory copy and wrote ``numchild = 0`` back (see home.tree).
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

import pytest

from consultations.models import ConsultationPage, MaterialPage
from feedback.models import ResponseFormPage
from home.translation import translate_page, translated_instance
from tests.factories import add_form, make_consultation

QUESTIONS = [
    {
        "key": "support",
        "label": "Do you support the proposal?",
        "field_type": "yes_no",
        "required": True,
    }
]


@pytest.fixture
def editor(db, client):
    user = get_user_model().objects.create_superuser(
        "translator", "translator@example.org", "pw-for-tests-only"
    )
    client.force_login(user)
    return user


@pytest.fixture
def welsh_home(home_page, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "cy", {"Have your say": "Dweud eich dweud"})
    return translated_instance(home_page, "cy")


@pytest.fixture
def consultation(welsh_home, home_page):
    page = make_consultation(home_page, title="Minor injuries in Northfield")
    add_form(page, QUESTIONS)
    return page


def submit_for_translation(client, page, locale, *, subtree=True, capture=None):
    data = {"locales": [locale.pk]}
    if subtree:
        data["include_subtree"] = "on"
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def publish_translation(client, page, locale, capture):
    """The editor's "Publish in Cymraeg" button: wagtail-localize's edit view, action=publish."""
    translated = page.get_translation(locale)
    with capture(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[translated.pk]), {"action": "publish"}
        )
    assert response.status_code in (200, 302)
    return Page.objects.get(pk=translated.pk).specific


def assert_form_served(client, form):
    """The Welsh "Respond online" link leads to the Welsh form's first step."""
    assert form.url.startswith("/cy/")
    response = client.get(form.url, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(form.url)
    assert '<html lang="cy"' in response.content.decode()


def assert_tree_sound(page):
    page = Page.objects.get(pk=page.pk)
    assert page.numchild == page.get_children().count()
    assert Page.find_problems() == ([], [], [], [], [])


def test_translate_with_subtree_keeps_numchild_and_respond_online_works(
    editor, client, consultation, locales, django_capture_on_commit_callbacks
):
    submit_for_translation(
        client, consultation, locales["cy"], capture=django_capture_on_commit_callbacks
    )

    welsh = translated_instance(consultation, "cy")
    assert welsh is not None and welsh.get_children().count() == 1
    assert_tree_sound(welsh)
    # Submitting is not publishing: the copies wait for a translator.
    assert not welsh.live
    assert not translated_instance(ResponseFormPage.objects.child_of(consultation).get(), "cy").live

    welsh = publish_translation(
        client, consultation, locales["cy"], django_capture_on_commit_callbacks
    )
    form = publish_translation(
        client,
        ResponseFormPage.objects.child_of(consultation).get(),
        locales["cy"],
        django_capture_on_commit_callbacks,
    )
    assert welsh.live and form.live
    assert_tree_sound(welsh)
    assert client.get(welsh.url).status_code == 200
    assert_form_served(client, form)


def test_a_child_added_later_is_translated_into_a_sound_tree(
    editor, client, consultation, locales, django_capture_on_commit_callbacks
):
    submit_for_translation(
        client, consultation, locales["cy"], capture=django_capture_on_commit_callbacks
    )
    welsh = publish_translation(
        client, consultation, locales["cy"], django_capture_on_commit_callbacks
    )

    material = consultation.add_child(
        instance=MaterialPage(title="Travel times", slug="travel-times")
    )
    material.save_revision().publish()
    submit_for_translation(
        client, material, locales["cy"], subtree=False, capture=django_capture_on_commit_callbacks
    )
    publish_translation(client, material, locales["cy"], django_capture_on_commit_callbacks)

    assert Page.objects.get(pk=welsh.pk).get_children().count() == 2
    assert_tree_sound(welsh)
    assert client.get(translated_instance(material, "cy").url).status_code == 200


def test_update_translations_with_publish_keeps_the_tree(
    editor, client, consultation, locales, django_capture_on_commit_callbacks
):
    submit_for_translation(
        client, consultation, locales["cy"], capture=django_capture_on_commit_callbacks
    )
    welsh = publish_translation(
        client, consultation, locales["cy"], django_capture_on_commit_callbacks
    )
    publish_translation(
        client,
        ResponseFormPage.objects.child_of(consultation).get(),
        locales["cy"],
        django_capture_on_commit_callbacks,
    )
    consultation.summary = "We now also propose longer opening hours."
    consultation.save_revision().publish()

    source = Translation.objects.get(
        source__object_id=consultation.translation_key, target_locale=locales["cy"]
    ).source
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302

    welsh = ConsultationPage.objects.get(pk=welsh.pk)
    assert welsh.summary == "We now also propose longer opening hours."
    assert_tree_sound(welsh)
    form = translated_instance(ResponseFormPage.objects.child_of(consultation).get(), "cy")
    assert_form_served(client, form)


def test_convert_to_alias_and_back_keeps_the_tree(
    editor, client, consultation, locales, django_capture_on_commit_callbacks
):
    submit_for_translation(
        client, consultation, locales["cy"], capture=django_capture_on_commit_callbacks
    )
    welsh = publish_translation(
        client, consultation, locales["cy"], django_capture_on_commit_callbacks
    )
    publish_translation(
        client,
        ResponseFormPage.objects.child_of(consultation).get(),
        locales["cy"],
        django_capture_on_commit_callbacks,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtail_localize:convert_to_alias", args=[welsh.pk]))
    assert response.status_code == 302
    alias = ConsultationPage.objects.get(pk=welsh.pk)
    assert alias.alias_of_id == consultation.pk
    assert_tree_sound(alias)

    # "Translate this page" on the alias turns it back into a translation.
    submit_for_translation(
        client, consultation, locales["cy"], capture=django_capture_on_commit_callbacks
    )
    segment_string = (
        Translation.objects.get(
            source__object_id=consultation.translation_key, target_locale=locales["cy"]
        )
        .source.stringsegment_set.first()
        .string
    )
    StringTranslation.objects.create(
        translation_of=segment_string,
        locale=locales["cy"],
        context=segment_string.segments.first().context,
        data="Mân anafiadau yn Northfield",
    )
    welsh = publish_translation(
        client, consultation, locales["cy"], django_capture_on_commit_callbacks
    )
    assert welsh.alias_of_id is None
    assert_tree_sound(welsh)
    form = translated_instance(ResponseFormPage.objects.child_of(consultation).get(), "cy")
    assert_form_served(client, form)
