"""CSV and XLSX exports of a consultation's responses: one row per response, streamed.

Rows are read as plain tuples through a server-side cursor (`.values_list(...).iterator()`),
with each response's theme ids gathered by a subquery in the same SELECT, and turned into cells
by one small function per column made once per export (`cell_readers`): memory stays bounded
however many responses there are. Both formats stream straight to the client a chunk at a time:
CSV through `security.spreadsheet.csv_text`, XLSX through `reporting.xlsx` (a small writer of
inline-string sheet XML into a zip stream; its docstring says why not openpyxl or XlsxWriter). Both
writers escape every cell with `security.spreadsheet.safe_cell`, so the values here are plain.
"""

from django.conf import settings
from django.db.models import Aggregate, CharField, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import questions as q
from feedback.admin_uploads import download_path
from feedback.models import Response
from security.spreadsheet import csv_text

from . import xlsx
from .analysis import apply_filters
from .models import ResponseTheme, Theme

CHUNK_SIZE = 2000


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
    return [_("Reference"), _("Received"), _("Channel"), _("Form version"), _("Language"), _("Status"), _("Partner"), _("Themes")]


def headings(questions):
    return metadata_headings() + [heading for heading, _question, _statement in columns(questions)]


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
    if question.type == q.FILE_UPLOAD:
        return upload_url(answer)
    if isinstance(answer, int | float):
        return answer
    if isinstance(answer, list | dict):
        return str(answer)
    return str(answer)


def upload_url(answer) -> str:
    """A file answer as the address of its staff-only download (the admin checks permission)."""
    if not isinstance(answer, dict) or not answer.get("upload"):
        return ""
    return settings.WAGTAILADMIN_BASE_URL + download_path(answer["upload"])


def export_queryset(consultation, filters=None):
    queryset = Response.objects.filter(consultation=consultation)
    return apply_filters(queryset, filters).order_by("submitted_at", "pk")


FIELDS = ("reference", "submitted_at", "channel", "form_version", "locale__language_code", "status", "partner__name", "themes", "answers")
THEME_SEPARATOR = ","


class _ThemeIds(Aggregate):
    """The theme ids of one response's codes as text ("3,5"): GROUP_CONCAT, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="STRING_AGG(%(expressions)s::text, ',')", **extra_context)


def _theme_ids_subquery():
    codes = ResponseTheme.objects.filter(response_id=OuterRef("pk")).order_by().values("response_id")
    return Subquery(codes.annotate(ids=_ThemeIds("theme_id")).values("ids")[:1], output_field=CharField())


def _theme_names(consultation):
    """Turns a response's "3,5" into the cell text, remembering each combination (there are few)."""
    names = {str(pk): name for pk, name in Theme.objects.filter(consultation=consultation).values_list("pk", "name")}
    seen = {None: "", "": ""}

    def cell(ids):
        try:
            return seen[ids]
        except KeyError:
            pass
        found = {names[pk] for pk in ids.split(THEME_SEPARATOR) if pk in names}
        text = seen[ids] = "; ".join(sorted(found))
        return text

    return cell


def cell_readers(questions):
    """One function per answer column, in `columns()` order: answers dict → cell value.

    The same values as `answer_value(...)`, with the labels looked up once per column.
    """
    return [_reader(question, statement_key) for _heading, question, statement_key in columns(questions)]


def _reader(question, statement_key):
    key = question.key
    labels = {key: str(label) for key, label in question.choices}

    if statement_key is not None:

        def grid(answers):
            answer = answers.get(key)
            if not answer or not isinstance(answer, dict):
                return ""
            chosen = answer.get(statement_key)
            try:
                return labels[chosen]
            except (KeyError, TypeError):  # a retired choice, a number, or something odd: as stored
                if not chosen:
                    return ""
                return chosen if isinstance(chosen, str | int | float) else str(chosen)

        return grid
    if question.type == q.MULTIPLE_CHOICE:

        def multiple(answers):
            answer = answers.get(key)
            if answer is None or answer == "":
                return ""
            chosen = answer if isinstance(answer, list) else [answer]
            return "; ".join([labels.get(item, item) if isinstance(item, str) else str(item) for item in chosen])

        return multiple
    if question.type == q.FILE_UPLOAD:
        return lambda answers: upload_url(answers.get(key))
    if question.type in q.CHOICE_TYPES:

        def choice(answers):
            answer = answers.get(key)
            if answer is None or answer == "":
                return ""
            try:
                return labels[answer]
            except (KeyError, TypeError):
                return str(answer)

        return choice

    def other(answers):
        answer = answers.get(key)
        if answer is None or answer == "":
            return ""
        if answer.__class__ is str or isinstance(answer, int | float):
            return answer
        return str(answer)

    return other


def chunks(consultation, questions, filters=None, *, chunk_size=CHUNK_SIZE):
    """Yield lists of rows: first [heading row], then up to `chunk_size` responses at a time.

    Plain tuples from the database (no model instances) read through a server-side cursor, with
    each response's theme ids gathered by a subquery in the same SELECT: two queries in all,
    and memory stays flat however many responses there are.
    """
    readers = cell_readers(questions)
    channels = {key: str(label) for key, label in Response.Channel.choices}
    statuses = {key: str(label) for key, label in Response.Status.choices}
    themes = _theme_names(consultation)
    yield [headings(questions)]
    local = timezone.get_current_timezone()
    queryset = export_queryset(consultation, filters).annotate(themes=_theme_ids_subquery()).values_list(*FIELDS)
    batch = []
    append = batch.append
    versions = {key: str(label) for key, label in Response._meta.get_field("form_version").choices}
    for reference, submitted_at, channel, version, language, status, partner, theme_ids, answers in queryset.iterator(chunk_size=chunk_size):
        answers = answers if answers.__class__ is dict else {}
        row = [
            reference,
            submitted_at.astimezone(local).isoformat(" ", "minutes")[:16],
            channels.get(channel, channel),
            versions.get(version, version),
            language,
            statuses.get(status, status),
            partner or "",
            themes(theme_ids),
        ]
        row += [read(answers) for read in readers]
        append(row)
        if len(batch) >= chunk_size:
            yield batch
            batch = []
            append = batch.append
    if batch:
        yield batch


def rows(consultation, questions, filters=None, *, chunk_size=CHUNK_SIZE):
    """Yield the heading row, then one list per response."""
    for chunk in chunks(consultation, questions, filters, chunk_size=chunk_size):
        yield from chunk


def csv_stream(consultation, questions, filters=None):
    """CSV text, one piece per chunk of responses (with a byte-order mark for spreadsheets)."""
    yield "\ufeff"
    for chunk in chunks(consultation, questions, filters):
        yield csv_text(chunk)


def xlsx_stream(consultation, questions, filters=None):
    """The .xlsx file's bytes, a piece per chunk of responses (see reporting/xlsx.py)."""
    return xlsx.stream(chunks(consultation, questions, filters), title=_("Responses"))


def filename(consultation, extension):
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"responses-{consultation.slug}-{stamp}.{extension}"
