"""'Request another format': someone asks for a material in a format or language we have not
published.

Form, view and service in one place. The view is served at
`<consultation>/request-another-format/` (a route of `consultations.ConsultationPage`), so it is
always in the consultation's language and knows which consultation the request is about.

`create_format_request()` is the one way a request is stored: it sets the promised reply date
(`home.OrganisationSettings.format_request_response_days` working days) and, once the transaction
commits, emails staff and — when the person gave an email address — the person.
"""

import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from django_tasks import task

from consultations.materials import material_titles
from consultations.models import FormatRequest
from home.forms import error_summary_items
from home.models import OrganisationSettings
from home.public_urls import public_url
from security.public_forms import clean_text, protect, too_many

logger = logging.getLogger(__name__)

SESSION_KEY = "format_request_sent"
WHOLE_CONSULTATION = ""


def add_working_days(start, days):
    """The date `days` working days (Mon–Fri) after `start`; bank holidays are not skipped."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def response_days_for(site):
    if site is None:
        return OrganisationSettings._meta.get_field("format_request_response_days").default
    return OrganisationSettings.for_site(site).format_request_response_days


# --- Form -----------------------------------------------------------------------------------------


class FormatRequestForm(forms.Form):
    material = forms.ChoiceField(label=_("Which document do you need?"), required=False)
    format = forms.ChoiceField(
        label=_("Which format do you need?"),
        choices=FormatRequest.Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the format you need")},
    )
    language = forms.CharField(
        label=_("Which language?"),
        required=False,
        max_length=100,
        help_text=_("Only if you chose another language. For example: Polish, Arabic or Tigrinya."),
    )
    details = forms.CharField(
        label=_("Anything else we should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: the size of print you need, or a date you need it by."),
        error_messages={"max_length": _("Anything else must be 2,000 characters or fewer")},
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Your name must be 150 characters or fewer"),
        },
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)
    postal_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed if you want it sent by post. Include your postcode."),
        error_messages={"max_length": _("The address must be 500 characters or fewer")},
    )

    def __init__(self, *args, materials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.material_titles = dict(materials)
        self.fields["material"].choices = [
            (WHOLE_CONSULTATION, _("All the consultation documents")),
            *materials,
        ]

    def clean(self):
        cleaned = super().clean()
        for name in ("language", "details", "name", "phone", "postal_address"):
            if name in cleaned:
                cleaned[name] = clean_text(cleaned[name])
        fmt = cleaned.get("format")
        if fmt == FormatRequest.Format.LANGUAGE and not cleaned.get("language"):
            self.add_error("language", _("Enter the language you need"))
        if fmt == FormatRequest.Format.PAPER and not cleaned.get("postal_address"):
            self.add_error("postal_address", _("Enter the address to post the paper copy to"))
        if not self.errors.get("email") and not any(
            cleaned.get(name) for name in ("email", "phone", "postal_address")
        ):
            self.add_error(
                "email", _("Enter an email address, phone number or postal address so we can reply")
            )
        return cleaned

    @property
    def material_title(self):
        return self.material_titles.get(self.cleaned_data.get("material") or "", "")

    def error_list(self):
        """(field id, message) in the order of the form, for the NHS.UK error summary."""
        return error_summary_items(self, first_anchor="id_format_0")


# --- Service --------------------------------------------------------------------------------------


def create_format_request(
    *,
    consultation=None,
    material_title="",
    format,
    language="",
    details="",
    name,
    email="",
    phone="",
    postal_address="",
    site=None,
    now=None,
):
    """Store a request, set the promised reply date and notify staff (and the person) on commit."""
    now = now or timezone.now()
    if site is None and consultation is not None:
        site = consultation.get_site()
    reply_due = add_working_days(timezone.localtime(now).date(), response_days_for(site))
    source = consultation
    if consultation is not None:
        # Requests are kept against the source-language consultation, like responses.
        from wagtail.models import Locale

        source = consultation.get_translation_or_none(Locale.get_default()) or consultation
    with transaction.atomic():
        request = FormatRequest.objects.create(
            consultation=source,
            material_title=material_title[:255],
            format=format,
            language=language,
            details=details,
            name=name,
            email=email,
            phone=phone,
            postal_address=postal_address,
            created_at=now,
            reply_due=reply_due,
        )
        language_code = translation.get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(lambda: notify_staff_of_format_request.enqueue(request.pk))
        if email:
            transaction.on_commit(
                lambda: send_format_request_receipt.enqueue(request.pk, language_code)
            )
    return request


def _email_context(format_request):
    consultation = format_request.consultation
    site = consultation.get_site() if consultation is not None else None
    organisation = OrganisationSettings.for_site(site) if site is not None else None
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "format_requests:edit", args=[format_request.pk]
    )
    return {
        "request": format_request,
        "consultation": consultation,
        "consultation_url": public_url(consultation),
        "organisation": organisation,
        "admin_url": admin_url,
    }


@task()
def notify_staff_of_format_request(format_request_id):
    format_request = (
        FormatRequest.objects.select_related("consultation").filter(pk=format_request_id).first()
    )
    recipients = list(getattr(settings, "STAFF_NOTIFICATION_EMAILS", []))
    if format_request is None or not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = _email_context(format_request)
        subject = _gettext("Request for another format %(reference)s: %(format)s") % {
            "reference": format_request.reference,
            "format": format_request.get_format_display(),
        }
        body = render_to_string("consultations/format_request_email_staff.txt", context)
    send_mail(subject, body, None, recipients)
    return True


@task()
def send_format_request_receipt(format_request_id, language_code="en"):
    format_request = (
        FormatRequest.objects.select_related("consultation").filter(pk=format_request_id).first()
    )
    if format_request is None or not format_request.email:
        return False
    with translation.override(language_code):
        context = _email_context(format_request)
        subject = _gettext("We have your request %(reference)s") % {
            "reference": format_request.reference
        }
        body = render_to_string("consultations/format_request_email_receipt.txt", context)
    send_mail(subject, body, None, [format_request.email])
    return True


# --- Views ----------------------------------------------------------------------------------------


def _too_many_requests(request):
    return too_many(
        request,
        _gettext(
            "You have asked for a lot of formats in a short time. "
            "Please wait an hour and try again."
        ),
    )


@never_cache
@csrf_protect
@protect("consultations:format_request", _too_many_requests)
def format_request_view(request, consultation):
    materials = material_titles(consultation)
    if request.method == "POST":
        form = FormatRequestForm(request.POST, materials=materials)
        if form.is_valid():
            data = form.cleaned_data
            created = create_format_request(
                consultation=consultation,
                material_title=form.material_title,
                format=data["format"],
                language=data["language"],
                details=data["details"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                postal_address=data["postal_address"],
            )
            request.session[SESSION_KEY] = created.reference
            return HttpResponseRedirect(
                consultation.get_url(request) + consultation.reverse_subpage("format_request_sent")
            )
    else:
        initial = {}
        material = request.GET.get("material", "")
        if material in dict(materials):
            initial["material"] = material
        form = FormatRequestForm(initial=initial, materials=materials)
    return render(
        request,
        "consultations/format_request.html",
        {
            "page": consultation,
            "consultation": consultation,
            "form": form,
            "errors": form.error_list() if form.is_bound else [],
        },
    )


@never_cache
def format_request_sent_view(request, consultation):
    reference = request.session.get(SESSION_KEY)
    format_request = (
        FormatRequest.objects.filter(reference=reference).first() if reference else None
    )
    if format_request is None:
        return HttpResponseRedirect(
            consultation.get_url(request) + consultation.reverse_subpage("format_request")
        )
    return render(
        request,
        "consultations/format_request_sent.html",
        {"page": consultation, "consultation": consultation, "format_request": format_request},
    )
