"""Files given as answers (the file-upload question): checked, scanned, kept privately.

    upload = store_upload(form_page, question, uploaded_file)   # raises ValidationError

1. Size: the question's own limit (`Question.max_file_size`, megabytes), never more than
   UPLOAD_MAX_MEGABYTES.
2. Type: read from the file's first bytes (`filetype`; plain text must decode as UTF-8), never
   from its name or the browser's Content-Type. The name's extension must agree with it.
3. Virus scan: the bytes are streamed to ClamAV's clamd (`clamd` library, INSTREAM) on
   CLAMD_SOCKET, a unix socket path or "host:port". A virus: the file is refused with a clear
   error and nothing is kept. clamd unreachable (or failing): the file is kept in quarantine,
   marked unscanned, and the response it belongs to is *held for review* (`submit_response`
   asks `has_unscanned`), so staff see it in the moderation queue; `manage.py scan_uploads`
   scans it once clamd is back. An unscanned or infected file is never handed to anyone.
4. Storage: the private `uploads` storage (feedback.private_storage), under a random name.

The stored answer is `answer_for(upload)`: {"upload": id, "name", "size", "type"}. A draft (save
and return) keeps only that id: the file waits, unattached, until the response is sent or the
draft's retention ends (reporting.retention's "pending_uploads"). Deleting an Upload row (erasure,
retention, a deleted response) deletes its file.
"""

import hashlib
import io
import logging
import os
import warnings
import zipfile
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

import filetype

from feedback.models import Upload

logger = logging.getLogger(__name__)

