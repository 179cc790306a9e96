from django.template.loader import render_to_string
from django.utils import translation

import pytest


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", 'data-i18n.characters-under-limit.other="You have %{count} characters remaining"'),
        ("pl", 'data-i18n.characters-under-limit.many="Pozostało %{count} znaków"'),
        ("ur", 'data-i18n.characters-over-limit.other="آپ نے %{count} حروف زیادہ لکھے ہیں"'),
        ("cy", 'data-i18n.characters-at-limit="Mae gennych 0 nod ar ôl"'),
    ],
)
def test_character_count_messages_are_in_the_page_language(language, expected):
    """NHS.UK's character count script reads its live messages from these attributes."""
    with translation.override(language):
        html = render_to_string("feedback/includes/character_count_i18n.html")
    assert expected in html
    assert "%%" not in html
