"""Staff download of uploaded answers: the only way a stored file ever leaves the site.

Served through the Wagtail admin (signed-in staff), only to people who may view or moderate
the responses of the file's consultation, only once clamd has found the file clean, always as an
attachment with the type read from its content, never cached, and sandboxed should a browser
try to show it.
"""

from django.db.models import Q
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from feedback.models import Upload
from feedback.permissions import responses_moderatable_by, responses_visible_to

URL_NAME = "feedback_upload_download"
WATCH_URL_NAME = "feedback_upload_watch"


def download_path(upload_id) -> str:
    return reverse(URL_NAME, args=[upload_id])


def upload_for(user, upload_id) -> Upload:
    """The upload, when it belongs to a sent response this user may see; else Http404 (so an id
    says nothing to someone without permission)."""
    allowed = Q(response__in=responses_visible_to(user).values("pk")) | Q(
        response__in=responses_moderatable_by(user).values("pk")
    )
    upload = Upload.objects.filter(allowed, pk=upload_id, response__isnull=False).first()
    if upload is None:
        raise Http404("no such file")
    return upload


def watch(request, upload_id):
    """A BSL video answer played in the admin (the transcription page's <video>), not saved."""
    return download(request, upload_id, inline=True)


def download(request, upload_id, inline=False):
    upload = upload_for(request.user, upload_id)
    if upload.scan_status != Upload.Scan.CLEAN or not upload.file:
        message = (
            _(
                "This file has not been scanned for viruses yet, so it cannot be downloaded. "
                "It will be once the virus scanner is back and `manage.py scan_uploads` has run."
            )
            if upload.scan_status == Upload.Scan.UNSCANNED
            else _(
                "A virus was found in this file, so it was removed. "
                "The rest of the response is kept."
            )
        )
        context = {
            "page_title": _("File not available"),
            "header_title": _("File not available"),
            "message": message,
            "upload": upload,
        }
        return TemplateResponse(
            request, "feedback/admin/upload_unavailable.html", context, status=409
        )
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=not (inline and upload.content_type.startswith("video/")),
        filename=upload.original_name,
        content_type=upload.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def admin_urls():
    return [
        path("feedback/uploads/<uuid:upload_id>/", download, name=URL_NAME),
        path("feedback/uploads/<uuid:upload_id>/watch/", watch, name=WATCH_URL_NAME),
    ]
