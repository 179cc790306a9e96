"""Editors are helped to stay accessible: rich text, images and documents are checked on save."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

import pytest

from home.accessibility import rich_text_problems, validate_accessible_rich_text
from home.blocks import AccessibleImageBlock, AccessibleRichTextBlock, BodyStreamBlock
from home.models import DocumentLanguage, HomePage


@pytest.mark.parametrize(
    "html",
    [
        "<h2>Why</h2><h4>Details</h4>",
        "<h1>A second page title</h1>",
        '<p>To respond <a href="/r/">click here</a>.</p>',
        '<p><a href="/r/">Read more</a></p>',
        '<p>See <a href="https://example.nhs.uk/x">https://example.nhs.uk/x</a></p>',
        '<embed embedtype="image" id="1" format="left" alt=""/>',
    ],
)
def test_inaccessible_rich_text_is_flagged(html):
    assert rich_text_problems(html)
    with pytest.raises(ValidationError):
        validate_accessible_rich_text(html)


@pytest.mark.parametrize(
    "html",
    [
        "<h2>Why</h2><h3>Details</h3><h2>Next</h2>",
        "<h3>Continuing a section opened above</h3><p>Text</p>",
        '<p><a href="/r/">Read the consultation document</a></p>',
        '<embed embedtype="image" id="1" format="left" alt="A nurse at the front desk"/>',
    ],
)
def test_accessible_rich_text_passes(html):
    assert rich_text_problems(html) == []
    validate_accessible_rich_text(html)


def test_skipped_heading_message_names_the_heading_and_the_level_to_use():
    [problem] = rich_text_problems("<h2>Why</h2><h4>Details</h4>")
    assert "Details" in problem and "heading 3" in problem


def test_body_paragraphs_refuse_vague_links_but_stay_plain_richtextblocks_for_migrations():
    paragraph = BodyStreamBlock().child_blocks["paragraph"]
    assert isinstance(paragraph, AccessibleRichTextBlock)
    assert paragraph.deconstruct()[0] == "wagtail.blocks.RichTextBlock"
    value = paragraph.to_python('<p><a href="/x/">here</a></p>')
    with pytest.raises(ValidationError) as error:
        paragraph.clean(value)
    assert "does not say where the link goes" in str(error.value)


def test_home_page_body_refuses_skipped_headings(home_page):
    home_page.body = "<h2>About</h2><h4>Details</h4>"
    with pytest.raises(ValidationError) as error:
        home_page.full_clean()
    assert "body" in error.value.message_dict
    assert HomePage._meta.get_field("body").validators


class _Image:
    pk = 1


@pytest.mark.parametrize(
    ("alt", "decorative", "error_field"),
    [("", False, "alt_text"), ("A nurse", True, "decorative"), ("Image of a nurse", False, "alt_text")],
)
def test_image_needs_alt_text_or_the_decorative_tick(alt, decorative, error_field):
    block = AccessibleImageBlock()
    value = blocks.StructValue(block, [("image", _Image()), ("alt_text", alt), ("decorative", decorative), ("caption", "")])
    with pytest.raises(blocks.StructBlockValidationError) as error:
        _clean_struct(block, value)
    assert error_field in error.value.block_errors


def test_image_with_alt_text_or_decorative_is_accepted():
    block = AccessibleImageBlock()
    for alt, decorative in [("A nurse at the front desk", False), ("", True)]:
        value = blocks.StructValue(block, [("image", _Image()), ("alt_text", alt), ("decorative", decorative), ("caption", "")])
        assert _clean_struct(block, value) is value


def _clean_struct(block, value):
    """Run AccessibleImageBlock's own rule without the image chooser's database lookup."""
    original = blocks.StructBlock.clean
    blocks.StructBlock.clean = lambda self, v: v
    try:
        return block.clean(value)
    finally:
        blocks.StructBlock.clean = original


def _document_form(data, instance=None):
    from django.http import QueryDict

    form_class = get_document_form(get_document_model())
    posted = QueryDict(mutable=True)
    posted.update(data)
    data = posted
    files = {"file": ContentFile(b"%PDF-1.4 demo", name="proposal.pdf")} if instance is None else {}
    return form_class(data=data, files=files, instance=instance, user=None)


@pytest.mark.django_db
def test_document_needs_a_language_and_a_real_title(admin_user):
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    form = _document_form({"title": "proposal_final_v2.pdf", "collection": root.pk})
    assert not form.is_valid()
    assert "language" in form.errors and "title" in form.errors

    form = _document_form({"title": "Our proposal (summary)", "collection": root.pk, "language": "pl"})
    assert form.is_valid(), form.errors
    document = form.save()
    assert DocumentLanguage.objects.get(document=document).language == "pl"

    edit = _document_form({"title": "Our proposal", "collection": root.pk, "language": "ur"}, instance=document)
    assert edit.fields["language"].initial == "pl"
    assert edit.is_valid(), edit.errors
    edit.save()
    assert DocumentLanguage.objects.get(document=document).language == "ur"


@pytest.mark.django_db
def test_the_multiple_uploaders_document_gets_its_language_when_wagtail_saves_it(admin_user):
    """Wagtail's multiple uploader calls save(commit=False), then saves the document itself."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    form = _document_form({"title": "Our proposal (summary)", "collection": root.pk, "language": "cy"})
    assert form.is_valid(), form.errors
    document = form.save(commit=False)
    assert not DocumentLanguage.objects.exists()
    document.uploaded_by_user = admin_user
    document.save()
    assert DocumentLanguage.objects.get(document=document).language == "cy"
    other = get_document_model().objects.create(title="Another", file=ContentFile(b"%PDF-1.4", name="b.pdf"))
    assert not DocumentLanguage.objects.filter(document=other).exists()  # only the form's own document
    document.save()
    assert DocumentLanguage.objects.filter(document=document).count() == 1
