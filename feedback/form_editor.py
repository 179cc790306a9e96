"""The question editor in the Wagtail admin (a ResponseFormPage's "Questions").

- Each setting is shown only for the question types it applies to, with Wagtail's own `w-rules`
  Stimulus controller (`data-w-rules-target="show"`). The controller sets `hidden` in the
  browser only, so without JavaScript every setting is shown.
- A condition is picked from two lists: an earlier choice question, then one of its answers
  (only that question's answers are shown once it is chosen; all of them, grouped, without JS).
- The page form refuses a condition that cannot work (`feedback.conditions`), on the field.
- An Easy Read form (`purpose`, feedback.easy_read): each question picks the standard question it
  stands for from a list of the standard form's published questions, by their wording, and writes
  Easy Read words beside each of that question's answers (one box per standard answer, so every
  Easy Read answer is a standard answer by construction). `mapping_problems` checks it on save.
  Its settings (standard question, picture, picture description) are shown only while the page's
  purpose is Easy Read, with the same `w-rules` controller.
"""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from feedback import easy_read
from feedback import questions as q
from feedback.conditions import QuestionRow, condition_options, condition_problems

TYPE_FIELD = "field_type"
PURPOSE_FIELD = "purpose"  # the page's own field (unprefixed)
MAPS_TO_FIELD = "maps_to"
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
    "maps_to": QUESTION_TYPES,
    "image": QUESTION_TYPES,
    "image_alt": QUESTION_TYPES,
}
EASY_READ_ONLY_SETTINGS = {"maps_to", "image", "image_alt"}


def shown_for_attrs(form, types, extra=None) -> dict:
    """`w-rules` attributes showing an element only while the form's question type is in `types`
    (and every `extra` rule holds: {field name: [values]})."""
    if form is None or not types:
        return {}
    return {
        "data-w-rules-target": "show",
        "data-w-rules": json.dumps({form.add_prefix(TYPE_FIELD): list(types), **(extra or {})}),
    }


def extra_rules(form, field_name) -> dict:
    """Easy Read settings: only on an Easy Read form; a key: only while not mapped."""
    if field_name in EASY_READ_ONLY_SETTINGS:
        return {PURPOSE_FIELD: [easy_read.EASY_READ]}
    if field_name == "key" and form is not None and MAPS_TO_FIELD in form.fields:
        return {form.add_prefix(MAPS_TO_FIELD): [""]}
    return {}


class QuestionFieldPanel(FieldPanel):
    """A FieldPanel shown only for the question types in SHOWN_FOR (every type when absent)."""

    class BoundPanel(FieldPanel.BoundPanel):
        @property
        def attrs(self):
            rules = extra_rules(self.form, self.field_name)
            return {
                **super().attrs,
                **shown_for_attrs(self.form, SHOWN_FOR.get(self.field_name), rules),
            }


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


class StandardQuestionSelect(forms.Select):
    """The standard question an Easy Read question stands for, by its wording (read lazily: a
    new form learns its consultation only after the formset is made)."""

    def __init__(self, *, options, attrs=None):
        super().__init__(attrs)
        self.options = options  # a callable returning [StandardQuestion]

    def optgroups(self, name, value, attrs=None):
        current = str(value[0]) if value and value[0] is not None else ""
        options = self.options()
        self.choices = [("", _("Easy Read only: not in the standard form"))]
        self.choices += [(option.key, option.label) for option in options]
        if current and current not in {option.key for option in options}:
            self.choices.append(
                (current, _("“%(key)s” (no longer in the standard form)") % {"key": current})
            )
        return super().optgroups(name, value, attrs)


