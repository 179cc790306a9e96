"""How much an unfinished response may hold before it is valid (the session, and a saved draft).

The response form keeps what was typed on each step, valid or not, so nothing is lost on "save and
come back later". That store comes before validation, so it needs its own bound: without one, each
anonymous POST could leave megabytes in the session table. A step whose answers are over a bound is
not stored: it is shown again with an error on the answer that is too long.
"""

from collections.abc import Mapping

from django.conf import settings
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from feedback import questions as q

TEXT_TYPES = (q.SHORT_TEXT, q.LONG_TEXT)
OTHER_VALUE_LIMIT = 500  # choice keys, numbers, date parts, postcodes, email addresses
TEXT_SLACK = 2  # a text answer may be stored up to twice its limit, so an overrun can be shortened
DEFAULT_DRAFT_MAX_CHARS = 200_000


def value_limit(question: q.Question | None) -> int:
    """The longest single value stored for a field of `question` (None: a consent field)."""
    if question is not None and question.type in TEXT_TYPES:
        limit = question.max_length or (
            q.DEFAULT_LONG_TEXT_LIMIT if question.type == q.LONG_TEXT else q.SHORT_TEXT_LIMIT
        )
        return limit * TEXT_SLACK
    return OTHER_VALUE_LIMIT


def values_limit(question: q.Question | None) -> int:
    """How many values one field may hold: one, or one per choice for "select all that apply"."""
    if question is not None and question.type == q.MULTIPLE_CHOICE:
        return max(1, len(question.choices))
    return 1


def draft_max_chars() -> int:
    return int(getattr(settings, "FEEDBACK_DRAFT_MAX_CHARS", DEFAULT_DRAFT_MAX_CHARS))


def stored_chars(data: Mapping) -> int:
    """The characters held in a draft's data ({name: [values]})."""
    return sum(
        len(str(name)) + sum(len(str(value)) for value in values) for name, values in data.items()
    )


def problems(
    fields: Mapping[str, q.Question | None], posted: MultiValueDict, stored: Mapping
) -> list[tuple[str, str]]:
    """[(field name, message)] for what in `posted` is over a bound; [] when it may be stored.

    `fields` maps each field name of the step to its question; `stored` is what the draft holds
    already ({name: [values]}), against which the total is counted.
    """
    found = []
    for name, question in fields.items():
        values = posted.getlist(name)
        label = question.label if question is not None else ""
        if len(values) > values_limit(question):
            found.append((name, _("Select each answer once only.")))
        elif any(len(value) > value_limit(question) for value in values):
            limit = value_limit(question) // (
                TEXT_SLACK if question is not None and question.type in TEXT_TYPES else 1
            )
            message = _(
                "Your answer is too long to save. Shorten it to %(limit)s characters or fewer."
            ) % {"limit": limit}
            found.append((name, f"{label}: {message}" if label else message))
    if found:
        return found
    merged = {name: values for name, values in stored.items() if name not in fields}
    merged.update({name: posted.getlist(name) for name in fields})
    if stored_chars(merged) > draft_max_chars():
        longest = max(
            fields, key=lambda name: sum(len(v) for v in posted.getlist(name)), default=""
        )
        found.append(
            (
                longest,
                _("Your answers are too long to save. Shorten your longest answers and try again."),
            )
        )
    return found
