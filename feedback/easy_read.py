"""The Easy Read version of a consultation's response form (issue 18).

A consultation has at most one form per purpose (`ResponseFormPage.Purpose`): the standard form
and, if an editor adds one, an Easy Read version with simpler words, a picture beside each
question and one question per screen. Each Easy Read question either

- maps to a standard question (`ResponseFormField.maps_to`): its answer is stored under that
  question's key, and each of its answers is one of that question's answer keys, so every report,
  export and outcome counts both forms together with no change; or
- is asked only in Easy Read (`maps_to` blank): stored under its own key, which no standard
  question may have.

`mapping_options` gives the editor's pickers their lists; `mapping_problems` checks a whole Easy
Read form as it is about to be saved (shown on the field by `ResponseFormPageForm`).
`Response.form_version` records which form a response came through, so reports can split by it.
"""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from feedback import questions as q

STANDARD = "standard"
EASY_READ = "easy_read"

# Standard question type -> the Easy Read types that store an answer of the same shape.
SINGLE_TYPES = {q.SINGLE_CHOICE, q.DROPDOWN, q.AGREE_SCALE, q.YES_NO}
TEXT_TYPES = {q.SHORT_TEXT, q.LONG_TEXT}
COMPATIBLE = {
    **{kind: {q.SINGLE_CHOICE, q.DROPDOWN, kind} for kind in SINGLE_TYPES},
    q.MULTIPLE_CHOICE: {q.MULTIPLE_CHOICE},
    **{kind: set(TEXT_TYPES) for kind in TEXT_TYPES},
    **{kind: {kind} for kind in (q.NUMBER, q.RATING, q.DATE, q.EMAIL, q.POSTCODE, q.FILE_UPLOAD)},
    q.GRID: set(),  # several answers in one: ask each statement as an Easy-Read-only question
}
# Easy Read types whose answers are the editor's own choices (mapped one by one).
MAPPED_CHOICE_TYPES = {q.SINGLE_CHOICE, q.DROPDOWN, q.MULTIPLE_CHOICE}


@dataclass(frozen=True)
class StandardQuestion:
    """A question of the standard form an Easy Read question can map to."""

    key: str
    label: str
    type: str
    choices: list = field(default_factory=list)  # [(choice_key, label)]
    max_value: int | None = None


@dataclass(frozen=True)
class EasyReadRow:
    """One question of an Easy Read form as the editor is about to save it."""

    key: str
    label: str
    field_type: str
    maps_to: str = ""
    choices: str = ""
    max_value: int | None = None


def is_easy_read(form_page) -> bool:
    return getattr(form_page, "purpose", STANDARD) == EASY_READ


def mapping_options(standard_fields) -> list[StandardQuestion]:
    """The standard form's questions (rows with the form-field columns), in form order."""
    out = []
    for row in standard_fields:
        if row.field_type == q.SECTION or not row.key:
            continue
        max_value = (
            (row.max_value or q.DEFAULT_RATING_MAX) if row.field_type == q.RATING else row.max_value
        )
        out.append(
            StandardQuestion(
                key=row.key,
                label=str(row.label),
                type=row.field_type,
                choices=q.choices_for_type(row.field_type, row.choices),
                max_value=max_value,
            )
        )
    return out


def _quoted(label) -> str:
    label = str(label)
    return "“%s”" % (label if len(label) <= 80 else label[:79] + "…")


def _type_label(field_type) -> str:
    return str(dict(q.QUESTION_TYPES).get(field_type, field_type))


def mapping_problems(
    rows: list[EasyReadRow], standard: list[StandardQuestion]
) -> dict[int, dict[str, str]]:
    """{position in `rows`: {field name: message}} for every mapping that cannot work."""
    problems = {}
    by_key = {question.key: question for question in standard}
    mapped_by = {}
    for index, row in enumerate(rows):
        if row.field_type == q.SECTION:
            continue
        if not row.maps_to:
            if row.key and row.key in by_key:
                problems[index] = {
                    "key": _(
                        "The standard question %(question)s has this key. Choose that question under "
                        "“Standard question”, or give this Easy Read question another key."
                    )
                    % {"question": _quoted(by_key[row.key].label)}
                }
            continue
        target = by_key.get(row.maps_to)
        if target is None:
            problems[index] = {
                "maps_to": _(
                    "This standard question is no longer in the standard form. Choose another, or "
                    "choose “Easy Read only”."
                )
            }
            continue
        if row.maps_to in mapped_by:
            problems[index] = {
                "maps_to": _(
                    "Another Easy Read question (%(question)s) already stands for this standard question. "
                    "Each standard question can have one Easy Read question."
                )
                % {"question": _quoted(rows[mapped_by[row.maps_to]].label)}
            }
            continue
        mapped_by[row.maps_to] = index
        allowed = COMPATIBLE.get(target.type, set())
        if row.field_type not in allowed:
            if allowed:
                message = _(
                    "%(question)s is a “%(standard)s” question, so its answers cannot be stored from a "
                    "“%(easy)s” question. Choose one of: %(allowed)s."
                ) % {
                    "question": _quoted(target.label),
                    "standard": _type_label(target.type),
                    "easy": _type_label(row.field_type),
                    "allowed": ", ".join(sorted(_type_label(kind) for kind in allowed)),
                }
            else:
                message = _(
                    "%(question)s is a grid, which stores several answers at once. Ask each of its "
                    "statements as an Easy Read only question instead."
                ) % {"question": _quoted(target.label)}
            problems[index] = {"field_type": message}
            continue
        if (
            row.field_type == q.RATING
            and (row.max_value or q.DEFAULT_RATING_MAX) != target.max_value
        ):
            problems[index] = {
                "max_value": _(
                    "%(question)s is rated out of %(max)d: use the same top of the scale."
                )
                % {"question": _quoted(target.label), "max": target.max_value}
            }
            continue
        if row.field_type in MAPPED_CHOICE_TYPES:
            answers = dict(target.choices)
            own = q.parse_lines(row.choices)
            if not own:
                problems[index] = {
                    "choices": _("Write the Easy Read words for at least one answer.")
                }
                continue
            unknown = [key or label for key, label in own if key not in answers]
            if unknown:
                problems[index] = {
                    "choices": _(
                        "Each Easy Read answer must stand for an answer of %(question)s. Not one of its "
                        "answers: %(answers)s."
                    )
                    % {
                        "question": _quoted(target.label),
                        "answers": ", ".join(f"“{x}”" for x in unknown),
                    }
                }
                continue
            keys = [key for key, _label in own]
            if len(set(keys)) != len(keys):
                problems[index] = {
                    "choices": _("Two Easy Read answers stand for the same answer: keep one.")
                }
    return problems


def one_question_per_step(questions: list[q.Question]) -> list[q.Question]:
    """An Easy Read form's questions, each on its own step (section breaks only head them)."""
    return [replace(question, step=number) for number, question in enumerate(questions, start=1)]
