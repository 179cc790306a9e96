"""Admin: "Get embed code" for a consultation or an outcome — partner, language, copy-ready HTML,
and a live preview (embeds allow our own origin to frame them, so the admin can show one)."""

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from partners import embed
from partners.models import Partner
from partners.snippets import embed_snippet


class EmbedCodeForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.filter(is_active=True),
        required=False,
        empty_label=_("Any active partner (no attribution)"),
        help_text=_("Responses through this code are counted for the partner you choose."),
    )
    lang = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="en")


def kind_of(page):
    if isinstance(page, embed.consultation_model()):
        return "consultation"
    if isinstance(page, embed.outcome_model()):
        return "outcome"
    return None


def embed_code(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    kind = kind_of(page)
    if kind is None:
        raise Http404("not embeddable")
    form = EmbedCodeForm(request.GET or None, initial={"lang": page.locale.language_code})
    partner, lang = None, page.locale.language_code
    if form.is_bound and form.is_valid():
        partner, lang = form.cleaned_data["partner"], form.cleaned_data["lang"]
    snippet = embed_snippet(request, page, partner, lang, kind=kind)
    return TemplateResponse(
        request,
        "partners/admin/embed_code.html",
        {
            "page": page,
            "kind": kind,
            "form": form,
            "partner": partner,
            "snippet": snippet,
            "live": page.live,
            "origins": embed.embed_origins(partner),
        },
    )
