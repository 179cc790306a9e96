"""The question editor in the Wagtail admin (a ResponseFormPage's "Questions").

- Each setting is shown only for the question types it applies to, with Wagtail's own `w-rules`
  Stimulus controller (`data-w-rules-target="show"`). The controller sets `hidden` in the
  browser only, so without JavaScript every setting is shown.
- A condition is picked from two lists: an earlier choice question, then one of its answers
  (only that question's answers are shown once it is chosen; all of them, grouped, without JS).
- The page form refuses a condition that cannot work (`feedback.conditions`), on the field.
"""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from feedback import questions as q
from feedback.conditions import QuestionRow, condition_options, condition_problems

TYPE_FIELD = "field_type"
QUESTION_TYPES = [value for value, _label in q.QUESTION_TYPES if value != q.SECTION]
TEXT_TYPES = [q.SHORT_TEXT, q.LONG_TEXT]
# Settings that apply to only some question types (the rest apply to every type).
SHOWN_FOR = {
    "help_text": QUESTION_TYPES,
    "required": QUESTION_TYPES,
    "choices": [q.SINGLE_CHOICE, q.MULTIPLE_CHOICE, q.DROPDOWN, q.GRID],
    "statements": [q.GRID],
    "max_length": TEXT_TYPES,
    "min_value": [q.NUMBER],
    "max_value": [q.NUMBER, q.RATING],
    "new_step": [q.SECTION],
    "file_types": [q.FILE_UPLOAD],
    "max_file_size": [q.FILE_UPLOAD],
    "condition_key": QUESTION_TYPES,
    "condition_value": QUESTION_TYPES,
    "key": QUESTION_TYPES,
}


def shown_for_attrs(form, types) -> dict:
    """`w-rules` attributes showing an element only while the form's question type is in `types`."""
    if form is None or not types:
        return {}
    return {
        "data-w-rules-target": "show",
        "data-w-rules": json.dumps({form.add_prefix(TYPE_FIELD): list(types)}),
    }


class QuestionFieldPanel(FieldPanel):
    """A FieldPanel shown only for the question types in SHOWN_FOR (every type when absent)."""

    class BoundPanel(FieldPanel.BoundPanel):
        @property
        def attrs(self):
            return {**super().attrs, **shown_for_attrs(self.form, SHOWN_FOR.get(self.field_name))}


class QuestionFieldRowPanel(FieldRowPanel):
    """A row of settings, shown while at least one of its fields applies to the question type."""

    class BoundPanel(FieldRowPanel.BoundPanel):
        @property
        def attrs(self):
            types = []
            for child in self.panel.children:
                for value in SHOWN_FOR.get(
                    getattr(child, "field_name", ""), QUESTION_TYPES + [q.SECTION]
                ):
                    if value not in types:
                        types.append(value)
            return {**super().attrs, **shown_for_attrs(self.form, types)}


class ConditionAnswerSelect(forms.Select):
    """The answers of every question a condition can name, grouped by question. With JavaScript,
    `w-rules` shows only the answers of the question chosen in the list beside it."""

    template_name = "feedback/admin/condition_answer_select.html"

    def __init__(self, *, options=(), question_field="", question_key="", attrs=None):
        super().__init__(attrs)
        self.options = list(options)
        self.question_field = question_field
        self.question_key = question_key

    def rules(self, question_key):
        return json.dumps({self.question_field: [question_key]})

    def optgroups(self, name, value, attrs=None):
        current = str(value[0]) if value and value[0] is not None else ""
        found = False
        groups = []
        for index, option in enumerate(self.options, start=1):
            choices = []
            for subindex, (choice_key, label) in enumerate(option.choices):
                selected = not found and option.key == self.question_key and choice_key == current
                found = found or selected
                choice = self.create_option(
                    name, choice_key, label, selected, index, subindex=subindex
                )
                choice["attrs"].update(
                    {"data-w-rules-target": "show", "data-w-rules": self.rules(option.key)}
                )
                choices.append(choice)
            groups.append((option.label, choices, index, self.rules(option.key)))
        if current and not found:  # kept, so saving shows why it no longer works
            missing = self.create_option(
                name, current, _("“%(key)s” (no longer an answer)") % {"key": current}, True, 0
            )
            groups.insert(0, (None, [missing], 0, ""))
        blank = self.create_option(name, "", _("Choose an answer"), not current, 0)
        groups.insert(0, (None, [blank], 0, ""))
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["optgroups"] = [
            {"label": label, "options": options, "index": index, "rules": rules}
            for label, options, index, rules in self.optgroups(
                name, context["widget"]["value"], attrs
            )
        ]
        return context


