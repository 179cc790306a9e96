"""Small real files made on the spot, for the demo and the tests: PDFs, a WAV and a Braille-ready file.

Nothing is downloaded: PDFs are drawn with reportlab (already a dependency), audio is a short WAV
written with the standard library's `wave` module.
"""

import io
import math
import wave

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer


def make_pdf(title, pages, *, font_size=12, language="en-GB"):
    """A PDF with one page per item of `pages` (each a list of paragraphs). Large print: font_size ≥ 16."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Have Your Say demo",
        lang=language,
        leftMargin=56,
        rightMargin=56,
        topMargin=56,
        bottomMargin=56,
    )
    heading = ParagraphStyle(
        "heading",
        fontName="Helvetica-Bold",
        fontSize=font_size * 1.6,
        leading=font_size * 2.1,
        spaceAfter=font_size,
    )
    body = ParagraphStyle(
        "body",
        fontName="Helvetica",
        fontSize=font_size,
        leading=font_size * 1.5,
        spaceAfter=font_size * 0.8,
    )
    story = []
    for number, paragraphs in enumerate(pages):
        if number:
            story.append(PageBreak())
        if number == 0:
            story += [Paragraph(title, heading), Spacer(1, font_size)]
        story += [Paragraph(text, body) for text in paragraphs]
    document.build(story)
    return buffer.getvalue()


def make_wav(seconds=2.0, rate=8000):
    """A short, quiet two-note chime: mono, 8-bit, 8 kHz (about 16 KB for two seconds)."""
    buffer = io.BytesIO()
    frames = bytearray()
    total = int(seconds * rate)
    for i in range(total):
        frequency = 440 if i < total / 2 else 660
        fade = min(1.0, i / 400, (total - i) / 400)
        frames.append(int(128 + 40 * fade * math.sin(2 * math.pi * frequency * i / rate)))
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


# North American Braille ASCII for letters, digits (with the number sign) and common punctuation:
# the plain-text encoding of .brf files, which braille embossers and displays read.
_BRAILLE_ASCII = {c: c.upper() for c in "abcdefghijklmnopqrstuvwxyz"}
_BRAILLE_ASCII.update(
    {" ": " ", ",": "1", ".": "4", "?": "8", "!": "6", "-": "-", "'": "'", ":": "3", ";": "2"}
)
_DIGITS = {
    "1": "A",
    "2": "B",
    "3": "C",
    "4": "D",
    "5": "E",
    "6": "F",
    "7": "G",
    "8": "H",
    "9": "I",
    "0": "J",
}


def to_braille_ascii(text):
    out = []
    in_number = False
    for char in text:
        if char.isdigit():
            if not in_number:
                out.append("#")
                in_number = True
            out.append(_DIGITS[char])
            continue
        in_number = False
        if char.isupper():
            out.append(",")
            char = char.lower()
        out.append(_BRAILLE_ASCII.get(char, ""))
    return "".join(out)


def make_brf(lines, width=40, page_lines=25):
    """A Braille-ready file: 40-cell lines, 25 lines a page, pages separated by form feeds."""
    cells = []
    for line in lines:
        words = to_braille_ascii(line).split(" ")
        current = ""
        for word in words:
            if len(current) + len(word) + (1 if current else 0) > width:
                cells.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        cells.append(current)
        cells.append("")
    pages = ["\r\n".join(cells[i : i + page_lines]) for i in range(0, len(cells), page_lines)]
    return "\f".join(pages).encode("ascii")


def wav_duration_seconds(data):
    with wave.open(io.BytesIO(data)) as audio:
        return audio.getnframes() / audio.getframerate()


def create_document(title, filename, data, collection=None):
    """A Wagtail document holding `data`, with its size and hash set as the admin's upload sets them."""

    root = Collection.get_first_root_node() or Collection.add_root(
        name="Root"
    )  # a flushed test database
    document = get_document_model()(title=title, collection=collection or root)
    document.file.save(filename, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document
