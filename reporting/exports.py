"""CSV and XLSX exports of a consultation's responses: one row per response, streamed.

Rows are read with `.iterator(chunk_size=...)` (themes prefetched per chunk), so memory stays
bounded however many responses there are. CSV streams straight to the client; XLSX is written by
openpyxl's write-only workbook to an anonymous temporary file, then sent as a FileResponse.
"""

import csv
import io
import tempfile

from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import questions as q
from feedback.models import Response

CHUNK_SIZE = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns(questions):
    """[(heading, question, statement_key)] in form order, after the metadata columns."""
    out = []
    for question in questions:
        if question.type == q.GRID:
            out += [(f"{question.label}: {label}", question, key) for key, label in question.statements]
        else:
            out.append((question.label, question, None))
    return out


def metadata_headings():
    return [_("Reference"), _("Received"), _("Channel"), _("Language"), _("Status"), _("Partner"), _("Themes")]


def headings(questions):
    return metadata_headings() + [heading for heading, _question, _statement in columns(questions)]


def safe(value):
    """Numbers stay numbers; text that a spreadsheet would run as a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def answer_value(question, statement_key, answer, labels):
    if answer is None or answer == "":
        return ""
    if statement_key is not None:
        if not isinstance(answer, dict):
            return ""
        chosen = answer.get(statement_key)
        return labels.get(chosen, chosen or "")
    if question.type == q.MULTIPLE_CHOICE:
        chosen = answer if isinstance(answer, list) else [answer]
        return "; ".join(str(labels.get(key, key)) for key in chosen)
    if question.type in q.CHOICE_TYPES:
        return str(labels.get(answer, answer))
    if isinstance(answer, int | float):
        return answer
    if isinstance(answer, list | dict):
        return str(answer)
    return str(answer)


def export_queryset(consultation, filters=None):
    from .analysis import apply_filters

    queryset = Response.objects.filter(consultation=consultation)
    return apply_filters(queryset, filters).order_by("submitted_at", "pk")


FIELDS = ("pk", "reference", "submitted_at", "channel", "locale__language_code", "status", "partner__name", "answers")


def _themes_for(ids):
    from .models import ResponseTheme

    out = {}
    for response_id, name in ResponseTheme.objects.filter(response_id__in=ids).values_list("response_id", "theme__name"):
        out.setdefault(response_id, set()).add(name)
    return out


def chunks(consultation, questions, filters=None, *, chunk_size=CHUNK_SIZE):
    """Yield lists of rows: first [heading row], then up to `chunk_size` responses at a time.

    Plain tuples from the database (no model instances), read through a server-side cursor,
    and one query per chunk for the themes: memory stays flat however many responses.
    """
    cols = columns(questions)
    plan = [
        (question.key, statement_key, question, {key: str(label) for key, label in question.choices})
        for _heading, question, statement_key in cols
    ]
    channels = {key: str(label) for key, label in Response.Channel.choices}
    statuses = {key: str(label) for key, label in Response.Status.choices}
    yield [headings(questions)]
    local = timezone.get_current_timezone()
    batch = []
    for record in export_queryset(consultation, filters).values_list(*FIELDS).iterator(chunk_size=chunk_size):
        batch.append(record)
        if len(batch) >= chunk_size:
            yield _rows_for(batch, plan, channels, statuses, local)
            batch = []
    if batch:
        yield _rows_for(batch, plan, channels, statuses, local)


def _rows_for(batch, plan, channels, statuses, local):
    themes = _themes_for([record[0] for record in batch])
    out = []
    for pk, reference, submitted_at, channel, language, status, partner, answers in batch:
        row = [
            reference,
            submitted_at.astimezone(local).strftime("%Y-%m-%d %H:%M"),
            channels.get(channel, channel),
            language,
            statuses.get(status, status),
            safe(partner or ""),
            safe("; ".join(sorted(themes.get(pk, ())))),
        ]
        answers = answers or {}
        for key, statement_key, question, labels in plan:
            row.append(safe(answer_value(question, statement_key, answers.get(key), labels)))
        out.append(row)
    return out


def rows(consultation, questions, filters=None, *, chunk_size=CHUNK_SIZE):
    """Yield the heading row, then one list per response."""
    for chunk in chunks(consultation, questions, filters, chunk_size=chunk_size):
        yield from chunk


def csv_stream(consultation, questions, filters=None):
    """CSV text, one piece per chunk of responses (with a byte-order mark for spreadsheets)."""
    yield "\ufeff"
    for chunk in chunks(consultation, questions, filters):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(chunk)
        yield buffer.getvalue()


def xlsx_file(consultation, questions, filters=None):
    """An open temporary file holding the workbook, positioned at its start. Caller closes it."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Responses")[:31])
    for row in rows(consultation, questions, filters):
        sheet.append(row)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def filename(consultation, extension):
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"responses-{consultation.slug}-{stamp}.{extension}"
