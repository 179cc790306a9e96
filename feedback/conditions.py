"""Conditional questions: which questions a question may depend on, and whether a condition holds up.

A question can be shown only when an *earlier* choice question has a given answer. The editor
picks both from lists (`condition_options`); `condition_problems` checks a whole form as it is
about to be saved, so a condition on a later question, on the question itself, on a question
that was removed or on an answer that no longer exists is refused with a sentence saying why.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from feedback import questions as q

CONDITION_TYPES = q.CHOICE_TYPES  # the answers a condition can test are choice keys


@dataclass(frozen=True)
class ConditionOption:
    """A question another question can depend on, with its answers."""

    key: str
    label: str
    choices: list = field(default_factory=list)  # [(choice_key, label)]


@dataclass(frozen=True)
class QuestionRow:
    """One question of a form as the editor is about to save it (in form order)."""

    key: str
    label: str
    field_type: str
    choices: str = ""
    condition_key: str = ""
    condition_value: str = ""


def condition_options(rows) -> list[ConditionOption]:
    """The questions (objects with the form-field columns) a condition can name, in form order."""
    out = []
    for row in rows:
        if row.field_type in CONDITION_TYPES and row.key:
            out.append(
                ConditionOption(
                    row.key, str(row.label), q.choices_for_type(row.field_type, row.choices)
                )
            )
    return out


def _quoted(label: str) -> str:
    label = str(label)
    return "“%s”" % (label if len(label) <= 80 else label[:79] + "…")


def condition_problems(rows: list[QuestionRow]) -> dict[int, dict[str, str]]:
    """{position in `rows`: {field name: message}} for every condition that cannot work."""
    problems = {}
    position_of = {row.key: index for index, row in enumerate(rows) if row.key}
    for index, row in enumerate(rows):
        key, value = (row.condition_key or "").strip(), (row.condition_value or "").strip()
        if not key and not value:
            continue
        if row.field_type == q.SECTION:
            problems[index] = {
                "condition_key": _("A section break is always shown: remove its condition.")
            }
            continue
        if not key:
            problems[index] = {
                "condition_key": _("Choose the question this one depends on, or clear the answer.")
            }
            continue
        if key == row.key:
            problems[index] = {
                "condition_key": _(
                    "A question cannot depend on itself. Choose an earlier question."
                )
            }
            continue
        if key not in position_of:
            problems[index] = {
                "condition_key": _(
                    "The question this one depended on is no longer in the form. Choose another question, or "
                    "choose “Always show this question”."
                )
            }
            continue
        target = rows[position_of[key]]
        if position_of[key] > index:
            problems[index] = {
                "condition_key": _(
                    "%(question)s comes after this question. A question can only depend on an earlier one: move "
                    "this question below it, or choose another."
                )
                % {"question": _quoted(target.label)}
            }
            continue
        if target.field_type not in CONDITION_TYPES:
            problems[index] = {
                "condition_key": _(
                    "%(question)s is not a choice question, so it cannot show or hide others."
                )
                % {"question": _quoted(target.label)}
            }
            continue
        answers = dict(q.choices_for_type(target.field_type, target.choices))
        if not value:
            problems[index] = {"condition_value": _("Choose the answer that shows this question.")}
        elif value not in answers:
            problems[index] = {
                "condition_value": _(
                    "%(question)s has no answer “%(answer)s” any more: it may have been changed or removed. "
                    "Choose one of its answers."
                )
                % {"question": _quoted(target.label), "answer": value}
            }
    return problems
