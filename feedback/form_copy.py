"""Copying a response form's questions from one consultation to another.

The copies are added to the target form as a new *draft* revision (never published by copying):
the editor checks them, and publishes when ready. A consultation without a form gets a new draft
form page.

Keys: copied questions keep their keys. A key only has to be unique within one form, and keeping
it means the same question reads the same in both consultations' exports, and every condition
copied with it still names the right question. Only when the target form already has a question
with that key is the copy given a new one (`<key>_2`), and conditions among the copies follow it.
Each copy is a new object for translation (fresh `translation_key`), in the target's language.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Locale

from consultations.models import ConsultationPage
from feedback import questions as q
from feedback.models import ResponseFormField, ResponseFormPage

COPIED_COLUMNS = (
    "label",
    "help_text",
    "required",
    "default_value",
    "key",
    "field_type",
    "choices",
    "statements",
    "max_length",
    "min_value",
    "max_value",
    "new_step",
    "condition_key",
    "condition_value",
)


def source_consultations(exclude=None):
    """Source-language consultations whose form has questions, for the editor to copy from."""
    forms = ResponseFormPage.objects.filter(
        locale=Locale.get_default(), form_fields__isnull=False
    ).distinct()
    consultations = ConsultationPage.objects.filter(
        path__in=[form.path[: -form.steplen] for form in forms]
    ).order_by("title")
    if exclude is not None:
        consultations = consultations.exclude(pk=exclude.pk)
    return consultations


def copied_fields(source_form, taken=()) -> list[ResponseFormField]:
    """Unsaved copies of `source_form`'s questions, with keys that do not clash with `taken`."""
    taken = set(taken)
    renamed = {}
    copies = []
    for field in source_form.form_fields.all():
        values = {name: getattr(field, name) for name in COPIED_COLUMNS}
        if field.field_type != q.SECTION and values["key"]:
            key = values["key"]
            if key in taken:
                renamed[key] = q.make_key(key, taken)
                values["key"] = renamed[key]
            taken.add(values["key"])
        copies.append(ResponseFormField(**values))
    for copy in copies:
        if copy.condition_key in renamed:
            copy.condition_key = renamed[copy.condition_key]
    return copies


@transaction.atomic
def copy_questions(
    source: ConsultationPage, target: ConsultationPage, *, user=None
) -> tuple[ResponseFormPage, int]:
    """Add the questions of `source`'s form after those of `target`'s, as a draft revision.

    Returns (the target form page, how many questions were copied). Creates a draft form page
    under `target` when it has none.
    """
    source_form = ResponseFormPage.objects.child_of(source).filter(purpose="standard").first()
    if source_form is None:
        raise ValueError("the source consultation has no response form")
    target_form = ResponseFormPage.objects.child_of(target).filter(purpose="standard").first()
    if target_form is None:
        target_form = ResponseFormPage(
            title=_("Respond to: %(title)s") % {"title": target.title},
            slug="respond",
            live=False,
            introduction=source_form.introduction,
            about_you=source_form.about_you,
            privacy_notice=source_form.privacy_notice,
            confirmation_text=source_form.confirmation_text,
        )
        target.add_child(instance=target_form)
        draft = target_form
    else:
        draft = target_form.get_latest_revision_as_object()
    existing = list(draft.form_fields.all())
    copies = copied_fields(source_form, taken={field.key for field in existing if field.key})
    for order, copy in enumerate(copies, start=len(existing)):
        copy.sort_order = order
        copy.locale_id = draft.locale_id
        draft.form_fields.add(copy)
    draft.save_revision(user=user, log_action=True)
    return target_form, len(copies)
