import sys

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from django_otp import login as otp_login

from security import enrolment, mfa
from security.redirects import safe_redirect_target

RETRY_AFTER_SECONDS = 30


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next")
    return safe_redirect_target(request, target, reverse("wagtailadmin_home"))


@never_cache
@login_required
def verify(request):
    devices = mfa.confirmed_devices(request.user)
    if not devices:
        return redirect("security_mfa_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.verify(request.user, form.cleaned_data["token"], devices)
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not right, or has expired. Enter the code your app shows now."))
    return render(request, "security/mfa_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
def enrol(request):
    # A stolen password alone must never be enough to enrol a new authenticator: someone who has
    # a device proves it first; someone with none first opens the link emailed to their address.
    if mfa.confirmed_devices(request.user) and not request.user.is_verified():
        return redirect("security_mfa_verify")
    if not (request.user.is_verified() or enrolment.session_may_enrol(request)):
        return enrol_by_email(request)
    device = mfa.pending_totp_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.verify(request.user, form.cleaned_data["token"], [device]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            enrolment.finish(request)
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not right. Check the time on your phone and enter the code it shows now."))
    return render(
        request,
        "security/mfa_enrol.html",
        {"form": form, "qr_svg": mfa.qr_svg(device), "secret": mfa.manual_secret(device), "next": _next_url(request)},
    )


def enrol_by_email(request, link_problem=False):
    """The first step of a first set-up: email a one-time link to the account's own address."""
    sent = False
    if request.method == "POST" and request.POST.get("action") == "send" and enrolment.can_receive_link(request.user):
        enrolment.send_link(request.user, settings.WAGTAILADMIN_BASE_URL)
        sent = True
    context = {
        "sent": sent,
        "link_problem": link_problem,
        "has_email": enrolment.can_receive_link(request.user),
        "email": mask_email(request.user.email),
        "minutes": enrolment.link_minutes(),
        "next": _next_url(request),
    }
    return render(request, "security/mfa_enrol_email.html", context, status=400 if link_problem else 200)


@never_cache
@login_required
def enrol_link(request, token):
    """The emailed link: a page with one button, so a mail scanner's visit does not spend it."""
    link = enrolment.find_link(token, request.user)
    if link is None:
        return enrol_by_email(request, link_problem=True) if request.method == "GET" else redirect("security_mfa_enrol")
    if request.method == "POST":
        if enrolment.use_link(request, link):
            return redirect("security_mfa_enrol")
        return enrol_by_email(request, link_problem=True)
    return render(request, "security/mfa_enrol_link.html", {"token": token})


def mask_email(address: str) -> str:
    """st…@example.nhs.uk: enough for staff to recognise their address, not to read it out."""
    local, _at, domain = (address or "").partition("@")
    return f"{local[:2]}…@{domain}" if domain else ""


def database_unavailable(request=None):
    """A plain 503 page that needs no database: no context processors, no settings lookups."""
    html = loader.render_to_string("security/unavailable.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: a lost database is a 503 (try again soon), anything else the site's 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return database_unavailable(request)
    try:
        template = loader.get_template("500.html")
    except Exception:  # the 500 page itself must never fail
        return HttpResponseServerError("<h1>Server Error (500)</h1>")
    return HttpResponseServerError(template.render())
