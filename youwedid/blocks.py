"""Blocks of the outcome page: documents, and the dated progress updates on each item."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class ProgressUpdateBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("date"))
    text = blocks.TextBlock(label=_("what has happened"))

    class Meta:
        icon = "date"
        template = "youwedid/blocks/progress_update.html"
        preview_value = {"date": "2026-03-01", "text": "The new evening clinic opened at Eastbrook."}
        description = _("A dated note of progress on this item")
        label = _("progress update")


class ProgressUpdatesBlock(blocks.StreamBlock):
    update = ProgressUpdateBlock()

    class Meta:
        icon = "date"
        description = _("Progress updates, newest last")


class DocumentLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        template = "youwedid/blocks/document_link.html"
        preview_value = {"title": "Board papers, 12 March", "url": "https://www.example.nhs.uk/board"}
        description = _("A document published elsewhere")
        label = _("link to a document")


class DocumentsBlock(blocks.StreamBlock):
    document = DocumentChooserBlock(
        label=_("document"), template="youwedid/blocks/document.html", icon="doc-full",
        description=_("A document from the library"),
    )
    link = DocumentLinkBlock()

    class Meta:
        icon = "doc-full"
        description = _("Documents: the engagement report, papers, and anything else people may want")
