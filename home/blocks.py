"""Content blocks shared by every page type that has a body."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from home.accessibility import image_problem, rich_text_problems


class StringChoiceBlock(blocks.ChoiceBlock):
    """A ChoiceBlock whose choices are keyed by strings. A stored string is then already the key,
    so reading a page does not scan the whole choice list for every value, as ChoiceBlock's
    ``to_python`` does (a page's materials read some twenty).
    It deconstructs as a plain ChoiceBlock, so swapping it in changes no migration."""

    def to_python(self, value):
        return value if isinstance(value, str) else super().to_python(value)


class AccessibleRichTextBlock(blocks.RichTextBlock):
    """A RichTextBlock that refuses skipped heading levels, vague link text and images without
    alt text (home.accessibility). It deconstructs as a plain RichTextBlock, so swapping it in
    changes no migration."""

    def clean(self, value):
        value = super().clean(value)
        problems = rich_text_problems(getattr(value, "source", value))
        if problems:
            raise ValidationError(problems)
        return value

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return ("wagtail.blocks.RichTextBlock", args, kwargs)


class AccessibleImageBlock(blocks.StructBlock):
    """An image that must be described, or explicitly marked decorative."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Image description (alt text)"),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label=_("The image is decorative"),
        help_text=_("Tick only if the image adds nothing a person would miss; screen readers will skip it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/accessible_image_block.html"
        description = _("An image with its description (alt text)")
        preview_value = {"alt_text": "", "decorative": True, "caption": ""}

    def clean(self, value):
        value = super().clean(value)
        problem = image_problem(value.get("image"), value.get("alt_text"), value.get("decorative"))
        if problem:
            field = "decorative" if value.get("decorative") and value.get("alt_text") else "alt_text"
            raise blocks.StructBlockValidationError(block_errors={field: ValidationError(problem)})
        return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = StringChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
        help_text=_("Use levels in order: a page's sections are H2, their parts H3."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "What we are proposing", "level": "h2"}
        description = _("A section heading")


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    text = AccessibleRichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "pick"
        template = "blocks/callout_block.html"
        preview_value = {"heading": "Important", "text": "<p>The consultation closes on 31 March.</p>"}
        description = _("An inset box that stands out from the text around it")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = AccessibleRichTextBlock(features=["bold", "italic", "link", "ul", "ol"])


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    items = blocks.ListBlock(FAQItemBlock())

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        preview_value = {
            "heading": "Questions people ask",
            "items": [{"question": "Will my GP change?", "answer": "<p>No.</p>"}],
        }
        description = _("Questions and answers that open and close (an accordion)")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {"quote": "It took three buses to get to my appointment.", "attribution": "A patient"}
        description = _("Something a person said, with who said it")


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150)
    video = EmbedBlock(help_text=_("A YouTube or Vimeo address."))
    transcript = AccessibleRichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Required: everything said and shown, for people who cannot watch or hear it."),
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        preview_value = {"title": "About this consultation", "video": "", "transcript": "<p>Hello.</p>"}
        description = _("An embedded video with its transcript")


class TableWithCaptionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(max_length=200, help_text=_("Says what the table shows."))
    table = TableBlock(table_options={"startRows": 3, "startCols": 3})

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        preview_value = {"caption": "Opening hours", "table": {"data": [["Day", "Hours"], ["Monday", "9 to 5"]], "first_row_is_table_header": True}}
        description = _("A table of data with a caption")


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = AccessibleRichTextBlock(
        features=["h2", "h3", "h4", "bold", "italic", "link", "document-link", "ul", "ol"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        preview_value="<p>We want to hear from everyone who uses these services.</p>",
        description=_("Text with links and lists"),
    )
    callout = CalloutBlock()
    faq = FAQBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    table = TableWithCaptionBlock()