class ChoiceMappingWidget(forms.Widget):
    """An Easy Read question's answers. Asked only in Easy Read: the usual `key|label` lines. Mapped
    to a standard question: one box per answer of that question for its Easy Read words (blank:
    not offered), stored as `standard_key|Easy Read words` lines. With JavaScript only the boxes of
    the chosen question are shown (`w-rules`); without it, all of them, grouped by question."""

    template_name = "feedback/admin/choice_mapping_widget.html"

    def __init__(self, *, options, question_field, attrs=None):
        super().__init__(attrs)
        self.options = options  # a callable returning [StandardQuestion]
        self.question_field = question_field

    def _box(self, name, question_key, choice_key):
        return f"{name}__{question_key}__{choice_key}"

    def value_from_datadict(self, data, files, name):
        chosen = data.get(self.question_field, "")
        option = (
            next((o for o in self.options() if o.key == chosen and o.choices), None)
            if chosen
            else None
        )
        if option is not None:
            lines = []
            for choice_key, _label in option.choices:
                words = " ".join(str(data.get(self._box(name, option.key, choice_key), "")).split())
                if words:
                    lines.append(f"{choice_key}|{words}")
            if lines:
                return "\n".join(lines)
        return data.get(name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = value or ""
        current = {key: label for key, label in q.parse_lines(value) if key}
        groups = []
        for option in self.options():
            if not option.choices:
                continue
            boxes = [
                {
                    "name": self._box(name, option.key, choice_key),
                    "id": f"{context['widget']['attrs'].get('id', name)}-{option.key}-{choice_key}",
                    "standard": label,
                    "value": current.get(choice_key, ""),
                }
                for choice_key, label in option.choices
            ]
            groups.append(
                {
                    "label": option.label,
                    "rules": json.dumps({self.question_field: [option.key]}),
                    "boxes": boxes,
                }
            )
        context["widget"].update(
            {
                "value": value,
                "groups": groups,
                "own_rules": json.dumps({self.question_field: [""]}),
            }
        )
        return context


class FileTypesField(forms.MultipleChoiceField):
    """The file types an upload question takes, as ticks; stored as "pdf,jpeg" (blank: all)."""

    def __init__(self, **kwargs):
        # circular: feedback.uploads reads the models, which import this module
        from feedback.uploads import FILE_TYPES

        kwargs.setdefault(
            "choices", [(key, label) for key, (label, _mime, _ext) in FILE_TYPES.items()]
        )
        super().__init__(widget=forms.CheckboxSelectMultiple, required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return [part for part in value.split(",") if part]
        return value

    def clean(self, value):
        return ",".join(super().clean(value))


class QuestionFormSet(BaseChildFormSet):
    """The formset of a form's questions: gives each one the lists its condition is chosen from."""

    def standard_options(self):
        """The questions of the consultation's standard form (published), for an Easy Read form."""
        if not hasattr(self, "_standard_options"):
            page = self.instance
            parent = getattr(self, "parent_page", None) or (page.get_parent() if page.pk else None)
            rows = []
            if parent is not None:
                standard = (
                    type(page)
                    .objects.child_of(parent)
                    .filter(purpose=easy_read.STANDARD)
                    .exclude(pk=page.pk)
                    .first()
                )
                rows = list(standard.form_fields.all()) if standard is not None else []
            self._standard_options = easy_read.mapping_options(rows)
        return self._standard_options

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
        if MAPS_TO_FIELD in form.fields:
            form.fields[MAPS_TO_FIELD].widget = StandardQuestionSelect(
                options=self.standard_options
            )
            form.fields[MAPS_TO_FIELD].help_text = _(
                "The standard question this one asks in Easy Read words: its answers are counted "
                "with that question's. Questions added to the standard form appear here once it is published."
            )
            form.fields["choices"].widget = ChoiceMappingWidget(
                options=self.standard_options, question_field=form.add_prefix(MAPS_TO_FIELD)
            )
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
        QuestionFieldPanel("maps_to"),
        QuestionFieldPanel("image"),
        QuestionFieldPanel("image_alt"),
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
        key = (data.get(MAPS_TO_FIELD) or data.get("key") or "").replace("-", "_")
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
    """The editor's form for a response form: one form per purpose per consultation, conditions
    must name an earlier question's answer, Easy Read questions must map to what they can."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("form_fields")
        if formset is not None:
            formset.parent_page = self.parent_page

    def _parent(self):
        if self.parent_page is not None:
            return self.parent_page
        return self.instance.get_parent() if self.instance.pk else None

    def clean(self):
        cleaned_data = super().clean()
        purpose = cleaned_data.get(PURPOSE_FIELD) or easy_read.STANDARD
        parent = self._parent()
        if parent is not None:
            other = (
                type(self.instance)
                .objects.child_of(parent)
                .filter(purpose=purpose)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if other is not None:
                self.add_error(
                    PURPOSE_FIELD,
                    _(
                        "This consultation already has a form for this purpose (“%(title)s”). A "
                        "consultation has one standard form and at most one Easy Read version: choose "
                        "the other purpose, or edit that form."
                    )
                    % {"title": other.title},
                )
        formset = self.formsets.get("form_fields")
        if formset is None:
            return cleaned_data
        formset.is_valid()  # clean every question first, so their values can be compared
        if purpose != easy_read.EASY_READ:  # only an Easy Read question stands for another
            for form in formset.forms:
                if getattr(form, "cleaned_data", None):
                    form.cleaned_data[MAPS_TO_FIELD] = ""
        rows = _rows_in_order(formset)
        for position, messages in condition_problems([row for _form, row in rows]).items():
            form = rows[position][0]
            for name, message in messages.items():
                form.add_error(name, message)
        if purpose == easy_read.EASY_READ:
            easy_rows = [
                easy_read.EasyReadRow(
                    key=(form.cleaned_data.get("key") or "").replace("-", "_"),
                    label=row.label,
                    field_type=row.field_type,
                    maps_to=form.cleaned_data.get(MAPS_TO_FIELD) or "",
                    choices=row.choices,
                    max_value=form.cleaned_data.get("max_value"),
                )
                for form, row in rows
            ]
            problems = easy_read.mapping_problems(easy_rows, formset.standard_options())
            for position, messages in problems.items():
                form = rows[position][0]
                for name, message in messages.items():
                    if name not in form.errors:
                        form.add_error(name, message)
        return cleaned_data
