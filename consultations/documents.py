"""What a visitor is told about a file before they open it: type, size and, for PDFs, pages.

Page counts are read when a document is saved (signal below) and kept; when one is missing — a
document uploaded before this existed, or a replaced file — it is read on first display and kept.
"""

import logging

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultations.models import DocumentPageCount
from consultations.pdf import count_pdf_pages_in_file

logger = logging.getLogger(__name__)

FILE_TYPES = {
    "pdf": ("PDF", _("Portable Document Format")),
    "docx": ("DOCX", _("Microsoft Word document")),
    "odt": ("ODT", _("OpenDocument text document")),
    "rtf": ("RTF", _("Rich Text Format")),
    "txt": ("TXT", _("Plain text file")),
    "mp3": ("MP3", _("MP3 audio file")),
    "ogg": ("OGG", _("Ogg audio file")),
    "oga": ("OGG", _("Ogg audio file")),
    "wav": ("WAV", _("Waveform audio file")),
    "m4a": ("M4A", _("MPEG-4 audio file")),
    "mp4": ("MP4", _("MPEG-4 video file")),
    "webm": ("WebM", _("WebM video file")),
    "brf": ("BRF", _("Braille Ready Format file, for a braille display or embosser")),
    "html": ("HTML", _("HyperText Markup Language")),
    "csv": ("CSV", _("Comma-separated values")),
    "xlsx": ("XLSX", _("Microsoft Excel spreadsheet")),
}


def file_type(document):
    extension = document.file_extension.lower()
    return FILE_TYPES.get(extension, (extension.upper(), ""))


def human_size(num_bytes):
    """GOV.UK style: '820 bytes', '245 KB', '1.2 MB'."""
    if num_bytes is None:
        return ""
    if num_bytes < 1024:
        return ngettext("%(size)d byte", "%(size)d bytes", num_bytes) % {"size": num_bytes}
    if num_bytes < 1024 * 1024:
        return _("%(size)s KB") % {"size": max(1, round(num_bytes / 1024))}
    return _("%(size)s MB") % {"size": f"{num_bytes / (1024 * 1024):.1f}".rstrip("0").rstrip(".")}


def is_pdf(document):
    return document.file_extension.lower() == "pdf"


def read_page_count(document):
    try:
        with document.open_file() as handle:
            return count_pdf_pages_in_file(handle)
    except (OSError, ValueError) as error:
        logger.warning("Could not read the pages of document %s: %s", document.pk, error)
        return None


def record_page_count(document):
    count = read_page_count(document)
    DocumentPageCount.objects.update_or_create(
        document_id=document.pk,
        defaults={"file_hash": document.file_hash or "", "page_count": count},
    )
    return count


def page_counts_for(documents):
    """{document id: page count} for the PDFs among `documents`, in one query when all are known."""
    pdfs = {doc.pk: doc for doc in documents if doc is not None and is_pdf(doc)}
    if not pdfs:
        return {}
    known = {
        record.document_id: record
        for record in DocumentPageCount.objects.filter(document_id__in=list(pdfs))
    }
    counts = {}
    for pk, document in pdfs.items():
        record = known.get(pk)
        if record is not None and record.file_hash == (document.file_hash or ""):
            counts[pk] = record.page_count
        else:  # first time shown, or the file was replaced: read it once and keep the answer
            counts[pk] = record_page_count(document)
    return counts


def document_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """post_save of the document model: count a PDF's pages now, not while serving visitors."""
    if raw or not instance.file or not is_pdf(instance):
        return
    if update_fields is not None and not {"file", "file_hash"} & set(update_fields):
        return
    record_page_count(instance)
