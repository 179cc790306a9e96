"""Byte ranges (HTTP 206) for the files the site serves itself.

A browser plays a video by asking for parts of it: Safari on an iPhone or iPad plays no video from
a server that cannot answer ``Range: bytes=0-1``, and every browser needs ranges to jump about in
one. Wagtail's document view (a consultation's BSL video, its audio version) and the staff view of
a BSL video answer answer with Django's FileResponse, which always sends the whole file.
``ByteRangeMiddleware`` turns such a response into the part asked for: one range (``bytes=500-``,
``bytes=500-999``, ``bytes=-500``), honouring ``If-Range``. A request for several ranges gets the
whole file, as HTTP allows (RFC 9110 §14.2); one beyond the end gets 416. Static files have their
own (WhiteNoise), and nginx or a CDN in front of ``/media/`` its own.
"""

import re

from django.http import FileResponse

from home import internals

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
BLOCK = 64 * 1024


class Unsatisfiable(Exception):
    """The range starts beyond the end of the file."""


def requested_range(header, size):
    """The (first, last) byte, inclusive, of the one range asked for; None for the whole file
    (no range, several, or one that makes no sense). Raises Unsatisfiable."""
    match = RANGE.match(header.replace(" ", ""))
    if match is None or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:  # the last N bytes
        if int(last) == 0:
            raise Unsatisfiable
        return max(0, size - int(last)), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None
    if start >= size:
        raise Unsatisfiable
    return start, end


def _part_of(file, start, end):
    file.seek(start)
    remaining = end - start + 1
    while remaining > 0:
        chunk = file.read(min(BLOCK, remaining))
        if not chunk:
            return
        remaining -= len(chunk)
        yield chunk


def _part_of_stream(chunks, start, end):
    """The same from a file that cannot seek: read through to the part."""
    position = 0
    for chunk in chunks:
        chunk_end = position + len(chunk)
        if chunk_end > start and position <= end:
            yield chunk[max(0, start - position) : end - position + 1]
        position = chunk_end
        if position > end:
            return


def _if_range_holds(request, response):
    """No If-Range, or the file is still the one it names (else the whole file is sent)."""
    validator = request.headers.get("If-Range")
    return not validator or validator in (response.get("ETag"), response.get("Last-Modified"))


def partial(request, response):
    """`response` (a whole file, 200) answering the request's Range header."""
    size = response.get("Content-Length")
    if not isinstance(response, FileResponse) or response.status_code != 200 or not size:
        return response
    response["Accept-Ranges"] = "bytes"
    header = request.headers.get("Range")
    if not header or request.method != "GET" or not _if_range_holds(request, response):
        return response
    size = int(size)
    try:
        wanted = requested_range(header, size)
    except Unsatisfiable:
        # The same response, emptied, so its file is closed with it when the server is done.
        response.streaming_content = []
        response.status_code = 416
        response["Content-Range"] = f"bytes */{size}"
        response["Content-Length"] = "0"
        return response
    if wanted is None:
        return response
    start, end = wanted
    file = internals.streamed_file(response)
    response.streaming_content = (
        _part_of(file, start, end)
        if file
        else _part_of_stream(response.streaming_content, start, end)
    )
    response.status_code = 206
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    return response


class ByteRangeMiddleware:
    """Answers a Range request for a file with the part asked for (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return partial(request, self.get_response(request))
