"""Admin: "Copy questions from another consultation" (a button in the page header of a
consultation and of its response form)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin.widgets import Button
from wagtail.models import Locale

from consultations.models import ConsultationPage
from feedback.form_copy import copy_questions, source_consultations
from feedback.models import ResponseFormPage

URL_NAME = "feedback_copy_questions"


class CopyQuestionsForm(forms.Form):
    source = forms.ModelChoiceField(
        label=gettext_lazy("Copy the questions of"),
        queryset=ConsultationPage.objects.none(),
        empty_label=gettext_lazy("Choose a consultation"),
        help_text=gettext_lazy(
            "They are added after any questions this form already has, as a draft: nothing "
            "changes for the public until you publish the form."
        ),
        error_messages={"required": gettext_lazy("Choose the consultation to copy from.")},
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = source_consultations(exclude=target)


def target_consultation(page) -> ConsultationPage | None:
    """The source-language consultation a header button on `page` copies into, if any."""
    specific = page.specific_deferred
    if isinstance(specific, ResponseFormPage):
        specific = page.get_parent().specific
    if not isinstance(specific, ConsultationPage) or specific.locale_id != Locale.get_default().pk:
        return None
    return specific


def can_copy_into(user, consultation) -> bool:
    form_page = ResponseFormPage.objects.child_of(consultation).filter(purpose="standard").first()
    if form_page is not None:
        return form_page.permissions_for_user(user).can_edit()
    return consultation.permissions_for_user(user).can_add_subpage()


def copy_questions_view(request, consultation_id):
    consultation = get_object_or_404(ConsultationPage, pk=consultation_id)
    if consultation.locale_id != Locale.get_default().pk:
        raise PermissionDenied  # translations get their questions through translation
    if not can_copy_into(request.user, consultation):
        raise PermissionDenied
    form = CopyQuestionsForm(request.POST or None, target=consultation)
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        form_page, count = copy_questions(source, consultation, user=request.user)
        messages.success(
            request,
            ngettext(
                "Copied %(count)d question from “%(source)s”. Check it, then publish the form.",
                "Copied %(count)d questions from “%(source)s”. Check them, then publish the form.",
                count,
            )
            % {"count": count, "source": source.title},
        )
        return redirect("wagtailadmin_pages:edit", form_page.pk)
    return TemplateResponse(
        request,
        "feedback/admin/copy_questions.html",
        {
            "consultation": consultation,
            "form": form,
            "has_sources": form.fields["source"].queryset.exists(),
        },
    )


def copy_questions_button(page, user):
    consultation = target_consultation(page)
    if consultation is None or not can_copy_into(user, consultation):
        return None
    return Button(
        _("Copy questions from another consultation"),
        url=reverse(URL_NAME, args=[consultation.pk]),
        icon_name="copy",
        priority=60,
    )
