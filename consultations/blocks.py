"""The blocks of a consultation: its materials (each with versions in many formats) and key dates.

Materials are a StreamField so a page's documents and pages load in bulk (one query each, however
many materials and versions there are) — see `consultations.materials.prepare_materials`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from consultations.choices import MaterialFormat, material_language_choices
from home.blocks import StringChoiceBlock

AUDIO_EXTENSIONS = {"mp3", "ogg", "oga", "wav", "m4a"}
VIDEO_EXTENSIONS = {"mp4", "webm"}


class MaterialVersionBlock(blocks.StructBlock):
    format = StringChoiceBlock(
        choices=MaterialFormat.choices,
        default=MaterialFormat.STANDARD,
        help_text=_("Which format this version is in."),
    )
    language = StringChoiceBlock(
        choices=material_language_choices,
        default="en",
        help_text=_("The language this version is written or spoken in."),
    )
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_(
            "Leave blank to use the material's title. For a version in another language, write its title "
            "in that language."
        ),
    )
    document = DocumentChooserBlock(
        required=False,
        help_text=_(
            "A file: PDF, Word, audio (MP3, OGG or WAV), video (MP4) or Braille-ready (BRF)."
        ),
    )
    page = blocks.PageChooserBlock(
        page_type="consultations.MaterialPage",
        required=False,
        help_text=_(
            "Or an accessible web page version: add it as a 'material page' under this consultation."
        ),
    )
    video_url = blocks.URLBlock(
        required=False,
        help_text=_(
            "Or a link to a video, for example the British Sign Language version on YouTube."
        ),
    )
    note = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Anything a reader should know first, for example 'Chapters 1 to 3 only'."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Version")
        form_classname = "struct-block hys-material-version"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        sources = [name for name in ("document", "page", "video_url") if value.get(name)]
        document = value.get("document")
        extension = document.file_extension.lower() if document else ""
        fmt = value.get("format")
        if not sources:
            errors["document"] = ValidationError(
                _("Choose a file, a web page or a video link for this version.")
            )
        elif len(sources) > 1:
            errors[sources[1]] = ValidationError(
                _(
                    "A version is one thing: a file, a web page or a video link. Add another version for the others."
                )
            )
        if fmt == MaterialFormat.AUDIO and not (document and extension in AUDIO_EXTENSIONS):
            errors["document"] = ValidationError(
                _("An audio version needs an MP3, OGG or WAV file.")
            )
        if fmt == MaterialFormat.ACCESSIBLE_HTML and not value.get("page"):
            errors["page"] = ValidationError(
                _("An accessible web page version needs the web page chosen here.")
            )
        if fmt == MaterialFormat.BSL_VIDEO and not (
            value.get("video_url") or extension in VIDEO_EXTENSIONS
        ):
            errors["video_url"] = ValidationError(
                _("A BSL video version needs a video link or an MP4 or WebM file.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class MaterialBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=200,
        help_text=_("What the material is, for example 'Consultation document' or 'Summary'."),
    )
    description = blocks.TextBlock(
        required=False,
        max_length=600,
        help_text=_("One or two sentences: what is in it and who it is for."),
    )
    versions = blocks.ListBlock(
        MaterialVersionBlock(),
        min_num=1,
        help_text=_(
            "Every format and language this material is available in. Put the standard version first."
        ),
    )

    class Meta:
        icon = "doc-full"
        template = "consultations/blocks/material_block.html"
        label = _("Material")
        description = _("A document, with every format and language it is available in")
        preview_value = {
            "title": "Consultation document",
            "description": "Everything we are proposing and why.",
            "versions": [
                {
                    "format": "bsl_video",
                    "language": "en",
                    "video_url": "https://www.example.org/bsl-video",
                },
            ],
        }

    def get_context(self, value, parent_context=None):
        # circular: consultations.materials imports these blocks
        from consultations.materials import prepare_material

        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        request = (parent_context or {}).get("request")
        context["material"] = prepare_material(value, page=page, request=request)
        context["format_request_url"] = (parent_context or {}).get("format_request_url")
        return context


class MaterialsBlock(blocks.StreamBlock):
    material = MaterialBlock()

    class Meta:
        block_counts = {}


class KeyDateBlock(blocks.StructBlock):
    when = blocks.CharBlock(
        max_length=80,
        help_text=_("A date or a time of year, for example '14 May 2027' or 'Summer 2027'."),
    )
    what = blocks.CharBlock(max_length=200, help_text=_("What happens, in plain words."))
    details = blocks.TextBlock(required=False, max_length=600)

    class Meta:
        icon = "date"
        template = "consultations/blocks/key_date_block.html"
        label = _("Key date")
        description = _("One step on the way to a decision")
        preview_value = {
            "when": "Summer 2027",
            "what": "The board decides",
            "details": "At a public meeting.",
        }


class KeyDatesBlock(blocks.StreamBlock):
    key_date = KeyDateBlock()