# key -> (label, MIME type, extensions the name may have)
FILE_TYPES = {
    "pdf": (_("PDF"), "application/pdf", (".pdf",)),
    "docx": (
        _("Word document"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "odt": (_("OpenDocument text"), "application/vnd.oasis.opendocument.text", (".odt",)),
    "txt": (_("Plain text"), "text/plain", (".txt",)),
    "jpeg": (_("JPEG photo"), "image/jpeg", (".jpg", ".jpeg")),
    "png": (_("PNG image"), "image/png", (".png",)),
}
DEFAULT_FILE_TYPES = tuple(FILE_TYPES)
# A BSL video answer ("Respond in BSL", feedback.sign_language): up to BSL_VIDEO_MAX_MEGABYTES.
VIDEO_TYPES = {
    "mp4": (_("MP4 video"), "video/mp4", (".mp4", ".m4v")),
    "webm": (_("WebM video"), "video/webm", (".webm",)),
    "mov": (_("QuickTime video"), "video/quicktime", (".mov",)),
}
BSL_VIDEO_KEY = "hys_bsl_video"  # the Upload's question key (reserved: no question can take it)
SNIFF_BYTES = 8192
UNSCANNED_REASON = "upload not scanned: virus scanner unavailable"
MAX_NAME = 120


@dataclass(frozen=True)
class ScanResult:
    status: str  # an Upload.Scan value
    detail: str = ""


def allowed_types(question) -> tuple:
    return tuple(t for t in question.file_types if t in FILE_TYPES) or DEFAULT_FILE_TYPES


def max_bytes(question) -> int:
    megabytes = min(question.max_file_size or 10, settings.UPLOAD_MAX_MEGABYTES)
    return megabytes * 1024 * 1024


def types_hint(question) -> str:
    """'PDF, Word document or PNG image, up to 10 MB' in the active language."""
    labels = [str(FILE_TYPES[t][0]) for t in allowed_types(question)]
    listed = labels[0]
    if len(labels) > 1:
        listed = _("%(first)s or %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}
    return _("%(types)s, up to %(size)s") % {
        "types": listed,
        "size": filesizeformat(max_bytes(question)),
    }


def sniff(data: bytes) -> str | None:
    """The FILE_TYPES key the content is, or None. Office files are zips: look inside."""
    kind = filetype.guess(data[:SNIFF_BYTES])
    if kind is not None:
        for key, (_label, mime, _extensions) in FILE_TYPES.items():
            if kind.mime == mime:
                return key if key not in ("docx", "odt") or _zip_is(data, key) else None
        return None
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "txt"


def _zip_is(data: bytes, key: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if key == "docx":
                return "word/document.xml" in names
            return (
                "mimetype" in names
                and archive.read("mimetype").strip() == FILE_TYPES["odt"][1].encode()
            )
    except (zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        return False


def clean_name(name: str) -> str:
    base = os.path.basename(str(name or "").replace("\\", "/")).strip()
    base = "".join(ch for ch in base if ch.isprintable())
    try:
        base = get_valid_filename(base)
    except SuspiciousFileOperation:  # Django refuses names such as "..": use a neutral one
        base = "file"
    stem, extension = os.path.splitext(base)
    return stem[: MAX_NAME - len(extension)] + extension.lower()


def _clamd_client():
    with warnings.catch_warnings():  # clamd asks the deprecated pkg_resources for its version
        warnings.simplefilter("ignore")
        # imported on first use, its pkg_resources warning silenced (the line above)
        import clamd  # noqa: PLC0415

    target = str(settings.CLAMD_SOCKET)
    timeout = settings.CLAMD_TIMEOUT
    if ":" in target and not target.startswith("/"):
        host, port = target.rsplit(":", 1)
        return clamd.ClamdNetworkSocket(host=host, port=int(port), timeout=timeout)
    return clamd.ClamdUnixSocket(path=target, timeout=timeout)


def scan(data: bytes) -> ScanResult:
    """What clamd says of these bytes: clean, infected (with the signature), or unscanned."""
    try:
        result = _clamd_client().instream(io.BytesIO(data))
    except Exception as error:  # any trouble reaching clamd: quarantine, never accept unseen
        logger.warning("clamd could not scan an upload: %s", error)
        return ScanResult(Upload.Scan.UNSCANNED, str(error)[:200])
    verdict, signature = (result or {}).get("stream", ("ERROR", "no answer"))
    if verdict == "OK":
        return ScanResult(Upload.Scan.CLEAN)
    if verdict == "FOUND":
        return ScanResult(Upload.Scan.INFECTED, str(signature)[:200])
    logger.warning("clamd could not scan an upload: %s %s", verdict, signature)
    return ScanResult(Upload.Scan.UNSCANNED, f"{verdict} {signature}"[:200])


def read_checked(question, uploaded_file, *, types=None, limit=None, hint=None) -> tuple[bytes, str]:
    """The file's bytes and its type key, or ValidationError with what to do instead.
    `types` (a FILE_TYPES-shaped dict), `limit` (bytes) and `hint` replace the question's own
    (a BSL video answer)."""
    limit = max_bytes(question) if limit is None else limit
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise ValidationError(
            _("The file must be smaller than %(size)s") % {"size": filesizeformat(limit)},
            code="too_big",
        )
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file must be smaller than %(size)s") % {"size": filesizeformat(limit)},
            code="too_big",
        )
    if not data:
        raise ValidationError(_("The selected file is empty"), code="empty")
    kind = sniff(data) if types is None else sniff_video(data)
    types = FILE_TYPES if types is None else types
    extension = os.path.splitext(clean_name(uploaded_file.name))[1]
    allowed = allowed_types(question) if types is FILE_TYPES else tuple(types)
    if kind not in allowed or extension not in types[kind][2]:
        raise ValidationError(
            _("The selected file must be a %(types)s") % {"types": hint or types_hint(question)},
            code="file_type",
        )
    return data, kind


def sniff_video(data: bytes) -> str | None:
    """The VIDEO_TYPES key the content is (read from its first bytes), or None."""
    kind = filetype.guess(data[:SNIFF_BYTES])
    for key, (_label, mime, _extensions) in VIDEO_TYPES.items():
        if kind is not None and kind.mime == mime:
            return key
    return None


def video_max_bytes() -> int:
    return settings.BSL_VIDEO_MAX_MEGABYTES * 1024 * 1024


def video_hint() -> str:
    """'MP4 video, WebM video or QuickTime video, up to 200 MB' in the active language."""
    labels = [str(label) for label, _mime, _extensions in VIDEO_TYPES.values()]
    listed = _("%(first)s or %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}
    return _("%(types)s, up to %(size)s") % {"types": listed, "size": filesizeformat(video_max_bytes())}


def store_video(form_page, uploaded_file) -> Upload:
    """Check, scan and keep a BSL video answer, as `store_upload` does a question's file."""
    question = SimpleNamespace(key=BSL_VIDEO_KEY, file_types=(), max_file_size=None)
    return store_upload(
        form_page,
        question,
        uploaded_file,
        types=VIDEO_TYPES,
        limit=video_max_bytes(),
        hint=video_hint(),
    )


def store_upload(form_page, question, uploaded_file, *, entry: str = "", types=None, limit=None, hint=None) -> Upload:
    """Check, scan and keep one uploaded file. Raises ValidationError (nothing kept) when it is
    too big, of a type the question does not take, or carries a virus. `entry`: the one-page
    entry it was chosen in (`entry_binding`), so a failed submit of that entry keeps it."""
    data, kind = read_checked(question, uploaded_file, types=types, limit=limit, hint=hint)
    types = FILE_TYPES if types is None else types
    result = scan(data)
    if result.status == Upload.Scan.INFECTED:
        logger.warning("refused an upload carrying %s", result.detail)
        raise ValidationError(
            _("The selected file contains a virus. Check your computer, then choose another file."),
            code="virus",
        )
    name = clean_name(uploaded_file.name)
    upload = Upload(
        form_key=form_page.translation_key,
        question_key=question.key,
        entry=entry,
        original_name=name,
        content_type=types[kind][1],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        scan_status=result.status,
        scan_detail=result.detail,
        scanned_at=timezone.now() if result.status == Upload.Scan.CLEAN else None,
    )
    upload.file.save(name, ContentFile(data), save=False)
    upload.save()
    return upload


def entry_binding(*parts) -> str:
    """The server's name for one one-page entry (staff entry, the partner embed), made from what
    the server itself knows of it: staff entry's session, user and form; the embed's signed,
    verified token. Stored on each Upload chosen in it (hashed, so it reveals none of them)."""
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()


def entry_upload(form_page, question, entry: str) -> Upload | None:
    """The file this entry chose earlier for this question and has not sent yet, or None."""
    if not entry:
        return None
    return (
        Upload.objects.filter(
            entry=entry,
            form_key=form_page.translation_key,
            question_key=question.key,
            response__isnull=True,
        )
        .exclude(scan_status=Upload.Scan.INFECTED)
        .order_by("-created_at")
        .first()
    )


def with_uploaded_files(form_page, questions, post, files, *, entry: str = ""):
    """The posted data with each file question's value set to the Upload of the file chosen now
    (checked, scanned and kept by `store_upload`), never to an id the browser sent. For one-page
    forms (staff entry, the partner embed). With `entry` (`entry_binding`), a file chosen on an
    earlier, failed submit of the same entry is kept when none is chosen now (or the one chosen
    now is refused), and replaced (deleted) when another is chosen.
    Returns (data, {question key: [messages]})."""
    data = post.copy()
    errors = {}
    for question in questions:
        if question.type != "file_upload":
            continue
        data.pop(question.key, None)
        earlier = entry_upload(form_page, question, entry)
        chosen = files.get(question.key)
        if chosen is None:
            if earlier is not None:
                data[question.key] = str(earlier.pk)
            continue
        try:
            data[question.key] = str(store_upload(form_page, question, chosen, entry=entry).pk)
        except ValidationError as error:
            errors[question.key] = error.messages
            if earlier is not None:
                data[question.key] = str(earlier.pk)
        else:
            if earlier is not None:
                earlier.delete()  # replaced before it was sent (its file goes after the commit)
    return data, errors


def without_file_answers(questions, post):
    """What the browser posted, less any value under a file question's name: an id there is
    never shown or used (only `with_uploaded_files` puts one there, from the server's records)."""
    data = post.copy()
    for question in questions:
        if question.type == "file_upload":
            data.pop(question.key, None)
    return data


def answer_for(upload: Upload) -> dict:
    return {
        "upload": str(upload.pk),
        "name": upload.original_name,
        "size": upload.size,
        "type": upload.content_type,
    }


def pending_upload(question, value) -> Upload | None:
    """The not-yet-sent upload a stored id names for this question, or None."""
    try:
        return (
            Upload.objects.filter(pk=str(value), question_key=question.key, response__isnull=True)
            .exclude(scan_status=Upload.Scan.INFECTED)
            .first()
        )
    except (ValidationError, ValueError):  # not a UUID
        return None


def upload_ids(answers: dict, questions) -> list[str]:
    return [
        answers[question.key]["upload"]
        for question in questions
        if question.type == "file_upload" and isinstance(answers.get(question.key), dict)
    ]


def has_unscanned(ids) -> bool:
    return (
        bool(ids) and Upload.objects.filter(pk__in=ids, scan_status=Upload.Scan.UNSCANNED).exists()
    )


def attach(response, ids) -> bool:
    """Give the uploads to the response; False when one was already taken (sent twice at once)."""
    if not ids:
        return True
    return Upload.objects.filter(pk__in=ids, response__isnull=True).update(
        response=response
    ) == len(set(ids))


def rescan_unscanned(limit: int = 500) -> dict[str, int]:
    """Scan files kept while clamd was away. Clean ones can then be downloaded; infected ones lose
    their file (the response stays held, with the reason, for staff to reject)."""
    counts = {Upload.Scan.CLEAN: 0, Upload.Scan.INFECTED: 0, Upload.Scan.UNSCANNED: 0}
    for upload in Upload.objects.filter(scan_status=Upload.Scan.UNSCANNED).order_by("created_at")[
        :limit
    ]:
        with upload.file.open("rb") as handle:
            result = scan(handle.read())
        counts[result.status] += 1
        if result.status == Upload.Scan.UNSCANNED:
            continue
        upload.scan_status, upload.scan_detail, upload.scanned_at = (
            result.status,
            result.detail,
            timezone.now(),
        )
        if result.status == Upload.Scan.INFECTED:
            upload.file.delete(save=False)
            if upload.response_id:
                upload.response.status_reason = str(
                    _("An uploaded file carried a virus; the file was removed")
                )[:200]
                upload.response.save(update_fields=["status_reason"])
        upload.save()
    return counts


def delete_file(sender, instance, **kwargs):
    """The row is gone: remove its file once that is committed (a rollback keeps both)."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


post_delete.connect(delete_file, sender=Upload, dispatch_uid="feedback.uploads.delete_file")
