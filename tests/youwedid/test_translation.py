from wagtail_localize.models import StringTranslation, Translation, TranslationSource

import pytest

from tests.youwedid.conftest import make_outcome


@pytest.mark.django_db
def test_outcome_and_its_items_are_translated_with_wagtail_localize(client, home_page, locales, consultation, django_capture_on_commit_callbacks):
    outcome = make_outcome(home_page, [consultation])
    index = outcome.get_parent().specific
    for page in (home_page, index):
        source, _ = TranslationSource.get_or_create_from_instance(page)
        with django_capture_on_commit_callbacks(execute=True):
            Translation.objects.create(source=source, target_locale=locales["pl"]).save_target(publish=True)
    source, _ = TranslationSource.get_or_create_from_instance(outcome)
    translation = Translation.objects.create(source=source, target_locale=locales["pl"])
    segments = {segment.string.data: segment for segment in source.stringsegment_set.select_related("string")}
    assert "Keep evening opening." in segments and "We have no radiographers at weekends." in segments
    StringTranslation.objects.create(
        translation_of=segments["Keep evening opening."].string, locale=locales["pl"], context=segments["Keep evening opening."].context,
        data="Zachowajcie wieczorne godziny.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    polish = outcome.get_translation(locales["pl"])
    assert polish.live
    assert [item.status for item in polish.items.all()] == ["changed", "will_change", "could_not_change"]
    assert {c.pk for c in polish.consultations.all()} == {consultation.pk}
    html = client.get(polish.url).content.decode()
    assert "Zachowajcie wieczorne godziny." in html
    assert '<html lang="pl"' in html
