"""A consultation's materials, ready to show: every version with its format, language and file details.

One pass over the StreamField (documents and pages already loaded in bulk by Wagtail), then one
query for all the PDFs' page counts — the number of queries does not grow with the materials.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import get_language

from consultations.blocks import AUDIO_EXTENSIONS, VIDEO_EXTENSIONS
from consultations.choices import MATERIAL_LANGUAGE_NATIVE_NAMES, RTL_LANGUAGES, MaterialFormat
from consultations.documents import FILE_TYPES, file_type, human_size, page_counts_for
from home.public_urls import public_url
from home.request_memo import locale_of


@dataclass
class Version:
    format: str
    format_label: str
    language: str
    language_name: str
    other_language: bool
    text_direction: str
    link_text: str
    kind: str  # "document", "page" or "video"
    url: str
    absolute_url: str
    note: str = ""
    file_type: str = ""
    file_type_title: str = ""
    size: str = ""
    page_count: int | None = None
    is_audio: bool = False
    is_video: bool = False


@dataclass
class Material:
    title: str
    description: str
    block_id: str
    versions: list = field(default_factory=list)

    @property
    def anchor(self):
        return self.block_id or slugify(self.title)

    @property
    def formats(self):
        return {version.format for version in self.versions}


def _page_language(page):
    if page is not None and getattr(page, "locale_id", None):
        return locale_of(page).language_code  # the request's locales: no query of its own
    return get_language() or "en"


def _versions_of(value):
    return list(value.get("versions") or [])


def prepare_material(
    value, *, page=None, request=None, page_counts=None, block_id="", page_language=None
):
    if page_counts is None:
        page_counts = page_counts_for([version.get("document") for version in _versions_of(value)])
    page_language = page_language or _page_language(page)
    material = Material(
        title=value.get("title", ""), description=value.get("description", ""), block_id=block_id
    )
    for version in _versions_of(value):
        prepared = _prepare_version(
            version, value.get("title", ""), page_counts, page_language, request
        )
        if prepared is not None:
            material.versions.append(prepared)
    return material


def _prepare_version(version, material_title, page_counts, page_language, request):
    language = version.get("language") or page_language
    other_language = language.split("-")[0] != page_language.split("-")[0]
    fmt = version.get("format") or MaterialFormat.STANDARD
    document = version.get("document")
    chosen_page = version.get("page")
    video_url = version.get("video_url")
    # Link text in the version's own language: its own title, or the language's own name.
    own_title = (version.get("title") or "").strip()
    if other_language:
        link_text = own_title or MATERIAL_LANGUAGE_NATIVE_NAMES.get(language, language)
    elif own_title:
        link_text = own_title
    elif fmt == MaterialFormat.STANDARD:
        link_text = material_title
    else:  # unique link text: "Consultation document: Easy Read"
        link_text = f"{material_title}: {MaterialFormat(fmt).label if fmt in MaterialFormat.values else fmt}"
    common = {
        "format": fmt,
        "format_label": str(MaterialFormat(fmt).label) if fmt in MaterialFormat.values else fmt,
        "language": language,
        "language_name": MATERIAL_LANGUAGE_NATIVE_NAMES.get(language, language),
        "other_language": other_language,
        "text_direction": "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr",
        "link_text": link_text,
        "note": version.get("note") or "",
    }
    if document is not None:
        extension = document.file_extension.lower()
        short_type, type_title = file_type(document)
        url = document.url
        return Version(
            kind="document",
            url=url,
            absolute_url=public_url(url),
            file_type=short_type,
            file_type_title=str(type_title),
            size=human_size(document.file_size),
            page_count=page_counts.get(document.pk),
            is_audio=extension in AUDIO_EXTENSIONS,
            is_video=extension in VIDEO_EXTENSIONS,
            **common,
        )
    if chosen_page is not None:
        if not chosen_page.live:
            return None
        url = chosen_page.get_url(request)
        return Version(
            kind="page",
            url=url,
            absolute_url=public_url(chosen_page, request),
            file_type="HTML",
            file_type_title=str(file_type_title_html()),
            **common,
        )
    if video_url:
        return Version(kind="video", url=video_url, absolute_url=video_url, **common)
    return None


def file_type_title_html():
    return FILE_TYPES["html"][1]


def prepare_materials(page, request=None):
    """Every material of `page`, in order, each with its versions ready for the template."""
    stream = list(page.materials)
    documents = [
        version.get("document") for block in stream for version in _versions_of(block.value)
    ]
    page_counts = page_counts_for(documents)
    page_language = _page_language(page)
    return [
        prepare_material(
            block.value,
            page=page,
            request=request,
            page_counts=page_counts,
            block_id=block.id,
            page_language=page_language,
        )
        for block in stream
        if block.block_type == "material"
    ]


def material_titles(page):
    """(block id, title) of each material: the choices on the 'request another format' form."""
    return [
        (block.id, block.value.get("title", ""))
        for block in page.materials
        if block.block_type == "material"
    ]