class FileTypesField(forms.MultipleChoiceField):
    """The file types an upload question takes, as ticks; stored as "pdf,jpeg" (blank: all)."""

    def __init__(self, **kwargs):
        # circular: feedback.uploads reads the models, which import this module
        from feedback.uploads import FILE_TYPES

        kwargs.setdefault("choices", [(key, label) for key, (label, _mime, _ext) in FILE_TYPES.items()])
        super().__init__(widget=forms.CheckboxSelectMultiple, required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return [part for part in value.split(",") if part]
        return value

    def clean(self, value):
        return ",".join(super().clean(value))


class QuestionFormSet(BaseChildFormSet):
    """The formset of a form's questions: gives each one the lists its condition is chosen from."""

    def condition_options(self):
        if not hasattr(self, "_condition_options"):
            self._condition_options = condition_options(self.instance.form_fields.all())
        return self._condition_options

    def add_fields(self, form, index):
        super().add_fields(form, index)
        own_key = form.instance.key or ""
        options = [
            option for option in self.condition_options() if not own_key or option.key != own_key
        ]
        chosen_key = form.initial.get("condition_key") or ""
        if form.is_bound:
            chosen_key = form.data.get(form.add_prefix("condition_key"), chosen_key)
        question_choices = [("", _("Always show this question"))]
        question_choices += [(option.key, option.label) for option in options]
        if chosen_key and chosen_key not in {option.key for option in options}:
            question_choices.append(
                (chosen_key, _("“%(key)s” (no longer in the form)") % {"key": chosen_key})
            )
        if "file_types" in form.fields:
            field = form.fields["file_types"]
            form.fields["file_types"] = FileTypesField(label=field.label, help_text=field.help_text)
        form.fields["condition_key"].widget = forms.Select(choices=question_choices)
        form.fields["condition_value"].widget = ConditionAnswerSelect(
            options=options,
            question_field=form.add_prefix("condition_key"),
            question_key=chosen_key,
        )


class QuestionsPanel(InlinePanel):
    """The form's questions, with the `w-rules` controller that shows each one's relevant settings."""

    def __init__(self, relation_name, *args, **kwargs):
        attrs = {"data-controller": "w-rules", "data-action": "change->w-rules#resolve"}
        attrs.update(kwargs.pop("attrs", None) or {})
        super().__init__(relation_name, *args, attrs=attrs, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = QuestionFormSet
        return options


def question_panels():
    """The panels of one question (ResponseFormField.panels)."""
    return [
        FieldPanel("label"),
        QuestionFieldPanel("help_text"),
        FieldRowPanel(
            [
                FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
                QuestionFieldPanel("required"),
            ]
        ),
        QuestionFieldPanel("choices", classname="formbuilder-choices"),
        QuestionFieldPanel("statements"),
        QuestionFieldRowPanel(
            [
                QuestionFieldPanel("max_length"),
                QuestionFieldPanel("min_value"),
                QuestionFieldPanel("max_value"),
            ]
        ),
        QuestionFieldPanel("file_types"),
        QuestionFieldPanel("max_file_size"),
        QuestionFieldPanel("new_step"),
        QuestionFieldPanel("condition_key"),
        QuestionFieldPanel("condition_value"),
        QuestionFieldPanel("sign_video"),
        QuestionFieldPanel("key"),
    ]


def _rows_in_order(formset):
    """(form, QuestionRow) for each question being kept, in the order the editor left them."""
    kept = []
    for position, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        kept.append((data.get("ORDER") or position + 1, position, form))
    kept.sort(key=lambda item: (item[0], item[1]))
    rows = []
    for _order, _position, form in kept:
        data = form.cleaned_data
        key = (data.get("key") or "").replace("-", "_")
        rows.append(
            (
                form,
                QuestionRow(
                    key=key,
                    label=data.get("label") or "",
                    field_type=data.get("field_type") or "",
                    choices=data.get("choices") or "",
                    condition_key=data.get("condition_key") or "",
                    condition_value=data.get("condition_value") or "",
                ),
            )
        )
    return rows


class ResponseFormPageForm(WagtailAdminPageForm):
    """The editor's form for a response form: conditions must name an earlier question's answer."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is None:
            return cleaned_data
        formset.is_valid()  # clean every question first, so their values can be compared
        rows = _rows_in_order(formset)
        for position, messages in condition_problems([row for _form, row in rows]).items():
            form = rows[position][0]
            for name, message in messages.items():
                form.add_error(name, message)
        return cleaned_data
