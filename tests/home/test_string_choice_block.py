"""home.blocks.StringChoiceBlock: reading a stored choice gives what ChoiceBlock gives, without
reading the choice list each time."""

from django.core.exceptions import ValidationError

from wagtail import blocks

import pytest

from home.blocks import StringChoiceBlock


def counting_choices(calls):
    def choices():
        calls.append(1)
        return [("en", "English"), ("cy", "Cymraeg")]

    return choices


def test_reads_a_stored_choice_as_choiceblock_does_without_reading_the_choices():
    calls = []
    ours, wagtails = (
        StringChoiceBlock(choices=counting_choices(calls)),
        blocks.ChoiceBlock(choices=counting_choices([])),
    )
    calls.clear()
    for stored in ("en", "cy", "gone-since"):  # a choice since removed is kept as it was stored
        assert ours.to_python(stored) == wagtails.to_python(stored) == stored
    assert ours.to_python(None) is None
    assert calls == []


def test_still_checks_choices_when_a_page_is_saved():
    block = StringChoiceBlock(choices=[("en", "English")])
    assert block.clean("en") == "en"
    with pytest.raises(ValidationError, match="xx"):
        block.clean("xx")


def test_deconstructs_as_a_plain_choiceblock_so_no_migration_changes():
    path, _args, kwargs = StringChoiceBlock(choices=[("en", "English")]).deconstruct()
    assert path == "wagtail.blocks.ChoiceBlock"
    assert kwargs["choices"] == [("en", "English")]
