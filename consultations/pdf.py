"""Counting the pages of a PDF without a PDF library: enough for the documents editors upload.

The count is read once, when a document is saved (or the first time it is shown), and kept in
`DocumentPageCount`; pages never parse PDFs while serving a visitor.
"""

import re
import zlib

MAX_BYTES = 80 * 1024 * 1024  # do not read enormous files into memory to count their pages

_PAGES_COUNT = re.compile(
    rb"/Type\s*/Pages\b[^<>]*?/Count\s+(\d+)|/Count\s+(\d+)[^<>]*?/Type\s*/Pages\b",
)
_LEAF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_STREAM_START = re.compile(rb"stream\r?\n")


def _object_streams(data):
    """Decompressed object streams (PDF 1.5+), where page dictionaries may hide."""
    for match in _STREAM_START.finditer(data):
        head = data[max(0, match.start() - 400) : match.start()]
        dict_start = head.rfind(b"<<")
        if (
            dict_start == -1
            or b"/ObjStm" not in head[dict_start:]
            or b"/FlateDecode" not in head[dict_start:]
        ):
            continue
        end = data.find(b"endstream", match.end())
        if end == -1:
            continue
        try:
            yield zlib.decompressobj().decompress(data[match.end() : end])
        except zlib.error:
            continue


def count_pdf_pages(data):
    """Number of pages in the PDF `data` (bytes), or None when it does not look like a PDF."""
    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        return None
    chunks = [data, *_object_streams(data)]
    # The page tree's root carries the total; intermediate nodes carry less, so the largest wins.
    counts = [int(a or b) for chunk in chunks for a, b in _PAGES_COUNT.findall(chunk)]
    if counts:
        return max(counts)
    leaves = sum(len(_LEAF_PAGE.findall(chunk)) for chunk in chunks)
    return leaves or None


def count_pdf_pages_in_file(fileobj):
    data = fileobj.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return None
    return count_pdf_pages(data)
